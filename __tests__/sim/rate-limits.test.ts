import {
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { RateLimits } from '../../sim/core/rate-limits.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

describe('EC2 token buckets (unit, on a hand-driven clock)', () => {
  it('lets a burst of the capacity through, then refills at the documented rate', () => {
    let now = 0;
    const limits = new RateLimits(() => now);
    const runs = () => limits.take('ec2', 'us-east-1', 'RunInstances');
    expect([runs(), runs(), runs(), runs(), runs(), runs()]).toEqual([true, true, true, true, true, false]);
    now += 500; // RunInstances refills 2 tokens a second
    expect([runs(), runs()]).toEqual([true, false]);
    // Other APIs, other regions and other services have buckets of their own.
    expect(limits.take('ec2', 'us-east-1', 'DescribeImages')).toBe(true);
    expect(limits.take('ec2', 'eu-west-1', 'RunInstances')).toBe(true);
    expect(limits.take('ssm', 'us-east-1', 'SendCommand')).toBe(true);
  });

  it('keeps buckets per account', () => {
    const limits = new RateLimits(() => 0);
    for (let i = 0; i < 5; i++) limits.take('ec2', 'us-east-1', 'RunInstances', '123456789012');
    expect(limits.take('ec2', 'us-east-1', 'RunInstances', '123456789012')).toBe(false);
    expect(limits.take('ec2', 'us-east-1', 'RunInstances', '210987654321')).toBe(true);
  });

  it('shares one bucket among the describes, and one among the mutating calls without their own', () => {
    const limits = new RateLimits(() => 0);
    for (let i = 0; i < 100; i++)
      limits.take('ec2', 'us-east-1', i % 2 ? 'DescribeImages' : 'DescribeInstances');
    expect(limits.take('ec2', 'us-east-1', 'DescribeSnapshots')).toBe(false);
    for (let i = 0; i < 50; i++) limits.take('ec2', 'us-east-1', 'DeregisterImage');
    expect(limits.take('ec2', 'us-east-1', 'TerminateInstances')).toBe(false);
    expect(limits.take('ec2', 'us-east-1', 'CreateTags')).toBe(true);
  });
});

describe('EC2 token buckets through the SDK', () => {
  const aws = useSimulator({ timeScale: 0.001 });
  beforeEach(() => aws.reset());

  it('throttles a burst of RunInstances past the bucket; the SDK retries and the calls succeed', async () => {
    const ec2 = new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 10 });
    const launches = Array.from({ length: 8 }, () =>
      ec2.send(
        new RunInstancesCommand({
          ImageId: DEFAULT_BASE_AMI_ID,
          MinCount: 1,
          MaxCount: 1,
          InstanceType: 't3.micro',
        }),
      ),
    );
    const results = await Promise.all(launches);
    expect(results.every((r) => r.Instances?.length === 1)).toBe(true);
    const calls = (await aws.calls()).filter((c) => c.operation === 'RunInstances');
    expect(calls.filter((c) => c.outcome === 'RequestLimitExceeded').length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.outcome === 'ok')).toHaveLength(8);
  });

  it('does not throttle a steady describe loop or tags within their buckets', async () => {
    const ec2 = new EC2Client(aws.sdkConfig('us-east-1'));
    for (let i = 0; i < 30; i++)
      await ec2.send(new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID] }));
    await ec2.send(
      new CreateTagsCommand({ Resources: [DEFAULT_BASE_AMI_ID], Tags: [{ Key: 'a', Value: 'b' }] }),
    );
    expect((await aws.calls()).every((c) => c.outcome === 'ok')).toBe(true);
  });
});
