/**
 * The instance refresh of one group: dealing with one already running (on-conflict), starting it
 * with a numbered launch template version, and watching it to the end. For a canary, each
 * checkpoint opens an observation window in which the alarms, the target health of the new
 * instances and the health commands are checked; a bad signal rolls the refresh back (or cancels it
 * when auto-rollback is off).
 */

import * as core from '@actions/core';
import {
  AutoScalingClient,
  CancelInstanceRefreshCommand,
  DescribeInstanceRefreshesCommand,
  type InstanceRefresh,
  type RefreshPreferences,
  RollbackInstanceRefreshCommand,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../aws/clients.js';
import { errorCode } from '../../aws/errors.js';
import { waitUntil } from '../../aws/wait.js';
import type { DeployConfig } from '../../inputs.js';
import { DeployError, describeGroup, type GroupState } from './groups.js';
import { firingAlarms, runHealthCommands, unhealthyTargets } from './signals.js';

export type RolloutConfig = Omit<DeployConfig, 'amiId' | 'amis'>;

const ACTIVE = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);

export function describeRefresh(r: InstanceRefresh): string {
  const pct = r.PercentageComplete ?? 0;
  const left = r.InstancesToUpdate;
  return `${r.Status} ${pct}%${left !== undefined ? `, ${left} to update` : ''}${r.StatusReason ? ` - ${r.StatusReason}` : ''}`;
}

export async function activeRefresh(region: string, group: string): Promise<InstanceRefresh | undefined> {
  const out = await awsClient(AutoScalingClient, region).send(
    new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, MaxRecords: 10 }),
  );
  return out.InstanceRefreshes?.find((r) => ACTIVE.has(r.Status ?? ''));
}

/** Polled by watchRefresh: a throttled poll is followed by the next one. */
async function refreshById(region: string, group: string, id: string): Promise<InstanceRefresh> {
  const out = await awsClient(AutoScalingClient, region, 'poll').send(
    new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, InstanceRefreshIds: [id] }),
  );
  const r = out.InstanceRefreshes?.[0];
  if (!r) throw new DeployError(`Instance refresh ${id} of group '${group}' is gone.`);
  return r;
}

function conflictMessage(group: string, region: string, r: InstanceRefresh): string {
  return (
    `Group '${group}' in ${region} already has instance refresh ${r.InstanceRefreshId} running ` +
    `(${describeRefresh(r)}, started ${r.StartTime?.toISOString() ?? '?'}). Nothing was changed. ` +
    'Set on-conflict: wait to wait for it, or on-conflict: cancel to cancel it first.'
  );
}

/** Applies on-conflict to a refresh already running on the group; returns once none runs. */
export async function settleConflict(state: GroupState, config: RolloutConfig): Promise<void> {
  const running = await activeRefresh(state.region, state.name);
  if (!running) return;
  if (config.onConflict === 'fail') throw new DeployError(conflictMessage(state.name, state.region, running));
  if (config.onConflict === 'cancel' && running.Status !== 'Cancelling') {
    core.warning(
      `Cancelling instance refresh ${running.InstanceRefreshId} of '${state.name}' (on-conflict: cancel).`,
    );
    await awsClient(AutoScalingClient, state.region)
      .send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: state.name }))
      .catch((error) => {
        if (errorCode(error) !== 'ActiveInstanceRefreshNotFound') throw error;
      });
  }
  await waitUntil({
    what: `the running instance refresh of '${state.name}' to end`,
    timeoutSeconds: config.timeout,
    pollIntervalSeconds: config.pollInterval,
    check: async () => {
      const r = await activeRefresh(state.region, state.name);
      return r ? { done: false, status: describeRefresh(r) } : { done: true, value: undefined };
    },
  });
}

export function preferences(config: RolloutConfig): RefreshPreferences {
  const canary = config.strategy === 'canary';
  return {
    MinHealthyPercentage: config.minHealthyPercentage,
    MaxHealthyPercentage: config.maxHealthyPercentage,
    InstanceWarmup: config.instanceWarmup,
    SkipMatching: config.skipMatching,
    AutoRollback: config.autoRollback,
    // A canary watches the alarms itself at each checkpoint (and calls the rollback); a rolling
    // refresh hands them to Auto Scaling, which rolls back (without auto-rollback: fails) on its own.
    AlarmSpecification: !canary && config.alarms.length ? { Alarms: config.alarms } : undefined,
    CheckpointPercentages: canary ? (config.checkpoints ?? [10, 50, 100]) : undefined,
    CheckpointDelay: canary ? config.checkpointDelay : undefined,
    BakeTime: config.bakeTime,
  };
}

