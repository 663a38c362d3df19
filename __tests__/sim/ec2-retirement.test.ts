/**
 * What AMI retirement leans on in the simulated AWS: `lastLaunchedTime` a day late (a fault field
 * sets the delay), DisableImage / EnableImage and their effect on sharing, image usage reports over
 * the organization's accounts, and the Recycle Bin (rbin rules, ListImagesInRecycleBin,
 * RestoreImageFromRecycleBin).
 */
import {
  CreateImageUsageReportCommand,
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DeleteImageUsageReportCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeImageUsageReportEntriesCommand,
  DescribeImageUsageReportsCommand,
  DisableImageCommand,
  EC2Client,
  EnableImageCommand,
  ListImagesInRecycleBinCommand,
  ModifyImageAttributeCommand,
  RestoreImageFromRecycleBinCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateRuleCommand, GetRuleCommand, ListRulesCommand, RbinClient } from '@aws-sdk/client-rbin';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/services/sts/scenario.js';
import { rbinExcluding } from '../helpers/rbin.js';
import { failure, type SimCredentials, useSimulator } from '../helpers/sim.js';

// Time stands still; the tests move it with advance().
const aws = useSimulator({ timeScale: 1000, rateLimits: false });
const [STAGING, PRODUCTION] = WORKLOAD_ACCOUNTS;
const OWNER = '123456789012';
const AMI = 'ami-0a1b2c3d4e5f60011';
const OTHER = 'ami-0a1b2c3d4e5f60012';

const ec2 = (credentials?: SimCredentials) =>
  new EC2Client({ ...aws.sdkConfig('us-east-1', credentials), maxAttempts: 1 });
const rbin = () => new RbinClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });

beforeEach(async () => {
  await aws.reset();
  await aws.seed({
    ec2: {
      images: [AMI, OTHER].map((imageId, i) => ({
        region: 'us-east-1',
        imageId,
        name: `app-${i}`,
        ownerId: OWNER,
        public: false,
        creationDate: '2026-01-01T00:00:00.000Z',
      })),
    },
  });
});

const lastLaunched = async () =>
  (await ec2().send(new DescribeImageAttributeCommand({ ImageId: AMI, Attribute: 'lastLaunchedTime' })))
    .LastLaunchedTime?.Value;

describe('lastLaunchedTime', () => {
  it('shows a launch a simulated day later, in DescribeImageAttribute and DescribeImages', async () => {
    const { Instances = [] } = await ec2().send(
      new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }),
    );
    const launchedAt = Instances[0].LaunchTime?.toISOString();
    expect(await lastLaunched()).toBeUndefined();
    await aws.advance(DURATIONS.lastLaunchedTimeDelaySeconds - 60);
    expect(await lastLaunched()).toBeUndefined();
    await aws.advance(120);
    expect(new Date((await lastLaunched()) ?? '').toISOString()).toBe(launchedAt);
    const { Images = [] } = await ec2().send(new DescribeImagesCommand({ ImageIds: [AMI] }));
    expect(Images[0].LastLaunchedTime).toBe(await lastLaunched());
  });

  it('a later launch replaces the shown one only after its own delay; the delay is a fault field', async () => {
    await aws.setFaults({ lastLaunchedTimeDelaySeconds: 3600 });
    const run = () =>
      ec2().send(
        new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }),
      );
    const first = (await run()).Instances?.[0].LaunchTime?.toISOString();
    await aws.advance(7200);
    const second = (await run()).Instances?.[0].LaunchTime?.toISOString();
    expect(new Date((await lastLaunched()) ?? '').toISOString()).toBe(first);
    await aws.advance(3601);
    expect(new Date((await lastLaunched()) ?? '').toISOString()).toBe(second);
    await aws.setFaults({ lastLaunchedTimeDelaySeconds: 0 });
    const third = (await run()).Instances?.[0].LaunchTime?.toISOString();
    expect(new Date((await lastLaunched()) ?? '').toISOString()).toBe(third);
    await expect(aws.setFaults({ lastLaunchedTimeDelaySeconds: -1 })).rejects.toThrow(
      /lastLaunchedTimeDelaySeconds/,
    );
  });
});

