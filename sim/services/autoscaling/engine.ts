/**
 * Auto Scaling over simulated time. Nothing runs on a timer: every Auto Scaling, ELBv2 and
 * CloudWatch call first replays, in time order, the events due since the last call (instances
 * coming InService, terminated instances leaving, instance refresh steps), each at its own
 * simulated time.
 *
 * Instance refresh: replaces instances batch by batch. With MaxHealthyPercentage above 100 it
 * launches a batch first and terminates as many old instances once the new ones are warm, so
 * InService never drops; otherwise it terminates a batch of at most
 * `capacity - ceil(capacity * MinHealthyPercentage / 100)` instances (at least one), then launches
 * their replacements. It pauses `CheckpointDelay` at each checkpoint, skips matching instances
 * with `SkipMatching`, rolls back on a firing alarm with `AutoRollback`, and ends Successful (after
 * `BakeTime`, reading `Baking`) by making the desired configuration the group's.
 */
import { randomUUID } from 'node:crypto';
import { isoAfter, ms } from '../../core/time.js';
import type { SimulatorApi } from '../../core/types.js';
import { alarmsFiring } from '../cloudwatch/alarm-state.js';
import { targetGroups } from '../elbv2/state.js';
import { targetHealth } from '../elbv2/targets.js';
import { captureBaselines } from './baselines.js';
import { configOf, launchInstance, matches, record, terminateInstance } from './launch.js';
import {
  ACTIVE_STATUSES,
  asgRegion,
  capacityInstances,
  type GroupConfig,
  type GroupInstance,
  type GroupRecord,
  type RefreshRecord,
} from './state.js';
import { applyWarmEvents, launchWarm, liveWarm, terminateWarm, warmEvents } from './warm-pool.js';

export * from './launch.js';

const DEFAULT_WARMUP_SECONDS = 300;
/**
 * How long a refresh waits for protected or standby instances (preference Wait) before it fails:
 * "waits one hour for you to remove scale-in protection. Otherwise, the instance refresh will fail."
 */
export const PROTECTED_WAIT_SECONDS = 3600;

export function activeRefresh(sim: SimulatorApi, region: string, group: string): RefreshRecord | undefined {
  return asgRegion(sim, region).refreshes.find(
    (r) => r.AutoScalingGroupName === group && ACTIVE_STATUSES.includes(r.Status),
  );
}

/** The healthy percentages a refresh keeps: its preferences, else the group's maintenance policy, else 90 / 100. */
export function effectivePercentages(g: GroupRecord, prefs: RefreshRecord['Preferences']) {
  const policy = g.InstanceMaintenancePolicy ?? {};
  const own = (v: number | undefined) => (v === undefined || v < 0 ? undefined : v);
  return {
    MinHealthyPercentage: prefs.MinHealthyPercentage ?? own(policy.MinHealthyPercentage) ?? 90,
    MaxHealthyPercentage: prefs.MaxHealthyPercentage ?? own(policy.MaxHealthyPercentage) ?? 100,
  };
}

/** What a refresh does with an instance: replace it, leave it (Ignore), or wait for it (Wait). */
function treatment(refresh: RefreshRecord, i: GroupInstance): 'replace' | 'ignore' | 'wait' | 'terminate' {
  if (i.LifecycleState === 'Standby') {
    const pref = refresh.Preferences.StandbyInstances ?? 'Wait';
    return pref === 'Terminate' ? 'terminate' : pref === 'Ignore' ? 'ignore' : 'wait';
  }
  if (i.ProtectedFromScaleIn) {
    const pref = refresh.Preferences.ScaleInProtectedInstances ?? 'Wait';
    return pref === 'Refresh' ? 'replace' : pref === 'Ignore' ? 'ignore' : 'wait';
  }
  return 'replace';
}

function warmupSeconds(g: GroupRecord, refresh: RefreshRecord): number {
  return Number(
    refresh.Preferences.InstanceWarmup ??
      g.DefaultInstanceWarmup ??
      g.HealthCheckGracePeriod ??
      DEFAULT_WARMUP_SECONDS,
  );
}

