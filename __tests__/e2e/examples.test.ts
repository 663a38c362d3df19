/**
 * Every example workflow's steps of this action run in order against the simulated AWS, with their
 * `${{ }}` expressions resolved between steps and jobs exactly as written; only poll-interval is
 * overridden. The workflow runner assumes the roles the workflows name (OIDC and role chaining against
 * the simulator's STS), so each step acts in the account its credentials belong to. An example that
 * drifts from the action fails here.
 *
 * Time scale: role sessions expire in simulated time, while process starts and polls take real time;
 * at 1/250 a one-hour session lasts 14 real seconds, well beyond what any job of this action alone
 * takes. Packer polls AWS every 5 real seconds (the template's aws_polling, as on AWS), so a Packer
 * bake takes some 20 real seconds whatever the time scale: the Packer workflows run against their
 * own simulator at 1/50, where that is some 17 simulated minutes of a 90-minute session.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runWithPost } from '../../scripts/lib/action-process.js';
import {
  ENVIRONMENTS,
  exampleRoles,
  PRODUCTION_ACCOUNT,
  STAGING_ACCOUNT,
  TOOLING_ACCOUNT,
  workloadAccounts,
  workloadApps,
} from '../../scripts/lib/org-seed.js';
import { AccountView } from '../../scripts/lib/org-view.js';
import { simEnv } from '../../scripts/lib/sim-env.js';
import { runWorkflow, type WorkflowEvent } from '../../scripts/lib/workflow/runner.js';
import { consumerRoleArn } from '../../sim/index.js';
import { BUILD_CALLS, publishNewerBase } from '../helpers/base-image.js';
import { mutatingCalls } from '../helpers/e2e.js';
import { type SimHandle, useSimulator } from '../helpers/sim.js';

const ROOT = resolve(import.meta.dirname, '../..');
const aws = useSimulator({ timeScale: 0.004 });
const packerAws = useSimulator({ timeScale: 0.02 });
beforeEach(async () => {
  for (const sim of [aws, packerAws]) {
    await sim.reset();
    await sim.seed(exampleRoles());
  }
  await aws.seed(workloadApps());
});

function runExample(
  file: string,
  event: WorkflowEvent,
  options: { repository?: string; sim?: SimHandle } = {},
) {
  return runWorkflow({
    file: resolve(ROOT, 'examples/workflows', file),
    event,
    isThisAction: (uses) => /^[^/]+\/ami-action@/.test(uses),
    inputOverrides: { 'poll-interval': '200ms' },
    env: {
      ...simEnv((options.sim ?? aws).url),
      CHECKPOINT_DISABLE: '1',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_POLL_DELAY_SECONDS: '1',
    },
    environments: ENVIRONMENTS,
    repository: options.repository ?? ROOT,
    runStep: async ({ inputs, env }) => {
      const { main, post } = await runWithPost({ inputs, env, timeoutMs: 240_000 });
      return {
        ok: main.exitCode === 0 && post.exitCode === 0,
        outputs: main.outputs,
        summary: main.summary,
        log: main.log + post.log,
      };
    },
  });
}

/** A private AMI of the tooling account in us-east-1, an hour old, for publish to start from. */
function seedToolingAmi(imageId: string, name: string) {
  const creationDate = new Date(Date.now() - 3_600_000).toISOString();
  return aws.seed({
    ec2: {
      images: [{ region: 'us-east-1', imageId, name, ownerId: TOOLING_ACCOUNT, public: false, creationDate }],
    },
  });
}

const failures = (result: Awaited<ReturnType<typeof runExample>>) =>
  result.steps
    .filter((step) => step.conclusion === 'failure')
    .map((step) => `${step.leg}/${step.name}:\n${step.log}`);

