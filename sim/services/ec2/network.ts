/**
 * VPCs, subnets, security groups, key pairs, zones and regions: what RunInstances and Packer need.
 * Every region gets a default VPC (one default subnet per zone, a `default` security group) on first use.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { AwsError, type CallContext, type SimulatorApi } from '../../core/types.js';
import { applyFilters } from './filters.js';
import { stableId } from './ids.js';
import { instanceState } from './lifecycle.js';
import { paginate } from './pagination.js';
import {
  type Ec2Region,
  type IpPermission,
  newId,
  nowIso,
  onRegionCreated,
  regionState,
  type SecurityGroupRecord,
  type SubnetRecord,
} from './state.js';
import { checkTagSpecTypes, tagsFor } from './tags.js';

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

onRegionCreated((sim: SimulatorApi, region: string, r: Ec2Region) =>
  addDefaultNetwork(r, sim.accountId, region),
);

/** A private address in the subnet, and a public one when asked. */
export function allocateAddress(subnet: SubnetRecord): string {
  const base = subnet.CidrBlock.split('/')[0].split('.').map(Number);
  const host = subnet.nextHost++;
  return `${base[0]}.${base[1]}.${base[2] + Math.floor(host / 256)}.${host % 256}`;
}

function vpcOutput(v: Ec2Region['vpcs'][string], accountId: string) {
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

export function DescribeVpcs(input: Record<string, any>, ctx: CallContext) {
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
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken);
  return { Vpcs: page.map((v) => vpcOutput(v, ctx.accountId)), NextToken: nextToken };
}

function subnetOutput(s: SubnetRecord, ctx: CallContext) {
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

export function DescribeSubnets(input: Record<string, any>, ctx: CallContext) {
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
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken);
  return { Subnets: page.map((s) => subnetOutput(s, ctx)), NextToken: nextToken };
}

function sgOutput(g: SecurityGroupRecord) {
  return {
    GroupId: g.GroupId,
    GroupName: g.GroupName,
    Description: g.Description,
    VpcId: g.VpcId,
    OwnerId: g.OwnerId,
    IpPermissions: g.IpPermissions,
    IpPermissionsEgress: g.IpPermissionsEgress,
    Tags: g.Tags,
  };
}

export function DescribeSecurityGroups(input: Record<string, any>, ctx: CallContext) {
  const r = regionState(ctx.sim, ctx.region);
  const all = Object.values(r.securityGroups);
  const ids: string[] | undefined = input.GroupIds;
  const names: string[] | undefined = input.GroupNames;
  for (const id of ids ?? []) {
    if (!r.securityGroups[id]) {
      throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    }
  }
  for (const n of names ?? []) {
    if (!all.some((g) => g.GroupName === n && r.vpcs[g.VpcId]?.IsDefault)) {
      throw new AwsError('InvalidGroup.NotFound', `The security group '${n}' does not exist in default VPC`);
    }
  }
  const items = all.filter(
    (g) =>
      (!ids?.length || ids.includes(g.GroupId)) &&
      (!names?.length || (names.includes(g.GroupName) && r.vpcs[g.VpcId]?.IsDefault)),
  );
  const matched = applyFilters(items, input.Filters, {
    'group-id': (g) => g.GroupId,
    'group-name': (g) => g.GroupName,
    'vpc-id': (g) => g.VpcId,
    description: (g) => g.Description,
    'owner-id': (g) => g.OwnerId,
  });
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken);
  return { SecurityGroups: page.map(sgOutput), NextToken: nextToken };
}

