import { describe, expect, it } from 'vitest';
import { templateSpecs } from '../../src/aws/groups.js';
import type { CleanupConfig } from '../../src/inputs.js';
import { reasonsToKeep } from '../../src/modes/cleanup/keepers/index.js';
import {
  ageKeeper,
  keepLatestKeeper,
  parseDeleteOn,
} from '../../src/modes/cleanup/keepers/selection-rules.js';
import { gibOf, planRegion } from '../../src/modes/cleanup/plan.js';
import type { OwnImage } from '../../src/modes/cleanup/types.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const image = (id: string, created: string, extra: Partial<OwnImage> = {}): OwnImage => ({
  region: 'us-east-1',
  imageId: id,
  name: id,
  createdAt: new Date(created),
  state: 'available',
  tags: {},
  public: false,
  protection: 'disabled',
  snapshots: [{ snapshotId: `snap-${id}`, gib: 8 }],
  snapshotIds: [`snap-${id}`],
  volumes: [{ snapshotId: `snap-${id}`, gib: 8 }],
  encrypted: false,
  platform: 'Linux',
  ...extra,
});
const config = (overrides: Partial<CleanupConfig>) =>
  ({
    keepLatest: 0,
    honorDeleteOn: false,
    filterTags: [],
    regions: [],
    ssmParameters: [],
    ...overrides,
  }) as CleanupConfig;
const keepInput = (selected: OwnImage[], overrides: Partial<CleanupConfig>) => ({
  region: 'us-east-1',
  selected,
  config: config(overrides),
  now: NOW,
  templates: () => Promise.reject(new Error('no AWS in this test')),
});

describe('selection rules', () => {
  it('keep-latest keeps the newest available AMIs only', async () => {
    const selected = [
      image('a', '2026-01-01'),
      image('b', '2026-03-01'),
      image('c', '2026-05-01', { state: 'failed' }),
      image('d', '2026-02-01'),
    ];
    const reasons = await keepLatestKeeper.keep(keepInput(selected, { keepLatest: 2 }));
    expect([...reasons.keys()]).toEqual(['b', 'd']);
    expect((await keepLatestKeeper.keep(keepInput(selected, { keepLatest: 2, amiId: 'a' }))).size).toBe(0);
  });

  it('older-than keeps younger AMIs; DeleteOn (when honoured) decides on its own', async () => {
    const selected = [
      image('old', '2026-01-01'),
      image('young', '2026-05-20'),
      image('due', '2026-05-30', { tags: { DeleteOn: '2026-05-31' } }),
      image('not-due', '2025-01-01', { tags: { DeleteOn: '2026-12-31' } }),
      image('garbled', '2025-01-01', { tags: { DeleteOn: 'soon' } }),
    ];
    const olderThan = 30 * 86400;
    const plain = await ageKeeper.keep(keepInput(selected, { olderThan }));
    expect([...plain.keys()].sort()).toEqual(['due', 'young']);
    const honoured = await ageKeeper.keep(keepInput(selected, { olderThan, honorDeleteOn: true }));
    expect(Object.fromEntries(honoured)).toEqual({
      young: ['younger than older-than (30d)'],
      'not-due': ['DeleteOn 2026-12-31 not reached'],
      garbled: ['its DeleteOn tag "soon" is not a date (use YYYY-MM-DD or ISO 8601)'],
    });
    // honor-delete-on without older-than: only AMIs past their DeleteOn go.
    const onlyDeleteOn = await ageKeeper.keep(keepInput(selected, { honorDeleteOn: true }));
    expect([...onlyDeleteOn.keys()].sort()).toEqual(['garbled', 'not-due', 'old', 'young']);
  });

  it('parses DeleteOn dates strictly', () => {
    expect(parseDeleteOn('2026-05-31')?.toISOString()).toBe('2026-05-31T00:00:00.000Z');
    expect(parseDeleteOn('2026-05-31T10:00:00Z')?.toISOString()).toBe('2026-05-31T10:00:00.000Z');
    expect(parseDeleteOn('31/05/2026')).toBeUndefined();
    expect(parseDeleteOn('2026-13-45')).toBeUndefined();
  });

  it('merges every keeper’s reasons per AMI, in keeper order', async () => {
    const keepers = [
      { name: 'one', keep: async () => new Map([['a', ['first']]]) },
      {
        name: 'two',
        keep: async () =>
          new Map([
            ['a', ['second']],
            ['b', ['other']],
          ]),
      },
    ];
    const reasons = await reasonsToKeep(keepInput([image('a', '2026-01-01')], {}), keepers);
    expect(Object.fromEntries(reasons)).toEqual({ a: ['first', 'second'], b: ['other'] });
  });
});

describe('planRegion', () => {
  it('deletes a snapshot only when no AMI that stays uses it, and a shared one once', () => {
    const shared = { snapshotId: 'snap-shared', gib: 20 };
    const a = image('a', '2026-01-01', { snapshots: [{ snapshotId: 'snap-a', gib: 8 }, shared] });
    const b = image('b', '2026-01-02', { snapshots: [shared] });
    const kept = image('kept', '2026-01-03', { snapshots: [{ snapshotId: 'snap-base', gib: 30 }] });
    const c = image('c', '2026-01-04', { snapshots: [{ snapshotId: 'snap-base', gib: 30 }] });
    const plan = planRegion({ region: 'us-east-1', all: [a, b, kept, c], selected: [a, b, c] }, new Map(), [
      { region: 'us-east-1', snapshotId: 'snap-orphan', gib: 4, imageId: 'ami-gone' },
    ]);
    expect(plan.remove.map((r) => [r.image.imageId, r.snapshots.map((s) => s.snapshotId)])).toEqual([
      ['a', ['snap-a', 'snap-shared']],
      ['b', []],
      ['c', []],
    ]);
    expect(plan.remove[2].sharedSnapshots).toEqual(['snap-base (used by kept)']);
    expect(gibOf(plan)).toBe(8 + 20 + 4);
  });

  it('keeps every AMI a keeper names, with its reasons', () => {
    const a = image('a', '2026-01-01');
    const plan = planRegion(
      { region: 'us-east-1', all: [a], selected: [a] },
      new Map([['a', ['in use']]]),
      [],
    );
    expect(plan.remove).toEqual([]);
    expect(plan.keep).toEqual([{ image: a, reasons: ['in use'] }]);
  });
});

describe('templateSpecs', () => {
  it('collects a group’s template, its mixed instances policy’s and the overrides’, once each', () => {
    expect(
      templateSpecs({
        AutoScalingGroupName: 'g',
        MixedInstancesPolicy: {
          LaunchTemplate: {
            LaunchTemplateSpecification: { LaunchTemplateName: 'web', Version: '$Default' },
            Overrides: [
              { InstanceType: 't3.micro' },
              {
                InstanceType: 'm7g.large',
                LaunchTemplateSpecification: { LaunchTemplateId: 'lt-arm', Version: '4' },
              },
              {
                InstanceType: 'm7g.xlarge',
                LaunchTemplateSpecification: { LaunchTemplateId: 'lt-arm', Version: '4' },
              },
            ],
          },
        },
      } as never),
    ).toEqual([
      { LaunchTemplateName: 'web', Version: '$Default' },
      { LaunchTemplateId: 'lt-arm', Version: '4' },
    ]);
  });
});
