/**
 * Provenance and fingerprint: every baked AMI and its snapshots say which repository, commit and run
 * made them; every baked AMI also says what it was made from: its base AMI and the hash of its inputs
 * (with a per-input listing, in the tags left free of AWS's 50 after those later modes add: LATER_TAGS).
 */

import * as core from '@actions/core';
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { mapConcurrent, valuesOrThrow } from '../../aws/fanout.js';
import { describeImageById, type ImageFacts } from '../../aws/images.js';
import { LIMITS, tagLimitRefusal } from '../../aws/limits.js';
import { type RunContext, runTag } from '../../context.js';
import { LATER_TAGS, TAG, type Tags, toTagList } from '../../tags.js';
import type { Base } from './base.js';
import { type InputEntry, listingTags, MAX_LISTING_TAGS } from './fingerprint.js';
import type { BakeResult } from './types.js';

export function provenanceTags(context: RunContext): Tags {
  const tags: Tags = { [TAG.runId]: runTag(context) };
  if (context.repository) tags[TAG.repository] = context.repository;
  if (context.commit) tags[TAG.commit] = context.commit;
  if (context.runUrl) tags[TAG.runUrl] = context.runUrl;
  return tags;
}

export interface Fingerprint {
  hash: string;
  entries: InputEntry[];
  /** The base the plan resolved, when the build does not say its own. */
  planned?: Base;
}

/** The base of each AMI: region -> base (a copy made by the build names its original's). */
export type Bases = Record<string, Base | undefined>;

/**
 * Tags each region's AMI with its provenance and fingerprint, and the snapshots behind it with the
 * provenance. Returns each region's base, and each AMI's name.
 */
export async function tagBaked(
  result: BakeResult,
  context: RunContext,
  fingerprint: Fingerprint,
): Promise<{ bases: Bases; names: Record<string, string> }> {
  const provenance = provenanceTags(context);
  const described = valuesOrThrow(
    await mapConcurrent(Object.entries(result.amis), 8, async ([region, imageId]) => {
      return describeImageById(region, imageId);
    }),
  ).filter((image): image is ImageFacts => image !== undefined);
  const bases = basesOf(described, result, fingerprint.planned);
  const results = await mapConcurrent(described, 8, async (image) => {
    const base = bases[image.region];
    const fixed: Tags = {
      ...provenance,
      [TAG.inputsHash]: fingerprint.hash,
      ...(base ? { [TAG.baseAmi]: base.imageId, [TAG.baseRegion]: base.region } : {}),
    };
    const refusal = tagLimitRefusal(
      `AMI ${image.imageId} in ${image.region}`,
      image.tags,
      fixed,
      "Tag it with fewer tags in the builder's configuration (the template's tags, the distribution configuration).",
    );
    if (refusal) throw new Error(refusal);
    const used = new Set([
      ...Object.keys(image.tags).filter((k) => !k.startsWith('aws:')),
      ...Object.keys(fixed),
    ]);
    // Room for what test (its result) and publish (its marker on copies) add later: a tag it cannot
    // write then would leave a passed test unrecorded.
    const later = LATER_TAGS.filter((key) => !used.has(key));
    const free = LIMITS.tagsPerResource - used.size - later.length;
    const room = Math.max(0, Math.min(MAX_LISTING_TAGS, free));
    const listing = listingTags(fingerprint.entries, room);
    const ec2 = awsClient(EC2Client, image.region);
    await ec2.send(
      new CreateTagsCommand({ Resources: [image.imageId], Tags: toTagList({ ...fixed, ...listing }) }),
    );
    if (image.snapshotIds.length) {
      await ec2.send(new CreateTagsCommand({ Resources: image.snapshotIds, Tags: toTagList(provenance) }));
    }
    core.info(
      `Tagged ${image.imageId} in ${image.region} with its provenance and fingerprint (base ${base?.imageId ?? 'unknown'}), and ${image.snapshotIds.length} snapshot(s) with the provenance.`,
    );
    if (free < 0) {
      core.warning(
        `${image.imageId} in ${image.region} carries ${used.size} tags: ${-free} short of room for the ${later.length} that later modes add (${later.join(', ')}), and mode test refuses an AMI with no room for its result, publish a copy with no room for its marker. Tag it with fewer tags in the builder's configuration.`,
      );
    } else if (Object.keys(listing).length < Math.ceil(fingerprint.entries.length / 21)) {
      core.warning(
        `${image.imageId} has room for ${Object.keys(listing).length} of the tags listing its ${fingerprint.entries.length} inputs: a later bake can tell that they changed, but not always which.`,
      );
    }
  });
  valuesOrThrow(results);
  return { bases, names: Object.fromEntries(described.map((image) => [image.imageId, image.name])) };
}

/**
 * Each AMI's base: a copy the build made names its original's; otherwise the source the builder said
 * it started from, else the AMI's own record of its source (CreateImage's launch AMI), else the plan's.
 */
function basesOf(images: ImageFacts[], result: BakeResult, planned?: Base): Bases {
  const byId = new Map(images.map((image) => [image.imageId, image]));
  const baseOf = (image: ImageFacts, depth = 0): Base | undefined => {
    const original = image.sourceImageId ? byId.get(image.sourceImageId) : undefined;
    if (original && original !== image && depth < images.length) return baseOf(original, depth + 1);
    const said = result.sources?.[image.imageId];
    if (said) {
      const region = image.sourceImageId === said ? (image.sourceImageRegion ?? image.region) : image.region;
      return { imageId: said, region, how: 'as the build said' };
    }
    if (image.sourceImageId) {
      return {
        imageId: image.sourceImageId,
        region: image.sourceImageRegion ?? image.region,
        how: "the AMI's source",
      };
    }
    return planned;
  };
  return Object.fromEntries(images.map((image) => [image.region, baseOf(image)]));
}
