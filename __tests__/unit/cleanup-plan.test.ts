import { describe, expect, it, vi } from 'vitest';
import { templateSpecs } from '../../src/aws/groups.js';
import { parseStages } from '../../src/inputs/cleanup.js';
import type { CleanupConfig } from '../../src/inputs.js';
import { reasonsToKeep } from '../../src/modes/cleanup/keepers/index.js';
import {
  ageKeeper,
  keepLatestKeeper,
  parseDeleteOn,
} from '../../src/modes/cleanup/keepers/selection-rules.js';
import { gibOf, planRegion } from '../../src/modes/cleanup/plan.js';
import { permissionOf, recordedSharing, sharingTags } from '../../src/modes/cleanup/stages.js';
import type { OwnImage } from '../../src/modes/cleanup/types.js';

// Recycle Bin rules, as if read from AWS: one rule of 7 days covers AMIs tagged keep=yes.
vi.mock('../../src/modes/cleanup/recycle-bin.js', () => ({
  recycleBinCover: async (_region: string, images: OwnImage[]) => ({
    cover: new Map(
      images.filter((i) => i.tags.keep === 'yes').map((i) => [i.imageId, { days: 7, rules: ['r-1'] }]),
    ),
  }),
}));

// Launch permissions, as if read from AWS: `crowded` is shared with 40 accounts.
vi.mock('../../src/aws/images.js', async (original) => ({
  ...(await original<object>()),
  readLaunchPermissions: async (_region: string, imageId: string) =>
    imageId === 'crowded' ? Array.from({ length: 40 }, (_, i) => ({ UserId: String(100000000000 + i) })) : [],
}));

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
    stages: ['delete'],
    stageDelay: 86400,
    includeShared: false,
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
  it('deletes a snapshot only when no AMI that stays uses it, and a shared one once', async () => {
    const shared = { snapshotId: 'snap-shared', gib: 20 };
    const a = image('a', '2026-01-01', { snapshots: [{ snapshotId: 'snap-a', gib: 8 }, shared] });
    const b = image('b', '2026-01-02', { snapshots: [shared] });
    const kept = image('kept', '2026-01-03', { snapshots: [{ snapshotId: 'snap-base', gib: 30 }] });
    const c = image('c', '2026-01-04', { snapshots: [{ snapshotId: 'snap-base', gib: 30 }] });
    const plan = await planRegion(
      { region: 'us-east-1', all: [a, b, kept, c], selected: [a, b, c] },
      new Map(),
      [{ region: 'us-east-1', snapshotId: 'snap-orphan', gib: 4, imageId: 'ami-gone' }],
      config({}),
      NOW,
    );
    expect(plan.remove.map((r) => [r.image.imageId, r.snapshots.map((s) => s.snapshotId)])).toEqual([
      ['a', ['snap-a', 'snap-shared']],
      ['b', []],
      ['c', []],
    ]);
    expect(plan.remove[2].sharedSnapshots).toEqual(['snap-base (used by kept)']);
    expect(gibOf(plan)).toBe(8 + 20 + 4);
  });

  it('keeps every AMI a keeper names, with its reasons', async () => {
    const a = image('a', '2026-01-01');
    const plan = await planRegion(
      { region: 'us-east-1', all: [a], selected: [a] },
      new Map([['a', ['in use']]]),
      [],
      config({}),
      NOW,
    );
    expect(plan.remove).toEqual([]);
    expect(plan.keep).toEqual([{ image: a, reasons: ['in use'], position: 'active' }]);
  });

  it('keeps the snapshots of an AMI a Recycle Bin rule keeps recoverable', async () => {
    const a = image('a', '2026-01-01', { tags: { keep: 'yes' } });
    const plan = await planRegion(
      { region: 'us-east-1', all: [a], selected: [a] },
      new Map(),
      [],
      config({}),
      NOW,
    );
    expect(plan.remove[0].snapshots).toEqual([]);
    expect(plan.remove[0].recycleBin).toEqual({ days: 7, rules: ['r-1'] });
    expect(plan.remove[0].sharedSnapshots).toEqual(['snap-a (for a Recycle Bin restore)']);
  });

  it('moves each candidate one stage on once it spent stage-delay where it is', async () => {
    const day = 86400_000;
    const since = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
    const fresh = image('fresh', '2026-01-01');
    const justDeprecated = image('just', '2026-01-01', {
      tags: { 'ami-action:retire-stage': 'deprecated', 'ami-action:retire-stage-since': since(day / 2) },
    });
    // A nightly run a few minutes earlier than the day before still counts as a day (slack).
    const deprecatedDayAgo = image('day', '2026-01-01', {
      tags: {
        'ami-action:retire-stage': 'deprecated',
        'ami-action:retire-stage-since': since(day - 600_000),
      },
    });
    const disabled = image('off', '2026-01-01', {
      state: 'disabled',
      tags: { 'ami-action:retire-stage': 'disabled', 'ami-action:retire-stage-since': since(2 * day) },
    });
    const deprecatedByPublish = image('old', '2026-01-01', { deprecationTime: since(3 * day) });
    const all = [fresh, justDeprecated, deprecatedDayAgo, disabled, deprecatedByPublish];
    const plan = await planRegion(
      { region: 'us-east-1', all, selected: all },
      new Map(),
      [],
      config({ stages: ['deprecate', 'disable', 'delete'], stageDelay: 86400 }),
      NOW,
    );
    expect(plan.moves.map((m) => [m.image.imageId, m.to])).toEqual([
      ['fresh', 'deprecate'],
      ['day', 'disable'],
      ['old', 'disable'],
    ]);
    expect(plan.remove.map((r) => [r.image.imageId, r.position])).toEqual([
      ['off', 'disabled since 2026-05-30 00:00 UTC'],
    ]);
    expect(plan.keep.map((k) => [k.image.imageId, k.staying, k.reasons[0]])).toEqual([
      [
        'just',
        true,
        'deprecated since 2026-05-31 12:00 UTC: disable due 2026-06-01 12:00 UTC (stage-delay 1d)',
      ],
    ]);
  });

  it('does not disable an AMI whose sharing needs more tags than EC2 lets it carry', async () => {
    const since = {
      'ami-action:retire-stage': 'deprecated',
      'ami-action:retire-stage-since': '2026-01-01T00:00:00Z',
    };
    const filler = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`t${i}`, 'x']));
    const crowded = image('crowded', '2026-01-01', { tags: { ...since, ...filler } });
    const plain = image('plain', '2026-01-01', { tags: { ...since, ...filler } });
    const plan = await planRegion(
      { region: 'us-east-1', all: [crowded, plain], selected: [crowded, plain] },
      new Map(),
      [],
      config({ stages: ['deprecate', 'disable'], includeShared: true }),
      NOW,
    );
    expect(plan.moves.map((m) => m.image.imageId)).toEqual(['plain']);
    expect(plan.keep.map((k) => k.reasons[0])).toEqual([
      expect.stringMatching(
        /^not disabled: recording its stage and who it is shared with \(40\), it would carry 51 tags \(it has 48, and 3 would be added\), past the 50 tags AWS allows per resource\. Remove tags from it, or share it with an organization or OU/,
      ),
    ]);
    expect(plan.shared.get('crowded')).toHaveLength(40);
  });

  it('does not deprecate an AMI when its stage tags would pass 50 (a later deprecation time it had takes one more)', async () => {
    const filler = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, 'x']));
    const later = image('later', '2026-01-01', { tags: filler, deprecationTime: '2027-01-01T00:00:00Z' });
    const past = image('past', '2026-01-01', { tags: filler, deprecationTime: '2026-05-01T00:00:00Z' });
    const plan = await planRegion(
      { region: 'us-east-1', all: [later, past], selected: [later, past] },
      new Map(),
      [],
      config({ stages: ['deprecate', 'delete'] }),
      NOW,
    );
    expect(plan.moves.map((m) => m.image.imageId)).toEqual([]);
    // past is deprecated already (by EC2's time): its next stage is delete, which adds no tag.
    expect(plan.remove.map((r) => r.image.imageId)).toEqual(['past']);
    expect(plan.keep.map((k) => [k.image.imageId, k.reasons[0]])).toEqual([
      [
        'later',
        'not deprecated: recording its stage, it would carry 51 tags (it has 48, and 3 would be added), past the 50 tags AWS allows per resource. Remove tags from it.',
      ],
    ]);
  });

  it('disables at once an AMI tagged disabled that is still available (DisableImage failed after the tags)', async () => {
    const failed = image('failed', '2026-01-01', {
      deprecationTime: '2026-05-01T00:00:00Z',
      tags: {
        'ami-action:retire-stage': 'disabled',
        'ami-action:retire-stage-since': '2026-05-31T23:00:00Z',
      },
    });
    const plan = await planRegion(
      { region: 'us-east-1', all: [failed], selected: [failed] },
      new Map(),
      [],
      config({ stages: ['deprecate', 'disable', 'delete'], stageDelay: 7 * 86400 }),
      NOW,
    );
    expect(plan.moves.map((m) => [m.image.imageId, m.to, m.position])).toEqual([
      ['failed', 'disable', 'deprecated'],
    ]);
  });

  it('leaves an AMI at the last of stages', async () => {
    const deprecated = image('dep', '2026-01-01', {
      tags: {
        'ami-action:retire-stage': 'deprecated',
        'ami-action:retire-stage-since': '2026-01-01T00:00:00Z',
      },
    });
    const plan = await planRegion(
      { region: 'us-east-1', all: [deprecated], selected: [deprecated] },
      new Map(),
      [],
      config({ stages: ['deprecate'] }),
      NOW,
    );
    expect(plan.moves).toEqual([]);
    expect(plan.keep.map((k) => k.reasons[0])).toEqual([
      'deprecated since 2026-01-01 00:00 UTC: the last of stages (deprecate)',
    ]);
  });
});

