/**
 * mode: test — launches the AMI on a throwaway instance, runs the smoke tests and compliance profiles
 * over SSM (no SSH, no inbound ports), reports each check, tags the AMI with the result, and always
 * terminates the instance (the undo journal has it terminated when a step fails, and by the post
 * step when the main step could not).
 *
 * Plan: the image (available, architecture, platform), the instance type, the checks. Steps: launch,
 * wait until running, wait until SSM sees it Online, each check, terminate. Report: the JUnit file,
 * the outputs, the summary, an annotation per failed check, and the AMI's test tag.
 */
import { join } from 'node:path';
import * as core from '@actions/core';
import { readLaunchableImage } from '../../aws/images.js';
import { terminateInstances } from '../../aws/instances.js';
import { DOCUMENT } from '../../aws/run-command.js';
import { amisOf } from '../../inputs/common.js';
import type { TestConfig } from '../../inputs.js';
import type { Recorded } from '../../kernel/journal.js';
import { change, type ModeModule, type Outcome, type Plan, type Scope, wait } from '../../kernel/plan.js';
import { formatSeconds } from '../../report/format.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { checkBaseAge } from './base-age.js';
import { checkLabel } from './checks.js';
import { defaultInstanceType, imageChecks, unsupportedArchitecture } from './image.js';
import { launchInstance, waitUntilRunning } from './instance.js';
import { planChecks } from './plan.js';
import { reportResults } from './report.js';
import { type CheckResult, isFailure } from './results.js';
import { tagResult } from './tag.js';

export async function plan(config: TestConfig, scope: Scope): Promise<Plan> {
  const region = config.region;
  const { amiId, amis } = amisOf(config);
  setAmiOutputs(region, amis, Object.keys(config.amis ?? {}));
  const image = await readLaunchableImage(region, amiId);
  const refusals = [unsupportedArchitecture(image)].filter((reason): reason is string => !!reason);
  const instanceType = config.instanceType ?? defaultInstanceType(image);
  const checks = await planChecks(config, image.platform, scope.context.workspace);
  for (const skipped of checks.skipped) core.warning(`Compliance profile ${skipped}: skipped.`);
  const results: CheckResult[] = checks.profiles.some((profile) => profile.imageChecks)
    ? imageChecks(image)
    : [];
  const baseCheck =
    config.maxBaseAge === undefined ? undefined : await checkBaseAge(image, config.maxBaseAge);
  if (baseCheck) {
    results.push(baseCheck.result);
    if (baseCheck.base) core.setOutput('base-image', baseCheck.base);
    if (baseCheck.ancestry.length)
      core.info(`AMI ancestry (GetImageAncestry): ${baseCheck.ancestry.join(' <- ')}`);
  }
  /** A stale base fails the test whatever the instance would show: no instance is launched for it. */
  const staleBase = baseCheck !== undefined && !baseCheck.result.passed;

  let instanceId = '';
  let launched: Recorded<'terminate-instances'> | undefined;
  let launchedAt = 0;
  const target = () => ({
    region,
    instanceId,
    platform: image.platform,
    executionTimeoutSeconds: config.commandTimeout,
    pollIntervalSeconds: config.pollInterval,
    deadline: scope.deadline,
  });
  /** keep-instance-on-failure: the failing step keeps the instance (settled, so nothing undoes it). */
  const keepingOnFailure = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (config.keepInstanceOnFailure && launched) keepInstance(launched, region, instanceId);
      throw error;
    }
  };

  const steps = staleBase
    ? []
    : [
        change(
          `launch ${instanceType} from ${amiId}`,
          [
            {
              call: 'ec2:RunInstances',
              detail: `${instanceType}, IMDSv2 required, tagged ${'ami-action:run-id'}`,
            },
          ],
          async (step) => {
            if (!config.instanceProfile) {
              core.notice(
                'No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region.',
              );
            }
            launchedAt = Date.now();
            const { instance, undo } = await launchInstance(
              {
                region,
                amiId,
                instanceType,
                subnetId: config.subnetId,
                securityGroupIds: config.securityGroupIds,
                instanceProfile: config.instanceProfile,
                associatePublicIp: config.associatePublicIp,
              },
              step,
            );
            launched = undo;
            instanceId = instance.InstanceId as string;
            core.setOutput('instance-id', instanceId);
            core.info(
              `Launched ${instanceId} (${instanceType}) in ${instance.Placement?.AvailabilityZone ?? region}.`,
            );
          },
        ),
        wait('the instance to be running', async (step) => {
          await keepingOnFailure(() => waitUntilRunning(region, instanceId, step));
        }),
        wait('SSM to see the instance Online', (step) =>
          keepingOnFailure(async () => {
            const { waitForAgent } = await import('./ssm.js');
            await waitForAgent({
              ...target(),
              instanceProfile: config.instanceProfile,
              associatePublicIp: config.associatePublicIp,
              deadline: step.deadline,
            });
            const bootSeconds = Math.round((Date.now() - launchedAt) / 1000);
            core.setOutput('boot-seconds', String(bootSeconds));
            core.info(`${instanceId} is Online in SSM ${formatSeconds(bootSeconds)} after launch.`);
          }),
        ),
        ...checks.checks.map((planned) =>
          change(`run: ${checkLabel(planned)}`, [], () =>
            keepingOnFailure(async () => {
              const { runCheck } = await import('./ssm.js');
              results.push(await runCheck(planned, target()));
            }),
          ),
        ),
        change(
          'terminate the instance (or keep it, with keep-instance-on-failure, when a check failed)',
          [{ call: 'ec2:TerminateInstances', detail: 'the test instance' }],
          async (step) => {
            if (config.keepInstanceOnFailure && results.some(isFailure) && launched) {
              keepInstance(launched, region, instanceId);
              return;
            }
            await terminateInstances(region, [instanceId], {
              deadline: step.deadline,
              pollIntervalSeconds: config.pollInterval,
              wait: true,
            });
            launched?.settle();
          },
        ),
      ];

  return {
    facts: [
      `${amiId}: ${image.platform} ${image.architecture}; launching ${instanceType}, then ${checks.checks.length} check(s) with ${DOCUMENT[image.platform]}.`,
      ...results.map((result) => `${result.passed ? 'passed' : 'FAILED'}: ${result.name}`),
      ...(staleBase
        ? [`${baseCheck?.result.message} No instance is launched: the test fails on the base alone.`]
        : []),
    ],
    refusals,
    lanes: [{ name: '', steps }],
    report: (outcome) =>
      report(outcome, { config, amiId, instanceId: () => instanceId, instanceType, results, scope }),
  };
}

