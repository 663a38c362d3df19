/**
 * EC2 operations -> IAM checks, after the Service Authorization Reference ("Actions defined by Amazon
 * EC2"): the resource types each action names, their ARNs, and the tag condition keys. New resources
 * are named with `*` for their id (`instance/*`), as AWS authorizes them before they exist.
 * Operations not listed here (all Describe* calls, GetImageBlockPublicAccessState, ...) have no
 * resource-level permissions: they are checked on Resource `*`.
 */

import { accountOfArn } from '../../core/accounts.js';
import { defaultSecurityGroupId, defaultVpcId } from '../../services/ec2/region.js';
import { locateImage, locateSnapshot } from '../../services/ec2/shared.js';
import type { Ec2Region } from '../../services/ec2/state.js';
import { resolveKmsKey } from '../../services/kms/keys.js';
import { resolveParameter } from '../../services/ssm/parameter-store.js';
import { type AuthRequest, check, keys, merge, requestTags, resourceTags, type Tag } from '../context.js';
import type { AuthCheck } from '../evaluate.js';
import { kmsViaEc2, passRole, tagOnCreate } from '../implied.js';

type Authorizer = (req: AuthRequest) => AuthCheck[];

const TYPE_BY_PREFIX: Record<string, string> = {
  ami: 'image',
  snap: 'snapshot',
  vol: 'volume',
  i: 'instance',
  vpc: 'vpc',
  subnet: 'subnet',
  sg: 'security-group',
  key: 'key-pair',
  eni: 'network-interface',
  lt: 'launch-template',
};

const COLLECTION: Record<string, keyof Ec2Region> = {
  image: 'images',
  snapshot: 'snapshots',
  volume: 'volumes',
  instance: 'instances',
  vpc: 'vpcs',
  subnet: 'subnets',
  'security-group': 'securityGroups',
  'key-pair': 'keyPairs',
};

/** Images and snapshots are named without an account in their ARNs. */
export function ec2Arn(
  req: Pick<AuthRequest, 'region' | 'accountId'>,
  type: string,
  id: string,
  region = req.region,
) {
  const account = type === 'image' || type === 'snapshot' ? '' : req.accountId;
  return `arn:aws:ec2:${region}:${account}:${type}/${id}`;
}

function regionOf(req: AuthRequest, region = req.region): Ec2Region | undefined {
  return req.sim.slice('ec2')?.regions?.[region];
}

function record(req: AuthRequest, type: string, id: string, region = req.region): any {
  // Images and snapshots may be another account's, shared with the caller.
  if (type === 'image') return locateImage(req.sim, region, id)?.record;
  if (type === 'snapshot') return locateSnapshot(req.sim, region, id)?.record;
  const coll = COLLECTION[type];
  return coll ? (regionOf(req, region)?.[coll] as Record<string, any> | undefined)?.[id] : undefined;
}

/** The context an existing resource brings: its tags, and for images the owner. */
function existing(req: AuthRequest, type: string, id: string, region = req.region) {
  const rec = record(req, type, id, region);
  const ctx = merge(
    resourceTags(rec?.Tags, ['aws:ResourceTag', 'ec2:ResourceTag']),
    keys({ 'ec2:Region': region }),
  );
  if (type === 'image' && rec) {
    return merge(
      ctx,
      keys({ 'ec2:Owner': rec.ImageOwnerAlias ?? rec.OwnerId, 'ec2:Public': String(!!rec.Public) }),
    );
  }
  return ctx;
}

/** A check of `ec2:<operation>` on an existing resource named by its id. */
function onExisting(req: AuthRequest, id: string, region = req.region): AuthCheck {
  const type = TYPE_BY_PREFIX[id.split('-')[0]] ?? 'unknown';
  return check(`ec2:${req.operation}`, ec2Arn(req, type, id, region), existing(req, type, id, region));
}

