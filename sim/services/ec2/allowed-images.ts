/**
 * Allowed AMIs, per account and region: EnableAllowedImagesSettings (`enabled` or `audit-mode`),
 * DisableAllowedImagesSettings, ReplaceImageCriteriaInAllowedImagesSettings, GetAllowedImagesSettings,
 * and the verdict DescribeImages answers as `ImageAllowed` and RunInstances enforces.
 *
 * As the EC2 API reference describes it: an image is allowed when it matches at least one criterion;
 * it matches a criterion when it meets every parameter the criterion sets (a provider of the list, a
 * name of the list, young enough, deprecated recently enough or not at all). The account's own images
 * are always allowed. `enabled`: only allowed images are discoverable and launchable; `audit-mode`:
 * nothing is restricted, `ImageAllowed` says what `enabled` would do; `disabled`: everything allowed.
 */
import type {
  DisableAllowedImagesSettingsCommandInput,
  DisableAllowedImagesSettingsCommandOutput,
  EnableAllowedImagesSettingsCommandInput,
  EnableAllowedImagesSettingsCommandOutput,
  GetAllowedImagesSettingsCommandInput,
  GetAllowedImagesSettingsCommandOutput,
  ImageCriterion,
  ImageCriterionRequest,
  ReplaceImageCriteriaInAllowedImagesSettingsCommandInput,
  ReplaceImageCriteriaInAllowedImagesSettingsCommandOutput,
} from '@aws-sdk/client-ec2';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { ALLOWED_IMAGES } from './limits.js';
import { regionState } from './region.js';
import type { AllowedImagesSettings, ImageRecord } from './state.js';

export type AllowedImagesState = AllowedImagesSettings['state'];

/** A seed: `{ "account"?: "...", "region": "...", "state": "enabled", "imageCriteria": [ImageCriterion...] }`. */
export interface AllowedImagesSeed {
  account?: string;
  region: string;
  state: AllowedImagesState;
  imageCriteria?: ImageCriterionRequest[];
}

const DAY_MS = 24 * 3600 * 1000;
const PROVIDER_ALIASES = ['amazon', 'aws-marketplace', 'aws-backup-vault'];
const NAME = /^[A-Za-z0-9()[\]./\-'@_*? ]+$/;

export function settingsOf(sim: SimulatorApi, region: string): AllowedImagesSettings {
  const r = regionState(sim, region);
  r.allowedImages ??= { state: 'disabled', criteria: [] };
  return r.allowedImages;
}

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

function checkDays(value: number | undefined, member: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > ALLOWED_IMAGES.maxDays) {
    throw invalid(`${member} must be a whole number of days from 0 to ${ALLOWED_IMAGES.maxDays}.`);
  }
  return value;
}

/** A criterion as AWS stores it, or AWS's error for what breaks its constraints. */
function checkCriterion(c: ImageCriterionRequest): ImageCriterion {
  const providers = c.ImageProviders ?? [];
  const names = c.ImageNames ?? [];
  const codes = c.MarketplaceProductCodes ?? [];
  if (providers.length > ALLOWED_IMAGES.providers) {
    throw invalid(`An image criterion can have at most ${ALLOWED_IMAGES.providers} ImageProviders.`);
  }
  if (names.length > ALLOWED_IMAGES.names) {
    throw invalid(`An image criterion can have at most ${ALLOWED_IMAGES.names} ImageNames.`);
  }
  if (codes.length > ALLOWED_IMAGES.productCodes) {
    throw invalid(
      `An image criterion can have at most ${ALLOWED_IMAGES.productCodes} MarketplaceProductCodes.`,
    );
  }
  for (const p of providers) {
    if (!PROVIDER_ALIASES.includes(p) && p !== 'none' && !/^\d{12}$/.test(p)) {
      throw invalid(
        `Invalid image provider '${p}': use amazon, aws-marketplace, aws-backup-vault, none or a 12-digit account ID.`,
      );
    }
  }
  if (providers.includes('none') && providers.length > 1) {
    throw invalid('When none is specified in ImageProviders, no other values can be specified.');
  }
  for (const n of names) {
    if (n.length < 1 || n.length > 128 || !NAME.test(n) || (n.includes('?') && n.length < 3)) {
      throw invalid(
        `Invalid image name '${n}': 1 to 128 letters, numbers, spaces and ( ) [ ] . / - ' @ _ * ? (at least 3 characters with ?).`,
      );
    }
  }
  for (const code of codes) {
    if (!/^[A-Za-z0-9]{1,25}$/.test(code)) throw invalid(`Invalid marketplace product code '${code}'.`);
  }
  const created = checkDays(c.CreationDateCondition?.MaximumDaysSinceCreated, 'MaximumDaysSinceCreated');
  const deprecated = checkDays(
    c.DeprecationTimeCondition?.MaximumDaysSinceDeprecated,
    'MaximumDaysSinceDeprecated',
  );
  return {
    ...(providers.length ? { ImageProviders: [...providers] } : {}),
    ...(codes.length ? { MarketplaceProductCodes: [...codes] } : {}),
    ...(names.length ? { ImageNames: [...names] } : {}),
    ...(created !== undefined ? { CreationDateCondition: { MaximumDaysSinceCreated: created } } : {}),
    ...(deprecated !== undefined
      ? { DeprecationTimeCondition: { MaximumDaysSinceDeprecated: deprecated } }
      : {}),
  };
}

