/**
 * The simulator's modules form no import cycle: every `import ... from './x.js'` (type-only ones
 * too) between files under sim/ is an edge, and a depth-first walk must find no back edge.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../sim');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports and re-exports of a file, as absolute .ts paths. */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gms)];
  const bare = [...text.matchAll(/^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm)];
  return [...specs, ...bare].map((m) => resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
}

/** Every cycle's path (first file repeated at the end), one per back edge. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return cycles;
}

describe('sim/ import graph', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
    expect(importsOf('/s/x.ts', "import type { A } from './y.js';\nexport * from '../z.js';")).toEqual([
      '/s/y.ts',
      '/z.ts',
    ]);
  });

  it('has no import cycle', () => {
    const files = sourceFiles(ROOT);
    const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'))]));
    const named = findCycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(' -> '));
    expect(named, `import cycles in sim/:\n${named.join('\n')}`).toEqual([]);
  });
});
