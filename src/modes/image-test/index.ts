/**
 * mode: test — launches the AMI on throwaway instances (one, or one per type of `instance-types`,
 * concurrently), runs the smoke tests and compliance profiles over SSM (no SSH, no inbound ports),
 * and gates the release: Amazon Inspector's findings against `vulnerability-gate` (with an SBOM kept
 * in S3), the boot time against `boot-time-gate`. It reports each check, tags the AMI with the result,
 * its boot time and its findings per severity, and always terminates every instance (the undo journal
 * has each terminated when its lane fails, and by the post step when the main step could not).
 *
 * Plan: the image (available, architecture, platform), the instance types, the checks, Inspector's
 * EC2 scanning status (a gate without it is refused before any launch), the boot-time baseline, and
 * with max-base-age the base's age (a stale base fails the test with no instance launched).
 * Lanes, one per instance type (lane.ts): launch, running, SSM Online, each check, Inspector's scan
 * and findings, the SBOM (first lane), terminate. Report: the JUnit file, the outputs, the summary,
 * an annotation per failed check, the gates' verdicts, and the AMI's tags.
 */
import { join } from 'node:path';
import * as core from '@actions/core';
import { DOCUMENT } from '../../aws/documents.js';
import type { ImageFacts } from '../../aws/images.js';
import { describeImageById, readLaunchableImage } from '../../aws/images.js';
import { terminateInstances } from '../../aws/instances.js';
import { LIMITS, tagLimitRefusal } from '../../aws/limits.js';
import { amisOf } from '../../inputs/common.js';
import type { VulnerabilityGate } from '../../inputs/test.js';
import type { TestConfig } from '../../inputs.js';
import {
  describeFailure,
  type LaneOutcome,
  type ModeModule,
  type Outcome,
  type Plan,
  type Scope,
} from '../../kernel/plan.js';
import { oneLine } from '../../report/foreign.js';
import { formatSeconds } from '../../report/format.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { TAG, type Tags } from '../../tags.js';
import { checkBaseAge } from './base-age.js';
import { type BaselineLookup, bootBaseline, judgeBoot } from './boot.js';
import { defaultInstanceType, imageChecks, unsupportedArchitecture } from './image.js';
import { type LaneRun, laneBoot, laneSteps, newLaneRun } from './lane.js';
import { planChecks } from './plan.js';
import {
  countsLine,
  reportResults,
  summarizeByType,
  summarizeFindings,
  summarizeResults,
  type TypeColumn,
} from './report.js';
import { type CheckResult, isFailure } from './results.js';
import { tagResult } from './tag.js';
import { countsTag, findingLabel, gateResults } from './vulnerabilities.js';

interface Gates {
  /** Inspector scans the instances: findings are read. */
  inspect: boolean;
  sbom?: { bucket: string; prefix: string; kmsKeyArn: string };
  baseline?: BaselineLookup;
}

