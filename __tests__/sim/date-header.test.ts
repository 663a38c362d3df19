/**
 * AWS stamps every response with its own clock in the `Date` header, and the SDK corrects its clock
 * skew from it. The simulator stamps simulated time on every response to an AWS call (success and
 * error, every protocol), so that at any time scale callers see the simulator's clock.
 */
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PIPELINE_ARN } from '../../sim/services/imagebuilder/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
const DAY = 86_400;

beforeAll(async () => {
  await aws.reset();
  await aws.advance(40 * DAY);
});

/** A request the simulator routes like a signed SDK call (it reads only the credential scope). */
async function call(
  service: string,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
) {
  const scope = `AKIDSIM/20240101/us-east-1/${service}/aws4_request`;
  return fetch(`${aws.url}${init.path ?? '/'}`, {
    method: init.method ?? 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=0`,
      ...init.headers,
    },
    body: init.body,
  });
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const json = (version: string, target: string) => ({
  'content-type': `application/x-amz-json-${version}`,
  'x-amz-target': target,
});

const CASES: { name: string; status: number; send: () => Promise<Response> }[] = [
  {
    name: 'ec2Query success',
    status: 200,
    send: () => call('ec2', { headers: form, body: 'Action=DescribeRegions&Version=2016-11-15' }),
  },
  {
    name: 'ec2Query error',
    status: 400,
    send: () =>
      call('ec2', { headers: form, body: 'Action=DescribeImages&Version=2016-11-15&ImageId.1=bad' }),
  },
  {
    name: 'awsQuery success',
    status: 200,
    send: () =>
      call('autoscaling', { headers: form, body: 'Action=DescribeAutoScalingGroups&Version=2011-01-01' }),
  },
  {
    name: 'awsQuery error',
    status: 400,
    send: () =>
      call('autoscaling', {
        headers: form,
        body: 'Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName=nope',
      }),
  },
  {
    name: 'awsJson1_1 success',
    status: 200,
    send: () => call('ssm', { headers: json('1.1', 'AmazonSSM.DescribeInstanceInformation'), body: '{}' }),
  },
  {
    name: 'awsJson1_1 error',
    status: 400,
    send: () => call('ssm', { headers: json('1.1', 'AmazonSSM.GetParameter'), body: '{"Name":"/nope"}' }),
  },
  {
    name: 'awsJson1_0 (query-compatible) success',
    status: 200,
    send: () =>
      call('monitoring', {
        headers: json('1.0', 'GraniteServiceVersion20100801.DescribeAlarms'),
        body: '{}',
      }),
  },
  {
    name: 'awsJson1_0 (query-compatible) error',
    status: 404,
    send: () =>
      call('monitoring', {
        headers: json('1.0', 'GraniteServiceVersion20100801.DeleteAlarms'),
        body: '{"AlarmNames":["nope"]}',
      }),
  },
  {
    name: 'restJson1 success',
    status: 200,
    send: () =>
      call('imagebuilder', {
        method: 'GET',
        path: `/GetImagePipeline?imagePipelineArn=${encodeURIComponent(DEMO_PIPELINE_ARN)}`,
      }),
  },
  {
    name: 'restJson1 error',
    status: 404,
    send: () => call('imagebuilder', { method: 'GET', path: '/GetImage?imageBuildVersionArn=nope' }),
  },
  {
    name: 'unroutable request',
    status: 400,
    send: () => fetch(aws.url, { method: 'POST', headers: form, body: 'Action=Nope' }),
  },
];

async function simNow(): Promise<number> {
  return Date.parse((await aws.state()).time);
}

describe('Date response header', () => {
  it.each(CASES)('carries simulated now: $name', async ({ send, status }) => {
    const res = await send();
    await res.arrayBuffer();
    expect(res.status).toBe(status);
    const date = res.headers.get('date');
    expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const stamped = Date.parse(date!);
    expect(Math.abs(stamped - (await simNow()))).toBeLessThan(5_000);
    expect(stamped - Date.now()).toBeGreaterThan(39 * DAY * 1000);
  });

  it('carries simulated now on injected faults (throttling)', async () => {
    await aws.setFaults({ throttle: { rate: 1, operations: ['DescribeRegions'] } });
    try {
      const res = await call('ec2', { headers: form, body: 'Action=DescribeRegions&Version=2016-11-15' });
      expect(res.status).toBe(503);
      expect(Math.abs(Date.parse(res.headers.get('date')!) - (await simNow()))).toBeLessThan(5_000);
    } finally {
      await aws.setFaults({});
    }
  });

  it("moves the SDK's clock to the simulator's (clock skew correction)", async () => {
    const ec2 = new EC2Client(aws.sdkConfig());
    await ec2.send(new DescribeRegionsCommand({}));
    const offset = ec2.config.systemClockOffset ?? 0;
    expect(Math.abs(Date.now() + offset - (await simNow()))).toBeLessThan(5_000);
  });
});
