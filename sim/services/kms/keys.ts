/** KMS keys: DescribeKey, CreateKey, and resolving a key reference as KMS does (used by EC2 too). */
import { randomUUID } from 'node:crypto';
import type {
  CreateKeyCommandInput,
  CreateKeyCommandOutput,
  CustomerMasterKeySpec,
  DescribeKeyCommandInput,
  DescribeKeyCommandOutput,
  KeyMetadata,
} from '@aws-sdk/client-kms';
import { AwsError, type CallContext, type Handler, type SimulatorApi } from '../../core/types.js';
import { type KmsKey, type KmsState, kmsRegion } from './state.js';

export function newKey(sim: SimulatorApi, region: string, keyId: string, opts: Partial<KmsKey>): KmsKey {
  return {
    KeyId: keyId,
    Arn: `arn:aws:kms:${region}:${sim.accountId}:key/${keyId}`,
    AWSAccountId: sim.accountId,
    CreationDate: sim.clock.now().toISOString(),
    Description: '',
    Enabled: true,
    KeyManager: 'CUSTOMER',
    KeyState: 'Enabled',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    Origin: 'AWS_KMS',
    MultiRegion: false,
    ...opts,
  };
}

/**
 * Resolves a key reference as KMS does: key id, key ARN, alias name (`alias/x`) or alias ARN.
 * ARNs must name `region` and this account. Returns the key metadata, or undefined.
 * The EC2 model uses this for encrypted copies (`KmsKeyId`) and for `aws/ebs` detection.
 */
export function resolveKmsKey(sim: SimulatorApi, region: string, keyRef: string): KmsKey | undefined {
  const r = sim.slice<KmsState>('kms')?.regions?.[region];
  if (!r || !keyRef) return undefined;
  let ref = keyRef;
  const arn = /^arn:aws[\w-]*:kms:([^:]+):(\d{12}):((?:key|alias)\/.+)$/.exec(keyRef);
  if (arn) {
    if (arn[1] !== region || arn[2] !== sim.accountId) return undefined;
    ref = arn[3].startsWith('key/') ? arn[3].slice(4) : arn[3];
  }
  if (ref.startsWith('alias/')) {
    const alias = r.aliases[ref];
    return alias ? r.keys[alias.TargetKeyId] : undefined;
  }
  return r.keys[ref];
}

export function requireKey(ctx: CallContext, keyRef: unknown): KmsKey {
  const ref = String(keyRef ?? '');
  const key = resolveKmsKey(ctx.sim, ctx.region, ref);
  if (key) return key;
  const arn = `arn:aws:kms:${ctx.region}:${ctx.accountId}:`;
  if (ref.startsWith('alias/')) throw new AwsError('NotFoundException', `Alias ${arn}${ref} is not found.`);
  if (ref.startsWith('arn:')) throw new AwsError('NotFoundException', `Key '${ref}' does not exist`);
  throw new AwsError('NotFoundException', `Key '${arn}key/${ref}' does not exist`);
}

export function requireUsable(key: KmsKey): void {
  if (key.KeyState === 'Disabled') throw new AwsError('DisabledException', `${key.Arn} is disabled.`);
  if (key.KeyState !== 'Enabled') {
    throw new AwsError('KMSInvalidStateException', `${key.Arn} is ${key.KeyState}.`);
  }
}

function keyMetadata(key: KmsKey): KeyMetadata {
  const { allowAccounts: _policy, ...metadata } = key;
  return { ...metadata, CreationDate: new Date(key.CreationDate) };
}

export const DescribeKey: Handler<DescribeKeyCommandInput, DescribeKeyCommandOutput> = (input, ctx) => ({
  KeyMetadata: keyMetadata(requireKey(ctx, input.KeyId)),
});

export const CreateKey: Handler<CreateKeyCommandInput, CreateKeyCommandOutput> = (input, ctx) => {
  const key = newKey(ctx.sim, ctx.region, randomUUID(), {
    Description: input.Description ?? '',
    KeyUsage: input.KeyUsage ?? 'ENCRYPT_DECRYPT',
    KeySpec: input.KeySpec ?? 'SYMMETRIC_DEFAULT',
    CustomerMasterKeySpec: (input.KeySpec ?? 'SYMMETRIC_DEFAULT') as CustomerMasterKeySpec,
    MultiRegion: input.MultiRegion ?? false,
    Origin: input.Origin ?? 'AWS_KMS',
  });
  kmsRegion(ctx.sim, ctx.region).keys[key.KeyId] = key;
  return { KeyMetadata: keyMetadata(key) };
};
