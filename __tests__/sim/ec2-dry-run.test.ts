/** EC2's DryRun: a permission check that changes nothing, answered DryRunOperation or UnauthorizedOperation. */
import {
  CopyImageCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { failure, useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.01, rateLimits: false });
beforeEach(() => aws.reset());

const ec2 = (region = 'us-east-1') => new EC2Client({ ...aws.sdkConfig(region), maxAttempts: 1 });

const launch = { ImageId: DEFAULT_BASE_AMI_ID, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 } as const;

describe('EC2 DryRun', () => {
  it('answers DryRunOperation (412) when the call would succeed, and changes nothing', async () => {
    const instances = async () =>
      (await ec2().send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances ?? []);
    const before = await instances();
    const error = await failure(ec2().send(new RunInstancesCommand({ ...launch, DryRun: true })));
    expect(error.name).toBe('DryRunOperation');
    expect(error.message).toBe('Request would have succeeded, but DryRun flag is set.');
    expect(error.$metadata.httpStatusCode).toBe(412);
    expect((await instances()).map((i) => i.InstanceId)).toEqual(before.map((i) => i.InstanceId));
    const calls = await aws.calls();
    expect(calls.map((c) => c.operation)).toEqual(['DescribeInstances', 'RunInstances', 'DescribeInstances']);
    expect(calls[1]).toMatchObject({ outcome: 'DryRunOperation', httpStatus: 412, dryRun: true });
    expect(calls[2].dryRun).toBeUndefined();
  });

  it('creates no copy and no tag', async () => {
    const copy = ec2().send(
      new CopyImageCommand({
        SourceImageId: DEFAULT_BASE_AMI_ID,
        SourceRegion: 'us-east-1',
        Name: 'dry-copy',
        DryRun: true,
      }),
    );
    expect((await failure(copy)).name).toBe('DryRunOperation');
    const tag = ec2().send(
      new CreateTagsCommand({
        Resources: [DEFAULT_BASE_AMI_ID],
        Tags: [{ Key: 'k', Value: 'v' }],
        DryRun: true,
      }),
    );
    expect((await failure(tag)).name).toBe('DryRunOperation');
    const { Images } = await ec2().send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(Images).toEqual([]);
    const [base] = (await ec2().send(new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID] }))).Images!;
    expect(base.Tags).toBeUndefined();
  });

  it('answers UnauthorizedOperation (403) when the enforced policy denies the call', async () => {
    await aws.policy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
    });
    const error = await failure(ec2().send(new RunInstancesCommand({ ...launch, DryRun: true })));
    expect(error.name).toBe('UnauthorizedOperation');
    expect(error.$metadata.httpStatusCode).toBe(403);
    const [call] = await aws.calls();
    expect(call).toMatchObject({ outcome: 'UnauthorizedOperation', httpStatus: 403, dryRun: true });
    expect(call.denied).toContain('ec2:RunInstances');
  });

  it('answers the request error AWS would give when the permission is there but the request is not valid', async () => {
    const error = await failure(
      ec2().send(new RunInstancesCommand({ ...launch, ImageId: 'ami-00000000000000000', DryRun: true })),
    );
    expect(error.name).toBe('InvalidAMIID.NotFound');
    expect((await aws.calls())[0]).toMatchObject({ outcome: 'InvalidAMIID.NotFound', dryRun: true });
  });
});