/** Inspector's status and the boot baseline (reads only); refusals and facts as it goes. */
async function planGates(
  config: TestConfig,
  image: ImageFacts,
  refusals: string[],
  facts: string[],
): Promise<Gates> {
  const region = config.region;
  const gates: Gates = { inspect: false };
  if (config.vulnerabilityGate || config.sbomBucket) {
    const { ec2Scanning } = await import('./inspector.js');
    const scanning = await ec2Scanning(region);
    const how = `turn it on (aws inspector2 enable --resource-types EC2 --region ${region}, or in the Amazon Inspector console)`;
    if (scanning.enabled) {
      gates.inspect = true;
      facts.push(
        `Amazon Inspector scans EC2 instances in ${region}: each test instance's findings will be read.`,
      );
    } else if (config.vulnerabilityGate) {
      refusals.push(
        `vulnerability-gate: Amazon Inspector's EC2 scanning is ${scanning.status} in this account in ${region}, so no test instance would ever be scanned. Fix: ${how}, or remove vulnerability-gate.`,
      );
    } else {
      core.notice(
        `sbom-bucket: Amazon Inspector's EC2 scanning is ${scanning.status} in this account in ${region}: no SBOM will be exported. To have one, ${how}.`,
      );
      facts.push(`No SBOM: Amazon Inspector's EC2 scanning is ${scanning.status} in ${region}.`);
    }
    if (gates.inspect && config.sbomBucket && config.sbomKmsKey) {
      const prefix = config.sbomPrefix ? config.sbomPrefix.replace(/^\/+/, '').replace(/\/*$/, '/') : '';
      gates.sbom = { bucket: config.sbomBucket, prefix, kmsKeyArn: config.sbomKmsKey };
    }
  }
  if (config.bootTimeGate) {
    gates.baseline = await bootBaseline(region, image, config.ssmParameter);
    facts.push(
      'missing' in gates.baseline
        ? `boot-time-gate ${config.bootTimeGate.text}: no baseline to compare with (${gates.baseline.missing}); the boot time is recorded for the next test.`
        : `boot-time-gate ${config.bootTimeGate.text}: compared with ${gates.baseline.amiId} (${gates.baseline.name}), ${gates.baseline.seconds}s to SSM Online, found by ${gates.baseline.source}.`,
    );
  }
  return gates;
}

/**
 * An AMI of this account with no room for the result tags (AWS's 50 per resource) is refused: the
 * tags are written when the test ends, and a passed test left unrecorded is one that publish's
 * require-test and wait-for-test never see. (Another account's AMI is not tagged by its owner's count.)
 */
async function resultTagsRefusal(
  image: ImageFacts,
  adds: { boots: boolean; inspect: boolean },
): Promise<string | undefined> {
  const result: Tags = { [TAG.test]: 'passed', [TAG.testedAt]: '' };
  if (adds.boots) result[TAG.bootSeconds] = '';
  if (adds.inspect) result[TAG.vulnerabilities] = '';
  const own = Object.keys(image.tags).filter((key) => !key.startsWith('aws:'));
  const over = new Set([...own, ...Object.keys(result)]).size - LIMITS.tagsPerResource;
  if (over <= 0) return undefined;
  if (!(await describeImageById(image.region, image.imageId))) return undefined;
  // The bake's listing tags are the cheapest to lose: a later bake still knows its inputs changed.
  const listing = own
    .filter((key) => key.startsWith(TAG.inputsFiles))
    .sort()
    .reverse();
  const others = own.filter((key) => !key.startsWith('ami-action:'));
  const remove = [...listing, ...others].slice(0, over);
  const suggestion =
    remove.length === over
      ? ` (for instance: aws ec2 delete-tags --region ${image.region} --resources ${image.imageId} --tags ${remove.map((key) => `Key=${oneLine(JSON.stringify(key))}`).join(' ')})`
      : '';
  return `Input 'ami-id': ${tagLimitRefusal(
    `AMI ${image.imageId} in ${image.region}`,
    image.tags,
    result,
    `Mode test records its result on the AMI (${Object.keys(result).join(', ')}); publish's require-test and wait-for-test read it. Remove ${over} of the AMI's tags${suggestion}${listing.length ? `; ${TAG.inputsFiles}* only tell a later bake which inputs changed` : ''}.`,
  )}`;
}

export async function plan(config: TestConfig, scope: Scope): Promise<Plan> {
  const region = config.region;
  const { amiId, amis } = amisOf(config);
  setAmiOutputs(region, amis, Object.keys(config.amis ?? {}));
  const image = await readLaunchableImage(region, amiId);
  const refusals = [unsupportedArchitecture(image)].filter((reason): reason is string => !!reason);
  const several = config.instanceTypes !== undefined;
  const instanceTypes = config.instanceTypes ?? [config.instanceType ?? defaultInstanceType(image)];
  const checks = await planChecks(config, image.platform, scope.context.workspace);
  for (const skipped of checks.skipped) core.warning(`Compliance profile ${skipped}: skipped.`);
  const shared: CheckResult[] = checks.profiles.some((profile) => profile.imageChecks)
    ? imageChecks(image)
    : [];
  const baseCheck =
    config.maxBaseAge === undefined ? undefined : await checkBaseAge(image, config.maxBaseAge);
  if (baseCheck) {
    shared.push(baseCheck.result);
    if (baseCheck.base) core.setOutput('base-image', baseCheck.base);
    if (baseCheck.ancestry.length) {
      core.info(`AMI ancestry (GetImageAncestry): ${baseCheck.ancestry.join(' <- ')}`);
    }
  }
  /** A stale base fails the test whatever an instance would show: none is launched for it. */
  const staleBase = baseCheck !== undefined && !baseCheck.result.passed;
  const facts = [
    `${amiId}: ${image.platform} ${image.architecture}; launching ${instanceTypes.join(', ')}${several ? ' (concurrently, an instance each)' : ''}, then ${checks.checks.length} check(s) with ${DOCUMENT[image.platform]}.`,
    ...shared.map((result) => `${result.passed ? 'passed' : 'FAILED'}: ${result.name}`),
    ...(staleBase
      ? [`${baseCheck.result.message} No instance is launched: the test fails on the base alone.`]
      : []),
  ];
  const gates = await planGates(config, image, refusals, facts);
  const noRoom = await resultTagsRefusal(image, { boots: !staleBase, inspect: gates.inspect });
  if (noRoom) refusals.push(noRoom);
  const runs = instanceTypes.map(newLaneRun);
  const lanes = runs.map((run, index) => ({
    name: several ? run.instanceType : '',
    steps: staleBase
      ? []
      : laneSteps(run, {
          config,
          scope,
          amiId,
          platform: image.platform,
          checks: checks.checks,
          several,
          inspect: gates.inspect,
          gate: config.vulnerabilityGate,
          sbom: index === 0 ? gates.sbom : undefined,
          primary: index === 0,
        }),
  }));
  return {
    facts,
    refusals,
    lanes,
    report: (outcome) => report(outcome, { config, amiId, runs, shared, several, gates, scope }),
  };
}

interface ReportInput {
  config: TestConfig;
  amiId: string;
  runs: LaneRun[];
  shared: CheckResult[];
  several: boolean;
  gates: Gates;
  scope: Scope;
}

async function report(outcome: Outcome, input: ReportInput): Promise<void> {
  if (outcome.dryRun) {
    core.info(
      `dry-run: would launch ${input.runs.length > 1 ? 'the instances' : 'the instance'}, run the checks above${input.gates.inspect ? ', read what Amazon Inspector finds' : ''} and terminate ${input.runs.length > 1 ? 'them' : 'it'}. Nothing was started.`,
    );
    return;
  }
  // Refused, or cancelled (the post step finishes the termination): no verdict on a test that did not run.
  if (outcome.refused || outcome.cancelled) return;
  const { amiId, config, runs, shared, several } = input;
  const gate = config.vulnerabilityGate;

  const vulnerabilityResults = runs.flatMap((run) =>
    gate && run.verdict && run.counts
      ? gateResults(run.verdict, gate, run.counts, several ? run.instanceType : undefined)
      : [],
  );
  const results = [...shared, ...runs.flatMap((run) => run.results), ...vulnerabilityResults];
  const laneErrors = outcome.lanes.filter((lane) => lane.error);

  const boots = runs.flatMap((run) => {
    const total = laneBoot(run).total;
    return total === undefined ? [] : [{ instanceType: run.instanceType, seconds: total }];
  });
  const baseline = input.gates.baseline;
  const bootVerdict =
    config.bootTimeGate && baseline && !('missing' in baseline)
      ? judgeBoot(config.bootTimeGate, baseline, boots)
      : undefined;
  const bootFails = bootVerdict?.passed === false && config.bootTimeGateMode === 'fail';
  if (bootVerdict && !bootVerdict.passed && !bootFails)
    core.warning(bootVerdict.message, { title: 'Boot time' });

  const failed = laneErrors.length > 0 || results.some(isFailure) || bootFails;
  const testedAt = new Date();
  const slowest = boots.length ? Math.round(Math.max(...boots.map((b) => b.seconds))) : undefined;
  if (slowest !== undefined) core.setOutput('boot-seconds', String(slowest));

  const columns: TypeColumn[] = runs.map((run, index) => ({
    instanceType: run.instanceType,
    instanceId: run.instanceId,
    results: [...run.results, ...vulnerabilityResults.filter((r) => r.instanceType === run.instanceType)],
    boot: laneBoot(run),
    counts: run.counts,
    verdict: run.verdict,
    findings: run.findings,
    error: outcome.lanes[index]?.error ? describeFailure(outcome.lanes[index]) : undefined,
  }));
  reportResults({
    amiId,
    results,
    failed,
    testedAt,
    reportDir: join(input.scope.context.tempDir, 'ami-action'),
    notes: notes(input, outcome, bootVerdict?.message),
    summarize: () => {
      if (several) summarizeByType(amiId, shared, columns, failed, gate);
      else summarizeResults(amiId, results, [], failed);
      summarizeFindings(columns, several, gate);
    },
  });

  for (const run of runs) {
    const failed = gateFailure(run, gate, several);
    if (failed) core.error(failed, { title: `Vulnerability gate${several ? `: ${run.instanceType}` : ''}` });
  }

  const measured: Tags = {};
  if (slowest !== undefined) measured[TAG.bootSeconds] = String(slowest);
  const counted = runs.flatMap((run) => (run.counts ? [run.counts] : []));
  if (counted.length) measured[TAG.vulnerabilities] = countsTag(counted);
  await tagResult(config.region, amiId, !failed, testedAt, measured);

  if (!failed) {
    const checked = results.filter((result) => result.suite !== 'vulnerabilities').length;
    core.info(
      `All ${checked} checks passed${several ? ` on ${runs.map((run) => run.instanceType).join(', ')}` : ''}.`,
    );
    return;
  }
  // One instance that did not finish: the kernel fails the step with the lane's error.
  if (!several && laneErrors.length) return;
  throw new Error(failureMessage(input, outcome, bootFails ? bootVerdict?.message : undefined));
}

/** The summary's lines under the tables: instances, boot times, Inspector, the SBOM, what did not finish. */
function notes(input: ReportInput, outcome: Outcome, bootMessage: string | undefined): string[] {
  const { runs, several, config } = input;
  const lines: string[] = [];
  for (const [index, run] of runs.entries()) {
    const lane: LaneOutcome | undefined = outcome.lanes[index];
    const boot = laneBoot(run);
    const on = several ? `${run.instanceType}: ` : '';
    if (!several) lines.push(`Instance ${run.instanceId || '(not launched)'} (${run.instanceType}).`);
    if (!several && boot.total !== undefined) {
      lines.push(
        `Boot: ${formatSeconds(boot.total)} from launch to SSM Online (launch → running ${formatSeconds(boot.launchToRunning ?? 0)}, running → SSM Online ${formatSeconds(boot.runningToOnline ?? 0)}; on AWS's clock, to a poll interval).`,
      );
    }
    if (!several && run.counts) {
      const verdict = run.verdict
        ? `; vulnerability-gate ${config.vulnerabilityGate?.text}: ${run.verdict.passed ? 'passed' : `FAILED (${run.verdict.over.join(', ')})`}`
        : '';
      lines.push(`Amazon Inspector findings on ${run.instanceId}: ${countsLine(run.counts)}${verdict}.`);
    }
    if (run.sbomUri) lines.push(`SBOM (CycloneDX 1.4) of ${run.instanceId}: ${run.sbomUri}`);
    if (lane?.error) lines.push(`${on}The test did not finish: ${describeFailure(lane)}`);
  }
  const baseline = input.gates.baseline;
  if (bootMessage) lines.push(bootMessage);
  else if (baseline && 'missing' in baseline) {
    lines.push(
      `boot-time-gate ${config.bootTimeGate?.text}: not applied, no baseline (${baseline.missing}).`,
    );
  }
  return lines;
}

/** A failed vulnerability gate in words, naming each failing finding (the first 20). */
function gateFailure(
  run: LaneRun,
  gate: VulnerabilityGate | undefined,
  several: boolean,
): string | undefined {
  if (!gate || !run.verdict || run.verdict.passed) return undefined;
  const listed = run.verdict.failing.slice(0, 20).map(findingLabel);
  const more = run.verdict.failing.length - listed.length;
  return `vulnerability-gate ${gate.text} failed${several ? ` on ${run.instanceType}` : ''} (${run.instanceId}): ${run.verdict.over.join(', ')}: ${listed.join('; ')}${more > 0 ? `; and ${more} more (see the JUnit report)` : ''}.`;
}

/** Why the step fails, every reason: lanes that did not finish, failed checks, gates. */
function failureMessage(input: ReportInput, outcome: Outcome, bootMessage: string | undefined): string {
  const { runs, several, shared } = input;
  const gate = input.config.vulnerabilityGate;
  const parts: string[] = [];
  const checksFailed = (list: CheckResult[]) => {
    const failures = list.filter(isFailure);
    return failures.length
      ? `${failures.length} of ${list.length} checks failed: ${failures.map((r) => r.name).join(', ')}.`
      : undefined;
  };
  if (!several) {
    const line = checksFailed([...shared, ...runs[0].results]);
    if (line) parts.push(line);
  } else {
    const image = checksFailed(shared);
    if (image) parts.push(`the image: ${image}`);
    for (const [index, run] of runs.entries()) {
      const lane = outcome.lanes[index];
      if (lane?.error) parts.push(`${run.instanceType}: the test did not finish: ${describeFailure(lane)}`);
      const line = checksFailed(run.results);
      if (line) parts.push(`${run.instanceType}: ${line}`);
    }
  }
  for (const run of runs) {
    const failed = gateFailure(run, gate, several);
    if (failed) parts.push(failed);
  }
  if (bootMessage) parts.push(bootMessage);
  return parts.join('\n');
}

export const compensations: ModeModule<TestConfig>['compensations'] = {
  'terminate-instances': async (undo, scope) => {
    const { instancesByToken } = await import('../../aws/instances.js');
    const ids = undo.instanceIds.length
      ? undo.instanceIds
      : undo.clientToken
        ? await instancesByToken(undo.region, undo.clientToken)
        : [];
    await terminateInstances(undo.region, ids, {
      deadline: scope.deadline,
      pollIntervalSeconds: scope.pollIntervalSeconds,
      wait: !scope.hurry,
    });
    if (!ids.length) return 'no test instance was launched';
    const message = `terminating its test instance ${ids.join(', ')}`;
    return scope.hurry
      ? { message: `${message} (the post step makes sure it shuts down)`, leftForPost: true }
      : `${message}: shut down`;
  },
};
