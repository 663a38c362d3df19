/**
 * What an alarm reads now. Its stored state, except under the `alarmOnNewInstances` fault: the named
 * alarm reads ALARM while any instance of an Auto Scaling group in its region (or of the group in its
 * `AutoScalingGroupName` dimension) is InService on an AMI the group did not run when the fault was
 * set, and OK when none is. Like a 5xx alarm, it only counts instances that get traffic: not those of
 * a group whose target groups all have weight 0 in the listeners' forward actions (the idle side of a
 * weighted blue-green shift).
 */
import type { SimulatorApi } from '../../core/types.js';
import { isNewInstance } from '../autoscaling/baselines.js';
import { asgRegion } from '../autoscaling/state.js';
import { receivesTraffic } from '../elbv2/actions.js';
import { type AlarmRecord, type AlarmStateValue, alarms } from './state.js';

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
