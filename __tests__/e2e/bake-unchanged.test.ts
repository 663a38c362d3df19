/**
 * Bake only when something changed (#22), end to end against the simulated AWS, with Image Builder
 * (a pipeline following the public Amazon Linux parameter, or an AWS-managed image's newest version)
 * and with the real Packer (a source_ami_filter, a shell-local provisioner script):
 * - nothing changed: the second bake skips, with the first AMI's ids and skipped: true, and makes no
 *   build call (StartImagePipelineExecution, RunInstances, ...) nor any other change;
 * - the base moved behind the public parameter: it builds, and the summary says the base changed;
 * - one line of a provisioner script changed: it builds, and the summary names the file;
 * - test with max-base-age: 30d of an AMI whose base is 40 simulated days old fails with that reason,
 *   before any instance is launched, and shows the AMI's ancestry.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CopyImageCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID, DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { AL2023_X86_PARAMETER } from '../../sim/services/ssm/scenario.js';
import { BUILD_CALLS, NEWER_BASE_AMI_ID, publishNewerBase } from '../helpers/base-image.js';
import { mutatingCalls, runAgainst } from '../helpers/e2e.js';
import { PACKER_ENV, packerOnPath, packerWorkspace } from '../helpers/packer.js';
import { type SimHandle, useSimulator } from '../helpers/sim.js';

const PIPELINE = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/nightly';
const DAY = 86_400;

const imageOf = async (aws: SimHandle, id: string) =>
  (await aws.state()).services.ec2.regions['us-east-1'].images[id];
const tagsOf = (image: { Tags: { Key: string; Value: string }[] }) =>
  Object.fromEntries(image.Tags.map((t) => [t.Key, t.Value]));

/** The calls made since `from` (an index into the call log). */
const callsSince = async (aws: SimHandle, from: number) => (await aws.calls()).slice(from);

