/**
 * What an instance refresh leaves on the old AMI on purpose or by failing: instances protected from
 * scale in or in Standby (the refresh's ScaleInProtectedInstances / StandbyInstances preferences:
 * Ignore leaves them, Wait fails the refresh after an hour when they stay), and the instances of the
 * group's warm pool (a refresh replaces them after the group's own; ReuseOnScaleIn can return a
 * scaled-in instance to the pool). Read from the group, its warm pool (every page) and EC2.
 */
import { AutoScalingClient, paginateDescribeWarmPool } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../aws/clients.js';
import { describeGroup } from '../aws/groups.js';
import type { RolloutConfig } from './config.js';

/** EC2 filters take at most 200 values. */
const IDS_PER_FILTER = 200;

export interface Leftovers {
  /** Protected from scale in, still on an old AMI. */
  protected: string[];
  /** In Standby, still on an old AMI. */
  standby: string[];
  /** In the warm pool, still on an old AMI. */
  warm: string[];
}

async function amisOf(region: string, ids: string[]): Promise<Map<string, string>> {
  const amis = new Map<string, string>();
  for (let at = 0; at < ids.length; at += IDS_PER_FILTER) {
    const out = await awsClient(EC2Client, region, 'poll').send(
      new DescribeInstancesCommand({
        Filters: [{ Name: 'instance-id', Values: ids.slice(at, at + IDS_PER_FILTER) }],
      }),
    );
    for (const r of out.Reservations ?? []) {
      for (const i of r.Instances ?? []) if (i.InstanceId && i.ImageId) amis.set(i.InstanceId, i.ImageId);
    }
  }
  return amis;
}

/**
 * The group's instances (not leaving) that run none of `targetAmis` and that a refresh with these
 * preferences would replace (not those it ignores).
 */
export async function strayInstances(
  region: string,
  group: string,
  targetAmis: Set<string>,
  config: RolloutConfig,
): Promise<string[]> {
  const g = await describeGroup(region, group);
  const ids = (g.Instances ?? [])
    .filter((i) => !i.LifecycleState?.startsWith('Terminating'))
    .filter((i) =>
      i.LifecycleState?.startsWith('Standby')
        ? config.standbyInstances !== 'ignore'
        : !(i.ProtectedFromScaleIn && config.scaleInProtectedInstances === 'ignore'),
    )
    .map((i) => i.InstanceId!);
  if (!ids.length) return [];
  const amis = await amisOf(region, ids);
  return ids.filter((id) => amis.has(id) && !targetAmis.has(amis.get(id)!));
}

/**
 * The group's protected and standby instances (when `members`) and warm pool instances (when
 * `warm`) that do not run one of `targetAmis`.
 */
export async function leftovers(
  region: string,
  group: string,
  targetAmis: Set<string>,
  look: { members: boolean; warm: boolean },
): Promise<Leftovers> {
  const g = await describeGroup(region, group, 'poll');
  const members = look.members
    ? (g.Instances ?? []).filter((i) => !i.LifecycleState?.startsWith('Terminating'))
    : [];
  const protectedIds = members
    .filter((i) => i.ProtectedFromScaleIn && !i.LifecycleState?.startsWith('Standby'))
    .map((i) => i.InstanceId!);
  const standbyIds = members.filter((i) => i.LifecycleState?.startsWith('Standby')).map((i) => i.InstanceId!);
  const warmIds: string[] = [];
  if (look.warm && g.WarmPoolConfiguration) {
    for await (const page of paginateDescribeWarmPool(
      { client: awsClient(AutoScalingClient, region, 'poll'), pageSize: 50 },
      { AutoScalingGroupName: group },
    )) {
      for (const i of page.Instances ?? []) {
        if (i.InstanceId && !i.LifecycleState?.includes('Terminating')) warmIds.push(i.InstanceId);
      }
    }
  }
  const all = [...protectedIds, ...standbyIds, ...warmIds];
  if (!all.length) return { protected: [], standby: [], warm: [] };
  const amis = await amisOf(region, all);
  const old = (id: string) => !targetAmis.has(amis.get(id) ?? '');
  return { protected: protectedIds.filter(old), standby: standbyIds.filter(old), warm: warmIds.filter(old) };
}

/** Whether the preferences may leave protected or standby instances behind (or make the refresh wait for them). */
export function mayLeaveMembers(config: RolloutConfig): boolean {
  return config.scaleInProtectedInstances !== 'refresh' || config.standbyInstances !== 'terminate';
}

/** Warnings for instances left on an old AMI by a refresh that succeeded. */
export function leftoverWarnings(
  group: string,
  left: Leftovers,
  config: RolloutConfig,
  ami: string,
): string[] {
  const out: string[] = [];
  if (left.protected.length) {
    out.push(
      `'${group}': ${left.protected.length} instance(s) protected from scale in still run an AMI other than ${ami}: ${left.protected.join(', ')} ` +
        `(scale-in-protected-instances: ${config.scaleInProtectedInstances}). Replace them with scale-in-protected-instances: refresh, or once their protection is removed.`,
    );
  }
  if (left.standby.length) {
    out.push(
      `'${group}': ${left.standby.length} instance(s) in Standby still run an AMI other than ${ami}: ${left.standby.join(', ')} ` +
        `(standby-instances: ${config.standbyInstances}). They come back on it when they leave Standby: set standby-instances: terminate, or replace them after.`,
    );
  }
  if (left.warm.length) {
    out.push(
      `'${group}': ${left.warm.length} instance(s) of the warm pool still run an AMI other than ${ami}: ${left.warm.join(', ')} ` +
        '(returned to the pool by ReuseOnScaleIn after the refresh replaced it?). Start another deploy, or terminate them: the pool launches new ones.',
    );
  }
  return out;
}

/** For a refresh that failed: the instances it waited for (preference Wait), in words, or ''. */
export function waitedFor(left: Leftovers, config: RolloutConfig): string {
  const parts: string[] = [];
  if (left.protected.length && config.scaleInProtectedInstances === 'wait') {
    parts.push(
      `it waited for ${left.protected.join(', ')} (protected from scale in; scale-in-protected-instances: wait), and Auto Scaling gives up after an hour: ` +
        'remove their protection, or set scale-in-protected-instances: refresh (replace them) or ignore (leave them)',
    );
  }
  if (left.standby.length && config.standbyInstances === 'wait') {
    parts.push(
      `it waited for ${left.standby.join(', ')} (in Standby; standby-instances: wait): take them out of Standby, or set standby-instances: terminate or ignore`,
    );
  }
  return parts.join('; ');
}
