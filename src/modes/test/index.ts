/**
 * mode: test — proves an AMI on a throwaway instance: launch, wait for SSM, run the smoke and
 * compliance checks one by one, report each, tag the AMI with the result, and terminate the
 * instance whatever happened (the post step too, if this step could not).
 */

import * as core from '@actions/core';
import { CreateTagsCommand, DescribeImagesCommand, EC2Client, type Image } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '../../aws/clients.js';
import type { RunContext } from '../../context.js';
import { amisOf } from '../../inputs/common.js';
import type { TestConfig } from '../../inputs.js';
import { formatAmis, setAmiOutputs } from '../../report/outputs.js';
import { phase } from '../../report/timeline.js';
import { TAG, toTagList } from '../../tags.js';
import type { Check, CheckResult } from './checks.js';
import { runCheck } from './commands.js';
import { runImageChecks } from './image-checks.js';
import { instanceState, launch, TEST_INSTANCE_STATE, terminate, waitRunning } from './instance.js';
import { complianceChecks, smokeChecks } from './profiles.js';
import { reportResults, writeJunit } from './report.js';
import { waitOnline } from './ssm-online.js';

export async function run(config: TestConfig, context: RunContext): Promise<void> {
  const { amiId, amis } = amisOf(config);
  setAmiOutputs(config.region, amis);
  // Everything read from the repository is checked before any AWS call.
  const smoke = smokeChecks(config.smoke, context.workspace);
  const compliance = complianceChecks(config.compliance, {
    workspace: context.workspace,
    allowedPorts: config.allowedPorts,
  });
  const deadline = Date.now() + config.timeout * 1000;
  const secondsLeft = () => Math.max(1, (deadline - Date.now()) / 1000);

  const ec2 = awsClient(EC2Client, config.region);
  const image = await describeImage(ec2, amiId);
  const windows = image.Platform?.toLowerCase() === 'windows';
  const shellChecks = [...smoke, ...compliance.checks].filter(
    (check) => !(windows && check.suite === 'baseline'),
  );
  if (windows && compliance.imageChecks)
    core.notice('baseline: its shell checks are for Linux; on Windows only its image checks run.');
  if (config.dryRun) {
    core.info(
      `dry-run: would launch ${amiId}, run ${shellChecks.length} check(s) over SSM, tag the AMI and terminate the instance.`,
    );
    return;
  }

  const results: CheckResult[] = compliance.imageChecks ? runImageChecks(image) : [];
  let instanceId: string | undefined;
  let keep = false;
  try {
    instanceId = await phase('Launch', () => launch(ec2, image, config, context));
    const id = instanceId;
    core.setOutput('instance-id', id);
    const launchedAt = Date.now();
    await phase('Boot and SSM registration', async () => {
      await waitRunning(ec2, id, secondsLeft(), config.pollInterval);
      await waitOnline(awsClient(SSMClient, config.region), ec2, id, {
        timeout: secondsLeft(),
        pollInterval: config.pollInterval,
        instanceProfile: config.instanceProfile,
      });
    });
    core.setOutput('boot-seconds', String(Math.round((Date.now() - launchedAt) / 1000)));
    await phase(`Checks (${shellChecks.length})`, () =>
      runChecks(shellChecks, results, id, windows, config, secondsLeft),
    );
  } catch (error) {
    if (results.length > 0) finish(config, context, amiId, instanceId, results);
    throw error;
  } finally {
    const failed = results.some((r) => r.outcome === 'failed');
    keep = config.keepInstanceOnFailure && failed && instanceId !== undefined;
    if (instanceId && !keep) {
      const id = instanceId;
      await phase('Terminate', () => terminate(ec2, id, config.pollInterval));
      core.saveState(TEST_INSTANCE_STATE, '');
    }
  }
  const failed = finish(config, context, amiId, instanceId, results);
  await tagResult(ec2, amiId, failed ? 'failed' : 'passed');
  if (keep) {
    core.saveState(TEST_INSTANCE_STATE, '');
    core.warning(
      `Kept ${instanceId} for debugging (keep-instance-on-failure). Reach it with \`aws ssm start-session --target ${instanceId} --region ${config.region}\`, and terminate it when done: it costs money and is not removed for you.`,
    );
  }
  if (failed)
    throw new Error(
      `${results.filter((r) => r.outcome === 'failed').length} of ${results.length} checks failed on ${amiId}.`,
    );
}

async function runChecks(
  checks: Check[],
  results: CheckResult[],
  instanceId: string,
  windows: boolean,
  config: TestConfig,
  secondsLeft: () => number,
): Promise<void> {
  const ssm = awsClient(SSMClient, config.region);
  for (const check of checks) {
    const result = await runCheck(
      {
        ssm,
        instanceId,
        document: windows ? 'AWS-RunPowerShellScript' : 'AWS-RunShellScript',
        commandTimeout: config.commandTimeout,
        pollInterval: config.pollInterval,
        timeout: Math.min(secondsLeft(), config.commandTimeout + 120),
      },
      check,
    );
    core.info(`${result.outcome === 'failed' ? '✗' : '✓'} ${check.id} (exit ${result.exitCode})`);
    results.push(result);
  }
}

/** Outputs, report and summary; true when a check failed. */
function finish(
  config: TestConfig,
  context: RunContext,
  amiId: string,
  instanceId: string | undefined,
  results: CheckResult[],
): boolean {
  const failed = results.filter((r) => r.outcome === 'failed').length;
  reportResults(amiId, instanceId, results);
  core.setOutput('report', writeJunit(context.tempDir, amiId, results));
  core.setOutput('passed', String(results.length - failed));
  core.setOutput('failed', String(failed));
  core.setOutput('result', failed > 0 ? 'failed' : 'passed');
  core.setOutput('amis', formatAmis(config.region, { ...config.amis, [config.region]: amiId }));
  return failed > 0;
}

async function describeImage(ec2: EC2Client, amiId: string): Promise<Image> {
  const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [amiId] }));
  const image = Images?.[0];
  if (!image) throw new Error(`AMI ${amiId} was not found.`);
  if (image.State !== 'available')
    throw new Error(`AMI ${amiId} is ${image.State}, not available: it cannot be launched yet.`);
  return image;
}

async function tagResult(ec2: EC2Client, amiId: string, result: 'passed' | 'failed'): Promise<void> {
  await ec2.send(
    new CreateTagsCommand({
      Resources: [amiId],
      Tags: toTagList({ [TAG.test]: result, [TAG.testedAt]: new Date().toISOString() }),
    }),
  );
}

/** Post step: terminates the instance the main step did not (cancelled, killed, crashed). */
export async function post(): Promise<void> {
  const saved = core.getState(TEST_INSTANCE_STATE);
  if (!saved) return;
  const { region, instanceId } = JSON.parse(saved) as { region: string; instanceId: string };
  const ec2 = awsClient(EC2Client, region);
  const state = (await instanceState(ec2, instanceId))?.State?.Name;
  if (state === 'terminated' || state === 'shutting-down') return;
  core.info(
    `The main step did not terminate ${instanceId} (${state ?? 'state unknown'}): terminating it now.`,
  );
  await terminate(ec2, instanceId, 5);
}
