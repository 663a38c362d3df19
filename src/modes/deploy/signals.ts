/**
 * The canary's health signals for the new instances: CloudWatch alarms, target health in every
 * target group of the group, and the `health-commands` run over SSM. Each returns the bad signals
 * it saw, in words (empty when all is well).
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { waitUntil } from '../../aws/wait.js';

export async function firingAlarms(region: string, names: string[]): Promise<string[]> {
  if (!names.length) return [];
  const out = await awsClient(CloudWatchClient, region).send(
    new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  const alarms = [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])];
  return alarms
    .filter((a) => a.StateValue === 'ALARM')
    .map((a) => `alarm ${a.AlarmName} is in ALARM${a.StateReason ? ` (${a.StateReason})` : ''}`);
}

/** Alarm names that do not exist: a typo would otherwise silently watch nothing. */
export async function missingAlarms(region: string, names: string[]): Promise<string[]> {
  if (!names.length) return [];
  const out = await awsClient(CloudWatchClient, region).send(
    new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  const found = new Set(
    [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])].map((a) => a.AlarmName),
  );
  return names.filter((n) => !found.has(n));
}

export async function unhealthyTargets(region: string, targetGroupArns: string[], instanceIds: string[]) {
  if (!instanceIds.length) return [];
  const bad: string[] = [];
  for (const arn of targetGroupArns) {
    const out = await awsClient(ElasticLoadBalancingV2Client, region).send(
      new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: instanceIds.map((Id) => ({ Id })) }),
    );
    for (const d of out.TargetHealthDescriptions ?? []) {
      if (d.TargetHealth?.State === 'unhealthy') {
        const tg = arn.split(':').pop();
        bad.push(
          `${d.Target?.Id} is unhealthy in ${tg} (${d.TargetHealth.Reason ?? ''}${d.TargetHealth.Description ? `: ${d.TargetHealth.Description}` : ''})`,
        );
      }
    }
  }
  return bad;
}

const TERMINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Cancelling']);

/** Runs the commands on the instances once their agents are online; returns the failures. */
export async function runHealthCommands(
  region: string,
  instanceIds: string[],
  commands: string[],
  timeoutSeconds: number,
  pollIntervalSeconds: number,
): Promise<string[]> {
  if (!commands.length || !instanceIds.length) return [];
  const ssm = awsClient(SSMClient, region);
  await waitUntil({
    what: `SSM agents of ${instanceIds.join(', ')} to come online`,
    timeoutSeconds,
    pollIntervalSeconds,
    check: async () => {
      const out = await ssm.send(
        new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: instanceIds }] }),
      );
      const online = (out.InstanceInformationList ?? []).filter((i) => i.PingStatus === 'Online').length;
      return online === instanceIds.length
        ? { done: true, value: undefined }
        : { done: false, status: `${online}/${instanceIds.length} online` };
    },
  });
  const sent = await ssm.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: instanceIds,
      Parameters: { commands },
      Comment: 'ami-action canary health check',
      TimeoutSeconds: Math.max(30, Math.round(timeoutSeconds)),
    }),
  );
  const commandId = sent.Command!.CommandId!;
  const failures: string[] = [];
  for (const id of instanceIds) {
    const inv = await waitUntil({
      what: `health commands on ${id}`,
      timeoutSeconds,
      pollIntervalSeconds,
      check: async () => {
        try {
          const out = await ssm.send(
            new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: id }),
          );
          return TERMINAL.has(out.Status ?? '')
            ? { done: true, value: out }
            : { done: false, status: out.Status ?? '?' };
        } catch (error) {
          if (isNotFound(error) || (error as Error).name === 'InvocationDoesNotExist') {
            return { done: false, status: 'not delivered yet' };
          }
          throw error;
        }
      },
    });
    if (inv.Status !== 'Success') {
      const detail = (inv.StandardErrorContent || inv.StandardOutputContent || '').trim().slice(0, 300);
      failures.push(
        `health commands ${inv.Status} on ${id} (exit ${inv.ResponseCode ?? '?'})${detail ? `: ${detail}` : ''}`,
      );
    }
  }
  return failures;
}