export function CreateSecurityGroup(input: Record<string, any>, ctx: CallContext) {
  const r = regionState(ctx.sim, ctx.region);
  const name: string = input.GroupName ?? '';
  if (!name) throw new AwsError('MissingParameter', 'The request must contain the parameter groupName');
  if (!input.Description)
    throw new AwsError('MissingParameter', 'The request must contain the parameter groupDescription');
  if (name.toLowerCase().startsWith('sg-')) {
    throw new AwsError('InvalidParameterValue', 'Group names may not be in the format sg-*.');
  }
  const vpcId: string = input.VpcId || defaultVpcId(ctx.accountId, ctx.region);
  if (!r.vpcs[vpcId]) throw new AwsError('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  if (Object.values(r.securityGroups).some((g) => g.VpcId === vpcId && g.GroupName === name)) {
    throw new AwsError(
      'InvalidGroup.Duplicate',
      `The security group '${name}' already exists for VPC '${vpcId}'`,
    );
  }
  checkTagSpecTypes(input.TagSpecifications, ['security-group']);
  const id = newId('sg');
  r.securityGroups[id] = {
    GroupId: id,
    GroupName: name,
    Description: input.Description,
    VpcId: vpcId,
    OwnerId: ctx.accountId,
    IpPermissions: [],
    IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    Tags: tagsFor(input.TagSpecifications, 'security-group'),
  };
  return {
    GroupId: id,
    Tags: r.securityGroups[id].Tags,
    SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${id}`,
  };
}

function findGroup(r: Ec2Region, input: Record<string, any>): SecurityGroupRecord {
  const g = input.GroupId
    ? r.securityGroups[input.GroupId]
    : Object.values(r.securityGroups).find(
        (x) => x.GroupName === input.GroupName && r.vpcs[x.VpcId]?.IsDefault,
      );
  if (!g) {
    throw new AwsError(
      'InvalidGroup.NotFound',
      `The security group '${input.GroupId ?? input.GroupName}' does not exist`,
    );
  }
  return g;
}

function permissionsOf(input: Record<string, any>): IpPermission[] {
  if (input.IpPermissions?.length) return input.IpPermissions;
  if (input.IpProtocol || input.CidrIp) {
    return [
      {
        IpProtocol: input.IpProtocol ?? '-1',
        FromPort: input.FromPort,
        ToPort: input.ToPort,
        IpRanges: input.CidrIp ? [{ CidrIp: input.CidrIp }] : [],
      },
    ];
  }
  throw new AwsError('MissingParameter', 'The request must contain the parameter ipPermissions');
}

const ruleKey = (p: IpPermission, cidr: string) =>
  `${p.IpProtocol}/${p.FromPort ?? ''}/${p.ToPort ?? ''}/${cidr}`;

function authorize(list: IpPermission[], perms: IpPermission[], groupId: string) {
  const existing = new Set(list.flatMap((p) => (p.IpRanges ?? []).map((x) => ruleKey(p, x.CidrIp))));
  const rules = [];
  for (const p of perms) {
    for (const range of p.IpRanges ?? []) {
      if (existing.has(ruleKey(p, range.CidrIp))) {
        throw new AwsError(
          'InvalidPermission.Duplicate',
          `the specified rule "peer: ${range.CidrIp}, ${p.IpProtocol}, from port: ${p.FromPort}, to port: ${p.ToPort}, ALLOW" already exists`,
        );
      }
      rules.push({
        SecurityGroupRuleId: newId('sgr'),
        GroupId: groupId,
        IpProtocol: p.IpProtocol,
        FromPort: p.FromPort,
        ToPort: p.ToPort,
        CidrIpv4: range.CidrIp,
      });
    }
    list.push({ ...p, IpRanges: p.IpRanges ?? [], UserIdGroupPairs: p.UserIdGroupPairs ?? [] });
  }
  return rules;
}

export function AuthorizeSecurityGroupIngress(input: Record<string, any>, ctx: CallContext) {
  const g = findGroup(regionState(ctx.sim, ctx.region), input);
  const rules = authorize(g.IpPermissions, permissionsOf(input), g.GroupId);
  return { Return: true, SecurityGroupRules: rules.map((x) => ({ ...x, IsEgress: false })) };
}

export function AuthorizeSecurityGroupEgress(input: Record<string, any>, ctx: CallContext) {
  const g = findGroup(regionState(ctx.sim, ctx.region), input);
  const rules = authorize(g.IpPermissionsEgress, permissionsOf(input), g.GroupId);
  return { Return: true, SecurityGroupRules: rules.map((x) => ({ ...x, IsEgress: true })) };
}

export function RevokeSecurityGroupIngress(input: Record<string, any>, ctx: CallContext) {
  const g = findGroup(regionState(ctx.sim, ctx.region), input);
  const remove = permissionsOf(input);
  const keys = new Set(remove.flatMap((p) => (p.IpRanges ?? []).map((x) => ruleKey(p, x.CidrIp))));
  g.IpPermissions = g.IpPermissions.filter(
    (p) => !(p.IpRanges ?? []).some((x) => keys.has(ruleKey(p, x.CidrIp))),
  );
  return { Return: true };
}

export function DeleteSecurityGroup(input: Record<string, any>, ctx: CallContext) {
  const r = regionState(ctx.sim, ctx.region);
  const g = findGroup(r, input);
  if (g.GroupName === 'default') {
    throw new AwsError(
      'CannotDelete',
      `the specified group: "${g.GroupId}" name: "default" cannot be deleted by a user`,
    );
  }
  const now = ctx.sim.clock.nowMs();
  const inUse = Object.values(r.instances).some(
    (i) => i.SecurityGroups.some((s) => s.GroupId === g.GroupId) && instanceState(i, now) !== 'terminated',
  );
  if (inUse) throw new AwsError('DependencyViolation', `resource ${g.GroupId} has a dependent object`);
  delete r.securityGroups[g.GroupId];
  return { Return: true, GroupId: g.GroupId };
}

function fingerprint(der: Buffer): string {
  return createHash('sha1').update(der).digest('hex').match(/../g)?.join(':') ?? '';
}

export function CreateKeyPair(input: Record<string, any>, ctx: CallContext) {
  const r = regionState(ctx.sim, ctx.region);
  const name: string = input.KeyName ?? '';
  if (!name) throw new AwsError('MissingParameter', 'The request must contain the parameter KeyName');
  if (Object.values(r.keyPairs).some((k) => k.KeyName === name)) {
    throw new AwsError('InvalidKeyPair.Duplicate', `The keypair '${name}' already exists.`);
  }
  checkTagSpecTypes(input.TagSpecifications, ['key-pair']);
  const type = input.KeyType ?? 'rsa';
  const pair =
    type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = pair.privateKey
    .export({ type: type === 'ed25519' ? 'pkcs8' : 'pkcs1', format: 'pem' })
    .toString();
  const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const id = newId('key');
  r.keyPairs[id] = {
    KeyPairId: id,
    KeyName: name,
    KeyFingerprint: fingerprint(der),
    KeyType: type,
    createdAt: nowIso(ctx.sim),
    Tags: tagsFor(input.TagSpecifications, 'key-pair'),
  };
  return {
    KeyName: name,
    KeyFingerprint: r.keyPairs[id].KeyFingerprint,
    KeyMaterial: pem.trimEnd(),
    KeyPairId: id,
    Tags: r.keyPairs[id].Tags,
  };
}

export function findKeyPair(r: Ec2Region, name: string) {
  return Object.values(r.keyPairs).find((k) => k.KeyName === name);
}

export function DeleteKeyPair(input: Record<string, any>, ctx: CallContext) {
  const r = regionState(ctx.sim, ctx.region);
  const k = input.KeyPairId ? r.keyPairs[input.KeyPairId] : findKeyPair(r, input.KeyName ?? '');
  // EC2 answers success for an unknown key name.
  if (k) delete r.keyPairs[k.KeyPairId];
  return { Return: true, KeyPairId: k?.KeyPairId };
}

export function DescribeKeyPairs(input: Record<string, any>, ctx: CallContext) {
  const r = regionState(ctx.sim, ctx.region);
  const all = Object.values(r.keyPairs);
  for (const n of input.KeyNames ?? []) {
    if (!all.some((k) => k.KeyName === n)) {
      throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${n}' does not exist`);
    }
  }
  for (const id of input.KeyPairIds ?? []) {
    if (!r.keyPairs[id]) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
  }
  const items = all.filter(
    (k) =>
      (!input.KeyNames?.length || input.KeyNames.includes(k.KeyName)) &&
      (!input.KeyPairIds?.length || input.KeyPairIds.includes(k.KeyPairId)),
  );
  const matched = applyFilters(items, input.Filters, {
    'key-name': (k) => k.KeyName,
    'key-pair-id': (k) => k.KeyPairId,
    fingerprint: (k) => k.KeyFingerprint,
  });
  return {
    KeyPairs: matched.map((k) => ({
      KeyPairId: k.KeyPairId,
      KeyName: k.KeyName,
      KeyFingerprint: k.KeyFingerprint,
      KeyType: k.KeyType,
      CreateTime: new Date(k.createdAt),
      Tags: k.Tags,
    })),
  };
}

