/**
 * Traffic sources: AttachTrafficSources, DetachTrafficSources, DescribeTrafficSources. An `elbv2`
 * source is an ELB target group, the same attachment as AttachLoadBalancerTargetGroups (the group's
 * `TargetGroupARNs`); `vpc-lattice` (a VPC Lattice target group ARN) and `elb` (a Classic Load
 * Balancer name) are kept on the group. The simulator has no VPC Lattice or Classic Load Balancer
 * service: their identifiers are checked for shape only, and their state follows the group
 * (`InService` once an instance of the group is, `Added` before; `Removing` while a detached one
 * drains over the deregistration delay).
 */
import type {
  AttachTrafficSourcesCommandInput,
  AttachTrafficSourcesCommandOutput,
  DescribeTrafficSourcesCommandInput,
  DescribeTrafficSourcesCommandOutput,
  DetachTrafficSourcesCommandInput,
  DetachTrafficSourcesCommandOutput,
  TrafficSourceIdentifier,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { ms, nowIso } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { DEREGISTRATION_DELAY_SECONDS } from '../elbv2/targets.js';
import { advanceAutoScaling } from './engine.js';
import { ASG_PAGING, MAX_TRAFFIC_SOURCES_PER_CALL } from './limits.js';
import { type GroupRecord, requireGroup } from './state.js';
import { attachTargetGroups, detachTargetGroups, targetGroupStates } from './target-groups.js';

const TYPES = ['elb', 'elbv2', 'vpc-lattice'];
const LATTICE_TARGET_GROUP = /^arn:aws[\w-]*:vpc-lattice:[a-z0-9-]+:\d{12}:targetgroup\/tg-[0-9a-f]{17}$/;

/** Every traffic source of the group: its ELB target groups, then the others, in attach order. */
export function trafficSourcesOf(g: GroupRecord): { Identifier: string; Type: string }[] {
  return [
    ...g.TargetGroupARNs.map((Identifier) => ({ Identifier, Type: 'elbv2' })),
    ...(g.trafficSources ?? []).map(({ Identifier, Type }) => ({ Identifier, Type })),
  ];
}

function checkSources(ctx: CallContext, given: TrafficSourceIdentifier[] | undefined) {
  const list = given ?? [];
  if (!list.length || list.length > MAX_TRAFFIC_SOURCES_PER_CALL) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value at 'trafficSources' failed to satisfy constraint: Member must have length between 1 and ${MAX_TRAFFIC_SOURCES_PER_CALL}`,
    );
  }
  return list.map((s) => {
    const Identifier = String(s.Identifier ?? '');
    const Type = String(s.Type ?? (Identifier.startsWith('arn:') ? 'elbv2' : 'elb'));
    if (!TYPES.includes(Type)) {
      throw new AwsError(
        'ValidationError',
        `Traffic source type ${Type} is not valid: use ${TYPES.join(', ')}.`,
      );
    }
    if (Type === 'vpc-lattice' && !LATTICE_TARGET_GROUP.test(Identifier)) {
      throw new AwsError('ValidationError', `${Identifier} is not a VPC Lattice target group ARN.`);
    }
    if (Type === 'vpc-lattice' && Identifier.split(':')[3] !== ctx.region) {
      throw new AwsError(
        'ValidationError',
        `VPC Lattice target group ${Identifier} is not in ${ctx.region}.`,
      );
    }
    if (Type === 'elb' && !/^[a-zA-Z0-9-]{1,32}$/.test(Identifier)) {
      throw new AwsError('ValidationError', `${Identifier} is not a Classic Load Balancer name.`);
    }
    return { Identifier, Type };
  });
}

export const AttachTrafficSources: Handler<
  AttachTrafficSourcesCommandInput,
  AttachTrafficSourcesCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const sources = checkSources(ctx, input.TrafficSources);
  const elbv2 = sources.filter((s) => s.Type === 'elbv2').map((s) => s.Identifier);
  if (elbv2.length) attachTargetGroups(ctx, g, elbv2);
  const now = nowIso(ctx.sim);
  for (const s of sources.filter((x) => x.Type !== 'elbv2')) {
    g.detachedTrafficSources = (g.detachedTrafficSources ?? []).filter((d) => d.Identifier !== s.Identifier);
    if ((g.trafficSources ?? []).some((t) => t.Identifier === s.Identifier)) continue;
    g.trafficSources = [...(g.trafficSources ?? []), { ...s, attachedAt: now }];
  }
  return {};
};

export const DetachTrafficSources: Handler<
  DetachTrafficSourcesCommandInput,
  DetachTrafficSourcesCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const sources = checkSources(ctx, input.TrafficSources);
  const elbv2 = sources.filter((s) => s.Type === 'elbv2').map((s) => s.Identifier);
  if (elbv2.length) detachTargetGroups(ctx, g, elbv2);
  const at = nowIso(ctx.sim);
  for (const s of sources.filter((x) => x.Type !== 'elbv2')) {
    const attached = (g.trafficSources ?? []).find((t) => t.Identifier === s.Identifier);
    if (!attached) continue;
    g.trafficSources = (g.trafficSources ?? []).filter((t) => t !== attached);
    g.detachedTrafficSources = [...(g.detachedTrafficSources ?? []), { ...attached, at }];
  }
  return {};
};

export const DescribeTrafficSources: Handler<
  DescribeTrafficSourcesCommandInput,
  DescribeTrafficSourcesCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const now = ctx.sim.clock.nowMs();
  g.detachedTrafficSources = (g.detachedTrafficSources ?? []).filter(
    (d) => now < ms(d.at) + DEREGISTRATION_DELAY_SECONDS * 1000,
  );
  const serving = g.instances.some((i) => i.LifecycleState === 'InService');
  const all = [
    ...targetGroupStates(ctx, g).map((t) => ({ Identifier: t.arn, Type: 'elbv2', State: t.State })),
    ...(g.trafficSources ?? []).map((t) => ({ ...t, State: serving ? 'InService' : 'Added' })),
    ...g.detachedTrafficSources.map((t) => ({ ...t, State: 'Removing' })),
  ].filter((t) => !input.TrafficSourceType || t.Type === input.TrafficSourceType);
  const { page, next } = paginate(all, input, ASG_PAGING.DescribeTrafficSources);
  return {
    TrafficSources: page.map((t) => ({
      TrafficSource: t.Identifier,
      Identifier: t.Identifier,
      Type: t.Type,
      State: t.State,
    })),
    NextToken: next,
  };
};