describe('DisableImage / EnableImage', () => {
  it('a disabled AMI is unshared, not launchable, listed only with IncludeDisabled; EnableImage does not share it again', async () => {
    await ec2().send(
      new ModifyImageAttributeCommand({ ImageId: AMI, LaunchPermission: { Add: [{ UserId: STAGING }] } }),
    );
    await ec2().send(new DisableImageCommand({ ImageId: AMI }));
    const plain = await ec2().send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(plain.Images?.map((i) => i.ImageId)).not.toContain(AMI);
    const all = await ec2().send(new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: true }));
    expect(all.Images?.find((i) => i.ImageId === AMI)?.State).toBe('disabled');
    const error = await failure(
      ec2().send(
        new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }),
      ),
    );
    expect(error.name).toBe('InvalidAMIID.Unavailable');
    const staging = await aws.assumeRole(consumerRoleArn(STAGING));
    expect((await failure(ec2(staging).send(new DescribeImagesCommand({ ImageIds: [AMI] })))).name).toBe(
      'InvalidAMIID.NotFound',
    );
    await ec2().send(new EnableImageCommand({ ImageId: AMI }));
    const perms = await ec2().send(
      new DescribeImageAttributeCommand({ ImageId: AMI, Attribute: 'launchPermission' }),
    );
    expect(perms.LaunchPermissions).toEqual([]);
    const again = await ec2().send(new DescribeImagesCommand({ ImageIds: [AMI] }));
    expect(again.Images?.[0].State).toBe('available');
  });
});

describe('image usage reports', () => {
  it('name the accounts whose instances and launch templates reference the image, after the report is made', async () => {
    await ec2().send(
      new ModifyImageAttributeCommand({
        ImageId: AMI,
        LaunchPermission: { Add: [{ UserId: STAGING }, { UserId: PRODUCTION }] },
      }),
    );
    const staging = await aws.assumeRole(consumerRoleArn(STAGING));
    await ec2(staging).send(
      new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: AMI } }),
    );
    await ec2(staging).send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'other',
        LaunchTemplateData: { ImageId: OTHER },
      }),
    );
    const production = await aws.assumeRole(consumerRoleArn(PRODUCTION));
    const { Instances = [] } = await ec2(production).send(
      new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.micro', MinCount: 2, MaxCount: 2 }),
    );
    const { ReportId } = await ec2().send(
      new CreateImageUsageReportCommand({
        ImageId: AMI,
        ResourceTypes: [{ ResourceType: 'ec2:Instance' }, { ResourceType: 'ec2:LaunchTemplate' }],
        AccountIds: [STAGING, PRODUCTION],
      }),
    );
    const state = async () =>
      (await ec2().send(new DescribeImageUsageReportsCommand({ ReportIds: [ReportId ?? ''] })))
        .ImageUsageReports?.[0].State;
    expect(await state()).toBe('pending');
    const entries = () =>
      ec2().send(new DescribeImageUsageReportEntriesCommand({ ReportIds: [ReportId ?? ''] }));
    expect((await entries()).ImageUsageReportEntries).toEqual([]);
    // Usage after the report was made is not in it.
    await ec2(production).send(
      new TerminateInstancesCommand({ InstanceIds: Instances.map((i) => i.InstanceId!) }),
    );
    await aws.advance(DURATIONS.imageUsageReportSeconds);
    expect(await state()).toBe('available');
    const found = (await entries()).ImageUsageReportEntries?.map((e) => [
      e.AccountId,
      e.ResourceType,
      e.UsageCount,
    ]);
    expect(found).toEqual([
      [STAGING, 'ec2:LaunchTemplate', 1],
      [PRODUCTION, 'ec2:Instance', 2],
    ]);
    const paged = await ec2().send(
      new DescribeImageUsageReportEntriesCommand({ ReportIds: [ReportId ?? ''], MaxResults: 1 }),
    );
    expect(paged.ImageUsageReportEntries).toHaveLength(1);
    expect(paged.NextToken).toBeDefined();
    await ec2().send(new DeleteImageUsageReportCommand({ ReportId }));
    expect((await failure(state())).name).toBe('InvalidImageUsageReportId.NotFound');
  });

  it('take at most 200 account ids, and only the owner may make one', async () => {
    const accounts = Array.from({ length: 201 }, (_, i) => String(100000000000 + i));
    const tooMany = await failure(
      ec2().send(
        new CreateImageUsageReportCommand({
          ImageId: AMI,
          ResourceTypes: [{ ResourceType: 'ec2:Instance' }],
          AccountIds: accounts,
        }),
      ),
    );
    expect(tooMany.name).toBe('InvalidParameterValue');
    await ec2().send(
      new ModifyImageAttributeCommand({ ImageId: AMI, LaunchPermission: { Add: [{ UserId: STAGING }] } }),
    );
    const staging = await aws.assumeRole(consumerRoleArn(STAGING));
    const notOwner = await failure(
      ec2(staging).send(
        new CreateImageUsageReportCommand({
          ImageId: AMI,
          ResourceTypes: [{ ResourceType: 'ec2:Instance' }],
        }),
      ),
    );
    expect(notOwner.name).toBe('AuthFailure');
  });
});

