/**
 * One region's lane of a publish: deregister failed copies, copy where no copy exists (untested until
 * the test passes, with wait-for-test), wait for the image (and the test), then tag, share, grant,
 * deprecate, protect and record what is missing. Also what the region's changes would pass of AWS's
 * limits (tags per resource, share targets per AMI), for the plan's refusals.
 */
import * as core from '@actions/core';
import { mapConcurrent, valuesOrThrow } from '../../aws/fanout.js';
import type { ImageFacts } from '../../aws/images.js';
import { LIMITS, tagLimitRefusal } from '../../aws/limits.js';
import { change, type Scope, type Step, wait } from '../../kernel/plan.js';
import {
  type Change,
  changesFor,
  expectedCopy,
  type Observed,
  observe,
  type RegionContext,
} from './converge.js';
import { removeFailedCopy, startCopy, waitForImage } from './copy.js';
import { copyTags, type Desired } from './desired.js';
import type { Plan as PublishPlan, RegionPlan } from './plan.js';
import type { RegionResult } from './report.js';
import type { TestGate } from './test-gate.js';

export interface RegionLane {
  steps: Step[];
  /** What the region's changes would pass of AWS's limits. */
  refusals: string[];
}

function regionContext(
  published: PublishPlan,
  region: RegionPlan,
  scope: Scope,
  result: RegionResult,
): RegionContext {
  return {
    region: region.region,
    primary: region.primary,
    key: region.key,
    deprecateAt: published.deprecateAt,
    pollIntervalSeconds: scope.pollIntervalSeconds,
    deadline: scope.deadline,
    onParameterVersion: (version) => {
      result.parameterVersion = version;
    },
    onNote: (note) => result.notes.push(note),
  };
}

