/**
 * The refreshes this step started and has not seen to an end, saved for the post step: when the main
 * step is killed before it can stop them, the post step rolls them back (or cancels them).
 */
import * as core from '@actions/core';
import { AutoScalingClient, DescribeInstanceRefreshesCommand } from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../aws/clients.js';
import { stopRefresh } from './refresh.js';

export const PENDING_STATE = 'deploy-refreshes';

interface Pending {
  region: string;
  group: string;
  refreshId: string;
  autoRollback: boolean;
}

const pending = new Map<string, Pending>();

function save(): void {
  core.saveState(PENDING_STATE, JSON.stringify([...pending.values()]));
}

export function rememberRefresh(p: Pending): void {
  pending.set(p.refreshId, p);
  save();
}

export function forgetRefresh(refreshId: string): void {
  if (pending.delete(refreshId)) save();
}

/** The post step: stops every saved refresh that is still rolling forward. */
export async function stopPendingRefreshes(): Promise<void> {
  const saved = JSON.parse(core.getState(PENDING_STATE) || '[]') as Pending[];
  for (const p of saved) {
    const out = await awsClient(AutoScalingClient, p.region).send(
      new DescribeInstanceRefreshesCommand({
        AutoScalingGroupName: p.group,
        InstanceRefreshIds: [p.refreshId],
      }),
    );
    const status = out.InstanceRefreshes?.[0]?.Status;
    if (status !== 'Pending' && status !== 'InProgress' && status !== 'Baking') {
      core.info(
        `Instance refresh ${p.refreshId} of '${p.group}' (${p.region}): ${status ?? 'gone'}, nothing to do.`,
      );
      continue;
    }
    const how = await stopRefresh({ region: p.region, name: p.group }, { autoRollback: p.autoRollback });
    core.warning(
      `Instance refresh ${p.refreshId} of '${p.group}' (${p.region}) was still ${status} after the main step: ${how === 'rollback' ? 'rolling it back' : 'cancelled it'}.`,
    );
  }
}
