import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.01 });
beforeEach(() => aws.reset());

describe('control API', () => {
  it('GET /_sim/state shows exactly the calls the test made', async () => {
    const kms = new KMSClient(aws.sdkConfig('eu-central-1'));
    await kms.send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }));
    await kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })).catch(() => undefined);
    const state = await aws.state();
    expect(state).toMatchObject({ accountId: '123456789012', timeScale: 0.01, faults: {} });
    expect(Object.keys(state.services)).toEqual(expect.arrayContaining(['kms', 'sts']));
    expect(state.calls).toEqual([
      {
        service: 'kms',
        operation: 'DescribeKey',
        region: 'eu-central-1',
        account: '123456789012',
        time: expect.any(String),
        outcome: 'ok',
        httpStatus: 200,
        attempt: 1,
        input: { KeyId: 'alias/ami-action' },
      },
      expect.objectContaining({
        outcome: 'NotFoundException',
        httpStatus: 400,
        input: { KeyId: 'alias/nope' },
      }),
    ]);
  });

  it('reset clears calls and faults and re-seeds; ?empty=1 leaves services empty', async () => {
    await new KMSClient(aws.sdkConfig()).send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }));
    await aws.setFaults({ throttle: { rate: 0.1 } });
    await aws.reset();
    let state = await aws.state();
    expect(state.calls).toEqual([]);
    expect(state.faults).toEqual({});
    expect(Object.keys(state.services.kms.regions)).toContain('us-east-1');
    await aws.reset({ empty: true });
    state = await aws.state();
    expect(state.services.kms.regions).toEqual({});
  });

  it('seed rejects sections no model owns', async () => {
    await expect(aws.seed({ nosuch: {} })).rejects.toThrow(/nosuch/);
  });

  it('simulated time runs at 1/timeScale and can jump forward', async () => {
    const t0 = Date.parse((await aws.state()).time);
    await new Promise((r) => setTimeout(r, 50));
    const t1 = Date.parse((await aws.state()).time);
    expect(t1 - t0).toBeGreaterThanOrEqual(4000);
    await aws.advance(3600);
    const t2 = Date.parse((await aws.state()).time);
    expect(t2 - t1).toBeGreaterThanOrEqual(3600_000);
    expect(aws.sim.clock.realMs(100)).toBe(1000);
  });

  it('answers health and 404 for unknown control paths', async () => {
    expect(await (await fetch(`${aws.url}/_sim/health`)).json()).toMatchObject({ ok: true });
    expect((await fetch(`${aws.url}/_sim/nope`)).status).toBe(404);
  });
});

describe('npm run sim', () => {
  it('prints one ready line with the real port, serves, and stops on SIGTERM', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const child = spawn('npm', ['run', '--silent', 'sim', '--', '--port', '0', '--time-scale', '0.01'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = Date.now();
    try {
      const line = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('\n')) ok(out.split('\n')[0]);
        });
        child.on('exit', (code) => fail(new Error(`exited ${code}`)));
        setTimeout(() => fail(new Error(`no ready line: ${out}`)), 15_000);
      });
      expect(line).toMatch(
        /^ami-action simulated AWS listening on http:\/\/127\.0\.0\.1:\d+ \(time scale 0\.01\)$/,
      );
      console.log(`sim CLI ready after ${Date.now() - started} ms (including npm and tsx start-up)`);
      const url = /(http:\/\/\S+)/.exec(line)![1];
      expect(url).not.toMatch(/:0$/);
      expect(await (await fetch(`${url}/_sim/health`)).json()).toMatchObject({ ok: true });
      const out = await new KMSClient({ ...aws.sdkConfig(), endpoint: url }).send(
        new DescribeKeyCommand({ KeyId: 'alias/ami-action' }),
      );
      expect(out.KeyMetadata?.KeyManager).toBe('CUSTOMER');
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });
});