describe('Image Builder: bake only when something changed', () => {
  const aws = useSimulator({ timeScale: 0.001 });
  beforeEach(async () => {
    await aws.reset();
    await aws.seed({
      imagebuilder: { pipelines: [{ arn: PIPELINE, parentImage: `ssm:${AL2023_X86_PARAMETER}` }] },
    });
  });
  let run = 5000;
  // Each bake is another workflow run (another client token for the pipeline, as nightly runs are).
  const bake = (extra: Record<string, string> = {}) =>
    runAgainst(aws, {
      env: { GITHUB_RUN_ID: String(++run) },
      inputs: {
        mode: 'bake',
        builder: 'image-builder',
        'pipeline-arn': PIPELINE,
        'skip-if-unchanged': 'true',
        ...extra,
      },
    });

  it('bakes twice with nothing changed: the second skips with the first AMI, skipped: true, and no build call', async () => {
    const first = await bake();
    expect(first.exitCode, first.log).toBe(0);
    expect(first.outputs.skipped).toBe('false');
    expect(first.outputs['base-image']).toBe(DEFAULT_BASE_AMI_ID);
    expect(first.summary).toContain('no earlier AMI of octo-org/app in us-east-1 has a fingerprint');
    const tags = tagsOf(await imageOf(aws, first.outputs['ami-id']));
    expect(tags).toMatchObject({
      'ami-action:base-ami': DEFAULT_BASE_AMI_ID,
      'ami-action:base-region': 'us-east-1',
      'ami-action:repository': 'octo-org/app',
    });
    expect(tags['ami-action:inputs-hash']).toMatch(/^[0-9a-f]{64}$/);
    // pipeline, recipe and its one component, listed for the next bake.
    expect(tags['ami-action:inputs-files']).toMatch(/^3:[0-9a-f]{36}$/);

    const before = (await aws.calls()).length;
    const second = await bake();
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs.skipped).toBe('true');
    expect(second.outputs['ami-id']).toBe(first.outputs['ami-id']);
    expect(second.outputs.amis).toBe(first.outputs.amis);
    expect(second.outputs['image-arn']).toBe(first.outputs['image-arn']);
    expect(second.outputs['base-image']).toBe(DEFAULT_BASE_AMI_ID);
    expect(second.outputs['build-seconds']).toBeUndefined();
    const calls = await callsSince(aws, before);
    expect(calls.filter((c) => BUILD_CALLS.includes(c.operation))).toEqual([]);
    expect(mutatingCalls(calls)).toEqual([]);
    expect(second.log).toContain('nothing to change');
    expect(second.summary).toContain('Bake skipped: nothing changed');
    expect(second.summary).toContain(`${first.outputs['ami-id']} has the same base (${DEFAULT_BASE_AMI_ID})`);
  });

  it('the base moved behind the public parameter: it builds from the new base and says the base changed', async () => {
    const first = await bake();
    expect(first.exitCode, first.log).toBe(0);
    await publishNewerBase(aws);
    const second = await bake();
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs.skipped).toBe('false');
    expect(second.outputs['ami-id']).not.toBe(first.outputs['ami-id']);
    expect(second.outputs['base-image']).toBe(NEWER_BASE_AMI_ID);
    expect(second.summary).toContain(`the base changed from ${DEFAULT_BASE_AMI_ID} to ${NEWER_BASE_AMI_ID}`);
    const image = await imageOf(aws, second.outputs['ami-id']);
    expect(image.SourceImageId).toBe(NEWER_BASE_AMI_ID);
    expect(tagsOf(image)['ami-action:base-ami']).toBe(NEWER_BASE_AMI_ID);
    // The chain goes on: a third bake reuses the second's AMI.
    const third = await bake();
    expect(third.outputs.skipped).toBe('true');
    expect(third.outputs['ami-id']).toBe(second.outputs['ami-id']);
  });

  it('follows the newest version of an AWS-managed parent image (x.x.x)', async () => {
    const managed = 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86';
    await aws.seed({
      imagebuilder: {
        images: [{ arn: `${managed}/2024.10.10/1`, amis: { 'us-east-1': DEFAULT_BASE_AMI_ID } }],
        pipelines: [{ arn: PIPELINE, parentImage: `${managed}/x.x.x` }],
      },
    });
    const first = await bake();
    expect(first.exitCode, first.log).toBe(0);
    expect(first.outputs['base-image']).toBe(DEFAULT_BASE_AMI_ID);
    expect((await bake()).outputs.skipped).toBe('true');

    await publishNewerBase(aws);
    await aws.seed({
      imagebuilder: {
        images: [{ arn: `${managed}/2024.11.20/1`, amis: { 'us-east-1': NEWER_BASE_AMI_ID } }],
      },
    });
    const third = await bake();
    expect(third.exitCode, third.log).toBe(0);
    expect(third.outputs.skipped).toBe('false');
    expect(third.outputs['base-image']).toBe(NEWER_BASE_AMI_ID);
    expect(third.log).toContain(`${managed}/2024.11.20/1`);
    expect(third.summary).toContain(`the base changed from ${DEFAULT_BASE_AMI_ID} to ${NEWER_BASE_AMI_ID}`);
  });

  it('a new recipe version builds and names it; an AMI of another name prefix is not reused', async () => {
    expect((await bake()).exitCode).toBe(0);
    await aws.seed({
      imagebuilder: {
        pipelines: [{ arn: PIPELINE, parentImage: `ssm:${AL2023_X86_PARAMETER}`, recipeVersion: '1.0.1' }],
      },
    });
    const second = await bake();
    expect(second.outputs.skipped).toBe('false');
    expect(second.summary).toContain(
      'new: recipe arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/nightly-recipe/1.0.1; 1 input(s) no longer read',
    );
    const other = await bake({ 'name-prefix': 'other-app' });
    expect(other.outputs.skipped).toBe('false');
    expect(other.summary).toContain(
      'no earlier AMI of octo-org/app named other-app* in us-east-1 has a fingerprint',
    );
  });

  it('test with max-base-age: 30d of an AMI whose base is 40 simulated days old fails with that reason, launching nothing', async () => {
    const base = await publishNewerBase(aws);
    const baked = await bake();
    expect(baked.exitCode, baked.log).toBe(0);
    await aws.advance(40 * DAY);
    const before = (await aws.calls()).length;
    const test = await runAgainst(aws, {
      inputs: {
        mode: 'test',
        'ami-id': baked.outputs['ami-id'],
        'instance-profile': DEFAULT_INSTANCE_PROFILE,
        smoke: 'true',
        'max-base-age': '30d',
      },
    });
    expect(test.exitCode).not.toBe(0);
    expect(test.outputs.result).toBe('failed');
    expect(test.outputs['base-image']).toBe(base);
    const reason = `The base ${base} of ${baked.outputs['ami-id']} is 40 days old`;
    expect(test.errors.join('\n')).toContain(reason);
    expect(test.errors.join('\n')).toContain('older than max-base-age 30d');
    expect(test.log).toMatch(
      new RegExp(
        `AMI ancestry \\(GetImageAncestry\\): ${baked.outputs['ami-id']} \\(us-east-1, created [^)]+\\) <- ${base} \\(us-east-1, amazon, created`,
      ),
    );
    const calls = await callsSince(aws, before);
    expect(calls.map((c) => c.operation)).toContain('GetImageAncestry');
    expect(calls.filter((c) => c.operation === 'RunInstances')).toEqual([]);
    const tags = tagsOf(await imageOf(aws, baked.outputs['ami-id']));
    expect(tags['ami-action:test']).toBe('failed');
  });

  it('max-base-age on an AMI without the tag: the base is the root of its ancestry', async () => {
    // A copy of the default base (created 2024-10-10), made outside the action: no ami-action tags.
    const { ImageId } = await new EC2Client(aws.sdkConfig('us-east-1')).send(
      new CopyImageCommand({
        SourceRegion: 'us-east-1',
        SourceImageId: DEFAULT_BASE_AMI_ID,
        Name: 'hand-made',
      }),
    );
    await aws.advance(600);
    const test = await runAgainst(aws, {
      inputs: { mode: 'test', 'ami-id': ImageId as string, smoke: 'true', 'max-base-age': '30d' },
    });
    expect(test.exitCode).not.toBe(0);
    expect(test.outputs['base-image']).toBe(DEFAULT_BASE_AMI_ID);
    expect(test.errors.join('\n')).toMatch(
      new RegExp(`The base ${DEFAULT_BASE_AMI_ID} of ${ImageId} is \\d+ days old \\(created 2024-10-10`),
    );
  });
});

