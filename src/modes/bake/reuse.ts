/**
 * skip-if-unchanged: find an AMI this account baked earlier with the same fingerprint (the same base
 * AMI and inputs hash, from the same repository, and the name prefix when given), available and not
 * deprecated, in the build's region and in every region the same bake put a copy in. Found: the bake
 * is skipped and that AMI is the output. Not found: say what changed since the newest earlier AMI of
 * the repository (the base from ami-a to ami-b; which inputs), and build.
 */
import type { Filter } from '@aws-sdk/client-ec2';
import { awsNow } from '../../aws/clock.js';
import { describeImageById, type ImageFacts, ownImages } from '../../aws/images.js';
import { TAG } from '../../tags.js';
import type { Base } from './base.js';
import { describeInputChanges, type InputEntry } from './fingerprint.js';
import { amisOfBuild } from './image-builder.js';

/** One build of the bake: a Packer source, or the Image Builder pipeline. */
export interface Target {
  /** The build as the plan names it (Packer's build name; '' for the pipeline). */
  name: string;
  region: string;
  base?: Base;
  /** Why the base is not known before the build. */
  why?: string;
  /** Packer's ami_regions: where the same build puts copies. */
  copyRegions: string[];
}

export interface Lookup {
  builder: 'packer' | 'image-builder';
  hash: string;
  entries: InputEntry[];
  repository?: string;
  namePrefix?: string;
}

export interface Reused {
  /** region -> AMI id, every target's. */
  amis: Record<string, string>;
  names: Record<string, string>;
  /** The AMI found in each target's region. */
  found: ImageFacts[];
  imageArn?: string;
}

export interface Decision {
  reused?: Reused;
  /** Why it builds, a line per target (empty when reused). */
  reasons: string[];
}

export async function decide(targets: Target[], lookup: Lookup): Promise<Decision> {
  const reasons: string[] = [];
  const reused: Reused = { amis: {}, names: {}, found: [] };
  if (targets.length === 0) return { reasons: ['the template has no amazon builder to fingerprint'] };
  for (const target of targets) {
    const label = targets.length > 1 ? `${target.name}: ` : '';
    if (!target.base) {
      reasons.push(`${label}the base is not known before the build (${target.why})`);
      continue;
    }
    const found = await newest(target.region, [
      ...selection(lookup),
      { Name: `tag:${TAG.baseAmi}`, Values: [target.base.imageId] },
      { Name: `tag:${TAG.inputsHash}`, Values: [lookup.hash] },
    ]);
    if (!found) {
      reasons.push(label + (await whatChanged(target, target.base, lookup)));
      continue;
    }
    const copies = await copiesOf(found, target, lookup);
    if (typeof copies === 'string') {
      reasons.push(label + copies);
      continue;
    }
    Object.assign(reused.amis, copies.amis);
    for (const image of copies.images) reused.names[image.imageId] = image.name;
    reused.found.push(found);
    reused.imageArn ??= copies.imageArn;
  }
  return reasons.length ? { reasons } : { reused, reasons };
}

/** What an earlier AMI of the bake must match besides its fingerprint: repository, name prefix, available. */
function selection(lookup: Lookup): Filter[] {
  return [
    { Name: 'state', Values: ['available'] },
    ...(lookup.repository ? [{ Name: `tag:${TAG.repository}`, Values: [lookup.repository] }] : []),
    ...(lookup.namePrefix ? [{ Name: 'name', Values: [`${lookup.namePrefix}*`] }] : []),
  ];
}

const deprecated = (image: ImageFacts) =>
  !!image.deprecationTime && Date.parse(image.deprecationTime) <= awsNow().getTime();

/** The newest of the account's AMIs the filters select, available (and not deprecated unless asked). */
async function newest(
  region: string,
  filters: Filter[],
  withDeprecated = false,
): Promise<ImageFacts | undefined> {
  const images = (await ownImages(region, filters)).filter(
    (image) => image.state === 'available' && (withDeprecated || !deprecated(image)),
  );
  return images.sort((a, b) => (b.creationDate ?? '').localeCompare(a.creationDate ?? ''))[0];
}

/** Every region's AMI of the bake that made `found`, or why they are not all there. */
async function copiesOf(
  found: ImageFacts,
  target: Target,
  lookup: Lookup,
): Promise<{ amis: Record<string, string>; images: ImageFacts[]; imageArn?: string } | string> {
  const amis: Record<string, string> = { [target.region]: found.imageId };
  const images = [found];
  const missing: string[] = [];
  if (lookup.builder === 'image-builder') {
    const imageArn = found.tags.Ec2ImageBuilderArn;
    const built = imageArn ? await amisOfBuild(imageArn) : {};
    for (const [region, imageId] of Object.entries(built)) {
      if (region === target.region) continue;
      const copy = await describeImageById(region, imageId);
      if (copy && copy.state === 'available' && !deprecated(copy)) {
        amis[region] = imageId;
        images.push(copy);
      } else missing.push(region);
    }
    if (!missing.length) return { amis, images, imageArn };
  } else {
    const runId = found.tags[TAG.runId];
    for (const region of target.copyRegions.filter((r) => r !== target.region)) {
      const copy = await newest(region, [
        ...selection(lookup),
        { Name: `tag:${TAG.inputsHash}`, Values: [lookup.hash] },
        { Name: `tag:${TAG.runId}`, Values: [runId ?? ''] },
      ]);
      if (copy) {
        amis[region] = copy.imageId;
        images.push(copy);
      } else missing.push(region);
    }
    if (!missing.length) return { amis, images };
  }
  return `${found.imageId} has this fingerprint, but the bake that made it has no available AMI in ${missing.join(', ')} any more`;
}

/** Since the newest earlier AMI of the repository: what changed, in words. */
async function whatChanged(target: Target, base: Base, lookup: Lookup): Promise<string> {
  const earlier = await newest(
    target.region,
    [...selection(lookup), { Name: 'tag-key', Values: [TAG.inputsHash] }],
    true,
  );
  if (!earlier) {
    const of = lookup.repository ? ` of ${lookup.repository}` : '';
    const named = lookup.namePrefix ? ` named ${lookup.namePrefix}*` : '';
    return `no earlier AMI${of}${named} in ${target.region} has a fingerprint`;
  }
  const changes: string[] = [];
  const earlierBase = earlier.tags[TAG.baseAmi];
  if (earlierBase !== base.imageId) {
    changes.push(`the base changed from ${earlierBase ?? '(none recorded)'} to ${base.imageId}`);
  }
  if (earlier.tags[TAG.inputsHash] !== lookup.hash) {
    changes.push(describeInputChanges(earlier.tags, lookup.entries));
  }
  if (!changes.length) changes.push(`${earlier.imageId} has this fingerprint but is deprecated`);
  return `since ${earlier.imageId} (${earlier.name}, ${earlier.creationDate ?? '?'}): ${changes.join('; ')}`;
}