function specTags(req: AuthRequest, type: string): Tag[] {
  const specs: { ResourceType?: string; Tags?: Tag[] }[] = req.input.TagSpecifications ?? [];
  return specs.filter((s) => s.ResourceType === type).flatMap((s) => s.Tags ?? []);
}

/** `ec2:<operation>` on a resource the call creates, plus the implied CreateTags if it tags it. */
function onNew(req: AuthRequest, type: string, tags = specTags(req, type), region = req.region): AuthCheck[] {
  const arn = ec2Arn(req, type, '*', region);
  return [
    check(`ec2:${req.operation}`, arn, requestTags(tags), keys({ 'ec2:Region': region })),
    ...tagOnCreate(req.operation, arn, tags),
  ];
}

const byIds =
  (field: string): Authorizer =>
  (req) =>
    ((req.input[field] ?? []) as string[]).map((id) => onExisting(req, id));

const byId =
  (field: string): Authorizer =>
  (req) =>
    req.input[field] ? [onExisting(req, String(req.input[field]))] : [check(`ec2:${req.operation}`, '*')];

/**
 * Customer managed keys only: AWS managed keys (`aws/ebs`) allow every principal of the account via
 * EC2. A key ARN of another account (a shared image's) is looked up there.
 */
function customerKey(req: AuthRequest, region: string, ref: string | undefined) {
  if (!ref) return undefined;
  const owner = accountOfArn(ref);
  const home = owner && owner !== req.accountId ? req.sim.account(owner) : req.sim;
  const key = home && resolveKmsKey(home, region, ref);
  return key && key.KeyManager === 'CUSTOMER' ? key : undefined;
}

function imageKeys(req: AuthRequest, imageId: string, region: string): string[] {
  const img = record(req, 'image', imageId, region);
  const refs = (img?.BlockDeviceMappings ?? []).map((b: any) => b.Ebs?.KmsKeyId).filter(Boolean);
  return refs.map((ref: string) => customerKey(req, region, ref)?.Arn).filter(Boolean);
}

function kmsChecks(req: AuthRequest, keyArns: (string | undefined)[], region: string): AuthCheck[] {
  return [...new Set(keyArns.filter(Boolean) as string[])].flatMap((arn) => kmsViaEc2(req, arn, region));
}

function roleOfProfile(req: AuthRequest, profile: { Arn?: string; Name?: string }): string | undefined {
  const profiles = Object.values(req.sim.slice('ec2')?.instanceProfiles ?? {}) as any[];
  const p = profile.Arn
    ? profiles.find((x) => x.Arn === profile.Arn)
    : profiles.find((x) => x.Name === profile.Name);
  const name = p?.Name ?? profile.Name ?? /instance-profile\/(?:.*\/)?([^/]+)$/.exec(profile.Arn ?? '')?.[1];
  // The simulator's profiles carry no role: each holds the role of the same name (optionally `roleName`).
  return name ? `arn:aws:iam::${req.accountId}:role/${p?.roleName ?? name}` : undefined;
}

/** The image a launch names: `resolve:ssm:<parameter>` read from the account's parameter when it can be. */
function launchedImage(req: AuthRequest): string {
  const ref = String(req.input.ImageId ?? '');
  if (!ref.startsWith('resolve:ssm:')) return ref;
  return resolveParameter(req.sim, req.region, ref.slice('resolve:ssm:'.length)) ?? ref;
}

