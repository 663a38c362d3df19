/**
 * ELBv2 load balancers, listeners and rules (`state.elasticloadbalancing.regions[r]`), with the
 * actions AWS documents: `forward` to one target group or, through `ForwardConfig.TargetGroups`, to
 * up to five weighted ones (weights 0-999), `fixed-response` and `redirect`. Every change of a
 * rule's forward weights is appended to the listener's `weightHistory` (simulated time, rule,
 * target group ARN -> weight), so a test can see how traffic moved.
 */
import { createHash } from 'node:crypto';
import { AwsError, type SimulatorApi } from '../../core/types.js';
import { defaultVpcId } from '../ec2/network.js';
import { nowIso, regionState } from '../ec2/state.js';
import { type TargetGroupRecord, targetGroups } from './targets.js';

/** Simulated seconds a new load balancer stays `provisioning`. */
export const PROVISIONING_SECONDS = 60;

export interface ActionRecord {
  Type: string;
  Order?: number;
  TargetGroupArn?: string;
  ForwardConfig?: {
    TargetGroups: { TargetGroupArn: string; Weight: number }[];
    TargetGroupStickinessConfig: { Enabled: boolean; DurationSeconds?: number };
  };
  FixedResponseConfig?: Record<string, unknown>;
  RedirectConfig?: Record<string, unknown>;
}

export interface LoadBalancerRecord {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  DNSName: string;
  CanonicalHostedZoneId: string;
  CreatedTime: string;
  Scheme: string;
  VpcId: string;
  Type: string;
  AvailabilityZones: { ZoneName: string; SubnetId: string }[];
  SecurityGroups: string[];
  IpAddressType: string;
  Tags: { Key: string; Value?: string }[];
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
  Protocol: string;
  DefaultActions: ActionRecord[];
  weightHistory: WeightChange[];
}

export interface RuleRecord {
  RuleArn: string;
  ListenerArn: string;
  /** `default`, or 1-50000 as a string. */
  Priority: string;
  Conditions: Record<string, unknown>[];
  Actions: ActionRecord[];
  IsDefault: boolean;
}

interface ListenerSlice {
  loadBalancers: Record<string, LoadBalancerRecord>;
  listeners: Record<string, ListenerRecord>;
  rules: Record<string, RuleRecord>;
}

export function listenerState(sim: SimulatorApi, region: string): ListenerSlice {
  targetGroups(sim, region);
  const r = sim.slice('elasticloadbalancing').regions[region] as Partial<ListenerSlice>;
  r.loadBalancers ??= {};
  r.listeners ??= {};
  r.rules ??= {};
  return r as ListenerSlice;
}

const hex = (...parts: string[]) => createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 16);

function arnPrefix(sim: SimulatorApi, region: string) {
  return `arn:aws:elasticloadbalancing:${region}:${sim.accountId}`;
}

/** `app/<name>/<id>` (or `net/`, `gwy/`): the part of a load balancer's ARN its listeners and rules repeat. */
function lbPath(lb: LoadBalancerRecord): string {
  return lb.LoadBalancerArn.split(':loadbalancer/')[1];
}

const TYPE_PREFIX: Record<string, string> = { application: 'app', network: 'net', gateway: 'gwy' };

