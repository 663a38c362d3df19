/**
 * Retirement as a lifecycle (#19): unused-for from lastLaunchedTime, the stages deprecate -> disable
 * -> delete over nightly runs (simulated days), restore in the middle, include-shared decided by image
 * usage reports over the organization's accounts, keep-latest per app, the Recycle Bin named in the
 * summary, and a dry run that lists every stage move and changes nothing.
 */
import {
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeImageUsageReportsCommand,
  DisableImageCommand,
  EC2Client,
  ListImagesInRecycleBinCommand,
  ModifyImageAttributeCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateRuleCommand, RbinClient } from '@aws-sdk/client-rbin';
import { beforeEach, describe, expect, it } from 'vitest';
import { stableId } from '../../sim/services/ec2/ids.js';
import { consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/services/sts/scenario.js';
import { mutatingCalls, runAgainst } from '../helpers/e2e.js';
import { rbinExcluding } from '../helpers/rbin.js';
import { type SimCredentials, type SimHandle, useSimulator } from '../helpers/sim.js';

// 100 simulated seconds a real second: a deprecation set a minute ahead is still ahead when it arrives.
const aws = useSimulator({ timeScale: 0.01 });
beforeEach(() => aws.reset());

const REGION = 'us-east-1';
const OWNER = '123456789012';
const [STAGING, PRODUCTION] = WORKLOAD_ACCOUNTS;
const DAY = 86400;
const ami = (name: string) => stableId('ami', REGION, name);
const ec2 = (credentials?: SimCredentials) =>
  new EC2Client({ ...aws.sdkConfig(REGION, credentials), maxAttempts: 3 });

async function seedAmis(handle: SimHandle, names: string[], extra: Record<string, unknown> = {}) {
  const { time } = await handle.state();
  await handle.seed({
    ec2: {
      images: names.map((name, i) => ({
        region: REGION,
        imageId: ami(name),
        name,
        ownerId: OWNER,
        public: false,
        // 100 days old, a minute apart (newest last).
        creationDate: new Date(Date.parse(time) - 100 * DAY * 1000 + i * 60_000).toISOString(),
        ...extra,
      })),
    },
  });
  return Date.parse(time);
}

const share = (imageId: string, ...accounts: string[]) =>
  ec2().send(
    new ModifyImageAttributeCommand({
      ImageId: imageId,
      LaunchPermission: { Add: accounts.map((UserId) => ({ UserId })) },
    }),
  );

async function describe1(imageId: string) {
  const { Images = [] } = await ec2().send(
    new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: true, IncludeDeprecated: true }),
  );
  return Images.find((i) => i.ImageId === imageId);
}

async function sharedWith(imageId: string): Promise<string[]> {
  const { LaunchPermissions = [] } = await ec2().send(
    new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }),
  );
  return LaunchPermissions.map((p) => p.UserId ?? p.Group ?? '?');
}

type Kept = { imageId: string; name: string; stage: string; reasons: string[] };
const keptOf = (outputs: Record<string, string>) =>
  Object.fromEntries((JSON.parse(outputs.kept) as Kept[]).map((k) => [k.name, k]));
const namesOf = (json: string) => (JSON.parse(json) as { name: string }[]).map((r) => r.name).sort();

/** Retires every app- AMI not launched within 30 days (none kept for being the latest). */
const retireUnusedFor30d = {
  mode: 'cleanup',
  'name-prefix': 'app-',
  'keep-latest': '0',
  'unused-for': '30d',
  'dry-run': 'false',
};

