/**
 * ELBv2 (awsQuery, signing name `elasticloadbalancing`): target groups, registration, target health;
 * load balancers, listeners and rules with weighted forward actions (see listeners.ts).
 */
import { AwsError, type CallContext, type ServiceModel, type SimulatorApi } from '../../core/types.js';
import { advanceAutoScaling } from '../autoscaling/engine.js';
import { defaultSubnetId, defaultVpcId } from '../ec2/network.js';
import { paginate } from '../ec2/pagination.js';
import { nowIso, regionState } from '../ec2/state.js';
import {
  checkActions,
  checkConditions,
  createListener,
  createLoadBalancer,
  createRule,
  defaultRuleOf,
  findListener,
  findLoadBalancer,
  findRule,
  type ListenerRecord,
  listenerOutput,
  listenerState,
  loadBalancerOutput,
  type RuleRecord,
  ruleOutput,
  setRuleActions,
} from './listeners.js';
import {
  createTargetGroup,
  deregisterTarget,
  findTargetGroup,
  initElbState,
  registerTarget,
  type TargetGroupRecord,
  targetGroups,
  targetHealth,
} from './targets.js';

export interface ElbScenarioSection {
  targetGroups?: {
    region: string;
    name: string;
    port?: number;
    protocol?: string;
    healthCheckPath?: string;
  }[];
  /** Application load balancers in the region's default subnets (zones a and b), each with HTTP listeners. */
  loadBalancers?: {
    region: string;
    name: string;
    listeners: {
      port: number;
      /** Target group name -> weight of the default action's forward config. */
      forward: Record<string, number>;
    }[];
  }[];
}

export const defaultScenarioSection: ElbScenarioSection = {
  targetGroups: [
    { region: 'us-east-1', name: 'demo-app', port: 80, protocol: 'HTTP', healthCheckPath: '/health' },
    // The idle side of the listener's weighted forward (blue-green with traffic-steps).
    { region: 'us-east-1', name: 'demo-app-green', port: 80, protocol: 'HTTP', healthCheckPath: '/health' },
  ],
  loadBalancers: [
    {
      region: 'us-east-1',
      name: 'demo-app',
      listeners: [{ port: 80, forward: { 'demo-app': 100, 'demo-app-green': 0 } }],
    },
  ],
};

function groupOutput({ targets: _t, ...tg }: TargetGroupRecord) {
  return tg;
}

function sync(ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
}

function DescribeTargetGroups(input: Record<string, any>, ctx: CallContext) {
  sync(ctx);
  const all = Object.values(targetGroups(ctx.sim, ctx.region));
  let items = all;
  const names: string[] = input.Names ?? [];
  const arns: string[] = input.TargetGroupArns ?? [];
  if (names.length) {
    items = names.map((n) => {
      const tg = all.find((t) => t.TargetGroupName === n);
      if (!tg) throw new AwsError('TargetGroupNotFound', `One or more target groups not found`);
      return tg;
    });
  } else if (arns.length) {
    items = arns.map((a) => findTargetGroup(ctx.sim, ctx.region, a));
  }
  if (input.LoadBalancerArn) items = items.filter((t) => t.LoadBalancerArns.includes(input.LoadBalancerArn));
  const { page, nextToken } = paginate(items, input.PageSize, input.Marker, { min: 1, max: 400 });
  return { TargetGroups: page.map(groupOutput), NextMarker: nextToken };
}

function CreateTargetGroup(input: Record<string, any>, ctx: CallContext) {
  const tg = createTargetGroup(ctx.sim, ctx.region, input as any);
  return { TargetGroups: [groupOutput(tg)] };
}

function checkTargets(targets: unknown): { Id: string; Port?: number }[] {
  const list = (targets ?? []) as { Id?: string; Port?: number }[];
  if (!list.length) throw new AwsError('ValidationError', 'Targets must contain at least one target');
  return list.map((t) => {
    if (!t.Id) throw new AwsError('ValidationError', 'A target must have an Id');
    return { Id: t.Id, Port: t.Port };
  });
}

function RegisterTargets(input: Record<string, any>, ctx: CallContext) {
  sync(ctx);
  const tg = findTargetGroup(ctx.sim, ctx.region, input.TargetGroupArn);
  for (const t of checkTargets(input.Targets)) registerTarget(tg, t.Id, t.Port, nowIso(ctx.sim));
  return {};
}

function DeregisterTargets(input: Record<string, any>, ctx: CallContext) {
  sync(ctx);
  const tg = findTargetGroup(ctx.sim, ctx.region, input.TargetGroupArn);
  for (const t of checkTargets(input.Targets)) deregisterTarget(tg, t.Id, nowIso(ctx.sim));
  return {};
}

function DescribeTargetHealth(input: Record<string, any>, ctx: CallContext) {
  sync(ctx);
  const tg = findTargetGroup(ctx.sim, ctx.region, input.TargetGroupArn);
  const now = ctx.sim.clock.nowMs();
  const asked: { Id: string; Port?: number }[] | undefined = input.Targets?.length
    ? input.Targets
    : undefined;
  const out = [];
  for (const t of asked ?? tg.targets) {
    const rec = tg.targets.find((x) => x.Id === t.Id);
    const health = rec ? targetHealth(ctx.sim, ctx.region, rec, now) : undefined;
    if (!health && !asked) continue;
    out.push({
      Target: { Id: t.Id, Port: rec?.Port ?? t.Port ?? tg.Port },
      HealthCheckPort: tg.HealthCheckPort,
      TargetHealth: health ?? {
        State: 'unused',
        Reason: 'Target.NotRegistered',
        Description: 'Target is not registered to the target group',
      },
    });
  }
  return { TargetHealthDescriptions: out };
}

