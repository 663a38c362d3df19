/**
 * Allowed AMIs: an account may limit, per region, which AMIs it can discover and launch
 * (GetAllowedImagesSettings). A shared AMI the account does not allow is useless there, and nobody
 * learns it before a launch fails, so publish evaluates the account's criteria itself before it
 * shares: a private AMI is invisible to the account until it is shared, so DescribeImages'
 * `ImageAllowed` cannot answer for it yet.
 *
 * How AWS evaluates (EC2 User Guide, "How Allowed AMIs works"; ImageCriterionRequest): an image is
 * allowed when it meets any one criterion, and meets a criterion when it meets every parameter the
 * criterion sets: ImageProviders (an owner account id, `amazon`, `aws-marketplace`,
 * `aws-backup-vault`, or `none`: the account's own AMIs only), ImageNames (`*` and `?` wildcards),
 * MarketplaceProductCodes, CreationDateCondition.MaximumDaysSinceCreated and
 * DeprecationTimeCondition.MaximumDaysSinceDeprecated. AMIs the account owns are always allowed.
 * `enabled` enforces the criteria; `audit-mode` only reports; `disabled` allows everything.
 */
import { GetAllowedImagesSettingsCommand, type ImageCriterion } from '@aws-sdk/client-ec2';
import { ec2 } from './images.js';

export interface AllowedImages {
  state: 'enabled' | 'audit-mode' | 'disabled';
  criteria: ImageCriterion[];
}

/** What Allowed AMIs looks at of an image. */
export interface ImageIdentity {
  ownerId: string;
  /** `amazon`, `aws-marketplace`, `aws-backup-vault` for their AMIs; none for an account's own. */
  ownerAlias?: string;
  name: string;
  /** ISO 8601. */
  creationDate?: string;
  deprecationTime?: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** The settings of the account the code acts in (accounts.ts), in `region`. */
export async function readAllowedImages(region: string): Promise<AllowedImages> {
  const answer = await ec2(region).send(new GetAllowedImagesSettingsCommand({}));
  const state = answer.State === 'enabled' || answer.State === 'audit-mode' ? answer.State : 'disabled';
  return { state, criteria: answer.ImageCriteria ?? [] };
}

/**
 * Why `account`'s criteria do not allow the image (whatever the state), or undefined when they do:
 * for each criterion, the first parameter the image misses.
 */
export function notAllowedBecause(
  settings: AllowedImages,
  image: ImageIdentity,
  account: string,
  nowMs: number,
): string | undefined {
  if (image.ownerId === account) return undefined;
  if (!settings.criteria.length) return 'no criteria allow any AMI of another account';
  const misses: string[] = [];
  for (const criterion of settings.criteria) {
    const miss = missedParameter(criterion, image, nowMs);
    if (!miss) return undefined;
    misses.push(miss);
  }
  const distinct = [...new Set(misses)];
  return distinct.length === 1 ? distinct[0] : `no criterion allows it (${distinct.join('; ')})`;
}

function missedParameter(criterion: ImageCriterion, image: ImageIdentity, nowMs: number): string | undefined {
  const providers = criterion.ImageProviders ?? [];
  if (
    providers.length &&
    !providers.some((p) =>
      /^\d{12}$/.test(p) ? image.ownerId === p : p !== 'none' && image.ownerAlias === p,
    )
  ) {
    return `its owner ${image.ownerId} is not among the image providers ${providers.join(', ')}`;
  }
  if (criterion.MarketplaceProductCodes?.length) {
    return `it has none of the marketplace product codes ${criterion.MarketplaceProductCodes.join(', ')}`;
  }
  const names = criterion.ImageNames ?? [];
  if (names.length && !names.some((pattern) => wildcard(pattern).test(image.name))) {
    return `its name "${image.name}" matches none of the image names ${names.join(', ')}`;
  }
  const maxAge = criterion.CreationDateCondition?.MaximumDaysSinceCreated;
  const created = Date.parse(image.creationDate ?? '');
  if (maxAge !== undefined && Number.isFinite(created) && nowMs - created > maxAge * DAY_MS) {
    return `it was created ${Math.floor((nowMs - created) / DAY_MS)} days ago, more than the ${maxAge} allowed`;
  }
  const maxDeprecated = criterion.DeprecationTimeCondition?.MaximumDaysSinceDeprecated;
  const deprecated = Date.parse(image.deprecationTime ?? '');
  if (
    maxDeprecated !== undefined &&
    Number.isFinite(deprecated) &&
    deprecated <= nowMs &&
    nowMs - deprecated > maxDeprecated * DAY_MS
  ) {
    return `it was deprecated ${Math.floor((nowMs - deprecated) / DAY_MS)} days ago, more than the ${maxDeprecated} allowed`;
  }
  return undefined;
}

/** An ImageNames pattern: `*` any characters, `?` one. */
function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
