import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobOrder, runWorkflow, type StepRun } from '../../scripts/lib/workflow/runner.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/workflows');
const CHAIN = join(FIXTURES, 'chain.yml');

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

  it('a matrix from a job output, max-parallel, artifacts from every combination merged by a last job', async () => {
    const repository = mkdtempSync(join(tmpdir(), 'repo-'));
    const accounts = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'];
    writeFileSync(join(repository, 'accounts.txt'), `${accounts.join('\n')}\n`);
    let running = 0;
    let most = 0;
    const publish = async ({ inputs }: { inputs: Record<string, string> }) => {
      running++;
      most = Math.max(most, running);
      // Long enough for the other combinations to start beside it, were they allowed to.
      await new Promise((done) => setTimeout(done, 50));
      running--;
      const mine = Object.fromEntries(
        inputs['target-accounts']
          .split(',')
          .map((account) => [account, { [inputs.region]: `ami-${account}` }]),
      );
      return { ok: true, outputs: { accounts: JSON.stringify(mine) }, summary: '', log: '' };
    };
    const result = await runWorkflow({
      file: join(FIXTURES, 'shards.yml'),
      event: { name: 'workflow_dispatch', ref: 'refs/heads/main' },
      isThisAction: (uses) => uses === './',
      repository,
      runStep: publish,
    });
    const failed = result.steps.filter((step) => step.conclusion !== 'success');
    expect(failed.map((step) => `${step.leg}/${step.name}: ${step.log}`)).toEqual([]);
    const legs = result.jobs.publish.legs;
    expect(legs.map((leg) => leg.name)).toEqual([
      'publish (shard 1)',
      'publish (shard 2)',
      'publish (shard 3)',
    ]);
    expect(legs.map((leg) => leg.matrix.accounts)).toEqual([
      '111111111111,222222222222',
      '333333333333,444444444444',
      '555555555555',
    ]);
    expect(legs.map((leg) => [leg.runsOn, leg.timeoutMinutes])).toEqual([
      ['ubuntu-latest', 1],
      ['ubuntu-latest', 2],
      ['ubuntu-latest', 3],
    ]);
    expect(most).toBe(2);
    expect(result.steps.filter((step) => step.ran).map((step) => step.name)).toEqual([
      'publish shard 1 of 3',
      'publish shard 2 of 3',
      'publish shard 3 of 3',
    ]);
    expect(result.artifacts.sort()).toEqual(['accounts-1', 'accounts-2', 'accounts-3']);
    const merged = JSON.parse(result.jobs.merge.outputs.accounts);
    expect(Object.keys(merged).sort()).toEqual(accounts);
    expect(merged['444444444444']).toEqual({ 'us-east-1': 'ami-444444444444' });
    expect(result.jobs.merge.outputs.publish).toBe('success');
    // A matrix job's outputs: the last combination to end wins.
    expect(Object.keys(JSON.parse(result.jobs.publish.outputs.last))).toHaveLength(accounts.length % 2 || 2);

    // The accounts from the input instead of the file.
    const again = await runWorkflow({
      file: join(FIXTURES, 'shards.yml'),
      event: {
        name: 'workflow_dispatch',
        ref: 'refs/heads/main',
        inputs: { accounts: accounts.slice(0, 4).join(' '), 'shard-size': '3', parallel: 'false' },
      },
      isThisAction: (uses) => uses === './',
      runStep: publish,
    });
    expect(again.jobs.publish.legs.map((leg) => [leg.matrix.accounts, leg.runsOn])).toEqual([
      ['111111111111,222222222222,333333333333', 'self-hosted'],
      ['444444444444', 'self-hosted'],
    ]);
    expect(Object.keys(JSON.parse(again.jobs.merge.outputs.accounts))).toHaveLength(4);
  });

  it('evaluates expressions in names, runs-on, timeout-minutes, environment, env at every level, outputs; vars of the environment', async () => {
    const action = fakeAction({
      deploy: { outputs: { host: 'app.example.com', amis: '{"us-east-1":"ami-0123456789abcdef0"}' } },
    });
    const logs: string[] = [];
    const result = await runWorkflow({
      file: join(FIXTURES, 'contexts.yml'),
      event: { name: 'workflow_dispatch', ref: 'refs/heads/main' },
      vars: { DEPLOY_ACCOUNT: '111111111111', TEAM: 'web', TEAMS: 'web,api' },
      environments: { production: { vars: { DEPLOY_ACCOUNT: '345678901234' } } },
      isThisAction: (uses) => uses === './',
      runStep: action.runStep,
      log: (line) => logs.push(line),
    });
    const [leg] = result.jobs.deploy.legs;
    expect(leg).toMatchObject({
      name: 'deploy to production',
      runsOn: ['self-hosted', 'linux'],
      timeoutMinutes: 3,
      environment: { name: 'production', url: 'https://app.example.com/' },
      result: 'success',
    });
    expect(logs).toContain('job deploy to production: environment "production" (its approval is assumed)');
    expect(logs.join('\n')).not.toContain('${{');
    expect(action.calls[0].inputs).toEqual({
      mode: 'deploy',
      account: '345678901234',
      replicas: '3',
      big: 'true',
      regions: 'us-east-1,eu-west-1',
      prod: 'true',
    });
    expect(action.calls[0].env).toMatchObject({
      STAGE: 'production',
      ACCOUNT: '345678901234',
      REPLICAS: '3',
    });
    expect(result.steps.map((step) => step.name)).toEqual([
      'deploy 345678901234 for web-production',
      'shell as octocat',
      './',
    ]);
    expect(action.calls[1].inputs).toEqual({
      mode: 'rollback',
      note: 'from-production ami-0123456789abcdef0',
    });
    expect(action.calls[1].env.LATER).toBe('from-production');
    expect(JSON.parse(result.jobs.deploy.outputs.summary)).toEqual({
      host: 'app.example.com',
      amis: '{"us-east-1":"ami-0123456789abcdef0"}',
    });
    expect(result.jobs.deploy.outputs.first).toBe('ami-0123456789abcdef0');
  });

  it('fail-fast cancels the combinations not yet finished; needs.<job>.result is failure; without it every combination runs', async () => {
    const run = async (ref: string) => {
      const calls: string[] = [];
      const result = await runWorkflow({
        file: join(FIXTURES, 'fail-fast.yml'),
        event: { name: 'push', ref },
        isThisAction: (uses) => uses === './',
        runStep: async ({ inputs }) => {
          calls.push(`${inputs.mode} ${inputs.n ?? inputs.result}`);
          return { ok: !(inputs.mode === 'deploy' && inputs.n === '2'), outputs: {}, summary: '', log: '' };
        },
      });
      return { calls, result };
    };
    const fast = await run('refs/heads/main');
    expect(fast.result.jobs.legs.legs.map((leg) => leg.result)).toEqual(['success', 'failure', 'cancelled']);
    expect(fast.calls).toEqual(['deploy 1', 'cleanup 1', 'deploy 2', 'cleanup 2', 'report failure']);
    expect(fast.result.jobs.legs.result).toBe('failure');
    const all = await run('refs/heads/feature');
    expect(all.result.jobs.legs.legs.map((leg) => leg.result)).toEqual(['success', 'failure', 'success']);
    expect(all.calls).toEqual([
      'deploy 1',
      'cleanup 1',
      'deploy 2',
      'cleanup 2',
      'deploy 3',
      'cleanup 3',
      'report failure',
    ]);
  });

  it('a matrix that does not expand fails its job, and the jobs that need it are skipped', async () => {
    const result = await runWorkflow({
      file: join(FIXTURES, 'shards.yml'),
      event: { name: 'workflow_dispatch', ref: 'refs/heads/main', inputs: { accounts: ' ' } },
      repository: mkdtempSync(join(tmpdir(), 'repo-')),
      isThisAction: (uses) => uses === './',
      runStep: fakeAction({}).runStep,
    });
    // No accounts.txt: the plan step fails, so publish and merge never run.
    expect(result.jobs.plan.result).toBe('failure');
    expect(result.jobs.publish.result).toBe('skipped');
    expect(result.jobs.merge.result).toBe('skipped');
  });
});
