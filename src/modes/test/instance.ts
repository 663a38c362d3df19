/**
 * The throwaway instance: launched once per attempt (client token), recorded with core.saveState the
 * moment it exists, and terminated by the main step or, when that never got to it, the post step.
 */
import * as core from '@actions/core';
import {
  type _InstanceType,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type Instance,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { clientToken } from '../../aws/tokens.js';
import { waitUntil } from '../../aws/wait.js';
import { type RunContext, runTag } from '../../context.js';
import { TAG, toTagList } from '../../tags.js';

export const INSTANCE_STATE = 'test-instance';

/** What the post step needs to find the instance, saved before and after RunInstances. */
export interface SavedInstance {
  region: string;
  clientToken: string;
  instanceId?: string;
  /** `done`: the main step terminated it; `kept`: kept on purpose (keep-instance-on-failure). */
  settled?: 'done' | 'kept';
}

export interface LaunchRequest {
  region: string;
  amiId: string;
  instanceType: string;
  subnetId?: string;
  securityGroupIds: string[];
  instanceProfile?: string;
  associatePublicIp: boolean;
}

/** This step's record: core.getState only sees what an earlier step saved, so keep it here too. */
let current: SavedInstance | undefined;

function saveInstance(saved: SavedInstance): void {
  current = saved;
  core.saveState(INSTANCE_STATE, JSON.stringify(saved));
}

export function readSavedInstance(): SavedInstance | undefined {
  const text = core.getState(INSTANCE_STATE);
  return text ? (JSON.parse(text) as SavedInstance) : undefined;
}

/** The default VPC's default subnet of the region's first zone (zones sorted, so it is stable). */
export async function defaultSubnet(region: string): Promise<string> {
  const { Subnets } = await awsClient(EC2Client, region).send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
  );
  const subnet = [...(Subnets ?? [])].sort((a, b) =>
    (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''),
  )[0];
  if (!subnet?.SubnetId) {
    throw new Error(
      `${region} has no default VPC (no default subnet), so there is nowhere to launch: set subnet-id to a subnet that reaches the SSM endpoints.`,
    );
  }
  return subnet.SubnetId;
}

function profileReference(profile: string | undefined) {
  if (!profile) return undefined;
  return profile.startsWith('arn:') ? { Arn: profile } : { Name: profile };
}

export async function launchInstance(request: LaunchRequest, context: RunContext): Promise<Instance> {
  const token = clientToken(context, [
    'test',
    request.region,
    request.amiId,
    process.env.GITHUB_ACTION ?? '',
  ]);
  saveInstance({ region: request.region, clientToken: token });
  const subnetId = request.subnetId ?? (await defaultSubnet(request.region));
  const tags = {
    Name: `ami-action test ${request.amiId}`,
    [TAG.runId]: runTag(context),
    [TAG.purpose]: 'test',
  };
  const { Instances } = await awsClient(EC2Client, request.region).send(
    new RunInstancesCommand({
      ClientToken: token,
      ImageId: request.amiId,
      InstanceType: request.instanceType as _InstanceType,
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: profileReference(request.instanceProfile),
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2 },
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          SubnetId: subnetId,
          Groups: request.securityGroupIds.length ? request.securityGroupIds : undefined,
          AssociatePublicIpAddress: request.associatePublicIp,
          DeleteOnTermination: true,
        },
      ],
      InstanceInitiatedShutdownBehavior: 'terminate',
      TagSpecifications: [
        { ResourceType: 'instance', Tags: toTagList(tags) },
        { ResourceType: 'volume', Tags: toTagList(tags) },
      ],
    }),
  );
  const instance = Instances?.[0];
  if (!instance?.InstanceId) throw new Error('RunInstances returned no instance.');
  saveInstance({ region: request.region, clientToken: token, instanceId: instance.InstanceId });
  const state = instance.State?.Name;
  if (state === 'shutting-down' || state === 'terminated') {
    throw new Error(
      `This attempt already launched ${instance.InstanceId} (same client token) and it is ${state}; re-run the job to start a new attempt.`,
    );
  }
  return instance;
}

async function describeInstance(region: string, instanceId: string): Promise<Instance | undefined> {
  try {
    const { Reservations } = await awsClient(EC2Client, region).send(
      new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
    );
    return Reservations?.[0]?.Instances?.[0];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function waitUntilRunning(
  region: string,
  instanceId: string,
  timing: { timeoutSeconds: number; pollIntervalSeconds: number },
): Promise<Instance> {
  return waitUntil({
    what: `${instanceId} to be running`,
    ...timing,
    check: async () => {
      const instance = await describeInstance(region, instanceId);
      const state = instance?.State?.Name ?? 'not visible yet';
      if (state === 'running') return { done: true, value: instance as Instance };
      if (state === 'shutting-down' || state === 'terminated' || state === 'stopped') {
        const reason = instance?.StateReason?.Message ?? instance?.StateTransitionReason ?? '';
        throw new Error(`${instanceId} is ${state} before it ever ran${reason ? `: ${reason}` : ''}.`);
      }
      return { done: false, status: state };
    },
  });
}

/**
 * Terminates and waits until the instance is shutting down (or gone). Safe to repeat: terminating a
 * terminated instance changes nothing, and an instance EC2 no longer shows counts as gone.
 */
export async function terminateInstance(region: string, instanceId: string, pollIntervalSeconds: number) {
  const ec2 = awsClient(EC2Client, region);
  try {
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  core.info(`Terminating ${instanceId}.`);
  await waitUntil({
    what: `${instanceId} to shut down`,
    timeoutSeconds: 300,
    pollIntervalSeconds,
    // Cleanup must finish even when the job is being cancelled.
    signal: new AbortController().signal,
    check: async () => {
      const state = (await describeInstance(region, instanceId))?.State?.Name ?? 'terminated';
      return state === 'shutting-down' || state === 'terminated'
        ? { done: true, value: state }
        : { done: false, status: state };
    },
  });
}

/** Tells the post step the instance needs nothing more: terminated (`done`) or `kept` on purpose. */
export function markSettled(settled: 'done' | 'kept'): void {
  if (current) saveInstance({ ...current, settled });
}

/** The instances a token launched, for a post step whose main step died inside RunInstances. */
export async function instancesByToken(region: string, token: string): Promise<string[]> {
  const { Reservations } = await awsClient(EC2Client, region).send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'client-token', Values: [token] }] }),
  );
  return (Reservations ?? [])
    .flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId ?? ''))
    .filter(Boolean);
}