it('unused-for keeps an AMI launched yesterday, with that reason; one last launched 40 days ago goes', async () => {
  const now = await seedAmis(aws, ['app-recent']);
  await seedAmis(aws, ['app-stale'], { lastLaunchedTime: new Date(now - 40 * DAY * 1000).toISOString() });
  const { Instances = [] } = await ec2().send(
    new RunInstancesCommand({
      ImageId: ami('app-recent'),
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
    }),
  );
  await ec2().send(new TerminateInstancesCommand({ InstanceIds: [Instances[0].InstanceId ?? ''] }));
  // EC2 shows the launch in lastLaunchedTime a day later; the terminated instance is gone by then.
  await aws.advance(DAY + 3600);

  const run = await runAgainst(aws, { inputs: retireUnusedFor30d });
  expect(run.exitCode, run.log).toBe(0);
  const launchedOn = Instances[0].LaunchTime?.toISOString().slice(0, 10);
  expect(keptOf(run.outputs)['app-recent'].reasons).toEqual([
    `last launched ${launchedOn} (1d ago), within unused-for (30d)`,
  ]);
  expect(namesOf(run.outputs.removed)).toEqual(['app-stale']);
  expect(await describe1(ami('app-stale'))).toBeUndefined();
  expect(run.summary).toMatch(/last launched .* within unused-for \(30d\)/);
  expect(run.summary).toMatch(/no Recycle Bin rule for AMIs matches it: deregistration is final/);
});

it('unused-for asks about a never-launched AMI only when its age decides: an old one goes, a young one stays unasked', async () => {
  const now = await seedAmis(aws, ['app-old-unused']);
  await aws.seed({
    ec2: {
      images: [
        {
          region: REGION,
          imageId: ami('app-young-unused'),
          name: 'app-young-unused',
          ownerId: OWNER,
          public: false,
          creationDate: new Date(now - 5 * DAY * 1000).toISOString(),
        },
      ],
    },
  });

  const run = await runAgainst(aws, { inputs: retireUnusedFor30d });
  expect(run.exitCode, run.log).toBe(0);
  expect(keptOf(run.outputs)['app-young-unused'].reasons).toEqual([
    'never launched, but created 5d ago, within unused-for (30d)',
  ]);
  expect(namesOf(run.outputs.removed)).toEqual(['app-old-unused']);
  const asked = (await aws.calls())
    .filter((c) => c.operation === 'DescribeImageAttribute')
    .map((c) => c.input as { Attribute?: string; ImageId?: string })
    .filter((input) => input.Attribute === 'lastLaunchedTime')
    .map((input) => input.ImageId);
  expect(asked).toEqual([ami('app-old-unused')]);
});

it('restore from the Recycle Bin waits for EC2 to show the AMI again, then puts it back into use', async () => {
  await seedAmis(aws, ['app-binned']);
  await new RbinClient({ ...aws.sdkConfig(REGION), maxAttempts: 1 }).send(
    new CreateRuleCommand({
      ResourceType: 'EC2_IMAGE',
      RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' },
    }),
  );
  await ec2().send(new DeregisterImageCommand({ ImageId: ami('app-binned') }));
  // A restored AMI stays out of describes for a (simulated) minute, as a new one does.
  await aws.setFaults({ notFoundAfterCreateSeconds: 60 });

  const restore = await runAgainst(aws, {
    inputs: { mode: 'cleanup', restore: ami('app-binned'), 'dry-run': 'false' },
  });
  expect(restore.exitCode, restore.log).toBe(0);
  expect(restore.log).toContain(
    `${ami('app-binned')} to show in ${REGION} after its restore: not visible yet`,
  );
  const back = await describe1(ami('app-binned'));
  expect(back?.State).toBe('available');
  expect(back?.Tags).toContainEqual({ Key: 'ami-action:retire-stage', Value: 'restored' });
});

