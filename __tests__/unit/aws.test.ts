import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsClient, MAX_ATTEMPTS } from '../../src/aws/clients.js';
import { explainError } from '../../src/aws/errors.js';
import { Pacer } from '../../src/aws/pacing.js';
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
    // Another region, another bucket; a service EC2's buckets do not meter is not paced.
    await pacer.take('default/eu-west-1', 'ec2', 'DescribeImages');
    await pacer.take('default/us-east-1', 'ssm', 'GetParameter');
    expect(waits).toHaveLength(2);
    // The bucket refills with time: a second later 18 tokens are back (2 of them owed).
    now = 1000;
    for (let k = 0; k < 16; k++) await pacer.take('default/us-east-1', 'ec2', 'DescribeImages');
    expect(waits).toHaveLength(2);
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
});
