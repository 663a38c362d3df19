/**
 * Image attributes and account-level image settings: launch permissions, description, IMDS support,
 * deprecation, deregistration protection, enable/disable, block public access.
 */
import type {
  DescribeImageAttributeCommandInput,
  DescribeImageAttributeCommandOutput,
  DisableImageBlockPublicAccessCommandInput,
  DisableImageBlockPublicAccessCommandOutput,
  DisableImageCommandInput,
  DisableImageCommandOutput,
  DisableImageDeprecationCommandInput,
  DisableImageDeprecationCommandOutput,
  DisableImageDeregistrationProtectionCommandInput,
  DisableImageDeregistrationProtectionCommandOutput,
  EnableImageBlockPublicAccessCommandInput,
  EnableImageBlockPublicAccessCommandOutput,
  EnableImageCommandInput,
  EnableImageCommandOutput,
  EnableImageDeprecationCommandInput,
  EnableImageDeprecationCommandOutput,
  EnableImageDeregistrationProtectionCommandInput,
  EnableImageDeregistrationProtectionCommandOutput,
  GetImageBlockPublicAccessStateCommandInput,
  GetImageBlockPublicAccessStateCommandOutput,
  ModifyImageAttributeCommandInput,
  ModifyImageAttributeCommandOutput,
  ResetImageAttributeCommandInput,
  ResetImageAttributeCommandOutput,
} from '@aws-sdk/client-ec2';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { EC2_PUBLIC_AMIS } from '../servicequotas/limits.js';
import { appliedQuota } from '../servicequotas/quotas.js';
import { protectionLabel } from './image-view.js';
import { ownedImage } from './images.js';
import { lastLaunchedTime } from './lifecycle.js';
import { SHARES_PER_IMAGE } from './limits.js';
import { regionState } from './region.js';
import { isAwsManagedKey } from './snapshots.js';
import type { Ec2Region, ImageRecord, LaunchPermission } from './state.js';

