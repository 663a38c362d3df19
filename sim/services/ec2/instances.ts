/** Instances: RunInstances, DescribeInstances, Stop/Start/TerminateInstances. */

import { randomBytes } from 'node:crypto';
import type {
  DescribeInstancesCommandInput,
  DescribeInstancesCommandOutput,
  Instance,
  InstanceStateChange,
  _InstanceType as InstanceType,
  Reservation,
  RunInstancesCommandInput,
  RunInstancesCommandOutput,
  StartInstancesCommandInput,
  StartInstancesCommandOutput,
  StopInstancesCommandInput,
  StopInstancesCommandOutput,
  TerminateInstancesCommandInput,
  TerminateInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { DURATIONS, isoAfter } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { keyUsableBy, LAUNCH_KEY_OPERATIONS } from '../kms/access.js';
import { resolveKmsKey } from '../kms/keys.js';
import { resolveParameter } from '../ssm/parameter-store.js';
import { pendingSeconds } from './agent.js';
import { restricted } from './allowed-images.js';
import { applyFilters } from './filters.js';
import { idempotent } from './idempotency.js';
import { newId } from './ids.js';
import { visibleImage } from './images.js';
import { INSTANCE_FILTERS, type InstanceView, instanceOutput } from './instance-view.js';
import {
  hiddenByEventualConsistency,
  imageState,
  instanceState,
  instanceVisible,
  recordLaunch,
  STATE_CODES,
  schedule,
} from './lifecycle.js';
import { EC2_PAGING } from './limits.js';
import { defaultSecurityGroupId, defaultVpcId, regionState } from './region.js';
import type { Homed } from './shared.js';
import {
  type Ec2Region,
  ec2State,
  type ImageRecord,
  type InstanceRecord,
  type InstanceStateName,
  type SubnetRecord,
} from './state.js';
import { checkTagSpecTypes, tagsFor } from './tags.js';
import { allocateAddress } from './vpcs.js';

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

const CLIENT_ERROR_ON_LAUNCH = {
  Code: 'Client.InternalError',
  Message: 'Client.InternalError: Client error on launch',
};

/** Graviton families (t4g, m7g, c6gn, im4gn, a1, ...) are arm64; the rest x86_64. */
export function architectureOf(instanceType: string): 'arm64' | 'x86_64' {
  const family = instanceType.split('.')[0];
  return family === 'a1' || /^[a-z]+\d+g[a-z]*$/.test(family) ? 'arm64' : 'x86_64';
}

function resolveSubnet(r: Ec2Region, input: Record<string, any>, ctx: CallContext): SubnetRecord {
  const id = input.NetworkInterfaces?.[0]?.SubnetId ?? input.SubnetId;
  if (id) {
    const s = r.subnets[id];
    if (!s) throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
    return s;
  }
  const vpcId = defaultVpcId(ctx.accountId, ctx.region);
  if (!r.vpcs[vpcId]) {
    throw new AwsError(
      'VPCIdNotSpecified',
      'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
    );
  }
  const zone = input.Placement?.AvailabilityZone;
  const s = Object.values(r.subnets).find(
    (x) => x.VpcId === vpcId && x.DefaultForAz && (!zone || x.AvailabilityZone === zone),
  );
  if (!s) throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${zone}]`);
  return s;
}

function resolveGroups(r: Ec2Region, input: Record<string, any>, subnet: SubnetRecord, ctx: CallContext) {
  const ids: string[] = input.NetworkInterfaces?.[0]?.Groups ?? input.SecurityGroupIds ?? [];
  const names: string[] = input.SecurityGroups ?? [];
  const groups = ids.map((id) => {
    const g = r.securityGroups[id];
    if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    if (g.VpcId !== subnet.VpcId) {
      throw new AwsError(
        'InvalidParameter',
        `Security group ${id} and subnet ${subnet.SubnetId} belong to different networks.`,
      );
    }
    return g;
  });
  for (const n of names) {
    const g = Object.values(r.securityGroups).find((x) => x.GroupName === n && x.VpcId === subnet.VpcId);
    if (!g)
      throw new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${n}' does not exist in VPC '${subnet.VpcId}'`,
      );
    groups.push(g);
  }
  if (!groups.length) {
    const dflt = r.securityGroups[defaultSecurityGroupId(ctx.accountId, subnet.VpcId)];
    if (dflt) groups.push(dflt);
  }
  return groups.map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName }));
}

