/**
 * `restore: ami-…` puts back an AMI the retirement took out of use: restored from the Recycle Bin
 * when it was deregistered (and a rule kept it), enabled when disabled, shared again with whoever the
 * tags recorded before DisableImage, its deprecation put back as it was before the retirement, and
 * tagged `ami-action:retire-stage=restored` (cleanup then leaves it alone for a while).
 */
import * as core from '@actions/core';
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DisableImageDeprecationCommand,
  EC2Client,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  ListImagesInRecycleBinCommand,
  ModifyImageAttributeCommand,
  RestoreImageFromRecycleBinCommand,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { awsNow } from '../../aws/clock.js';
import { type ImageFacts, ownImages } from '../../aws/images.js';
import { waitUntil } from '../../aws/wait.js';
import type { CleanupConfig } from '../../inputs.js';
import { change, type Outcome, type Plan, type PlannedCall, type Step } from '../../kernel/plan.js';
import { oneLine } from '../../report/foreign.js';
import { summaryTable } from '../../report/summary.js';
import { TAG, toTagList } from '../../tags.js';
import { permissionOf, recordedSharing, stamp } from './stages.js';

/** ModifyImageAttribute: launch permission changes per call (as for snapshots, 500 at most). */
const PERMISSIONS_PER_CALL = 500;

/** After a restore from the Recycle Bin, what its tags say decides; the plan lists what they may ask. */
const FROM_THE_BIN: PlannedCall[] = [
  { call: 'ec2:EnableImage', detail: 'if it comes back disabled' },
  {
    call: 'ec2:ModifyImageAttribute',
    detail: 'launchPermission add: whoever its tags recorded before DisableImage',
  },
  { call: 'ec2:DisableImageDeprecation', detail: 'or EnableImageDeprecation back to the time it had before' },
  { call: 'ec2:DeleteTags', detail: `${TAG.retireShared}*, ${TAG.retireDeprecation}` },
  { call: 'ec2:CreateTags', detail: `${TAG.retireStage}=restored, ${TAG.retireStageSince}` },
];

interface Done {
  actions: string[];
}

export async function planRestore(config: CleanupConfig): Promise<Plan> {
  const region = config.region;
  const imageId = config.restore ?? '';
  const ec2 = awsClient(EC2Client, region);
  const [image] = await ownImages(region, [{ Name: 'image-id', Values: [imageId] }]);
  const inBin = image
    ? undefined
    : (await ec2.send(new ListImagesInRecycleBinCommand({ ImageIds: [imageId] }))).Images?.[0];
  const done: Done = { actions: [] };
  const base = { facts: [] as string[], refusals: [] as string[], pools: {} };
  if (!image && !inBin) {
    return {
      ...base,
      refusals: [
        `restore: ${imageId} is neither an AMI of this account in ${region} nor in its Recycle Bin (a rule's retention may have passed). Check the id and the region input.`,
      ],
      lanes: [],
      report: () => undefined,
    };
  }
  const steps: Step[] = [];
  if (inBin) {
    const until = inBin.RecycleBinExitTime ? `, recoverable until ${stamp(inBin.RecycleBinExitTime)}` : '';
    base.facts.push(`${imageId} (${oneLine(inBin.Name ?? '')}) is in the Recycle Bin of ${region}${until}.`);
    steps.push(
      change(
        `restore ${imageId} from the Recycle Bin`,
        [{ call: 'ec2:RestoreImageFromRecycleBin', detail: imageId }],
        async () => {
          await ec2.send(new RestoreImageFromRecycleBinCommand({ ImageId: imageId }));
          done.actions.push('restored from the Recycle Bin');
        },
      ),
    );
  }
  const calls = image ? putBackCalls(image) : FROM_THE_BIN;
  if (image && !calls.length) {
    base.facts.push(
      `${imageId} in ${region} is not retired (not disabled, no retirement tags): nothing to restore.`,
    );
  } else {
    steps.push(
      change(`put ${imageId} back into use`, calls, async (step) => {
        // Restored from the bin, EC2's describes may miss it for a while (eventual consistency).
        const now = await waitUntil({
          what: `${imageId} to show in ${region} after its restore`,
          deadline: step.deadline,
          pollIntervalSeconds: step.pollIntervalSeconds,
          check: async () => {
            const [seen] = await ownImages(region, [{ Name: 'image-id', Values: [imageId] }]);
            return seen ? { done: true, value: seen } : { done: false, status: 'not visible yet' };
          },
        });
        await putBack(ec2, now, done);
      }),
    );
  }
  return {
    ...base,
    lanes: [{ name: region, steps }],
    report: (outcome) => reportRestore(region, imageId, done, outcome),
  };
}

