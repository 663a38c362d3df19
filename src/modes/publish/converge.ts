/**
 * For one region's image: what is already there (tags, launch and snapshot permissions, grants,
 * deprecation, protection, parameter) and the changes that reach what the inputs ask. Changes only
 * ever add access; nothing here removes a permission someone else gave.
 */
import {
  CreateTagsCommand,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  type LaunchPermission,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import {
  ec2,
  type ImageFacts,
  readLaunchPermissions,
  readSnapshots,
  type SnapshotFacts,
} from '../../aws/images.js';
import { type ParameterFacts, readParameter } from '../../aws/parameters.js';
import type { Deadline } from '../../kernel/deadline.js';
import { type Tags, toTagList } from '../../tags.js';
import { copyTags, type Desired } from './desired.js';
import { accountsWithoutGrant, grantAccount, type KeyInfo } from './keys.js';
import { parameterChanges } from './parameter.js';

export interface Observed {
  image: ImageFacts;
  launchPermissions: LaunchPermission[];
  snapshots: SnapshotFacts[];
  /** Accounts without a KMS grant on the region's customer managed key. */
  ungranted: string[];
  parameter: ParameterFacts;
}

export interface Change {
  call: string;
  detail: string;
  apply: () => Promise<void>;
}

export interface RegionContext {
  region: string;
  primary: boolean;
  key?: KeyInfo;
  deprecateAt?: Date;
  pollIntervalSeconds: number;
  deadline: Deadline;
  /** Receives the parameter version this region ends with. */
  onParameterVersion: (version: number) => void;
  /** Receives what the summary should say about a change (a label moved to make room). */
  onNote: (note: string) => void;
}

export async function observe(desired: Desired, ctx: RegionContext, image: ImageFacts): Promise<Observed> {
  const { region } = ctx;
  const sharing = desired.accounts.length + desired.organizations.length + desired.ous.length > 0;
  const [launchPermissions, snapshots, ungranted, parameter] = await Promise.all([
    sharing || desired.public ? readLaunchPermissions(region, image.imageId) : [],
    readSnapshots(region, image.snapshotIds, desired.accounts.length > 0),
    grantsApply(desired, ctx) ? accountsWithoutGrant(region, ctx.key!.arn, desired.accounts) : [],
    desired.parameter ? readParameter(region, desired.parameter, desired.parameterLabel) : {},
  ]);
  return { image, launchPermissions, snapshots, ungranted, parameter };
}

const grantsApply = (desired: Desired, ctx: RegionContext) =>
  desired.kmsGrants && desired.accounts.length > 0 && !!ctx.key?.customerManaged;

/** What a fresh copy will look like once available: the copy's tags, nothing shared, nothing set. */
export function expectedCopy(desired: Desired, ctx: RegionContext): Observed {
  const tags = copyTags(desired, true);
  return {
    image: {
      imageId: '(new copy)',
      region: ctx.region,
      name: '',
      state: 'pending',
      tags,
      snapshotIds: ['(its snapshots)'],
      volumes: [],
      encrypted: !!ctx.key,
      public: false,
      platform: 'Linux',
    },
    launchPermissions: [],
    snapshots: [{ snapshotId: '(its snapshots)', tags, userIds: [] }],
    ungranted: grantsApply(desired, ctx) ? desired.accounts : [],
    parameter: {},
  };
}

function missingTags(have: Tags, want: Tags): Tags {
  return Object.fromEntries(Object.entries(want).filter(([key, value]) => have[key] !== value));
}

export function changesFor(desired: Desired, ctx: RegionContext, observed: Observed): Change[] {
  const { region } = ctx;
  const { image } = observed;
  const client = () => ec2(region);
  const changes: Change[] = [];

  // Sharing comes after any wait for the test: by then a copy's test tag says passed.
  const wantTags = ctx.primary ? desired.tags : copyTags(desired, true);
  const untagged = [
    ...(Object.keys(missingTags(image.tags, wantTags)).length ? [image.imageId] : []),
    ...observed.snapshots
      .filter((s) => Object.keys(missingTags(s.tags, wantTags)).length)
      .map((s) => s.snapshotId),
  ];
  if (untagged.length && Object.keys(wantTags).length) {
    changes.push({
      call: 'ec2:CreateTags',
      detail: `${untagged.join(', ')}: ${Object.entries(wantTags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
      apply: async () => {
        await client().send(new CreateTagsCommand({ Resources: untagged, Tags: toTagList(wantTags) }));
      },
    });
  }

  const has = (p: LaunchPermission) =>
    observed.launchPermissions.some(
      (q) =>
        (p.UserId && q.UserId === p.UserId) ||
        (p.OrganizationArn && q.OrganizationArn === p.OrganizationArn) ||
        (p.OrganizationalUnitArn && q.OrganizationalUnitArn === p.OrganizationalUnitArn) ||
        (p.Group && q.Group === p.Group),
    );
  const addLaunch: LaunchPermission[] = [
    ...desired.accounts.map((UserId) => ({ UserId })),
    ...desired.organizations.map((OrganizationArn) => ({ OrganizationArn })),
    ...desired.ous.map((OrganizationalUnitArn) => ({ OrganizationalUnitArn })),
    ...(desired.public ? [{ Group: 'all' as const }] : []),
  ].filter((p) => !has(p));
  for (const batch of chunks(addLaunch, PERMISSIONS_PER_CALL)) {
    changes.push({
      call: 'ec2:ModifyImageAttribute',
      detail: `${image.imageId}: launch permission for ${describeTargets(batch.map(describePermission))}`,
      apply: async () => {
        await client().send(
          new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: batch } }),
        );
      },
    });
  }

  for (const snapshot of observed.snapshots) {
    const users = desired.accounts.filter((account) => !snapshot.userIds.includes(account));
    for (const batch of chunks(users, PERMISSIONS_PER_CALL)) {
      changes.push({
        call: 'ec2:ModifySnapshotAttribute',
        detail: `${snapshot.snapshotId}: create volume permission for ${describeTargets(batch)}`,
        apply: async () => {
          await client().send(
            new ModifySnapshotAttributeCommand({
              SnapshotId: snapshot.snapshotId,
              Attribute: 'createVolumePermission',
              CreateVolumePermission: { Add: batch.map((UserId) => ({ UserId })) },
            }),
          );
        },
      });
    }
  }

  for (const account of observed.ungranted) {
    changes.push({
      call: 'kms:CreateGrant',
      detail: `${ctx.key!.arn}: grant for ${account}`,
      apply: () => grantAccount(region, ctx.key!.arn, account),
    });
  }

  const deprecateAt = ctx.deprecateAt;
  if (deprecateAt && Date.parse(image.deprecationTime ?? '') !== deprecateAt.getTime()) {
    changes.push({
      call: 'ec2:EnableImageDeprecation',
      detail: `${image.imageId}: deprecate at ${deprecateAt.toISOString()}`,
      apply: async () => {
        await client().send(
          new EnableImageDeprecationCommand({ ImageId: image.imageId, DeprecateAt: deprecateAt }),
        );
      },
    });
  }

  if (desired.protection !== 'false' && !image.deregistrationProtection?.startsWith('enabled')) {
    const withCooldown = desired.protection === 'with-cooldown';
    changes.push({
      call: 'ec2:EnableImageDeregistrationProtection',
      detail: `${image.imageId}${withCooldown ? ' (with cooldown)' : ''}`,
      apply: async () => {
        await client().send(
          new EnableImageDeregistrationProtectionCommand({
            ImageId: image.imageId,
            WithCooldown: withCooldown,
          }),
        );
      },
    });
  }

  if (desired.parameter) {
    changes.push(
      ...parameterChanges({
        region,
        name: desired.parameter,
        label: desired.parameterLabel,
        imageId: image.imageId,
        facts: observed.parameter,
        deadline: ctx.deadline,
        pollIntervalSeconds: ctx.pollIntervalSeconds,
        onVersion: ctx.onParameterVersion,
        onNote: ctx.onNote,
      }),
    );
  }
  return changes;
}

/**
 * Permission changes per call: ModifySnapshotAttribute takes at most 500 (EC2 API reference); launch
 * permissions go in batches of the same size.
 */
const PERMISSIONS_PER_CALL = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let at = 0; at < items.length; at += size) batches.push(items.slice(at, at + size));
  return batches;
}

/** "111122223333, 444455556666" or, for many, "600 accounts (111122223333 … 999988887777)". */
function describeTargets(names: string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.length} targets (${names[0]} … ${names.at(-1)})`;
}

function describePermission(p: LaunchPermission): string {
  if (p.UserId) return p.UserId;
  if (p.Group === 'all') return 'everyone (public)';
  return p.OrganizationArn ?? p.OrganizationalUnitArn ?? '?';
}