function resolveProfile(input: Record<string, any>, ctx: CallContext) {
  const ref = input.IamInstanceProfile;
  if (!ref || (!ref.Arn && !ref.Name)) return undefined;
  const profiles = Object.values(ec2State(ctx.sim).instanceProfiles);
  const p = ref.Arn ? profiles.find((x) => x.Arn === ref.Arn) : profiles.find((x) => x.Name === ref.Name);
  if (!p) {
    const [param, what] = ref.Arn ? ['iamInstanceProfile.arn', 'ARN'] : ['iamInstanceProfile.name', 'name'];
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${ref.Arn ?? ref.Name}) for parameter ${param} is invalid. Invalid IAM Instance Profile ${what}`,
    );
  }
  return { Arn: p.Arn, Id: p.Id, Name: p.Name };
}

function checkImage(img: ImageRecord, instanceType: string, nowMs: number): void {
  const state = imageState(img, nowMs);
  if (state !== 'available') {
    throw new AwsError(
      'InvalidAMIID.Unavailable',
      `The image id '[${img.ImageId}]' is not available (state: ${state})`,
    );
  }
  const arch = architectureOf(instanceType);
  if (arch !== img.Architecture) {
    throw new AwsError(
      'InvalidParameterValue',
      `The architecture '${arch}' of the specified instance type does not match the architecture '${img.Architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.`,
    );
  }
}

function createVolumes(
  r: Ec2Region,
  source: Homed<ImageRecord>,
  input: Record<string, any>,
  zone: string,
  instanceId: string,
  ctx: CallContext,
) {
  const now = ctx.sim.clock.nowMs();
  const overrides = new Map<string, any>(
    (input.BlockDeviceMappings ?? []).map((m: any) => [m.DeviceName, m]),
  );
  const volumeTags = tagsFor(input.TagSpecifications, 'volume');
  const devices: InstanceRecord['BlockDevices'] = [];
  const mappings = [...source.record.BlockDeviceMappings];
  for (const [device, m] of overrides) if (!mappings.some((x) => x.DeviceName === device)) mappings.push(m);
  for (const m of mappings) {
    const o = overrides.get(m.DeviceName);
    if (o?.NoDevice !== undefined || !(o?.Ebs ?? m.Ebs)) continue;
    // The image's snapshots are kept with the image (its owner's state, for a shared one).
    const snap = m.Ebs?.SnapshotId ? source.r.snapshots[m.Ebs.SnapshotId] : undefined;
    const size = o?.Ebs?.VolumeSize ?? m.Ebs?.VolumeSize ?? snap?.VolumeSize ?? 8;
    if (snap && size < snap.VolumeSize) {
      throw new AwsError(
        'InvalidBlockDeviceMapping',
        `Volume of size ${size}GB is smaller than snapshot '${snap.SnapshotId}', expect size >= ${snap.VolumeSize}GB`,
      );
    }
    let encrypted = !!(m.Ebs?.Encrypted || o?.Ebs?.Encrypted);
    let keyId = o?.Ebs?.KmsKeyId ?? m.Ebs?.KmsKeyId;
    if (o?.Ebs?.KmsKeyId) {
      const key = resolveKmsKey(ctx.sim, ctx.region, o.Ebs.KmsKeyId);
      if (!key)
        throw new AwsError(
          'InvalidParameterValue',
          `The KMS key '${o.Ebs.KmsKeyId}' does not exist in ${ctx.region}.`,
        );
      keyId = key.Arn;
      encrypted = true;
    }
    if (encrypted && !keyId) keyId = resolveKmsKey(ctx.sim, ctx.region, 'alias/aws/ebs')?.Arn;
    const deleteOnTermination = o?.Ebs?.DeleteOnTermination ?? m.Ebs?.DeleteOnTermination ?? true;
    const vol = {
      VolumeId: newId('vol'),
      Size: size,
      SnapshotId: m.Ebs?.SnapshotId,
      AvailabilityZone: zone,
      VolumeType: o?.Ebs?.VolumeType ?? m.Ebs?.VolumeType ?? 'gp3',
      Iops: o?.Ebs?.Iops ?? 3000,
      Encrypted: encrypted,
      KmsKeyId: encrypted ? keyId : undefined,
      Tags: volumeTags.map((t) => ({ ...t })),
      createdAt: new Date(now).toISOString(),
      attachment: {
        InstanceId: instanceId,
        Device: m.DeviceName,
        DeleteOnTermination: deleteOnTermination,
        attachedAt: new Date(now).toISOString(),
      },
    };
    r.volumes[vol.VolumeId] = vol;
    devices.push({
      DeviceName: m.DeviceName,
      VolumeId: vol.VolumeId,
      DeleteOnTermination: deleteOnTermination,
    });
  }
  return devices;
}

