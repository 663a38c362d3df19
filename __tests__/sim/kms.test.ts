import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisabledException,
  KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  NotFoundException,
  paginateListAliases,
  paginateListGrants,
  RetireGrantCommand,
  RevokeGrantCommand,
} from '@aws-sdk/client-kms';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveKmsKey } from '../../sim/services/kms/keys.js';
import { DEFAULT_KMS_REGIONS, kmsScenarioSection, seedKmsKey } from '../../sim/services/kms/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator();
const kms = (region = 'us-east-1') => new KMSClient(aws.sdkConfig(region));
beforeEach(() => aws.reset());

describe('DescribeKey', () => {
  it('finds the default keys by id, ARN, alias name and alias ARN in every default region', async () => {
    for (const region of DEFAULT_KMS_REGIONS) {
      const { KeyMetadata: key } = await kms(region).send(
        new DescribeKeyCommand({ KeyId: 'alias/ami-action' }),
      );
      expect(key).toMatchObject({
        KeyManager: 'CUSTOMER',
        KeyState: 'Enabled',
        Enabled: true,
        AWSAccountId: '123456789012',
      });
      expect(key?.Arn).toBe(`arn:aws:kms:${region}:123456789012:key/${key?.KeyId}`);
      expect(key?.CreationDate).toBeInstanceOf(Date);
      for (const ref of [key!.KeyId!, key!.Arn!, `arn:aws:kms:${region}:123456789012:alias/ami-action`]) {
        const again = await kms(region).send(new DescribeKeyCommand({ KeyId: ref }));
        expect(again.KeyMetadata?.KeyId).toBe(key?.KeyId);
      }
      const ebs = await kms(region).send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }));
      expect(ebs.KeyMetadata?.KeyManager).toBe('AWS');
    }
  });

  it('raises the typed NotFoundException for unknown keys, aliases and keys of another region', async () => {
    const usKey = (await kms().send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }))).KeyMetadata!;
    for (const [region, ref] of [
      ['us-east-1', 'alias/does-not-exist'],
      ['us-east-1', '00000000-0000-0000-0000-000000000000'],
      ['eu-west-1', usKey.Arn!],
      ['sa-east-1', 'alias/ami-action'],
    ]) {
      const err = await kms(region)
        .send(new DescribeKeyCommand({ KeyId: ref }))
        .catch((e) => e);
      expect(err).toBeInstanceOf(NotFoundException);
      expect(err.name).toBe('NotFoundException');
    }
  });

  it('sees keys seeded in any region through /_sim/seed', async () => {
    await aws.seed({ kms: kmsScenarioSection(['sa-east-1']) });
    const out = await kms('sa-east-1').send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }));
    expect(out.KeyMetadata?.Arn).toContain(':sa-east-1:');
  });
});