export function createLoadBalancer(
  sim: SimulatorApi,
  region: string,
  input: {
    Name: string;
    Subnets?: string[];
    SubnetMappings?: { SubnetId?: string }[];
    Type?: string;
    Scheme?: string;
    SecurityGroups?: string[];
    IpAddressType?: string;
    Tags?: { Key: string; Value?: string }[];
  },
): LoadBalancerRecord {
  const name = input.Name ?? '';
  if (
    !/^[a-zA-Z0-9-]{1,32}$/.test(name) ||
    name.startsWith('-') ||
    name.endsWith('-') ||
    name.startsWith('internal-')
  ) {
    throw new AwsError(
      'ValidationError',
      `Load balancer name '${name}' is not valid: use 1-32 alphanumeric characters or hyphens, not beginning or ending with a hyphen, nor beginning with 'internal-'`,
    );
  }
  const type = input.Type ?? 'application';
  if (!TYPE_PREFIX[type]) throw new AwsError('ValidationError', `Load balancer type '${type}' is not valid`);
  const subnetIds = input.Subnets?.length
    ? input.Subnets
    : (input.SubnetMappings ?? []).map((m) => m.SubnetId ?? '');
  const r = regionState(sim, region);
  const subnets = subnetIds.map((id) => {
    const s = r.subnets[id];
    if (!s) throw new AwsError('SubnetNotFound', `The subnet ID '${id}' is not valid`);
    return s;
  });
  const zones = new Set(subnets.map((s) => s.AvailabilityZone));
  if (type === 'application' && zones.size < 2) {
    throw new AwsError(
      'ValidationError',
      'At least two subnets in two different Availability Zones must be specified',
    );
  }
  if (subnets.length && new Set(subnets.map((s) => s.VpcId)).size > 1) {
    throw new AwsError('InvalidSubnet', 'The subnets must all be in the same VPC');
  }
  const all = listenerState(sim, region).loadBalancers;
  const existing = Object.values(all).find((l) => l.LoadBalancerName === name);
  if (existing) {
    if (existing.Type !== type) {
      throw new AwsError(
        'DuplicateLoadBalancerName',
        `A load balancer with the name '${name}' already exists`,
      );
    }
    return existing;
  }
  const scheme = input.Scheme ?? 'internet-facing';
  const arn = `${arnPrefix(sim, region)}:loadbalancer/${TYPE_PREFIX[type]}/${name}/${hex(region, name)}`;
  const lb: LoadBalancerRecord = {
    LoadBalancerArn: arn,
    LoadBalancerName: name,
    DNSName: `${scheme === 'internal' ? 'internal-' : ''}${name}-${parseInt(hex(arn).slice(0, 8), 16)}.${region}.elb.amazonaws.com`,
    CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    CreatedTime: nowIso(sim),
    Scheme: scheme,
    VpcId: subnets[0]?.VpcId ?? defaultVpcId(sim.accountId, region),
    Type: type,
    AvailabilityZones: subnets.map((s) => ({ ZoneName: s.AvailabilityZone, SubnetId: s.SubnetId })),
    SecurityGroups: input.SecurityGroups ?? [],
    IpAddressType: input.IpAddressType ?? 'ipv4',
    Tags: input.Tags ?? [],
  };
  all[arn] = lb;
  return lb;
}

export function loadBalancerOutput(sim: SimulatorApi, { Tags: _t, ...lb }: LoadBalancerRecord) {
  const active = sim.clock.nowMs() >= Date.parse(lb.CreatedTime) + PROVISIONING_SECONDS * 1000;
  return {
    ...lb,
    CreatedTime: new Date(lb.CreatedTime),
    State: { Code: active ? 'active' : 'provisioning' },
  };
}

export function findLoadBalancer(sim: SimulatorApi, region: string, arn: string): LoadBalancerRecord {
  const lb = listenerState(sim, region).loadBalancers[arn];
  if (!lb) throw new AwsError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
  return lb;
}

export function findListener(sim: SimulatorApi, region: string, arn: string): ListenerRecord {
  const l = listenerState(sim, region).listeners[arn];
  if (!l) throw new AwsError('ListenerNotFound', `Listener '${arn}' not found`);
  return l;
}

export function findRule(sim: SimulatorApi, region: string, arn: string): RuleRecord {
  const r = listenerState(sim, region).rules[arn];
  if (!r) throw new AwsError('RuleNotFound', `One or more rules not found`);
  return r;
}

const ACTION_TYPES = ['forward', 'fixed-response', 'redirect'];
const MAX_WEIGHTED_GROUPS = 5;