function mac(): string {
  return ['0e', ...randomBytes(5).toString('hex').match(/../g)!].join(':');
}

function publicIp(): string {
  const b = randomBytes(3);
  return `3.${80 + (b[0] % 100)}.${b[1]}.${1 + (b[2] % 254)}`;
}

/**
 * Allowed AMIs, enabled, keeps the account from launching images it does not allow. AWS's exact answer
 * is not documented; the simulator answers as for an image the account cannot see (it is not
 * discoverable there), naming the setting.
 */
function checkAllowed(img: ImageRecord, ctx: CallContext): void {
  if (!restricted(ctx.sim, ctx.region, img)) return;
  throw new AwsError(
    'InvalidAMIID.NotFound',
    `The image id '[${img.ImageId}]' does not exist or is not allowed by this account's Allowed AMIs settings in ${ctx.region} (GetAllowedImagesSettings)`,
  );
}

/**
 * An instance from another account's encrypted image needs the owner's KMS key (a grant to the account
 * or its key policy): without it, EC2 accepts the launch and the instance terminates while pending.
 */
function launchFailure(source: Homed<ImageRecord>, ctx: CallContext): boolean {
  if (source.record.OwnerId === ctx.accountId) return false;
  return source.record.BlockDeviceMappings.some(
    (b) =>
      b.Ebs?.Encrypted &&
      b.Ebs.KmsKeyId !== undefined &&
      !keyUsableBy(ctx.sim, b.Ebs.KmsKeyId, ctx.accountId, LAUNCH_KEY_OPERATIONS),
  );
}

const RESOLVE_SSM = 'resolve:ssm:';

/**
 * An image id given as `resolve:ssm:<parameter>[:<version or label>]` (RunInstances, launch
 * templates) is read from the calling account's parameter in the region.
 */
export function resolveImageId(ctx: CallContext, imageId: unknown): unknown {
  const ref = String(imageId ?? '');
  if (!ref.startsWith(RESOLVE_SSM)) return imageId;
  const value = resolveParameter(ctx.sim, ctx.region, ref.slice(RESOLVE_SSM.length));
  if (value === undefined) {
    throw new AwsError(
      'InvalidParameterValue',
      `Invalid value '${ref}' for ImageId: the SSM parameter does not exist in ${ctx.region}, or has no such version or label.`,
    );
  }
  return value;
}