it('names the Recycle Bin cover of each AMI it removes: a Region-level rule covers all but the AMIs with its exclusion tags', async () => {
  await seedAmis(aws, ['app-covered', 'app-excluded']);
  await ec2().send(
    new CreateTagsCommand({ Resources: [ami('app-excluded')], Tags: [{ Key: 'recycle', Value: 'no' }] }),
  );
  await rbinExcluding({ ...aws.sdkConfig(REGION), maxAttempts: 1 }, [
    { ResourceTagKey: 'recycle', ResourceTagValue: 'no' },
  ]).send(
    new CreateRuleCommand({
      ResourceType: 'EC2_IMAGE',
      RetentionPeriod: { RetentionPeriodValue: 14, RetentionPeriodUnit: 'DAYS' },
    }),
  );
  const inputs = { mode: 'cleanup', 'name-prefix': 'app-', 'keep-latest': '0' };
  const plan = await runAgainst(aws, { inputs });
  expect(plan.exitCode, plan.log).toBe(0);
  expect(plan.log).toMatch(
    new RegExp(
      `${ami('app-covered')} \\(app-covered\\): would remove.*recoverable from the Recycle Bin for 14 days`,
    ),
  );
  expect(plan.log).not.toMatch(/app-excluded\): would remove.*Recycle Bin/);
  const rows = plan.summary.split('\n');
  expect(rows.find((r) => r.includes(ami('app-covered')))).toMatch(
    /recoverable from the Recycle Bin for 14 days/,
  );
  expect(rows.find((r) => r.includes(ami('app-excluded')))).toMatch(
    /no Recycle Bin rule for AMIs matches it: deregistration is final/,
  );
  const removal = await runAgainst(aws, { inputs: { ...inputs, 'dry-run': 'false' } });
  expect(removal.exitCode, removal.log).toBe(0);
  const bin = await ec2().send(new ListImagesInRecycleBinCommand({}));
  expect(bin.Images?.map((i) => i.ImageId)).toEqual([ami('app-covered')]);
});