describe('CreateKey and aliases', () => {
  it('creates a key and an alias, lists aliases with paging and by key', async () => {
    const { KeyMetadata: key } = await kms().send(new CreateKeyCommand({ Description: 'copies' }));
    expect(key).toMatchObject({ Description: 'copies', KeyManager: 'CUSTOMER', KeyState: 'Enabled' });
    await kms().send(new CreateAliasCommand({ AliasName: 'alias/copies', TargetKeyId: key!.KeyId }));
    const err = await kms()
      .send(new CreateAliasCommand({ AliasName: 'alias/copies', TargetKeyId: key!.KeyId }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(AlreadyExistsException);
    const names: string[] = [];
    for await (const page of paginateListAliases({ client: kms(), pageSize: 1 }, {})) {
      for (const a of page.Aliases ?? []) names.push(a.AliasName!);
    }
    expect(names).toEqual(['alias/ami-action', 'alias/aws/ebs', 'alias/copies']);
    const byKey = await kms().send(new ListAliasesCommand({ KeyId: key!.KeyId }));
    expect(byKey.Aliases?.map((a) => a.AliasName)).toEqual(['alias/copies']);
    const described = await kms().send(new DescribeKeyCommand({ KeyId: 'alias/copies' }));
    expect(described.KeyMetadata?.KeyId).toBe(key?.KeyId);
  });
});

describe('grants', () => {
  const grant = {
    KeyId: 'alias/ami-action',
    GranteePrincipal: 'arn:aws:iam::111122223333:root',
    Operations: ['Decrypt', 'DescribeKey', 'CreateGrant'] as const,
    Name: 'share-111122223333',
  };

  it('creates grants idempotently and pages through them', async () => {
    const a = await kms().send(new CreateGrantCommand({ ...grant, Operations: [...grant.Operations] }));
    const b = await kms().send(
      new CreateGrantCommand({ ...grant, Operations: ['CreateGrant', 'Decrypt', 'DescribeKey'] }),
    );
    expect(a.GrantId).toMatch(/^[0-9a-f]{64}$/);
    expect(a.GrantToken).toBeTruthy();
    expect(b.GrantId).toBe(a.GrantId);
    const c = await kms().send(
      new CreateGrantCommand({
        ...grant,
        Operations: ['Decrypt'],
        Name: 'asg',
        Constraints: { EncryptionContextSubset: { 'aws:ebs:id': 'vol-1' } },
      }),
    );
    expect(c.GrantId).not.toBe(a.GrantId);

    const first = await kms().send(new ListGrantsCommand({ KeyId: grant.KeyId, Limit: 1 }));
    expect(first.Truncated).toBe(true);
    expect(first.NextMarker).toBeTruthy();
    const all = [];
    for await (const page of paginateListGrants({ client: kms(), pageSize: 1 }, { KeyId: grant.KeyId })) {
      all.push(...(page.Grants ?? []));
    }
    expect(all.map((g) => g.GrantId)).toEqual([a.GrantId, c.GrantId]);
    expect(all[1]).toMatchObject({
      Name: 'asg',
      Operations: ['Decrypt'],
      Constraints: { EncryptionContextSubset: { 'aws:ebs:id': 'vol-1' } },
      IssuingAccount: 'arn:aws:iam::123456789012:root',
    });
    expect(all[1].CreationDate).toBeInstanceOf(Date);
  });

  it('retires (by token or id) and revokes grants', async () => {
    const ops = [...grant.Operations];
    const a = await kms().send(new CreateGrantCommand({ ...grant, Operations: ops }));
    const b = await kms().send(new CreateGrantCommand({ ...grant, Operations: ops, Name: 'b' }));
    const c = await kms().send(new CreateGrantCommand({ ...grant, Operations: ops, Name: 'c' }));
    const key = (await kms().send(new DescribeKeyCommand({ KeyId: grant.KeyId }))).KeyMetadata!;
    await kms().send(new RetireGrantCommand({ GrantToken: a.GrantToken }));
    await kms().send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: b.GrantId }));
    await kms().send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId: c.GrantId }));
    const left = await kms().send(new ListGrantsCommand({ KeyId: grant.KeyId }));
    expect(left.Grants).toEqual([]);
    const err = await kms()
      .send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId: c.GrantId }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundException);
  });

  it('refuses grants on a disabled key', async () => {
    seedKmsKey(aws.sim, { region: 'us-east-1', alias: 'alias/off', keyState: 'Disabled' });
    const err = await kms()
      .send(new CreateGrantCommand({ ...grant, KeyId: 'alias/off', Operations: ['Decrypt'] }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(DisabledException);
  });
});

describe('resolveKmsKey (for the EC2 model)', () => {
  it('resolves every kind of reference in its region only', () => {
    const key = resolveKmsKey(aws.sim, 'eu-west-1', 'alias/ami-action')!;
    expect(key.KeyManager).toBe('CUSTOMER');
    expect(resolveKmsKey(aws.sim, 'eu-west-1', key.KeyId)).toBe(key);
    expect(resolveKmsKey(aws.sim, 'eu-west-1', key.Arn)).toBe(key);
    expect(resolveKmsKey(aws.sim, 'eu-west-1', 'arn:aws:kms:eu-west-1:123456789012:alias/ami-action')).toBe(
      key,
    );
    expect(resolveKmsKey(aws.sim, 'us-east-1', key.Arn)).toBeUndefined();
    expect(resolveKmsKey(aws.sim, 'eu-west-1', 'alias/aws/ebs')?.KeyManager).toBe('AWS');
    expect(resolveKmsKey(aws.sim, 'mars-1', 'alias/ami-action')).toBeUndefined();
  });
});
