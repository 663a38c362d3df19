/**
 * How a group launches and retires instances: the launch slots of a configuration (its template, or
 * each override of a mixed instances policy), which slot the next instance takes, whether an
 * instance matches a configuration, and the launch and termination of one instance in EC2.
 */
import { DURATIONS, isoAfter, ms } from '../../core/time.js';
import { contextFor, type SimulatorApi } from '../../core/types.js';
import { runInstances } from '../ec2/instances.js';
import { findLaunchTemplate, resolveVersion } from '../ec2/launch-templates.js';
import { instanceState, schedule } from '../ec2/lifecycle.js';
import { regionState } from '../ec2/region.js';
import { targetGroups } from '../elbv2/state.js';
import { deregisterTarget, registerTarget } from '../elbv2/targets.js';
import type { GroupConfig, GroupInstance, GroupRecord, Launched, LaunchTemplateSpec } from './state.js';

/** Simulated seconds from `running` to InService (lifecycle hooks, EC2 status). */
export const IN_SERVICE_AFTER_RUNNING_SECONDS = 10;

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
  inst: Pick<GroupInstance, 'LaunchTemplate' | 'versionNumber' | 'overrideIndex' | 'InstanceType'>,
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
function nextSlot(members: { overrideIndex?: number }[], config: GroupConfig): LaunchSlot | undefined {
  const slots = launchSlots(config);
  if (slots.length <= 1) return slots[0];
  const count = (s: LaunchSlot) => members.filter((i) => i.overrideIndex === s.index).length;
  return slots.reduce((best, s) => (count(s) < count(best) ? s : best));
}

export function record(g: GroupRecord, atIso: string, event: string): void {
  const inService = g.instances.filter((i) => i.LifecycleState === 'InService').length;
  g.history.push({ time: atIso, inService, desired: g.DesiredCapacity, event });
  if (g.history.length > 2000) g.history.splice(0, g.history.length - 2000);
}

function subnetsOf(g: GroupRecord): string[] {
  return g.VPCZoneIdentifier.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Runs one EC2 instance for the group at `atMs` from `config`, in the slot and subnet the group's
 * `members` (its instances, or its warm pool's) leave the emptiest.
 */
export function launchFromConfig(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  config: GroupConfig,
  atMs: number,
  members: { overrideIndex?: number; AvailabilityZone: string }[],
): Launched {
  const slot = nextSlot(members, config);
  if (!slot) throw new Error(`group ${g.AutoScalingGroupName} has no launch template`);
  const resolved = resolveSlot(sim, region, slot);
  const data = resolved.version.LaunchTemplateData;
  const instanceType = slot.instanceType ?? data.InstanceType ?? 't3.micro';
  const subnets = subnetsOf(g);
  const r = regionState(sim, region);
  // Balance across the group's subnets (zones), as Auto Scaling does.
  const subnet = subnets.length
    ? subnets
        .map((s) => ({
          s,
          n: members.filter((i) => i.AvailabilityZone === r.subnets[s]?.AvailabilityZone).length,
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
  return {
    InstanceId: id,
    InstanceType: instanceType,
    AvailabilityZone: inst.AvailabilityZone,
    LaunchTemplate: {
      LaunchTemplateId: resolved.lt.LaunchTemplateId,
      LaunchTemplateName: resolved.lt.LaunchTemplateName,
      Version: resolved.spec.Version ?? '$Default',
    },
    versionNumber: resolved.version.VersionNumber,
    overrideIndex: slot.index,
    imageId: inst.ImageId,
    launchedAt: new Date(atMs).toISOString(),
  };
}

/** Each of the group's target groups that exists. */
function groupTargets(sim: SimulatorApi, region: string, g: GroupRecord) {
  const all = targetGroups(sim, region);
  return g.TargetGroupARNs.map((arn) => all[arn]).filter((tg) => tg !== undefined);
}

/** Puts an instance into the group's target groups (as it comes into the group). */
export function registerInGroupTargets(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  id: string,
  atIso: string,
) {
  for (const tg of groupTargets(sim, region, g)) registerTarget(tg, id, undefined, atIso);
}

/** Takes an instance out of the group's target groups (standby, termination, the warm pool). */
export function deregisterFromGroupTargets(
  sim: SimulatorApi,
  region: string,
  g: GroupRecord,
  id: string,
  atIso: string,
) {
  for (const tg of groupTargets(sim, region, g)) deregisterTarget(tg, id, atIso);
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
  const live = g.instances.filter((i) => i.LifecycleState !== 'Terminating');
  const launched = launchFromConfig(sim, region, g, config, atMs, live);
  const gi: GroupInstance = {
    ...launched,
    LifecycleState: 'Pending',
    HealthStatus: 'Healthy',
    ProtectedFromScaleIn: !!g.NewInstancesProtectedFromScaleIn,
    inServiceAt: isoAfter(atMs, DURATIONS.instancePendingSeconds + IN_SERVICE_AFTER_RUNNING_SECONDS),
    launchedBy,
  };
  g.instances.push(gi);
  registerInGroupTargets(sim, region, g, gi.InstanceId, launched.launchedAt);
  record(g, launched.launchedAt, `launch ${gi.InstanceId}`);
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
  deregisterFromGroupTargets(sim, region, g, gi.InstanceId, atIso);
  terminateEc2(sim, region, gi.InstanceId, atMs);
  record(g, atIso, `terminate ${gi.InstanceId}`);
}

/** Terminates the EC2 instance behind a group (or warm pool) instance at `atMs`. */
export function terminateEc2(sim: SimulatorApi, region: string, id: string, atMs: number) {
  const atIso = new Date(atMs).toISOString();
  const inst = regionState(sim, region).instances[id];
  if (inst && instanceState(inst, atMs) !== 'terminated') {
    const reason = `User initiated (${atIso})`;
    schedule(inst, atMs, [
      { state: 'shutting-down', after: 0, reason },
      { state: 'terminated', after: DURATIONS.instanceShuttingDownSeconds, reason },
    ]);
  }
}
