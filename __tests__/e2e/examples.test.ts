/**
 * Every example workflow's steps of this action run in order against the simulated AWS, with their
 * `${{ }}` expressions resolved between steps and jobs exactly as written; only poll-interval is
 * overridden. An example that drifts from the action fails here.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { runWithPost } from '../../scripts/lib/action-process.js';
import { simEnv } from '../../scripts/lib/sim-env.js';
import { runWorkflow, type WorkflowEvent } from '../../scripts/lib/workflow/runner.js';
import { BUILD_CALLS, publishNewerBase } from '../helpers/base-image.js';
import { useSimulator } from '../helpers/sim.js';

const ROOT = resolve(import.meta.dirname, '../..');
const aws = useSimulator({ timeScale: 0.002 });
beforeEach(() => aws.reset());

function runExample(file: string, event: WorkflowEvent) {
  return runWorkflow({
    file: resolve(ROOT, 'examples/workflows', file),
    event,
    isThisAction: (uses) => /^[^/]+\/ami-action@/.test(uses),
    inputOverrides: { 'poll-interval': '1s' },
    runStep: async ({ inputs, env }) => {
      const { main, post } = await runWithPost({
        inputs,
        env: {
          ...simEnv(aws.url),
          ...env,
          GITHUB_WORKSPACE: ROOT,
          CHECKPOINT_DISABLE: '1',
          AWS_CONFIG_FILE: '/nonexistent',
        },
        timeoutMs: 240_000,
      });
      return {
        ok: main.exitCode === 0 && post.exitCode === 0,
        outputs: main.outputs,
        summary: main.summary,
        log: main.log + post.log,
      };
    },
  });
}

const failures = (result: Awaited<ReturnType<typeof runExample>>) =>
  result.steps
    .filter((step) => step.conclusion === 'failure')
    .map((step) => `${step.job}/${step.name}:\n${step.log}`);

async function instanceAmis(): Promise<string[]> {
  const asg = new AutoScalingClient(aws.sdkConfig('us-east-1'));
  const { AutoScalingGroups } = await asg.send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] }),
  );
  const ids = (AutoScalingGroups?.[0]?.Instances ?? []).map((i) => i.InstanceId as string);
  const { Reservations } = await new EC2Client(aws.sdkConfig('us-east-1')).send(
    new DescribeInstancesCommand({ InstanceIds: ids }),
  );
  return [...new Set((Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.ImageId as string))];
}

describe('example workflows against the simulated AWS', () => {
  it('release.yml: bake, then test and publish side by side, canary to staging, production; then rollback.yml puts the old AMI back', async () => {
    const before = await instanceAmis();
    const release = await runExample('release.yml', { name: 'push', ref: 'refs/tags/v1.0.0' });
    expect(failures(release)).toEqual([]);
    expect(release.jobs['rollback-production'].result).toBe('skipped');
    const amis = JSON.parse(release.jobs.publish.outputs.amis);
    expect(Object.keys(amis)).toEqual(['us-east-1', 'eu-west-1']);
    expect(await instanceAmis()).toEqual([amis['us-east-1']]);
    const ran = release.steps.filter((step) => step.ran);
    const modes = ran.map((step) => step.inputs.mode);
    // test and publish run side by side after bake (publish shares once the test passed).
    expect(modes[0]).toBe('bake');
    expect(modes.slice(1, 3).sort()).toEqual(['publish', 'test']);
    expect(modes.slice(3)).toEqual(['deploy', 'deploy']);
    const [test, publish] = ['test', 'publish'].map((mode) => ran.find((step) => step.inputs.mode === mode)!);
    expect(publish.startedAt!).toBeLessThan(test.endedAt!);

    const rollback = await runExample('rollback.yml', {
      name: 'workflow_dispatch',
      ref: 'refs/heads/main',
      inputs: { asg: 'demo-app', environment: 'production' },
    });
    expect(failures(rollback)).toEqual([]);
    expect(await instanceAmis()).toEqual(before);
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
      const base = await publishNewerBase(aws);
      const first = await runExample('nightly-bake.yml', { name: 'schedule', ref: 'refs/heads/main' });
      expect(failures(first)).toEqual([]);
      const ran = (result: typeof first) =>
        result.steps.filter((step) => step.ran).map((step) => step.inputs.mode);
      expect(ran(first)).toEqual(['bake', 'test', 'publish']);
      const bake = first.steps.find((step) => step.id === 'bake');
      expect(bake?.outputs).toMatchObject({ skipped: 'false', 'base-image': base });
      const amiId = bake?.outputs['ami-id'] as string;
      const published = first.steps.find((step) => step.id === 'publish');
      expect(JSON.parse(published?.outputs.amis ?? '{}')).toEqual({ 'us-east-1': amiId });

      const before = (await aws.calls()).length;
      const second = await runExample('nightly-bake.yml', { name: 'schedule', ref: 'refs/heads/main' });
      expect(failures(second)).toEqual([]);
      expect(ran(second)).toEqual(['bake']);
      const again = second.steps.find((step) => step.id === 'bake');
      expect(again?.outputs).toMatchObject({ skipped: 'true', 'ami-id': amiId, 'base-image': base });
      const calls = (await aws.calls()).slice(before);
      expect(calls.filter((c) => BUILD_CALLS.includes(c.operation))).toEqual([]);
    },
    300_000,
  );

  it.skipIf(!hasPacker)(
    'pr-test-bake.yml: Packer bake, test, and the throwaway AMI removed',
    async () => {
      const result = await runExample('pr-test-bake.yml', {
        name: 'pull_request',
        ref: 'refs/pull/7/merge',
        payload: { pull_request: { number: 7 } },
      });
      expect(failures(result)).toEqual([]);
      const bake = result.steps.find((step) => step.inputs.mode === 'bake');
      const amiId = bake?.outputs['ami-id'] as string;
      expect(amiId).toMatch(/^ami-/);
      const images = (await aws.state()).services.ec2.regions['us-east-1'].images;
      expect(images[amiId]).toBeUndefined();
    },
    300_000,
  );
});
