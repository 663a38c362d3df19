/**
 * The health signals a rollout watches on a group's instances: CloudWatch alarms, Auto Scaling's own
 * health status, target health in every target group, and the `health-commands`, run over SSM Run
 * Command with the same runner (and `command-timeout`) as test mode's checks. Each returns the bad
 * signals it saw, in words (empty when all is well).
 */
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { firingAlarms } from '../aws/alarms.js';
import { targetHealth } from '../aws/target-health.js';
import type { Deadline } from '../kernel/deadline.js';
import { oneLine } from '../report/foreign.js';

export interface Look {
  desired: number;
  inService: string[];
  healthy: number;
  total: number;
  bad: string[];
}

/** One look at a group's instances (all, or those given): readiness and bad signals. */
export async function lookAt(
  group: AutoScalingGroup,
  region: string,
  targetGroupArns: string[],
  alarms: string[],
  only?: (instance: NonNullable<AutoScalingGroup['Instances']>[number]) => boolean,
): Promise<Look> {
  const instances = (group.Instances ?? []).filter((i) => !only || only(i));
  const inService = instances.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
  const sick = instances
    .filter((i) => i.HealthStatus === 'Unhealthy')
    .map((i) => `${i.InstanceId} is Unhealthy in Auto Scaling`);
  const [health, firing] = await Promise.all([
    targetHealth(region, targetGroupArns, inService),
    firingAlarms(region, alarms),
  ]);
  return {
    desired: group.DesiredCapacity ?? 0,
    inService,
    healthy: health.healthy,
    total: health.total,
    bad: [...sick, ...health.unhealthy, ...firing],
  };
}

export interface HealthCommands {
  region: string;
  instanceIds: string[];
  commands: string[];
  commandTimeoutSeconds: number;
  pollIntervalSeconds: number;
  deadline: Deadline;
}

/** Runs the health commands on the instances once SSM sees them; the failures, in words. */
export async function healthCommandFailures(run: HealthCommands): Promise<string[]> {
  if (!run.commands.length || !run.instanceIds.length) return [];
  // SSM is loaded only for health commands (src/aws/ssm.ts).
  const { runCommand, waitUntilOnline } = await import('../aws/run-command.js');
  await waitUntilOnline(run.region, run.instanceIds, run.deadline, run.pollIntervalSeconds);
  const results = await runCommand({
    region: run.region,
    instanceIds: run.instanceIds,
    platform: 'Linux',
    label: 'health commands',
    lines: run.commands,
    executionTimeoutSeconds: run.commandTimeoutSeconds,
    pollIntervalSeconds: run.pollIntervalSeconds,
    deadline: run.deadline,
    output: 'failed',
  });
  return results
    .filter((result) => result.status !== 'Success')
    .map((result) => {
      const detail = oneLine((result.stderr || result.stdout || '').trim().slice(0, 300));
      return `health commands ${result.status} on ${result.instanceId} (exit ${result.exitCode ?? '?'})${detail ? `: ${detail}` : ''}`;
    });
}
