/**
 * Service Quotas answers EC2's Public AMIs quota (default, or raised by a seed per account and Region),
 * and EC2 enforces the same value when an AMI is made public.
 */
import { DescribeImagesCommand, EC2Client, ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { beforeEach, describe, expect, it } from 'vitest';
import { stableId } from '../../sim/services/ec2/ids.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
beforeEach(() => aws.reset());

const ACCOUNT = '123456789012';
const PUBLIC_AMIS = { ServiceCode: 'ec2', QuotaCode: 'L-0E3CBAB9' };
const quotas = (region = 'us-east-1') =>
  new ServiceQuotasClient({ ...aws.sdkConfig(region), maxAttempts: 1 });
const ec2 = (region = 'us-east-1') => new EC2Client({ ...aws.sdkConfig(region), maxAttempts: 1 });

/** `count` AMIs of the account in `region` named `<prefix>-<n>`, seeded private (or public). */
async function ownImages(region: string, count: number, prefix: string, isPublic = false): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const ids = names.map((name) => stableId('ami', region, name));
  await aws.seed({
    ec2: {
      images: ids.map((imageId, i) => ({
        region,
        imageId,
        name: names[i],
        ownerId: ACCOUNT,
        public: isPublic,
      })),
    },
  });
  return ids;
}

const makePublic = (region: string, imageId: string) =>
  ec2(region).send(
    new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }),
  );

describe('Service Quotas: EC2 Public AMIs', () => {
  it('answers the default of 5 for the applied and the default quota', async () => {
    const applied = await quotas().send(new GetServiceQuotaCommand(PUBLIC_AMIS));
    expect(applied.Quota).toMatchObject({
      ServiceCode: 'ec2',
      QuotaCode: 'L-0E3CBAB9',
      QuotaName: 'Public AMIs',
      Value: 5,
      QuotaArn: `arn:aws:servicequotas:us-east-1:${ACCOUNT}:ec2/L-0E3CBAB9`,
    });
    const byDefault = await quotas().send(new GetAWSDefaultServiceQuotaCommand(PUBLIC_AMIS));
    expect(byDefault.Quota?.Value).toBe(5);
  });

  it('answers a seeded increase in its account and Region only; the default stays 5', async () => {
    await aws.seed({ servicequotas: { quotas: [{ region: 'eu-west-1', ...seedCodes, value: 10 }] } });
    expect((await quotas('eu-west-1').send(new GetServiceQuotaCommand(PUBLIC_AMIS))).Quota?.Value).toBe(10);
    expect((await quotas('us-east-1').send(new GetServiceQuotaCommand(PUBLIC_AMIS))).Quota?.Value).toBe(5);
    const byDefault = await quotas('eu-west-1').send(new GetAWSDefaultServiceQuotaCommand(PUBLIC_AMIS));
    expect(byDefault.Quota?.Value).toBe(5);
  });

  it('answers NoSuchResourceException for a quota it does not know', async () => {
    await expect(
      quotas().send(new GetServiceQuotaCommand({ ServiceCode: 'ec2', QuotaCode: 'L-00000000' })),
    ).rejects.toMatchObject({ name: 'NoSuchResourceException' });
  });
});

const seedCodes = { serviceCode: 'ec2', quotaCode: 'L-0E3CBAB9' };

describe('EC2 enforces the Public AMIs quota Service Quotas answers', () => {
  it('refuses the 6th public AMI of the account, not counting Amazon public AMIs', async () => {
    const ids = await ownImages('us-east-1', 6, 'own');
    for (const id of ids.slice(0, 5)) await makePublic('us-east-1', id);
    await expect(makePublic('us-east-1', ids[5])).rejects.toMatchObject({
      name: 'ResourceLimitExceeded',
      message: expect.stringContaining('quota of 5 public AMIs'),
    });
    // Making an already public AMI public again changes nothing and is not refused.
    await makePublic('us-east-1', ids[0]);
  });

  it('lets the account past 5 where the quota was raised', async () => {
    await aws.seed({ servicequotas: { quotas: [{ region: 'us-east-1', ...seedCodes, value: 7 }] } });
    const ids = await ownImages('us-east-1', 5, 'public', true);
    const more = await ownImages('us-west-2', 6, 'west');
    // us-west-2 keeps the default: no image of us-east-1 counts there.
    for (const id of more.slice(0, 5)) await makePublic('us-west-2', id);
    await expect(makePublic('us-west-2', more[5])).rejects.toMatchObject({ name: 'ResourceLimitExceeded' });
    const [extra1, extra2, extra3] = await ownImages('us-east-1', 3, 'extra');
    await makePublic('us-east-1', extra1);
    await makePublic('us-east-1', extra2);
    await expect(makePublic('us-east-1', extra3)).rejects.toMatchObject({
      message: expect.stringContaining('quota of 7 public AMIs'),
    });
    const { Images } = await ec2().send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'is-public', Values: ['true'] }] }),
    );
    expect(Images!.map((i) => i.ImageId).sort()).toEqual([...ids, extra1, extra2].sort());
  });

  it('refuses a seed of a quota it does not know', async () => {
    await expect(
      aws.seed({
        servicequotas: { quotas: [{ region: 'us-east-1', serviceCode: 'ec2', quotaCode: 'L-1', value: 1 }] },
      }),
    ).rejects.toThrow(/servicequotas knows ec2\/L-0E3CBAB9/);
  });
});