export function DescribeAvailabilityZones(input: Record<string, any>, ctx: CallContext) {
  const zones = zonesOf(ctx.region).map((z, i) => ({
    ZoneName: z,
    ZoneId: `${ctx.region.replace(/-/g, '').slice(0, 4)}-az${i + 1}`,
    State: 'available',
    RegionName: ctx.region,
    ZoneType: 'availability-zone',
    OptInStatus: 'opt-in-not-required',
    GroupName: ctx.region,
    NetworkBorderGroup: ctx.region,
    Messages: [],
  }));
  const named = zones.filter((z) => !input.ZoneNames?.length || input.ZoneNames.includes(z.ZoneName));
  const matched = applyFilters(named as any[], input.Filters, {
    'zone-name': (z) => z.ZoneName,
    'zone-id': (z) => z.ZoneId,
    state: (z) => z.State,
    'region-name': (z) => z.RegionName,
    'zone-type': (z) => z.ZoneType,
  });
  return { AvailabilityZones: matched };
}

export function DescribeRegions(input: Record<string, any>, _ctx: CallContext) {
  const names: string[] | undefined = input.RegionNames;
  const items = REGIONS.filter((n) => !names?.length || names.includes(n)).map((n) => ({
    RegionName: n,
    Endpoint: `ec2.${n}.amazonaws.com`,
    OptInStatus: 'opt-in-not-required',
  }));
  const matched = applyFilters(items as any[], input.Filters, {
    'region-name': (x) => x.RegionName,
    endpoint: (x) => x.Endpoint,
    'opt-in-status': (x) => x.OptInStatus,
  });
  return { Regions: matched };
}

export function DescribeAccountAttributes(input: Record<string, any>, ctx: CallContext) {
  const values: Record<string, string[]> = {
    'supported-platforms': ['VPC'],
    'default-vpc': [defaultVpcId(ctx.accountId, ctx.region)],
    'max-instances': ['1280'],
    'vpc-max-security-groups-per-interface': ['5'],
    'max-elastic-ips': ['5'],
    'vpc-max-elastic-ips': ['5'],
  };
  const names: string[] = input.AttributeNames?.length ? input.AttributeNames : Object.keys(values);
  return {
    AccountAttributes: names
      .filter((n) => values[n])
      .map((n) => ({ AttributeName: n, AttributeValues: values[n].map((v) => ({ AttributeValue: v })) })),
  };
}
