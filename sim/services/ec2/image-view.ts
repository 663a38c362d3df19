/** What callers see of an image: visibility rules and the SDK-shaped `Image`. */
import type { BlockDeviceMapping, Image } from '@aws-sdk/client-ec2';
import type { FilterFields } from './filters.js';
import { imageState, isDeprecated } from './lifecycle.js';
import type { Ec2Region, ImageRecord } from './state.js';

export function protectionLabel(img: ImageRecord, nowMs: number): string {
  if (img.protection === 'enabled') return 'enabled-without-cooldown';
  if (img.protection === 'enabled-with-cooldown') return 'enabled-with-cooldown';
  if (img.protectionUntil && Date.parse(img.protectionUntil) > nowMs) {
    return `disabled-until-${img.protectionUntil.replace(/\.\d{3}Z$/, 'Z')}`;
  }
  return 'disabled';
}

/** Deregistration is refused while protection is on, or in its cooldown after being turned off. */
export function isProtected(img: ImageRecord, nowMs: number): boolean {
  return img.protection !== 'disabled' || (!!img.protectionUntil && Date.parse(img.protectionUntil) > nowMs);
}

/** The SDK's `Image`, plus whether it is deprecated now (filtered on, then dropped). */
export type ImageView = Image & { BlockDeviceMappings: BlockDeviceMapping[]; _deprecated: boolean };

/**
 * `foreign`: the image is kept in another account's state (shared with the caller, or public): the
 * tags there are that account's, which AWS never shows another account.
 */
export function imageOutput(
  img: ImageRecord,
  accountId: string,
  nowMs: number,
  view: { foreign?: boolean; allowed?: boolean; lastLaunched?: string } = {},
): ImageView {
  const state = imageState(img, nowMs);
  const own = img.OwnerId === accountId;
  return {
    ImageId: img.ImageId,
    ImageLocation: `${img.ImageOwnerAlias ?? img.OwnerId}/${img.Name}`,
    State: state,
    OwnerId: img.OwnerId,
    CreationDate: img.createdAt,
    Public: img.Public,
    Architecture: img.Architecture,
    ImageType: 'machine',
    // AWS answers `windows`; the SDK's enum spells it `Windows`.
    Platform: img.Platform as Image['Platform'],
    PlatformDetails: img.PlatformDetails,
    UsageOperation: img.UsageOperation,
    BlockDeviceMappings: img.BlockDeviceMappings.map((b) => ({
      ...b,
      Ebs: b.Ebs ? { ...b.Ebs } : undefined,
    })),
    Description: img.Description,
    EnaSupport: img.EnaSupport,
    Hypervisor: img.Hypervisor,
    ImageOwnerAlias: img.ImageOwnerAlias,
    Name: img.Name,
    RootDeviceName: img.RootDeviceName,
    RootDeviceType: img.RootDeviceType,
    SriovNetSupport: img.SriovNetSupport,
    StateReason: state === 'failed' ? img.failure : undefined,
    Tags: img.Tags.length && !view.foreign ? img.Tags : undefined,
    VirtualizationType: img.VirtualizationType,
    BootMode: img.BootMode,
    TpmSupport: img.TpmSupport,
    DeprecationTime: img.deprecateAt,
    ImdsSupport: img.ImdsSupport,
    SourceInstanceId: own ? img.SourceInstanceId : undefined,
    DeregistrationProtection: own ? protectionLabel(img, nowMs) : undefined,
    LastLaunchedTime: own ? view.lastLaunched : undefined,
    SourceImageId: img.SourceImageId,
    SourceImageRegion: img.SourceImageRegion,
    FreeTierEligible: false,
    ImageAllowed: view.allowed ?? true,
    _deprecated: isDeprecated(img, nowMs),
  };
}

export const IMAGE_FILTERS: FilterFields<ImageView> = {
  architecture: (i) => i.Architecture,
  'block-device-mapping.delete-on-termination': (i) =>
    i.BlockDeviceMappings.map((b) => b.Ebs?.DeleteOnTermination),
  'block-device-mapping.device-name': (i) => i.BlockDeviceMappings.map((b) => b.DeviceName),
  'block-device-mapping.snapshot-id': (i) => i.BlockDeviceMappings.map((b) => b.Ebs?.SnapshotId),
  'block-device-mapping.volume-size': (i) => i.BlockDeviceMappings.map((b) => b.Ebs?.VolumeSize),
  'block-device-mapping.volume-type': (i) => i.BlockDeviceMappings.map((b) => b.Ebs?.VolumeType),
  'block-device-mapping.encrypted': (i) => i.BlockDeviceMappings.map((b) => b.Ebs?.Encrypted),
  'creation-date': (i) => i.CreationDate,
  'deprecation-time': (i) => i.DeprecationTime,
  description: (i) => i.Description,
  'ena-support': (i) => i.EnaSupport,
  'free-tier-eligible': (i) => i.FreeTierEligible,
  hypervisor: (i) => i.Hypervisor,
  'image-allowed': (i) => i.ImageAllowed,
  'image-id': (i) => i.ImageId,
  'image-type': (i) => i.ImageType,
  'imds-support': (i) => i.ImdsSupport,
  'is-public': (i) => i.Public,
  'kernel-id': () => undefined,
  'manifest-location': (i) => i.ImageLocation,
  name: (i) => i.Name,
  'owner-alias': (i) => i.ImageOwnerAlias,
  'owner-id': (i) => i.OwnerId,
  platform: (i) => i.Platform,
  'platform-details': (i) => i.PlatformDetails,
  'product-code': () => undefined,
  'ramdisk-id': () => undefined,
  'root-device-name': (i) => i.RootDeviceName,
  'root-device-type': (i) => i.RootDeviceType,
  'source-image-id': (i) => i.SourceImageId,
  'source-image-region': (i) => i.SourceImageRegion,
  'source-instance-id': (i) => i.SourceInstanceId,
  'sriov-net-support': (i) => i.SriovNetSupport,
  state: (i) => i.State,
  'state-reason-code': (i) => i.StateReason?.Code,
  'state-reason-message': (i) => i.StateReason?.Message,
  'usage-operation': (i) => i.UsageOperation,
  'virtualization-type': (i) => i.VirtualizationType,
};

/** Snapshot ids used by registered images of the region (other than `exceptImageId`). */
export function snapshotsInUse(r: Ec2Region, exceptImageId?: string): Map<string, string> {
  const used = new Map<string, string>();
  for (const img of Object.values(r.images)) {
    if (img.ImageId === exceptImageId) continue;
    for (const b of img.BlockDeviceMappings) if (b.Ebs?.SnapshotId) used.set(b.Ebs.SnapshotId, img.ImageId);
  }
  return used;
}