function phaseTag(refresh: RefreshRecord): string {
  return `${refresh.InstanceRefreshId}:${refresh.phase}`;
}

function targetConfig(g: GroupRecord, refresh: RefreshRecord): GroupConfig {
  if (refresh.phase === 'rollback') return refresh.previous;
  return refresh.DesiredConfiguration ?? configOf(g);
}

/** Instances the current phase still has to replace (those its preferences ignore left out). */
export function toReplace(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  refresh: RefreshRecord,
): GroupInstance[] {
  const config = targetConfig(g, refresh);
  const skip = refresh.phase === 'rollback' || refresh.Preferences.SkipMatching === true;
  return g.instances.filter(
    (i) =>
      i.LifecycleState !== 'Terminating' &&
      i.launchedBy !== phaseTag(refresh) &&
      !refresh.pendingTerminate.includes(i.InstanceId) &&
      treatment(refresh, i) !== 'ignore' &&
      !(skip && matches(sim, region, i, config)),
  );
}

/** Warm pool instances the current phase still has to replace. */
function warmToReplace(sim: SimulatorApi, region: string, g: GroupRecord, refresh: RefreshRecord) {
  if (!g.warmPool) return [];
  const config = targetConfig(g, refresh);
  const skip = refresh.phase === 'rollback' || refresh.Preferences.SkipMatching === true;
  return liveWarm(g.warmPool).filter(
    (w) => w.launchedBy !== phaseTag(refresh) && !(skip && matches(sim, region, w, config)),
  );
}

function end(refresh: RefreshRecord, atIso: string, status: RefreshRecord['Status'], reason?: string) {
  refresh.Status = status;
  refresh.StatusReason = reason;
  refresh.EndTime = atIso;
  refresh.waitUntil = undefined;
}

function progress(refresh: RefreshRecord) {
  const pct = refresh.total ? Math.floor((refresh.replaced / refresh.total) * 100) : 100;
  return { pct, left: Math.max(0, refresh.total - refresh.replaced) };
}

/** Starts rolling back to the configuration the group had before the refresh. */
export function beginRollback(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  refresh: RefreshRecord,
  atIso: string,
  reason: string,
) {
  const { pct, left } = progress(refresh);
  refresh.rollback = {
    RollbackReason: reason,
    RollbackStartTime: atIso,
    PercentageCompleteOnRollback: pct,
    InstancesToUpdateOnRollback: left,
  };
  refresh.Status = 'RollbackInProgress';
  refresh.StatusReason = reason;
  refresh.phase = 'rollback';
  refresh.waitUntil = undefined;
  refresh.pendingTerminate = [];
  refresh.replaced = 0;
  refresh.standbyTerminated = 0;
  refresh.blockedSince = undefined;
  refresh.warmTotal = undefined;
  refresh.total = toReplace(sim, region, g, refresh).length;
}

