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

/** The states the simulator uses of the SDK's `LifecycleState`. */
export type Lifecycle = Extract<LifecycleState, 'Pending' | 'InService' | 'Terminating'>;

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

/** The group's instances that are not on their way out. */
export function liveInstances(g: GroupRecord): GroupInstance[] {
  return g.instances.filter((i) => i.LifecycleState !== 'Terminating');
}
