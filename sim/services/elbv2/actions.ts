/**
 * Listener and rule actions: validation as AWS does it (forward with weighted target groups, redirect,
 * fixed-response), the weights each change records, and whether a target group receives traffic.
 */
import { nowIso } from '../../core/time.js';
import { AwsError, type SimulatorApi } from '../../core/types.js';
import { MAX_WEIGHTED_TARGET_GROUPS } from './limits.js';
import {
  type ActionRecord,
  type LoadBalancerRecord,
  listenerState,
  type RuleRecord,
  type TargetGroupRecord,
  targetGroups,
} from './state.js';

const ACTION_TYPES = ['forward', 'fixed-response', 'redirect'];

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
  if (tuples.length > MAX_WEIGHTED_TARGET_GROUPS) {
    throw new AwsError(
      'TooManyTargetGroups',
      `A forward action can have at most ${MAX_WEIGHTED_TARGET_GROUPS} target groups`,
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
