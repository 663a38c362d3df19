/**
 * The query and XML codecs against the SDK's own serializer and deserializer, for shapes the
 * end-to-end tests do not reach (maps, flattened lists).
 */

import { RunInstancesRequest$ } from '@aws-sdk/client-ec2';
import { TransactionContext$ } from '@aws-sdk/client-sts';
import { QueryShapeSerializer, XmlShapeDeserializer } from '@aws-sdk/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import { describe, expect, it } from 'vitest';
import { readQuery } from '../../sim/protocols/codec-query.js';
import { writeXmlMembers } from '../../sim/protocols/codec-xml.js';

function sdkQuery(schema: unknown, value: unknown, ec2: boolean): URLSearchParams {
  const s = new QueryShapeSerializer({
    timestampFormat: { useTrait: true, default: 5 },
    serializeEmptyLists: !ec2,
    ...(ec2 ? { capitalizeKeys: true, flattenLists: true, ec2: true } : {}),
  } as any);
  s.write(schema as any, value);
  return new URLSearchParams(String(s.flush()));
}

describe('query codec round trip with the SDK serializer', () => {
  it('awsQuery maps (.entry.N.key/value)', () => {
    const value = { IdentityProvider: { 'github.com': 'repo:org/app', other: 'x' } };
    const params = sdkQuery(TransactionContext$, value, false);
    expect(params.get('IdentityProvider.entry.1.key')).toBe('github.com');
    expect(readQuery(NormalizedSchema.of(TransactionContext$ as any), params, { ec2: false })).toEqual(value);
  });

  it('the EC2 RunInstances input, the largest one the action sends', () => {
    const value = {
      ImageId: 'ami-1',
      MinCount: 1,
      MaxCount: 1,
      InstanceType: 't3.micro',
      SecurityGroupIds: ['sg-1', 'sg-2'],
      IamInstanceProfile: { Name: 'builder' },
      MetadataOptions: { HttpTokens: 'required' },
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 16, Encrypted: true } }],
      TagSpecifications: [
        { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'a=b&c' }] },
        { ResourceType: 'volume', Tags: [{ Key: 'ami-action:run-id', Value: '42' }] },
      ],
      UserData: 'IyEvYmluL3NoCg==',
      ClientToken: 'token-1',
    };
    const params = sdkQuery(RunInstancesRequest$, value, true);
    expect(params.get('TagSpecification.2.Tag.1.Key')).toBe('ami-action:run-id');
    expect(readQuery(NormalizedSchema.of(RunInstancesRequest$ as any), params, { ec2: true })).toEqual(value);
  });
});

describe('XML writer read back by the SDK deserializer', () => {
  it('maps and escaped text', async () => {
    const value = { IdentityProvider: { 'a&b': '<x>', c: 'd' } };
    const xml = `<R>${writeXmlMembers(NormalizedSchema.of(TransactionContext$ as any), value)}</R>`;
    const d = new XmlShapeDeserializer({ timestampFormat: { useTrait: true, default: 5 } } as any);
    expect(await d.read(TransactionContext$ as any, new TextEncoder().encode(xml))).toEqual(value);
  });
});
