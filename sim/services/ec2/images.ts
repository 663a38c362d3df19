/** AMIs: DescribeImages, CreateImage, CopyImage, RegisterImage, DeregisterImage. */
import type {
  CopyImageCommandInput,
  CopyImageCommandOutput,
  CreateImageCommandInput,
  CreateImageCommandOutput,
  DeleteSnapshotReturnCode,
  DeregisterImageCommandInput,
  DeregisterImageCommandOutput,
  DescribeImagesCommandInput,
  DescribeImagesCommandOutput,
  RegisterImageCommandInput,
  RegisterImageCommandOutput,
} from '@aws-sdk/client-ec2';
import { paginate } from '../../core/pagination.js';
import { mergeTags } from '../../core/tags.js';
import { DURATIONS, isoAfter } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { COPY_KEY_OPERATIONS, keyUsableBy } from '../kms/access.js';
import { resolveKmsKey } from '../kms/keys.js';
import { imageAllowedField, restricted } from './allowed-images.js';
import { applyFilters } from './filters.js';
import { idempotent } from './idempotency.js';
import { ID_PATTERN, newId } from './ids.js';
import { IMAGE_FILTERS, type ImageView, imageOutput, isProtected, snapshotsInUse } from './image-view.js';
import { hiddenByEventualConsistency, imageState, instanceState, lastLaunchedTime } from './lifecycle.js';
import { EC2_PAGING } from './limits.js';
import { retainDeregistered } from './recycle-bin.js';
import { regionState } from './region.js';
import { canSee, canSeeSnapshot, type Homed, locateImage, regionsEverywhere } from './shared.js';
import { addSnapshot } from './snapshots.js';
import type { BlockDeviceMapping, Ec2Region, ImageRecord } from './state.js';
import { checkTagSpecTypes, EC2_TAG_ERRORS, tagsFor } from './tags.js';

const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

export function checkImageId(id: unknown): string {
  const s = String(id ?? '');
  if (!AMI_ID.test(s))
    throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${s}" (expecting "ami-...")`);
  return s;
}

function notFound(ids: string[]): AwsError {
  return new AwsError('InvalidAMIID.NotFound', `The image id '[${ids.join(', ')}]' does not exist`);
}

/**
 * Whether the caller sees the image now: its own, public or shared with it, and created (or restored
 * from the Recycle Bin) long enough ago.
 */
function visibleTo(ctx: CallContext, img: ImageRecord): boolean {
  return canSee(img, ctx.accountId) && !hiddenByEventualConsistency(ctx.sim, img.restoredAt ?? img.createdAt);
}

/**
 * The image as the caller may see it now in `region` (its own, or another account's that is public
 * or shared with it), with the state that keeps it, or a NotFound error.
 */
export function visibleImage(ctx: CallContext, id: unknown, region = ctx.region): Homed<ImageRecord> {
  const imageId = checkImageId(id);
  const found = locateImage(ctx.sim, region, imageId);
  if (!found || !visibleTo(ctx, found.record)) throw notFound([imageId]);
  return found;
}

export function ownedImage(ctx: CallContext, id: unknown, region = ctx.region): ImageRecord {
  const img = visibleImage(ctx, id, region).record;
  if (img.OwnerId !== ctx.accountId) {
    throw new AwsError('AuthFailure', `Not authorized for image:${img.ImageId}`);
  }
  return img;
}

function ownerMatches(img: ImageRecord, owners: string[], accountId: string): boolean {
  return owners.some((o) =>
    o === 'self' ? img.OwnerId === accountId : o === img.ImageOwnerAlias || o === img.OwnerId,
  );
}

function executableBy(img: ImageRecord, users: string[], accountId: string): boolean {
  return users.some((u) => {
    if (u === 'all') return img.Public;
    const who = u === 'self' ? accountId : u;
    if (u === 'self' && img.OwnerId === accountId) return true;
    return img.launchPermissions.some((p) => p.UserId === who);
  });
}

