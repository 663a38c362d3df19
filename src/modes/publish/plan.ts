/**
 * The plan: everything publishing needs to know before it changes anything. Reads only: the source
 * AMI, each region's existing copy, the KMS key each region's image is (or will be) encrypted with,
 * and, for public AMIs, each region's image block public access state and, where the image would
 * become public, the account's public AMIs there against EC2's Public AMIs quota.
 */
import { GetImageBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import { awsNow } from '../../aws/clock.js';
import { mapConcurrent } from '../../aws/fanout.js';
import {
  describeImageById,
  ec2,
  findCopies,
  type ImageFacts,
  ImageNotUsableError,
  ownImages,
  readOwnImage,
} from '../../aws/images.js';
import { PUBLIC_AMIS_QUOTA } from '../../aws/limits.js';
import { type QuotaValue, readQuota } from '../../aws/service-quotas.js';
import { oneLine } from '../../report/foreign.js';
import { type Desired, isShared } from './desired.js';
import { AWS_EBS_KEY, describeKey, type KeyInfo } from './keys.js';

export interface RegionPlan {
  region: string;
  primary: boolean;
  /** The region's image when it exists and is usable (available or pending). */
  image?: ImageFacts;
  /** Failed copies: deregistered, then copied again. */
  failedCopies: ImageFacts[];
  /** The key the region's image is or will be encrypted with. */
  key?: KeyInfo;
  /** The key reference that could not be found, for the refusal message. */
  missingKey?: string;
  /** `KmsKeyId` to give CopyImage (kms-key-ids), when copying. */
  copyKeyRef?: string;
  blocksPublicAccess?: boolean;
  /** Where the image (or its copy) would become public: the account's public AMIs there, and the quota. */
  publicAmis?: PublicAmis;
}

export interface PublicAmis {
  count: number;
  quota: QuotaValue;
}

export interface Plan {
  source: ImageFacts;
  regions: RegionPlan[];
  deprecateAt?: Date;
}

/**
 * Every region at once (up to 20): each region has its own request buckets, and publish changes
 * nothing until the slowest region's reads are back, so queuing them only lengthens the plan.
 */
const READ_CONCURRENCY = 20;

export async function makePlan(desired: Desired): Promise<Plan> {
  const source = await readOwnImage(desired.sourceRegion, desired.sourceId);
  const regionNames = [desired.sourceRegion, ...desired.copyRegions];
  const settled = await mapConcurrent(regionNames, READ_CONCURRENCY, (region) =>
    planRegion(desired, source, region),
  );
  const regions = settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
  return { source, regions, deprecateAt: deprecationTime(desired, source) };
}

function deprecationTime(desired: Desired, source: ImageFacts): Date | undefined {
  if (desired.deprecateAt) return roundToMinute(desired.deprecateAt);
  if (desired.deprecateAfterSeconds === undefined) return undefined;
  const created = source.creationDate ? Date.parse(source.creationDate) : awsNow().getTime();
  return roundToMinute(new Date(created + desired.deprecateAfterSeconds * 1000));
}

/** EC2 keeps deprecation times to the minute. */
function roundToMinute(date: Date): Date {
  return new Date(Math.round(date.getTime() / 60_000) * 60_000);
}

async function planRegion(desired: Desired, source: ImageFacts, region: string): Promise<RegionPlan> {
  const primary = region === desired.sourceRegion;
  const plan: RegionPlan = { region, primary, failedCopies: [] };
  if (primary) {
    plan.image = source;
  } else {
    const given = desired.givenCopies[region];
    const copies = given ? await givenCopy(region, given) : await findCopies(region, source.imageId);
    plan.image =
      copies.find((copy) => copy.state === 'available') ?? copies.find((copy) => copy.state === 'pending');
    plan.failedCopies = copies.filter((copy) => copy.state === 'failed' || copy.state === 'error');
    if (!plan.image) plan.copyKeyRef = desired.kmsKeyIds[region];
  }
  const keyRef =
    plan.image?.kmsKeyId ?? plan.copyKeyRef ?? (source.encrypted && !primary ? AWS_EBS_KEY : undefined);
  if (keyRef) {
    plan.key = await describeKey(region, keyRef);
    if (!plan.key) plan.missingKey = keyRef;
  }
  if (desired.public && isShared(desired)) {
    const state = await ec2(region).send(new GetImageBlockPublicAccessStateCommand({}));
    plan.blocksPublicAccess = state.ImageBlockPublicAccessState === 'block-new-sharing';
  }
  // An image that is public already adds none; one to make public (a copy to make, too) adds one.
  if (desired.public && !plan.image?.public) plan.publicAmis = await publicAmis(region);
  return plan;
}

/** The account's public AMIs in `region` (every page), and the Public AMIs quota it has there. */
async function publicAmis(region: string): Promise<PublicAmis> {
  const [images, quota] = await Promise.all([
    ownImages(region, [{ Name: 'is-public', Values: ['true'] }]),
    readQuota(region, PUBLIC_AMIS_QUOTA),
  ]);
  return { count: images.length, quota };
}

/**
 * What the plan read of public AMIs, for the plan's facts: each region's count against its quota,
 * and where the quota is the documented default because Service Quotas did not answer, AWS's words.
 */
export function publicAmiFacts(plan: Plan): string[] {
  const read = plan.regions.flatMap(({ region, publicAmis }) =>
    publicAmis ? [{ region, ...publicAmis }] : [],
  );
  if (!read.length) return [];
  const facts = [
    `Public AMIs of this account / EC2's Public AMIs quota: ${read.map((r) => `${r.region} ${r.count}/${r.quota.value}`).join(', ')}.`,
  ];
  const unanswered = new Map<string, string[]>();
  for (const { region, quota } of read) {
    if (!quota.applied) unanswered.set(quota.why, [...(unanswered.get(quota.why) ?? []), region]);
  }
  for (const [why, regions] of unanswered) {
    facts.push(
      `Public AMIs quota in ${regions.join(', ')}: Service Quotas did not answer (${oneLine(why)}); EC2's documented default of ${PUBLIC_AMIS_QUOTA.defaultValue} is assumed (allow servicequotas:GetServiceQuota to use a raised quota).`,
    );
  }
  return facts;
}

/** An AMI given in `amis` for a region stands for that region's copy (it gets the copy's tags). */
async function givenCopy(region: string, imageId: string): Promise<ImageFacts[]> {
  const image = await describeImageById(region, imageId);
  if (!image) {
    throw new ImageNotUsableError(
      `Input 'amis': ${imageId} for ${region} does not exist there (or is not this account's). Give the AMI ids this account owns.`,
    );
  }
  return [image];
}

/** Whether the region's image is (or its copy will be) encrypted. */
export function isEncrypted(plan: RegionPlan, source: ImageFacts): boolean {
  return plan.image ? plan.image.encrypted : source.encrypted || plan.copyKeyRef !== undefined;
}
