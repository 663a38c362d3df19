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
import { DURATIONS, isoAfter, ms } from '../../core/time.js';
import { contextFor, type SimulatorApi } from '../../core/types.js';
import { alarmsFiring } from '../cloudwatch/alarm-state.js';
import { runInstances } from '../ec2/instances.js';
import { findLaunchTemplate, resolveVersion } from '../ec2/launch-templates.js';
import { instanceState, schedule } from '../ec2/lifecycle.js';
import { regionState } from '../ec2/region.js';
import { targetGroups } from '../elbv2/state.js';
import { deregisterTarget, registerTarget, targetHealth } from '../elbv2/targets.js';
import { captureBaselines } from './baselines.js';
import {
  ACTIVE_STATUSES,
  asgRegion,
  type GroupConfig,
  type GroupInstance,
  type GroupRecord,
  type LaunchTemplateSpec,
  type RefreshRecord,
} from './state.js';

/** Simulated seconds from `running` to InService (lifecycle hooks, EC2 status). */
export const IN_SERVICE_AFTER_RUNNING_SECONDS = 10;
const DEFAULT_WARMUP_SECONDS = 300;

export function activeRefresh(sim: SimulatorApi, region: string, group: string): RefreshRecord | undefined {
  return asgRegion(sim, region).refreshes.find(
    (r) => r.AutoScalingGroupName === group && ACTIVE_STATUSES.includes(r.Status),
  );
}

/** The launch template spec a configuration names at its top (also inside a mixed instances policy). */
export function templateSpecOf(config: GroupConfig): LaunchTemplateSpec | undefined {
  return config.LaunchTemplate ?? config.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
}

export function configOf(g: GroupRecord): GroupConfig {
  return g.MixedInstancesPolicy
    ? { MixedInstancesPolicy: structuredClone(g.MixedInstancesPolicy) }
    : { LaunchTemplate: structuredClone(g.LaunchTemplate) };
}

/**
 * One way a configuration launches an instance: the group's launch template, or one override of a
 * mixed instances policy, with the override's own launch template when it names one (else the
 * policy's) and its instance type.
 */
export interface LaunchSlot {
  /** Position of the override in the policy's `Overrides`; absent for a plain launch template. */
  index?: number;
  spec: LaunchTemplateSpec;
  instanceType?: string;
}

export function launchSlots(config: GroupConfig): LaunchSlot[] {
  if (config.LaunchTemplate) return [{ spec: config.LaunchTemplate }];
  const lt = config.MixedInstancesPolicy?.LaunchTemplate;
  const base = lt?.LaunchTemplateSpecification;
  const overrides = lt?.Overrides ?? [];
  if (!overrides.length) return base ? [{ spec: base }] : [];
  return overrides.flatMap((o, index) => {
    const spec = o.LaunchTemplateSpecification ?? base;
    return spec ? [{ index, spec, instanceType: o.InstanceType }] : [];
  });
}

/** The template and version number a slot resolves to now (EC2's errors when it names none). */
export function resolveSlot(sim: SimulatorApi, region: string, slot: LaunchSlot) {
  const lt = findLaunchTemplate(sim, region, slot.spec);
  const version = resolveVersion(lt, slot.spec.Version ?? '$Default');
  return { lt, version, spec: slot.spec };
}

/** Every template a configuration launches from, resolved (throws EC2's error for the first it cannot). */
export function resolveConfig(sim: SimulatorApi, region: string, config: GroupConfig) {
  return launchSlots(config).map((slot) => resolveSlot(sim, region, slot));
}

/**
 * Whether an instance is already on the configuration: on the template and version of the slot it
 * was launched in (its override), or of any slot with its template when it came from another shape.
 */
export function matches(
  sim: SimulatorApi,
  region: string,
  inst: GroupInstance,
  config: GroupConfig,
): boolean {
  const slots = launchSlots(config);
  const own = slots.find((s) => s.index !== undefined && s.index === inst.overrideIndex);
  return (own ? [own] : slots).some((slot) => {
    const r = resolveSlot(sim, region, slot);
    return (
      inst.LaunchTemplate.LaunchTemplateId === r.lt.LaunchTemplateId &&
      inst.versionNumber === r.version.VersionNumber &&
      (!slot.instanceType || slot.instanceType === inst.InstanceType)
    );
  });
}

/**
 * The slot the next instance launches in. With several overrides the group spreads its instances
 * across them, round robin in override order: the override with the fewest live instances, the first
 * on a tie. (AWS picks by allocation strategy and capacity; spreading evenly is the simulator's
 * stand-in for "instance types vary", so that every override's template is used.)
 */
function nextSlot(g: GroupRecord, config: GroupConfig): LaunchSlot | undefined {
  const slots = launchSlots(config);
  if (slots.length <= 1) return slots[0];
  const live = g.instances.filter((i) => i.LifecycleState !== 'Terminating');
  const count = (s: LaunchSlot) => live.filter((i) => i.overrideIndex === s.index).length;
  return slots.reduce((best, s) => (count(s) < count(best) ? s : best));
}

function record(g: GroupRecord, atIso: string, event: string): void {
  const inService = g.instances.filter((i) => i.LifecycleState === 'InService').length;
  g.history.push({ time: atIso, inService, desired: g.DesiredCapacity, event });
  if (g.history.length > 2000) g.history.splice(0, g.history.length - 2000);
}

