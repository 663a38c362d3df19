/**
 * Waits for the SSM agent to report the instance Online. When it never does, shows the tail of the
 * console output and the usual causes, since that is all there is to go on without SSH.
 */

import * as core from '@actions/core';
import { type EC2Client, GetConsoleOutputCommand } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { WaitTimeoutError, waitUntil } from '../../aws/wait.js';

const CONSOLE_TAIL_LINES = 40;

export async function waitOnline(
  ssm: SSMClient,
  ec2: EC2Client,
  instanceId: string,
  options: { timeout: number; pollInterval: number; instanceProfile?: string },
): Promise<void> {
  try {
    await waitUntil({
      what: `the SSM agent on ${instanceId} to come Online`,
      timeoutSeconds: options.timeout,
      pollIntervalSeconds: options.pollInterval,
      check: async () => {
        const { InstanceInformationList } = await ssm.send(
          new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] }),
        );
        const status = InstanceInformationList?.[0]?.PingStatus ?? 'not registered';
        return status === 'Online' ? { done: true, value: undefined } : { done: false, status };
      },
    });
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    await showConsoleTail(ec2, instanceId);
    const causes = [
      options.instanceProfile
        ? `the instance profile ${options.instanceProfile} lacks SSM permissions (attach AmazonSSMManagedInstanceCore to its role)`
        : 'no instance profile was given (instance-profile): the agent needs one with AmazonSSMManagedInstanceCore',
      'the subnet has no route to the SSM endpoints (a NAT gateway, or VPC endpoints for ssm, ssmmessages and ec2messages)',
      'the AMI has no SSM agent installed, or it is not enabled at boot',
    ];
    throw new Error(
      `SSM never saw ${instanceId} Online within the timeout. Likely causes: ${causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}. The console output's tail is in the log above.`,
    );
  }
}

async function showConsoleTail(ec2: EC2Client, instanceId: string): Promise<void> {
  try {
    const { Output } = await ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId, Latest: true }));
    const text = Output ? Buffer.from(Output, 'base64').toString('utf8') : '';
    const tail = text.trimEnd().split('\n').slice(-CONSOLE_TAIL_LINES).join('\n');
    core.startGroup(`Console output of ${instanceId} (last ${CONSOLE_TAIL_LINES} lines)`);
    core.info(tail || '(the console output is empty)');
    core.endGroup();
  } catch (error) {
    core.warning(`Could not read the console output of ${instanceId}: ${(error as Error).message}`);
  }
}
