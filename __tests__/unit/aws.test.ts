import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsClient, MAX_ATTEMPTS } from '../../src/aws/clients.js';
import { explainError } from '../../src/aws/errors.js';
import { bucketOf, Pacer } from '../../src/aws/pacing.js';
import { PerCallRetryStrategy, retryDelayMs } from '../../src/aws/retries.js';
import { startRecorder } from '../helpers/recorder.js';

vi.mock('@actions/core');

let recorder: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  recorder = await startRecorder();
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await recorder.stop();
});

describe('client factory', () => {
  it('sends to the endpoint AWS_ENDPOINT_URL names, with the action user agent', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', recorder.url);
    const client = awsClient(EC2Client, 'eu-west-1');
    const error = await client.send(new DescribeImagesCommand({ Owners: ['self'] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const request = recorder.requests.at(-1)!;
    expect(request.body).toContain('Action=DescribeImages');
    expect(request.headers.authorization).toMatch(/Credential=AKIDTEST\/\d{8}\/eu-west-1\/ec2\/aws4_request/);
    expect(String(request.headers['user-agent'])).toContain('ami-action/');
    // The SDK does not retry a 501, so one request reached the endpoint.
    expect(recorder.requests.filter((r) => r.body.includes('DescribeImages'))).toHaveLength(1);
    expect((error as { $action?: string }).$action).toBe('ec2:DescribeImages');
  });

  it('retries with full-jitter back-off from 50 ms, doubling up to a 20 s ceiling', () => {
    expect(retryDelayMs(1, 0.999)).toBeLessThan(100);
    expect(retryDelayMs(1, 0)).toBe(0);
    expect(retryDelayMs(3, 0.5)).toBe(200);
    expect(retryDelayMs(MAX_ATTEMPTS, 1)).toBe(20_000);
    expect(retryDelayMs(30, 1)).toBe(20_000);
  });

  it('caches one client per class and region', () => {
    expect(awsClient(EC2Client, 'us-east-1')).toBe(awsClient(EC2Client, 'us-east-1'));
    expect(awsClient(EC2Client, 'us-east-1')).not.toBe(awsClient(EC2Client, 'us-west-2'));
  });
});

describe('explainError', () => {
  const awsError = (name: string, message: string, attempts = 1) =>
    Object.assign(new Error(message), {
      name,
      $action: 'ec2:CopyImage',
      $region: 'eu-west-1',
      $metadata: { attempts },
    });

  it('names the missing IAM action and decodes the encoded message', async () => {
    const text = await explainError(
      awsError(
        'UnauthorizedOperation',
        'You are not authorized. Encoded authorization failure message: abc123',
      ),
      async (encoded) => `{"decoded":"${encoded}"}`,
    );
    expect(text).toContain('may not call ec2:CopyImage (in eu-west-1)');
    expect(text).toContain('{"decoded":"abc123"}');
  });

  it('says throttled calls were retried', async () => {
    expect(await explainError(awsError('RequestLimitExceeded', 'Request limit exceeded.', 8))).toMatch(
      /AWS throttled ec2:CopyImage in eu-west-1 and it still failed after 8 attempts with back-off/,
    );
  });

  it('names what was not found', async () => {
    expect(
      await explainError(awsError('InvalidAMIID.NotFound', "The image id '[ami-1]' does not exist")),
    ).toBe(
      "Not found: The image id '[ami-1]' does not exist (InvalidAMIID.NotFound, from ec2:CopyImage in eu-west-1).",
    );
  });

  it('points expired credentials at role-duration-seconds', async () => {
    expect(
      await explainError(awsError('ExpiredToken', 'The security token included in the request is expired')),
    ).toMatch(/role-duration-seconds/);
  });
});

describe('pacing', () => {
  it("queues EC2 calls past a bucket's capacity at its refill rate, per region and bucket", async () => {
    let now = 0;
    // (now moves only when the test says so)
    const waits: number[] = [];
    const pacer = new Pacer(
      () => now,
      async (ms) => {
        waits.push(ms);
      },
    );
    // Non-mutating: 100 tokens, 20 a second; the pacer keeps a tenth of both in hand (90, 18 a second).
    for (let k = 0; k < 90; k++) await pacer.take('default/us-east-1', 'ec2', 'DescribeImages');
    expect(waits).toEqual([]);
    await pacer.take('default/us-east-1', 'ec2', 'DescribeImages');
    await pacer.take('default/us-east-1', 'ec2', 'DescribeImages');
    expect(waits.map((ms) => Math.round(ms))).toEqual([56, 111]);
    // Another region, another bucket; another service's buckets are its own; a service without
    // known buckets is not paced.
    await pacer.take('default/eu-west-1', 'ec2', 'DescribeImages');
    await pacer.take('default/us-east-1', 'ssm', 'GetParameter');
    await pacer.take('default/us-east-1', 'autoscaling', 'DescribeAutoScalingGroups');
    for (let k = 0; k < 200; k++) await pacer.take('default/us-east-1', 'cloudwatch', 'DescribeAlarms');
    expect(waits).toHaveLength(2);
    // The bucket refills with time: a second later 18 tokens are back (2 of them owed).
    now = 1000;
    for (let k = 0; k < 16; k++) await pacer.take('default/us-east-1', 'ec2', 'DescribeImages');
    expect(waits).toHaveLength(2);
  });
});

describe('pacing SSM and Auto Scaling', () => {
  const hand = () => {
    const clock = { now: 0, waits: [] as number[] };
    const pacer = new Pacer(
      () => clock.now,
      async (ms) => {
        clock.waits.push(ms);
      },
    );
    return { clock, pacer };
  };

  it('knows the buckets: Parameter Store reads (documented 40 a second), writes, other SSM calls, Auto Scaling shared', () => {
    for (const op of ['GetParameter', 'GetParameters', 'GetParametersByPath']) {
      expect(bucketOf('ssm', op)).toEqual({
        name: 'parameter-reads',
        spec: { capacity: 40, refillPerSecond: 40 },
      });
    }
    for (const op of [
      'PutParameter',
      'DeleteParameter',
      'LabelParameterVersion',
      'UnlabelParameterVersion',
    ]) {
      expect(bucketOf('ssm', op)?.name).toBe('parameter-writes');
    }
    for (const op of [
      'SendCommand',
      'ListCommandInvocations',
      'GetCommandInvocation',
      'GetParameterHistory',
    ]) {
      expect(bucketOf('ssm', op)?.name).toBe('other');
    }
    for (const op of ['DescribeAutoScalingGroups', 'DescribeInstanceRefreshes', 'StartInstanceRefresh']) {
      expect(bucketOf('autoscaling', op)?.name).toBe('shared');
    }
    expect(bucketOf('elasticloadbalancing', 'DescribeTargetHealth')).toBeUndefined();
    expect(bucketOf('cloudwatch', 'DescribeAlarms')).toBeUndefined();
  });

  it('queues Parameter Store reads past 36 (40 less the headroom) at 36 a second, apart from writes', async () => {
    const { clock, pacer } = hand();
    for (let k = 0; k < 36; k++) {
      await pacer.take('job/us-east-1', 'ssm', k % 3 ? 'GetParameter' : 'GetParametersByPath');
    }
    expect(clock.waits).toEqual([]);
    await pacer.take('job/us-east-1', 'ssm', 'GetParameters');
    expect(clock.waits.map(Math.round)).toEqual([28]); // 1 token at 36 a second
    // Writes have their own bucket (3, less the headroom: 2 at once, 2.7 a second).
    await pacer.take('job/us-east-1', 'ssm', 'PutParameter');
    await pacer.take('job/us-east-1', 'ssm', 'PutParameter');
    await pacer.take('job/us-east-1', 'ssm', 'PutParameter');
    expect(clock.waits.map(Math.round)).toEqual([28, 370]);
    // Another account's reads are not held back.
    await pacer.take('111122223333/us-east-1', 'ssm', 'GetParameter');
    expect(clock.waits).toHaveLength(2);
  });

  it('a throttled answer empties the bucket for the whole scope: the next Auto Scaling call of any API waits', async () => {
    const { clock, pacer } = hand();
    await pacer.take('job/us-east-1', 'autoscaling', 'DescribeAutoScalingGroups');
    pacer.throttled('job/us-east-1', 'autoscaling', 'DescribeInstanceRefreshes');
    await pacer.take('job/us-east-1', 'autoscaling', 'StartInstanceRefresh');
    expect(clock.waits.map(Math.round)).toEqual([56]); // 1 token at 18 a second
    // SSM Run Command calls of the same scope are another bucket.
    await pacer.take('job/us-east-1', 'ssm', 'ListCommandInvocations');
    expect(clock.waits).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retry every throttled call up to its own attempts: no budget shared by the calls of a client runs dry', async () => {
    const strategy = new PerCallRetryStrategy(MAX_ATTEMPTS);
    for (let call = 0; call < 1000; call++) {
      let token = await strategy.acquireInitialRetryToken();
      for (let retry = 1; retry < MAX_ATTEMPTS; retry++) {
        token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
        expect(token.getRetryCount()).toBe(retry);
      }
      await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' })).rejects.toThrow();
    }
    const fresh = await strategy.acquireInitialRetryToken();
    await expect(strategy.refreshRetryTokenForRetry(fresh, { errorType: 'CLIENT_ERROR' })).rejects.toThrow();
  });

  it("retries SSM's TooManyUpdates (the SDK classes it a client error) as a throttle", async () => {
    const strategy = new PerCallRetryStrategy(MAX_ATTEMPTS);
    const tooMany = Object.assign(new Error('There are concurrent updates'), {
      name: 'TooManyUpdates',
      $fault: 'client' as const,
      $metadata: {},
    });
    const token = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), {
      errorType: 'CLIENT_ERROR',
      error: tooMany as never,
    });
    expect(token.getRetryCount()).toBe(1);
    const other = Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists', $metadata: {} });
    await expect(
      strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), {
        errorType: 'CLIENT_ERROR',
        error: other as never,
      }),
    ).rejects.toThrow();
  });
});
