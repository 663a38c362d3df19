/**
 * The stage moves short of deletion. Deprecate: EnableImageDeprecation a minute ahead (EC2 takes no
 * past time and rounds to the minute; an AMI deprecated already keeps its time), a later deprecation
 * time it had recorded for restore, then the stage tags. Disable: who it is shared with recorded in
 * tags first (DisableImage takes the sharing away), then DisableImage.
 */
import * as core from '@actions/core';
import {
  CreateTagsCommand,
  DisableImageCommand,
  EC2Client,
  EnableImageDeprecationCommand,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { awsNow } from '../../aws/clock.js';
import { errorCode, explainError } from '../../aws/errors.js';
import { oneLine } from '../../report/foreign.js';
import { TAG, toTagList } from '../../tags.js';
import { eachStillUnused, type RegionOutcome } from './remove.js';
import { sharingTags, stageTags } from './stages.js';
import type { Move, OwnImage, RegionPlan } from './types.js';

const MINUTE_MS = 60_000;

export function movesTo(plan: RegionPlan, to: Move['to']): Move[] {
  return plan.moves.filter((m) => m.to === to);
}

export async function moveAll(plan: RegionPlan, to: Move['to'], outcome: RegionOutcome): Promise<void> {
  const ec2 = awsClient(EC2Client, plan.region);
  await eachStillUnused(movesTo(plan, to), outcome, async ({ image }) => {
    try {
      if (to === 'deprecate') await deprecate(ec2, image);
      else await disable(ec2, image, plan.shared.get(image.imageId) ?? []);
      outcome.moved.set(image.imageId, to);
      core.info(
        `${to === 'deprecate' ? 'Deprecated' : 'Disabled'} ${image.imageId} (${oneLine(image.name)}) in ${plan.region}`,
      );
    } catch (error) {
      outcome.failures.push(`${image.imageId}: ${to}: ${await explainError(error)}`);
    }
  });
}

async function deprecate(ec2: EC2Client, image: OwnImage): Promise<void> {
  const now = awsNow();
  const current = image.deprecationTime ? new Date(image.deprecationTime) : undefined;
  if (!current || current.getTime() > now.getTime()) {
    // The later deprecation it had is recorded before it is replaced: restore puts it back from
    // this tag, which must not be missing when the deprecation went through.
    if (current) {
      await ec2.send(
        new CreateTagsCommand({
          Resources: [image.imageId],
          Tags: toTagList({ [TAG.retireDeprecation]: current.toISOString() }),
        }),
      );
    }
    const deprecate = () =>
      ec2.send(new EnableImageDeprecationCommand({ ImageId: image.imageId, DeprecateAt: aMinuteAhead() }));
    // Refused as a past time (AWS's clock moved on since it was last read): once more, from the
    // time the refusal itself carried.
    await deprecate().catch((error) => {
      if (errorCode(error) !== 'InvalidParameterValue') throw error;
      return deprecate();
    });
  }
  // The stage counts from this run (the deprecation itself takes effect within the minute).
  await ec2.send(
    new CreateTagsCommand({ Resources: [image.imageId], Tags: toTagList(stageTags('deprecate', now)) }),
  );
}

/** The next whole minute at least a minute from now on AWS's clock (EC2 rounds to the minute). */
function aMinuteAhead(): Date {
  return new Date(Math.ceil((awsNow().getTime() + MINUTE_MS) / MINUTE_MS) * MINUTE_MS);
}

async function disable(ec2: EC2Client, image: OwnImage, sharing: string[]): Promise<void> {
  const tags = { ...sharingTags(sharing), ...stageTags('disable', awsNow()) };
  // Recorded before DisableImage takes the sharing away: restore shares it again from these.
  await ec2.send(new CreateTagsCommand({ Resources: [image.imageId], Tags: toTagList(tags) }));
  await ec2.send(new DisableImageCommand({ ImageId: image.imageId }));
}
