/**
 * The account's EC2 slice of one region, created on first use with what every AWS account has there:
 * a default VPC with one default subnet per zone and its `default` security group.
 */
import { regionSlice } from '../../core/regions.js';
import type { SimulatorApi } from '../../core/types.js';
import { stableId } from './ids.js';
import { type Ec2Region, emptyRegion } from './state.js';

export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-south-1',
  'sa-east-1',
];

export function zonesOf(region: string): string[] {
  return ['a', 'b', 'c'].map((z) => `${region}${z}`);
}

export function defaultVpcId(accountId: string, region: string): string {
  return stableId('vpc', accountId, region, 'default-vpc');
}

export function defaultSubnetId(accountId: string, region: string, zone: string): string {
  return stableId('subnet', accountId, region, zone, 'default-subnet');
}

export function defaultSecurityGroupId(accountId: string, vpcId: string): string {
  return stableId('sg', accountId, vpcId, 'default');
}

/** Adds a VPC with its `default` security group. */
export function addVpc(r: Ec2Region, accountId: string, vpcId: string, cidr: string, isDefault: boolean) {
  r.vpcs[vpcId] = { VpcId: vpcId, CidrBlock: cidr, IsDefault: isDefault, Tags: [] };
  const sgId = defaultSecurityGroupId(accountId, vpcId);
  r.securityGroups[sgId] = {
    GroupId: sgId,
    GroupName: 'default',
    Description: 'default VPC security group',
    VpcId: vpcId,
    OwnerId: accountId,
    IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: sgId, UserId: accountId }] }],
    IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    Tags: [],
  };
}

export function addDefaultNetwork(r: Ec2Region, accountId: string, region: string): void {
  const vpcId = defaultVpcId(accountId, region);
  if (r.vpcs[vpcId]) return;
  addVpc(r, accountId, vpcId, '172.31.0.0/16', true);
  zonesOf(region).forEach((zone, i) => {
    const id = defaultSubnetId(accountId, region, zone);
    r.subnets[id] = {
      SubnetId: id,
      VpcId: vpcId,
      CidrBlock: `172.31.${i * 16}.0/20`,
      AvailabilityZone: zone,
      DefaultForAz: true,
      MapPublicIpOnLaunch: true,
      reachesSsm: true,
      nextHost: 10,
      Tags: [],
    };
  });
}

/** The region's slice, created (with its default VPC, as every AWS account has) on first use. */
export function regionState(sim: SimulatorApi, region: string): Ec2Region {
  let created = false;
  const r = regionSlice(sim, 'ec2', region, () => {
    created = true;
    return emptyRegion();
  });
  if (created) addDefaultNetwork(r, sim.accountId, region);
  return r;
}