export const DescribeImages: Handler<DescribeImagesCommandInput, DescribeImagesCommandOutput> = (
  input,
  ctx,
) => {
  const now = ctx.sim.clock.nowMs();
  const ids: string[] = input.ImageIds ?? [];
  if (ids.length && input.MaxResults !== undefined) {
    throw new AwsError(
      'InvalidParameterCombination',
      'The parameter imagesSet cannot be used with the parameter maxResults',
    );
  }
  for (const o of input.Owners ?? []) {
    if (!/^(self|amazon|aws-marketplace|aws-backup-vault|\d{12})$/.test(o)) {
      throw new AwsError('InvalidUserID.Malformed', `Invalid user id: "${o}"`);
    }
  }
  ids.forEach(checkImageId);
  // Every image the caller may see in the region, wherever it is kept; with Allowed AMIs enabled,
  // only the allowed ones are discoverable.
  const seen = new Map<string, { img: ImageRecord; foreign: boolean }>();
  for (const { home, r } of regionsEverywhere(ctx.sim, ctx.region)) {
    for (const img of Object.values(r.images)) {
      if (seen.has(img.ImageId) || !visibleTo(ctx, img) || restricted(ctx.sim, ctx.region, img)) continue;
      seen.set(img.ImageId, { img, foreign: home.accountId !== ctx.accountId });
    }
  }
  const missing = ids.filter((id) => !seen.has(id));
  if (missing.length) throw notFound(missing);

  let items = ids.length ? [...new Set(ids)].map((id) => seen.get(id)!) : [...seen.values()];
  if (input.Owners?.length)
    items = items.filter(({ img }) => ownerMatches(img, input.Owners ?? [], ctx.accountId));
  if (input.ExecutableUsers?.length)
    items = items.filter(({ img }) => executableBy(img, input.ExecutableUsers ?? [], ctx.accountId));
  const views = items
    .map(({ img, foreign }) =>
      imageOutput(img, ctx.accountId, now, {
        foreign,
        allowed: imageAllowedField(ctx.sim, ctx.region, img),
        lastLaunched: lastLaunchedTime(img, ctx.sim),
      }),
    )
    .filter((v) => ids.length || !v._deprecated || input.IncludeDeprecated || v.OwnerId === ctx.accountId)
    .filter((v) => v.State !== 'disabled' || input.IncludeDisabled);
  const matched = applyFilters<ImageView>(views, input.Filters, IMAGE_FILTERS);
  const { page, next } = paginate(matched, input, EC2_PAGING.DescribeImages);
  return { Images: page.map(({ _deprecated, ...rest }) => rest), NextToken: next };
};

