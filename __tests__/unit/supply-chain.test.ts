import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const check = (dist: string) =>
  spawnSync(process.execPath, ['scripts/check-supply-chain.mjs', '--dist', dist, '--no-audit'], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('the supply-chain check (CI)', () => {
  it('passes on the built dist/: every bundled package licensed and in the SBOM', () => {
    const run = check('dist');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\d+ bundled packages, each in dist\/licenses.txt and dist\/sbom.cdx.json/);
  });

  it('fails naming a bundled package missing from licenses.txt', () => {
    const dist = mkdtempSync(join(tmpdir(), 'dist-'));
    cpSync(join(ROOT, 'dist/sbom.cdx.json'), join(dist, 'sbom.cdx.json'));
    const entries = readFileSync(join(ROOT, 'dist/licenses.txt'), 'utf8').split(/\n{2,}/);
    const dropped = entries.find((entry) => entry.startsWith('yaml\n'));
    expect(dropped).toBeDefined();
    writeFileSync(join(dist, 'licenses.txt'), entries.filter((entry) => entry !== dropped).join('\n\n'));
    const run = check(dist);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/licenses\.txt misses bundled package\(s\): yaml\./);
  });
});
