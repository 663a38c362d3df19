/**
 * CloudWatch metric alarms (`state.monitoring`). An alarm's state is its stored state, except under
 * the `alarmOnNewInstances` fault: the named alarm reads ALARM while any instance of an Auto Scaling
 * group in its region (or of the group in its `AutoScalingGroupName` dimension) is InService on an
 * AMI the group did not run when the fault was set, and OK when none is. Like a 5xx alarm, it only
 * counts instances that get traffic: not those of a group whose target groups all have weight 0 in
 * the listeners' forward actions (the idle side of a weighted blue-green shift).
 */
import type { SimulatorApi } from '../../core/types.js';
import { asgRegion, isNewInstance } from '../autoscaling/state.js';
import { receivesTraffic } from '../elbv2/listeners.js';

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmRecord {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  MetricName: string;
  Namespace: string;
  Statistic: string;
  Dimensions: { Name: string; Value: string }[];
  Period: number;
  EvaluationPeriods: number;
  Threshold: number;
  ComparisonOperator: string;
  ActionsEnabled: boolean;
  StateValue: AlarmStateValue;
  StateReason: string;
  StateUpdatedTimestamp: string;
  AlarmConfigurationUpdatedTimestamp: string;
}

export interface CloudWatchState {
  regions: Record<string, { alarms: Record<string, AlarmRecord> }>;
}

export function initCloudWatchState(): CloudWatchState {
  return { regions: {} };
}

export function alarms(sim: SimulatorApi, region: string): Record<string, AlarmRecord> {
  const s = sim.slice<CloudWatchState>('monitoring');
  s.regions ??= {};
  s.regions[region] ??= { alarms: {} };
  return s.regions[region].alarms;
}

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

function newInstancesInService(sim: SimulatorApi, region: string, alarm: AlarmRecord): number {
  const group = alarm.Dimensions.find((d) => d.Name === 'AutoScalingGroupName')?.Value;
  let n = 0;
  for (const g of Object.values(asgRegion(sim, region).groups)) {
    if (group && g.AutoScalingGroupName !== group) continue;
    const arns = g.TargetGroupARNs;
    if (arns.length && !arns.some((arn) => receivesTraffic(sim, region, arn))) continue;
    for (const i of g.instances) {
      if (i.LifecycleState === 'InService' && isNewInstance(sim, region, i.InstanceId)) n++;
    }
  }
  return n;
}

/** The alarm as it reads now (fault applied); updates the stored state when the fault changes it. */
export function currentAlarm(
  sim: SimulatorApi,
  region: string,
  alarm: AlarmRecord,
  atIso?: string,
): AlarmRecord {
  if (sim.faults.alarmOnNewInstances !== alarm.AlarmName) return alarm;
  const n = newInstancesInService(sim, region, alarm);
  const want: AlarmStateValue = n > 0 ? 'ALARM' : 'OK';
  if (alarm.StateValue !== want) {
    alarm.StateValue = want;
    alarm.StateUpdatedTimestamp = atIso ?? sim.clock.now().toISOString();
    alarm.StateReason =
      want === 'ALARM'
        ? `Threshold Crossed: 1 datapoint [${n * 7}.0] was greater than or equal to the threshold (${alarm.Threshold}.0).`
        : `Threshold Crossed: 1 datapoint [0.0] was not greater than or equal to the threshold (${alarm.Threshold}.0).`;
  }
  return alarm;
}

/** Names of the given alarms that are in ALARM (unknown names are ignored, as AWS does). */
export function alarmsFiring(sim: SimulatorApi, region: string, names: string[], atIso?: string): string[] {
  const all = alarms(sim, region);
  return names.filter((n) => all[n] && currentAlarm(sim, region, all[n], atIso).StateValue === 'ALARM');
}
