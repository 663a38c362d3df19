/**
 * The KMS part of the default scenario: in each region the customer managed `alias/ami-action` key
 * and the AWS managed `aws/ebs` key; and the seeding of `{ keys: [...] }` sections.
 */
import type { KeyState } from '@aws-sdk/client-kms';
import { accountFor } from '../../core/accounts.js';
import { stableUuid } from '../../core/ids.js';
import type { SimulatorApi } from '../../core/types.js';
import { DEFAULT_EC2_REGIONS } from '../ec2/scenario.js';
import { WORKLOAD_ACCOUNTS } from '../sts/scenario.js';
import { putAlias } from './aliases.js';
import { newKey } from './keys.js';
import { type KmsKey, kmsRegion } from './state.js';

/** One key to seed. `keyId` defaults to a stable id derived from account, region and alias. */
export interface KmsKeySeed {
  /** The account that owns it (default: the section's, else the default account). */
  account?: string;
  region: string;
  alias?: string;
  keyId?: string;
  description?: string;
  keyManager?: 'CUSTOMER' | 'AWS';
  keyState?: string;
  /**
   * Accounts the key policy lets use the key (as a grant to them would): for a shared encrypted AMI,
   * what a key policy statement naming the target accounts does.
   */
  allowAccounts?: string[];
}

/** The scenario section for `kms`: `{ keys: [...] }`. */
export interface KmsScenarioSection {
  keys?: KmsKeySeed[];
}

/** The regions of the default scenario (EC2's base AMIs are there too). */
export const DEFAULT_KMS_REGIONS = DEFAULT_EC2_REGIONS;

const ebsKey = (region: string, account?: string): KmsKeySeed => ({
  account,
  region,
  alias: 'alias/aws/ebs',
  keyManager: 'AWS',
  description: 'Default key that protects my EBS volumes when no other key is defined',
});

/** A section seeding, in each region, the customer managed `alias/ami-action` key and the `aws/ebs` key. */
export function kmsScenarioSection(regions: string[] = DEFAULT_KMS_REGIONS): KmsScenarioSection {
  return {
    keys: regions.flatMap((region) => [
      { region, alias: 'alias/ami-action', description: 'ami-action AMI encryption key' },
      ebsKey(region),
    ]),
  };
}

/** Each workload account's keys in each region: its own `alias/ami` and its `aws/ebs`. */
export function workloadKeys(accounts: string[], regions: string[] = DEFAULT_KMS_REGIONS): KmsKeySeed[] {
  return accounts.flatMap((account) =>
    regions.flatMap((region) => [
      { account, region, alias: 'alias/ami', description: 'AMI encryption key of the workload account' },
      ebsKey(region, account),
    ]),
  );
}

export const defaultScenarioSection: KmsScenarioSection = {
  keys: [...kmsScenarioSection().keys!, ...workloadKeys(WORKLOAD_ACCOUNTS)],
};

/** Adds one key (and its alias) in any region. Used by `seed` and by tests. */
export function seedKmsKey(section: SimulatorApi, seed: KmsKeySeed): KmsKey {
  const sim = accountFor(section, seed.account);
  const keyId = seed.keyId ?? stableUuid(`${sim.accountId}:${seed.region}:${seed.alias ?? seed.description}`);
  const state = (seed.keyState ?? 'Enabled') as KeyState;
  const key = newKey(sim, seed.region, keyId, {
    Description: seed.description ?? '',
    KeyManager: seed.keyManager ?? 'CUSTOMER',
    KeyState: state,
    Enabled: state === 'Enabled',
    allowAccounts: seed.allowAccounts?.length ? [...seed.allowAccounts] : undefined,
  });
  kmsRegion(sim, seed.region).keys[keyId] = key;
  if (seed.alias) putAlias(sim, seed.region, seed.alias, keyId);
  return key;
}

export function seedKms(section: unknown, sim: SimulatorApi): void {
  for (const key of (section as KmsScenarioSection | undefined)?.keys ?? []) seedKmsKey(sim, key);
}