const hasPacker = packerOnPath();
if (!hasPacker) console.log('bake-unchanged.test.ts: Packer cases skipped (`packer` is not on PATH)');

describe.skipIf(!hasPacker)('real Packer: bake only when something changed', () => {
  const aws = useSimulator({ timeScale: 0.005 });
  let run = 6000;
  const bake = (cwd: string) =>
    runAgainst(aws, {
      cwd,
      env: { ...PACKER_ENV, GITHUB_RUN_ID: String(++run) },
      timeoutMs: 120_000,
      inputs: {
        mode: 'bake',
        builder: 'packer',
        template: 'packer/app.json',
        vars: `endpoint=${aws.url}`,
        'skip-if-unchanged': 'true',
        'name-prefix': 'nightly-app-',
      },
    });
  beforeEach(() => aws.reset());

  it('bakes twice with nothing changed: the second skips without running Packer', async () => {
    const dir = packerWorkspace();
    const first = await bake(dir);
    expect(first.exitCode, first.log).toBe(0);
    expect(first.outputs.skipped).toBe('false');
    // Packer's own word for the source AMI its filter picked.
    expect(first.log).toContain(`Found Image ID: ${DEFAULT_BASE_AMI_ID}`);
    expect(first.outputs['base-image']).toBe(DEFAULT_BASE_AMI_ID);
    const tags = tagsOf(await imageOf(aws, first.outputs['ami-id']));
    expect(tags['ami-action:base-ami']).toBe(DEFAULT_BASE_AMI_ID);
    // The template, its script and the vars.
    expect(tags['ami-action:inputs-files']).toMatch(/^3:[0-9a-f]{36}$/);

    const before = (await aws.calls()).length;
    const second = await bake(dir);
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs.skipped).toBe('true');
    expect(second.outputs['ami-id']).toBe(first.outputs['ami-id']);
    expect(second.outputs.amis).toBe(first.outputs.amis);
    expect(second.log).not.toContain('==> amazon-ebs');
    const calls = await callsSince(aws, before);
    expect(calls.filter((c) => BUILD_CALLS.includes(c.operation))).toEqual([]);
    expect(mutatingCalls(calls)).toEqual([]);
  }, 150_000);

  it('a newer base behind the filter builds and says so; a changed line of the provisioner script builds and names the file', async () => {
    const dir = packerWorkspace();
    const first = await bake(dir);
    expect(first.exitCode, first.log).toBe(0);

    await publishNewerBase(aws);
    const second = await bake(dir);
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs.skipped).toBe('false');
    expect(second.log).toContain(`Found Image ID: ${NEWER_BASE_AMI_ID}`);
    expect(second.outputs['base-image']).toBe(NEWER_BASE_AMI_ID);
    expect(second.summary).toContain(`the base changed from ${DEFAULT_BASE_AMI_ID} to ${NEWER_BASE_AMI_ID}`);

    const script = join(dir, 'packer/scripts/setup.sh');
    writeFileSync(script, readFileSync(script, 'utf8').replace('echo setup v1', 'echo setup v2'));
    const third = await bake(dir);
    expect(third.exitCode, third.log).toBe(0);
    expect(third.outputs.skipped).toBe('false');
    expect(third.summary).toContain('inputs changed: packer/scripts/setup.sh');
    expect(third.summary).not.toContain('the base changed');
    expect(third.outputs['ami-id']).not.toBe(second.outputs['ami-id']);
  }, 240_000);
});
