/**
 * The Auto Scaling slice (`state.autoscaling`): groups with their instances, instance refreshes, and
 * a history of InService counts per group (for tests that check MinHealthyPercentage held).
 * JSON-serialisable: timestamps are ISO strings. Instances are real EC2 instances (`state.ec2`).
 */
import type { Faults, SimulatorApi } from '../../core/types.js';

export interface LaunchTemplateSpec {
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
  Version?: string;
}

export interface MixedInstancesPolicy {
  LaunchTemplate?: {
    LaunchTemplateSpecification?: LaunchTemplateSpec;
    Overrides?: { InstanceType?: string; LaunchTemplateSpecification?: LaunchTemplateSpec }[];
  };
  InstancesDistribution?: Record<string, unknown>;
}

/** Launch configuration of a group or a refresh's desired configuration. */
export interface GroupConfig {
  LaunchTemplate?: LaunchTemplateSpec;
  MixedInstancesPolicy?: MixedInstancesPolicy;
}

export type Lifecycle = 'Pending' | 'InService' | 'Terminating';

export interface GroupInstance {
  InstanceId: string;
  InstanceType: string;
  AvailabilityZone: string;
  LifecycleState: Lifecycle;
  HealthStatus: 'Healthy' | 'Unhealthy';
  /** The spec as the group gave it (`Version` may read `$Latest`). */
  LaunchTemplate: LaunchTemplateSpec;
  /** The version number actually launched, and its AMI. */
  versionNumber: number;
  imageId: string;
  ProtectedFromScaleIn: boolean;
  launchedAt: string;
  inServiceAt: string;
  /** When Terminating: when it leaves the group. */
  goneAt?: string;
  /** Id of the refresh (and its phase) that launched it. */
  launchedBy?: string;
}

export interface HistoryPoint {
  time: string;
  inService: number;
  desired: number;
  event: string;
}

export interface GroupRecord {
  AutoScalingGroupName: string;
  AutoScalingGroupARN: string;
  LaunchTemplate?: LaunchTemplateSpec;
  MixedInstancesPolicy?: MixedInstancesPolicy;
  MinSize: number;
  MaxSize: number;
  DesiredCapacity: number;
  DefaultCooldown: number;
  DefaultInstanceWarmup?: number;
  AvailabilityZones: string[];
  VPCZoneIdentifier: string;
  TargetGroupARNs: string[];
  HealthCheckType: 'EC2' | 'ELB' | string;
  HealthCheckGracePeriod: number;
  CreatedTime: string;
  Tags: { Key: string; Value: string; PropagateAtLaunch: boolean }[];
  instances: GroupInstance[];
  history: HistoryPoint[];
}

export type RefreshStatus =
  | 'Pending'
  | 'InProgress'
  | 'Successful'
  | 'Failed'
  | 'Cancelling'
  | 'Cancelled'
  | 'RollbackInProgress'
  | 'RollbackFailed'
  | 'RollbackSuccessful'
  | 'Baking';

export const ACTIVE_STATUSES: RefreshStatus[] = [
  'Pending',
  'InProgress',
  'Cancelling',
  'RollbackInProgress',
  'Baking',
];

export interface RefreshRecord {
  InstanceRefreshId: string;
  AutoScalingGroupName: string;
  Status: RefreshStatus;
  StatusReason?: string;
  StartTime: string;
  EndTime?: string;
  Strategy: string;
  Preferences: Record<string, any>;
  DesiredConfiguration?: GroupConfig;
  /** The group's configuration when the refresh started (what a rollback restores). */
  previous: GroupConfig;
  /** Instances to replace, counted at the start of the current phase. */
  total: number;
  replaced: number;
  /** `forward` or `rollback`: instances launched in a phase carry `<id>:<phase>`. */
  phase: 'forward' | 'rollback';
  /** Nothing happens before this time (checkpoint delay, bake time). */
  waitUntil?: string;
  /** Checkpoint percentages reached, with when. */
  checkpoints: { percentage: number; reachedAt: string }[];
  /** Old instances to terminate once the launched batch is in service (launch-before-terminate). */
  pendingTerminate: string[];
  rollback?: {
    RollbackReason: string;
    RollbackStartTime: string;
    PercentageCompleteOnRollback: number;
    InstancesToUpdateOnRollback: number;
  };
}

export interface AsgRegion {
  groups: Record<string, GroupRecord>;
  refreshes: RefreshRecord[];
}

export interface AsgState {
  regions: Record<string, AsgRegion>;
}

export function initAsgState(): AsgState {
  return { regions: {} };
}

export function asgRegion(sim: SimulatorApi, region: string): AsgRegion {
  const s = sim.slice<AsgState>('autoscaling');
  s.regions ??= {};
  s.regions[region] ??= { groups: {}, refreshes: [] };
  return s.regions[region];
}

/** Every region that has Auto Scaling state. */
export function asgRegions(sim: SimulatorApi): string[] {
  return Object.keys(sim.slice<AsgState>('autoscaling')?.regions ?? {});
}

/**
 * The AMIs each group ran when the current fault set was posted: the faults `alarmOnNewInstances`
 * and `unhealthyNewInstances` treat instances on any other AMI as "new". Kept outside the state
 * (it belongs to the fault set, and a new fault set starts a new baseline).
 */
const baselines = new WeakMap<Faults, Map<string, Set<string>>>();

export function captureBaselines(sim: SimulatorApi, region: string): void {
  if (!sim.faults.alarmOnNewInstances && !sim.faults.unhealthyNewInstances) return;
  let m = baselines.get(sim.faults);
  if (!m) {
    m = new Map();
    baselines.set(sim.faults, m);
  }
  for (const g of Object.values(asgRegion(sim, region).groups)) {
    const key = `${region}/${g.AutoScalingGroupName}`;
    if (!m.has(key)) m.set(key, new Set(g.instances.map((i) => i.imageId)));
  }
}

/** Whether an instance belongs to a group and runs an AMI that group did not run when the faults were set. */
export function isNewInstance(sim: SimulatorApi, region: string, instanceId: string): boolean {
  const m = baselines.get(sim.faults);
  if (!m) return false;
  for (const g of Object.values(asgRegion(sim, region).groups)) {
    const inst = g.instances.find((i) => i.InstanceId === instanceId);
    if (!inst) continue;
    const base = m.get(`${region}/${g.AutoScalingGroupName}`);
    return !!base && !base.has(inst.imageId);
  }
  return false;
}