/** What putting it back calls, as the plan lists it. */
function putBackCalls(image: ImageFacts): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const { words, keys } = recordedSharing(image.tags);
  const retired = image.tags[TAG.retireStage] !== undefined && image.tags[TAG.retireStage] !== 'restored';
  if (image.state === 'disabled') calls.push({ call: 'ec2:EnableImage', detail: image.imageId });
  if (words.length) {
    calls.push({ call: 'ec2:ModifyImageAttribute', detail: `launchPermission add ${words.join(', ')}` });
  }
  const deprecation = deprecationBack(image);
  if (deprecation === 'cancel') calls.push({ call: 'ec2:DisableImageDeprecation', detail: image.imageId });
  else if (deprecation)
    calls.push({ call: 'ec2:EnableImageDeprecation', detail: `back to ${deprecation.toISOString()}` });
  if (!calls.length && !retired) return [];
  const drop = [...keys, ...(image.tags[TAG.retireDeprecation] ? [TAG.retireDeprecation] : [])];
  if (drop.length) calls.push({ call: 'ec2:DeleteTags', detail: drop.join(', ') });
  calls.push({ call: 'ec2:CreateTags', detail: `${TAG.retireStage}=restored, ${TAG.retireStageSince}` });
  return calls;
}

/** The deprecation it had before the retirement: a later time to set back, or none (cancel). */
function deprecationBack(image: ImageFacts): Date | 'cancel' | undefined {
  const retired = image.tags[TAG.retireStage];
  if (!retired || retired === 'restored') return undefined;
  const before = image.tags[TAG.retireDeprecation];
  if (before && Date.parse(before) > awsNow().getTime() + 60_000) return new Date(before);
  return image.deprecationTime ? 'cancel' : undefined;
}

async function putBack(ec2: EC2Client, image: ImageFacts, done: Done): Promise<void> {
  const id = image.imageId;
  if (image.state === 'disabled') {
    await ec2.send(new EnableImageCommand({ ImageId: id }));
    done.actions.push('enabled');
  }
  const { words, keys } = recordedSharing(image.tags);
  const permissions = words.map(permissionOf);
  for (let at = 0; at < permissions.length; at += PERMISSIONS_PER_CALL) {
    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: id,
        LaunchPermission: { Add: permissions.slice(at, at + PERMISSIONS_PER_CALL) },
      }),
    );
  }
  if (words.length) done.actions.push(`shared again with ${words.join(', ')}`);
  const deprecation = deprecationBack(image);
  if (deprecation === 'cancel') {
    await ec2.send(new DisableImageDeprecationCommand({ ImageId: id }));
    done.actions.push('deprecation cancelled');
  } else if (deprecation) {
    await ec2.send(new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: deprecation }));
    done.actions.push(`deprecation set back to ${deprecation.toISOString()}`);
  }
  const drop = [...keys, ...(image.tags[TAG.retireDeprecation] ? [TAG.retireDeprecation] : [])];
  if (drop.length)
    await ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: drop.map((Key) => ({ Key })) }));
  await ec2.send(
    new CreateTagsCommand({
      Resources: [id],
      Tags: toTagList({ [TAG.retireStage]: 'restored', [TAG.retireStageSince]: awsNow().toISOString() }),
    }),
  );
  core.info(
    `Restored ${id} (${oneLine(image.name)}): ${oneLine(done.actions.join(', ') || 'marked restored')}`,
  );
}

function reportRestore(region: string, imageId: string, done: Done, outcome: Outcome): void {
  core.setOutput('ami-id', imageId);
  if (outcome.refused) return;
  const failed = outcome.lanes.some((lane) => lane.error);
  summaryTable(
    `Restore of ${imageId} in ${region}${outcome.dryRun ? ' (dry-run: nothing changed)' : ''}`,
    ['AMI', 'done'],
    [
      [
        imageId,
        outcome.dryRun
          ? 'would put it back (see the plan)'
          : [...done.actions, ...(failed ? ['FAILED (see the log)'] : [])].join('; ') || 'nothing to do',
      ],
    ],
  );
}
