/** What the inputs ask publishing to reach in every region. */

import type { RoleTemplate } from '../../aws/roles.js';
import { amisOf } from '../../inputs/common.js';
import type { PublishConfig } from '../../inputs.js';
import { TAG, type Tags } from '../../tags.js';

export type Protection = 'false' | 'true' | 'with-cooldown';

export interface Desired {
  sourceId: string;
  sourceRegion: string;
  /** Regions to copy to, in the order given (then the other regions of `amis`), without the source region. */
  copyRegions: string[];
  /** AMIs given in `amis` for other regions (e.g. copies bake made): published there instead of copying. */
  givenCopies: Record<string, string>;
  tags: Tags;
  accounts: string[];
  organizations: string[];
  ous: string[];
  public: boolean;
  kmsKeyIds: Record<string, string>;
  kmsGrants: boolean;
  deprecateAt?: Date;
  /** deprecate-after: counted from the source AMI's creation, so every re-run sets the same time. */
  deprecateAfterSeconds?: number;
  protection: Protection;
  parameter?: string;
  /** `v<version>` from the `version` tag (the input's, else the source AMI's): labels may not start with a digit. */
  parameterLabel?: string;
  requireTest: boolean;
  /** Copy at once, share and record only once the test passed (wait-for-test). */
  waitForTest: boolean;
  copyConcurrency: number;
  /** The workload accounts that consume the AMI, and what publish does in each. */
  targets: Targets;
}

export interface Targets {
  /** target-accounts (default share-with-accounts): each is also shared with. */
  accounts: string[];
  /** Without a role, nothing happens in the target accounts (they are only shared with). */
  role?: RoleTemplate;
  /** copy-into-accounts: each account copies the AMI into itself in every region. */
  copy: boolean;
  /** target-kms-key: the alias each account's copy is encrypted with (else its default EBS key). */
  kmsKey?: string;
}

export function desiredFrom(config: PublishConfig): Desired {
  const tags = Object.fromEntries(config.tags);
  const version = tags.version;
  const { amiId, amis } = amisOf(config);
  const { [config.region]: _source, ...givenCopies } = amis;
  const regions = [...new Set([...config.copyToRegions, ...Object.keys(givenCopies)])];
  const targetAccounts = config.targetAccounts ?? config.shareWithAccounts;
  return {
    sourceId: amiId,
    sourceRegion: config.region,
    copyRegions: regions.filter((region) => region !== config.region),
    givenCopies,
    tags,
    // Target accounts need the AMI shared with them (and its snapshots and key) like any account.
    accounts: [...new Set([...config.shareWithAccounts, ...targetAccounts])],
    organizations: config.shareWithOrganizations,
    ous: config.shareWithOus,
    public: config.public,
    kmsKeyIds: config.kmsKeyIds,
    kmsGrants: config.kmsGrants,
    deprecateAt: config.deprecateAt,
    deprecateAfterSeconds: config.deprecateAfter,
    protection: config.deregistrationProtection,
    parameter: config.ssmParameter,
    parameterLabel: versionLabel(version),
    requireTest: config.requireTest,
    waitForTest: config.waitForTest,
    copyConcurrency: config.copyConcurrency,
    targets: {
      accounts: targetAccounts,
      role: config.targetRole
        ? { arn: config.targetRole, externalId: config.targetRoleExternalId }
        : undefined,
      copy: config.copyIntoAccounts,
      kmsKey: config.targetKmsKey,
    },
  };
}

export const isShared = (desired: Desired) =>
  desired.public || desired.accounts.length + desired.organizations.length + desired.ous.length > 0;

/**
 * The tags every copy carries: the requested ones and the marker that finds it on a re-run; with
 * wait-for-test, a copy made before the test passed says so (`ami-action:test=pending`) until it does.
 */
export function copyTags(desired: Desired, testPassed = !desired.waitForTest): Tags {
  const tags: Tags = { ...desired.tags, [TAG.sourceAmi]: desired.sourceId };
  if (desired.waitForTest) tags[TAG.test] = testPassed ? 'passed' : 'pending';
  return tags;
}

/** "2 accounts, 1 organization, 1 OU", "public", or "not shared". */
export function describeSharing(desired: Desired): string {
  const parts = [
    desired.public ? 'public' : '',
    plural(desired.accounts.length, 'account'),
    plural(desired.organizations.length, 'organization'),
    plural(desired.ous.length, 'OU'),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'not shared';
}

function plural(count: number, word: string): string {
  return count === 0 ? '' : `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function versionLabel(version: string | undefined): string | undefined {
  if (!version) return undefined;
  return /^v/i.test(version) ? version : `v${version}`;
}
