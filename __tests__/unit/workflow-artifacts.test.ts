import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactStore, findFiles, globToRegExp } from '../../scripts/lib/workflow/artifacts.js';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const tree = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();

describe('artifacts (upload-artifact@v4, download-artifact@v4)', () => {
  it('globs', () => {
    expect(globToRegExp('accounts-*').test('accounts-12')).toBe(true);
    expect(globToRegExp('accounts-*').test('accounts')).toBe(false);
    expect(globToRegExp('out/**/*.json').test('out/a/b/c.json')).toBe(true);
    expect(globToRegExp('out/**/*.json').test('out/c.json')).toBe(true);
    expect(globToRegExp('{a,b}-?').test('b-1')).toBe(true);
  });

  it('keeps paths below the search paths: a file at the top, a directory by its contents, globs below their stem', () => {
    const ws = workspace({ 'a.json': '1', 'out/x/b.json': '2', 'out/y/c.txt': '3', 'out/z.json': '4' });
    const rel = (path: string) => {
      const { files, root } = findFiles(path, ws);
      return files.map((f) => f.slice(root.length + 1));
    };
    expect(rel('a.json')).toEqual(['a.json']);
    expect(rel('out')).toEqual(['x/b.json', 'y/c.txt', 'z.json']);
    expect(rel('out/**/*.json')).toEqual(['x/b.json', 'z.json']);
    expect(rel('out\n!out/y')).toEqual(['x/b.json', 'z.json']);
    expect(rel('a.json\nout/x/b.json')).toEqual(['a.json', 'out/x/b.json']);
  });

  it('one name per run; download by name, or by pattern into a folder each or merged', () => {
    const store = new ArtifactStore(
      mkdtempSync(join(tmpdir(), 'artifacts-')),
      'https://github.com/o/r/actions/runs/1',
    );
    const one = workspace({ 'accounts-1.json': '{"1":{}}' });
    const two = workspace({ 'accounts-2.json': '{"2":{}}' });
    expect(store.upload({ name: 'accounts-1', path: 'accounts-1.json' }, one)).toMatchObject({
      ok: true,
      outputs: { 'artifact-id': '1', 'artifact-url': 'https://github.com/o/r/actions/runs/1/artifacts/1' },
    });
    expect(store.upload({ name: 'accounts-1', path: 'accounts-1.json' }, one)).toMatchObject({
      ok: false,
      log: expect.stringContaining('(409) Conflict: an artifact with this name already exists'),
    });
    expect(store.upload({ name: 'accounts-2', path: 'accounts-2.json' }, two).ok).toBe(true);
    expect(store.upload({ name: 'none', path: 'missing.json' }, two)).toMatchObject({
      ok: true,
      outputs: {},
    });
    expect(store.upload({ name: 'none', path: 'missing.json', 'if-no-files-found': 'error' }, two).ok).toBe(
      false,
    );

    const merged = workspace({});
    expect(
      store.download({ pattern: 'accounts-*', 'merge-multiple': 'true', path: 'shards' }, merged).ok,
    ).toBe(true);
    expect(tree(join(merged, 'shards'))).toEqual(['accounts-1.json', 'accounts-2.json']);
    const apart = workspace({});
    store.download({ pattern: 'accounts-*' }, apart);
    expect(tree(apart)).toEqual(['accounts-1/accounts-1.json', 'accounts-2/accounts-2.json']);
    const named = workspace({});
    store.download({ name: 'accounts-2' }, named);
    expect(readFileSync(join(named, 'accounts-2.json'), 'utf8')).toBe('{"2":{}}');
    expect(store.download({ name: 'accounts-3' }, named)).toMatchObject({
      ok: false,
      log: 'Unable to download artifact(s): Artifact not found for name: accounts-3',
    });
  });
});
