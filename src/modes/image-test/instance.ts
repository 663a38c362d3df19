/**
 * The throwaway instance: launched once per attempt (client token), recorded in the undo journal
 * before RunInstances so the post step can find it even when the launch never answered, and waited
 * for until it runs.
 */
import {
  type _InstanceType,
  DescribeSubnetsCommand,
  EC2Client,
  type Instance,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { describeInstance } from '../../aws/instances.js';
import { clientToken } from '../../aws/tokens.js';
import { waitUntil } from '../../aws/wait.js';
import { runTag } from '../../context.js';
import type { Recorded } from '../../kernel/journal.js';
import type { StepScope } from '../../kernel/plan.js';
import { TAG, toTagList } from '../../tags.js';

export interface LaunchRequest {
  region: string;
  amiId: string;
  instanceType: string;
  subnetId?: string;
  securityGroupIds: string[];
  instanceProfile?: string;
  associatePublicIp: boolean;
  /** With several instance types: the type, so each type's launch has its own client token. */
  tokenPart?: string;
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

export async function launchInstance(
  request: LaunchRequest,
  scope: StepScope,
): Promise<{ instance: Instance; undo: Recorded<'terminate-instances'> }> {
  const token = clientToken(scope.context, [
    'test',
    request.region,
    request.amiId,
    process.env.GITHUB_ACTION ?? '',
    ...(request.tokenPart ? [request.tokenPart] : []),
  ]);
  const undo = scope.record({
    kind: 'terminate-instances',
    region: request.region,
    clientToken: token,
    instanceIds: [],
  });
  const subnetId = request.subnetId ?? (await defaultSubnet(request.region));
  const tags = {
    Name: `ami-action test ${request.amiId}`,
    [TAG.runId]: runTag(scope.context),
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
  undo.update({ instanceIds: [instance.InstanceId] });
  const state = instance.State?.Name;
  if (state === 'shutting-down' || state === 'terminated') {
    throw new Error(
      `This attempt already launched ${instance.InstanceId} (same client token) and it is ${state}; re-run the job to start a new attempt.`,
    );
  }
  return { instance, undo };
}

export function waitUntilRunning(region: string, instanceId: string, scope: StepScope): Promise<Instance> {
  return waitUntil({
    what: `${instanceId} to be running`,
    deadline: scope.deadline,
    pollIntervalSeconds: scope.pollIntervalSeconds,
    check: async () => {
      const instance = await describeInstance(region, instanceId, 'poll');
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
