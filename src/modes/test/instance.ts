/**
 * The throwaway instance: launched with a client token (a re-run of the step finds it), IMDSv2
 * required, no public IP unless asked, tagged with the run so the post step and audits find it; and
 * terminated whatever happens.
 */

import * as core from '@actions/core';
import {
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  type EC2Client,
  type Image,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { isNotFound } from '../../aws/errors.js';
import { clientToken } from '../../aws/tokens.js';
import { waitUntil } from '../../aws/wait.js';
import { type RunContext, runTag } from '../../context.js';
import type { TestConfig } from '../../inputs.js';
import { TAG, toTagList } from '../../tags.js';

/** State for the post step: `{ region, instanceId }` of an instance the main step has not terminated. */
export const TEST_INSTANCE_STATE = 'test-instance';

export function defaultInstanceType(image: Image): string {
  return image.Architecture === 'arm64' ? 't4g.small' : 't3.small';
}

async function defaultSubnet(ec2: EC2Client): Promise<string | undefined> {
  const { Subnets } = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  return Subnets?.sort((a, b) => (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''))[0]
    ?.SubnetId;
}

export async function launch(
  ec2: EC2Client,
  image: Image,
  config: TestConfig,
  context: RunContext,
): Promise<string> {
  const subnetId = config.subnetId ?? (await defaultSubnet(ec2));
  const profile = config.instanceProfile;
  const tags = toTagList({
    Name: `ami-action test ${image.ImageId}`,
    [TAG.runId]: runTag(context),
    [TAG.purpose]: 'test',
  });
  const { Instances } = await ec2.send(
    new RunInstancesCommand({
      ImageId: image.ImageId,
      InstanceType: (config.instanceType ?? defaultInstanceType(image)) as never,
      MinCount: 1,
      MaxCount: 1,
      ClientToken: clientToken(context, ['test', image.ImageId as string]),
      IamInstanceProfile: profile
        ? profile.startsWith('arn:')
          ? { Arn: profile }
          : { Name: profile }
        : undefined,
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          SubnetId: subnetId,
          Groups: config.securityGroupIds.length ? config.securityGroupIds : undefined,
          AssociatePublicIpAddress: config.associatePublicIp,
          DeleteOnTermination: true,
        },
      ],
      TagSpecifications: [
        { ResourceType: 'instance', Tags: tags },
        { ResourceType: 'volume', Tags: tags },
      ],
    }),
  );
  const instanceId = Instances?.[0]?.InstanceId as string;
  core.saveState(TEST_INSTANCE_STATE, JSON.stringify({ region: config.region, instanceId }));
  core.info(
    `Launched ${instanceId} (${config.instanceType ?? defaultInstanceType(image)}) from ${image.ImageId}.`,
  );
  return instanceId;
}

export async function instanceState(ec2: EC2Client, instanceId: string) {
  try {
    const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    return Reservations?.[0]?.Instances?.[0];
  } catch (error) {
    // Just after RunInstances the instance may not be visible yet.
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function waitRunning(ec2: EC2Client, instanceId: string, timeout: number, pollInterval: number) {
  await waitUntil({
    what: `${instanceId} to run`,
    timeoutSeconds: timeout,
    pollIntervalSeconds: pollInterval,
    check: async () => {
      const instance = await instanceState(ec2, instanceId);
      const state = instance?.State?.Name ?? 'pending';
      if (state === 'running') return { done: true, value: undefined };
      if (state === 'shutting-down' || state === 'terminated') {
        throw new Error(
          `${instanceId} ended ${state} before running: ${instance?.StateReason?.Message ?? 'no reason given'}.`,
        );
      }
      return { done: false, status: state };
    },
  });
}

/** Terminates and waits until EC2 has it shutting down; a missing instance is already gone. */
export async function terminate(ec2: EC2Client, instanceId: string, pollInterval: number): Promise<void> {
  try {
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  await waitUntil({
    what: `${instanceId} to terminate`,
    // Termination must finish even while the job is being cancelled.
    signal: new AbortController().signal,
    timeoutSeconds: 300,
    pollIntervalSeconds: pollInterval,
    check: async () => {
      const state = (await instanceState(ec2, instanceId))?.State?.Name ?? 'terminated';
      return ['shutting-down', 'terminated'].includes(state)
        ? { done: true, value: undefined }
        : { done: false, status: state };
    },
  });
  core.info(`Terminated ${instanceId}.`);
}