export function checkCriteria(criteria: ImageCriterionRequest[] | undefined): ImageCriterion[] {
  const list = criteria ?? [];
  if (list.length > ALLOWED_IMAGES.criteria) {
    throw invalid(`ImageCriteria can have at most ${ALLOWED_IMAGES.criteria} criteria.`);
  }
  return list.map(checkCriterion);
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Whether the image meets every parameter the criterion sets. */
function meets(img: ImageRecord, c: ImageCriterion, nowMs: number): boolean {
  const providers = c.ImageProviders ?? [];
  if (
    providers.length &&
    !providers.some((p) =>
      /^\d{12}$/.test(p) ? img.OwnerId === p : p !== 'none' && img.ImageOwnerAlias === p,
    )
  ) {
    return false;
  }
  // The simulator's images carry no product codes.
  if (c.MarketplaceProductCodes?.length) return false;
  if (c.ImageNames?.length && !c.ImageNames.some((n) => wildcard(n).test(img.Name))) return false;
  const maxAge = c.CreationDateCondition?.MaximumDaysSinceCreated;
  if (maxAge !== undefined && nowMs - Date.parse(img.createdAt) > maxAge * DAY_MS) return false;
  const maxDeprecated = c.DeprecationTimeCondition?.MaximumDaysSinceDeprecated;
  if (maxDeprecated !== undefined && img.deprecateAt && Date.parse(img.deprecateAt) <= nowMs) {
    if (nowMs - Date.parse(img.deprecateAt) > maxDeprecated * DAY_MS) return false;
  }
  return true;
}

/** Whether the account's criteria allow the image (whatever the state): its own images always. */
export function imageAllowed(
  settings: AllowedImagesSettings,
  img: ImageRecord,
  accountId: string,
  nowMs: number,
): boolean {
  if (img.OwnerId === accountId) return true;
  return settings.criteria.some((c) => meets(img, c, nowMs));
}

/** What DescribeImages answers as `ImageAllowed`: the verdict in `enabled` and `audit-mode`, else true. */
export function imageAllowedField(sim: SimulatorApi, region: string, img: ImageRecord): boolean {
  const settings = settingsOf(sim, region);
  if (settings.state === 'disabled') return true;
  return imageAllowed(settings, img, sim.accountId, sim.clock.nowMs());
}

/** Whether Allowed AMIs, enabled, keeps the image from the account (undiscoverable, not launchable). */
export function restricted(sim: SimulatorApi, region: string, img: ImageRecord): boolean {
  const settings = settingsOf(sim, region);
  return settings.state === 'enabled' && !imageAllowed(settings, img, sim.accountId, sim.clock.nowMs());
}

export function seedAllowedImages(sim: SimulatorApi, seed: AllowedImagesSeed): void {
  if (!['enabled', 'audit-mode', 'disabled'].includes(seed.state)) {
    throw new Error(
      `scenario: allowedImages state must be enabled, audit-mode or disabled, got ${seed.state}`,
    );
  }
  const settings = settingsOf(sim, seed.region);
  settings.state = seed.state;
  settings.criteria = checkCriteria(seed.imageCriteria);
}

export const EnableAllowedImagesSettings: Handler<
  EnableAllowedImagesSettingsCommandInput,
  EnableAllowedImagesSettingsCommandOutput
> = (input, ctx) => {
  const state = input.AllowedImagesSettingsState;
  if (state !== 'enabled' && state !== 'audit-mode') {
    throw invalid(
      `Value (${state}) for parameter AllowedImagesSettingsState is invalid. Valid values: enabled, audit-mode.`,
    );
  }
  settingsOf(ctx.sim, ctx.region).state = state;
  return { AllowedImagesSettingsState: state };
};

export const DisableAllowedImagesSettings: Handler<
  DisableAllowedImagesSettingsCommandInput,
  DisableAllowedImagesSettingsCommandOutput
> = (_input, ctx) => {
  settingsOf(ctx.sim, ctx.region).state = 'disabled';
  return { AllowedImagesSettingsState: 'disabled' };
};

export const ReplaceImageCriteriaInAllowedImagesSettings: Handler<
  ReplaceImageCriteriaInAllowedImagesSettingsCommandInput,
  ReplaceImageCriteriaInAllowedImagesSettingsCommandOutput
> = (input, ctx) => {
  settingsOf(ctx.sim, ctx.region).criteria = checkCriteria(input.ImageCriteria);
  return { ReturnValue: true };
};

export const GetAllowedImagesSettings: Handler<
  GetAllowedImagesSettingsCommandInput,
  GetAllowedImagesSettingsCommandOutput
> = (_input, ctx) => {
  const settings = settingsOf(ctx.sim, ctx.region);
  return {
    State: settings.state,
    ImageCriteria: structuredClone(settings.criteria),
    ManagedBy: 'account',
  };
};
