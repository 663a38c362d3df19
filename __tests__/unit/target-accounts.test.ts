/**
 * Acting in target accounts: Allowed AMIs evaluated as AWS documents it, and role sessions assumed
 * once per account, renewed on AWS's clock before they expire, against the simulated AWS.
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simEnv } from '../../scripts/lib/sim-env.js';
import { consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/index.js';
import { inAccount } from '../../src/aws/accounts.js';
import { type AllowedImages, notAllowedBecause } from '../../src/aws/allowed-images.js';
import { ec2 } from '../../src/aws/images.js';
import { AssumeRoleError, TargetRoles } from '../../src/aws/roles.js';
import { useSimulator } from '../helpers/sim.js';

const DAY = 24 * 3600 * 1000;
const NOW = Date.parse('2026-12-05T00:00:00Z');
const image = {
  ownerId: '123456789012',
  name: 'golden-al2023-2026.12.01',
  creationDate: new Date(NOW - 4 * DAY).toISOString(),
};
const enabled = (criteria: AllowedImages['criteria']): AllowedImages => ({ state: 'enabled', criteria });

describe('Allowed AMIs, evaluated for an account', () => {
  const account = '210987654321';
  const why = (settings: AllowedImages, img = image) => notAllowedBecause(settings, img, account, NOW);

  it('allows an image meeting every parameter of any one criterion', () => {
    expect(
      why(enabled([{ ImageProviders: ['amazon'] }, { ImageProviders: ['123456789012'] }])),
    ).toBeUndefined();
    expect(
      why(
        enabled([
          {
            ImageProviders: ['123456789012'],
            ImageNames: ['golden-*'],
            CreationDateCondition: { MaximumDaysSinceCreated: 7 },
          },
        ]),
      ),
    ).toBeUndefined();
    expect(why(enabled([{ ImageNames: ['golden-al2023-2026.12.0?'] }]))).toBeUndefined();
  });

  it('names what the image misses', () => {
    expect(why(enabled([{ ImageProviders: ['amazon', 'aws-marketplace'] }]))).toBe(
      'its owner 123456789012 is not among the image providers amazon, aws-marketplace',
    );
    // `none`: only the account's own AMIs.
    expect(why(enabled([{ ImageProviders: ['none'] }]))).toContain('not among the image providers none');
    expect(why(enabled([{ ImageProviders: ['123456789012'], ImageNames: ['base-*'] }]))).toBe(
      'its name "golden-al2023-2026.12.01" matches none of the image names base-*',
    );
    expect(why(enabled([{ CreationDateCondition: { MaximumDaysSinceCreated: 3 } }]))).toBe(
      'it was created 4 days ago, more than the 3 allowed',
    );
    const deprecated = { ...image, deprecationTime: new Date(NOW - 10 * DAY).toISOString() };
    expect(why(enabled([{ DeprecationTimeCondition: { MaximumDaysSinceDeprecated: 5 } }]), deprecated)).toBe(
      'it was deprecated 10 days ago, more than the 5 allowed',
    );
    // Deprecated in the future: not deprecated yet.
    const later = { ...image, deprecationTime: new Date(NOW + 10 * DAY).toISOString() };
    expect(
      why(enabled([{ DeprecationTimeCondition: { MaximumDaysSinceDeprecated: 0 } }]), later),
    ).toBeUndefined();
    expect(why(enabled([{ ImageProviders: ['amazon'] }, { ImageNames: ['base-*'] }]))).toMatch(
      /^no criterion allows it \(.*amazon; .*base-\*\)$/,
    );
    expect(why(enabled([]))).toBe('no criteria allow any AMI of another account');
  });

  it("never restricts the account's own AMIs", () => {
    expect(why(enabled([{ ImageProviders: ['amazon'] }]), { ...image, ownerId: account })).toBeUndefined();
  });
});

describe('TargetRoles', () => {
  // Real time: the renewal test moves the clock by hand.
  const aws = useSimulator({ timeScale: 1 });
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, simEnv(aws.url));
  });
  afterAll(() => {
    process.env = saved;
  });
  // No reset between these tests (each uses its own account or role): only calls made since count.
  let before = 0;
  beforeEach(async () => {
    before = (await aws.calls()).length;
  });
  const context = { runId: '77', runAttempt: '2', workspace: '.', tempDir: '.' };
  const calls = async () => (await aws.calls()).slice(before);
  const assumeCalls = async () => (await calls()).filter((c) => c.operation === 'AssumeRole');

  it('assumes each role once however many ask at once, and acts in that account', async () => {
    const roles = new TargetRoles({ arn: 'arn:aws:iam::{account}:role/ami-consumer' }, 'us-east-1', context);
    const [access] = await Promise.all(Array.from({ length: 8 }, () => roles.open(WORKLOAD_ACCOUNTS[0])));
    await inAccount(access, () => ec2('eu-west-1').send(new DescribeImagesCommand({ Owners: ['self'] })));
    expect((await assumeCalls()).map((c) => c.account)).toEqual(['123456789012']);
    expect((await calls()).find((c) => c.operation === 'DescribeImages')?.account).toBe(WORKLOAD_ACCOUNTS[0]);
    expect(roles.assumed.get(WORKLOAD_ACCOUNTS[0])).toBe(1);
  });

  it('says why a role cannot be assumed', async () => {
    const roles = new TargetRoles({ arn: 'arn:aws:iam::{account}:role/nobody' }, 'us-east-1', context);
    await expect(roles.open(WORKLOAD_ACCOUNTS[0])).rejects.toThrow(AssumeRoleError);
    await expect(roles.open(WORKLOAD_ACCOUNTS[0])).rejects.toThrow(
      /cannot assume arn:aws:iam::210987654321:role\/nobody: the role does not exist, its trust policy/,
    );
  });

  // Last: it moves the simulated clock an hour on.
  it("assumes it again once less than 15 minutes of the session are left on AWS's clock", async () => {
    const roles = new TargetRoles({ arn: consumerRoleArn('{account}') }, 'us-east-1', context);
    const access = await roles.open(WORKLOAD_ACCOUNTS[1]);
    const describe = () =>
      inAccount(access, () => ec2('us-east-1').send(new DescribeImagesCommand({ Owners: ['self'] })));
    await describe();
    await aws.advance(40 * 60);
    await describe();
    expect(await assumeCalls()).toHaveLength(1);
    // The describe above carried AWS's time: 50 minutes into the hour, the session is renewed.
    await aws.advance(10 * 60);
    await describe();
    await describe();
    expect(await assumeCalls()).toHaveLength(2);
    expect((await calls()).filter((c) => c.outcome.includes('Expired'))).toEqual([]);
  });
});
