/**
 * mode: publish. Plan (reads only: the source, each region's copy, keys, permissions, parameter),
 * refuse what must not happen, then converge every region as a lane: copy where no copy exists, wait
 * for it, and add tags, sharing, grants, deprecation, protection and the SSM parameter where missing.
 * A re-run does only what is still missing.
 */
import * as core from '@actions/core';
import type { ImageFacts } from '../../aws/images.js';
import { LIMITS, tagLimitRefusal } from '../../aws/limits.js';
import type { PublishConfig } from '../../inputs.js';
import {
  change,
  type ModeModule,
  type Outcome,
  type Plan,
  type Scope,
  type Step,
  wait,
} from '../../kernel/plan.js';
import { setAmiOutputs } from '../../report/outputs.js';
import {
  type Change,
  changesFor,
  expectedCopy,
  type Observed,
  observe,
  type RegionContext,
} from './converge.js';
import { removeFailedCopy, startCopy, waitForImage } from './copy.js';
import { copyTags, type Desired, desiredFrom, versionLabel } from './desired.js';
import { keyPolicyStatements } from './keys.js';
import { makePlan, type Plan as PublishPlan, type RegionPlan } from './plan.js';
import { refusals } from './refusals.js';
import { newResult, type RegionResult, summarize } from './report.js';

export async function plan(config: PublishConfig, scope: Scope): Promise<Plan> {
  const desired = desiredFrom(config);
  const published = await makePlan(desired);
  desired.parameterLabel ??= versionLabel(published.source.tags.version);
  const results = published.regions.map((region) => newResult(region));
  const limits: string[] = [];
  const lanes = await Promise.all(
    published.regions.map(async (region, index) => ({
      name: region.region,
      steps: await regionSteps(desired, published, region, results[index], scope, limits),
      // The source region at once; the copies copy-concurrency at a time.
      pool: region.primary ? undefined : 'copies',
    })),
  );
  return {
    facts: [
      `Source ${published.source.imageId} in ${desired.sourceRegion} (${published.source.name}, ${published.source.state}).`,
    ],
    refusals: [...refusals(desired, published), ...limits],
    lanes,
    pools: { copies: desired.copyConcurrency },
    report: (outcome) => {
      if (outcome.dryRun) {
        for (const [index, lane] of lanes.entries()) {
          results[index].changes = lane.steps.flatMap((step) => (step.calls ?? []).map((call) => call.call));
          results[index].deprecation = published.deprecateAt;
        }
      }
      return report(desired, published, results, outcome);
    },
  };
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
async function regionSteps(
  desired: Desired,
  published: PublishPlan,
  region: RegionPlan,
  result: RegionResult,
  scope: Scope,
  limits: string[],
): Promise<Step[]> {
  const ctx = regionContext(published, region, scope, result);
  const { source } = published;
  const steps: Step[] = [];
  let image = region.image;
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
    steps.push(
      change(
        `copy ${source.imageId} to ${region.region}`,
        [
          {
            call: 'ec2:CopyImage',
            detail: `${source.imageId} from ${source.region}, CopyImageTags and tags ${Object.keys(expectedCopy(desired, ctx).image.tags).join(', ')}${region.copyKeyRef ? `, encrypted with ${region.copyKeyRef}` : ''}`,
          },
        ],
        async (step) => {
          const imageId = await startCopy(desired, source, region.region, step.context, {
            kmsKeyId: region.copyKeyRef,
            replacing: region.failedCopies.map((copy) => copy.imageId),
          });
          core.info(`${region.region}: copying ${source.imageId} as ${imageId}`);
          result.changes.push('ec2:CopyImage');
          result.imageId = imageId;
          result.state = 'pending';
          image = { ...expectedCopy(desired, ctx).image, imageId };
        },
      ),
    );
  }
  if (image?.state !== 'available') {
    steps.push(
      wait(
        `${region.primary ? 'the source AMI' : 'the copy'} to be available in ${region.region}`,
        async (step) => {
          if (!image) throw new Error(`No image in ${region.region}.`);
          image = await waitForImage(region.region, image.imageId, {
            deadline: step.deadline,
            pollIntervalSeconds: step.pollIntervalSeconds,
          });
          observed = undefined;
        },
      ),
    );
  }
  const current = image && !observed ? { ...expectedCopy(desired, ctx), image } : observed;
  limits.push(...limitRefusals(desired, region, current ?? copyOf(desired, ctx, source)));
  const planned = changesFor(desired, ctx, observed ?? expectedCopy(desired, ctx));
  steps.push(
    change(`tag, share, deprecate, protect and record the AMI in ${region.region}`, planned, async () => {
      if (!image) throw new Error(`No image in ${region.region}.`);
      result.imageId = image.imageId;
      result.state = image.state;
      const changes: Change[] = changesFor(desired, ctx, observed ?? (await observe(desired, ctx, image)));
      for (const next of changes) {
        core.info(`${region.region}: ${next.call} ${next.detail}`);
        await next.apply();
        result.changes.push(next.call);
      }
      result.shared = true;
      result.deprecation = published.deprecateAt;
    }),
  );
  return steps;
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

function report(desired: Desired, published: PublishPlan, results: RegionResult[], outcome: Outcome): void {
  if (outcome.refused) return;
  for (const [index, lane] of outcome.lanes.entries()) {
    if (!lane.error) continue;
    results[index].error = lane.error.message;
    core.error(`${lane.name}: ${lane.error.message}`);
  }
  printKeyPolicyAdvice(desired, published);
  summarize(desired, results, outcome.dryRun);
  if (outcome.dryRun) return;
  setOutputs(desired, results);
  const failed = results.filter((result) => result.error);
  if (failed.length) {
    throw new Error(
      `Publishing failed in ${failed.length} of ${results.length} regions (the others are done):\n${failed
        .map((result) => `- ${result.region}: ${result.error}`)
        .join('\n')}\nRe-run the step: it completes only what is missing.`,
    );
  }
}

/** Grants cannot name organizations or OUs, and kms-grants: false makes none: say what the key policies need. */
function printKeyPolicyAdvice(desired: Desired, published: PublishPlan): void {
  const keys = published.regions.flatMap((region) => (region.key?.customerManaged ? [region.key.arn] : []));
  const statements = keyPolicyStatements({
    accounts: desired.kmsGrants ? [] : desired.accounts,
    organizations: desired.organizations,
    ous: desired.ous,
  });
  if (!keys.length || !statements.length) return;
  core.notice(
    `The AMI is encrypted with customer managed keys (${keys.join(', ')}). For the ${desired.kmsGrants ? 'organizations and OUs' : 'accounts, organizations and OUs'} it is shared with to launch it, each key's policy needs:\n${JSON.stringify(statements, null, 2)}`,
  );
}

function setOutputs(desired: Desired, results: RegionResult[]): void {
  const primary = results.find((result) => result.region === desired.sourceRegion);
  // ami-id names the source region's AMI: without it, no output rather than another region's id.
  if (!primary || primary.error) return;
  const amis: Record<string, string> = {};
  for (const result of results) {
    if (result.imageId && !result.error) amis[result.region] = result.imageId;
  }
  setAmiOutputs(desired.sourceRegion, amis, desired.copyRegions);
  if (primary.parameterVersion !== undefined) {
    core.setOutput('ssm-parameter-version', String(primary.parameterVersion));
  }
}

export const compensations: ModeModule<PublishConfig>['compensations'] = {};
