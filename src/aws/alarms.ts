/** CloudWatch alarms a rollout watches: which are missing (a typo would watch nothing), which fire. */
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { awsClient } from './clients.js';

async function describeAlarms(region: string, names: string[]): Promise<MetricAlarm[]> {
  if (!names.length) return [];
  // CloudWatch is loaded only for a rollout that names alarms.
  const { CloudWatchClient, DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
  // At most 10 alarms reach here (the instance refresh limit, checked with the inputs): one page.
  const out = await awsClient(CloudWatchClient, region).send(
    new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  return [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])];
}

/** The alarms in ALARM, in words (empty when none fires). */
export async function firingAlarms(region: string, names: string[]): Promise<string[]> {
  return (await describeAlarms(region, names))
    .filter((a) => a.StateValue === 'ALARM')
    .map((a) => `alarm ${a.AlarmName} is in ALARM${a.StateReason ? ` (${a.StateReason})` : ''}`);
}

/** Alarm names that do not exist. */
export async function missingAlarms(region: string, names: string[]): Promise<string[]> {
  const found = new Set((await describeAlarms(region, names)).map((a) => a.AlarmName));
  return names.filter((n) => !found.has(n));
}
