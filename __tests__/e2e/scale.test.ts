/**
 * Real sizes (#17): every list read past its first page, every batch past its per-call limit, requests
 * paced to EC2's buckets (the simulator's, at their documented defaults), and every limit an input can
 * reach refused before the first change.
 */
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  CopyImageCommand,
  CreateTagsCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateRuleCommand, RbinClient } from '@aws-sdk/client-rbin';
import {
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { stableId } from '../../sim/services/ec2/ids.js';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { mutatingCalls, runAgainst, runWithPostAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.001 });
beforeEach(() => aws.reset());

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const ec2 = () => new EC2Client({ ...aws.sdkConfig(REGION), maxAttempts: 10 });
const ssm = () => new SSMClient({ ...aws.sdkConfig(REGION), maxAttempts: 10 });
const asg = () => new AutoScalingClient({ ...aws.sdkConfig(REGION), maxAttempts: 10 });
const failedCalls = async (from = 0) =>
  (await aws.calls()).slice(from).filter((c) => c.outcome !== 'ok' && c.outcome !== 'DryRunOperation');

describe('cleanup of 1,500 AMIs, with what uses them spread over several pages', () => {
  const amiId = (n: number) => stableId('ami', REGION, `scale-${n}`);

  /**
   * 1,500 old AMIs, of which keep-latest keeps the newest 1,000 (scale-500..1499). Of the 500 older:
   * 210 launch templates refer to scale-0..209 (two pages of 200); 21 AMIs (scale-210..230) run 50
   * instances each (1,050 instances: two pages of 1,000); 160 image parameters name scale-231..390
   * (four pages of 50); scale-391..499 (109) are the ones to retire.
   */
  async function seedWorld(): Promise<string[]> {
    await aws.seed({
      ec2: {
        images: Array.from({ length: 1500 }, (_, n) => ({
          region: REGION,
          imageId: amiId(n),
          name: `scale-${String(n).padStart(4, '0')}`,
          ownerId: ACCOUNT,
          public: false,
          creationDate: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
        })),
      },
      ssm: {
        parameters: Array.from({ length: 160 }, (_, k) => ({
          region: REGION,
          name: `/scale/ami/${k}`,
          value: amiId(231 + k),
          dataType: 'aws:ec2:image',
        })),
      },
    });
    await aws.seed({
      autoscaling: {
        launchTemplates: Array.from({ length: 210 }, (_, t) => ({
          region: REGION,
          name: `scale-${t}`,
          imageId: amiId(t),
        })),
      },
    });
    const { Subnets } = await ec2().send(new DescribeSubnetsCommand({}));
    for (let n = 210; n <= 230; n++) {
      await ec2().send(
        new RunInstancesCommand({
          ImageId: amiId(n),
          InstanceType: 't3.micro',
          MinCount: 50,
          MaxCount: 50,
          SubnetId: Subnets![0].SubnetId,
        }),
      );
    }
    return Array.from({ length: 109 }, (_, k) => amiId(391 + k));
  }

  it('plans from pages, not from AMIs times rules, and removes exactly the unused ones, with zero failed calls', async () => {
    const retire = await seedWorld();
    const inputs = { mode: 'cleanup', 'name-prefix': 'scale-', 'older-than': '30d', 'keep-latest': '1000' };

    const before = (await aws.calls()).length;
    const plan = await runAgainst(aws, { inputs, timeoutMs: 120_000 });
    expect(plan.exitCode, plan.log).toBe(0);
    const planned = (JSON.parse(plan.outputs.removed) as { imageId: string }[]).map((r) => r.imageId);
    expect(planned.sort()).toEqual([...retire].sort());
    const reads = (await aws.calls()).slice(before);
    expect(mutatingCalls(reads)).toEqual([]);
    const count = (operation: string) => reads.filter((c) => c.operation === operation).length;
    // Sharing is asked per AMI only for the 109 no other rule keeps; everything else by the page.
    expect(count('DescribeImageAttribute')).toBe(109);
    expect(count('DescribeLaunchTemplates')).toBe(2);
    // One (single-page) read of versions per template: the 210 and the scenario's own.
    const templates = Object.keys((await aws.state()).services.ec2.regions[REGION].launchTemplates).length;
    expect(templates).toBeGreaterThan(210);
    const versionReads = reads.filter((c) => c.operation === 'DescribeLaunchTemplateVersions');
    expect(
      versionReads.length,
      JSON.stringify(
        versionReads.filter(
          (c) => c.outcome !== 'ok' || !(c.input as { LaunchTemplateId?: string }).LaunchTemplateId,
        ),
      ),
    ).toBe(templates);
    expect(count('DescribeInstances')).toBeLessThanOrEqual(16);
    expect(count('DescribeParameters')).toBe(4);
    expect(await failedCalls(before)).toEqual([]);

    // The dry run ended with the account's EC2 read bucket nearly spent (paced at 90% of its refill,
    // it ends about a third full), and a new step's pacer starts full: it cannot see what an earlier
    // step spent. Between steps of a job the runner takes seconds; give the bucket that refill here,
    // else the second step's first burst meets the first step's spending (retried, but not zero).
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const removal = await runAgainst(aws, { inputs: { ...inputs, 'dry-run': 'false' }, timeoutMs: 180_000 });
    expect(removal.exitCode, removal.log).toBe(0);
    const removed = (JSON.parse(removal.outputs.removed) as { imageId: string }[]).map((r) => r.imageId);
    expect(removed.sort()).toEqual([...retire].sort());
    const left = (await aws.state()).services.ec2.regions[REGION].images;
    for (const id of retire) expect(left[id]).toBeUndefined();
    expect(Object.keys(left).filter((id) => id.startsWith('ami-')).length).toBeGreaterThanOrEqual(1391);
    expect(await failedCalls(before)).toEqual([]);
  }, 300_000);
});

