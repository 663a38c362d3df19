/**
 * The compile cache dist/index.js keeps in RUNNER_TEMP (src/bootstrap.ts): Node 24 writes it, a later
 * step of the job reads it, and a cache that is damaged, foreign or in the way never fails a step.
 * (Whether it is faster is measured by `npm run bench -- cold-start`, never asserted here.)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { NODE24 } from '../helpers/action.js';
import { runAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.001 });
beforeEach(() => aws.reset());

const CACHE = 'ami-action-compile-cache';
/** A step that reads AWS and changes nothing: cleanup's dry run. */
const inputs = { mode: 'cleanup', 'name-prefix': 'app-' };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** The same step with RUNNER_TEMP at `temp` (its own workspace, so only the cache is shared). */
const step = (temp: string, node = NODE24) => runAgainst(aws, { node, inputs, env: { RUNNER_TEMP: temp } });

/** What a run shows the runner, without what differs from run to run. */
const seen = (run: Awaited<ReturnType<typeof step>>) => ({
  exitCode: run.exitCode,
  errors: run.errors,
  outputs: run.outputs,
});

describe('the compile cache in RUNNER_TEMP', () => {
  it('is written by the first step on Node 24 and read by the next, which does the same', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'ami-action-temp-'));
    const first = await step(temp);
    expect(first.exitCode, first.log).toBe(0);
    const written = filesUnder(join(temp, CACHE));
    expect(written.length).toBeGreaterThan(1);
    const second = await step(temp);
    expect(seen(second)).toEqual(seen(first));
  });

  it('is not used on Node 20, which has no compile cache', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'ami-action-temp-'));
    const run = await step(temp, process.execPath);
    expect(run.exitCode, run.log).toBe(0);
    expect(readdirSync(temp)).not.toContain(CACHE);
  });

  it('damaged files (garbage, truncated, empty) are ignored: the step runs as without a cache', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'ami-action-temp-'));
    const clean = await step(temp);
    const files = filesUnder(join(temp, CACHE));
    files.forEach((file, i) => {
      const size = statSync(file).size;
      if (i % 3 === 0) writeFileSync(file, Buffer.alloc(size, 0xa5));
      else if (i % 3 === 1) writeFileSync(file, readFileSync(file).subarray(0, Math.floor(size / 2)));
      else writeFileSync(file, '');
    });
    const damaged = await step(temp);
    expect(seen(damaged)).toEqual(seen(clean));
    expect(damaged.log).not.toMatch(/compile cache|code cache/i);
  });

  it('a foreign cache (another Node version, stray files) and a file where the folder goes do not fail the step', async () => {
    const foreign = mkdtempSync(join(tmpdir(), 'ami-action-temp-'));
    mkdirSync(join(foreign, CACHE, 'v99.0.0-x64-deadbeef-0'), { recursive: true });
    writeFileSync(join(foreign, CACHE, 'v99.0.0-x64-deadbeef-0', '0123abcd'), 'not a cache');
    writeFileSync(join(foreign, CACHE, 'stray'), 'not a cache');
    const blocked = mkdtempSync(join(tmpdir(), 'ami-action-temp-'));
    writeFileSync(join(blocked, CACHE), 'a file where the cache folder goes');
    const baseline = await step(mkdtempSync(join(tmpdir(), 'ami-action-temp-')));
    expect(baseline.exitCode, baseline.log).toBe(0);
    for (const temp of [foreign, blocked]) {
      const run = await step(temp);
      expect(seen(run)).toEqual(seen(baseline));
    }
  });
});