const NAME = /^[a-zA-Z0-9().\-/_ '@[\]]{3,128}$/;

function checkNewName(r: Ec2Region, name: unknown, accountId: string): string {
  const n = String(name ?? '');
  if (!NAME.test(n)) {
    throw new AwsError(
      'InvalidAMIName.Malformed',
      `AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'`,
    );
  }
  const dup = Object.values(r.images).find((i) => i.Name === n && i.OwnerId === accountId);
  if (dup)
    throw new AwsError('InvalidAMIName.Duplicate', `AMI name ${n} is already in use by AMI ${dup.ImageId}`);
  return n;
}

type NewImage = Omit<
  ImageRecord,
  | 'ImageId'
  | 'createdAt'
  | 'launchPermissions'
  | 'protection'
  | 'Public'
  | 'Hypervisor'
  | 'RootDeviceType'
  | 'VirtualizationType'
> &
  Partial<Pick<ImageRecord, 'VirtualizationType'>>;

function addImage(r: Ec2Region, createdAt: string, fields: NewImage): ImageRecord {
  const img: ImageRecord = {
    ImageId: newId('ami'),
    createdAt,
    launchPermissions: [],
    protection: 'disabled',
    Public: false,
    Hypervisor: 'xen',
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    ...fields,
  };
  r.images[img.ImageId] = img;
  return img;
}

export const CreateImage: Handler<CreateImageCommandInput, CreateImageCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const inst = r.instances[String(input.InstanceId ?? '')];
  if (!inst || hiddenByEventualConsistency(ctx.sim, inst.launchedAt)) {
    throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${input.InstanceId}' does not exist`);
  }
  const state = instanceState(inst, now);
  if (state !== 'running' && state !== 'stopped' && state !== 'stopping') {
    throw new AwsError(
      'IncorrectInstanceState',
      `The instance '${inst.InstanceId}' is not in a state from which it can be imaged.`,
    );
  }
  const name = checkNewName(r, input.Name, ctx.accountId);
  checkTagSpecTypes(input.TagSpecifications, ['image', 'snapshot']);
  const source = locateImage(ctx.sim, ctx.region, inst.ImageId)?.record;
  const createdAt = new Date(now).toISOString();
  const availableAt = isoAfter(now, DURATIONS.createImageSeconds);
  const overrides = new Map<string, any>(
    (input.BlockDeviceMappings ?? []).map((m: any) => [m.DeviceName, m]),
  );
  const img = addImage(r, createdAt, {
    Name: name,
    Description: input.Description,
    OwnerId: ctx.accountId,
    Architecture: inst.Architecture,
    Platform: inst.Platform,
    PlatformDetails: inst.PlatformDetails,
    UsageOperation: source?.UsageOperation ?? 'RunInstances',
    EnaSupport: inst.EnaSupport,
    SriovNetSupport: 'simple',
    ImdsSupport: source?.ImdsSupport,
    BootMode: source?.BootMode,
    TpmSupport: source?.TpmSupport,
    RootDeviceName: inst.RootDeviceName,
    BlockDeviceMappings: [],
    Tags: tagsFor(input.TagSpecifications, 'image'),
    SourceInstanceId: inst.InstanceId,
    // AMI ancestry: an image of an instance names the AMI the instance was launched from.
    SourceImageId: inst.ImageId,
    SourceImageRegion: ctx.region,
    availableAt,
  });
  const snapTags = tagsFor(input.TagSpecifications, 'snapshot');
  for (const dev of inst.BlockDevices) {
    const o = overrides.get(dev.DeviceName);
    if (o && o.NoDevice !== undefined) continue;
    const vol = r.volumes[dev.VolumeId];
    if (!vol) continue;
    const snap = addSnapshot(r, {
      VolumeId: vol.VolumeId,
      VolumeSize: o?.Ebs?.VolumeSize ?? vol.Size,
      Description: `Created by CreateImage(${inst.InstanceId}) for ${img.ImageId}`,
      OwnerId: ctx.accountId,
      Encrypted: vol.Encrypted,
      KmsKeyId: vol.KmsKeyId,
      Tags: snapTags,
      startedAt: createdAt,
      completedAt: isoAfter(now, DURATIONS.createImageSeconds - DURATIONS.snapshotLeadSeconds),
    });
    img.BlockDeviceMappings.push({
      DeviceName: dev.DeviceName,
      Ebs: {
        DeleteOnTermination: o?.Ebs?.DeleteOnTermination ?? dev.DeleteOnTermination,
        SnapshotId: snap.SnapshotId,
        VolumeSize: snap.VolumeSize,
        VolumeType: o?.Ebs?.VolumeType ?? vol.VolumeType,
        Encrypted: vol.Encrypted,
        KmsKeyId: vol.KmsKeyId,
      },
    });
  }
  for (const [device, o] of overrides) {
    if (o.NoDevice !== undefined || inst.BlockDevices.some((d) => d.DeviceName === device)) continue;
    img.BlockDeviceMappings.push({ DeviceName: device, Ebs: o.Ebs, VirtualName: o.VirtualName });
  }
  return { ImageId: img.ImageId };
};

