/** VPCs and subnets: DescribeVpcs, DescribeSubnets, and the addresses instances get in a subnet. */
import type {
  DescribeSubnetsCommandInput,
  DescribeSubnetsCommandOutput,
  DescribeVpcsCommandInput,
  DescribeVpcsCommandOutput,
  Subnet,
  Vpc,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { applyFilters } from './filters.js';
import { EC2_PAGING } from './limits.js';
import { regionState } from './region.js';
import type { Ec2Region, SubnetRecord } from './state.js';

/** A private address in the subnet, and a public one when asked. */
export function allocateAddress(subnet: SubnetRecord): string {
  const base = subnet.CidrBlock.split('/')[0].split('.').map(Number);
  const host = subnet.nextHost++;
  return `${base[0]}.${base[1]}.${base[2] + Math.floor(host / 256)}.${host % 256}`;
}

function vpcOutput(v: Ec2Region['vpcs'][string], accountId: string): Vpc {
  return {
    VpcId: v.VpcId,
    CidrBlock: v.CidrBlock,
    State: 'available',
    IsDefault: v.IsDefault,
    OwnerId: accountId,
    InstanceTenancy: 'default',
    DhcpOptionsId: 'dopt-0a1b2c3d',
    CidrBlockAssociationSet: [
      {
        AssociationId: `vpc-cidr-assoc-${v.VpcId.slice(4, 12)}`,
        CidrBlock: v.CidrBlock,
        CidrBlockState: { State: 'associated' },
      },
    ],
    Tags: v.Tags,
  };
}

export const DescribeVpcs: Handler<DescribeVpcsCommandInput, DescribeVpcsCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const ids: string[] | undefined = input.VpcIds;
  for (const id of ids ?? []) {
    if (!r.vpcs[id]) throw new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
  }
  const items = Object.values(r.vpcs).filter((v) => !ids?.length || ids.includes(v.VpcId));
  const matched = applyFilters(items, input.Filters, {
    'vpc-id': (v) => v.VpcId,
    'is-default': (v) => v.IsDefault,
    'cidr-block': (v) => v.CidrBlock,
    cidr: (v) => v.CidrBlock,
    state: () => 'available',
    'owner-id': () => ctx.accountId,
  });
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeVpcs);
  return { Vpcs: page.map((v) => vpcOutput(v, ctx.accountId)), NextToken: next };
};

function subnetOutput(s: SubnetRecord, ctx: CallContext): Subnet {
  return {
    SubnetId: s.SubnetId,
    SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${s.SubnetId}`,
    VpcId: s.VpcId,
    CidrBlock: s.CidrBlock,
    AvailabilityZone: s.AvailabilityZone,
    AvailabilityZoneId: `${ctx.region.replace(/-/g, '').slice(0, 4)}-az${s.AvailabilityZone.slice(-1).charCodeAt(0) - 96}`,
    AvailableIpAddressCount: 4091 - s.nextHost,
    DefaultForAz: s.DefaultForAz,
    MapPublicIpOnLaunch: s.MapPublicIpOnLaunch,
    State: 'available',
    OwnerId: ctx.accountId,
    AssignIpv6AddressOnCreation: false,
    Tags: s.Tags,
  };
}

export const DescribeSubnets: Handler<DescribeSubnetsCommandInput, DescribeSubnetsCommandOutput> = (
  input,
  ctx,
) => {
  const r = regionState(ctx.sim, ctx.region);
  const ids: string[] | undefined = input.SubnetIds;
  for (const id of ids ?? []) {
    if (!r.subnets[id])
      throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
  }
  const items = Object.values(r.subnets).filter((s) => !ids?.length || ids.includes(s.SubnetId));
  const matched = applyFilters(items, input.Filters, {
    'subnet-id': (s) => s.SubnetId,
    'vpc-id': (s) => s.VpcId,
    'availability-zone': (s) => s.AvailabilityZone,
    'default-for-az': (s) => s.DefaultForAz,
    defaultForAz: (s) => s.DefaultForAz,
    'cidr-block': (s) => s.CidrBlock,
    'map-public-ip-on-launch': (s) => s.MapPublicIpOnLaunch,
    state: () => 'available',
  });
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeSubnets);
  return { Subnets: page.map((s) => subnetOutput(s, ctx)), NextToken: next };
};