function CreateLoadBalancer(input: Record<string, any>, ctx: CallContext) {
  const lb = createLoadBalancer(ctx.sim, ctx.region, input as any);
  return { LoadBalancers: [loadBalancerOutput(ctx.sim, lb)] };
}

function DescribeLoadBalancers(input: Record<string, any>, ctx: CallContext) {
  const all = Object.values(listenerState(ctx.sim, ctx.region).loadBalancers);
  const names: string[] = input.Names ?? [];
  const arns: string[] = input.LoadBalancerArns ?? [];
  let items = all;
  if (names.length && arns.length) {
    throw new AwsError(
      'ValidationError',
      'Load balancer names and load balancer ARNs cannot be specified at the same time',
    );
  }
  if (names.length) {
    items = names.map((n) => {
      const lb = all.find((l) => l.LoadBalancerName === n);
      if (!lb) throw new AwsError('LoadBalancerNotFound', `Load balancers '[${n}]' not found`);
      return lb;
    });
  } else if (arns.length) {
    items = arns.map((a) => findLoadBalancer(ctx.sim, ctx.region, a));
  }
  const { page, nextToken } = paginate(items, input.PageSize, input.Marker, { min: 1, max: 400 });
  return { LoadBalancers: page.map((lb) => loadBalancerOutput(ctx.sim, lb)), NextMarker: nextToken };
}

function CreateListener(input: Record<string, any>, ctx: CallContext) {
  return { Listeners: [listenerOutput(createListener(ctx.sim, ctx.region, input as any))] };
}

function DescribeListeners(input: Record<string, any>, ctx: CallContext) {
  const arns: string[] = input.ListenerArns ?? [];
  if (input.LoadBalancerArn && arns.length) {
    throw new AwsError(
      'ValidationError',
      'Listener ARNs and a load balancer ARN cannot be specified at the same time',
    );
  }
  if (!input.LoadBalancerArn && !arns.length) {
    throw new AwsError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
  }
  let items: ListenerRecord[];
  if (arns.length) items = arns.map((a) => findListener(ctx.sim, ctx.region, a));
  else {
    findLoadBalancer(ctx.sim, ctx.region, input.LoadBalancerArn);
    items = Object.values(listenerState(ctx.sim, ctx.region).listeners).filter(
      (l) => l.LoadBalancerArn === input.LoadBalancerArn,
    );
  }
  const { page, nextToken } = paginate(items, input.PageSize, input.Marker, { min: 1, max: 400 });
  return { Listeners: page.map(listenerOutput), NextMarker: nextToken };
}

function ModifyListener(input: Record<string, any>, ctx: CallContext) {
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
}

function rulesInOrder(rules: RuleRecord[]) {
  const rank = (p: string) => (p === 'default' ? Number.POSITIVE_INFINITY : Number(p));
  return [...rules].sort((a, b) => rank(a.Priority) - rank(b.Priority));
}

function DescribeRules(input: Record<string, any>, ctx: CallContext) {
  const arns: string[] = input.RuleArns ?? [];
  if (input.ListenerArn && arns.length) {
    throw new AwsError(
      'ValidationError',
      'Rule ARNs and a listener ARN cannot be specified at the same time',
    );
  }
  if (!input.ListenerArn && !arns.length) {
    throw new AwsError('ValidationError', 'You must specify either rule ARNs or a listener ARN');
  }
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
  const { page, nextToken } = paginate(items, input.PageSize, input.Marker, { min: 1, max: 400 });
  return { Rules: page.map(ruleOutput), NextMarker: nextToken };
}

function CreateRule(input: Record<string, any>, ctx: CallContext) {
  return { Rules: [ruleOutput(createRule(ctx.sim, ctx.region, input as any))] };
}

function ModifyRule(input: Record<string, any>, ctx: CallContext) {
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
}

function seed(section: unknown, sim: SimulatorApi) {
  for (const t of (section as ElbScenarioSection)?.targetGroups ?? []) {
    regionState(sim, t.region);
    createTargetGroup(sim, t.region, {
      Name: t.name,
      Port: t.port,
      Protocol: t.protocol,
      HealthCheckPath: t.healthCheckPath,
      VpcId: defaultVpcId(sim.accountId, t.region),
    });
  }
  for (const l of (section as ElbScenarioSection)?.loadBalancers ?? []) {
    regionState(sim, l.region);
    const lb = createLoadBalancer(sim, l.region, {
      Name: l.name,
      Subnets: ['a', 'b'].map((z) => defaultSubnetId(sim.accountId, l.region, `${l.region}${z}`)),
    });
    // Seeded load balancers are already active.
    lb.CreatedTime = new Date(sim.clock.nowMs() - 3600_000).toISOString();
    const arnOf = (name: string) => {
      const tg = Object.values(targetGroups(sim, l.region)).find((t) => t.TargetGroupName === name);
      if (!tg) throw new Error(`scenario: no target group ${name} in ${l.region}`);
      return tg.TargetGroupArn;
    };
    for (const listener of l.listeners) {
      createListener(sim, l.region, {
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: listener.port,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: Object.entries(listener.forward).map(([name, Weight]) => ({
                TargetGroupArn: arnOf(name),
                Weight,
              })),
            },
          },
        ],
      });
    }
  }
}

export const elbv2: ServiceModel = {
  signingName: 'elasticloadbalancing',
  handlers: {
    DescribeTargetGroups,
    CreateTargetGroup,
    RegisterTargets,
    DeregisterTargets,
    DescribeTargetHealth,
    CreateLoadBalancer,
    DescribeLoadBalancers,
    CreateListener,
    DescribeListeners,
    ModifyListener,
    DescribeRules,
    CreateRule,
    ModifyRule,
  },
  initState: initElbState,
  seed,
};