/** Destination key for a copy: the given key (in the destination region), else the source's, else aws/ebs. */
function copyKey(
  ctx: CallContext,
  input: Record<string, any>,
  sourceEncrypted: boolean,
  sourceKey: string | undefined,
  sameRegion: boolean,
  ownSource: boolean,
) {
  const encrypted = sourceEncrypted || input.Encrypted === true;
  if (input.KmsKeyId && !input.Encrypted) {
    throw new AwsError(
      'InvalidParameterDependency',
      'The parameter KmsKeyId requires the parameter Encrypted to be set.',
    );
  }
  if (!encrypted) return { encrypted: false as const, keyArn: undefined };
  if (input.KmsKeyId) {
    const key = resolveKmsKey(ctx.sim, ctx.region, String(input.KmsKeyId));
    if (!key) {
      throw new AwsError(
        'InvalidParameterValue',
        `The KMS key '${input.KmsKeyId}' does not exist in ${ctx.region}, the region of the copy.`,
      );
    }
    if (key.KeyState !== 'Enabled') {
      throw new AwsError('InvalidParameterValue', `The KMS key '${input.KmsKeyId}' is ${key.KeyState}.`);
    }
    return { encrypted: true as const, keyArn: key.Arn };
  }
  // A copy of another account's image cannot keep its key: it takes the caller's default key.
  if (sameRegion && sourceKey && ownSource) return { encrypted: true as const, keyArn: sourceKey };
  const dflt = resolveKmsKey(ctx.sim, ctx.region, 'alias/aws/ebs');
  return {
    encrypted: true as const,
    keyArn: dflt?.Arn ?? `arn:aws:kms:${ctx.region}:${ctx.accountId}:alias/aws/ebs`,
  };
}

/** CopyImage, called directly by other models too (it answers synchronously). */
export function copyImage(input: CopyImageCommandInput, ctx: CallContext): { ImageId: string } {
  const r = regionState(ctx.sim, ctx.region);
  if (!input.SourceRegion)
    throw new AwsError('MissingParameter', 'The request must contain the parameter SourceRegion');
  const source = visibleImage(ctx, input.SourceImageId, String(input.SourceRegion));
  const params = {
    SourceRegion: input.SourceRegion,
    SourceImageId: input.SourceImageId,
    Name: input.Name,
    Encrypted: input.Encrypted,
    KmsKeyId: input.KmsKeyId,
  };
  const imageId = idempotent(
    r,
    'CopyImage',
    input.ClientToken,
    params,
    () => copy(r, source, input, ctx).ImageId,
  );
  return { ImageId: imageId };
}

export const CopyImage: Handler<CopyImageCommandInput, CopyImageCommandOutput> = copyImage;

/**
 * Copying another account's image needs each backing snapshot shared with the caller (else AWS's
 * `InvalidRequest`), and for an encrypted one, use of the owner's KMS key (a grant to the account, or
 * its key policy): without it the copy is accepted and ends `failed`, as EBS fails the snapshot copy.
 */
function foreignCopyFailure(source: Homed<ImageRecord>, ctx: CallContext) {
  const src = source.record;
  if (src.OwnerId === ctx.accountId) return undefined;
  const snapshots = src.BlockDeviceMappings.flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []));
  for (const id of snapshots) {
    const snap = source.r.snapshots[id];
    if (!snap || !canSeeSnapshot(snap, ctx.accountId)) {
      throw new AwsError('InvalidRequest', 'You do not have permission to access the storage of this ami.');
    }
  }
  const keys = [
    ...new Set(src.BlockDeviceMappings.flatMap((b) => (b.Ebs?.KmsKeyId ? [b.Ebs.KmsKeyId] : []))),
  ];
  const locked = keys.find((key) => !keyUsableBy(ctx.sim, key, ctx.accountId, COPY_KEY_OPERATIONS));
  if (!locked) return undefined;
  return {
    Code: 'Client.InvalidKMSKey.InvalidState',
    Message: `Client.InvalidKMSKey.InvalidState: Given key ID is not accessible: account ${ctx.accountId} may not use KMS key ${locked} (Decrypt and CreateGrant, by a grant or the key policy) to copy ${src.ImageId}.`,
  };
}

