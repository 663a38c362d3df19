import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAction, validateWorkflow, workflowFiles } from '../../scripts/validate-workflows.js';

describe('workflow validation', () => {
  it('passes every workflow of the repository and the examples', async () => {
    for (const file of workflowFiles()) {
      expect(await validateWorkflow(file, readFileSync(file, 'utf8')), file).toEqual([]);
    }
  });

  it('passes action.yml', () => {
    expect(validateAction('action.yml', readFileSync('action.yml', 'utf8'))).toEqual([]);
  });

  it('rejects a workflow with a misspelt key (GitHub parser) and a bad expression (actionlint)', async () => {
    const broken = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    stepz:
      - run: echo hi
  other:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ steps.nope.outputs.ami-id }}
`;
    const problems = await validateWorkflow('broken.yml', broken);
    expect(problems.some((p) => p.tool === 'workflow-parser' && /stepz/.test(p.message))).toBe(true);
    expect(problems.some((p) => p.tool === 'actionlint' && /nope/.test(p.message))).toBe(true);
  });

  it('rejects a mutated example: a job that needs one that does not exist', async () => {
    const file = 'examples/workflows/release.yml';
    const text = readFileSync(file, 'utf8');
    expect(await validateWorkflow(file, text)).toEqual([]);
    const mutated = text.replace('needs: bake\n', 'needs: bakery\n');
    expect(mutated).not.toBe(text);
    expect((await validateWorkflow(file, mutated)).length).toBeGreaterThan(0);
  });

  it('knows the newer runner labels listed in .github/actionlint.yaml, and no others', async () => {
    const job = (label: string) =>
      `on: push\njobs:\n  a:\n    runs-on: ${label}\n    steps:\n      - run: echo hi\n`;
    expect(await validateWorkflow('a.yml', job('ubuntu-24.04-arm'))).toEqual([]);
    expect((await validateWorkflow('a.yml', job('ubuntu-99.04'))).map((p) => p.tool)).toContain('actionlint');
  });

  it('rejects an action.yml whose runs is broken', () => {
    const text = readFileSync('action.yml', 'utf8').replace('using: node24', 'usin: node24');
    expect(validateAction('action.yml', text)).not.toEqual([]);
  });
});