describe('cleanup with include-shared: usage reports and Recycle Bin rules past their first page', () => {
  const amiId = (n: number) => stableId('ami', REGION, `wide-${n}`);
  const ACCOUNTS = Array.from({ length: 6 }, (_, k) => String(500000000000 + k));
  const rbin = () => new RbinClient({ ...aws.sdkConfig(REGION), maxAttempts: 10 });

  /**
   * 210 AMIs shared with 6 accounts: one usage report each, described in batches of 200 report ids.
   * wide-0..204 are referenced by a launch template in each of the 6 accounts (1,200 entries in the
   * first batch: two pages of 1,000); wide-205..209 by nobody. 120 tag-level Recycle Bin rules (the
   * action lists them 100 a page); only the last one matches the AMIs that go.
   */
  async function seedWorld(): Promise<void> {
    await aws.seed({
      ec2: {
        images: Array.from({ length: 210 }, (_, n) => ({
          region: REGION,
          imageId: amiId(n),
          name: `wide-${String(n).padStart(3, '0')}`,
          ownerId: ACCOUNT,
          public: false,
          creationDate: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
        })),
      },
    });
    await aws.seed({
      autoscaling: {
        launchTemplates: ACCOUNTS.flatMap((account) =>
          Array.from({ length: 205 }, (_, n) => ({
            account,
            region: REGION,
            name: `wide-${n}`,
            imageId: amiId(n),
          })),
        ),
      },
    });
    for (let n = 0; n < 210; n++) {
      await ec2().send(
        new ModifyImageAttributeCommand({
          ImageId: amiId(n),
          LaunchPermission: { Add: ACCOUNTS.map((UserId) => ({ UserId })) },
        }),
      );
    }
    await ec2().send(
      new CreateTagsCommand({
        Resources: [205, 206, 207, 208, 209].map(amiId),
        Tags: [{ Key: 'retain', Value: 'long' }],
      }),
    );
    for (let k = 0; k < 120; k++) {
      if (k === 119) await aws.advance(60);
      await rbin().send(
        new CreateRuleCommand({
          ResourceType: 'EC2_IMAGE',
          RetentionPeriod: { RetentionPeriodValue: k === 119 ? 9 : 3, RetentionPeriodUnit: 'DAYS' },
          ResourceTags: [{ ResourceTagKey: 'retain', ResourceTagValue: k === 119 ? 'long' : `other-${k}` }],
        }),
      );
    }
  }

  it('keeps the 205 AMIs other accounts reference (read from every page), removes the 5 nobody does, and names the rule that keeps them recoverable', async () => {
    await seedWorld();
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'cleanup',
        'name-prefix': 'wide-',
        'keep-latest': '0',
        'include-shared': 'true',
        'dry-run': 'false',
      },
      timeoutMs: 240_000,
    });
    expect(run.exitCode, run.log).toBe(0);
    const removed = (JSON.parse(run.outputs.removed) as { imageId: string; recycleBinDays?: number }[]).sort(
      (a, b) => a.imageId.localeCompare(b.imageId),
    );
    expect(removed.map((r) => r.imageId)).toEqual([205, 206, 207, 208, 209].map(amiId).sort());
    expect(removed.every((r) => r.recycleBinDays === 9)).toBe(true);
    const kept = JSON.parse(run.outputs.kept) as { imageId: string; reasons: string[] }[];
    expect(kept).toHaveLength(205);
    for (const k of kept) {
      for (const account of ACCOUNTS)
        expect(k.reasons.join(' ')).toContain(`account ${account} references it`);
    }
    const calls = (await aws.calls()).slice(before);
    const of = (operation: string) => calls.filter((c) => c.operation === operation);
    const entryReads = of('DescribeImageUsageReportEntries').map(
      (c) => c.input as { ReportIds?: string[]; NextToken?: string },
    );
    expect(entryReads.map((i) => i.ReportIds?.length)).toEqual([200, 200, 10]);
    expect(entryReads.filter((i) => i.NextToken)).toHaveLength(1);
    expect(of('CreateImageUsageReport')).toHaveLength(210);
    expect(of('DeleteImageUsageReport').filter((c) => c.outcome === 'ok')).toHaveLength(210);
    const ruleReads = of('ListRules').map((c) => c.input as { NextToken?: string });
    expect(ruleReads).toHaveLength(2);
    expect(ruleReads[1].NextToken).toBeDefined();
    expect(run.summary).toMatch(/recoverable from the Recycle Bin until \d{4}-\d{2}-\d{2} \(rule \w+, 9d\)/);
    expect(await failedCalls(before)).toEqual([]);
  }, 300_000);
});

