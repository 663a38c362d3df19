/** Listeners: CreateListener (with its default rule), DescribeListeners, ModifyListener. */
import type {
  CreateListenerCommandInput,
  CreateListenerCommandOutput,
  DescribeListenersCommandInput,
  DescribeListenersCommandOutput,
  ModifyListenerCommandInput,
  ModifyListenerCommandOutput,
  ProtocolEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { checkActions, setRuleActions } from './actions.js';
import { ELBV2_PAGING } from './limits.js';
import {
  arnPrefix,
  checkSelection,
  defaultRuleOf,
  findListener,
  findLoadBalancer,
  hex,
  type ListenerRecord,
  lbPath,
  listenerState,
  type RuleRecord,
} from './state.js';

export function createListener(
  sim: SimulatorApi,
  region: string,
  input: CreateListenerCommandInput,
): ListenerRecord {
  const lb = findLoadBalancer(sim, region, input.LoadBalancerArn);
  const protocol: ProtocolEnum = input.Protocol ?? (lb.Type === 'application' ? 'HTTP' : 'TCP');
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

export const CreateListener: Handler<CreateListenerCommandInput, CreateListenerCommandOutput> = (
  input,
  ctx,
) => {
  return { Listeners: [listenerOutput(createListener(ctx.sim, ctx.region, input))] };
};

export const DescribeListeners: Handler<DescribeListenersCommandInput, DescribeListenersCommandOutput> = (
  input,
  ctx,
) => {
  const arns: string[] = input.ListenerArns ?? [];
  checkSelection('listener', arns, 'load balancer', input.LoadBalancerArn);
  let items: ListenerRecord[];
  if (arns.length) items = arns.map((a) => findListener(ctx.sim, ctx.region, a));
  else {
    findLoadBalancer(ctx.sim, ctx.region, input.LoadBalancerArn);
    items = Object.values(listenerState(ctx.sim, ctx.region).listeners).filter(
      (l) => l.LoadBalancerArn === input.LoadBalancerArn,
    );
  }
  const { page, next } = paginate(items, input, ELBV2_PAGING.DescribeListeners);
  return { Listeners: page.map(listenerOutput), NextMarker: next };
};

export const ModifyListener: Handler<ModifyListenerCommandInput, ModifyListenerCommandOutput> = (
  input,
  ctx,
) => {
  const listener = findListener(ctx.sim, ctx.region, input.ListenerArn);
  const lb = findLoadBalancer(ctx.sim, ctx.region, listener.LoadBalancerArn);
  if (input.Port !== undefined && (!Number.isInteger(input.Port) || input.Port < 1 || input.Port > 65535)) {
    throw new AwsError(
      'ValidationError',
      `Port '${input.Port}' is not valid: it must be between 1 and 65535`,
    );
  }
  if (
    input.Protocol !== undefined &&
    !['HTTP', 'HTTPS'].includes(input.Protocol) &&
    lb.Type === 'application'
  ) {
    throw new AwsError(
      'IncompatibleProtocols',
      `An application load balancer listener cannot use protocol ${input.Protocol}`,
    );
  }
  if (input.Protocol === 'HTTPS') {
    throw new AwsError(
      'CertificateNotFound',
      'An HTTPS listener needs a certificate (not simulated: use HTTP)',
    );
  }
  const actions = input.DefaultActions?.length
    ? checkActions(ctx.sim, ctx.region, lb, input.DefaultActions)
    : undefined;
  if (input.Port !== undefined && input.Port !== listener.Port) {
    const clash = Object.values(listenerState(ctx.sim, ctx.region).listeners).some(
      (l) => l.LoadBalancerArn === lb.LoadBalancerArn && l.Port === input.Port,
    );
    if (clash)
      throw new AwsError(
        'DuplicateListener',
        `A listener already exists on port ${input.Port} of this load balancer`,
      );
    listener.Port = input.Port;
  }
  if (input.Protocol) listener.Protocol = input.Protocol;
  if (actions)
    setRuleActions(ctx.sim, ctx.region, defaultRuleOf(ctx.sim, ctx.region, listener.ListenerArn), actions);
  return { Listeners: [listenerOutput(listener)] };
};
