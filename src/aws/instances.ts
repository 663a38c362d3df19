/**
 * EC2 instances the action launches for a while (test mode's, Packer's): reading one, finding those a
 * client token launched, and terminating them, waiting (within a budget) until they shut down.
 */
import * as core from '@actions/core';
import {
  DescribeInstancesCommand,
  EC2Client,
  type Instance,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { Deadline } from '../kernel/deadline.js';
import { awsClient, type ClientUse } from './clients.js';
import { isNotFound } from './errors.js';
import { waitUntil } from './wait.js';

export async function describeInstance(
  region: string,
  instanceId: string,
  use: ClientUse = 'call',
): Promise<Instance | undefined> {
  try {
    const { Reservations } = await awsClient(EC2Client, region, use).send(
      new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
    );
    return Reservations?.[0]?.Instances?.[0];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The instances a client token launched, for an undo whose launch never answered. */
export async function instancesByToken(region: string, token: string): Promise<string[]> {
  const { Reservations } = await awsClient(EC2Client, region).send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'client-token', Values: [token] }] }),
  );
  return (Reservations ?? [])
    .flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId ?? ''))
    .filter(Boolean);
}

/**
 * Terminates the instances and, unless told not to wait, waits until they are shutting down or gone.
 * Safe to repeat: terminating a terminated instance changes nothing.
 */
export async function terminateInstances(
  region: string,
  instanceIds: string[],
  options: {
    deadline: Deadline;
    pollIntervalSeconds: number;
    wait: boolean;
    until?: 'shutting-down' | 'terminated';
  },
): Promise<void> {
  if (!instanceIds.length) return;
  try {
    await awsClient(EC2Client, region).send(new TerminateInstancesCommand({ InstanceIds: instanceIds }));
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  core.info(`Terminating ${instanceIds.join(', ')}.`);
  if (!options.wait) return;
  const ended = options.until === 'terminated' ? ['terminated'] : ['shutting-down', 'terminated'];
  for (const instanceId of instanceIds) {
    await waitUntil({
      what: `${instanceId} to ${options.until === 'terminated' ? 'terminate' : 'shut down'}`,
      deadline: options.deadline,
      pollIntervalSeconds: options.pollIntervalSeconds,
      // Cleanup must finish even when the job is being cancelled.
      signal: new AbortController().signal,
      check: async () => {
        const state = (await describeInstance(region, instanceId, 'poll'))?.State?.Name ?? 'terminated';
        return ended.includes(state) ? { done: true, value: state } : { done: false, status: state };
      },
    });
  }
}