/** One region's steps: the copy (and its wait) where there is none yet, then what is missing. */
export async function regionLane(
  desired: Desired,
  published: PublishPlan,
  region: RegionPlan,
  result: RegionResult,
  scope: Scope,
  gate: TestGate | undefined,
): Promise<RegionLane> {
  const ctx = regionContext(published, region, scope, result);
  const { source } = published;
  const steps: Step[] = [];
  let image = region.image;
  let untested: { settle(): void } | undefined;
  for (const failed of region.failedCopies) {
    steps.push(
      change(
        `deregister the failed copy ${failed.imageId}`,
        [{ call: 'ec2:DeregisterImage', detail: `${failed.imageId} (failed copy, with its snapshots)` }],
        async () => {
          await removeFailedCopy(failed);
          result.changes.push('ec2:DeregisterImage');
        },
      ),
    );
  }
  // What exists now is read once, in the plan; a copy made by this step is read once it is available.
  let observed: Observed | undefined =
    image?.state === 'available' ? await observe(desired, ctx, image) : undefined;
  if (!region.primary && !image) {
    const tags = Object.keys(copyTags(desired)).join(', ');
    steps.push(
      change(
        `copy ${source.imageId} to ${region.region}${gate ? ' (untested until the test passes)' : ''}`,
        [
          {
            call: 'ec2:CopyImage',
            detail: `${source.imageId} from ${source.region}, CopyImageTags and tags ${tags}${region.copyKeyRef ? `, encrypted with ${region.copyKeyRef}` : ''}`,
          },
        ],
        async (step) => {
          const undo = gate
            ? step.record({
                kind: 'remove-untested-copy',
                region: region.region,
                sourceImageId: source.imageId,
              })
            : undefined;
          untested = undo;
          const imageId = await startCopy(desired, source, region.region, step.context, {
            kmsKeyId: region.copyKeyRef,
            replacing: region.failedCopies.map((copy) => copy.imageId),
          });
          undo?.update({ imageId });
          core.info(`${region.region}: copying ${source.imageId} as ${imageId}`);
          result.changes.push('ec2:CopyImage');
          result.imageId = imageId;
          result.state = 'pending';
          image = { ...expectedCopy(desired, ctx).image, imageId };
        },
      ),
    );
  }
  const waitsForImage = image?.state !== 'available';
  if (waitsForImage || gate) {
    const what = region.primary ? 'the source AMI' : 'the copy';
    const title = [
      waitsForImage ? `${what} to be available in ${region.region}` : '',
      gate ? `the test of ${source.imageId} to pass` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    steps.push(
      wait(title, async (step) => {
        const stop = new AbortController();
        const testPassed = gate?.passed(step.deadline, step.pollIntervalSeconds);
        // A failed test ends the wait at once: the copy still in progress is then removed.
        testPassed?.catch((error) => stop.abort(error));
        const available = waitsForImage
          ? (async () => {
              if (!image) throw new Error(`No image in ${region.region}.`);
              image = await waitForImage(region.region, image.imageId, {
                deadline: step.deadline,
                pollIntervalSeconds: step.pollIntervalSeconds,
                signal: stop.signal,
              });
              observed = undefined;
            })()
          : undefined;
        await Promise.all([available, testPassed]);
        // Tested and available: the copy is a copy like any other now.
        untested?.settle();
      }),
    );
  }
  const current = image && !observed ? { ...expectedCopy(desired, ctx), image } : observed;
  const refusals = limitRefusals(desired, region, current ?? copyOf(desired, ctx, source));
  const planned = changesFor(desired, ctx, observed ?? expectedCopy(desired, ctx));
  steps.push(
    change(`tag, share, deprecate, protect and record the AMI in ${region.region}`, planned, async () => {
      if (!image) throw new Error(`No image in ${region.region}.`);
      result.imageId = image.imageId;
      result.state = image.state;
      const changes: Change[] = changesFor(desired, ctx, observed ?? (await observe(desired, ctx, image)));
      const apply = async (next: Change) => {
        core.info(`${region.region}: ${next.call} ${next.detail}`);
        await next.apply();
        result.changes.push(next.call);
      };
      // The others (tags, permissions, grants, deprecation, protection) do not depend on each other:
      // all at once. The parameter goes last, in order (unlabel the oldest, write, label): groups that
      // launch `resolve:ssm:` it get the AMI only once it is shared and tagged, and a step that failed
      // before has not named it there.
      const parameter = changes.filter((c) => c.call.startsWith('ssm:'));
      const others = changes.filter((c) => !c.call.startsWith('ssm:'));
      valuesOrThrow(await mapConcurrent(others, 8, apply));
      for (const next of parameter) await apply(next);
      result.shared = true;
      result.deprecation = published.deprecateAt;
    }),
  );
  return { steps, refusals };
}

/** What a copy made now will carry: the source's tags (CopyImageTags) and the copy's own. */
function copyOf(desired: Desired, ctx: RegionContext, source: ImageFacts): Observed {
  const expected = expectedCopy(desired, ctx);
  const tags = { ...source.tags, ...expected.image.tags };
  return {
    ...expected,
    image: { ...expected.image, tags },
    snapshots: expected.snapshots.map((snapshot) => ({ ...snapshot, tags: { ...snapshot.tags } })),
  };
}

/** AWS limits the region's changes would pass: tags per resource, share targets per AMI. */
function limitRefusals(desired: Desired, region: RegionPlan, observed: Observed): string[] {
  const wanted = region.primary ? desired.tags : copyTags(desired);
  const fix = "Remove tags from the tags input, or ones the AMI's owners no longer need.";
  const where = region.primary
    ? `AMI ${observed.image.imageId} in ${region.region}`
    : region.image
      ? `the copy ${observed.image.imageId} in ${region.region}`
      : `the copy to ${region.region}`;
  const refusals = [
    tagLimitRefusal(where, observed.image.tags, wanted, `Input 'tags': ${fix}`),
    ...observed.snapshots.map((snapshot) =>
      tagLimitRefusal(
        `snapshot ${snapshot.snapshotId} of ${where}`,
        snapshot.tags,
        wanted,
        `Input 'tags': ${fix}`,
      ),
    ),
  ];
  const existing = observed.launchPermissions.filter((p) => p.Group !== 'all');
  const targets = new Set([
    ...existing.map((p) => p.UserId ?? p.OrganizationArn ?? p.OrganizationalUnitArn),
    ...desired.accounts,
    ...desired.organizations,
    ...desired.ous,
  ]);
  if (targets.size > LIMITS.shareTargetsPerImage) {
    refusals.push(
      `Input 'share-with-accounts': ${where} would be shared with ${targets.size} accounts, organizations and OUs (${existing.length} already), past the ${LIMITS.shareTargetsPerImage} AWS allows per AMI. Share with an organization or OUs instead (each counts as one).`,
    );
  }
  return refusals.filter((refusal): refusal is string => !!refusal);
}
