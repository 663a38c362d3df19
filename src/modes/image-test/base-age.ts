/**
 * max-base-age: the AMI's base (the AMI it was baked from) must not be deprecated nor older than the
 * limit, on AWS's clock, so a stale base fails before publish. The base is the AMI's
 * `ami-action:base-ami` tag (bake writes it), else the root of its AMI ancestry (GetImageAncestry:
 * the chain from the AMI back to a public AMI of a verified provider). The ancestry is shown too.
 * The check needs only API calls: it is decided before any instance is launched.
 */
import { DescribeImagesCommand, GetImageAncestryCommand, type ImageAncestryEntry } from '@aws-sdk/client-ec2';
import { awsNow } from '../../aws/clock.js';
import { errorCode, isNotFound } from '../../aws/errors.js';
import { ec2, type ImageFacts } from '../../aws/images.js';
import { oneLine } from '../../report/foreign.js';
import { formatSeconds } from '../../report/format.js';
import { TAG } from '../../tags.js';
import type { CheckResult } from './results.js';

/** Errors of a region or partition where AWS does not offer the operation. */
const NOT_OFFERED = new Set(['InvalidAction', 'UnsupportedOperation', 'InvalidRequest']);

export interface BaseCheck {
  result: CheckResult;
  /** The base AMI id, when known. */
  base?: string;
  /** The ancestry, one line per AMI from this one to the root (empty when AWS does not offer it here). */
  ancestry: string[];
}

/** The AMI's ancestry, or undefined where AWS does not offer GetImageAncestry. */
async function readAncestry(region: string, imageId: string): Promise<ImageAncestryEntry[] | undefined> {
  try {
    const out = await ec2(region).send(new GetImageAncestryCommand({ ImageId: imageId }));
    return out.ImageAncestryEntries ?? [];
  } catch (error) {
    if (NOT_OFFERED.has(errorCode(error) ?? '')) return undefined;
    throw error;
  }
}

function ancestryLines(entries: ImageAncestryEntry[], region: string): string[] {
  return entries.map((entry, i) => {
    const where = i === 0 ? region : (entries[i - 1].SourceImageRegion ?? region);
    const owner = entry.ImageOwnerAlias ? `, ${oneLine(entry.ImageOwnerAlias)}` : '';
    return `${entry.ImageId} (${where}${owner}, created ${entry.CreationDate?.toISOString() ?? '?'})`;
  });
}

const days = (seconds: number) => `${Math.floor(seconds / 86_400)} days`;

export async function checkBaseAge(image: ImageFacts, maxAgeSeconds: number): Promise<BaseCheck> {
  const maxAgeText =
    maxAgeSeconds % 86_400 === 0 ? `${maxAgeSeconds / 86_400}d` : formatSeconds(maxAgeSeconds);
  const entries = await readAncestry(image.region, image.imageId);
  const ancestry = entries ? ancestryLines(entries, image.region) : [];
  const root = entries && entries.length > 1 ? entries.at(-1) : undefined;
  const tagged = image.tags[TAG.baseAmi];
  const base = tagged ?? root?.ImageId;
  const result: CheckResult = {
    suite: 'image',
    name: 'base-image-age',
    description: `The AMI's base is not deprecated and at most ${maxAgeText} old (max-base-age)`,
    severity: 'error',
    passed: false,
    seconds: 0,
    stdout: ancestry.length ? `ancestry: ${ancestry.join(' <- ')}` : '',
    stderr: '',
    truncated: false,
  };
  if (!base) {
    result.message = `Cannot tell the base of ${image.imageId}: it has no ${TAG.baseAmi} tag and its AMI ancestry names no source AMI${entries ? '' : ' (GetImageAncestry is not offered here)'}. Bake it with mode: bake, or leave max-base-age out.`;
    return { result, ancestry };
  }
  const index = entries?.findIndex((entry) => entry.ImageId === base) ?? -1;
  const baseRegion =
    image.tags[TAG.baseRegion] ??
    (entries && index > 0 ? entries[index - 1].SourceImageRegion : undefined) ??
    image.region;
  const described = await ec2(baseRegion)
    .send(new DescribeImagesCommand({ ImageIds: [base], IncludeDeprecated: true }))
    .catch((error) => {
      if (isNotFound(error)) return { Images: [] };
      throw error;
    });
  const facts = described.Images?.[0];
  const now = awsNow();
  const created =
    facts?.CreationDate ?? (index >= 0 ? entries?.[index].CreationDate?.toISOString() : undefined);
  const age = created ? (now.getTime() - Date.parse(created)) / 1000 : undefined;
  const fix = 'Bake again from a newer base (mode: bake resolves it afresh).';
  if (facts?.DeprecationTime && Date.parse(facts.DeprecationTime) <= now.getTime()) {
    result.message = `The base ${base} of ${image.imageId} is deprecated (since ${facts.DeprecationTime}). ${fix}`;
  } else if (!facts) {
    result.message = `The base ${base} of ${image.imageId} no longer exists in ${baseRegion} (or this account may not see it). ${fix}`;
  } else if (age !== undefined && age > maxAgeSeconds) {
    result.message = `The base ${base} of ${image.imageId} is ${days(age)} old (created ${created}), older than max-base-age ${maxAgeText}. ${fix}`;
  } else {
    result.passed = true;
    result.stdout = [
      `base ${base} (${baseRegion}) created ${created ?? '?'}, ${age === undefined ? 'age unknown' : days(age)} old`,
      result.stdout,
    ]
      .filter(Boolean)
      .join('; ');
  }
  return { result, base, ancestry };
}