function runInstances(req: AuthRequest): AuthCheck[] {
  const input = req.input;
  const imageId = launchedImage(req);
  const nic = input.NetworkInterfaces?.[0] ?? {};
  const subnetId: string | undefined = nic.SubnetId || input.SubnetId || undefined;
  const groups: string[] = nic.Groups ?? input.SecurityGroupIds ?? [];
  const vpc = defaultVpcId(req.accountId, req.region);
  const subnet = subnetId ?? defaultSubnetOf(req, vpc, input.Placement?.AvailabilityZone || undefined);
  const out: AuthCheck[] = [
    onExisting(req, imageId),
    ...onNew(req, 'instance'),
    ...onNew(req, 'network-interface'),
    ...onNew(req, 'volume'),
    subnet ? onExisting(req, subnet) : check('ec2:RunInstances', ec2Arn(req, 'subnet', '*')),
  ];
  const groupIds = groups.length
    ? groups
    : input.SecurityGroups?.length
      ? []
      : [defaultSecurityGroupId(req.accountId, vpc)];
  out.push(...groupIds.map((g) => onExisting(req, g)));
  if (input.KeyName) {
    out.push(
      check('ec2:RunInstances', ec2Arn(req, 'key-pair', input.KeyName), keys({ 'ec2:Region': req.region })),
    );
  }
  if (input.IamInstanceProfile?.Arn || input.IamInstanceProfile?.Name) {
    const role = roleOfProfile(req, input.IamInstanceProfile);
    if (role) out.push(passRole(role, 'ec2.amazonaws.com', 'ec2:RunInstances'));
  }
  const overrideKeys = (input.BlockDeviceMappings ?? []).map(
    (m: any) => customerKey(req, req.region, m.Ebs?.KmsKeyId)?.Arn,
  );
  out.push(...kmsChecks(req, [...imageKeys(req, imageId, req.region), ...overrideKeys], req.region));
  return out;
}

function defaultSubnetOf(req: AuthRequest, vpcId: string, zone?: string): string | undefined {
  const subnets = Object.values(regionOf(req)?.subnets ?? {}) as any[];
  return subnets.find((s) => s.VpcId === vpcId && s.DefaultForAz && (!zone || s.AvailabilityZone === zone))
    ?.SubnetId;
}

function copyImage(req: AuthRequest): AuthCheck[] {
  const { input } = req;
  const source = String(input.SourceImageId ?? '');
  const sourceRegion = String(input.SourceRegion ?? req.region);
  const src = record(req, 'image', source, sourceRegion);
  const copied: Tag[] = input.CopyImageTags && src?.OwnerId === req.accountId ? src.Tags : [];
  const out = [
    ...onNew(req, 'image', [...copied, ...specTags(req, 'image')]),
    ...onNew(req, 'snapshot'),
    onExisting(req, source, sourceRegion),
  ];
  const sourceKeys = imageKeys(req, source, sourceRegion);
  const target = input.KmsKeyId ? customerKey(req, req.region, input.KmsKeyId)?.Arn : undefined;
  out.push(...kmsChecks(req, sourceKeys, sourceRegion));
  // Without KmsKeyId a copy keeps its source key in the same region (checked above) and otherwise
  // takes the destination's aws/ebs key, which needs no identity permission.
  out.push(...kmsChecks(req, [target], req.region));
  return out;
}

function createImage(req: AuthRequest): AuthCheck[] {
  const instanceId = String(req.input.InstanceId ?? '');
  const volumes = Object.values(regionOf(req)?.volumes ?? {}) as any[];
  const keyArns = volumes
    .filter((v) => v.attachment?.InstanceId === instanceId && v.Encrypted)
    .map((v) => customerKey(req, req.region, v.KmsKeyId)?.Arn);
  return [
    onExisting(req, instanceId),
    ...onNew(req, 'image'),
    ...onNew(req, 'snapshot'),
    ...kmsChecks(req, keyArns, req.region),
  ];
}

function registerImage(req: AuthRequest): AuthCheck[] {
  const snaps = (req.input.BlockDeviceMappings ?? []).map((m: any) => m.Ebs?.SnapshotId).filter(Boolean);
  return [...onNew(req, 'image'), ...snaps.map((s: string) => onExisting(req, s))];
}

/** CreateTags/DeleteTags: the tagged resources, with the tags the request sets or removes. */
function tagging(req: AuthRequest): AuthCheck[] {
  const tags = requestTags(req.input.Tags);
  return ((req.input.Resources ?? []) as string[]).map((id) => {
    const c = onExisting(req, id);
    return { ...c, context: merge(c.context, tags) };
  });
}

