import {
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimits } from '../../sim/core/rate-limits.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { awsClient } from '../../src/aws/clients.js';
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

describe('Parameter Store reads: the documented 40 a second, and the action paced to it', () => {
  const aws = useSimulator({ timeScale: 0.001 });
  beforeEach(() => aws.reset());
  afterEach(() => vi.unstubAllEnvs());
  const NAME = '/pacing/ami';
  const BURST = 120;

  const seed = async () => {
    await new SSMClient(aws.sdkConfig('us-east-1')).send(
      new PutParameterCommand({ Name: NAME, Value: 'ami-0123456789abcdef0', Type: 'String' }),
    );
  };
  const gets = async () => (await aws.calls()).filter((c) => c.operation === 'GetParameter');

  it('shares one bucket of 40 among GetParameter, GetParameters and GetParametersByPath, per account and region', () => {
    const limits = new RateLimits(() => 0);
    for (let i = 0; i < 40; i++) {
      expect(
        limits.take('ssm', 'us-east-1', ['GetParameter', 'GetParameters', 'GetParametersByPath'][i % 3]),
      ).toBe(true);
    }
    expect(limits.take('ssm', 'us-east-1', 'GetParametersByPath')).toBe(false);
    expect(limits.take('ssm', 'eu-west-1', 'GetParameter')).toBe(true);
    expect(limits.take('ssm', 'us-east-1', 'GetParameter', '210987654321')).toBe(true);
    // Calls without published rates are not metered.
    expect(limits.take('ssm', 'us-east-1', 'PutParameter')).toBe(true);
    expect(limits.take('ssm', 'us-east-1', 'SendCommand')).toBe(true);
  });

  it(`a burst of ${BURST} unpaced reads is throttled with ThrottlingException`, async () => {
    await seed();
    const ssm = new SSMClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: BURST }, () => ssm.send(new GetParameterCommand({ Name: NAME }))),
    );
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => (r.reason as Error).name))).toEqual(new Set(['ThrottlingException']));
    expect((await gets()).filter((c) => c.outcome === 'ThrottlingException')).toHaveLength(refused.length);
  });

  it(`the action's clients pace a burst of ${BURST} reads: every one answered, none throttled`, async () => {
    await seed();
    const { endpoint, credentials } = aws.sdkConfig('us-east-1');
    vi.stubEnv('AWS_ENDPOINT_URL', endpoint);
    vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    if (credentials.sessionToken) vi.stubEnv('AWS_SESSION_TOKEN', credentials.sessionToken);
    const ssm = awsClient(SSMClient, 'us-east-1');
    const values = await Promise.all(
      Array.from({ length: BURST }, async () => {
        const { Parameter } = await ssm.send(new GetParameterCommand({ Name: NAME }));
        return Parameter?.Value;
      }),
    );
    expect(new Set(values)).toEqual(new Set(['ami-0123456789abcdef0']));
    const calls = await gets();
    expect(calls.map((c) => c.outcome).filter((o) => o !== 'ok')).toEqual([]);
    expect(calls).toHaveLength(BURST);
  });
});
