/**
 * GitHub's local runner for JavaScript actions (@github/local-action) runs a mode from one of the
 * shipped .env examples against the simulated AWS, as the README tells users to debug locally.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers/sim.js';

const ROOT = resolve(import.meta.dirname, '../..');
const aws = useSimulator({ timeScale: 0.001 });

describe('@github/local-action', () => {
  it('runs mode test from examples/local-action/test.env.example against the simulator', async () => {
    const example = readFileSync(join(ROOT, 'examples/local-action/test.env.example'), 'utf8');
    expect(example).toContain('AWS_ENDPOINT_URL=http://127.0.0.1:4566');
    const envFile = join(mkdtempSync(join(tmpdir(), 'local-action-')), '.env');
    writeFileSync(envFile, example.replace('http://127.0.0.1:4566', aws.url));

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'node_modules/@github/local-action/bin/local-action.js'),
        'run',
        '.',
        'src/local.ts',
        envFile,
      ],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_NO_WARNINGS: '1' },
        timeout: 60_000,
      },
    );
    expect(stdout).toContain('::set-output name=result::passed');
    const operations = (await aws.calls()).map((call) => call.operation);
    expect(operations).toEqual(expect.arrayContaining(['RunInstances', 'SendCommand', 'TerminateInstances']));
  }, 90_000);
});
