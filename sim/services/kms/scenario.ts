/**
 * The KMS part of the default scenario: in each region the customer managed `alias/ami-action` key
 * and the AWS managed `aws/ebs` key; and the seeding of `{ keys: [...] }` sections.
 */
import type { KeyState } from '@aws-sdk/client-kms';
import { stableUuid } from '../../core/ids.js';
import type { SimulatorApi } from '../../core/types.js';
import { DEFAULT_EC2_REGIONS } from '../ec2/scenario.js';
import { putAlias } from './aliases.js';
import { newKey } from './keys.js';
import { type KmsKey, kmsRegion } from './state.js';

/** One key to seed. `keyId` defaults to a stable id derived from account, region and alias. */
export interface KmsKeySeed {
  region: string;
  alias?: string;
  keyId?: string;
  description?: string;
  keyManager?: 'CUSTOMER' | 'AWS';
  keyState?: string;
}

/** The scenario section for `kms`: `{ keys: [...] }`. */
export interface KmsScenarioSection {
  keys?: KmsKeySeed[];
}

/** The regions of the default scenario (EC2's base AMIs are there too). */
export const DEFAULT_KMS_REGIONS = DEFAULT_EC2_REGIONS;

/** A section seeding, in each region, the customer managed `alias/ami-action` key and the `aws/ebs` key. */
export function kmsScenarioSection(regions: string[] = DEFAULT_KMS_REGIONS): KmsScenarioSection {
  return {
    keys: regions.flatMap((region) => [
      { region, alias: 'alias/ami-action', description: 'ami-action AMI encryption key' },
      {
        region,
        alias: 'alias/aws/ebs',
        keyManager: 'AWS' as const,
        description: 'Default key that protects my EBS volumes when no other key is defined',
      },
    ]),
  };
}

export const defaultScenarioSection: KmsScenarioSection = kmsScenarioSection();

/** Adds one key (and its alias) in any region. Used by `seed` and by tests. */
export function seedKmsKey(sim: SimulatorApi, seed: KmsKeySeed): KmsKey {
  const keyId = seed.keyId ?? stableUuid(`${sim.accountId}:${seed.region}:${seed.alias ?? seed.description}`);
  const state = (seed.keyState ?? 'Enabled') as KeyState;
  const key = newKey(sim, seed.region, keyId, {
    Description: seed.description ?? '',
    KeyManager: seed.keyManager ?? 'CUSTOMER',
    KeyState: state,
    Enabled: state === 'Enabled',
  });
  kmsRegion(sim, seed.region).keys[keyId] = key;
  if (seed.alias) putAlias(sim, seed.region, seed.alias, keyId);
  return key;
}

export function seedKms(section: unknown, sim: SimulatorApi): void {
  for (const key of (section as KmsScenarioSection | undefined)?.keys ?? []) seedKmsKey(sim, key);
}
