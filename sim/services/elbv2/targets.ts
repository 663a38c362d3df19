/**
 * Targets over simulated time: registration, and target health derived from the EC2 instance's state
 * at read time: `initial` while the instance starts and for the health checks after it runs, then
 * `healthy` (or `unhealthy` under the `unhealthyNewInstances` fault), `draining` for the
 * deregistration delay after deregistration.
 */
import type { TargetHealth } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ms } from '../../core/time.js';
import type { SimulatorApi } from '../../core/types.js';
import { isNewInstance } from '../autoscaling/baselines.js';
import { instanceState, runningSince } from '../ec2/lifecycle.js';
import { regionState } from '../ec2/region.js';
import type { TargetGroupRecord, TargetRecord } from './state.js';

/** Simulated seconds from `running` to the first healthy check (interval 10 s x healthy threshold 2, plus registration). */
export const INITIAL_HEALTH_SECONDS = 20;
/** Deregistration delay (AWS default 300 s; kept short so a refresh moves on). */
export const DEREGISTRATION_DELAY_SECONDS = 30;

/** Registers (or re-registers) a target at `atIso`. */
export function registerTarget(
  tg: TargetGroupRecord,
  id: string,
  port: number | undefined,
  atIso: string,
): void {
  const live = tg.targets.find((t) => t.Id === id && !t.deregisteredAt);
  if (live) return;
  tg.targets = tg.targets.filter((t) => t.Id !== id);
  tg.targets.push({ Id: id, Port: port ?? tg.Port, registeredAt: atIso });
}

export function deregisterTarget(tg: TargetGroupRecord, id: string, atIso: string): void {
  const t = tg.targets.find((x) => x.Id === id && !x.deregisteredAt);
  if (t) t.deregisteredAt = atIso;
}

/** The target's health at `nowMs`, or undefined once it is gone (deregistered and drained). */
export function targetHealth(
  sim: SimulatorApi,
  region: string,
  t: TargetRecord,
  nowMs: number,
): TargetHealth | undefined {
  if (t.deregisteredAt) {
    if (nowMs >= ms(t.deregisteredAt) + DEREGISTRATION_DELAY_SECONDS * 1000) return undefined;
    return {
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    };
  }
  const inst = regionState(sim, region).instances[t.Id];
  if (!inst) {
    return {
      State: 'unavailable',
      Reason: 'Target.InvalidState',
      Description: 'Target is in an invalid state',
    };
  }
  const state = instanceState(inst, nowMs);
  if (state === 'pending') {
    return {
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
      Description: 'Target registration is in progress',
    };
  }
  const since = runningSince(inst, nowMs);
  if (since === undefined) {
    return { State: 'unused', Reason: 'Target.InvalidState', Description: 'Target is in the stopped state' };
  }
  if (nowMs < Math.max(since, ms(t.registeredAt)) + INITIAL_HEALTH_SECONDS * 1000) {
    return {
      State: 'initial',
      Reason: 'Elb.InitialHealthChecking',
      Description: 'Initial health checks in progress',
    };
  }
  if (sim.faults.unhealthyNewInstances && isNewInstance(sim, region, t.Id)) {
    return {
      State: 'unhealthy',
      Reason: 'Target.FailedHealthChecks',
      Description: 'Health checks failed with these codes: [502]',
    };
  }
  return { State: 'healthy' };
}
