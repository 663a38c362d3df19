/** Metric alarms: DescribeAlarms, PutMetricAlarm, SetAlarmState, DeleteAlarms. */
import type {
  DeleteAlarmsCommandInput,
  DeleteAlarmsCommandOutput,
  DescribeAlarmsCommandInput,
  DescribeAlarmsCommandOutput,
  MetricAlarm,
  PutMetricAlarmCommandInput,
  PutMetricAlarmCommandOutput,
  SetAlarmStateCommandInput,
  SetAlarmStateCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { advanceAutoScaling } from '../autoscaling/engine.js';
import { currentAlarm } from './alarm-state.js';
import { CLOUDWATCH_PAGING, MAX_ALARM_NAMES } from './limits.js';
import { type AlarmRecord, alarms } from './state.js';

export function putAlarm(
  sim: SimulatorApi,
  region: string,
  input: Partial<AlarmRecord> & { AlarmName: string },
): AlarmRecord {
  const now = sim.clock.now().toISOString();
  const prev = alarms(sim, region)[input.AlarmName];
  const rec: AlarmRecord = {
    AlarmArn: `arn:aws:cloudwatch:${region}:${sim.accountId}:alarm:${input.AlarmName}`,
    MetricName: 'HTTPCode_Target_5XX_Count',
    Namespace: 'AWS/ApplicationELB',
    Statistic: 'Sum',
    Dimensions: [],
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    ActionsEnabled: true,
    StateValue: prev?.StateValue ?? 'INSUFFICIENT_DATA',
    StateReason: prev?.StateReason ?? 'Unchecked: Initial alarm creation',
    StateUpdatedTimestamp: prev?.StateUpdatedTimestamp ?? now,
    ...input,
    AlarmConfigurationUpdatedTimestamp: now,
  } as AlarmRecord;
  alarms(sim, region)[rec.AlarmName] = rec;
  return rec;
}

const STATES: string[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function metricAlarm(a: AlarmRecord): MetricAlarm {
  return {
    ...a,
    StateUpdatedTimestamp: new Date(a.StateUpdatedTimestamp),
    AlarmConfigurationUpdatedTimestamp: new Date(a.AlarmConfigurationUpdatedTimestamp),
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
  };
}

export const DescribeAlarms: Handler<DescribeAlarmsCommandInput, DescribeAlarmsCommandOutput> = (
  input,
  ctx,
) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const names: string[] = input.AlarmNames ?? [];
  if (names.length > MAX_ALARM_NAMES)
    throw new AwsError('InvalidParameterValue', `AlarmNames may hold at most ${MAX_ALARM_NAMES} names.`);
  if (input.AlarmNames?.length && input.AlarmNamePrefix) {
    throw new AwsError(
      'InvalidParameterCombination',
      'AlarmNamePrefix and AlarmNames cannot be specified together.',
    );
  }
  if (input.StateValue && !STATES.includes(input.StateValue)) {
    throw new AwsError('InvalidParameterValue', `Invalid state value: ${input.StateValue}`);
  }
  const types: string[] = input.AlarmTypes ?? ['MetricAlarm'];
  let items = Object.values(alarms(ctx.sim, ctx.region)).map((a) => currentAlarm(ctx.sim, ctx.region, a));
  if (names.length) items = items.filter((a) => names.includes(a.AlarmName));
  const prefix = input.AlarmNamePrefix;
  if (prefix) items = items.filter((a) => a.AlarmName.startsWith(prefix));
  if (input.StateValue) items = items.filter((a) => a.StateValue === input.StateValue);
  if (!types.includes('MetricAlarm')) items = [];
  items.sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
  const { page, next } = paginate(items, input, CLOUDWATCH_PAGING.DescribeAlarms);
  return {
    MetricAlarms: page.map(metricAlarm),
    CompositeAlarms: [],
    NextToken: next,
  };
};

export const PutMetricAlarm: Handler<PutMetricAlarmCommandInput, PutMetricAlarmCommandOutput> = (
  input,
  ctx,
) => {
  if (!input.AlarmName) throw new AwsError('MissingParameter', 'The parameter AlarmName is required.');
  putAlarm(ctx.sim, ctx.region, { ...input, AlarmName: input.AlarmName, Dimensions: input.Dimensions ?? [] });
  return {};
};

export const SetAlarmState: Handler<SetAlarmStateCommandInput, SetAlarmStateCommandOutput> = (input, ctx) => {
  const a = alarms(ctx.sim, ctx.region)[input.AlarmName ?? ''];
  if (!a) throw new AwsError('ResourceNotFound', `Alarm ${input.AlarmName} not found`);
  if (!input.StateValue || !STATES.includes(input.StateValue)) {
    throw new AwsError('InvalidParameterValue', `Invalid state value: ${input.StateValue}`);
  }
  a.StateValue = input.StateValue;
  a.StateReason = input.StateReason ?? '';
  a.StateUpdatedTimestamp = ctx.sim.clock.now().toISOString();
  return {};
};

export const DeleteAlarms: Handler<DeleteAlarmsCommandInput, DeleteAlarmsCommandOutput> = (input, ctx) => {
  const all = alarms(ctx.sim, ctx.region);
  const missing = (input.AlarmNames ?? []).filter((n: string) => !all[n]);
  if (missing.length) throw new AwsError('ResourceNotFound', `Alarms ${missing.join(', ')} not found`);
  for (const n of input.AlarmNames ?? []) delete all[n];
  return {};
};
