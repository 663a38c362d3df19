/** CloudWatch (awsJson1_0, query-compatible; signing name `monitoring`): metric alarms. */
import { AwsError, type CallContext, type ServiceModel, type SimulatorApi } from '../../core/types.js';
import { advanceAutoScaling } from '../autoscaling/engine.js';
import { decodeToken, encodeToken } from '../ec2/pagination.js';
import { type AlarmStateValue, alarms, currentAlarm, initCloudWatchState, putAlarm } from './alarms.js';

export interface CloudWatchScenarioSection {
  alarms?: {
    region: string;
    name: string;
    description?: string;
    state?: AlarmStateValue;
    dimensions?: { Name: string; Value: string }[];
  }[];
}

export const defaultScenarioSection: CloudWatchScenarioSection = {
  alarms: [
    {
      region: 'us-east-1',
      name: 'demo-app-5xx',
      description: 'demo-app target 5xx responses',
      state: 'OK',
      dimensions: [{ Name: 'AutoScalingGroupName', Value: 'demo-app' }],
    },
  ],
};

const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function DescribeAlarms(input: Record<string, any>, ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const names: string[] = input.AlarmNames ?? [];
  if (names.length > 100)
    throw new AwsError('InvalidParameterValue', 'AlarmNames may hold at most 100 names.');
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
  if (input.AlarmNamePrefix) items = items.filter((a) => a.AlarmName.startsWith(input.AlarmNamePrefix));
  if (input.StateValue) items = items.filter((a) => a.StateValue === input.StateValue);
  if (!types.includes('MetricAlarm')) items = [];
  items.sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
  const max = input.MaxRecords ?? 50;
  if (!(max >= 1 && max <= 100))
    throw new AwsError('InvalidParameterValue', 'MaxRecords must be between 1 and 100.');
  const start = input.NextToken ? decodeToken(input.NextToken, 'InvalidNextToken') : 0;
  const page = items.slice(start, start + max);
  return {
    MetricAlarms: page.map((a) => ({ ...a, OKActions: [], AlarmActions: [], InsufficientDataActions: [] })),
    CompositeAlarms: [],
    NextToken: start + max < items.length ? encodeToken(start + max) : undefined,
  };
}

function PutMetricAlarm(input: Record<string, any>, ctx: CallContext) {
  if (!input.AlarmName) throw new AwsError('MissingParameter', 'The parameter AlarmName is required.');
  putAlarm(ctx.sim, ctx.region, { ...input, AlarmName: input.AlarmName, Dimensions: input.Dimensions ?? [] });
  return {};
}

function SetAlarmState(input: Record<string, any>, ctx: CallContext) {
  const a = alarms(ctx.sim, ctx.region)[input.AlarmName];
  if (!a) throw new AwsError('ResourceNotFound', `Alarm ${input.AlarmName} not found`);
  if (!STATES.includes(input.StateValue)) {
    throw new AwsError('InvalidParameterValue', `Invalid state value: ${input.StateValue}`);
  }
  a.StateValue = input.StateValue;
  a.StateReason = input.StateReason ?? '';
  a.StateUpdatedTimestamp = ctx.sim.clock.now().toISOString();
  return {};
}

function DeleteAlarms(input: Record<string, any>, ctx: CallContext) {
  const all = alarms(ctx.sim, ctx.region);
  const missing = (input.AlarmNames ?? []).filter((n: string) => !all[n]);
  if (missing.length) throw new AwsError('ResourceNotFound', `Alarms ${missing.join(', ')} not found`);
  for (const n of input.AlarmNames ?? []) delete all[n];
  return {};
}

function seed(section: unknown, sim: SimulatorApi) {
  for (const a of (section as CloudWatchScenarioSection)?.alarms ?? []) {
    putAlarm(sim, a.region, {
      AlarmName: a.name,
      AlarmDescription: a.description,
      Dimensions: a.dimensions ?? [],
      StateValue: a.state ?? 'OK',
      StateReason:
        'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
    });
  }
}

export const cloudwatch: ServiceModel = {
  signingName: 'monitoring',
  handlers: { DescribeAlarms, PutMetricAlarm, SetAlarmState, DeleteAlarms },
  initState: initCloudWatchState,
  seed,
};
