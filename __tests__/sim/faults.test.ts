import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Faults, ServiceModel } from '../../sim/core/types.js';
import { serviceModels } from '../../sim/services/index.js';
import { useSimulator } from '../helpers/sim.js';

// The real EC2 model (other models' seeds use its state) with DescribeImages stubbed out.
const realEc2 = serviceModels.find((m) => m.signingName === 'ec2')!;
const ec2: ServiceModel = { ...realEc2, handlers: { DescribeImages: () => ({ Images: [] }) } };
const aws = useSimulator({ models: serviceModels.map((m) => (m.signingName === 'ec2' ? ec2 : m)) });
const kms = () => new KMSClient(aws.sdkConfig('us-east-1'));
beforeEach(() => aws.reset());

describe('throttle', () => {
  it('at rate 0.3 some attempts are throttled and retried; every call still succeeds', async () => {
    await aws.setFaults({ seed: 7, throttle: { rate: 0.3, operations: ['DescribeKey'] } });
    for (let i = 0; i < 12; i++) {
      const out = await kms().send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }));
      expect(out.KeyMetadata?.KeyId).toBeTruthy();
    }
    await kms().send(new ListAliasesCommand({}));
    const calls = await aws.calls();
    const throttled = calls.filter((c) => c.outcome === 'ThrottlingException');
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((c) => c.httpStatus === 400 && c.operation === 'DescribeKey')).toBe(true);
    expect(calls.filter((c) => c.outcome === 'ok')).toHaveLength(13);
    expect(calls.some((c) => (c.attempt ?? 1) >= 2 && c.outcome === 'ok')).toBe(true);
  });

  it('at rate 1 the SDK gives up with its throttling error after its attempts', async () => {
    await aws.setFaults({ throttle: { rate: 1 } });
    const err = await kms()
      .send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }))
      .catch((e) => e);
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata.attempts).toBe(3);
    expect((await aws.calls()).map((c) => [c.attempt, c.outcome])).toEqual([
      [1, 'ThrottlingException'],
      [2, 'ThrottlingException'],
      [3, 'ThrottlingException'],
    ]);
  });

  it('answers each protocol its own throttling code', async () => {
    await aws.setFaults({ throttle: { rate: 1 } });
    const opts = { ...aws.sdkConfig('us-west-2'), maxAttempts: 1 };
    const e1 = await new STSClient(opts).send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(e1.name).toBe('Throttling');
    const e2 = await new EC2Client(opts).send(new DescribeImagesCommand({})).catch((e) => e);
    expect(e2.name).toBe('RequestLimitExceeded');
    expect(e2.$metadata.httpStatusCode).toBe(503);
  });

  it('is deterministic for a seed', async () => {
    const run = async () => {
      await aws.reset();
      await aws.setFaults({ seed: 3, throttle: { rate: 0.5 } });
      const opts = { ...aws.sdkConfig(), maxAttempts: 1 };
      const outcomes: string[] = [];
      for (let i = 0; i < 10; i++) {
        outcomes.push(
          await new STSClient(opts)
            .send(new GetCallerIdentityCommand({}))
            .then(() => 'ok')
            .catch((e) => e.name),
        );
      }
      return outcomes;
    };
    const a = await run();
    expect(a).toContain('ok');
    expect(a).toContain('Throttling');
    expect(await run()).toEqual(a);
  });
});

describe('serverErrors', () => {
  it('answers 500 InternalFailure, which the SDK retries', async () => {
    await aws.setFaults({ serverErrors: { rate: 1, operations: ['ListAliases'] } });
    await kms().send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }));
    const err = await kms()
      .send(new ListAliasesCommand({}))
      .catch((e) => e);
    expect(err.name).toBe('InternalFailure');
    expect(err.$fault).toBe('server');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 3 });
  });
});

describe('fault set', () => {
  it('keeps the fields the service models read, and rejects malformed sets', async () => {
    const faults = {
      seed: 1,
      notFoundAfterCreateSeconds: 30,
      ssmNeverOnline: ['ami-1'],
      commandFailures: [{ pattern: 'smoke', exitCode: 3, stderr: 'boom' }],
      commandTimeouts: [{ pattern: 'slow' }],
      failCopiesTo: ['ap-southeast-2'],
      commandOutputs: [{ pattern: 'status', stdout: 'ok\n', stderr: '' }],
      consoleOutput: { 'ami-1': 'app: started\n' },
    };
    await aws.setFaults(faults);
    expect(aws.sim.faults).toEqual(faults);
    expect((await aws.state()).faults).toEqual(faults);
    await expect(aws.setFaults({ throttle: { rate: 2 } })).rejects.toThrow(/rate/);
    await expect(aws.setFaults({ commandFailures: [{ pattern: '(' }] })).rejects.toThrow(
      /regular expression/,
    );
    await expect(aws.setFaults({ commandOutputs: [{ pattern: '[' }] })).rejects.toThrow(/regular expression/);
    // Shapes a JSON body may carry, not the typed ones.
    const posted = (faults: unknown) => aws.setFaults(faults as Faults);
    await expect(posted({ commandOutputs: [{ pattern: 'x', stdout: 3 }] })).rejects.toThrow(/commandOutputs/);
    await expect(posted({ consoleOutput: ['text'] })).rejects.toThrow(/consoleOutput/);
    await expect(posted({ consoleOutput: { 'ami-1': 1 } })).rejects.toThrow(/consoleOutput/);
    await aws.setFaults({});
    expect(aws.sim.faults).toEqual({});
  });
});
