/** Load balancers: CreateLoadBalancer, DescribeLoadBalancers (a new one reads `provisioning` for a while). */
import type {
  CreateLoadBalancerCommandInput,
  CreateLoadBalancerCommandOutput,
  DescribeLoadBalancersCommandInput,
  DescribeLoadBalancersCommandOutput,
  LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { paginate } from '../../core/pagination.js';
import { nowIso } from '../../core/time.js';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { defaultVpcId, regionState } from '../ec2/region.js';
import { ELBV2_PAGING } from './limits.js';
import { arnPrefix, findLoadBalancer, hex, type LoadBalancerRecord, listenerState } from './state.js';

/** Simulated seconds a new load balancer stays `provisioning`. */
export const PROVISIONING_SECONDS = 60;

const TYPE_PREFIX: Record<string, string> = { application: 'app', network: 'net', gateway: 'gwy' };

export function createLoadBalancer(
  sim: SimulatorApi,
  region: string,
  input: CreateLoadBalancerCommandInput,
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

export function loadBalancerOutput(sim: SimulatorApi, { Tags: _t, ...lb }: LoadBalancerRecord): LoadBalancer {
  const active = sim.clock.nowMs() >= Date.parse(lb.CreatedTime) + PROVISIONING_SECONDS * 1000;
  return {
    ...lb,
    CreatedTime: new Date(lb.CreatedTime),
    State: { Code: active ? 'active' : 'provisioning' },
  };
}

export const CreateLoadBalancer: Handler<CreateLoadBalancerCommandInput, CreateLoadBalancerCommandOutput> = (
  input,
  ctx,
) => {
  const lb = createLoadBalancer(ctx.sim, ctx.region, input);
  return { LoadBalancers: [loadBalancerOutput(ctx.sim, lb)] };
};

export const DescribeLoadBalancers: Handler<
  DescribeLoadBalancersCommandInput,
  DescribeLoadBalancersCommandOutput
> = (input, ctx) => {
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
  const { page, next } = paginate(items, input, ELBV2_PAGING.DescribeLoadBalancers);
  return { LoadBalancers: page.map((lb) => loadBalancerOutput(ctx.sim, lb)), NextMarker: next };
};