/** One decision of the refresh at `atMs`; returns when it next needs to look again, if known. */
function stepRefresh(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  refresh: RefreshRecord,
  atMs: number,
) {
  const atIso = new Date(atMs).toISOString();
  if (refresh.Status === 'Pending') refresh.Status = 'InProgress';
  if (refresh.Status === 'Cancelling') {
    end(refresh, atIso, 'Cancelled', 'Instance refresh was cancelled by the user.');
    return;
  }
  const alarmNames: string[] = refresh.Preferences.AlarmSpecification?.Alarms ?? [];
  if (
    refresh.phase === 'forward' &&
    alarmNames.length &&
    (refresh.Status === 'InProgress' || refresh.Status === 'Baking')
  ) {
    const firing = alarmsFiring(sim, region, alarmNames, atIso);
    if (firing.length && refresh.Preferences.AutoRollback !== true) {
      end(
        refresh,
        atIso,
        'Failed',
        `Instance refresh failed: alarm ${firing.join(', ')} went into ALARM state.`,
      );
      return;
    }
    if (firing.length) {
      beginRollback(
        sim,
        region,
        g,
        refresh,
        atIso,
        `Instance refresh rolled back: alarm ${firing.join(', ')} went into ALARM state.`,
      );
    }
  }
  if (refresh.waitUntil && ms(refresh.waitUntil) > atMs) return;
  refresh.waitUntil = undefined;
  if (refresh.Status === 'Baking') {
    finishForward(g, refresh, atIso);
    return;
  }
  const warmup = warmupSeconds(g, refresh) * 1000;
  const batchNew = g.instances.filter(
    (i) => i.launchedBy === phaseTag(refresh) && i.LifecycleState !== 'Terminating',
  );
  const warming = batchNew.filter(
    (i) => i.LifecycleState !== 'InService' || ms(i.inServiceAt) + warmup > atMs,
  );
  if (warming.length) {
    const ready = Math.max(...warming.map((i) => ms(i.inServiceAt) + warmup));
    refresh.waitUntil = new Date(Math.max(ready, atMs)).toISOString();
    return;
  }
  if (g.HealthCheckType === 'ELB' && refresh.phase === 'forward') {
    const sick = batchNew.filter((i) => targetHealthOf(sim, region, g, i.InstanceId, atMs) === 'unhealthy');
    if (sick.length) {
      const reason = `Instance refresh failed: ${sick.length} new instance(s) failed ELB health checks (${sick.map((i) => i.InstanceId).join(', ')}).`;
      if (refresh.Preferences.AutoRollback === true) beginRollback(sim, region, g, refresh, atIso, reason);
      else end(refresh, atIso, 'Failed', reason);
      return;
    }
  }
  for (const id of refresh.pendingTerminate) {
    const old = g.instances.find((i) => i.InstanceId === id);
    if (old && old.LifecycleState !== 'Terminating') terminateInstance(sim, region, g, old, atMs);
  }
  refresh.pendingTerminate = [];
  refresh.replaced = batchNew.length + (refresh.standbyTerminated ?? 0);
  const left = toReplace(sim, region, g, refresh);
  // Standby instances with StandbyInstances: Terminate go without a replacement (they are outside the capacity).
  const standby = left.filter((i) => treatment(refresh, i) === 'terminate');
  if (standby.length) {
    for (const i of standby) terminateInstance(sim, region, g, i, atMs);
    refresh.standbyTerminated = (refresh.standbyTerminated ?? 0) + standby.length;
    refresh.replaced += standby.length;
  }
  const blocked = left.filter((i) => treatment(refresh, i) === 'wait');
  const ready = left.filter((i) => treatment(refresh, i) === 'replace');
  const { pct } = progress(refresh);
  const checkpoints: number[] =
    refresh.phase === 'forward' ? (refresh.Preferences.CheckpointPercentages ?? []) : [];
  const reached = new Set(refresh.checkpoints.map((c) => c.percentage));
  const next = checkpoints.find((p) => !reached.has(p));
  if (next !== undefined && next < 100 && refresh.replaced >= Math.ceil((next * refresh.total) / 100)) {
    refresh.checkpoints.push({ percentage: next, reachedAt: atIso });
    const delay = Number(refresh.Preferences.CheckpointDelay ?? 3600);
    refresh.waitUntil = isoAfter(atMs, delay);
    refresh.StatusReason = `Waiting for checkpoint delay to end (${pct}% of instances replaced, checkpoint ${next}%).`;
    return;
  }
  if (!ready.length && blocked.length) {
    // Only protected or standby instances are left, and the preference is Wait: an hour, then fail.
    refresh.blockedSince ??= atIso;
    const ids = blocked.map((i) => i.InstanceId).join(', ');
    const what = blocked.some((i) => i.LifecycleState === 'Standby')
      ? 'instances in Standby or protected from scale in'
      : 'instances protected from scale in';
    if (atMs >= ms(refresh.blockedSince) + PROTECTED_WAIT_SECONDS * 1000) {
      const reason = `Instance refresh failed: timed out waiting for ${what} (${ids}). Remove the protection or take them out of Standby, or set ScaleInProtectedInstances / StandbyInstances to replace or ignore them.`;
      if (refresh.phase === 'forward' && refresh.Preferences.AutoRollback === true)
        beginRollback(sim, region, g, refresh, atIso, reason);
      else end(refresh, atIso, refresh.phase === 'rollback' ? 'RollbackFailed' : 'Failed', reason);
      return;
    }
    refresh.StatusReason = `Waiting for ${what} (${ids}): the instance refresh fails if they are still there at ${isoAfter(ms(refresh.blockedSince), PROTECTED_WAIT_SECONDS)}.`;
    refresh.waitUntil = isoAfter(ms(refresh.blockedSince), PROTECTED_WAIT_SECONDS);
    return;
  }
  refresh.blockedSince = undefined;
  if (!ready.length) {
    // The group's instances are done: then the warm pool's ("An instance refresh first replaces
    // InService instances. Then it replaces instances in the warm pool.")
    const stale = warmToReplace(sim, region, g, refresh);
    if (stale.length) {
      refresh.warmTotal = (refresh.warmTotal ?? 0) + stale.length;
      for (const w of stale) terminateWarm(sim, region, w, atMs);
      const fresh = stale.map(() =>
        launchWarm(sim, region, g, targetConfig(g, refresh), atMs, phaseTag(refresh)),
      );
      refresh.StatusReason = `Replacing ${stale.length} instance(s) of the warm pool.`;
      refresh.waitUntil = new Date(Math.max(...fresh.map((w) => ms(w.readyAt)))).toISOString();
      return;
    }
    if (g.warmPool) {
      const fresh = liveWarm(g.warmPool).filter((w) => w.launchedBy === phaseTag(refresh));
      refresh.warmReplaced = fresh.filter((w) => ms(w.readyAt) <= atMs).length;
      const warmingUp = fresh.filter((w) => ms(w.readyAt) > atMs);
      if (warmingUp.length) {
        refresh.waitUntil = new Date(Math.max(...warmingUp.map((w) => ms(w.readyAt)))).toISOString();
        return;
      }
    }
    if (refresh.phase === 'rollback') {
      end(refresh, atIso, 'RollbackSuccessful', refresh.rollback?.RollbackReason);
      return;
    }
    if (next === 100 && !reached.has(100)) refresh.checkpoints.push({ percentage: 100, reachedAt: atIso });
    const bake = Number(refresh.Preferences.BakeTime ?? 0);
    if (bake > 0) {
      refresh.Status = 'Baking';
      refresh.StatusReason = 'Waiting for bake time to end.';
      refresh.waitUntil = isoAfter(atMs, bake);
      return;
    }
    finishForward(g, refresh, atIso);
    return;
  }
  refresh.StatusReason = refresh.phase === 'rollback' ? refresh.rollback?.RollbackReason : undefined;
  // Above capacity (a launch-first batch cut short by a rollback): shed instead of replacing.
  const excess = capacityInstances(g).length - g.DesiredCapacity;
  if (excess > 0) {
    for (const v of ready.slice(0, excess)) terminateInstance(sim, region, g, v, atMs);
    return;
  }
  const goal = next !== undefined ? Math.ceil((next * refresh.total) / 100) : refresh.total;
  const capacity = g.DesiredCapacity;
  const { MinHealthyPercentage: minHealthy, MaxHealthyPercentage: maxHealthy } =
    refresh.effective ?? effectivePercentages(g, refresh.Preferences);
  const launchFirst = maxHealthy > 100;
  const batch = launchFirst
    ? Math.max(1, Math.floor((capacity * maxHealthy) / 100) - capacity)
    : Math.max(1, capacity - Math.ceil((capacity * minHealthy) / 100));
  const n = Math.min(batch, Math.max(1, goal - refresh.replaced), ready.length);
  const victims = ready.slice(0, n);
  const config = targetConfig(g, refresh);
  if (launchFirst) refresh.pendingTerminate = victims.map((v) => v.InstanceId);
  else for (const v of victims) terminateInstance(sim, region, g, v, atMs);
  for (let k = 0; k < n; k++) launchInstance(sim, region, g, config, atMs, phaseTag(refresh));
  const launched = g.instances.filter(
    (i) => i.launchedBy === phaseTag(refresh) && i.LifecycleState !== 'Terminating',
  );
  refresh.waitUntil = new Date(Math.max(...launched.map((i) => ms(i.inServiceAt) + warmup))).toISOString();
}

