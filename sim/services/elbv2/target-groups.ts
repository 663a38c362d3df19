/**
 * Target groups and their targets: CreateTargetGroup, DescribeTargetGroups, RegisterTargets,
 * DeregisterTargets, DescribeTargetHealth. Calls first replay Auto Scaling's due events.
 */
import type {
  CreateTargetGroupCommandInput,
  CreateTargetGroupCommandOutput,
  DeregisterTargetsCommandInput,
  DeregisterTargetsCommandOutput,
  DescribeTargetGroupsCommandInput,
  DescribeTargetGroupsCommandOutput,
  DescribeTargetHealthCommandInput,
  DescribeTargetHealthCommandOutput,
  RegisterTargetsCommandInput,
  RegisterTargetsCommandOutput,
  TargetDescription,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { paginate } from '../../core/pagination.js';
import { nowIso } from '../../core/time.js';
import { AwsError, type CallContext, type Handler, type SimulatorApi } from '../../core/types.js';
import { advanceAutoScaling } from '../autoscaling/engine.js';
import { ELBV2_PAGING } from './limits.js';
import { arnPrefix, findTargetGroup, hex, type TargetGroupRecord, targetGroups } from './state.js';
import { deregisterTarget, registerTarget, targetHealth } from './targets.js';

function arnOf(sim: SimulatorApi, region: string, name: string): string {
  return `${arnPrefix(sim, region)}:targetgroup/${name}/${hex(region, name)}`;
}

export function createTargetGroup(
  sim: SimulatorApi,
  region: string,
  input: CreateTargetGroupCommandInput,
): TargetGroupRecord {
  const name = input.Name ?? '';
  if (!/^[a-zA-Z0-9-]{1,32}$/.test(name) || name.startsWith('-') || name.endsWith('-')) {
    throw new AwsError('ValidationError', `Target group name '${name}' is not valid`);
  }
  const all = targetGroups(sim, region);
  const existing = Object.values(all).find((t) => t.TargetGroupName === name);
  if (existing) {
    if (existing.Port !== (input.Port ?? 80)) {
      throw new AwsError(
        'DuplicateTargetGroupName',
        'A target group with the same name exists, but with different settings',
      );
    }
    return existing;
  }
  const protocol = input.Protocol ?? 'HTTP';
  const tg: TargetGroupRecord = {
    TargetGroupArn: arnOf(sim, region, name),
    TargetGroupName: name,
    Protocol: protocol,
    Port: input.Port ?? 80,
    VpcId: input.VpcId ?? '',
    HealthCheckProtocol: protocol,
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 10,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 2,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: input.HealthCheckPath ?? '/',
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: [],
    TargetType: input.TargetType ?? 'instance',
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
    targets: [],
  };
  all[tg.TargetGroupArn] = tg;
  return tg;
}

function groupOutput({ targets: _t, ...tg }: TargetGroupRecord): TargetGroup {
  return tg;
}

function sync(ctx: CallContext) {
  advanceAutoScaling(ctx.sim, ctx.region);
}

export const DescribeTargetGroups: Handler<
  DescribeTargetGroupsCommandInput,
  DescribeTargetGroupsCommandOutput
> = (input, ctx) => {
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
  const lbArn = input.LoadBalancerArn;
  if (lbArn) items = items.filter((t) => t.LoadBalancerArns.includes(lbArn));
  const { page, next } = paginate(items, input, ELBV2_PAGING.DescribeTargetGroups);
  return { TargetGroups: page.map(groupOutput), NextMarker: next };
};

export const CreateTargetGroup: Handler<CreateTargetGroupCommandInput, CreateTargetGroupCommandOutput> = (
  input,
  ctx,
) => {
  const tg = createTargetGroup(ctx.sim, ctx.region, input);
  return { TargetGroups: [groupOutput(tg)] };
};

function checkTargets(targets: TargetDescription[] | undefined): { Id: string; Port?: number }[] {
  const list = targets ?? [];
  if (!list.length) throw new AwsError('ValidationError', 'Targets must contain at least one target');
  return list.map((t) => {
    if (!t.Id) throw new AwsError('ValidationError', 'A target must have an Id');
    return { Id: t.Id, Port: t.Port };
  });
}

export const RegisterTargets: Handler<RegisterTargetsCommandInput, RegisterTargetsCommandOutput> = (
  input,
  ctx,
) => {
  sync(ctx);
  const tg = findTargetGroup(ctx.sim, ctx.region, input.TargetGroupArn);
  for (const t of checkTargets(input.Targets)) registerTarget(tg, t.Id, t.Port, nowIso(ctx.sim));
  return {};
};

export const DeregisterTargets: Handler<DeregisterTargetsCommandInput, DeregisterTargetsCommandOutput> = (
  input,
  ctx,
) => {
  sync(ctx);
  const tg = findTargetGroup(ctx.sim, ctx.region, input.TargetGroupArn);
  for (const t of checkTargets(input.Targets)) deregisterTarget(tg, t.Id, nowIso(ctx.sim));
  return {};
};

export const DescribeTargetHealth: Handler<
  DescribeTargetHealthCommandInput,
  DescribeTargetHealthCommandOutput
> = (input, ctx) => {
  sync(ctx);
  const tg = findTargetGroup(ctx.sim, ctx.region, input.TargetGroupArn);
  const now = ctx.sim.clock.nowMs();
  const asked = input.Targets?.length ? checkTargets(input.Targets) : undefined;
  const out: TargetHealthDescription[] = [];
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
};