function copy(
  r: Ec2Region,
  source: Homed<ImageRecord>,
  input: Record<string, any>,
  ctx: CallContext,
): ImageRecord {
  const src = source.record;
  const now = ctx.sim.clock.nowMs();
  const srcState = imageState(src, now);
  if (srcState !== 'available') {
    throw new AwsError(
      'IncorrectState',
      `Image ${src.ImageId} is not in a valid state (${srcState}) to be copied.`,
    );
  }
  const name = checkNewName(r, input.Name, ctx.accountId);
  checkTagSpecTypes(input.TagSpecifications, ['image', 'snapshot']);
  const sameRegion = input.SourceRegion === ctx.region;
  const own = src.OwnerId === ctx.accountId;
  const srcEncrypted = src.BlockDeviceMappings.some((b) => b.Ebs?.Encrypted);
  const srcKey = src.BlockDeviceMappings.find((b) => b.Ebs?.KmsKeyId)?.Ebs?.KmsKeyId;
  const { encrypted, keyArn } = copyKey(ctx, input, srcEncrypted, srcKey, sameRegion, own);
  const keyFailure = foreignCopyFailure(source, ctx);
  const failing = (ctx.sim.faults.failCopiesTo ?? []).includes(ctx.region) || !!keyFailure;
  const createdAt = new Date(now).toISOString();
  const availableAt = isoAfter(now, DURATIONS.copyImageSeconds);
  // The copied tags count toward the limit together with the ones the request adds.
  const copied = input.CopyImageTags && src.OwnerId === ctx.accountId ? src.Tags : [];
  const tags = mergeTags(copied, tagsFor(input.TagSpecifications, 'image'), EC2_TAG_ERRORS);
  const img = addImage(r, createdAt, {
    Name: name,
    Description: input.Description ?? `[Copied ${src.ImageId} from ${input.SourceRegion}] ${src.Name}`,
    OwnerId: ctx.accountId,
    Architecture: src.Architecture,
    Platform: src.Platform,
    PlatformDetails: src.PlatformDetails,
    UsageOperation: src.UsageOperation,
    EnaSupport: src.EnaSupport,
    SriovNetSupport: src.SriovNetSupport,
    ImdsSupport: src.ImdsSupport,
    BootMode: src.BootMode,
    TpmSupport: src.TpmSupport,
    RootDeviceName: src.RootDeviceName,
    BlockDeviceMappings: [],
    Tags: tags,
    SourceImageId: src.ImageId,
    SourceImageRegion: String(input.SourceRegion),
    availableAt,
    failure:
      keyFailure ??
      (failing
        ? { Code: 'Server.InternalError', Message: 'Server.InternalError: Internal error on copy snapshot' }
        : undefined),
  });
  const snapTags = tagsFor(input.TagSpecifications, 'snapshot');
  img.BlockDeviceMappings = src.BlockDeviceMappings.map((b): BlockDeviceMapping => {
    if (!b.Ebs?.SnapshotId) return { ...b };
    const snap = addSnapshot(r, {
      VolumeId: 'vol-ffffffff',
      VolumeSize: b.Ebs.VolumeSize ?? 8,
      Description: `Copied for DestinationAmi ${img.ImageId} from SourceAmi ${src.ImageId} for SourceSnapshot ${b.Ebs.SnapshotId}. Task created on ${createdAt}.`,
      OwnerId: ctx.accountId,
      Encrypted: encrypted,
      KmsKeyId: keyArn,
      Tags: snapTags,
      startedAt: createdAt,
      completedAt: isoAfter(now, DURATIONS.copyImageSeconds - DURATIONS.snapshotLeadSeconds),
      failed: failing,
    });
    return {
      DeviceName: b.DeviceName,
      Ebs: { ...b.Ebs, SnapshotId: snap.SnapshotId, Encrypted: encrypted, KmsKeyId: keyArn },
    };
  });
  return img;
}

