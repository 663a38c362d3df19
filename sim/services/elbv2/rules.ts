/** Listener rules: CreateRule, DescribeRules (in priority order), ModifyRule. */
import type {
  CreateRuleCommandInput,
  CreateRuleCommandOutput,
  DescribeRulesCommandInput,
  DescribeRulesCommandOutput,
  ModifyRuleCommandInput,
  ModifyRuleCommandOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { checkActions, setRuleActions } from './actions.js';
import { ELBV2_PAGING } from './limits.js';
import {
  arnPrefix,
  checkSelection,
  findListener,
  findLoadBalancer,
  findRule,
  hex,
  lbPath,
  listenerState,
  type RuleRecord,
} from './state.js';

export function ruleOutput({ ListenerArn: _l, ...r }: RuleRecord) {
  return r;
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

export function createRule(sim: SimulatorApi, region: string, input: CreateRuleCommandInput): RuleRecord {
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

function rulesInOrder(rules: RuleRecord[]) {
  const rank = (p: string) => (p === 'default' ? Number.POSITIVE_INFINITY : Number(p));
  return [...rules].sort((a, b) => rank(a.Priority) - rank(b.Priority));
}

export const DescribeRules: Handler<DescribeRulesCommandInput, DescribeRulesCommandOutput> = (input, ctx) => {
  const arns: string[] = input.RuleArns ?? [];
  checkSelection('rule', arns, 'listener', input.ListenerArn);
  let items: RuleRecord[];
  if (arns.length) items = arns.map((a) => findRule(ctx.sim, ctx.region, a));
  else {
    findListener(ctx.sim, ctx.region, input.ListenerArn);
    items = rulesInOrder(
      Object.values(listenerState(ctx.sim, ctx.region).rules).filter(
        (r) => r.ListenerArn === input.ListenerArn,
      ),
    );
  }
  const { page, next } = paginate(items, input, ELBV2_PAGING.DescribeRules);
  return { Rules: page.map(ruleOutput), NextMarker: next };
};

export const CreateRule: Handler<CreateRuleCommandInput, CreateRuleCommandOutput> = (input, ctx) => {
  return { Rules: [ruleOutput(createRule(ctx.sim, ctx.region, input))] };
};

export const ModifyRule: Handler<ModifyRuleCommandInput, ModifyRuleCommandOutput> = (input, ctx) => {
  const rule = findRule(ctx.sim, ctx.region, input.RuleArn);
  if (rule.IsDefault && input.Conditions?.length) {
    throw new AwsError('OperationNotPermitted', 'The conditions of a default rule cannot be modified');
  }
  if (rule.IsDefault && input.Actions?.length) {
    throw new AwsError(
      'OperationNotPermitted',
      'To modify the actions of a default rule, use ModifyListener',
    );
  }
  const listener = findListener(ctx.sim, ctx.region, rule.ListenerArn);
  const lb = findLoadBalancer(ctx.sim, ctx.region, listener.LoadBalancerArn);
  const conditions = input.Conditions?.length ? checkConditions(input.Conditions) : undefined;
  const actions = input.Actions?.length ? checkActions(ctx.sim, ctx.region, lb, input.Actions) : undefined;
  if (conditions) rule.Conditions = conditions;
  if (actions) setRuleActions(ctx.sim, ctx.region, rule, actions);
  return { Rules: [ruleOutput(rule)] };
};