function checkForward(
  sim: SimulatorApi,
  region: string,
  lb: LoadBalancerRecord,
  action: Record<string, any>,
): ActionRecord {
  const tuples: { TargetGroupArn?: string; Weight?: number }[] = action.ForwardConfig?.TargetGroups ?? [];
  if (!action.TargetGroupArn && !tuples.length) {
    throw new AwsError(
      'ValidationError',
      'A forward action must specify either a target group ARN or a forward config with at least one target group',
    );
  }
  if (action.TargetGroupArn && tuples.length) {
    const same = tuples.length === 1 && tuples[0].TargetGroupArn === action.TargetGroupArn;
    if (!same) {
      throw new AwsError(
        'ValidationError',
        'You cannot specify both a target group ARN and a forward config with different target groups',
      );
    }
  }
  if (tuples.length > MAX_WEIGHTED_GROUPS) {
    throw new AwsError(
      'TooManyTargetGroups',
      `A forward action can have at most ${MAX_WEIGHTED_GROUPS} target groups`,
    );
  }
  const list = tuples.length ? tuples : [{ TargetGroupArn: action.TargetGroupArn, Weight: 1 }];
  const seen = new Set<string>();
  const groups = list.map((t) => {
    if (!t.TargetGroupArn) throw new AwsError('ValidationError', 'A target group ARN must be specified');
    const weight = t.Weight ?? 1;
    if (!Number.isInteger(weight) || weight < 0 || weight > 999) {
      throw new AwsError(
        'ValidationError',
        `Weight '${weight}' for target group '${t.TargetGroupArn}' is not valid: it must be between 0 and 999`,
      );
    }
    if (seen.has(t.TargetGroupArn)) {
      throw new AwsError('ValidationError', `Target group '${t.TargetGroupArn}' is specified more than once`);
    }
    seen.add(t.TargetGroupArn);
    checkTargetGroupFor(sim, region, lb, t.TargetGroupArn);
    return { TargetGroupArn: t.TargetGroupArn, Weight: weight };
  });
  const stickiness = action.ForwardConfig?.TargetGroupStickinessConfig;
  if (stickiness?.Enabled && (stickiness.DurationSeconds ?? 0) < 1) {
    throw new AwsError(
      'ValidationError',
      'Target group stickiness duration must be between 1 and 604800 seconds when stickiness is enabled',
    );
  }
  return {
    Type: 'forward',
    ...(action.Order !== undefined ? { Order: action.Order } : {}),
    ...(groups.length === 1 ? { TargetGroupArn: groups[0].TargetGroupArn } : {}),
    ForwardConfig: {
      TargetGroups: groups,
      TargetGroupStickinessConfig: stickiness?.Enabled
        ? { Enabled: true, DurationSeconds: stickiness.DurationSeconds }
        : { Enabled: false },
    },
  };
}

/** A target group a load balancer may forward to: it exists, and no other load balancer uses it. */
function checkTargetGroupFor(sim: SimulatorApi, region: string, lb: LoadBalancerRecord, arn: string) {
  const tg: TargetGroupRecord | undefined = targetGroups(sim, region)[arn];
  if (!tg) throw new AwsError('TargetGroupNotFound', `Target groups '${arn}' not found`);
  const others = tg.LoadBalancerArns.filter((a) => a !== lb.LoadBalancerArn);
  if (others.length) {
    throw new AwsError(
      'TargetGroupAssociationLimit',
      `The following target groups cannot be associated with more than one load balancer: ${arn}`,
    );
  }
  if (lb.Type === 'application' && !['HTTP', 'HTTPS'].includes(tg.Protocol)) {
    throw new AwsError(
      'IncompatibleProtocols',
      `The target group '${arn}' uses protocol ${tg.Protocol}, which an application load balancer cannot forward to`,
    );
  }
}