function launch(r: Ec2Region, input: Record<string, any>, ctx: CallContext): string {
  const now = ctx.sim.clock.nowMs();
  const source = visibleImage(ctx, resolveImageId(ctx, input.ImageId));
  const img = source.record;
  checkAllowed(img, ctx);
  const instanceType = String(input.InstanceType ?? 'm1.small') as InstanceType;
  if (!INSTANCE_TYPE.test(instanceType)) {
    throw new AwsError('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
  }
  checkImage(img, instanceType, now);
  const min = Number(input.MinCount ?? 1);
  const max = Number(input.MaxCount ?? min);
  if (!(min >= 1) || max < min) {
    throw new AwsError('InvalidParameterValue', `Invalid MinCount/MaxCount: ${min}/${max}`);
  }
  checkTagSpecTypes(input.TagSpecifications, ['instance', 'volume', 'network-interface']);
  const subnet = resolveSubnet(r, input, ctx);
  const groups = resolveGroups(r, input, subnet, ctx);
  const profile = resolveProfile(input, ctx);
  if (input.KeyName && !Object.values(r.keyPairs).some((k) => k.KeyName === input.KeyName)) {
    throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${input.KeyName}' does not exist`);
  }
  const v2 = img.ImdsSupport === 'v2.0';
  const md = input.MetadataOptions ?? {};
  const associatePublic =
    input.NetworkInterfaces?.[0]?.AssociatePublicIpAddress ?? subnet.MapPublicIpOnLaunch;
  const reservationId = newId('r');
  const launchedAt = new Date(now).toISOString();
  const failsOnLaunch = launchFailure(source, ctx);
  for (let n = 0; n < max; n++) {
    const id = newId('i');
    const inst: InstanceRecord = {
      InstanceId: id,
      ReservationId: reservationId,
      ImageId: img.ImageId,
      InstanceType: instanceType,
      Architecture: img.Architecture,
      Platform: img.Platform,
      PlatformDetails: img.PlatformDetails,
      KeyName: input.KeyName,
      SubnetId: subnet.SubnetId,
      VpcId: subnet.VpcId,
      AvailabilityZone: subnet.AvailabilityZone,
      PrivateIpAddress: allocateAddress(subnet),
      PublicIpAddress: associatePublic ? publicIp() : undefined,
      NetworkInterfaceId: newId('eni'),
      MacAddress: mac(),
      SecurityGroups: groups,
      IamInstanceProfile: profile,
      MetadataOptions: {
        HttpTokens: md.HttpTokens ?? (v2 ? 'required' : 'optional'),
        HttpPutResponseHopLimit: md.HttpPutResponseHopLimit ?? (v2 ? 2 : 1),
        HttpEndpoint: md.HttpEndpoint ?? 'enabled',
        InstanceMetadataTags: md.InstanceMetadataTags ?? 'disabled',
      },
      RootDeviceName: img.RootDeviceName,
      BlockDevices: [],
      EnaSupport: img.EnaSupport,
      ClientToken: input.ClientToken,
      AmiLaunchIndex: n,
      UserData: input.UserData,
      Tags: tagsFor(input.TagSpecifications, 'instance'),
      launchedAt,
      transitions: failsOnLaunch
        ? [
            { state: 'pending', at: launchedAt },
            {
              state: 'terminated',
              at: isoAfter(now, DURATIONS.instancePendingSeconds),
              reason: 'Client.InternalError: Client error on launch',
              stateReason: CLIENT_ERROR_ON_LAUNCH,
            },
          ]
        : [
            { state: 'pending', at: launchedAt },
            { state: 'running', at: isoAfter(now, pendingSeconds(ctx.sim, img.ImageId)) },
          ],
    };
    inst.BlockDevices = createVolumes(r, source, input, subnet.AvailabilityZone, id, ctx);
    r.instances[id] = inst;
  }
  // The owner's record: not in a dry run, whose copies cover the caller's own state only.
  if (!ctx.sim.dryRun || source.home.accountId === ctx.accountId) recordLaunch(img, launchedAt, source.home);
  return reservationId;
}

function reservationOutput(
  reservationId: string,
  instances: InstanceRecord[],
  ctx: CallContext,
  nowMs: number,
): Reservation & { Instances: Instance[] } {
  return {
    ReservationId: reservationId,
    OwnerId: ctx.accountId,
    Groups: [],
    Instances: instances.map((i) => instanceOutput(i, ctx.region, nowMs)),
  };
}

/** RunInstances, called directly by other models too (it answers synchronously). */
export function runInstances(
  input: RunInstancesCommandInput,
  ctx: CallContext,
): Reservation & { Instances: Instance[] } {
  const r = regionState(ctx.sim, ctx.region);
  const params = {
    ImageId: input.ImageId,
    InstanceType: input.InstanceType,
    MinCount: input.MinCount,
    MaxCount: input.MaxCount,
    SubnetId: input.SubnetId,
  };
  const reservationId = idempotent(r, 'RunInstances', input.ClientToken, params, () => launch(r, input, ctx));
  const instances = Object.values(r.instances).filter((i) => i.ReservationId === reservationId);
  return reservationOutput(reservationId, instances, ctx, ctx.sim.clock.nowMs());
}

export const RunInstances: Handler<RunInstancesCommandInput, RunInstancesCommandOutput> = runInstances;

const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** Instances by id as DescribeInstances sees them: malformed and unknown ids are errors. */
export function requireInstances(r: Ec2Region, ids: string[], ctx: CallContext): InstanceRecord[] {
  const now = ctx.sim.clock.nowMs();
  for (const id of ids) {
    if (!INSTANCE_ID.test(id)) throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  }
  const missing = ids.filter((id) => {
    const i = r.instances[id];
    return !i || !instanceVisible(i, now) || hiddenByEventualConsistency(ctx.sim, i.launchedAt);
  });
  if (missing.length === 1) {
    throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  }
  if (missing.length) {
    throw new AwsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  }
  return [...new Set(ids)].map((id) => r.instances[id]);
}

export const DescribeInstances: Handler<DescribeInstancesCommandInput, DescribeInstancesCommandOutput> = (
  input,
  ctx,
) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const ids: string[] = input.InstanceIds ?? [];
  if (ids.length && input.MaxResults !== undefined) {
    throw new AwsError(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  }
  const items = ids.length
    ? requireInstances(r, ids, ctx)
    : Object.values(r.instances).filter(
        (i) => instanceVisible(i, now) && !hiddenByEventualConsistency(ctx.sim, i.launchedAt),
      );
  const views: InstanceView[] = items.map((i) => ({
    ...instanceOutput(i, ctx.region, now),
    ReservationId: i.ReservationId,
  }));
  const matched = applyFilters(views, input.Filters, INSTANCE_FILTERS);
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeInstances);
  const reservations = new Map<string, Omit<InstanceView, 'ReservationId'>[]>();
  for (const { ReservationId, ...inst } of page) {
    if (!reservations.has(ReservationId)) reservations.set(ReservationId, []);
    reservations.get(ReservationId)!.push(inst);
  }
  return {
    Reservations: [...reservations].map(([ReservationId, Instances]) => ({
      ReservationId,
      OwnerId: ctx.accountId,
      Groups: [],
      Instances,
    })),
    NextToken: next,
  };
};