export async function startRefresh(
  state: GroupState,
  version: number,
  config: RolloutConfig,
): Promise<string> {
  const spec = { LaunchTemplateId: state.templateId, Version: String(version) };
  const mixed = state.group.MixedInstancesPolicy;
  const desired =
    state.mixed && mixed
      ? {
          MixedInstancesPolicy: {
            ...mixed,
            LaunchTemplate: { ...mixed.LaunchTemplate, LaunchTemplateSpecification: spec },
          },
        }
      : { LaunchTemplate: spec };
  try {
    const out = await awsClient(AutoScalingClient, state.region).send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: state.name,
        Strategy: 'Rolling',
        DesiredConfiguration: desired,
        Preferences: preferences(config),
      }),
    );
    return out.InstanceRefreshId!;
  } catch (error) {
    if (errorCode(error) === 'InstanceRefreshInProgress') {
      const running = await activeRefresh(state.region, state.name);
      if (running)
        throw new DeployError(
          conflictMessage(state.name, state.region, running).replace(
            'Nothing was changed. ',
            `Launch template version ${version} was created but not rolled out. `,
          ),
        );
    }
    throw error;
  }
}

export interface Checkpoint {
  percentage: number;
  reachedAt: Date;
  verdict: string;
}

export interface WatchResult {
  refresh: InstanceRefresh;
  checkpoints: Checkpoint[];
  /** The bad signals that made the action roll back or cancel. */
  badSignals: string[];
}

/** New instances: launched from the new version. */
async function newInstances(state: GroupState, version: number): Promise<string[]> {
  const group = await describeGroup(state.region, state.name);
  return (group.Instances ?? [])
    .filter((i) => i.LaunchTemplate?.Version === String(version) && i.LifecycleState === 'InService')
    .map((i) => i.InstanceId!);
}

async function canarySignals(
  state: GroupState,
  version: number,
  config: RolloutConfig,
  runCommands: boolean,
) {
  const ids = await newInstances(state, version);
  const bad = [
    ...(await firingAlarms(state.region, config.alarms)),
    ...(await unhealthyTargets(state.region, state.group.TargetGroupARNs ?? [], ids)),
  ];
  if (!bad.length && runCommands && config.healthCommands.length) {
    bad.push(
      ...(await runHealthCommands(
        state.region,
        ids,
        config.healthCommands,
        config.checkpointDelay,
        config.pollInterval,
      )),
    );
  }
  return bad;
}

/** Stops a refresh that went bad: rolls it back (auto-rollback) or cancels it. */
export async function stopRefresh(
  state: Pick<GroupState, 'region' | 'name'>,
  config: Pick<RolloutConfig, 'autoRollback'>,
): Promise<'rollback' | 'cancel'> {
  const client = awsClient(AutoScalingClient, state.region);
  const how = config.autoRollback ? 'rollback' : 'cancel';
  try {
    if (how === 'rollback')
      await client.send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: state.name }));
    else await client.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: state.name }));
  } catch (error) {
    // Auto Scaling may have started its own rollback, or the refresh just ended.
    if (errorCode(error) !== 'ActiveInstanceRefreshNotFound') throw error;
  }
  return how;
}

export async function watchRefresh(
  state: GroupState,
  refreshId: string,
  version: number,
  config: RolloutConfig,
): Promise<WatchResult> {
  const canary = config.strategy === 'canary';
  const checkpoints: Checkpoint[] = [];
  const cps = (canary ? (config.checkpoints ?? [10, 50, 100]) : []).filter((p) => p < 100);
  const badSignals: string[] = [];
  let stopping = false;
  const refresh = await waitUntil({
    what: `instance refresh ${refreshId} of '${state.name}' in ${state.region}`,
    timeoutSeconds: config.timeout,
    pollIntervalSeconds: config.pollInterval,
    timeoutHint: 'The refresh keeps running in AWS; raise the timeout input if it needs longer.',
    check: async () => {
      const r = await refreshById(state.region, state.name, refreshId);
      if (!ACTIVE.has(r.Status ?? '')) return { done: true, value: r };
      if (canary && !stopping && r.Status === 'InProgress') {
        const pct = r.PercentageComplete ?? 0;
        const reached = cps.filter((p) => pct >= p && !checkpoints.some((c) => c.percentage === p));
        // Without a checkpoint below 100 there is no pause: watch the whole refresh.
        const inWindow = !cps.length || checkpoints.length > 0 || reached.length > 0;
        if (inWindow) {
          const bad = await canarySignals(state, version, config, reached.length > 0);
          for (const p of reached) {
            checkpoints.push({ percentage: p, reachedAt: new Date(), verdict: bad.length ? 'bad' : 'ok' });
            core.info(
              `'${state.name}': checkpoint ${p}% reached; ${bad.length ? bad.join('; ') : 'signals healthy'}`,
            );
          }
          if (bad.length) {
            badSignals.push(...bad);
            const last = checkpoints[checkpoints.length - 1];
            if (last) last.verdict = 'bad';
            stopping = true;
            const how = await stopRefresh(state, config);
            core.error(
              `'${state.name}': ${bad.join('; ')}. ${how === 'rollback' ? 'Rolling back' : 'Cancelling'} the instance refresh.`,
            );
          }
        }
      }
      return { done: false, status: describeRefresh(r) };
    },
  });
  return { refresh, checkpoints, badSignals };
}
