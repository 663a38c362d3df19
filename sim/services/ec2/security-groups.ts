/** Security groups: describe, create, delete, authorize and revoke rules. */
import type {
  AuthorizeSecurityGroupEgressCommandInput,
  AuthorizeSecurityGroupEgressCommandOutput,
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput,
  CreateSecurityGroupCommandInput,
  CreateSecurityGroupCommandOutput,
  DeleteSecurityGroupCommandInput,
  DeleteSecurityGroupCommandOutput,
  DescribeSecurityGroupsCommandInput,
  DescribeSecurityGroupsCommandOutput,
  RevokeSecurityGroupIngressCommandInput,
  RevokeSecurityGroupIngressCommandOutput,
  SecurityGroup,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler } from '../../core/types.js';
import { applyFilters } from './filters.js';
import { newId } from './ids.js';
import { instanceState } from './lifecycle.js';
import { EC2_PAGING } from './limits.js';
import { defaultVpcId, regionState } from './region.js';
import type { Ec2Region, IpPermission, SecurityGroupRecord } from './state.js';
import { checkTagSpecTypes, tagsFor } from './tags.js';

function sgOutput(g: SecurityGroupRecord): SecurityGroup {
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

export const DescribeSecurityGroups: Handler<
  DescribeSecurityGroupsCommandInput,
  DescribeSecurityGroupsCommandOutput
> = (input, ctx) => {
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
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeSecurityGroups);
  return { SecurityGroups: page.map(sgOutput), NextToken: next };
};

export const CreateSecurityGroup: Handler<
  CreateSecurityGroupCommandInput,
  CreateSecurityGroupCommandOutput
> = (input, ctx) => {
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
};

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

export const AuthorizeSecurityGroupIngress: Handler<
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput
> = (input, ctx) => {
  const g = findGroup(regionState(ctx.sim, ctx.region), input);
  const rules = authorize(g.IpPermissions, permissionsOf(input), g.GroupId);
  return { Return: true, SecurityGroupRules: rules.map((x) => ({ ...x, IsEgress: false })) };
};

export const AuthorizeSecurityGroupEgress: Handler<
  AuthorizeSecurityGroupEgressCommandInput,
  AuthorizeSecurityGroupEgressCommandOutput
> = (input, ctx) => {
  const g = findGroup(regionState(ctx.sim, ctx.region), input);
  const rules = authorize(g.IpPermissionsEgress, permissionsOf(input), g.GroupId);
  return { Return: true, SecurityGroupRules: rules.map((x) => ({ ...x, IsEgress: true })) };
};

export const RevokeSecurityGroupIngress: Handler<
  RevokeSecurityGroupIngressCommandInput,
  RevokeSecurityGroupIngressCommandOutput
> = (input, ctx) => {
  const g = findGroup(regionState(ctx.sim, ctx.region), input);
  const remove = permissionsOf(input);
  const keys = new Set(remove.flatMap((p) => (p.IpRanges ?? []).map((x) => ruleKey(p, x.CidrIp))));
  g.IpPermissions = g.IpPermissions.filter(
    (p) => !(p.IpRanges ?? []).some((x) => keys.has(ruleKey(p, x.CidrIp))),
  );
  return { Return: true };
};

export const DeleteSecurityGroup: Handler<
  DeleteSecurityGroupCommandInput,
  DeleteSecurityGroupCommandOutput
> = (input, ctx) => {
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
};
