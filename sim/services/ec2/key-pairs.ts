/** Key pairs: CreateKeyPair (real key material), DeleteKeyPair, DescribeKeyPairs. */

import { createHash, generateKeyPairSync } from 'node:crypto';
import type {
  CreateKeyPairCommandInput,
  CreateKeyPairCommandOutput,
  DeleteKeyPairCommandInput,
  DeleteKeyPairCommandOutput,
  DescribeKeyPairsCommandInput,
  DescribeKeyPairsCommandOutput,
} from '@aws-sdk/client-ec2';
import { nowIso } from '../../core/time.js';
import { AwsError, type Handler } from '../../core/types.js';
import { applyFilters } from './filters.js';
import { newId } from './ids.js';
import { regionState } from './region.js';
import type { Ec2Region } from './state.js';
import { checkTagSpecTypes, tagsFor } from './tags.js';

function fingerprint(der: Buffer): string {
  return createHash('sha1').update(der).digest('hex').match(/../g)?.join(':') ?? '';
}

export const CreateKeyPair: Handler<CreateKeyPairCommandInput, CreateKeyPairCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const name: string = input.KeyName ?? '';
  if (!name) throw new AwsError('MissingParameter', 'The request must contain the parameter KeyName');
  if (Object.values(r.keyPairs).some((k) => k.KeyName === name)) {
    throw new AwsError('InvalidKeyPair.Duplicate', `The keypair '${name}' already exists.`);
  }
  checkTagSpecTypes(input.TagSpecifications, ['key-pair']);
  const type = input.KeyType ?? 'rsa';
  const pair =
    type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = pair.privateKey
    .export({ type: type === 'ed25519' ? 'pkcs8' : 'pkcs1', format: 'pem' })
    .toString();
  const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const id = newId('key');
  r.keyPairs[id] = {
    KeyPairId: id,
    KeyName: name,
    KeyFingerprint: fingerprint(der),
    KeyType: type,
    createdAt: nowIso(ctx.sim),
    Tags: tagsFor(input.TagSpecifications, 'key-pair'),
  };
  return {
    KeyName: name,
    KeyFingerprint: r.keyPairs[id].KeyFingerprint,
    KeyMaterial: pem.trimEnd(),
    KeyPairId: id,
    Tags: r.keyPairs[id].Tags,
  };
};

export function findKeyPair(r: Ec2Region, name: string) {
  return Object.values(r.keyPairs).find((k) => k.KeyName === name);
}

export const DeleteKeyPair: Handler<DeleteKeyPairCommandInput, DeleteKeyPairCommandOutput> = (input, ctx) => {
  const r = regionState(ctx.sim, ctx.region);
  const k = input.KeyPairId ? r.keyPairs[input.KeyPairId] : findKeyPair(r, input.KeyName ?? '');
  // EC2 answers success for an unknown key name.
  if (k) delete r.keyPairs[k.KeyPairId];
  return { Return: true, KeyPairId: k?.KeyPairId };
};

export const DescribeKeyPairs: Handler<DescribeKeyPairsCommandInput, DescribeKeyPairsCommandOutput> = (
  input,
  ctx,
) => {
  const r = regionState(ctx.sim, ctx.region);
  const all = Object.values(r.keyPairs);
  for (const n of input.KeyNames ?? []) {
    if (!all.some((k) => k.KeyName === n)) {
      throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${n}' does not exist`);
    }
  }
  for (const id of input.KeyPairIds ?? []) {
    if (!r.keyPairs[id]) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
  }
  const items = all.filter(
    (k) =>
      (!input.KeyNames?.length || input.KeyNames.includes(k.KeyName)) &&
      (!input.KeyPairIds?.length || input.KeyPairIds.includes(k.KeyPairId)),
  );
  const matched = applyFilters(items, input.Filters, {
    'key-name': (k) => k.KeyName,
    'key-pair-id': (k) => k.KeyPairId,
    fingerprint: (k) => k.KeyFingerprint,
  });
  return {
    KeyPairs: matched.map((k) => ({
      KeyPairId: k.KeyPairId,
      KeyName: k.KeyName,
      KeyFingerprint: k.KeyFingerprint,
      KeyType: k.KeyType,
      CreateTime: new Date(k.createdAt),
      Tags: k.Tags,
    })),
  };
};
