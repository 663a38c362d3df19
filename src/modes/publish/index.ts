/**
 * mode: publish. Plan (reads only), refuse what must not happen, then converge every region: copy
 * where no copy exists, and add tags, sharing, grants, deprecation, protection and the SSM parameter
 * where missing. A re-run does only what is still missing.
 */
import * as core from '@actions/core';
import { explainError } from '../../aws/errors.js';
import { mapConcurrent } from '../../aws/fanout.js';
import type { RunContext } from '../../context.js';
import type { ConfigByMode } from '../../inputs.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { phase } from '../../report/timeline.js';
import { type Change, changesFor, expectedCopy, observe, type RegionContext } from './converge.js';
import { removeFailedCopy, startCopy, waitForImage } from './copy.js';
import { type Desired, desiredFrom, versionLabel } from './desired.js';
import { keyPolicyStatements } from './keys.js';
import { makePlan, type Plan, type RegionPlan } from './plan.js';
import { PublishRefusedError, refusals } from './refusals.js';
import { newResult, type RegionResult, summarize } from './report.js';

type Config = ConfigByMode['publish'];

export async function run(config: Config, context: RunContext): Promise<void> {
  startedAt = Date.now();
  const desired = desiredFrom(config);
  const plan = await phase('Plan', () => makePlan(desired));
  desired.parameterLabel ??= versionLabel(plan.source.tags.version);
  const reasons = refusals(desired, plan);
  if (reasons.length) throw new PublishRefusedError(reasons);

  const results = plan.regions.map((region) => newResult(region));
  if (config.dryRun) {
    await phase('Dry run: the calls publishing would make', () => printPlan(desired, plan, config, results));
    printKeyPolicyAdvice(desired, plan);
    summarize(desired, results, true);
    return;
  }

  if (plan.source.state === 'pending') {
    await phase('Wait for the source AMI', async () => {
      plan.source = await waitForImage(desired.sourceRegion, desired.sourceId, waitOptions(config));
      plan.regions[0].image = plan.source;
    });
  }
  await phase('Publish', () => publishAll(desired, plan, config, context, results));
  printKeyPolicyAdvice(desired, plan);
  summarize(desired, results, false);
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

/** `timeout` bounds the whole step: every wait gets what is left of it. */
let startedAt = Date.now();
const waitOptions = (config: Config) => ({
  timeoutSeconds: Math.max(1, config.timeout - (Date.now() - startedAt) / 1000),
  pollIntervalSeconds: config.pollInterval,
});

function regionContext(plan: Plan, region: RegionPlan, config: Config, result: RegionResult): RegionContext {
  return {
    region: region.region,
    primary: region.primary,
    key: region.key,
    deprecateAt: plan.deprecateAt,
    pollIntervalSeconds: config.pollInterval,
    onParameterVersion: (version) => {
      result.parameterVersion = version;
    },
  };
}

async function publishAll(
  desired: Desired,
  plan: Plan,
  config: Config,
  context: RunContext,
  results: RegionResult[],
): Promise<void> {
  const work = async (index: number) => {
    const region = plan.regions[index];
    const result = results[index];
    try {
      await publishRegion(desired, plan, region, config, context, result);
    } catch (error) {
      result.error = await explainError(error);
      core.error(`${region.region}: ${result.error}`);
    }
  };
  const copyIndexes = plan.regions.map((_, index) => index).filter((index) => !plan.regions[index].primary);
  await Promise.all([work(0), mapConcurrent(copyIndexes, desired.copyConcurrency, (index) => work(index))]);
}

async function publishRegion(
  desired: Desired,
  plan: Plan,
  region: RegionPlan,
  config: Config,
  context: RunContext,
  result: RegionResult,
): Promise<void> {
  let image = region.image;
  if (!region.primary) {
    for (const failed of region.failedCopies) {
      core.info(`${region.region}: deregistering the failed copy ${failed.imageId} to copy again`);
      await removeFailedCopy(failed);
      result.changes.push('ec2:DeregisterImage');
    }
    if (!image) {
      const imageId = await startCopy(desired, plan.source, region.region, context, {
        kmsKeyId: region.copyKeyRef,
        replacing: region.failedCopies.map((copy) => copy.imageId),
      });
      core.info(`${region.region}: copying ${plan.source.imageId} as ${imageId}`);
      result.changes.push('ec2:CopyImage');
      result.imageId = imageId;
      result.state = 'pending';
      image = await waitForImage(region.region, imageId, waitOptions(config));
    } else if (image.state !== 'available') {
      result.imageId = image.imageId;
      image = await waitForImage(region.region, image.imageId, waitOptions(config));
    }
  }
  if (!image) throw new Error(`No image in ${region.region}.`);
  result.imageId = image.imageId;
  result.state = image.state;
  const ctx = regionContext(plan, region, config, result);
  const changes = changesFor(desired, ctx, await observe(desired, ctx, image));
  for (const change of changes) {
    core.info(`${region.region}: ${change.call} ${change.detail}`);
    await change.apply();
    result.changes.push(change.call);
  }
  result.shared = true;
  result.deprecation = plan.deprecateAt;
}

/** Grants cannot name organizations or OUs, and kms-grants: false makes none: say what the key policies need. */
function printKeyPolicyAdvice(desired: Desired, plan: Plan): void {
  const keys = plan.regions.flatMap((region) => (region.key?.customerManaged ? [region.key.arn] : []));
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

async function printPlan(desired: Desired, plan: Plan, config: Config, results: RegionResult[]) {
  let count = 0;
  for (const [index, region] of plan.regions.entries()) {
    const result = results[index];
    const calls: { call: string; detail: string }[] = [];
    for (const failed of region.failedCopies) {
      calls.push({
        call: 'ec2:DeregisterImage',
        detail: `${failed.imageId} (failed copy, with its snapshots)`,
      });
    }
    const ctx = regionContext(plan, region, config, result);
    let changes: Change[];
    if (region.image) {
      changes = changesFor(desired, ctx, await observe(desired, ctx, region.image));
    } else {
      calls.push({
        call: 'ec2:CopyImage',
        detail: `${plan.source.imageId} from ${plan.source.region}, CopyImageTags and tags ${Object.keys(
          expectedCopy(desired, ctx).image.tags,
        ).join(', ')}${region.copyKeyRef ? `, encrypted with ${region.copyKeyRef}` : ''}`,
      });
      changes = changesFor(desired, ctx, expectedCopy(desired, ctx));
    }
    calls.push(...changes);
    result.changes = calls.map((call) => call.call);
    result.deprecation = plan.deprecateAt;
    count += calls.length;
    core.info(`${region.region} (${region.image ? region.image.imageId : 'no copy yet'}):`);
    for (const call of calls) core.info(`  would call ${call.call} ${call.detail}`);
    if (!calls.length) core.info('  nothing to change');
  }
  core.info(`Dry run: ${count} change(s) planned, none made.`);
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