describe('three nightly runs: deprecate, disable, delete', () => {
  const nightly = {
    mode: 'cleanup',
    'name-prefix': 'app-',
    'keep-latest': '0',
    stages: 'deprecate,disable,delete',
    'stage-delay': '1d',
    'include-shared': 'true',
    'dry-run': 'false',
  };

  it('take an AMI through each stage; restore in the middle brings one back launchable and shared as before', async () => {
    await seedAmis(aws, ['app-1', 'app-2']);
    await share(ami('app-1'), STAGING);
    await share(ami('app-2'), STAGING, PRODUCTION);

    // Night 1: both deprecated (nobody references them: their usage reports say so).
    const first = await runAgainst(aws, { inputs: nightly });
    expect(first.exitCode, first.log).toBe(0);
    expect(namesOf(first.outputs.moved)).toEqual(['app-1', 'app-2']);
    expect(first.log).toMatch(/ec2:CreateImageUsageReport/);
    await aws.advance(120);
    for (const name of ['app-1', 'app-2']) {
      const image = await describe1(ami(name));
      expect(image?.State).toBe('available');
      expect(Date.parse(image?.DeprecationTime ?? '')).toBeLessThan(Date.parse((await aws.state()).time));
      expect(image?.Tags).toEqual(
        expect.arrayContaining([{ Key: 'ami-action:retire-stage', Value: 'deprecated' }]),
      );
    }
    expect(await sharedWith(ami('app-2'))).toEqual([STAGING, PRODUCTION]);
    expect((await ec2().send(new DescribeImageUsageReportsCommand({}))).ImageUsageReports).toEqual([]);

    // The same night again: nothing moves before stage-delay.
    const again = await runAgainst(aws, { inputs: nightly });
    expect(again.exitCode, again.log).toBe(0);
    expect(JSON.parse(again.outputs.moved)).toEqual([]);
    expect(keptOf(again.outputs)['app-1'].reasons[0]).toMatch(
      /^deprecated since .*: disable due .* \(stage-delay 1d\)$/,
    );

    // Night 2: both disabled, unshared, their sharing recorded.
    await aws.advance(DAY);
    const second = await runAgainst(aws, { inputs: nightly });
    expect(second.exitCode, second.log).toBe(0);
    expect(namesOf(second.outputs.moved)).toEqual(['app-1', 'app-2']);
    for (const name of ['app-1', 'app-2']) {
      expect((await describe1(ami(name)))?.State).toBe('disabled');
      expect(await sharedWith(ami(name))).toEqual([]);
    }
    expect((await describe1(ami('app-2')))?.Tags).toEqual(
      expect.arrayContaining([{ Key: 'ami-action:retire-shared', Value: `${STAGING} ${PRODUCTION}` }]),
    );
    const staging = await aws.assumeRole(consumerRoleArn(STAGING));
    const launch = (credentials: SimCredentials) =>
      ec2(credentials).send(
        new RunInstancesCommand({
          ImageId: ami('app-2'),
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
        }),
      );
    await expect(launch(staging)).rejects.toThrow();

    // app-2 turns out to be needed: restore it.
    const restore = await runAgainst(aws, {
      inputs: { mode: 'cleanup', restore: ami('app-2'), 'dry-run': 'false' },
    });
    expect(restore.exitCode, restore.log).toBe(0);
    const restored = await describe1(ami('app-2'));
    expect(restored?.State).toBe('available');
    expect(restored?.DeprecationTime).toBeUndefined();
    expect(await sharedWith(ami('app-2'))).toEqual([STAGING, PRODUCTION]);
    const { Instances = [] } = await launch(staging);
    expect(Instances[0].ImageId).toBe(ami('app-2'));
    await ec2(staging).send(new TerminateInstancesCommand({ InstanceIds: [Instances[0].InstanceId ?? ''] }));
    expect(restore.summary).toMatch(
      new RegExp(`enabled; shared again with ${STAGING}, ${PRODUCTION}; deprecation cancelled`),
    );

    // A Recycle Bin rule for AMIs, then night 3: app-1 deregistered (recoverable), app-2 stays restored.
    await new RbinClient({ ...aws.sdkConfig(REGION), maxAttempts: 1 }).send(
      new CreateRuleCommand({
        ResourceType: 'EC2_IMAGE',
        RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' },
      }),
    );
    await aws.advance(DAY);
    const third = await runAgainst(aws, { inputs: nightly });
    expect(third.exitCode, third.log).toBe(0);
    expect(namesOf(third.outputs.removed)).toEqual(['app-1']);
    expect(keptOf(third.outputs)['app-2'].reasons[0]).toMatch(
      /^restored .*: not retired again before .* \(without unused-for: 30d\)$/,
    );
    expect(await describe1(ami('app-1'))).toBeUndefined();
    const bin = await ec2().send(new ListImagesInRecycleBinCommand({}));
    expect(bin.Images?.map((i) => i.ImageId)).toEqual([ami('app-1')]);
    expect(third.log).toMatch(
      new RegExp(
        `${ami('app-1')} \\(app-1\\): remove.*recoverable from the Recycle Bin for 7 days after deregistration`,
      ),
    );
    expect(third.summary).toMatch(
      /recoverable from the Recycle Bin until \d{4}-\d{2}-\d{2} \(rule \w+, 7d\); its snapshots are kept/,
    );
    // Its snapshot stays for a restore (an orphan run leaves it too).
    const state = (await aws.state()).services.ec2.regions[REGION];
    expect(state.snapshots[stableId('snap', REGION, ami('app-1'))]).toBeDefined();
  });

  it('a dry run lists every stage move and changes nothing', async () => {
    const now = await seedAmis(aws, ['app-new', 'app-old-deprecated', 'app-old-disabled']);
    const twoDaysAgo = new Date(now - 2 * DAY * 1000).toISOString();
    await ec2().send(
      new CreateTagsCommand({
        Resources: [ami('app-old-deprecated')],
        Tags: [
          { Key: 'ami-action:retire-stage', Value: 'deprecated' },
          { Key: 'ami-action:retire-stage-since', Value: twoDaysAgo },
        ],
      }),
    );
    await ec2().send(
      new CreateTagsCommand({
        Resources: [ami('app-old-disabled')],
        Tags: [
          { Key: 'ami-action:retire-stage', Value: 'disabled' },
          { Key: 'ami-action:retire-stage-since', Value: twoDaysAgo },
        ],
      }),
    );
    await ec2().send(new DisableImageCommand({ ImageId: ami('app-old-disabled') }));
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, { inputs: { ...nightly, 'dry-run': 'true' } });
    expect(run.exitCode, run.log).toBe(0);
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
    expect(run.log).toMatch(new RegExp(`ec2:EnableImageDeprecation.*${ami('app-new')}`));
    expect(run.log).toMatch(new RegExp(`ec2:DisableImage.*${ami('app-old-deprecated')}`));
    expect(run.log).toMatch(new RegExp(`ec2:DeregisterImage.*${ami('app-old-disabled')}`));
    expect(run.summary).toMatch(/would deprecate/);
    expect(run.summary).toMatch(/would disable/);
    expect(run.summary).toMatch(/would remove/);
    expect(namesOf(run.outputs.moved)).toEqual(['app-new', 'app-old-deprecated']);
    expect(namesOf(run.outputs.removed)).toEqual(['app-old-disabled']);
    expect((await describe1(ami('app-new')))?.DeprecationTime).toBeUndefined();
    expect((await describe1(ami('app-old-deprecated')))?.State).toBe('available');
  });
});

