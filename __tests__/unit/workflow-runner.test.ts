import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOrder, runWorkflow, type StepRun } from '../../scripts/lib/workflow/runner.js';

const CHAIN = resolve(import.meta.dirname, '../fixtures/workflows/chain.yml');

function fakeAction(outcomes: Record<string, Partial<StepRun>>) {
  const calls: { mode: string; inputs: Record<string, string>; env: Record<string, string> }[] = [];
  return {
    calls,
    runStep: async ({ inputs, env }: { inputs: Record<string, string>; env: Record<string, string> }) => {
      calls.push({ mode: inputs.mode, inputs, env });
      return { ok: true, outputs: {}, summary: '', log: '', ...outcomes[inputs.mode] };
    },
  };
}

const options = {
  file: CHAIN,
  event: { name: 'push', ref: 'refs/tags/v2.1.0' },
  vars: { ASG: 'web' },
  isThisAction: (uses: string) => uses === './' || uses.startsWith('org/ami-action@'),
  inputOverrides: { 'poll-interval': '1s' },
};

describe('workflow runner', () => {
  it('orders jobs by needs and rejects cycles', () => {
    expect(jobOrder({ c: { needs: ['a', 'b'] }, b: { needs: 'a' }, a: {} })).toEqual(['a', 'b', 'c']);
    expect(() => jobOrder({ a: { needs: 'b' }, b: { needs: 'a' } })).toThrow(/cycle/);
    expect(() => jobOrder({ a: { needs: 'missing' } })).toThrow(/missing/);
  });

  it('passes step outputs through job outputs to the next job, with vars, github and the region', async () => {
    const amis = '{"eu-west-1":"ami-0123456789abcdef0"}';
    const action = fakeAction({ bake: { outputs: { 'ami-id': 'ami-0123456789abcdef0', amis } } });
    const result = await runWorkflow({ ...options, runStep: action.runStep });
    expect(action.calls.map((call) => call.mode)).toEqual(['bake', 'deploy']);
    expect(action.calls[0].inputs).toEqual({ mode: 'bake', tag: 'v2.1.0', 'poll-interval': '1s' });
    expect(action.calls[0].env.AWS_REGION).toBe('eu-west-1');
    expect(action.calls[1].inputs).toMatchObject({ mode: 'deploy', amis, asg: 'web' });
    expect(result.jobs.rollback.result).toBe('skipped');
    expect(
      result.steps.find((step) => step.inputs.mode === undefined && step.job === 'bake' && !step.ran),
    ).toBeDefined();
  });

  it('runs the failure() job when a needed job failed, and skips later steps of a failed job', async () => {
    const action = fakeAction({ deploy: { ok: false } });
    const result = await runWorkflow({ ...options, runStep: action.runStep });
    expect(result.jobs.deploy.result).toBe('failure');
    expect(result.jobs.rollback.result).toBe('success');
    expect(action.calls.map((call) => call.mode)).toEqual(['bake', 'deploy', 'rollback']);
  });
});
