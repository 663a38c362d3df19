/**
 * publish with wait-for-test (#23): the region copies start at once while the test runs; nothing is
 * shared or recorded before the test passed; a failed test, or a cancelled job, removes every copy.
 */
import { CopyImageCommand, CreateTagsCommand, DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import type { ActionRun } from '../helpers/action.js';
import { openUndo, runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

// A copy takes 600 simulated seconds: 6 s of real time, longer than the test takes to tag the AMI.
const aws = useSimulator({ timeScale: 0.01 });
beforeEach(() => aws.reset());

const ec2 = (region = 'us-east-1') => new EC2Client({ ...aws.sdkConfig(region), maxAttempts: 1 });
const COPY_REGIONS = ['eu-west-1', 'us-west-2'];

/** A baked AMI of this account in us-east-1, available and not tested yet. */
async function untestedAmi(): Promise<string> {
  const { ImageId } = await ec2().send(
    new CopyImageCommand({
      SourceRegion: 'us-east-1',
      SourceImageId: DEFAULT_BASE_AMI_ID,
      Name: 'app-1.0.0',
    }),
  );
  await aws.advance(DURATIONS.copyImageSeconds);
  return ImageId!;
}

const inputs = (source: string) => ({
  mode: 'publish',
  'ami-id': source,
  'require-test': 'true',
  'wait-for-test': 'true',
  'copy-to-regions': COPY_REGIONS.join(','),
  'share-with-accounts': '111122223333',
  tags: 'version=1.0.0',
  'ssm-parameter': '/app/ami',
  'poll-interval': '0.5s',
});

/** What mode test does at its end. */
async function testResult(source: string, result: 'passed' | 'failed'): Promise<void> {
  await ec2().send(
    new CreateTagsCommand({ Resources: [source], Tags: [{ Key: 'ami-action:test', Value: result }] }),
  );
}

async function until(what: string, ready: () => Promise<boolean>): Promise<void> {
  for (let k = 0; k < 400; k++) {
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

const copyCalls = async () =>
  (await aws.calls()).filter(
    (c) => c.operation === 'CopyImage' && c.outcome === 'ok' && COPY_REGIONS.includes(c.region),
  );
const sharingCalls = async () =>
  (await aws.calls())
    .filter((c) =>
      /^(ModifyImageAttribute|ModifySnapshotAttribute|CreateGrant|PutParameter|LabelParameterVersion)$/.test(
        c.operation,
      ),
    )
    .map((c) => `${c.operation} ${c.region}`);

/** The copies of `source` in a region, with their tags. */
async function copiesOf(source: string, region: string) {
  const { Images } = await ec2(region).send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: 'tag:ami-action:source-ami', Values: [source] }],
    }),
  );
  return (Images ?? []).map((i) => ({
    id: i.ImageId!,
    tags: Object.fromEntries((i.Tags ?? []).map((t) => [t.Key, t.Value])),
  }));
}

function snapshotsLeft(state: Awaited<ReturnType<typeof aws.state>>, imageIds: string[]): string[] {
  return COPY_REGIONS.flatMap((region) =>
    Object.values<{ SnapshotId: string; Description?: string }>(
      state.services.ec2.regions[region]?.snapshots ?? {},
    )
      .filter((s) => imageIds.some((id) => s.Description?.includes(id)))
      .map((s) => s.SnapshotId),
  );
}

describe('publish with wait-for-test', () => {
  it('a test that fails while the copies run: every copy and its snapshots removed, nothing shared or recorded, the step fails naming the test', async () => {
    const source = await untestedAmi();
    const running = runAgainst(aws, { inputs: inputs(source) });
    await until('both copies started', async () => (await copyCalls()).length === 2);
    const copies = (await Promise.all(COPY_REGIONS.map((region) => copiesOf(source, region)))).flat();
    expect(copies.map((c) => c.tags['ami-action:test'])).toEqual(['pending', 'pending']);
    await testResult(source, 'failed');
    const run = await running;
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      new RegExp(`The test of ${source} failed \\(ami-action:test=failed\\): nothing was shared or recorded`),
    );
    for (const region of COPY_REGIONS) expect(await copiesOf(source, region)).toEqual([]);
    expect(
      snapshotsLeft(
        await aws.state(),
        copies.map((c) => c.id),
      ),
    ).toEqual([]);
    expect(await sharingCalls()).toEqual([]);
    expect(openUndo(run.state)).toEqual([]);
  }, 60_000);

  for (const when of ['after the copies finished', 'before the copies finished'] as const) {
    it(`a test that passes ${when}: shared everywhere, the parameter written once per region`, async () => {
      const source = await untestedAmi();
      const running = runAgainst(aws, { inputs: inputs(source) });
      await until('both copies started', async () => (await copyCalls()).length === 2);
      if (when === 'after the copies finished') {
        await aws.advance(DURATIONS.copyImageSeconds);
        await until(
          'the copies available',
          async () => (await Promise.all(COPY_REGIONS.map((r) => copiesOf(source, r)))).flat().length === 2,
        );
      }
      // Nothing is shared while the test has not passed.
      expect(await sharingCalls()).toEqual([]);
      await testResult(source, 'passed');
      const run: ActionRun = await running;
      expect(run.errors).toEqual([]);
      expect(run.exitCode).toBe(0);
      const amis = JSON.parse(run.outputs.amis);
      expect(Object.keys(amis)).toEqual(['us-east-1', ...COPY_REGIONS]);
      for (const region of COPY_REGIONS) {
        const [copy] = await copiesOf(source, region);
        expect(copy.id).toBe(amis[region]);
        expect(copy.tags['ami-action:test']).toBe('passed');
      }
      const writes = (await sharingCalls()).filter((c) => c.startsWith('PutParameter'));
      expect(writes.sort()).toEqual(['us-east-1', ...COPY_REGIONS].map((r) => `PutParameter ${r}`).sort());
    }, 60_000);
  }

  it('a job cancelled while it waits for the test: the post step removes the untested copies', async () => {
    const source = await untestedAmi();
    const { main, post } = await runWithPostAgainst(aws, {
      inputs: inputs(source),
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if ((output.text().match(/: copying ami-/g) ?? []).length === 2) {
            clearInterval(timer);
            child.kill('SIGTERM');
          }
        }, 20);
      },
    });
    expect(main.exitCode).not.toBe(0);
    expect(post.exitCode, post.log).toBe(0);
    // Removed as the step stopped, or by the post step from the journal: either way, gone.
    expect(`${main.log}${post.log}`.match(/removed the untested copy ami-\w+ in [\w-]+/g)).toHaveLength(2);
    for (const region of COPY_REGIONS) expect(await copiesOf(source, region)).toEqual([]);
    expect(await sharingCalls()).toEqual([]);
  }, 60_000);
});
