/**
 * The ELBv2 slice (`state.elasticloadbalancing`), per region: target groups with their targets, load
 * balancers, listeners and rules; and the lookups that answer AWS's not-found errors.
 */
import type {
  ActionTypeEnum,
  FixedResponseActionConfig,
  IpAddressType,
  LoadBalancerSchemeEnum,
  LoadBalancerTypeEnum,
  ProtocolEnum,
  RedirectActionConfig,
  RuleCondition,
  Tag,
  TargetGroupIpAddressTypeEnum,
  TargetTypeEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { stableHex } from '../../core/ids.js';
import { regionSlice } from '../../core/regions.js';
import { AwsError, type SimulatorApi } from '../../core/types.js';

export interface TargetRecord {
  Id: string;
  Port: number;
  registeredAt: string;
  deregisteredAt?: string;
}

export interface TargetGroupRecord {
  TargetGroupArn: string;
  TargetGroupName: string;
  Protocol: ProtocolEnum;
  Port: number;
  VpcId: string;
  HealthCheckProtocol: ProtocolEnum;
  HealthCheckPort: string;
  HealthCheckEnabled: boolean;
  HealthCheckIntervalSeconds: number;
  HealthCheckTimeoutSeconds: number;
  HealthyThresholdCount: number;
  UnhealthyThresholdCount: number;
  HealthCheckPath: string;
  Matcher: { HttpCode: string };
  LoadBalancerArns: string[];
  TargetType: TargetTypeEnum;
  ProtocolVersion: string;
  IpAddressType: TargetGroupIpAddressTypeEnum;
  targets: TargetRecord[];
}

/** A region's ELBv2 state: target groups from the start, the rest once a load balancer is used. */
export interface ElbRegion extends Partial<ListenerSlice> {
  targetGroups: Record<string, TargetGroupRecord>;
}

export interface ElbState {
  regions: Record<string, ElbRegion>;
}

function elbRegion(sim: SimulatorApi, region: string): ElbRegion {
  return regionSlice<ElbRegion>(sim, 'elasticloadbalancing', region, () => ({ targetGroups: {} }));
}

export function initElbState(): ElbState {
  return { regions: {} };
}

export function targetGroups(sim: SimulatorApi, region: string): Record<string, TargetGroupRecord> {
  return elbRegion(sim, region).targetGroups;
}

export interface ActionRecord {
  Type: ActionTypeEnum;
  Order?: number;
  TargetGroupArn?: string;
  ForwardConfig?: {
    TargetGroups: { TargetGroupArn: string; Weight: number }[];
    TargetGroupStickinessConfig: { Enabled: boolean; DurationSeconds?: number };
  };
  FixedResponseConfig?: FixedResponseActionConfig;
  RedirectConfig?: RedirectActionConfig;
}

export interface LoadBalancerRecord {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  DNSName: string;
  CanonicalHostedZoneId: string;
  CreatedTime: string;
  Scheme: LoadBalancerSchemeEnum;
  VpcId: string;
  Type: LoadBalancerTypeEnum;
  AvailabilityZones: { ZoneName: string; SubnetId: string }[];
  SecurityGroups: string[];
  IpAddressType: IpAddressType;
  Tags: Tag[];
}

export interface WeightChange {
  time: string;
  RuleArn: string;
  /** Target group ARN -> weight, for each forward action of the rule (empty when none forwards). */
  weights: Record<string, number>;
}

export interface ListenerRecord {
  ListenerArn: string;
  LoadBalancerArn: string;
  Port: number;
  Protocol: ProtocolEnum;
  DefaultActions: ActionRecord[];
  weightHistory: WeightChange[];
}

export interface RuleRecord {
  RuleArn: string;
  ListenerArn: string;
  /** `default`, or 1-50000 as a string. */
  Priority: string;
  Conditions: RuleCondition[];
  Actions: ActionRecord[];
  IsDefault: boolean;
}

export interface ListenerSlice {
  loadBalancers: Record<string, LoadBalancerRecord>;
  listeners: Record<string, ListenerRecord>;
  rules: Record<string, RuleRecord>;
}

export function listenerState(sim: SimulatorApi, region: string): ListenerSlice {
  const r = elbRegion(sim, region);
  r.loadBalancers ??= {};
  r.listeners ??= {};
  r.rules ??= {};
  return r as ElbRegion & ListenerSlice;
}

/** Describe calls select by their own ARNs or by their parent's ARN: exactly one of the two. */
export function checkSelection(kind: string, arns: string[], parent: string, parentArn: string | undefined) {
  const Kind = kind[0].toUpperCase() + kind.slice(1);
  if (parentArn && arns.length) {
    throw new AwsError(
      'ValidationError',
      `${Kind} ARNs and a ${parent} ARN cannot be specified at the same time`,
    );
  }
  if (!parentArn && !arns.length) {
    throw new AwsError('ValidationError', `You must specify either ${kind} ARNs or a ${parent} ARN`);
  }
}

/** Part of an ARN derived from what names the resource. */
export const hex = (...parts: string[]) => stableHex(parts, 16);

export function arnPrefix(sim: SimulatorApi, region: string) {
  return `arn:aws:elasticloadbalancing:${region}:${sim.accountId}`;
}

/** `app/<name>/<id>` (or `net/`, `gwy/`): the part of a load balancer's ARN its listeners and rules repeat. */
export function lbPath(lb: LoadBalancerRecord): string {
  return lb.LoadBalancerArn.split(':loadbalancer/')[1];
}

export function findTargetGroup(
  sim: SimulatorApi,
  region: string,
  arn: string | undefined,
): TargetGroupRecord {
  const tg = targetGroups(sim, region)[arn ?? ''];
  if (!tg) throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`);
  return tg;
}

export function findLoadBalancer(
  sim: SimulatorApi,
  region: string,
  arn: string | undefined,
): LoadBalancerRecord {
  const lb = listenerState(sim, region).loadBalancers[arn ?? ''];
  if (!lb) throw new AwsError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
  return lb;
}

export function findListener(sim: SimulatorApi, region: string, arn: string | undefined): ListenerRecord {
  const l = listenerState(sim, region).listeners[arn ?? ''];
  if (!l) throw new AwsError('ListenerNotFound', `Listener '${arn}' not found`);
  return l;
}

export function findRule(sim: SimulatorApi, region: string, arn: string | undefined): RuleRecord {
  const r = listenerState(sim, region).rules[arn ?? ''];
  if (!r) throw new AwsError('RuleNotFound', `One or more rules not found`);
  return r;
}

export function defaultRuleOf(sim: SimulatorApi, region: string, listenerArn: string): RuleRecord {
  return Object.values(listenerState(sim, region).rules).find(
    (r) => r.ListenerArn === listenerArn && r.IsDefault,
  )!;
}
