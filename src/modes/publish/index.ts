/**
 * mode: publish. Plan (reads only: the source, each region's copy, keys, permissions, parameter),
 * refuse what must not happen, then converge every region as a lane: copy where no copy exists, wait
 * for it, and add tags, sharing, grants, deprecation, protection and the SSM parameter where missing.
 * A re-run does only what is still missing.
 */
import * as core from '@actions/core';
import type { PublishConfig } from '../../inputs.js';
import type { Lane, ModeModule, Outcome, Plan, Scope } from '../../kernel/plan.js';
import { oneLine } from '../../report/foreign.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { TAG } from '../../tags.js';
import { type Desired, desiredFrom, versionLabel } from './desired.js';
import { keyPolicyStatements } from './keys.js';
import { regionLane } from './lane.js';
import { makePlan, type Plan as PublishPlan, publicAmiFacts } from './plan.js';
import { refusals } from './refusals.js';
import { newResult, type RegionResult, summarize } from './report.js';
import { newTargetResult, type TargetResult, targetLane } from './target-lane.js';
import { planTargets, type TargetsPlan } from './targets.js';
import { accountsOutput, settleTargets, summarizeTargets } from './targets-report.js';
import { removeUntestedCopy, TestFailedError, TestGate } from './test-gate.js';

export async function plan(config: PublishConfig, scope: Scope): Promise<Plan> {
  const desired = desiredFrom(config);
  // Not a secret to AWS, but what lets this pipeline into the accounts: kept out of the log.
  if (desired.targets.role?.externalId) core.setSecret(desired.targets.role.externalId);
  const published = await makePlan(desired);
  desired.parameterLabel ??= versionLabel(published.source.tags.version);
  const results = published.regions.map((region) => newResult(region));
  // A test that already passed needs no waiting.
  if (desired.waitForTest && published.source.tags[TAG.test] === 'passed') desired.waitForTest = false;
  const gate = desired.waitForTest ? new TestGate(desired.sourceRegion, desired.sourceId) : undefined;
  // The target accounts are read while the regions are: neither changes anything.
  const [regionLanes, targets] = await Promise.all([
    Promise.all(
      published.regions.map((region, index) =>
        regionLane(desired, published, region, results[index], scope, gate),
      ),
    ),
    planTargets(desired, published, scope.context),
  ]);
  const lanes: Lane[] = published.regions.map((region, index) => ({
    name: region.region,
    steps: regionLanes[index].steps,
    // The source region at once; the copies copy-concurrency at a time.
    pool: region.primary ? undefined : 'copies',
  }));
  const targetResults = targets?.targets.map((target) => newTargetResult(desired, target));
  for (const [index, target] of (targets?.targets ?? []).entries()) {
    const regionResult = results[published.regions.findIndex((region) => region.region === target.region)];
    // Each account's lane starts once its region's lane has shared the AMI.
    lanes.push(targetLane(desired, published, target, regionResult, targetResults![index], scope));
  }
  return {
    facts: [
      `Source ${published.source.imageId} in ${desired.sourceRegion} (${published.source.name}, ${published.source.state}).`,
      ...(targets
        ? [
            `Target accounts: ${desired.targets.accounts.length}, through ${desired.targets.role!.arn} (assumed in ${targets.roles.assumed.size}).`,
          ]
        : []),
      ...publicAmiFacts(published),
    ],
    refusals: [
      ...refusals(desired, published),
      ...regionLanes.flatMap((lane) => lane.refusals),
      ...(targets?.refusals ?? []),
    ],
    lanes,
    pools: { copies: desired.copyConcurrency },
    report: (outcome) => {
      if (outcome.dryRun) {
        for (const index of published.regions.keys()) {
          results[index].changes = lanes[index].steps.flatMap((step) =>
            (step.calls ?? []).map((call) => call.call),
          );
          results[index].deprecation = published.deprecateAt;
        }
      }
      if (targetResults) settleTargets(targetResults, outcome.lanes);
      return report(desired, published, results, outcome, targets, targetResults);
    },
  };
}

function report(
  desired: Desired,
  published: PublishPlan,
  results: RegionResult[],
  outcome: Outcome,
  targets: TargetsPlan | undefined,
  targetResults: TargetResult[] | undefined,
): void {
  if (outcome.refused) return;
  const testFailed = outcome.lanes
    .flatMap((lane) => lane.steps.map((step) => step.error))
    .find((error) => error instanceof TestFailedError);
  if (testFailed) {
    summarize(desired, results, false);
    const removed = outcome.lanes.flatMap((lane) => lane.undone.map((u) => u.message));
    throw new Error(`${testFailed.message}${removed.length ? ` Undone: ${removed.join('; ')}.` : ''}`);
  }
  for (const [index, result] of results.entries()) {
    const lane = outcome.lanes[index];
    if (!lane?.error) continue;
    result.error = lane.error.message;
    core.error(`${lane.name}: ${oneLine(lane.error.message)}`);
  }
  printKeyPolicyAdvice(desired, published);
  summarize(desired, results, outcome.dryRun);
  if (targets && targetResults) summarizeTargets(desired, targets, targetResults, outcome.dryRun);
  if (outcome.dryRun) return;
  setOutputs(desired, results, targetResults);
  const failed = [
    ...results.filter((result) => result.error).map((result) => `- ${result.region}: ${result.error}`),
    ...targetFailures(targetResults ?? []),
  ];
  if (failed.length) {
    const total = results.length + (targetResults?.length ?? 0);
    // Target lines group the accounts that failed alike: count the regions and account regions.
    const failures =
      results.filter((result) => result.error).length +
      (targetResults ?? []).filter((result) => result.error).length;
    throw new Error(
      `Publishing failed in ${failures} of ${total} ${targetResults ? 'regions and target account regions' : 'regions'} (the others are done):\n${failed.join('\n')}\nRe-run the step: it completes only what is missing.`,
    );
  }
}

/**
 * One line per region and reason, naming the accounts: a region that failed leaves every account's
 * lane there unstarted, and 50 lines saying so would bury the one that matters.
 */
function targetFailures(targets: TargetResult[]): string[] {
  const groups = new Map<string, string[]>();
  for (const target of targets) {
    if (!target.error) continue;
    const key = `${target.region}: ${target.error}`;
    groups.set(key, [...(groups.get(key) ?? []), target.account]);
  }
  return [...groups].map(
    ([where, accounts]) =>
      `- ${accounts.length === 1 ? 'account' : `${accounts.length} accounts`} ${accounts.join(', ')}, ${where}`,
  );
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

function setOutputs(desired: Desired, results: RegionResult[], targets: TargetResult[] | undefined): void {
  if (desired.targets.accounts.length) {
    core.setOutput('accounts', JSON.stringify(accountsOutput(desired, results, targets)));
  }
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

export const compensations: ModeModule<PublishConfig>['compensations'] = {
  'remove-untested-copy': removeUntestedCopy,
};
