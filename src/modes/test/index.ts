/**
 * mode: test — launches the AMI on a throwaway instance, runs the smoke tests and compliance profiles
 * over SSM (no SSH, no inbound ports), reports each check, tags the AMI with the result, and always
 * terminates the instance (the post step does it when the main step could not).
 */
import { join } from 'node:path';
import * as core from '@actions/core';
import { EC2Client, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { CancelledError, throwIfCancelled } from '../../cancel.js';
import type { RunContext } from '../../context.js';
import { amisOf } from '../../inputs/common.js';
import type { TestConfig } from '../../inputs.js';
import { formatSeconds } from '../../report/format.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { phase } from '../../report/timeline.js';
import { defaultInstanceType, describeImage, documentFor, imageChecks } from './image.js';
import {
  instancesByToken,
  launchInstance,
  markSettled,
  readSavedInstance,
  terminateInstance,
  waitUntilRunning,
} from './instance.js';
import { planChecks } from './plan.js';
import { reportResults } from './report.js';
import { type CheckResult, isFailure } from './results.js';
import { tagResult } from './tag.js';

export async function run(config: TestConfig, context: RunContext): Promise<void> {
  const started = Date.now();
  const deadline = started + config.timeout * 1000;
  const region = config.region;
  const { amiId, amis } = amisOf(config);
  setAmiOutputs(region, amis, Object.keys(config.amis ?? {}));

  const facts = await phase(`Inspect ${amiId}`, () => describeImage(region, amiId));
  const instanceType = config.instanceType ?? defaultInstanceType(facts);
  const plan = await planChecks(config, facts.platform, context.workspace);
  for (const skipped of plan.skipped) core.warning(`Compliance profile ${skipped}: skipped.`);
  const results: CheckResult[] = plan.profiles.some((profile) => profile.imageChecks)
    ? imageChecks(facts.image)
    : [];

  core.info(
    `${amiId}: ${facts.platform} ${facts.architecture}; launching ${instanceType}, then ${plan.checks.length} check(s) with ${documentFor(facts.platform)}.`,
  );
  if (config.dryRun) {
    for (const result of results) core.info(`${result.passed ? 'passed' : 'FAILED'}: ${result.name}`);
    for (const { profile, check } of plan.checks)
      core.info(`would run: ${profile ? `${profile}/` : ''}${check.name}`);
    core.info(
      'dry-run: would launch the instance, run the checks above and terminate it. Nothing was started.',
    );
    return;
  }

  if (!config.instanceProfile) {
    core.notice(
      'No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region.',
    );
  }
  throwIfCancelled();
  const launchedAt = Date.now();
  const instance = await phase('Launch', () =>
    launchInstance(
      {
        region,
        amiId,
        instanceType,
        subnetId: config.subnetId,
        securityGroupIds: config.securityGroupIds,
        instanceProfile: config.instanceProfile,
        associatePublicIp: config.associatePublicIp,
      },
      context,
    ),
  );
  const instanceId = instance.InstanceId as string;
  core.setOutput('instance-id', instanceId);
  core.info(`Launched ${instanceId} (${instanceType}) in ${instance.Placement?.AvailabilityZone ?? region}.`);

  const timing = () => ({
    timeoutSeconds: Math.max(1, (deadline - Date.now()) / 1000),
    pollIntervalSeconds: config.pollInterval,
  });
  let failure: unknown;
  try {
    const { waitUntilOnline, runChecks } = await import('./ssm.js');
    await phase('Wait for SSM', async () => {
      await waitUntilRunning(region, instanceId, timing());
      await waitUntilOnline({
        region,
        instanceId,
        instanceProfile: config.instanceProfile,
        associatePublicIp: config.associatePublicIp,
        ...timing(),
      });
    });
    const bootSeconds = Math.round((Date.now() - launchedAt) / 1000);
    core.setOutput('boot-seconds', String(bootSeconds));
    core.info(`${instanceId} is Online in SSM ${formatSeconds(bootSeconds)} after launch.`);
    results.push(
      ...(await phase('Run checks', () =>
        runChecks(plan.checks, {
          region,
          instanceId,
          platform: facts.platform,
          executionTimeoutSeconds: config.commandTimeout,
          pollIntervalSeconds: config.pollInterval,
          deadline,
        }),
      )),
    );
  } catch (error) {
    failure = error;
  }

  const failed = failure !== undefined || results.some(isFailure);
  if (failure instanceof CancelledError) {
    // Best effort within the runner's grace period; the post step makes sure and waits.
    await terminateQuickly(region, instanceId);
    throw failure;
  }
  await phase('Clean up', () => settleInstance(config, region, instanceId, failed));

  const testedAt = new Date();
  reportResults({
    amiId,
    results,
    failed,
    testedAt,
    reportDir: join(context.tempDir, 'ami-action'),
    notes: [
      `Instance ${instanceId} (${instanceType}).`,
      ...(failure ? [`The test did not finish: ${(failure as Error).message}`] : []),
    ],
  });
  await tagResult(region, amiId, !failed, testedAt);

  if (failure) throw failure;
  const failures = results.filter(isFailure);
  if (failures.length) {
    const names = failures.map((result) => result.name);
    throw new Error(`${failures.length} of ${results.length} checks failed: ${names.join(', ')}.`);
  }
  core.info(`All ${results.length} checks passed.`);
}

async function settleInstance(config: TestConfig, region: string, instanceId: string, failed: boolean) {
  if (failed && config.keepInstanceOnFailure) {
    markSettled('kept');
    core.warning(
      [
        `keep-instance-on-failure: ${instanceId} is still running so you can look into the failure.`,
        `Connect with Session Manager: aws ssm start-session --target ${instanceId} --region ${region}`,
        `It costs money until removed: aws ec2 terminate-instances --instance-ids ${instanceId} --region ${region}`,
      ].join('\n'),
    );
    return;
  }
  await terminateInstance(region, instanceId, config.pollInterval);
  markSettled('done');
}

async function terminateQuickly(region: string, instanceId: string): Promise<void> {
  await awsClient(EC2Client, region)
    .send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }))
    .then(() => core.info(`Terminating ${instanceId}; the post step waits until it shuts down.`))
    .catch((error: Error) => core.warning(`Could not terminate ${instanceId} yet: ${error.message}`));
}

/** The post step: terminates the instance the main step launched and did not settle. */
export async function post(_context: RunContext): Promise<void> {
  const saved = readSavedInstance();
  if (!saved || saved.settled) return;
  const ids = saved.instanceId ? [saved.instanceId] : await instancesByToken(saved.region, saved.clientToken);
  for (const instanceId of ids) {
    core.info(`The main step did not finish; terminating its test instance ${instanceId}.`);
    await terminateInstance(saved.region, instanceId, 2);
  }
}
