import { describe, expect, it } from 'vitest';
import type { ImageFacts } from '../../src/aws/images.js';
import { Deadline } from '../../src/kernel/deadline.js';
import { changesFor, type Observed, type RegionContext } from '../../src/modes/publish/converge.js';
import { copyTags, type Desired } from '../../src/modes/publish/desired.js';
import type { Plan } from '../../src/modes/publish/plan.js';
import { refusals } from '../../src/modes/publish/refusals.js';

const SOURCE = 'ami-0123456789abcdef0';
const desired = (overrides: Partial<Desired> = {}): Desired => ({
  sourceId: SOURCE,
  sourceRegion: 'us-east-1',
  copyRegions: ['eu-west-1'],
  givenCopies: {},
  tags: { team: 'web' },
  accounts: ['111122223333', '444455556666'],
  organizations: [],
  ous: [],
  public: false,
  kmsKeyIds: {},
  kmsGrants: true,
  protection: 'false',
  requireTest: false,
  waitForTest: false,
  copyConcurrency: 4,
  targets: { accounts: ['111122223333', '444455556666'], copy: false },
  ...overrides,
});

const image = (overrides: Partial<ImageFacts> = {}): ImageFacts => ({
  imageId: 'ami-0aaaaaaaaaaaaaaaa',
  region: 'eu-west-1',
  name: 'app',
  state: 'available',
  creationDate: '2026-11-01T00:00:00.000Z',
  tags: {},
  snapshotIds: ['snap-0aaaaaaaaaaaaaaaa'],
  volumes: [{ snapshotId: 'snap-0aaaaaaaaaaaaaaaa', gib: 8 }],
  encrypted: false,
  public: false,
  platform: 'Linux',
  ...overrides,
});

const ctx: RegionContext = {
  region: 'eu-west-1',
  primary: false,
  pollIntervalSeconds: 1,
  deadline: new Deadline(60),
  onParameterVersion: () => {},
  onNote: () => {},
};

describe('changesFor', () => {
  it('asks for nothing once everything is in place', () => {
    const want = desired();
    const tags = copyTags(want);
    const observed: Observed = {
      image: image({ tags }),
      launchPermissions: want.accounts.map((UserId) => ({ UserId })),
      snapshots: [{ snapshotId: 'snap-0aaaaaaaaaaaaaaaa', tags, userIds: want.accounts }],
      ungranted: [],
      parameter: {},
    };
    expect(changesFor(want, ctx, observed)).toEqual([]);
  });

  it('adds only what is missing and never removes access', () => {
    const want = desired({ parameter: '/app/ami', parameterLabel: 'v1.2.3' });
    const observed: Observed = {
      image: image({ tags: copyTags(want) }),
      launchPermissions: [{ UserId: '111122223333' }, { UserId: '999999999999' }],
      snapshots: [{ snapshotId: 'snap-0aaaaaaaaaaaaaaaa', tags: {}, userIds: ['111122223333'] }],
      ungranted: [],
      parameter: { value: 'ami-0aaaaaaaaaaaaaaaa', version: 3, labelledVersion: 2 },
    };
    const changes = changesFor(want, ctx, observed);
    expect(changes.map((c) => `${c.call} ${c.detail}`)).toEqual([
      'ec2:CreateTags snap-0aaaaaaaaaaaaaaaa: team=web, ami-action:source-ami=ami-0123456789abcdef0',
      'ec2:ModifyImageAttribute ami-0aaaaaaaaaaaaaaaa: launch permission for 444455556666',
      'ec2:ModifySnapshotAttribute snap-0aaaaaaaaaaaaaaaa: create volume permission for 444455556666',
      'ssm:LabelParameterVersion /app/ami: label v1.2.3 on the current version',
    ]);
  });
});

describe('refusals', () => {
  const plan = (overrides: Partial<Plan> = {}): Plan => ({
    source: image({ imageId: SOURCE, region: 'us-east-1' }),
    regions: [
      { region: 'us-east-1', primary: true, failedCopies: [] },
      { region: 'eu-west-1', primary: false, failedCopies: [] },
    ],
    ...overrides,
  });

  it('refuses sharing where aws/ebs encrypts, naming the region and kms-key-ids', () => {
    const awsEbs = {
      arn: 'arn:aws:kms:eu-west-1:123456789012:key/x',
      ref: 'alias/aws/ebs',
      customerManaged: false,
      state: 'Enabled',
    };
    const reasons = refusals(
      desired(),
      plan({
        source: image({ imageId: SOURCE, region: 'us-east-1', encrypted: true }),
        regions: [
          { region: 'us-east-1', primary: true, failedCopies: [] },
          { region: 'eu-west-1', primary: false, failedCopies: [], key: awsEbs },
        ],
      }),
    );
    expect(reasons).toEqual([
      expect.stringMatching(
        /^Input 'kms-key-ids': the copy in eu-west-1 .*aws\/ebs.*"eu-west-1=alias\/<your-key>"/,
      ),
    ]);
  });

  it('refuses deprecation in the past or too far ahead', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(
      refusals(
        desired({ deprecateAt: new Date('2026-01-01') }),
        plan({ deprecateAt: new Date('2026-01-01') }),
        now,
      ),
    ).toEqual([expect.stringMatching(/^Input 'deprecate-at': .* is in the past/)]);
    const far = new Date('2030-01-01');
    expect(refusals(desired({ public: true, deprecateAt: far }), plan({ deprecateAt: far }), now)).toEqual([
      expect.stringMatching(/^Input 'deprecate-at': .*2 years after the creation of a public AMI/),
    ]);
    const past = new Date('2026-06-01T00:00:00Z');
    const alreadySet = plan({
      deprecateAt: past,
      regions: [
        {
          region: 'us-east-1',
          primary: true,
          failedCopies: [],
          image: image({ deprecationTime: past.toISOString() }),
        },
      ],
    });
    expect(refusals(desired({ deprecateAt: past }), alreadySet, now)).toEqual([]);
  });

  it('refuses a version that makes an SSM label SSM would refuse', () => {
    expect(refusals(desired({ parameter: '/app/ami', parameterLabel: 'v1.2.3+build.7' }), plan())).toEqual([
      expect.stringMatching(/^Input 'tags': .*"v1\.2\.3\+build\.7"/),
    ]);
    expect(refusals(desired({ parameter: '/app/ami', parameterLabel: 'v1.2.3' }), plan())).toEqual([]);
  });

  it('refuses kms-key-ids for regions that get no copy', () => {
    expect(
      refusals(desired({ kmsKeyIds: { 'us-east-1': 'alias/k', 'ap-south-1': 'alias/k' } }), plan()),
    ).toEqual([
      expect.stringMatching(/us-east-1 is the source region/),
      expect.stringMatching(/ap-south-1 is not in copy-to-regions/),
    ]);
  });
});
