/**
 * What every instance refresh lane shares, whether it rolls out a launch template version or an SSM
 * parameter version: the blue-green lock honoured, the checks before any change (healthy percentages,
 * alarms, a refresh already running), the settings as they apply, and the verdict on how the refresh
 * ended with what it left on an old AMI.
 */
import * as core from '@actions/core';
import type { InstanceRefresh } from '@aws-sdk/client-auto-scaling';
import { missingAlarms } from '../aws/alarms.js';
import type { GroupState } from '../aws/groups.js';
import type { Lane, Scope } from '../kernel/plan.js';
import type { RolloutConfig } from './config.js';
import { leftovers, leftoverWarnings, mayLeaveMembers, waitedFor } from './leftovers.js';
import { LockHeld, lockedMessage, readLock, waitForRelease } from './lock.js';
import { type GroupOutcome, RolloutEnded } from './outcome.js';
import {
  activeRefresh,
  conflictMessage,
  describePercentages,
  describeRefresh,
  healthyPercentages,
  percentagesRefusal,
  preferences,
  type Watched,
} from './refresh.js';

export interface LanePlan {
  lane: Lane;
  refusals: string[];
  outcome: GroupOutcome;
  /** The SSM parameter the lane writes a version of (a group whose templates resolve one), if it writes. */
  writes?: { region: string; parameter: string };
}

/** Reads shared by the lanes of one region (the alarms exist or not once per region). */
export class RegionReads {
  private readonly missing = new Map<string, Promise<string[]>>();

  missingAlarms(region: string, names: string[]): Promise<string[]> {
    let found = this.missing.get(region);
    if (!found) {
      found = missingAlarms(region, names);
      this.missing.set(region, found);
    }
    return found;
  }
}

/**
 * A blue-green rollout's lock on the group: any other rollout of it refuses (on-conflict: fail or
 * cancel), or waits in the plan for the lock to go (on-conflict: wait; the group is read after). A
 * stale lock is refused with how to remove it. The refusal, and whether it waited (what was read of
 * the group before may have changed meanwhile).
 */
export async function honourLock(
  region: string,
  group: string,
  config: RolloutConfig,
  scope: Scope,
): Promise<{ refusal?: string; waited: boolean }> {
  const held = await readLock(region, group);
  if (!held) return { waited: false };
  const message = lockedMessage(group, region, held);
  if (held.stale || config.onConflict !== 'wait') return { refusal: message, waited: false };
  core.info(message);
  if (scope.dryRun) return { waited: false };
  try {
    await waitForRelease(region, group, {
      deadline: scope.deadline,
      pollIntervalSeconds: scope.pollIntervalSeconds,
    });
  } catch (error) {
    if (error instanceof LockHeld) return { refusal: error.message, waited: true };
    throw error;
  }
  return { waited: true };
}

/**
 * What every refresh lane checks before a change, and settles in the outcome: the healthy
 * percentages (their sources within Auto Scaling's limits), the alarms, a refresh already running.
 */
export async function laneChecks(
  group: GroupState,
  config: RolloutConfig,
  reads: RegionReads,
  outcome: GroupOutcome,
): Promise<{ running?: InstanceRefresh; refusals: string[] }> {
  const refusals: string[] = [];
  const percentages = healthyPercentages(config, group.group);
  const far = percentagesRefusal(percentages, group.name);
  if (far) refusals.push(far);
  outcome.settings =
    `healthy ${describePercentages(percentages)}; ` +
    `scale-in-protected-instances: ${config.scaleInProtectedInstances}; standby-instances: ${config.standbyInstances}` +
    (group.group.WarmPoolConfiguration ? '; the warm pool is replaced after the group' : '');
  const missing = await reads.missingAlarms(group.region, config.alarms);
  if (missing.length) {
    refusals.push(
      `CloudWatch alarm(s) ${missing.join(', ')} not found in ${group.region}. Check the alarms input.`,
    );
  }
  const running = await activeRefresh(group.region, group.name);
  if (running && config.onConflict === 'fail')
    refusals.push(conflictMessage(group.name, group.region, running));
  return { running, refusals };
}

/**
 * Settles the outcome from how the refresh ended, saying what it left on an old AMI: a success with
 * protected, standby or warm pool instances left behind ends with a warning naming them; a failure
 * names the instances it waited for. Throws RolloutEnded for anything but success.
 */
export async function judgeRefresh(
  group: GroupState,
  watched: Watched,
  config: RolloutConfig,
  outcome: GroupOutcome,
  targetAmis: Set<string>,
): Promise<void> {
  const status = watched.refresh.Status;
  const reason = watched.refresh.StatusReason ? `: ${watched.refresh.StatusReason}` : '';
  const signals = watched.badSignals.length ? `: ${watched.badSignals.join('; ')}` : '';
  const warm = !!group.group.WarmPoolConfiguration;
  if (status === 'Successful') {
    outcome.result = 'success';
    outcome.detail = `every instance runs ${outcome.toAmi}`;
    const warmProgress = watched.refresh.ProgressDetails?.WarmPoolProgress;
    if (warm && warmProgress) outcome.detail += ', the warm pool too';
    if (mayLeaveMembers(config) || warm) {
      const left = await leftovers(group.region, group.name, targetAmis, {
        members: mayLeaveMembers(config),
        warm,
      });
      const warnings = leftoverWarnings(group.name, left, config, outcome.toAmi ?? '');
      if (warnings.length) {
        const ids = [...left.protected, ...left.standby, ...left.warm];
        outcome.detail = `replaced every instance it could; ${ids.length} still run(s) an older AMI: ${ids.join(', ')}`;
        outcome.warnings.push(...warnings);
        for (const warning of warnings) core.warning(warning);
      }
    }
    return;
  }
  if (status === 'RollbackSuccessful') {
    throw new RolloutEnded('rolled-back', `rolled back to ${outcome.fromAmi}${signals || reason}`);
  }
  if (status === 'Cancelled') {
    throw new RolloutEnded(
      watched.badSignals.length ? 'failed' : 'cancelled',
      `refresh cancelled${signals || reason}; replaced instances keep ${outcome.toAmi}`,
    );
  }
  const waited = mayLeaveMembers(config)
    ? waitedFor(await leftovers(group.region, group.name, targetAmis, { members: true, warm: false }), config)
    : '';
  throw new RolloutEnded(
    'failed',
    `refresh ended ${status}${reason} (${describeRefresh(watched.refresh)})${waited ? `; ${waited}` : ''}`,
  );
}

export function describePreferences(
  config: RolloutConfig,
  group: GroupState,
  options: { parameter?: boolean } = {},
): string {
  const p = preferences(config, group.group, options);
  return [
    `healthy ${describePercentages(healthyPercentages(config, group.group))}`,
    p.CheckpointPercentages
      ? `checkpoints ${p.CheckpointPercentages.join(', ')} every ${p.CheckpointDelay}s`
      : '',
    p.AlarmSpecification ? `alarms ${p.AlarmSpecification.Alarms?.join(', ')}` : '',
    `ScaleInProtectedInstances ${p.ScaleInProtectedInstances}, StandbyInstances ${p.StandbyInstances}`,
    `SkipMatching ${p.SkipMatching}`,
    `AutoRollback ${p.AutoRollback}`,
  ]
    .filter(Boolean)
    .join(', ');
}