const ORG_ARN = /^arn:aws[\w-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const OU_ARN =
  /^arn:aws[\w-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;

export const DescribeImageAttribute: Handler<
  DescribeImageAttributeCommandInput,
  DescribeImageAttributeCommandOutput
> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  const now = ctx.sim.clock.nowMs();
  const out: Omit<DescribeImageAttributeCommandOutput, '$metadata'> = { ImageId: img.ImageId };
  switch (input.Attribute) {
    case 'launchPermission':
      out.LaunchPermissions = [
        ...(img.Public ? [{ Group: 'all' as const }] : []),
        ...img.launchPermissions.filter((p) => p.Group !== 'all'),
      ];
      break;
    case 'description':
      out.Description = img.Description === undefined ? {} : { Value: img.Description };
      break;
    case 'imdsSupport':
      out.ImdsSupport = img.ImdsSupport ? { Value: img.ImdsSupport } : {};
      break;
    case 'deregistrationProtection':
      out.DeregistrationProtection = { Value: protectionLabel(img, now) };
      break;
    case 'lastLaunchedTime':
      {
        const last = lastLaunchedTime(img, ctx.sim);
        out.LastLaunchedTime = last ? { Value: last } : {};
      }
      break;
    case 'blockDeviceMapping':
      out.BlockDeviceMappings = img.BlockDeviceMappings;
      break;
    case 'bootMode':
      out.BootMode = img.BootMode ? { Value: img.BootMode } : {};
      break;
    case 'tpmSupport':
      out.TpmSupport = img.TpmSupport ? { Value: img.TpmSupport } : {};
      break;
    case 'sriovNetSupport':
      out.SriovNetSupport = img.SriovNetSupport ? { Value: img.SriovNetSupport } : {};
      break;
    case 'productCodes':
      out.ProductCodes = [];
      break;
    case 'kernel':
      out.KernelId = {};
      break;
    case 'ramdisk':
      out.RamdiskId = {};
      break;
    case 'uefiData':
      out.UefiData = {};
      break;
    default:
      throw new AwsError(
        'InvalidRequest',
        `Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
  }
  return out;
};

function checkPermission(p: LaunchPermission): LaunchPermission {
  const set = [p.UserId, p.Group, p.OrganizationArn, p.OrganizationalUnitArn].filter((x) => x !== undefined);
  if (set.length !== 1) {
    throw new AwsError(
      'InvalidParameterCombination',
      'A launch permission names exactly one of UserId, Group, OrganizationArn, OrganizationalUnitArn.',
    );
  }
  if (p.UserId !== undefined && !/^\d{12}$/.test(p.UserId)) {
    throw new AwsError(
      'InvalidAMIAttributeItemValue',
      `Invalid attribute item value "${p.UserId}" for userId item type.`,
    );
  }
  if (p.Group !== undefined && p.Group !== 'all') {
    throw new AwsError(
      'InvalidAMIAttributeItemValue',
      `Invalid attribute item value "${p.Group}" for group item type.`,
    );
  }
  if (p.OrganizationArn !== undefined && !ORG_ARN.test(p.OrganizationArn)) {
    throw new AwsError(
      'InvalidAMIAttributeItemValue',
      `Invalid attribute item value "${p.OrganizationArn}" for organizationArn item type.`,
    );
  }
  if (p.OrganizationalUnitArn !== undefined && !OU_ARN.test(p.OrganizationalUnitArn)) {
    throw new AwsError(
      'InvalidAMIAttributeItemValue',
      `Invalid attribute item value "${p.OrganizationalUnitArn}" for organizationalUnitArn item type.`,
    );
  }
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as LaunchPermission;
}

function launchPermissionChanges(input: Record<string, any>) {
  const add: LaunchPermission[] = [...(input.LaunchPermission?.Add ?? [])];
  const remove: LaunchPermission[] = [...(input.LaunchPermission?.Remove ?? [])];
  const legacy: LaunchPermission[] = [
    ...(input.UserIds ?? []).map((UserId: string) => ({ UserId })),
    ...(input.UserGroups ?? []).map((Group: 'all') => ({ Group })),
    ...(input.OrganizationArns ?? []).map((OrganizationArn: string) => ({ OrganizationArn })),
    ...(input.OrganizationalUnitArns ?? []).map((OrganizationalUnitArn: string) => ({
      OrganizationalUnitArn,
    })),
  ];
  if (legacy.length) (input.OperationType === 'remove' ? remove : add).push(...legacy);
  return { add: add.map(checkPermission), remove: remove.map(checkPermission) };
}

function checkMakePublic(r: Ec2Region, img: ImageRecord, ctx: CallContext) {
  if (r.imageBlockPublicAccess === 'block-new-sharing') {
    throw new AwsError(
      'OperationNotPermitted',
      `Public sharing of ${img.ImageId} is blocked: block public access for AMIs is enabled in this Region (GetImageBlockPublicAccessState: block-new-sharing).`,
    );
  }
  if (img.BlockDeviceMappings.some((b) => b.Ebs?.Encrypted)) {
    throw new AwsError('InvalidParameterValue', `Encrypted AMIs cannot be made public: ${img.ImageId}`);
  }
  // The account's own public AMIs count (not Amazon's or another owner's seeded beside them), against
  // the quota Service Quotas answers for the account and Region (AWS's default unless raised).
  const publicCount = Object.values(r.images).filter((i) => i.Public && i.OwnerId === img.OwnerId).length;
  const quota = appliedQuota(ctx.sim, ctx.region, EC2_PUBLIC_AMIS);
  if (publicCount >= quota) {
    throw new AwsError(
      'ResourceLimitExceeded',
      `You have reached your quota of ${quota} public AMIs in this Region.`,
    );
  }
}

const samePerm = (a: LaunchPermission, b: LaunchPermission) =>
  a.UserId === b.UserId &&
  a.Group === b.Group &&
  a.OrganizationArn === b.OrganizationArn &&
  a.OrganizationalUnitArn === b.OrganizationalUnitArn;

function modifyLaunchPermission(
  r: Ec2Region,
  img: ImageRecord,
  input: Record<string, any>,
  ctx: CallContext,
) {
  const { add, remove } = launchPermissionChanges(input);
  if (!add.length && !remove.length) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter launchPermission');
  }
  const sharesWithOthers = add.some((p) => p.Group !== 'all');
  if (sharesWithOthers && img.BlockDeviceMappings.some((b) => isAwsManagedKey(ctx, b.Ebs?.KmsKeyId))) {
    throw new AwsError(
      'InvalidParameter',
      "Snapshots encrypted with the AWS Managed CMK can't be shared. Specify another snapshot.",
    );
  }
  if (add.some((p) => p.Group === 'all') && !img.Public) checkMakePublic(r, img, ctx);
  let perms = img.launchPermissions.filter((p) => p.Group !== 'all' && !remove.some((x) => samePerm(p, x)));
  for (const p of add) if (p.Group !== 'all' && !perms.some((x) => samePerm(x, p))) perms.push(p);
  if (perms.length > SHARES_PER_IMAGE) {
    throw new AwsError(
      'ResourceLimitExceeded',
      `An AMI can be shared with at most ${SHARES_PER_IMAGE} accounts, organizations or OUs.`,
    );
  }
  if (remove.some((p) => p.Group === 'all')) img.Public = false;
  if (add.some((p) => p.Group === 'all')) img.Public = true;
  perms = img.Public ? [...perms, { Group: 'all' }] : perms;
  img.launchPermissions = perms;
}

export const ModifyImageAttribute: Handler<
  ModifyImageAttributeCommandInput,
  ModifyImageAttributeCommandOutput
> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const img = ownedImage(ctx, input.ImageId);
  const attribute = input.Attribute;
  if (input.LaunchPermission || attribute === 'launchPermission' || input.UserIds || input.UserGroups) {
    modifyLaunchPermission(r, img, input, ctx);
  } else if (input.Description || attribute === 'description') {
    img.Description = input.Description?.Value ?? input.Value ?? '';
  } else if (input.ImdsSupport || attribute === 'imdsSupport') {
    const v = input.ImdsSupport?.Value ?? input.Value;
    if (v !== 'v2.0')
      throw new AwsError('InvalidParameterValue', `Value (${v}) for parameter imdsSupport is invalid.`);
    img.ImdsSupport = v;
  } else {
    throw new AwsError('InvalidParameterCombination', 'No attribute specified to modify.');
  }
  return {};
};

export const ResetImageAttribute: Handler<
  ResetImageAttributeCommandInput,
  ResetImageAttributeCommandOutput
> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  if (input.Attribute !== 'launchPermission') {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${input.Attribute}) for parameter attribute is invalid.`,
    );
  }
  img.launchPermissions = [];
  img.Public = false;
  return {};
};

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export const EnableImageDeprecation: Handler<
  EnableImageDeprecationCommandInput,
  EnableImageDeprecationCommandOutput
> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  const at = new Date(input.DeprecateAt ?? Number.NaN);
  if (Number.isNaN(at.getTime()))
    throw new AwsError('InvalidParameterValue', 'DeprecateAt must be a timestamp.');
  const now = ctx.sim.clock.nowMs();
  if (at.getTime() < now) {
    throw new AwsError('InvalidParameterValue', "DeprecateAt can't be a date in the past.");
  }
  // The upper limit: 10 years from now, but 2 years from the creation date for public AMIs.
  const limit = img.Public ? Date.parse(img.createdAt) + 2 * YEAR_MS : now + 10 * YEAR_MS;
  if (at.getTime() > limit) {
    throw new AwsError(
      'InvalidParameterValue',
      img.Public
        ? 'DeprecateAt must be at most 2 years after the creation date for public AMIs.'
        : 'DeprecateAt must be at most 10 years in the future.',
    );
  }
  // EC2 rounds the time to the nearest minute.
  const rounded = new Date(Math.round(at.getTime() / 60_000) * 60_000);
  img.deprecateAt = rounded.toISOString();
  return { Return: true };
};