function targetHealthOf(sim: SimulatorApi, region: string, g: GroupRecord, id: string, atMs: number) {
  for (const arn of g.TargetGroupARNs) {
    const tg = targetGroups(sim, region)[arn];
    const t = tg?.targets.find((x) => x.Id === id && !x.deregisteredAt);
    if (t) {
      const h = targetHealth(sim, region, t, atMs)?.State;
      if (h === 'unhealthy') return h;
    }
  }
  return 'healthy';
}

function finishForward(g: GroupRecord, refresh: RefreshRecord, atIso: string) {
  const desired = refresh.DesiredConfiguration;
  if (desired?.LaunchTemplate) {
    g.LaunchTemplate = structuredClone(desired.LaunchTemplate);
    g.MixedInstancesPolicy = undefined;
  } else if (desired?.MixedInstancesPolicy) {
    g.MixedInstancesPolicy = structuredClone(desired.MixedInstancesPolicy);
    g.LaunchTemplate = undefined;
  }
  refresh.replaced = refresh.total;
  end(refresh, atIso, 'Successful');
}

/** The next moment something happens in the group (instance transition or refresh step). */
function nextEvent(sim: SimulatorApi, region: string, g: GroupRecord): number | undefined {
  const times: number[] = [];
  for (const i of g.instances) {
    if (i.LifecycleState === 'Pending') times.push(ms(i.inServiceAt));
    if (i.LifecycleState === 'Terminating' && i.goneAt) times.push(ms(i.goneAt));
  }
  times.push(...warmEvents(g));
  const refresh = activeRefresh(sim, region, g.AutoScalingGroupName);
  if (refresh?.waitUntil) times.push(ms(refresh.waitUntil));
  return times.length ? Math.min(...times) : undefined;
}