export const RegisterImage: Handler<RegisterImageCommandInput, RegisterImageCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const now = ctx.sim.clock.nowMs();
  const name = checkNewName(r, input.Name, ctx.accountId);
  checkTagSpecTypes(input.TagSpecifications, ['image']);
  const mappings: BlockDeviceMapping[] = (input.BlockDeviceMappings ?? []).map((m: any) => {
    const snapId = m.Ebs?.SnapshotId;
    if (snapId && !r.snapshots[snapId]) {
      throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${snapId}' does not exist.`);
    }
    const snap = snapId ? r.snapshots[snapId] : undefined;
    return {
      DeviceName: m.DeviceName,
      Ebs: m.Ebs
        ? {
            DeleteOnTermination: m.Ebs.DeleteOnTermination ?? true,
            SnapshotId: snapId,
            VolumeSize: m.Ebs.VolumeSize ?? snap?.VolumeSize,
            VolumeType: m.Ebs.VolumeType ?? 'gp3',
            Encrypted: snap?.Encrypted ?? false,
            KmsKeyId: snap?.KmsKeyId,
          }
        : undefined,
      VirtualName: m.VirtualName,
    };
  });
  const root = String(input.RootDeviceName ?? '/dev/xvda');
  if (!mappings.some((m) => m.DeviceName === root && m.Ebs?.SnapshotId)) {
    throw new AwsError(
      'InvalidBlockDeviceMapping',
      `The root device ${root} needs an EBS mapping with a snapshot.`,
    );
  }
  const img = addImage(r, new Date(now).toISOString(), {
    Name: name,
    Description: input.Description,
    OwnerId: ctx.accountId,
    Architecture: input.Architecture ?? 'x86_64',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    EnaSupport: input.EnaSupport ?? false,
    SriovNetSupport: input.SriovNetSupport,
    ImdsSupport: input.ImdsSupport,
    BootMode: input.BootMode,
    TpmSupport: input.TpmSupport,
    RootDeviceName: root,
    BlockDeviceMappings: mappings,
    Tags: tagsFor(input.TagSpecifications, 'image'),
    availableAt: isoAfter(now, DURATIONS.registerImageSeconds),
  });
  return { ImageId: img.ImageId };
};

/** DeregisterImage, called directly by other models too (it answers synchronously). */
export function deregisterImage(
  input: DeregisterImageCommandInput,
  ctx: CallContext,
): Omit<DeregisterImageCommandOutput, '$metadata'> {
  // Where the image is kept (the owner's state, or the one it was seeded in).
  const { r } = visibleImage(ctx, input.ImageId);
  const img = ownedImage(ctx, input.ImageId);
  if (isProtected(img, ctx.sim.clock.nowMs())) {
    throw new AwsError(
      'OperationNotPermitted',
      `Image ${img.ImageId} has deregistration protection enabled. Disable it with DisableImageDeregistrationProtection first.`,
    );
  }
  delete r.images[img.ImageId];
  retainDeregistered(ctx, r, img);
  if (!input.DeleteAssociatedSnapshots) return { Return: true };
  const used = snapshotsInUse(r);
  const results = img.BlockDeviceMappings.flatMap((b): DeleteSnapshotReturnCode[] => {
    const id = b.Ebs?.SnapshotId;
    if (!id || !ID_PATTERN.test(id)) return [];
    if (!r.snapshots[id]) return [{ SnapshotId: id, ReturnCode: 'client-error' }];
    if (used.has(id)) return [{ SnapshotId: id, ReturnCode: 'skipped' }];
    delete r.snapshots[id];
    return [{ SnapshotId: id, ReturnCode: 'success' }];
  });
  return { Return: true, DeleteSnapshotResults: results };
}

export const DeregisterImage: Handler<DeregisterImageCommandInput, DeregisterImageCommandOutput> =
  deregisterImage;