export const DisableImageDeprecation: Handler<
  DisableImageDeprecationCommandInput,
  DisableImageDeprecationCommandOutput
> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  img.deprecateAt = undefined;
  return { Return: true };
};

/** Deregistration protection with cooldown stays in force this long after it is disabled. */
export const PROTECTION_COOLDOWN_SECONDS = 24 * 3600;

export const EnableImageDeregistrationProtection: Handler<
  EnableImageDeregistrationProtectionCommandInput,
  EnableImageDeregistrationProtectionCommandOutput
> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  img.protection = input.WithCooldown ? 'enabled-with-cooldown' : 'enabled';
  img.protectionUntil = undefined;
  return { Return: 'true' };
};

export const DisableImageDeregistrationProtection: Handler<
  DisableImageDeregistrationProtectionCommandInput,
  DisableImageDeregistrationProtectionCommandOutput
> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  if (img.protection === 'enabled-with-cooldown') {
    img.protectionUntil = new Date(ctx.sim.clock.nowMs() + PROTECTION_COOLDOWN_SECONDS * 1000).toISOString();
  }
  img.protection = 'disabled';
  return { Return: 'true' };
};

export const DisableImage: Handler<DisableImageCommandInput, DisableImageCommandOutput> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  img.disabled = true;
  img.Public = false;
  img.launchPermissions = [];
  return { Return: true };
};

export const EnableImage: Handler<EnableImageCommandInput, EnableImageCommandOutput> = (input, ctx) => {
  const img = ownedImage(ctx, input.ImageId);
  img.disabled = false;
  return { Return: true };
};

export const GetImageBlockPublicAccessState: Handler<
  GetImageBlockPublicAccessStateCommandInput,
  GetImageBlockPublicAccessStateCommandOutput
> = (_input, ctx) => {
  return {
    ImageBlockPublicAccessState: regionState(ctx.sim, ctx.region).imageBlockPublicAccess,
    ManagedBy: 'account',
  };
};

export const EnableImageBlockPublicAccess: Handler<
  EnableImageBlockPublicAccessCommandInput,
  EnableImageBlockPublicAccessCommandOutput
> = (input, ctx) => {
  if (input.ImageBlockPublicAccessState !== 'block-new-sharing') {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${input.ImageBlockPublicAccessState}) for parameter ImageBlockPublicAccessState is invalid.`,
    );
  }
  regionState(ctx.sim, ctx.region).imageBlockPublicAccess = 'block-new-sharing';
  return { ImageBlockPublicAccessState: 'block-new-sharing' };
};

export const DisableImageBlockPublicAccess: Handler<
  DisableImageBlockPublicAccessCommandInput,
  DisableImageBlockPublicAccessCommandOutput
> = (_input, ctx) => {
  regionState(ctx.sim, ctx.region).imageBlockPublicAccess = 'unblocked';
  return { ImageBlockPublicAccessState: 'unblocked' };
};