describe('publish at the share and history limits', () => {
  async function ownAmi(tags: Record<string, string> = {}): Promise<string> {
    const { ImageId } = await ec2().send(
      new CopyImageCommand({ SourceRegion: REGION, SourceImageId: DEFAULT_BASE_AMI_ID, Name: 'big-share' }),
    );
    await aws.advance(DURATIONS.copyImageSeconds);
    if (Object.keys(tags).length) {
      await ec2().send(
        new CreateTagsCommand({
          Resources: [ImageId!],
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      );
    }
    return ImageId!;
  }
  const accounts = (n: number) => Array.from({ length: n }, (_, k) => String(100000000000 + k)).join('\n');

  it('with 1,200 accounts: refused (past the 1,000 AWS allows per AMI) before any AWS call', async () => {
    const source = await ownAmi();
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: { mode: 'publish', 'ami-id': source, 'share-with-accounts': accounts(1200) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/Input 'share-with-accounts'.*1200 accounts.*at most 1000/);
    expect((await aws.calls()).slice(before).map((c) => `${c.operation} ${c.outcome}`)).toEqual([]);
  });

  it('with 600 accounts: shared with every one, in calls within the per-call limits', async () => {
    const source = await ownAmi();
    const before = (await aws.calls()).length;
    const run = await runAgainst(aws, {
      inputs: { mode: 'publish', 'ami-id': source, 'share-with-accounts': accounts(600) },
      timeoutMs: 120_000,
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    const { LaunchPermissions } = await ec2().send(
      new DescribeImageAttributeCommand({ ImageId: source, Attribute: 'launchPermission' }),
    );
    expect(LaunchPermissions).toHaveLength(600);
    const calls = (await aws.calls()).slice(before);
    expect(calls.filter((c) => c.operation === 'ModifySnapshotAttribute')).toHaveLength(2);
    expect(calls.filter((c) => c.operation === 'ModifyImageAttribute')).toHaveLength(2);
    expect((await failedCalls(before)).map((c) => `${c.operation} ${c.outcome}`)).toEqual([]);
  }, 120_000);

  it('a tag past the 50 per AMI is refused in the plan, before the first change', async () => {
    const source = await ownAmi(Object.fromEntries(Array.from({ length: 45 }, (_, k) => [`team-${k}`, 'x'])));
    const before = (await aws.calls()).length;
    const tags = Array.from({ length: 8 }, (_, k) => `extra-${k}=y`).join('\n');
    const run = await runAgainst(aws, { inputs: { mode: 'publish', 'ami-id': source, tags } });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/would carry 53 tags.*past the 50 tags AWS allows per resource/);
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
  });

  /** Writes labelled versions until the parameter has `count` (unlabelling the oldest kept, as a person would). */
  async function history(name: string, count: number): Promise<void> {
    for (let version = 1; version <= count; version++) {
      if (version > 100) {
        const oldest = version - 100;
        await ssm().send(
          new UnlabelParameterVersionCommand({
            Name: name,
            ParameterVersion: oldest,
            Labels: [`r${oldest}`],
          }),
        );
      }
      await ssm().send(
        new PutParameterCommand({
          Name: name,
          Value: DEFAULT_BASE_AMI_ID,
          Type: 'String',
          Overwrite: version > 1,
        }),
      );
      await ssm().send(
        new LabelParameterVersionCommand({ Name: name, ParameterVersion: version, Labels: [`r${version}`] }),
      );
    }
  }

  for (const [nth, existing] of [
    ['101st', 100],
    ['250th', 249],
  ] as const) {
    it(`the ${nth} labelled release: the oldest version's label goes, the new version is written and labelled, and the summary says so`, async () => {
      await history('/scale/ami', existing);
      const source = await ownAmi({ version: '9.9.9' });
      const run = await runAgainst(aws, {
        inputs: { mode: 'publish', 'ami-id': source, 'ssm-parameter': '/scale/ami' },
      });
      expect(run.errors).toEqual([]);
      expect(run.outputs['ssm-parameter-version']).toBe(String(existing + 1));
      expect(run.summary).toMatch(
        new RegExp(
          `label\\(s\\) r${existing - 99} removed from version ${existing - 99} \\(the oldest kept\\)`,
        ),
      );
      const versions = [];
      let NextToken: string | undefined;
      do {
        const page = await ssm().send(
          new GetParameterHistoryCommand({ Name: '/scale/ami', MaxResults: 50, NextToken }),
        );
        versions.push(...(page.Parameters ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      expect(versions).toHaveLength(100);
      expect(versions.at(-1)).toMatchObject({ Version: existing + 1, Value: source, Labels: ['v9.9.9'] });
    }, 60_000);
  }
});

describe('deploy to groups past 50 instances, and to 30 groups at once', () => {
  async function newAmi(name: string): Promise<string> {
    const imageId = stableId('ami', REGION, name);
    await aws.seed({ ec2: { images: [{ region: REGION, imageId, name, ownerId: ACCOUNT, public: false }] } });
    return imageId;
  }

  async function amisOfGroup(name: string): Promise<string[]> {
    const group = (await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
      .AutoScalingGroups![0];
    const ids = group.Instances!.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
    const amis: string[] = [];
    for (let at = 0; at < ids.length; at += 100) {
      const out = await ec2().send(new DescribeInstancesCommand({ InstanceIds: ids.slice(at, at + 100) }));
      amis.push(...out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId!)));
    }
    return amis;
  }

  it('canary with health commands on a group of 150 instances: batches of 50, every instance on the new AMI', async () => {
    await aws.seed({
      autoscaling: {
        groups: [{ region: REGION, name: 'big', launchTemplate: 'demo-app', capacity: 150, maxSize: 300 }],
      },
    });
    const ami = await newAmi('big-1');
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'deploy',
        'ami-id': ami,
        asg: 'big',
        strategy: 'canary',
        checkpoints: '50, 100',
        'checkpoint-delay': '2h',
        'min-healthy-percentage': '50',
        'instance-warmup': '30s',
        'health-commands': 'curl -fsS http://localhost/health',
      },
      timeoutMs: 180_000,
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs.result).toBe('success');
    const sent = (await aws.calls()).filter((c) => c.operation === 'SendCommand' && c.outcome === 'ok');
    const sizes = sent.map((c) => (c.input as { InstanceIds: string[] }).InstanceIds.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(75);
    expect(await amisOfGroup('big')).toEqual(Array(150).fill(ami));
  }, 180_000);

  it('blue-green with health commands on a group of 150 instances', async () => {
    await aws.seed({
      autoscaling: {
        groups: [{ region: REGION, name: 'web', launchTemplate: 'demo-app', capacity: 150, maxSize: 300 }],
      },
    });
    const ami = await newAmi('web-1');
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'deploy',
        'ami-id': ami,
        asg: 'web',
        strategy: 'blue-green',
        'health-commands': 'curl -fsS http://localhost/health',
      },
      timeoutMs: 180_000,
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'success', asg: 'web-green' });
    const sent = (await aws.calls()).filter((c) => c.operation === 'SendCommand');
    expect(sent.map((c) => (c.input as { InstanceIds: string[] }).InstanceIds.length).sort()).toEqual([
      50, 50, 50,
    ]);
    expect(await amisOfGroup('web-green')).toEqual(Array(150).fill(ami));
  }, 180_000);

  it('30 groups roll out together: every refresh starts before the first one ends', async () => {
    const names = Array.from({ length: 30 }, (_, k) => `svc-${k}`);
    await aws.seed({
      autoscaling: {
        groups: names.map((name) => ({ region: REGION, name, launchTemplate: 'demo-app', capacity: 2 })),
      },
    });
    const ami = await newAmi('svc-1');
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'deploy',
        'ami-id': ami,
        asg: names.join('\n'),
        'min-healthy-percentage': '50',
        // Auto Scaling calls are paced (pacing.ts: 40 at once, then 20 a second): the 30 lanes' 90
        // calls up to their StartInstanceRefresh take about 3 s of real time, which the simulator
        // (1,000 times faster) counts as 50 minutes. A warm-up of an hour keeps each refresh longer
        // than that spread, as 5 minutes is against the seconds it takes on AWS.
        'instance-warmup': '1h',
      },
      timeoutMs: 180_000,
    });
    expect(run.errors).toEqual([]);
    expect(run.outputs.result).toBe('success');
    const refreshes = (await aws.state()).services.autoscaling.regions[REGION].refreshes as {
      StartTime: string;
      EndTime: string;
    }[];
    expect(refreshes).toHaveLength(30);
    const firstEnd = Math.min(...refreshes.map((r) => Date.parse(r.EndTime)));
    expect(refreshes.every((r) => Date.parse(r.StartTime) < firstEnd)).toBe(true);
  }, 180_000);
});

