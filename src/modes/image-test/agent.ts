/**
 * Waiting for SSM to see the instance Online, and explaining the boot when it never does (the
 * console output's tail, printed as text the runner never acts on, and the usual causes).
 */
import * as core from '@actions/core';
import { EC2Client, GetConsoleOutputCommand } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { waitUntilOnline } from '../../aws/run-command.js';
import { WaitTimeoutError } from '../../aws/wait.js';
import type { Deadline } from '../../kernel/deadline.js';
import { printForeign } from '../../report/foreign.js';

const CONSOLE_TAIL_LINES = 40;

export interface AgentWait {
  region: string;
  instanceId: string;
  instanceProfile?: string;
  associatePublicIp: boolean;
  deadline: Deadline;
  pollIntervalSeconds: number;
}

export async function waitForAgent(wait: AgentWait): Promise<void> {
  try {
    await waitUntilOnline(wait.region, [wait.instanceId], wait.deadline, wait.pollIntervalSeconds);
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    await showConsoleTail(wait.region, wait.instanceId);
    throw new Error(neverOnlineMessage(wait, error.message));
  }
}

async function showConsoleTail(region: string, instanceId: string): Promise<void> {
  try {
    const { Output } = await awsClient(EC2Client, region).send(
      new GetConsoleOutputCommand({ InstanceId: instanceId, Latest: true }),
    );
    const text = Output ? Buffer.from(Output, 'base64').toString('utf8') : '';
    const lines = text.replace(/\r/g, '').split('\n');
    while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    await core.group(`Console output of ${instanceId} (last ${CONSOLE_TAIL_LINES} lines)`, async () => {
      if (lines.length) printForeign(lines.slice(-CONSOLE_TAIL_LINES).join('\n'));
      else core.info('(EC2 has no console output yet)');
    });
  } catch (error) {
    core.warning(`Could not read the console output of ${instanceId}: ${(error as Error).message}`);
  }
}

export function neverOnlineMessage(
  wait: Pick<AgentWait, 'instanceId' | 'instanceProfile' | 'associatePublicIp' | 'region'>,
  timedOut: string,
): string {
  const causes = [
    wait.instanceProfile
      ? `the instance profile ${wait.instanceProfile} lacks SSM permissions (attach the managed policy AmazonSSMManagedInstanceCore to its role)`
      : 'no instance profile: set instance-profile to one whose role has AmazonSSMManagedInstanceCore (without one, only Default Host Management Configuration lets SSM manage the instance)',
    `no route from the subnet to the SSM endpoints (ssm, ssmmessages, ec2messages in ${wait.region}): ${
      wait.associatePublicIp
        ? 'check the route table and network ACLs'
        : 'the instance has no public IP, so it needs a NAT gateway or VPC interface endpoints (or set associate-public-ip: true in a public subnet)'
    }`,
    'the SSM agent is missing from the AMI or does not start (see the console output above)',
  ];
  return `SSM never saw ${wait.instanceId} Online. ${timedOut}\nLikely causes:\n${causes.map((cause) => `- ${cause}`).join('\n')}`;
}
