import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/inputs.js';

const AMI = 'ami-0123456789abcdef0';
const env = (inputs: Record<string, string>) => {
  const result: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    INPUT_MODE: 'publish',
    'INPUT_AMI-ID': AMI,
  };
  for (const [name, value] of Object.entries(inputs)) result[`INPUT_${name.toUpperCase()}`] = value;
  return result;
};
const read = (inputs: Record<string, string> = {}) => readConfig('publish', env(inputs));

describe('publish inputs', () => {
  it('has safe defaults', () => {
    const config = read();
    expect(config).toMatchObject({
      amiId: AMI,
      tags: [],
      copyToRegions: [],
      kmsKeyIds: {},
      shareWithAccounts: [],
      public: false,
      allowPublic: false,
      kmsGrants: true,
      deregistrationProtection: 'false',
      requireTest: false,
      copyConcurrency: 20,
      timeout: 10800,
    });
    expect(config.deprecateAt).toBeUndefined();
    expect(config.ssmParameter).toBeUndefined();
  });

  it('copies within the partition of region only: CopyImage cannot copy to another', () => {
    expect(() => read({ 'copy-to-regions': 'us-west-2, cn-north-1, us-gov-west-1' })).toThrow(
      /Input 'copy-to-regions': got ".*". cn-north-1, us-gov-west-1 are not in the partition of region us-east-1 \(aws\): CopyImage copies within one partition.*CreateStoreImageTask/,
    );
    expect(() =>
      readConfig('publish', { ...env({ 'copy-to-regions': 'us-east-1' }), AWS_REGION: 'us-gov-west-1' }),
    ).toThrow(
      /Input 'copy-to-regions': got "us-east-1". us-east-1 is not in the partition of region us-gov-west-1 \(aws-us-gov\)/,
    );
    const gov = readConfig('publish', {
      ...env({ 'copy-to-regions': 'us-gov-east-1' }),
      AWS_REGION: 'us-gov-west-1',
    });
    expect(gov.copyToRegions).toEqual(['us-gov-east-1']);
  });

  it('needs the ami-id', () => {
    expect(() => readConfig('publish', { AWS_REGION: 'us-east-1', INPUT_MODE: 'publish' })).toThrow(
      /Input 'ami-id': nothing was given/,
    );
  });

  it('reads region=key lines and refuses keys that cannot serve the region', () => {
    expect(
      read({ 'kms-key-ids': 'eu-west-1=alias/ami\nus-west-2=1234abcd-12ab-34cd-56ef-1234567890ab' })
        .kmsKeyIds,
    ).toEqual({
      'eu-west-1': 'alias/ami',
      'us-west-2': '1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    expect(() => read({ 'kms-key-ids': 'mars-1=alias/ami' })).toThrow(/Input 'kms-key-ids'.*region code/);
    expect(() =>
      read({
        'kms-key-ids':
          'eu-west-1=arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
    ).toThrow(/The key for eu-west-1 is in us-east-1: KMS keys are regional/);
    expect(() => read({ 'kms-key-ids': 'eu-west-1=alias/aws/ebs' })).toThrow(
      /AWS managed key.*customer managed/,
    );
    expect(() => read({ 'kms-key-ids': 'eu-west-1' })).toThrow(/key=value/);
  });

  it('says which kind of id was given where another belongs', () => {
    expect(() =>
      read({ 'share-with-accounts': 'arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5' }),
    ).toThrow(/Input 'share-with-accounts'.*is an organization ARN; this input takes 12-digit account ids/);
    expect(() =>
      read({
        'share-with-organizations': 'arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cdef3456',
      }),
    ).toThrow(/is an OU ARN; this input takes organization ARNs/);
    expect(() => read({ 'share-with-ous': '111122223333' })).toThrow(
      /is an account id; this input takes OU ARNs/,
    );
    expect(() => read({ 'share-with-organizations': 'o-a1b2c3d4e5' })).toThrow(
      /is an organization id \(not its ARN\)/,
    );
    expect(
      read({ 'share-with-accounts': '111122223333, 111122223333\n444455556666' }).shareWithAccounts,
    ).toEqual(['111122223333', '444455556666']);
  });

  it('needs allow-public for public, and one deprecation input at most', () => {
    expect(() => read({ public: 'true' })).toThrow(/Input 'public': got "true"\..*allow-public: true/);
    expect(read({ public: 'true', 'allow-public': 'true' }).public).toBe(true);
    expect(() => read({ 'deprecate-at': '2027-06-30T00:00:00Z', 'deprecate-after': '90d' })).toThrow(
      /Input 'deprecate-after'.*not both/,
    );
    expect(read({ 'deprecate-at': '2027-06-30T00:00:00Z' }).deprecateAt?.toISOString()).toBe(
      '2027-06-30T00:00:00.000Z',
    );
    expect(() => read({ 'deprecate-at': 'next tuesday' })).toThrow(/Input 'deprecate-at'.*ISO 8601/);
    expect(read({ 'deprecate-after': '90d' }).deprecateAfter).toBe(90 * 86400);
  });

  it('refuses tags EC2 would refuse', () => {
    expect(read({ tags: 'team=web\nversion=1.2' }).tags).toEqual([
      ['team', 'web'],
      ['version', '1.2'],
    ]);
    expect(() => read({ tags: 'aws:team=web' })).toThrow(/Input 'tags'.*starts with aws:/);
    expect(() => read({ tags: 'team' })).toThrow(/Input 'tags'.*key=value/);
  });

  it('fits the parameter name beside the longest ARN before it, which AWS counts within 1011 characters', () => {
    const name = (length: number) => `/app/${'a'.repeat(length - 5)}`;
    expect(read({ 'ssm-parameter': name(955) }).ssmParameter).toBe(name(955));
    expect(() => read({ 'ssm-parameter': name(956) })).toThrow(
      /Input 'ssm-parameter': .*The name is 956 characters; Parameter Store allows 1011 including the ARN before it \(up to 56 characters, as in arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter\/\), so at most 955/,
    );
    // Where ssm-parameter is read in other modes too.
    expect(() =>
      readConfig('test', {
        AWS_REGION: 'us-east-1',
        INPUT_MODE: 'test',
        'INPUT_AMI-ID': AMI,
        'INPUT_SSM-PARAMETER': name(1000),
      }),
    ).toThrow(/at most 955/);
  });

  it('checks the parameter name and the copy concurrency', () => {
    expect(read({ 'ssm-parameter': '/app/ami/prod' }).ssmParameter).toBe('/app/ami/prod');
    expect(() => read({ 'ssm-parameter': '/aws/app' })).toThrow(/Input 'ssm-parameter'/);
    expect(() => read({ 'ssm-parameter': 'app/ami' })).toThrow(/Input 'ssm-parameter'/);
    expect(() => read({ 'copy-concurrency': '0' })).toThrow(/Input 'copy-concurrency'.*1 to 100/);
    expect(() => read({ 'deregistration-protection': 'yes' })).toThrow(/false, true, with-cooldown/);
  });
});
