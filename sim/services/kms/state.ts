/**
 * The KMS slice (`state.kms`): keys, aliases and grants, per region (KMS is regional). Timestamps
 * are ISO strings (the state must stay JSON); the protocol layer turns them into epoch seconds.
 */
import type {
  CustomerMasterKeySpec,
  EncryptionAlgorithmSpec,
  GrantConstraints,
  GrantOperation,
  KeyManagerType,
  KeySpec,
  KeyState,
  KeyUsageType,
  OriginType,
} from '@aws-sdk/client-kms';
import { regionSlice } from '../../core/regions.js';
import type { SimulatorApi } from '../../core/types.js';

export interface KmsKey {
  KeyId: string;
  Arn: string;
  AWSAccountId: string;
  CreationDate: string;
  Description: string;
  Enabled: boolean;
  KeyManager: KeyManagerType;
  KeyState: KeyState;
  KeyUsage: KeyUsageType;
  KeySpec: KeySpec;
  CustomerMasterKeySpec: CustomerMasterKeySpec;
  EncryptionAlgorithms: EncryptionAlgorithmSpec[];
  Origin: OriginType;
  MultiRegion: boolean;
  /** Other accounts its key policy lets use it (seeded; the simulator models no key policy documents). */
  allowAccounts?: string[];
}

export interface KmsAlias {
  AliasName: string;
  AliasArn: string;
  TargetKeyId: string;
  CreationDate: string;
  LastUpdatedDate: string;
}

export interface KmsGrant {
  KeyId: string;
  GrantId: string;
  GrantToken: string;
  Name?: string;
  CreationDate: string;
  GranteePrincipal: string;
  RetiringPrincipal?: string;
  IssuingAccount: string;
  Operations: GrantOperation[];
  Constraints?: GrantConstraints;
}

export interface KmsRegion {
  keys: Record<string, KmsKey>;
  aliases: Record<string, KmsAlias>;
  grants: KmsGrant[];
}

export interface KmsState {
  regions: Record<string, KmsRegion>;
}

export function initKmsState(): KmsState {
  return { regions: {} };
}

export function kmsRegion(sim: SimulatorApi, region: string): KmsRegion {
  return regionSlice<KmsRegion>(sim, 'kms', region, () => ({ keys: {}, aliases: {}, grants: [] }));
}
