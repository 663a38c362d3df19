/**
 * The Auto Scaling slice (`state.autoscaling`): groups with their instances, instance refreshes, and
 * a history of InService counts per group (for tests that check MinHealthyPercentage held).
 * JSON-serialisable: timestamps are ISO strings. Instances are real EC2 instances (`state.ec2`).
 */
import type {
  LaunchTemplateSpecification,
  LifecycleState,
  MixedInstancesPolicy,
  RefreshPreferences,
  RefreshStrategy,
} from '@aws-sdk/client-auto-scaling';
import { regionSlice } from '../../core/regions.js';
import { AwsError, type CallContext, type SimulatorApi } from '../../core/types.js';

export type LaunchTemplateSpec = LaunchTemplateSpecification;
export type { MixedInstancesPolicy };

/** Launch configuration of a group or a refresh's desired configuration. */
export interface GroupConfig {
  LaunchTemplate?: LaunchTemplateSpec;
  MixedInstancesPolicy?: MixedInstancesPolicy;
}

/** The states the simulator uses of the SDK's `LifecycleState` (a group's own instances). */
export type Lifecycle = Extract<LifecycleState, 'Pending' | 'InService' | 'Terminating' | 'Standby'>;

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
  /** The mixed instances policy override it was launched for (position in `Overrides`). */
  overrideIndex?: number;
  imageId: string;
  ProtectedFromScaleIn: boolean;
  launchedAt: string;
  inServiceAt: string;
  /** When Terminating: when it leaves the group. */
  goneAt?: string;
  /** Id of the refresh (and its phase) that launched it. */
  launchedBy?: string;
}

/** What a launch from a group's configuration made: the EC2 instance and where it came from. */
export interface Launched {
  InstanceId: string;
  InstanceType: string;
  AvailabilityZone: string;
  LaunchTemplate: LaunchTemplateSpec;
  versionNumber: number;
  overrideIndex?: number;
  imageId: string;
  launchedAt: string;
}

/** An instance of a group's warm pool: `Warmed:Pending` until `readyAt`, then `Warmed:<PoolState>`. */
export interface WarmInstance extends Launched {
  readyAt: string;
  /** When terminating: when it leaves the pool. */
  goneAt?: string;
  launchedBy?: string;
}

/** PutWarmPool's configuration and the pool's instances. */
export interface WarmPoolRecord {
  MinSize: number;
  /** -1 or absent: the group's MaxSize. */
  MaxGroupPreparedCapacity?: number;
  PoolState: 'Stopped' | 'Running' | 'Hibernated';
  InstanceReusePolicy?: { ReuseOnScaleIn?: boolean };
  instances: WarmInstance[];
}

/** A traffic source other than an ELB target group (those live in `TargetGroupARNs`). */
export interface TrafficSourceRecord {
  Identifier: string;
  Type: string;
  attachedAt: string;
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
  TerminationPolicies?: string[];
  CapacityRebalance?: boolean;
  EnabledMetrics?: { Metric: string; Granularity: string }[];
  LifecycleHooks?: Record<string, any>[];
  ScalingPolicies?: Record<string, any>[];
  /** Target groups detached while their targets still drain: shown as `Removing`. */
  detachedTargetGroups?: { arn: string; at: string }[];
  /** Min and max healthy percentage that replacements keep (instance refresh defaults, among others). */
  InstanceMaintenancePolicy?: { MinHealthyPercentage?: number; MaxHealthyPercentage?: number };
  NewInstancesProtectedFromScaleIn?: boolean;
  warmPool?: WarmPoolRecord;
  ScheduledActions?: Record<string, any>[];
  /** VPC Lattice (and Classic Load Balancer) traffic sources; ELB target groups are `TargetGroupARNs`. */
  trafficSources?: TrafficSourceRecord[];
  /** Traffic sources detached while their targets drain: shown as `Removing`. */
  detachedTrafficSources?: (TrafficSourceRecord & { at: string })[];
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
  Strategy: RefreshStrategy;
  Preferences: RefreshPreferences;
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
  /** The healthy percentages the refresh keeps: its preferences, else the group's maintenance policy, else 90 / 100. */
  effective?: { MinHealthyPercentage: number; MaxHealthyPercentage: number };
  /** Standby instances terminated (StandbyInstances: Terminate): count as replaced. */
  standbyTerminated?: number;
  /** Since when only protected or standby instances (preference Wait) are left to replace. */
  blockedSince?: string;
  /** Warm pool instances to replace once the group's are done, and how many were. */
  warmTotal?: number;
  warmReplaced?: number;
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
  return regionSlice<AsgRegion>(sim, 'autoscaling', region, () => ({ groups: {}, refreshes: [] }));
}

/** Every region that has Auto Scaling state. */
export function asgRegions(sim: SimulatorApi): string[] {
  return Object.keys(sim.slice<AsgState>('autoscaling')?.regions ?? {});
}

/** The group, or the ValidationError Auto Scaling answers for an unknown name. */
export function requireGroup(ctx: CallContext, name: unknown): GroupRecord {
  const g = asgRegion(ctx.sim, ctx.region).groups[String(name ?? '')];
  if (!g) {
    throw new AwsError(
      'ValidationError',
      `AutoScalingGroup name not found - AutoScalingGroup '${String(name ?? '')}' not found`,
    );
  }
  return g;
}

/** The group's instances that are not on their way out (Standby ones included). */
export function liveInstances(g: GroupRecord): GroupInstance[] {
  return g.instances.filter((i) => i.LifecycleState !== 'Terminating');
}

/** The instances that count toward the desired capacity: not leaving, not in Standby. */
export function capacityInstances(g: GroupRecord): GroupInstance[] {
  return g.instances.filter((i) => i.LifecycleState !== 'Terminating' && i.LifecycleState !== 'Standby');
}

/** The group's instances by id, or the ValidationError Auto Scaling answers for one not in the group. */
export function groupInstances(g: GroupRecord, ids: unknown): GroupInstance[] {
  const list = (ids ?? []) as string[];
  return list.map((id) => {
    const found = g.instances.find((i) => i.InstanceId === id && i.LifecycleState !== 'Terminating');
    if (!found) {
      throw new AwsError(
        'ValidationError',
        `The instance ${id} is not part of Auto Scaling group ${g.AutoScalingGroupName}.`,
      );
    }
    return found;
  });
}