/** Validates actions as AWS does and returns them in the shape DescribeListeners/DescribeRules answer. */
export function checkActions(
  sim: SimulatorApi,
  region: string,
  lb: LoadBalancerRecord,
  actions: Record<string, any>[] | undefined,
): ActionRecord[] {
  if (!actions?.length) throw new AwsError('ValidationError', 'At least one action must be specified');
  const out = actions.map((a) => {
    if (!ACTION_TYPES.includes(a.Type)) {
      throw new AwsError('InvalidLoadBalancerAction', `Action type '${a.Type}' is not valid`);
    }
    if (a.Order !== undefined && (!Number.isInteger(a.Order) || a.Order < 1 || a.Order > 50000)) {
      throw new AwsError('ValidationError', `Action order '${a.Order}' must be between 1 and 50000`);
    }
    if (a.Type === 'forward') return checkForward(sim, region, lb, a);
    const config = a.Type === 'redirect' ? 'RedirectConfig' : 'FixedResponseConfig';
    if (!a[config]) {
      throw new AwsError('ValidationError', `A ${a.Type} action must specify ${config}`);
    }
    return { Type: a.Type, ...(a.Order !== undefined ? { Order: a.Order } : {}), [config]: a[config] };
  });
  // authenticate-* actions (not simulated) are the only ones that may come before the final action.
  if (out.length !== 1) {
    throw new AwsError(
      'InvalidLoadBalancerAction',
      'Exactly one forward, redirect or fixed-response action must be specified',
    );
  }
  return out;
}

function weightsOf(actions: ActionRecord[]): Record<string, number> {
  return Object.fromEntries(
    actions.flatMap((a) => (a.ForwardConfig?.TargetGroups ?? []).map((t) => [t.TargetGroupArn, t.Weight])),
  );
}

/** Sets a rule's actions (for the default rule: also the listener's default actions) and records the weights. */
export function setRuleActions(sim: SimulatorApi, region: string, rule: RuleRecord, actions: ActionRecord[]) {
  const state = listenerState(sim, region);
  const listener = state.listeners[rule.ListenerArn];
  rule.Actions = actions;
  if (rule.IsDefault) listener.DefaultActions = actions;
  listener.weightHistory.push({ time: nowIso(sim), RuleArn: rule.RuleArn, weights: weightsOf(actions) });
  syncTargetGroupUse(sim, region);
}

/** Target groups' LoadBalancerArns follow the listeners' and rules' forward actions. */
function syncTargetGroupUse(sim: SimulatorApi, region: string) {
  const state = listenerState(sim, region);
  const use = new Map<string, Set<string>>();
  for (const rule of Object.values(state.rules)) {
    const lb = state.listeners[rule.ListenerArn]?.LoadBalancerArn;
    if (!lb) continue;
    for (const arn of Object.keys(weightsOf(rule.Actions))) {
      if (!use.has(arn)) use.set(arn, new Set());
      use.get(arn)!.add(lb);
    }
  }
  for (const tg of Object.values(targetGroups(sim, region))) {
    tg.LoadBalancerArns = [...(use.get(tg.TargetGroupArn) ?? [])];
  }
}

export function createListener(
  sim: SimulatorApi,
  region: string,
  input: {
    LoadBalancerArn: string;
    Protocol?: string;
    Port?: number;
    DefaultActions?: Record<string, any>[];
  },
): ListenerRecord {
  const lb = findLoadBalancer(sim, region, input.LoadBalancerArn);
  const protocol = input.Protocol ?? (lb.Type === 'application' ? 'HTTP' : 'TCP');
  if (lb.Type === 'application' && !['HTTP', 'HTTPS'].includes(protocol)) {
    throw new AwsError(
      'IncompatibleProtocols',
      `An application load balancer listener cannot use protocol ${protocol}`,
    );
  }
  if (protocol === 'HTTPS') {
    throw new AwsError(
      'CertificateNotFound',
      'An HTTPS listener needs a certificate (not simulated: use HTTP)',
    );
  }
  const port = input.Port;
  if (!Number.isInteger(port) || port! < 1 || port! > 65535) {
    throw new AwsError('ValidationError', `Port '${port}' is not valid: it must be between 1 and 65535`);
  }
  const actions = checkActions(sim, region, lb, input.DefaultActions);
  const state = listenerState(sim, region);
  const clash = Object.values(state.listeners).find(
    (l) => l.LoadBalancerArn === lb.LoadBalancerArn && l.Port === port,
  );
  if (clash) {
    if (clash.Protocol === protocol && JSON.stringify(clash.DefaultActions) === JSON.stringify(actions))
      return clash;
    throw new AwsError(
      'DuplicateListener',
      `A listener already exists on port ${port} of this load balancer`,
    );
  }
  const id = hex(lb.LoadBalancerArn, String(port));
  const listener: ListenerRecord = {
    ListenerArn: `${arnPrefix(sim, region)}:listener/${lbPath(lb)}/${id}`,
    LoadBalancerArn: lb.LoadBalancerArn,
    Port: port!,
    Protocol: protocol,
    DefaultActions: actions,
    weightHistory: [],
  };
  state.listeners[listener.ListenerArn] = listener;
  const rule: RuleRecord = {
    RuleArn: `${arnPrefix(sim, region)}:listener-rule/${lbPath(lb)}/${id}/${hex(listener.ListenerArn, 'default')}`,
    ListenerArn: listener.ListenerArn,
    Priority: 'default',
    Conditions: [],
    Actions: actions,
    IsDefault: true,
  };
  state.rules[rule.RuleArn] = rule;
  setRuleActions(sim, region, rule, actions);
  return listener;
}