function keepInstance(launched: Recorded<'terminate-instances'>, region: string, instanceId: string): void {
  launched.settle();
  core.warning(
    [
      `keep-instance-on-failure: ${instanceId} is still running so you can look into the failure.`,
      `Connect with Session Manager: aws ssm start-session --target ${instanceId} --region ${region}`,
      `It costs money until removed: aws ec2 terminate-instances --instance-ids ${instanceId} --region ${region}`,
    ].join('\n'),
  );
}

interface ReportInput {
  config: TestConfig;
  amiId: string;
  instanceId: () => string;
  instanceType: string;
  results: CheckResult[];
  scope: Scope;
}

async function report(outcome: Outcome, input: ReportInput): Promise<void> {
  if (outcome.dryRun) {
    core.info(
      'dry-run: would launch the instance, run the checks above and terminate it. Nothing was started.',
    );
    return;
  }
  // Refused, or cancelled (the post step finishes the termination): no verdict on a test that did not run.
  if (outcome.refused || outcome.cancelled) return;
  const { results, amiId, config } = input;
  const lane = outcome.lanes[0];
  const failure = lane.error;
  const failed = failure !== undefined || results.some(isFailure);
  const testedAt = new Date();
  reportResults({
    amiId,
    results,
    failed,
    testedAt,
    reportDir: join(input.scope.context.tempDir, 'ami-action'),
    notes: [
      `Instance ${input.instanceId() || '(not launched)'} (${input.instanceType}).`,
      ...(failure ? [`The test did not finish: ${failure.message}`] : []),
    ],
  });
  await tagResult(config.region, amiId, !failed, testedAt);
  if (failure) return; // the kernel fails the step with the lane's error
  const failures = results.filter(isFailure);
  if (failures.length) {
    const names = failures.map((result) => result.name);
    throw new Error(`${failures.length} of ${results.length} checks failed: ${names.join(', ')}.`);
  }
  core.info(`All ${results.length} checks passed.`);
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