function applyInstanceEvents(g: GroupRecord, atMs: number) {
  for (const i of [...g.instances]) {
    if (i.LifecycleState === 'Pending' && ms(i.inServiceAt) <= atMs) {
      i.LifecycleState = 'InService';
      record(g, i.inServiceAt, `in service ${i.InstanceId}`);
    }
    if (i.LifecycleState === 'Terminating' && i.goneAt && ms(i.goneAt) <= atMs) {
      g.instances = g.instances.filter((x) => x !== i);
    }
  }
  applyWarmEvents(g, atMs);
}

/** Replays every event due up to now in every group of the region. */
export function advanceAutoScaling(sim: SimulatorApi, region: string): void {
  captureBaselines(sim, region);
  const now = sim.clock.nowMs();
  for (const g of Object.values(asgRegion(sim, region).groups)) {
    let cursor = now;
    for (let guard = 0; guard < 10_000; guard++) {
      const refresh = activeRefresh(sim, region, g.AutoScalingGroupName);
      // A refresh without a pending wait decides right away, at the time of the last event.
      const t = refresh && !refresh.waitUntil ? cursor : nextEvent(sim, region, g);
      if (t === undefined || t > now) break;
      cursor = t;
      applyInstanceEvents(g, t);
      if (refresh) stepRefresh(sim, region, g, refresh, t);
    }
  }
}

export function newRefreshId(): string {
  return randomUUID();
}