function subnetsOf(g: GroupRecord): string[] {
  return g.VPCZoneIdentifier.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Launches one instance of the group at `atMs` from `config`. */
export function launchInstance(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  config: GroupConfig,
  atMs: number,
  launchedBy?: string,
): GroupInstance {
  const slot = nextSlot(g, config);
  if (!slot) throw new Error(`group ${g.AutoScalingGroupName} has no launch template`);
  const resolved = resolveSlot(sim, region, slot);
  const data = resolved.version.LaunchTemplateData;
  const instanceType = slot.instanceType ?? data.InstanceType ?? 't3.micro';
  const subnets = subnetsOf(g);
  const r = regionState(sim, region);
  const live = g.instances.filter((i) => i.LifecycleState !== 'Terminating');
  // Balance across the group's subnets (zones), as Auto Scaling does.
  const subnet = subnets.length
    ? subnets
        .map((s) => ({
          s,
          n: live.filter((i) => i.AvailabilityZone === r.subnets[s]?.AvailabilityZone).length,
        }))
        .sort((a, b) => a.n - b.n)[0].s
    : undefined;
  const out = runInstances(
    {
      ImageId: data.ImageId,
      InstanceType: instanceType,
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnet,
      SecurityGroupIds: data.SecurityGroupIds,
      IamInstanceProfile: data.IamInstanceProfile,
      KeyName: data.KeyName,
      UserData: data.UserData,
      MetadataOptions: data.MetadataOptions,
      BlockDeviceMappings: data.BlockDeviceMappings,
      TagSpecifications: (data.TagSpecifications ?? []).filter((t: any) =>
        ['instance', 'volume'].includes(t.ResourceType),
      ),
    },
    contextFor(sim, 'ec2', 'RunInstances', region),
  );
  const id = out.Instances[0].InstanceId!;
  const inst = r.instances[id];
  // RunInstances stamps "now"; the event happened at atMs.
  const shift = atMs - sim.clock.nowMs();
  const shiftIso = (iso: string) => new Date(ms(iso) + shift).toISOString();
  inst.launchedAt = shiftIso(inst.launchedAt);
  for (const t of inst.transitions) t.at = shiftIso(t.at);
  inst.Tags.push({ Key: 'aws:autoscaling:groupName', Value: g.AutoScalingGroupName });
  for (const t of g.Tags) if (t.PropagateAtLaunch) inst.Tags.push({ Key: t.Key, Value: t.Value });
  const launchedAt = new Date(atMs).toISOString();
  const gi: GroupInstance = {
    InstanceId: id,
    InstanceType: instanceType,
    AvailabilityZone: inst.AvailabilityZone,
    LifecycleState: 'Pending',
    HealthStatus: 'Healthy',
    LaunchTemplate: {
      LaunchTemplateId: resolved.lt.LaunchTemplateId,
      LaunchTemplateName: resolved.lt.LaunchTemplateName,
      Version: resolved.spec.Version ?? '$Default',
    },
    versionNumber: resolved.version.VersionNumber,
    overrideIndex: slot.index,
    imageId: inst.ImageId,
    ProtectedFromScaleIn: false,
    launchedAt,
    inServiceAt: isoAfter(atMs, DURATIONS.instancePendingSeconds + IN_SERVICE_AFTER_RUNNING_SECONDS),
    launchedBy,
  };
  g.instances.push(gi);
  for (const arn of g.TargetGroupARNs) {
    const tg = targetGroups(sim, region)[arn];
    if (tg) registerTarget(tg, id, undefined, launchedAt);
  }
  record(g, launchedAt, `launch ${id}`);
  return gi;
}

/** Takes an instance out of service at `atMs`: deregisters it and terminates it in EC2. */
export function terminateInstance(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  gi: GroupInstance,
  atMs: number,
) {
  const atIso = new Date(atMs).toISOString();
  gi.LifecycleState = 'Terminating';
  gi.goneAt = isoAfter(atMs, DURATIONS.instanceShuttingDownSeconds);
  for (const arn of g.TargetGroupARNs) {
    const tg = targetGroups(sim, region)[arn];
    if (tg) deregisterTarget(tg, gi.InstanceId, atIso);
  }
  const inst = regionState(sim, region).instances[gi.InstanceId];
  if (inst && instanceState(inst, atMs) !== 'terminated') {
    const reason = `User initiated (${atIso})`;
    schedule(inst, atMs, [
      { state: 'shutting-down', after: 0, reason },
      { state: 'terminated', after: DURATIONS.instanceShuttingDownSeconds, reason },
    ]);
  }
  record(g, atIso, `terminate ${gi.InstanceId}`);
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

/** Instances the current phase still has to replace. */
function toReplace(
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
      !(skip && matches(sim, region, i, config)),
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
  refresh.replaced = batchNew.length;
  const left = toReplace(sim, region, g, refresh);
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
  if (!left.length) {
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
  const excess = g.instances.filter((i) => i.LifecycleState !== 'Terminating').length - g.DesiredCapacity;
  if (excess > 0) {
    for (const v of left.slice(0, excess)) terminateInstance(sim, region, g, v, atMs);
    return;
  }
  const goal = next !== undefined ? Math.ceil((next * refresh.total) / 100) : refresh.total;
  const capacity = g.DesiredCapacity;
  const maxHealthy = Number(refresh.Preferences.MaxHealthyPercentage ?? 100);
  const minHealthy = Number(refresh.Preferences.MinHealthyPercentage ?? 90);
  const launchFirst = maxHealthy > 100;
  const batch = launchFirst
    ? Math.max(1, Math.floor((capacity * maxHealthy) / 100) - capacity)
    : Math.max(1, capacity - Math.ceil((capacity * minHealthy) / 100));
  const n = Math.min(batch, Math.max(1, goal - refresh.replaced), left.length);
  const victims = left.slice(0, n);
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