describe('retirement tags', () => {
  it('record sharing over as many 256-character tags as it takes, and read it back', () => {
    const accounts = Array.from({ length: 40 }, (_, i) => String(100000000000 + i));
    const org = 'arn:aws:organizations::999988887777:organization/o-a1b2c3d4e5';
    const ou = 'arn:aws:organizations::999988887777:ou/o-a1b2c3d4e5/ou-ab12-cdef3456';
    const words = ['all', ...accounts, org, ou];
    const tags = sharingTags(words);
    expect(Object.keys(tags)).toEqual([
      'ami-action:retire-shared',
      'ami-action:retire-shared-2',
      'ami-action:retire-shared-3',
    ]);
    for (const value of Object.values(tags)) expect(value.length).toBeLessThanOrEqual(256);
    const read = recordedSharing({ other: 'x', ...tags });
    expect(read.words).toEqual(words);
    expect(read.words.map(permissionOf).slice(-2)).toEqual([
      { OrganizationArn: org },
      { OrganizationalUnitArn: ou },
    ]);
    expect(permissionOf('all')).toEqual({ Group: 'all' });
  });

  it('stages: some of deprecate, disable, delete, each once, in that order', () => {
    expect(parseStages('deprecate, disable,delete')).toEqual(['deprecate', 'disable', 'delete']);
    expect(parseStages('disable\ndelete')).toEqual(['disable', 'delete']);
    expect(() => parseStages('delete,deprecate')).toThrow(/order/);
    expect(() => parseStages('deprecate,deprecate')).toThrow(/once/);
    expect(() => parseStages('archive')).toThrow(/not a stage/);
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