describe('example workflows against the simulated AWS', () => {
  it('release.yml: bake, test and publish side by side in the tooling account, publish into both workload accounts, canary in staging, rollout in production; rollback.yml puts production back', async () => {
    const staging = new AccountView(aws.url, STAGING_ACCOUNT);
    const production = new AccountView(aws.url, PRODUCTION_ACCOUNT);
    const tooling = new AccountView(aws.url, TOOLING_ACCOUNT);
    const before = await production.groupAmis('us-east-1', 'demo-app');
    const toolingBefore = await tooling.groupAmis('us-east-1', 'demo-app');
    const release = await runExample('release.yml', { name: 'push', ref: 'refs/tags/v1.0.0' });
    expect(failures(release)).toEqual([]);
    expect(release.jobs['rollback-production'].result).toBe('skipped');
    const amis = JSON.parse(release.jobs.publish.outputs.amis);
    expect(Object.keys(amis)).toEqual(['us-east-1', 'eu-west-1']);
    const ran = release.steps.filter((step) => step.ran);
    const modes = ran.map((step) => step.inputs.mode);
    // test and publish run side by side after bake (publish shares once the test passed).
    expect(modes[0]).toBe('bake');
    expect(modes.slice(1, 3).sort()).toEqual(['publish', 'test']);
    expect(modes.slice(3)).toEqual(['deploy', 'deploy']);
    const [test, publish] = ['test', 'publish'].map((mode) => ran.find((step) => step.inputs.mode === mode)!);
    expect(publish.startedAt!).toBeLessThan(test.endedAt!);

    // Each workload account has its own encrypted copy in each region, and its parameter names it.
    const accounts = JSON.parse(release.jobs.publish.outputs.accounts);
    expect(Object.keys(accounts).sort()).toEqual([STAGING_ACCOUNT, PRODUCTION_ACCOUNT]);
    for (const [view, account] of [
      [staging, STAGING_ACCOUNT],
      [production, PRODUCTION_ACCOUNT],
    ] as const) {
      expect(Object.keys(accounts[account])).toEqual(['us-east-1', 'eu-west-1']);
      for (const region of ['us-east-1', 'eu-west-1']) {
        const own = accounts[account][region];
        expect(own).not.toBe(amis[region]);
        expect(await view.parameter(region, '/ami/demo-app/latest')).toEqual({ value: own, version: 1 });
        expect(await view.image(region, own)).toMatchObject({
          ownerId: account,
          encrypted: true,
          // The AMI published (the source region's), in every region: what a re-run finds the copies by.
          tags: { 'ami-action:source-account': TOOLING_ACCOUNT, 'ami-action:source-ami': amis['us-east-1'] },
        });
      }
    }
    // The tooling account's own parameter names its AMIs.
    expect((await tooling.parameter('us-east-1', '/ami/demo-app/latest'))?.value).toBe(amis['us-east-1']);

    // Each deploy rolled its own account's group out to that account's copy: nothing was `unchanged`.
    expect(await staging.groupAmis('us-east-1', 'demo-app')).toEqual([
      accounts[STAGING_ACCOUNT]['us-east-1'],
    ]);
    expect(await production.groupAmis('us-east-1', 'demo-app')).toEqual([
      accounts[PRODUCTION_ACCOUNT]['us-east-1'],
    ]);
    const refreshes = (await aws.calls()).filter((call) => call.operation === 'StartInstanceRefresh');
    expect(refreshes.map((call) => call.account)).toEqual([STAGING_ACCOUNT, PRODUCTION_ACCOUNT]);
    // The tooling account's own demo-app group was not touched.
    expect(await tooling.groupAmis('us-east-1', 'demo-app')).toEqual(toolingBefore);
    expect(release.jobs['deploy-production'].legs[0].environment).toEqual({ name: 'production' });

    const rollback = await runExample('rollback.yml', {
      name: 'workflow_dispatch',
      ref: 'refs/heads/main',
      inputs: { asg: 'demo-app', environment: 'production' },
    });
    expect(failures(rollback)).toEqual([]);
    expect(await production.groupAmis('us-east-1', 'demo-app')).toEqual(before);
    expect(await staging.groupAmis('us-east-1', 'demo-app')).toEqual([
      accounts[STAGING_ACCOUNT]['us-east-1'],
    ]);
  }, 300_000);

  it('org-publish-sharded.yml: 8 accounts from accounts.txt in 3 shards, 2 regions; the merge job holds every account and region, each account its own copy', async () => {
    // Six more workload accounts beside the default two, each with ami-consumer, alias/ami and a VPC.
    const more = Array.from({ length: 6 }, (_, i) => `4000000000${String(i + 1).padStart(2, '0')}`);
    const accounts = [STAGING_ACCOUNT, PRODUCTION_ACCOUNT, ...more];
    await aws.seed(workloadAccounts(more, ['us-east-1', 'eu-west-1']));
    const amiId = 'ami-0a1b2c3d4e5f60718';
    await seedToolingAmi(amiId, 'demo-app-2.0.0');
    const repository = mkdtempSync(join(tmpdir(), 'org-repo-'));
    writeFileSync(join(repository, 'accounts.txt'), `# workload accounts\n${accounts.join('\n')}\n`);
    const result = await runExample(
      'org-publish-sharded.yml',
      { name: 'workflow_dispatch', ref: 'refs/heads/main', inputs: { 'ami-id': amiId, 'shard-size': '3' } },
      { repository },
    );
    expect(failures(result)).toEqual([]);
    const calls = await aws.calls();
    const legs = result.jobs.publish.legs;
    expect(legs.map((leg) => [leg.name, leg.result, leg.matrix.accounts])).toEqual([
      ['publish (shard 1)', 'success', accounts.slice(0, 3).join(',')],
      ['publish (shard 2)', 'success', accounts.slice(3, 6).join(',')],
      ['publish (shard 3)', 'success', accounts.slice(6).join(',')],
    ]);
    expect(result.artifacts.sort()).toEqual(['accounts', 'accounts-1', 'accounts-2', 'accounts-3']);
    const amis = JSON.parse(result.jobs.prepare.outputs.amis);
    expect(Object.keys(amis)).toEqual(['us-east-1', 'eu-west-1']);
    const merged = JSON.parse(result.jobs.merge.outputs.accounts);
    expect(Object.keys(merged).sort()).toEqual([...accounts].sort());
    for (const account of accounts) {
      expect(Object.keys(merged[account]).sort()).toEqual(['eu-west-1', 'us-east-1']);
      const view = new AccountView(aws.url, account);
      for (const region of ['us-east-1', 'eu-west-1']) {
        const own = merged[account][region];
        expect((await view.parameter(region, '/ami/demo-app/latest'))?.value).toBe(own);
        expect(await view.image(region, own)).toMatchObject({
          ownerId: account,
          encrypted: true,
          tags: { 'ami-action:source-account': TOOLING_ACCOUNT, 'ami-action:source-ami': amiId },
        });
      }
    }
    // The region copy was made once, by prepare; each account's role was assumed by one shard only.
    const copies = calls.filter((call) => call.operation === 'CopyImage' && call.account === TOOLING_ACCOUNT);
    expect(copies.map((call) => call.region)).toEqual(['eu-west-1']);
    const assumed = calls
      .filter((call) => call.operation === 'AssumeRole' && call.outcome === 'ok')
      .map((call) => String((call.input as { RoleArn?: string }).RoleArn));
    for (const account of accounts)
      expect(assumed.filter((arn) => arn === consumerRoleArn(account))).toHaveLength(1);
  }, 300_000);

  it('org-publish-sharded.yml: accounts from the input; a shard with an account whose role is missing refuses before any change there, the other shard publishes, merge fails naming the shortfall after merging what was published', async () => {
    const [ready, missing] = ['400000000001', '400000000009'];
    await aws.seed(workloadAccounts([ready], ['us-east-1', 'eu-west-1']));
    const amiId = 'ami-0a1b2c3d4e5f60719';
    await seedToolingAmi(amiId, 'demo-app-2.0.1');
    const accounts = [STAGING_ACCOUNT, PRODUCTION_ACCOUNT, ready, missing];
    const result = await runExample('org-publish-sharded.yml', {
      name: 'workflow_dispatch',
      ref: 'refs/heads/main',
      inputs: { 'ami-id': amiId, accounts: accounts.join(', '), 'shard-size': '2' },
    });
    expect(result.jobs.publish.legs.map((leg) => [leg.matrix.accounts, leg.result])).toEqual([
      [`${STAGING_ACCOUNT},${PRODUCTION_ACCOUNT}`, 'success'],
      [`${ready},${missing}`, 'failure'],
    ]);
    const refused = result.steps.find((step) => step.leg === 'publish (shard 2)' && step.kind === 'action');
    expect(refused?.log).toContain(`account ${missing}`);
    // The shard refused as a whole: nothing changed in either of its accounts.
    const calls = await aws.calls();
    for (const account of [ready, missing])
      expect(mutatingCalls(calls.filter((call) => call.account === account))).toEqual([]);
    // merge ran (fail-fast: false let shard 1 finish), merged shard 1's accounts, and failed.
    expect(result.jobs.merge.result).toBe('failure');
    expect(JSON.parse(result.jobs.merge.outputs.accounts)).toEqual({
      [STAGING_ACCOUNT]: expect.any(Object),
      [PRODUCTION_ACCOUNT]: expect.any(Object),
    });
    const merge = result.steps.find((step) => step.id === 'merge');
    expect(merge?.log).toContain('2 of 4 accounts from 1 shards');
    expect(merge?.log).toContain('2 target accounts have no AMI');
  }, 300_000);

  it('nightly-cleanup.yml takes all but the 5 newest old, unused demo-app AMIs through deprecate, disable, delete a week apart', async () => {
    // Seven AMIs of the app, 60 to 66 days old (older-than: 30d), never launched (unused-for: 30d).
    const day = 86_400_000;
    const images = Array.from({ length: 7 }, (_, i) => ({
      region: 'us-east-1',
      imageId: `ami-0d0d0d0d0d0d0d0d${i}`,
      name: `demo-app-1.0.${i}`,
      ownerId: '123456789012',
      public: false,
      creationDate: new Date(Date.now() - (66 - i) * day).toISOString(),
    }));
    await aws.seed({ ec2: { images } });
    const oldest = images.slice(0, 2).map((image) => image.imageId);
    const night = async () => {
      const result = await runExample('nightly-cleanup.yml', { name: 'schedule', ref: 'refs/heads/main' });
      expect(failures(result)).toEqual([]);
      const cleanup = result.steps.find((step) => step.id === 'cleanup');
      expect(result.steps.find((step) => step.id === 'restore')?.ran).toBe(false);
      return cleanup?.outputs ?? {};
    };
    const ids = (json: string | undefined) =>
      (JSON.parse(json ?? '[]') as { imageId: string }[]).map((r) => r.imageId);
    const first = await night();
    expect(ids(first.moved).sort()).toEqual(oldest);
    expect(ids(first.removed)).toEqual([]);
    await aws.advance(7 * 86400);
    const second = await night();
    expect(ids(second.moved).sort()).toEqual(oldest);
    const regions = () => aws.state().then((state) => state.services.ec2.regions['us-east-1'].images);
    for (const id of oldest) expect((await regions())[id]?.disabled).toBe(true);
    await aws.advance(7 * 86400);
    const third = await night();
    expect(ids(third.removed).sort()).toEqual(oldest);
    const left = await regions();
    expect(images.filter((image) => left[image.imageId]).map((image) => image.imageId)).toEqual(
      images.slice(2).map((image) => image.imageId),
    );
  }, 180_000);

  const hasPacker = (() => {
    try {
      execFileSync('sh', ['-c', 'command -v packer']);
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!hasPacker)(
    'nightly-bake.yml: bakes, tests and publishes on a newer base; the next night nothing changed: the bake is skipped, and so are test and publish',
    async () => {
      const base = await publishNewerBase(packerAws);
      const first = await runExample(
        'nightly-bake.yml',
        { name: 'schedule', ref: 'refs/heads/main' },
        { sim: packerAws },
      );
      expect(failures(first)).toEqual([]);
      const ran = (result: typeof first) =>
        result.steps.filter((step) => step.ran).map((step) => step.inputs.mode);
      expect(ran(first)).toEqual(['bake', 'test', 'publish']);
      const bake = first.steps.find((step) => step.id === 'bake');
      expect(bake?.outputs).toMatchObject({ skipped: 'false', 'base-image': base });
      const amiId = bake?.outputs['ami-id'] as string;
      const published = first.steps.find((step) => step.id === 'publish');
      expect(JSON.parse(published?.outputs.amis ?? '{}')).toEqual({ 'us-east-1': amiId });

      const before = (await packerAws.calls()).length;
      const second = await runExample(
        'nightly-bake.yml',
        { name: 'schedule', ref: 'refs/heads/main' },
        { sim: packerAws },
      );
      expect(failures(second)).toEqual([]);
      expect(ran(second)).toEqual(['bake']);
      const again = second.steps.find((step) => step.id === 'bake');
      expect(again?.outputs).toMatchObject({ skipped: 'true', 'ami-id': amiId, 'base-image': base });
      const calls = (await packerAws.calls()).slice(before);
      expect(calls.filter((c) => BUILD_CALLS.includes(c.operation))).toEqual([]);
    },
    300_000,
  );

  it.skipIf(!hasPacker)(
    'pr-test-bake.yml: Packer bake, test, and the throwaway AMI removed',
    async () => {
      const result = await runExample(
        'pr-test-bake.yml',
        {
          name: 'pull_request',
          ref: 'refs/pull/7/merge',
          payload: { pull_request: { number: 7 } },
        },
        { sim: packerAws },
      );
      expect(failures(result)).toEqual([]);
      const bake = result.steps.find((step) => step.inputs.mode === 'bake');
      const amiId = bake?.outputs['ami-id'] as string;
      expect(amiId).toMatch(/^ami-/);
      const images = (await packerAws.state()).services.ec2.regions['us-east-1'].images;
      expect(images[amiId]).toBeUndefined();
    },
    300_000,
  );
});