it('include-shared: an AMI a launch template of another account references stays, naming it; one nobody references goes', async () => {
  await seedAmis(aws, ['app-used', 'app-unused']);
  await share(ami('app-used'), STAGING, PRODUCTION);
  await share(ami('app-unused'), PRODUCTION);
  const staging = await aws.assumeRole(consumerRoleArn(STAGING));
  await ec2(staging).send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'web',
      LaunchTemplateData: { ImageId: ami('app-used') },
    }),
  );
  const run = await runAgainst(aws, {
    inputs: {
      mode: 'cleanup',
      'name-prefix': 'app-',
      'keep-latest': '0',
      'include-shared': 'true',
      'dry-run': 'false',
    },
  });
  expect(run.exitCode, run.log).toBe(0);
  expect(namesOf(run.outputs.removed)).toEqual(['app-unused']);
  expect(keptOf(run.outputs)['app-used'].reasons).toEqual([
    `account ${STAGING} references it (1 launch template)`,
  ]);
  expect(await describe1(ami('app-used'))).toBeDefined();
  expect(await describe1(ami('app-unused'))).toBeUndefined();
  const reports = (await aws.calls()).filter((c) => c.operation === 'CreateImageUsageReport');
  expect(reports.map((c) => (c.input as { AccountIds?: string[] }).AccountIds)).toEqual(
    expect.arrayContaining([[STAGING, PRODUCTION], [PRODUCTION]]),
  );
  expect((await ec2().send(new DescribeImageUsageReportsCommand({}))).ImageUsageReports).toEqual([]);
  expect(run.summary).toMatch(new RegExp(`account ${STAGING} references it`));
});

it('group-by-tag: keep-latest keeps the newest N of each app', async () => {
  const names = ['svc-web-1', 'svc-api-1', 'svc-web-2', 'svc-api-2', 'svc-web-3', 'svc-api-3', 'svc-tool-1'];
  await seedAmis(aws, names);
  for (const name of names) {
    const app = name.split('-')[1];
    if (app === 'tool') continue;
    await ec2().send(new CreateTagsCommand({ Resources: [ami(name)], Tags: [{ Key: 'app', Value: app }] }));
  }
  const run = await runAgainst(aws, {
    inputs: {
      mode: 'cleanup',
      'name-prefix': 'svc-',
      'keep-latest': '2',
      'group-by-tag': 'app',
      'dry-run': 'false',
    },
  });
  expect(run.exitCode, run.log).toBe(0);
  expect(namesOf(run.outputs.removed)).toEqual(['svc-api-1', 'svc-web-1']);
  const kept = keptOf(run.outputs);
  expect(kept['svc-web-3'].reasons).toEqual(['keep-latest: newest 1 of 2 of app=web']);
  expect(kept['svc-api-2'].reasons).toEqual(['keep-latest: newest 2 of 2 of app=api']);
  expect(kept['svc-tool-1'].reasons).toEqual(['keep-latest: newest 1 of 2 of the AMIs without the tag app']);
});
