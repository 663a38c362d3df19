/**
 * The AMIs each group ran when the current fault set was posted: the faults `alarmOnNewInstances` and
 * `unhealthyNewInstances` treat instances on any other AMI as "new". Kept with the fault set, outside
 * the JSON state (`sim.memo`: a new fault set starts a new baseline).
 */
import type { SimulatorApi } from '../../core/types.js';
import { asgRegion } from './state.js';

/** `<region>` -> marker that the region was captured; `<region>/<group>` -> the group's AMIs then. */
const baselines = (sim: SimulatorApi) =>
  sim.memo('autoscaling.baselines', () => new Map<string, Set<string>>());

export function captureBaselines(sim: SimulatorApi, region: string): void {
  if (!sim.faults.alarmOnNewInstances && !sim.faults.unhealthyNewInstances) return;
  const m = baselines(sim);
  // Once per region and fault set: a group created later has no baseline of its own.
  if (m.has(region)) return;
  m.set(region, new Set());
  for (const g of Object.values(asgRegion(sim, region).groups)) {
    m.set(`${region}/${g.AutoScalingGroupName}`, new Set(g.instances.map((i) => i.imageId)));
  }
}

/** Whether an instance belongs to a group and runs an AMI that group did not run when the faults were set. */
export function isNewInstance(sim: SimulatorApi, region: string, instanceId: string): boolean {
  const m = baselines(sim);
  if (!m.size) return false;
  for (const g of Object.values(asgRegion(sim, region).groups)) {
    const inst = g.instances.find((i) => i.InstanceId === instanceId);
    if (!inst) continue;
    const base = m.get(`${region}/${g.AutoScalingGroupName}`);
    if (base) return !base.has(inst.imageId);
    // A group created after the faults were set (blue-green): new unless on an AMI some group ran then.
    const prefix = `${region}/`;
    const known = [...m.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
    return known.length > 0 && !known.some((b) => b.has(inst.imageId));
  }
  return false;
}