describe('Recycle Bin', () => {
  it('keeps a deregistered AMI that an EC2_IMAGE rule matches for the rule retention; restore puts it back unshared', async () => {
    const rule = await rbin().send(
      new CreateRuleCommand({
        ResourceType: 'EC2_IMAGE',
        RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' },
        ResourceTags: [{ ResourceTagKey: 'keep', ResourceTagValue: 'yes' }],
      }),
    );
    expect(rule.Identifier).toMatch(/^[0-9a-zA-Z]{11}$/);
    const listed = await rbin().send(new ListRulesCommand({ ResourceType: 'EC2_IMAGE' }));
    expect(listed.Rules?.map((r) => r.Identifier)).toEqual([rule.Identifier]);
    expect((await rbin().send(new ListRulesCommand({ ResourceType: 'EBS_SNAPSHOT' }))).Rules).toEqual([]);
    const got = await rbin().send(new GetRuleCommand({ Identifier: rule.Identifier }));
    expect(got.ResourceTags).toEqual([{ ResourceTagKey: 'keep', ResourceTagValue: 'yes' }]);
    expect(got.RetentionPeriod).toEqual({ RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' });

    await ec2().send(new CreateTagsCommand({ Resources: [AMI], Tags: [{ Key: 'keep', Value: 'yes' }] }));
    await ec2().send(
      new ModifyImageAttributeCommand({ ImageId: AMI, LaunchPermission: { Add: [{ UserId: STAGING }] } }),
    );
    await ec2().send(new DeregisterImageCommand({ ImageId: AMI }));
    await ec2().send(new DeregisterImageCommand({ ImageId: OTHER }));
    const bin = await ec2().send(new ListImagesInRecycleBinCommand({}));
    expect(bin.Images?.map((i) => i.ImageId)).toEqual([AMI]);
    const { RecycleBinEnterTime, RecycleBinExitTime } = bin.Images?.[0] ?? {};
    expect((RecycleBinExitTime!.getTime() - RecycleBinEnterTime!.getTime()) / 86400_000).toBe(7);

    await ec2().send(new RestoreImageFromRecycleBinCommand({ ImageId: AMI }));
    const back = await ec2().send(new DescribeImagesCommand({ ImageIds: [AMI] }));
    expect(back.Images?.[0].State).toBe('available');
    const perms = await ec2().send(
      new DescribeImageAttributeCommand({ ImageId: AMI, Attribute: 'launchPermission' }),
    );
    expect(perms.LaunchPermissions).toEqual([]);
    expect((await failure(ec2().send(new RestoreImageFromRecycleBinCommand({ ImageId: OTHER })))).name).toBe(
      'InvalidAMIID.NotFound',
    );

    await ec2().send(new DeregisterImageCommand({ ImageId: AMI }));
    await aws.advance(7 * 86400);
    expect((await ec2().send(new ListImagesInRecycleBinCommand({}))).Images).toEqual([]);
  });

  it('a Region-level rule with exclusion tags keeps every deregistered AMI but those with one of them', async () => {
    const excluding = rbinExcluding({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 }, [
      { ResourceTagKey: 'recycle', ResourceTagValue: 'no' },
    ]);
    const rule = await excluding.send(
      new CreateRuleCommand({
        ResourceType: 'EC2_IMAGE',
        RetentionPeriod: { RetentionPeriodValue: 3, RetentionPeriodUnit: 'DAYS' },
      }),
    );
    expect(
      (await aws.state()).services.rbin.regions['us-east-1'].rules[rule.Identifier!].ExcludeResourceTags,
    ).toEqual([{ ResourceTagKey: 'recycle', ResourceTagValue: 'no' }]);
    await ec2().send(new CreateTagsCommand({ Resources: [OTHER], Tags: [{ Key: 'recycle', Value: 'no' }] }));
    await ec2().send(new DeregisterImageCommand({ ImageId: AMI }));
    await ec2().send(new DeregisterImageCommand({ ImageId: OTHER }));
    const bin = await ec2().send(new ListImagesInRecycleBinCommand({}));
    expect(bin.Images?.map((i) => i.ImageId)).toEqual([AMI]);

    const tagLevel = await failure(
      excluding.send(
        new CreateRuleCommand({
          ResourceType: 'EC2_IMAGE',
          RetentionPeriod: { RetentionPeriodValue: 3, RetentionPeriodUnit: 'DAYS' },
          ResourceTags: [{ ResourceTagKey: 'keep', ResourceTagValue: 'yes' }],
        }),
      ),
    );
    expect(tagLevel.name).toBe('ValidationException');
    expect(tagLevel.message).toMatch(/only a Region-level retention rule/);
  });

  it('refuses retention periods out of range and unknown rules, as Recycle Bin does', async () => {
    const tooLong = await failure(
      rbin().send(
        new CreateRuleCommand({
          ResourceType: 'EC2_IMAGE',
          RetentionPeriod: { RetentionPeriodValue: 366, RetentionPeriodUnit: 'DAYS' },
        }),
      ),
    );
    expect(tooLong.name).toBe('ValidationException');
    const missing = await failure(rbin().send(new GetRuleCommand({ Identifier: 'abcdefghijk' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});