describe('limits an input reaches are refused before the first change', () => {
  for (const [input, value, said] of [
    [
      'ssm-parameter',
      `/${Array.from({ length: 16 }, (_, k) => `l${k}`).join('/')}`,
      /16 levels; Parameter Store allows at most 15/,
    ],
    ['checkpoint-delay', '3d', /Input 'checkpoint-delay'.*At most 48h \(172800s\)/],
    ['instance-warmup', '1.5s', /Input 'instance-warmup'.*whole seconds/],
  ] as const) {
    it(`${input}: ${value}`, async () => {
      const mode = input === 'ssm-parameter' ? 'publish' : 'deploy';
      const run = await runAgainst(aws, {
        inputs: { mode, 'ami-id': DEFAULT_BASE_AMI_ID, asg: 'demo-app', strategy: 'canary', [input]: value },
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors.join('\n')).toMatch(said);
      expect(await aws.calls()).toEqual([]);
    });
  }
});

describe('a canary that fails leaves every instance on the old AMI', () => {
  async function groupOnOldAmi(): Promise<string[]> {
    const group = (
      await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] }))
    ).AutoScalingGroups![0];
    const ids = group.Instances!.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
    const { Reservations } = await ec2().send(new DescribeInstancesCommand({ InstanceIds: ids }));
    return Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId!));
  }

  it('cancelled at its checkpoint: the refresh is rolled back', async () => {
    const ami = stableId('ami', REGION, 'cancelled');
    await aws.seed({
      ec2: { images: [{ region: REGION, imageId: ami, name: 'cancelled', ownerId: ACCOUNT, public: false }] },
    });
    const { main, post } = await runWithPostAgainst(aws, {
      inputs: {
        mode: 'deploy',
        'ami-id': ami,
        asg: 'demo-app',
        strategy: 'canary',
        checkpoints: '50, 100',
        'checkpoint-delay': '48h',
        'min-healthy-percentage': '50',
        'instance-warmup': '30s',
      },
      onSpawn: (child, output) => {
        const timer = setInterval(() => {
          if (/checkpoint 50% reached/.test(output.text())) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 20);
      },
    });
    expect(main.outputs.result).toBe('cancelled');
    expect(post.exitCode, post.log).toBe(0);
    await aws.advance(3 * 3600);
    expect(await groupOnOldAmi()).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
  }, 60_000);

  it('timed out at its checkpoint: the refresh is rolled back', async () => {
    const ami = stableId('ami', REGION, 'late');
    await aws.seed({
      ec2: { images: [{ region: REGION, imageId: ami, name: 'late', ownerId: ACCOUNT, public: false }] },
    });
    const run = await runAgainst(aws, {
      inputs: {
        mode: 'deploy',
        'ami-id': ami,
        asg: 'demo-app',
        strategy: 'canary',
        checkpoints: '50, 100',
        'checkpoint-delay': '48h',
        'min-healthy-percentage': '50',
        'instance-warmup': '30s',
        timeout: '4s',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.errors.join('\n')).toMatch(/rollback of refresh [0-9a-f-]+ requested/);
    await aws.advance(3 * 3600);
    const group = (
      await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['demo-app'] }))
    ).AutoScalingGroups![0];
    const ids = group.Instances!.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId!);
    const { Reservations } = await ec2().send(new DescribeInstancesCommand({ InstanceIds: ids }));
    expect(Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId))).toEqual(
      Array(4).fill(DEFAULT_BASE_AMI_ID),
    );
    const images = await ec2().send(new DescribeImagesCommand({ ImageIds: [ami] }));
    expect(images.Images).toHaveLength(1);
  }, 60_000);
});
