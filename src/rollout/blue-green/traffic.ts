/**
 * Weighted traffic shifting for blue-green (`listener-arn` + `traffic-steps`): the listener's
 * default action forwards to two target groups, the live one (the live group is registered in it)
 * and an idle one that the incoming group joins instead. The default action and every rule
 * forwarding to the same pair move together, step by step; a bad signal at a step moves all
 * traffic back to the live target group before anything else happens.
 */
import * as core from '@actions/core';
import {
  type Action,
  DescribeListenersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyRuleCommand,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { targetGroupName } from '../../aws/target-health.js';
import type { TrafficPlan } from '../../kernel/state.js';
import { RolloutError } from '../config.js';

export type { TrafficPlan } from '../../kernel/state.js';

export interface TrafficStep {
  /** Percentage of the traffic on the idle (incoming) target group. */
  percentage: number;
  at: Date;
  verdict: string;
}

const short = targetGroupName;

function forwardOf(actions: Action[] | undefined): Action | undefined {
  return actions?.find((a) => a.Type === 'forward');
}

function weightsOf(action: Action | undefined): Map<string, number> {
  if (!action) return new Map();
  const tuples = action.ForwardConfig?.TargetGroups?.length
    ? action.ForwardConfig.TargetGroups
    : action.TargetGroupArn
      ? [{ TargetGroupArn: action.TargetGroupArn, Weight: 1 }]
      : [];
  return new Map(tuples.map((t) => [t.TargetGroupArn!, t.Weight ?? 1]));
}

async function allRules(region: string, listenerArn: string): Promise<Rule[]> {
  const elb = awsClient(ElasticLoadBalancingV2Client, region);
  const rules: Rule[] = [];
  let Marker: string | undefined;
  do {
    const out = await elb.send(new DescribeRulesCommand({ ListenerArn: listenerArn, Marker }));
    rules.push(...(out.Rules ?? []));
    Marker = out.NextMarker;
  } while (Marker);
  return rules;
}

function describeForward(weights: Map<string, number>): string {
  return weights.size
    ? [...weights].map(([arn, w]) => `${short(arn)} (weight ${w})`).join(' and ')
    : 'no target group';
}

/**
 * Reads the listener and checks it can carry the shift: its default action forwards to exactly
 * two target groups, one the live group is in, the other idle (weight 0); rules that forward to
 * the live target group forward to the same pair. Throws saying what to configure otherwise.
 */
export async function planTraffic(
  region: string,
  listenerArn: string,
  liveGroup: string,
  liveTargetGroups: string[],
): Promise<TrafficPlan> {
  const elb = awsClient(ElasticLoadBalancingV2Client, region);
  const out = await elb.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] })).catch((error) => {
    if (isNotFound(error) || (error as Error).name === 'ListenerNotFoundException') {
      throw new RolloutError(
        `listener-arn: listener ${listenerArn} was not found in ${region}. Nothing was changed. Check the ARN (the listener of your Application Load Balancer).`,
      );
    }
    throw error;
  });
  const listener = out.Listeners?.[0];
  const weights = weightsOf(forwardOf(listener?.DefaultActions));
  const pairHint =
    `For traffic-steps the listener's default action must forward to two target groups: the one '${liveGroup}' is registered in ` +
    `(${liveTargetGroups.map(short).join(', ') || 'none'}) with the traffic, and an idle one with weight 0 that the new group joins. ` +
    'Add the idle target group to the forward action (aws elbv2 modify-listener with ForwardConfig.TargetGroups), then deploy again. Nothing was changed.';
  if (weights.size !== 2) {
    throw new RolloutError(
      `The default action of listener ${listenerArn} forwards to ${describeForward(weights)}. ${pairHint}`,
    );
  }
  const served = [...weights.keys()].filter((arn) => liveTargetGroups.includes(arn));
  if (served.length !== 1) {
    throw new RolloutError(
      `The default action of listener ${listenerArn} forwards to ${describeForward(weights)}, ` +
        `${served.length ? 'and' : 'but'} '${liveGroup}' is registered in ${served.length ? 'both' : 'neither'}. ${pairHint}`,
    );
  }
  const live = served[0];
  const idle = [...weights.keys()].find((arn) => arn !== live)!;
  if ((weights.get(idle) ?? 0) > 0 || (weights.get(live) ?? 0) === 0) {
    throw new RolloutError(
      `Listener ${listenerArn} sends traffic to ${short(idle)} (${describeForward(weights)}), the target group the new group would join, ` +
        `while '${liveGroup}' serves from ${short(live)}. Set ${short(idle)} to weight 0 and ${short(live)} above 0 first. Nothing was changed.`,
    );
  }
  const ruleArns: string[] = [];
  for (const rule of await allRules(region, listenerArn)) {
    if (rule.IsDefault) continue;
    const w = weightsOf(forwardOf(rule.Actions));
    if (!w.has(live) && !w.has(idle)) continue;
    const samePair = w.size === 2 && w.has(live) && w.has(idle);
    if (!samePair || (w.get(idle) ?? 0) > 0) {
      throw new RolloutError(
        `Rule ${rule.RuleArn} (priority ${rule.Priority}) of listener ${listenerArn} forwards to ${describeForward(w)}. ` +
          `Rules that send traffic to ${short(live)} must forward to ${short(live)} and ${short(idle)} (weight 0) like the default action, ` +
          'or the traffic they match would not follow the shift. Change the rule, then deploy again. Nothing was changed.',
      );
    }
    ruleArns.push(rule.RuleArn!);
  }
  return { region, listenerArn, live, idle, ruleArns };
}