function userInitiated(nowMs: number): string {
  return `User initiated (${new Date(nowMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' GMT')})`;
}

function change(inst: InstanceRecord, prev: InstanceStateName, nowMs: number): InstanceStateChange {
  const cur = instanceState(inst, nowMs);
  return {
    InstanceId: inst.InstanceId,
    CurrentState: { Code: STATE_CODES[cur], Name: cur },
    PreviousState: { Code: STATE_CODES[prev], Name: prev },
  };
}

function incorrect(inst: InstanceRecord, state: string): AwsError {
  return new AwsError(
    'IncorrectInstanceState',
    `This instance '${inst.InstanceId}' is not in a state from which it can be ${state}.`,
  );
}

export const StopInstances: Handler<StopInstancesCommandInput, StopInstancesCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const insts = requireInstances(r, input.InstanceIds ?? [], ctx);
  for (const i of insts) {
    const s = instanceState(i, now);
    if (s === 'pending' || s === 'shutting-down' || s === 'terminated') throw incorrect(i, 'stopped');
  }
  const changes = insts.map((i) => {
    const prev = instanceState(i, now);
    if (prev === 'running') {
      const reason = userInitiated(now);
      schedule(i, now, [
        { state: 'stopping', after: 0, reason },
        { state: 'stopped', after: DURATIONS.instanceStoppingSeconds, reason },
      ]);
    }
    return change(i, prev, now);
  });
  return { StoppingInstances: changes };
};

export const StartInstances: Handler<StartInstancesCommandInput, StartInstancesCommandOutput> = (
  input,
  ctx,
) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const insts = requireInstances(r, input.InstanceIds ?? [], ctx);
  for (const i of insts) {
    const s = instanceState(i, now);
    if (s === 'stopping' || s === 'shutting-down' || s === 'terminated') throw incorrect(i, 'started');
  }
  const changes = insts.map((i) => {
    const prev = instanceState(i, now);
    if (prev === 'stopped') {
      schedule(i, now, [
        { state: 'pending', after: 0 },
        { state: 'running', after: pendingSeconds(ctx.sim, i.ImageId) },
      ]);
    }
    return change(i, prev, now);
  });
  return { StartingInstances: changes };
};

export const TerminateInstances: Handler<TerminateInstancesCommandInput, TerminateInstancesCommandOutput> = (
  input,
  ctx,
) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const insts = requireInstances(r, input.InstanceIds ?? [], ctx);
  const changes = insts.map((i) => {
    const prev = instanceState(i, now);
    if (prev !== 'terminated' && prev !== 'shutting-down') {
      const reason = userInitiated(now);
      schedule(i, now, [
        { state: 'shutting-down', after: 0, reason },
        { state: 'terminated', after: DURATIONS.instanceShuttingDownSeconds, reason },
      ]);
    }
    return change(i, prev, now);
  });
  return { TerminatingInstances: changes };
};