export function listenerOutput({ weightHistory: _h, ...l }: ListenerRecord) {
  return l;
}

export function ruleOutput({ ListenerArn: _l, ...r }: RuleRecord) {
  return r;
}

export function defaultRuleOf(sim: SimulatorApi, region: string, listenerArn: string): RuleRecord {
  return Object.values(listenerState(sim, region).rules).find(
    (r) => r.ListenerArn === listenerArn && r.IsDefault,
  )!;
}

const CONDITION_FIELDS = [
  'http-header',
  'http-request-method',
  'host-header',
  'path-pattern',
  'query-string',
  'source-ip',
];

export function checkConditions(conditions: Record<string, any>[] | undefined): Record<string, unknown>[] {
  if (!conditions?.length) throw new AwsError('ValidationError', 'A rule must have at least one condition');
  for (const c of conditions) {
    if (!CONDITION_FIELDS.includes(c.Field)) {
      throw new AwsError('ValidationError', `Condition field '${c.Field}' is not valid`);
    }
  }
  return conditions;
}

export function createRule(
  sim: SimulatorApi,
  region: string,
  input: {
    ListenerArn: string;
    Priority?: number;
    Conditions?: Record<string, any>[];
    Actions?: Record<string, any>[];
  },
): RuleRecord {
  const listener = findListener(sim, region, input.ListenerArn);
  const lb = findLoadBalancer(sim, region, listener.LoadBalancerArn);
  const priority = input.Priority;
  if (!Number.isInteger(priority) || priority! < 1 || priority! > 50000) {
    throw new AwsError(
      'ValidationError',
      `Priority '${priority}' is not valid: it must be between 1 and 50000`,
    );
  }
  const conditions = checkConditions(input.Conditions);
  const actions = checkActions(sim, region, lb, input.Actions);
  const state = listenerState(sim, region);
  if (
    Object.values(state.rules).some(
      (r) => r.ListenerArn === listener.ListenerArn && r.Priority === String(priority),
    )
  ) {
    throw new AwsError('PriorityInUse', `The specified priority '${priority}' is in use`);
  }
  const rule: RuleRecord = {
    RuleArn: `${arnPrefix(sim, region)}:listener-rule/${lbPath(lb)}/${listener.ListenerArn.split('/').pop()}/${hex(listener.ListenerArn, String(priority))}`,
    ListenerArn: listener.ListenerArn,
    Priority: String(priority),
    Conditions: conditions,
    Actions: actions,
    IsDefault: false,
  };
  state.rules[rule.RuleArn] = rule;
  setRuleActions(sim, region, rule, actions);
  return rule;
}

/**
 * Whether the load balancers send the target group any traffic: not when every forward action that
 * names it gives it weight 0. A target group no listener names counts as receiving traffic (the
 * simulator's groups behind no load balancer keep behaving as if they served).
 */
export function receivesTraffic(sim: SimulatorApi, region: string, targetGroupArn: string): boolean {
  let named = false;
  for (const rule of Object.values(listenerState(sim, region).rules)) {
    const weight = weightsOf(rule.Actions)[targetGroupArn];
    if (weight === undefined) continue;
    if (weight > 0) return true;
    named = true;
  }
  return !named;
}