/** The forward action with `percentage` on the idle target group, the rest on the live one; stickiness, action order and the order of the pair kept. */
function shifted(action: Action, plan: TrafficPlan, percentage: number): Action {
  const { TargetGroupArn: _single, ...rest } = action;
  const weight = { [plan.live]: 100 - percentage, [plan.idle]: percentage };
  const present = (action.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn!);
  const order =
    present.length === 2 && present.every((arn) => arn in weight) ? present : [plan.live, plan.idle];
  return {
    ...rest,
    ForwardConfig: {
      ...action.ForwardConfig,
      TargetGroups: order.map((arn) => ({ TargetGroupArn: arn, Weight: weight[arn] })),
    },
  };
}

function withShift(actions: Action[] | undefined, plan: TrafficPlan, percentage: number): Action[] {
  return (actions ?? []).map((a) => (a.Type === 'forward' ? shifted(a, plan, percentage) : a));
}

/** Sends `percentage` of the listener's traffic (default action and the paired rules) to the idle target group. */
export async function shiftTraffic(plan: TrafficPlan, percentage: number): Promise<void> {
  const elb = awsClient(ElasticLoadBalancingV2Client, plan.region);
  const out = await elb.send(new DescribeListenersCommand({ ListenerArns: [plan.listenerArn] }));
  const listener = out.Listeners![0];
  await elb.send(
    new ModifyListenerCommand({
      ListenerArn: plan.listenerArn,
      DefaultActions: withShift(listener.DefaultActions, plan, percentage),
    }),
  );
  if (plan.ruleArns.length) {
    const rules = await elb.send(new DescribeRulesCommand({ RuleArns: plan.ruleArns }));
    for (const rule of rules.Rules ?? []) {
      await elb.send(
        new ModifyRuleCommand({ RuleArn: rule.RuleArn, Actions: withShift(rule.Actions, plan, percentage) }),
      );
    }
  }
  core.info(
    `Listener ${plan.listenerArn.split('/').slice(-3).join('/')}: ${percentage}% to ${short(plan.idle)}, ${100 - percentage}% to ${short(plan.live)}` +
      (plan.ruleArns.length ? ` (default action and ${plan.ruleArns.length} rule(s))` : ''),
  );
}

/** The incoming group's target groups: the live group's (or the given ones) with the live target group replaced by the idle one. */
export function incomingTargetGroups(plan: TrafficPlan, targetGroupArns: string[]): string[] {
  return [...new Set([...targetGroupArns.filter((a) => a !== plan.live), plan.idle])];
}

/** After a failure with traffic on the incoming group: all of it back on the live one. */
export async function shiftBack(plan: TrafficPlan): Promise<string> {
  try {
    await shiftTraffic(plan, 0);
    return `traffic shifted back to ${short(plan.live)}`;
  } catch (error) {
    return `could NOT shift the traffic back to ${short(plan.live)} (${(error as Error).message}): set the listener's weights by hand`;
  }
}

export function describeSteps(steps: TrafficStep[], started: number): string {
  return steps
    .map((s) => `${s.percentage}% at +${Math.round((s.at.getTime() - started) / 1000)}s (${s.verdict})`)
    .join(', ');
}