function launchTemplate(req: AuthRequest): AuthCheck[] {
  const { LaunchTemplateId: id, LaunchTemplateName: name } = req.input;
  const templates = Object.values((regionOf(req) as any)?.launchTemplates ?? {}) as any[];
  const found = id ?? templates.find((t) => t.LaunchTemplateName === name)?.LaunchTemplateId;
  const arn = ec2Arn(req, 'launch-template', found ?? '*');
  const rec = templates.find((t) => t.LaunchTemplateId === found);
  return [
    check(`ec2:${req.operation}`, arn, resourceTags(rec?.Tags, ['aws:ResourceTag', 'ec2:ResourceTag'])),
  ];
}

/** With DeleteAssociatedSnapshots, deregistering deletes the image's snapshots: ec2:DeleteSnapshot on each. */
function deregisterImage(req: AuthRequest): AuthCheck[] {
  const imageId = String(req.input.ImageId ?? '');
  const out = [onExisting(req, imageId)];
  if (!req.input.DeleteAssociatedSnapshots) return out;
  const image = record(req, 'image', imageId);
  for (const mapping of image?.BlockDeviceMappings ?? []) {
    const snapshotId = mapping.Ebs?.SnapshotId;
    if (!snapshotId) continue;
    const snapshot = ec2Arn(req, 'snapshot', snapshotId);
    out.push({
      ...check('ec2:DeleteSnapshot', snapshot, existing(req, 'snapshot', snapshotId)),
      impliedBy: 'ec2:DeregisterImage',
    });
  }
  return out;
}

function createWith(type: string): Authorizer {
  return (req) => onNew(req, type);
}

export const ec2Authorizers: Record<string, Authorizer> = {
  RunInstances: runInstances,
  CopyImage: copyImage,
  CreateImage: createImage,
  RegisterImage: registerImage,
  DeregisterImage: deregisterImage,
  DescribeImageAttribute: byId('ImageId'),
  ModifyImageAttribute: byId('ImageId'),
  ResetImageAttribute: byId('ImageId'),
  EnableImageDeprecation: byId('ImageId'),
  DisableImageDeprecation: byId('ImageId'),
  EnableImageDeregistrationProtection: byId('ImageId'),
  DisableImageDeregistrationProtection: byId('ImageId'),
  EnableImage: byId('ImageId'),
  DisableImage: byId('ImageId'),
  DescribeSnapshotAttribute: byId('SnapshotId'),
  ModifySnapshotAttribute: byId('SnapshotId'),
  ResetSnapshotAttribute: byId('SnapshotId'),
  DeleteSnapshot: byId('SnapshotId'),
  CreateTags: tagging,
  DeleteTags: tagging,
  StopInstances: byIds('InstanceIds'),
  StartInstances: byIds('InstanceIds'),
  TerminateInstances: byIds('InstanceIds'),
  GetConsoleOutput: byId('InstanceId'),
  CreateSecurityGroup: (req) => [
    ...createWith('security-group')(req),
    onExisting(req, req.input.VpcId || defaultVpcId(req.accountId, req.region)),
  ],
  DeleteSecurityGroup: byId('GroupId'),
  AuthorizeSecurityGroupIngress: byId('GroupId'),
  AuthorizeSecurityGroupEgress: byId('GroupId'),
  RevokeSecurityGroupIngress: byId('GroupId'),
  CreateKeyPair: (req) =>
    onNew(req, 'key-pair').map((c) => ({
      ...c,
      resource: c.resource.replace(/\*$/, req.input.KeyName ?? '*'),
    })),
  DeleteKeyPair: (req) => [
    check('ec2:DeleteKeyPair', ec2Arn(req, 'key-pair', req.input.KeyName ?? req.input.KeyPairId ?? '*')),
  ],
  CreateLaunchTemplate: createWith('launch-template'),
  CreateLaunchTemplateVersion: launchTemplate,
  ModifyLaunchTemplate: launchTemplate,
  DeleteLaunchTemplate: launchTemplate,
};
