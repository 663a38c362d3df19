/** ELBv2 (awsQuery, signing name `elasticloadbalancing`): target groups, registration, target health. */
import { AwsError, type CallContext, type ServiceModel, type SimulatorApi } from '../../core/types.js';
import { advanceAutoScaling } from '../autoscaling/engine.js';
import { defaultVpcId } from '../ec2/network.js';
import { paginate } from '../ec2/pagination.js';
import { nowIso, regionState } from '../ec2/state.js';
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
}

export const defaultScenarioSection: ElbScenarioSection = {
  targetGroups: [
    { region: 'us-east-1', name: 'demo-app', port: 80, protocol: 'HTTP', healthCheckPath: '/health' },
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
}

export const elbv2: ServiceModel = {
  signingName: 'elasticloadbalancing',
  handlers: {
    DescribeTargetGroups,
    CreateTargetGroup,
    RegisterTargets,
    DeregisterTargets,
    DescribeTargetHealth,
  },
  initState: initElbState,
  seed,
};
