/**
 * Before the switch: every instance of the new group InService, healthy in every target group, the
 * alarms OK, then the health commands, then (with bake-time) the same signals watched a while
 * longer. Any bad signal ends the wait with a BadSignal saying what was seen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import * as core from '@actions/core';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsClient } from '../../../aws/clients.js';
import { waitUntil } from '../../../aws/wait.js';
import { cancellation } from '../../../cancel.js';
import type { DeployConfig } from '../../../inputs.js';
import { DeployError, describeGroup } from '../groups.js';
import { firingAlarms, runHealthCommands } from '../signals.js';

/** What watching a group needs of the config (deploy's or rollback's). */
export type WatchConfig = Pick<
  DeployConfig,
  'region' | 'alarms' | 'timeout' | 'pollInterval' | 'healthCommands' | 'bakeTime'
>;

export class BadSignal extends DeployError {
  constructor(readonly seen: string[]) {
    super(seen.join('; '));
    this.name = 'BadSignal';
  }
}

interface Health {
  healthy: number;
  total: number;
  bad: string[];
}

async function targetHealth(region: string, arns: string[], ids: string[]): Promise<Health> {
  const health: Health = { healthy: 0, total: arns.length * ids.length, bad: [] };
  if (!ids.length) return health;
  for (const arn of arns) {
    const out = await awsClient(ElasticLoadBalancingV2Client, region).send(
      new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: ids.map((Id) => ({ Id })) }),
    );
    for (const d of out.TargetHealthDescriptions ?? []) {
      const state = d.TargetHealth?.State;
      if (state === 'healthy') health.healthy++;
      else if (state === 'unhealthy') {
        health.bad.push(
          `${d.Target?.Id} is unhealthy in ${arn.split(':').pop()} (${d.TargetHealth?.Reason ?? ''}${d.TargetHealth?.Description ? `: ${d.TargetHealth.Description}` : ''})`,
        );
      }
    }
  }
  return health;
}

/** One look at the new group: its InService instances, or the bad signals seen. */
async function look(region: string, group: string, arns: string[], config: WatchConfig) {
  const g = await describeGroup(region, group);
  const instances = g.Instances ?? [];
  const inService = instances.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
  const sick = instances
    .filter((i) => i.HealthStatus === 'Unhealthy')
    .map((i) => `${i.InstanceId} is Unhealthy in Auto Scaling`);
  const health = await targetHealth(region, arns, inService);
  const alarms = await firingAlarms(region, config.alarms);
  return {
    desired: g.DesiredCapacity ?? 0,
    inService,
    health,
    bad: [...sick, ...health.bad, ...alarms],
  };
}

/** Waits until the group is ready to serve; returns its instance ids. */
export async function validateGreen(
  region: string,
  group: string,
  arns: string[],
  config: WatchConfig,
): Promise<string[]> {
  const ids = await waitUntil({
    what: `the instances of '${group}' to be InService and healthy`,
    timeoutSeconds: config.timeout,
    pollIntervalSeconds: config.pollInterval,
    timeoutHint: 'The old group still serves; raise the timeout input if the instances need longer.',
    check: async () => {
      const seen = await look(region, group, arns, config);
      if (seen.bad.length) throw new BadSignal(seen.bad);
      const ready = seen.inService.length >= seen.desired && seen.health.healthy === seen.health.total;
      return ready
        ? { done: true, value: seen.inService }
        : {
            done: false,
            status: `${seen.inService.length}/${seen.desired} InService, ${seen.health.healthy}/${seen.health.total} healthy target registrations`,
          };
    },
  });
  const failures = await runHealthCommands(
    region,
    ids,
    config.healthCommands,
    config.timeout,
    config.pollInterval,
  );
  if (failures.length) throw new BadSignal(failures);
  if (config.bakeTime) {
    core.info(`Watching '${group}' for bake-time ${config.bakeTime}s before the switch.`);
    await watchGreen(region, group, arns, config, config.bakeTime);
  }
  return ids;
}

/** Watches the group's signals for `seconds` (looking at least at the start and the end); a bad one throws a BadSignal. */
export async function watchGreen(
  region: string,
  group: string,
  arns: string[],
  config: WatchConfig,
  seconds: number,
): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const seen = await look(region, group, arns, config);
    if (seen.bad.length) throw new BadSignal(seen.bad);
    if (Date.now() >= until) return;
    await sleep(Math.min(config.pollInterval * 1000, Math.max(0, until - Date.now())), undefined, {
      signal: cancellation,
    });
  }
}

/** The health commands on the group's InService instances; their failures as a BadSignal. */
export async function checkHealthCommands(region: string, group: string, config: WatchConfig): Promise<void> {
  if (!config.healthCommands.length) return;
  const g = await describeGroup(region, group);
  const ids = (g.Instances ?? []).filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
  const failures = await runHealthCommands(
    region,
    ids,
    config.healthCommands,
    config.timeout,
    config.pollInterval,
  );
  if (failures.length) throw new BadSignal(failures);
}
