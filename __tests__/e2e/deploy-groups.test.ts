/**
 * Deploy for the groups people really run: the group's instance maintenance policy as the default,
 * scale-in protected instances (ignore warns naming them, refresh replaces them, wait fails naming
 * them), `resolve:ssm:` templates deployed by parameter version (with the action's own rollback),
 * blue-green carrying the warm pool, scheduled actions and traffic sources, and the lock's stale and
 * held cases (the race of two deploys: deploy-lock.test.ts).
 */

import { setTimeout as sleep } from 'node:timers/promises';
import {
  AttachTrafficSourcesCommand,
  CreateAutoScalingGroupCommand,
  DescribeScheduledActionsCommand,
  DescribeTrafficSourcesCommand,
  DescribeWarmPoolCommand,
  PutScheduledUpdateGroupActionCommand,
  PutWarmPoolCommand,
  SetInstanceProtectionCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplateVersionsCommand,
} from '@aws-sdk/client-ec2';
import { GetParameterHistoryCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { blueGreenWorld } from '../helpers/blue-green.js';
import { mutatingCalls, runAgainst, runPostWithJournal } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

// 200 simulated seconds per real second.
const aws = useSimulator({ timeScale: 0.005 });
beforeEach(() => aws.reset());
const { asg, ec2, newAmi, groupNames, group, amisOf, locks } = blueGreenWorld(aws, 'd');
const ssm = () => new SSMClient(aws.sdkConfig());
const LATTICE_TG = 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123456789abcdef0';
const RUN = { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1' };

function deploy(ami: string, inputs: Record<string, string> = {}, env: Record<string, string> = RUN) {
  return runAgainst(aws, {
    inputs: { mode: 'deploy', 'ami-id': ami, asg: 'demo-app', 'instance-warmup': '60s', ...inputs },
    env,
  });
}

/** The AMIs of the group's instances that are not leaving. */
async function groupAmis(name = 'demo-app'): Promise<Record<string, string>> {
  const ids = (await group(name))
    .Instances!.filter((i) => !i.LifecycleState!.startsWith('Terminating'))
    .map((i) => i.InstanceId!);
  const amis = await amisOf(ids);
  return Object.fromEntries(ids.map((id, k) => [id, amis[k]]));
}

/** Real-world text in the summary is HTML-escaped. */
const unescaped = (summary: string) => summary.replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('instance maintenance policy', () => {
  it('a group with 100/110 rolls out with 100/110 unless the inputs say otherwise, and the summary says which applied', async () => {
    await asg().send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app',
        InstanceMaintenancePolicy: { MinHealthyPercentage: 100, MaxHealthyPercentage: 110 },
      }),
    );
    const ami = await newAmi();
    const run = await deploy(ami);
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(unescaped(run.summary)).toContain("min 100% / max 110% (the group's instance maintenance policy)");
    const state = await aws.state();
    const region = state.services.autoscaling.regions['us-east-1'];
    const refresh = region.refreshes[0];
    // The preferences leave the percentages out: Auto Scaling applies the group's policy.
    expect(refresh.Preferences.MinHealthyPercentage).toBeUndefined();
    expect(refresh.Preferences.MaxHealthyPercentage).toBeUndefined();
    expect(refresh.effective).toEqual({ MinHealthyPercentage: 100, MaxHealthyPercentage: 110 });
    // 100%: launch first, never fewer than 4 in service.
    const during = (region.groups['demo-app'].history as { time: string; inService: number }[]).filter(
      (h) => h.time >= refresh.StartTime,
    );
    expect(Math.min(...during.map((h) => h.inService))).toBe(4);
    expect(Object.values(await groupAmis())).toEqual(Array(4).fill(ami));

    const next = await newAmi();
    const overridden = await deploy(next, { 'min-healthy-percentage': '50' });
    expect(overridden.errors).toEqual([]);
    expect(unescaped(overridden.summary)).toContain(
      "min 50% (input) / max 110% (the group's instance maintenance policy)",
    );
    const second = (await aws.state()).services.autoscaling.regions['us-east-1'].refreshes[1];
    expect(second.Preferences).toMatchObject({ MinHealthyPercentage: 50, MaxHealthyPercentage: 110 });
  }, 60_000);

  it("refuses, before any change, an input that lands more than 100 from the policy's other percentage", async () => {
    await asg().send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app',
        InstanceMaintenancePolicy: { MinHealthyPercentage: 50, MaxHealthyPercentage: 150 },
      }),
    );
    const before = (await aws.calls()).length;
    const run = await deploy(await newAmi(), { 'max-healthy-percentage': '200' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /'demo-app': max healthy 200% \(input\) and min healthy 50% \(the group's instance maintenance policy\) are more than 100 apart.*Set min-healthy-percentage and max-healthy-percentage together/,
    );
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
  }, 30_000);
});

describe('scale-in protected instances', () => {
  async function protectTwo(): Promise<string[]> {
    const ids = (await group('demo-app')).Instances!.map((i) => i.InstanceId!).slice(0, 2);
    await asg().send(
      new SetInstanceProtectionCommand({
        AutoScalingGroupName: 'demo-app',
        InstanceIds: ids,
        ProtectedFromScaleIn: true,
      }),
    );
    return ids;
  }

  it('ignore: the step warns naming the two instances left on the old AMI; refresh: every instance ends on the new AMI', async () => {
    const protectedIds = await protectTwo();
    const ami = await newAmi();
    const ignored = await deploy(ami, {
      'min-healthy-percentage': '50',
      'scale-in-protected-instances': 'ignore',
    });
    expect(ignored.errors).toEqual([]);
    expect(ignored.exitCode).toBe(0);
    const warnings = ignored.commands.annotations.filter((a) => a.kind === 'warning').map((a) => a.message);
    const named = warnings.find((w) => w.includes('protected from scale in'));
    expect(named).toBeDefined();
    for (const id of protectedIds) expect(named).toContain(id);
    expect(named).toContain('scale-in-protected-instances: ignore');
    expect(ignored.summary).toContain('scale-in-protected-instances: ignore');
    const after = await groupAmis();
    expect(protectedIds.map((id) => after[id])).toEqual([DEFAULT_BASE_AMI_ID, DEFAULT_BASE_AMI_ID]);

    const refreshed = await deploy(ami, {
      'min-healthy-percentage': '50',
      'scale-in-protected-instances': 'refresh',
      'skip-matching': 'false',
    });
    expect(refreshed.errors).toEqual([]);
    expect(refreshed.exitCode).toBe(0);
    expect(refreshed.commands.annotations.filter((a) => a.kind === 'warning')).toEqual([]);
    expect(Object.values(await groupAmis())).toEqual(Array(4).fill(ami));
  }, 90_000);

  it('wait (the default): Auto Scaling fails the refresh after an hour and the step says which instances it waited for', async () => {
    const protectedIds = await protectTwo();
    const running = deploy(await newAmi(), { 'min-healthy-percentage': '50', 'auto-rollback': 'false' });
    // Once the refresh runs, the hour Auto Scaling waits for the protection passes at once.
    while (!(await aws.state()).services.autoscaling.regions['us-east-1'].refreshes?.length) await sleep(100);
    await aws.advance(3600);
    const run = await running;
    expect(run.exitCode).toBe(1);
    const errors = run.errors.join('\n');
    expect(errors).toMatch(
      /it waited for i-\w+, i-\w+ \(protected from scale in; scale-in-protected-instances: wait\)/,
    );
    for (const id of protectedIds) expect(errors).toContain(id);
  }, 90_000);
});

describe('resolve:ssm templates', () => {
  /** Points demo-app at a template version whose image is resolve:ssm:/app/ami (which names the base AMI). */
  async function ssmGroup() {
    await ssm().send(
      new PutParameterCommand({
        Name: '/app/ami',
        Value: DEFAULT_BASE_AMI_ID,
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    );
    const version = await ec2().send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: 'demo-app',
        SourceVersion: '1',
        LaunchTemplateData: { ImageId: 'resolve:ssm:/app/ami' },
      }),
    );
    await asg().send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app',
        LaunchTemplate: {
          LaunchTemplateName: 'demo-app',
          Version: String(version.LaunchTemplateVersion!.VersionNumber),
        },
      }),
    );
  }

  async function history() {
    const out = await ssm().send(new GetParameterHistoryCommand({ Name: '/app/ami' }));
    return out.Parameters!.map((p) => ({ version: p.Version, value: p.Value, labels: p.Labels }));
  }

  it('deploys by a new parameter version labelled with the run; rollback puts the previous version back', async () => {
    await ssmGroup();
    const ami = await newAmi();
    const run = await deploy(ami, { 'min-healthy-percentage': '50' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.log).toContain(
      "AWS's own auto-rollback is not available for launch templates that use an SSM alias (resolve:ssm:/app/ami), so the action does it",
    );
    expect(run.summary).toContain('/app/ami version 1 -> 2');
    expect(unescaped(run.summary)).toContain(
      "rollback by the action (AWS's auto-rollback is not available for templates that use an SSM alias)",
    );
    expect(Object.values(await groupAmis())).toEqual(Array(4).fill(ami));
    // The template is untouched: the parameter carries the rollout.
    const versions = await ec2().send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'demo-app' }),
    );
    expect(versions.LaunchTemplateVersions).toHaveLength(2);

    const back = await runAgainst(aws, {
      inputs: { mode: 'rollback', asg: 'demo-app', 'min-healthy-percentage': '50', 'instance-warmup': '60s' },
      env: { GITHUB_RUN_ID: '4343', GITHUB_RUN_ATTEMPT: '1' },
    });
    expect(back.errors).toEqual([]);
    expect(back.exitCode).toBe(0);
    expect(Object.values(await groupAmis())).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
    // One version per rollout, each labelled with its run.
    expect(await history()).toEqual([
      { version: 1, value: DEFAULT_BASE_AMI_ID, labels: [] },
      { version: 2, value: ami, labels: ['run-4242-1'] },
      { version: 3, value: DEFAULT_BASE_AMI_ID, labels: ['run-4343-1'] },
    ]);
  }, 90_000);

  it('an alarm during the canary puts the previous version back and every instance ends on the old AMI', async () => {
    await ssmGroup();
    const ami = await newAmi();
    await aws.setFaults({ alarmOnNewInstances: 'demo-app-5xx' });
    const run = await deploy(ami, {
      strategy: 'canary',
      checkpoints: '25, 100',
      'checkpoint-delay': '10m',
      alarms: 'demo-app-5xx',
      'min-healthy-percentage': '75',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    const errors = run.errors.join('\n');
    expect(errors).toMatch(/alarm demo-app-5xx is in ALARM/);
    expect(errors).toMatch(
      new RegExp(`/app/ami: ${DEFAULT_BASE_AMI_ID} \\(version 1's value\\) put back as version 3`),
    );
    // AWS cannot roll such a refresh back: no RollbackInstanceRefresh, a refresh back instead.
    const calls = await aws.calls();
    expect(calls.filter((c) => c.operation === 'RollbackInstanceRefresh')).toEqual([]);
    expect(calls.filter((c) => c.operation === 'StartInstanceRefresh' && c.outcome === 'ok')).toHaveLength(2);
    expect(Object.values(await groupAmis())).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
    expect(await history()).toEqual([
      { version: 1, value: DEFAULT_BASE_AMI_ID, labels: [] },
      { version: 2, value: ami, labels: ['run-4242-1'] },
      { version: 3, value: DEFAULT_BASE_AMI_ID, labels: ['undo-4242-1'] },
    ]);
  }, 90_000);

  it('the post step puts the previous value back and refreshes the group back to it when the main step could not', async () => {
    await ssmGroup();
    const ami = await newAmi();
    // What a main step killed after writing its version left: the parameter at the new AMI.
    await ssm().send(
      new PutParameterCommand({
        Name: '/app/ami',
        Value: ami,
        Type: 'String',
        DataType: 'aws:ec2:image',
        Overwrite: true,
      }),
    );
    await aws.advance(5);
    const post = await runPostWithJournal(aws, 'deploy', [
      {
        lane: 'demo-app',
        kind: 'restore-parameter',
        region: 'us-east-1',
        group: 'demo-app',
        name: '/app/ami',
        value: DEFAULT_BASE_AMI_ID,
        fromVersion: 1,
        version: 2,
        dataType: 'aws:ec2:image',
        description: `ami-action rollback to ${DEFAULT_BASE_AMI_ID} of version 1, removing ${ami} (undo of run 7-1)`,
        label: 'undo-7-1',
        refresh: { MinHealthyPercentage: 50, InstanceWarmup: 60, ScaleInProtectedInstances: 'Wait' },
      },
    ]);
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toMatch(/ended while 'demo-app' was rolling out a new version of \/app\/ami/);
    expect(post.log).toMatch(/instance refresh \S+ brings the instances back to/);
    expect((await history()).at(-1)).toEqual({
      version: 3,
      value: DEFAULT_BASE_AMI_ID,
      labels: ['undo-7-1'],
    });
    const refreshes = (await aws.state()).services.autoscaling.regions['us-east-1'].refreshes;
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].Preferences).toMatchObject({
      SkipMatching: false,
      AutoRollback: false,
      MinHealthyPercentage: 50,
    });
  }, 30_000);

  it('refuses two groups that resolve the same parameter, naming them, before any change', async () => {
    await ssmGroup();
    const app = (await group('demo-app'))!;
    await asg().send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-api',
        LaunchTemplate: app.LaunchTemplate,
        MinSize: 0,
        MaxSize: 2,
        DesiredCapacity: 1,
        VPCZoneIdentifier: app.VPCZoneIdentifier,
      }),
    );
    await aws.advance(120);
    const before = (await aws.calls()).length;
    const run = await deploy(await newAmi(), { asg: 'demo-app\ndemo-api' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /Groups 'demo-app', 'demo-api' in us-east-1 all launch the AMI SSM parameter \/app\/ami names.*Nothing was changed\. Give asg one of these groups per run/,
    );
    expect(mutatingCalls((await aws.calls()).slice(before))).toEqual([]);
    expect(await history()).toHaveLength(1);
  }, 30_000);

  it('refuses a template that pins a version of the parameter, before any change', async () => {
    await ssmGroup();
    await ec2().send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateName: 'demo-app',
        SourceVersion: '1',
        LaunchTemplateData: { ImageId: 'resolve:ssm:/app/ami:1' },
      }),
    );
    await asg().send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app',
        LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: '3' },
      }),
    );
    const run = await deploy(await newAmi());
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/names version or label '1' of \/app\/ami/);
    expect(await history()).toHaveLength(1);
  }, 30_000);
});

describe('blue-green of a group with a warm pool, a scheduled action and a VPC Lattice traffic source', () => {
  async function extras() {
    const start = new Date(Date.parse((await aws.state()).time) + 30 * 86_400_000);
    await asg().send(
      new PutWarmPoolCommand({
        AutoScalingGroupName: 'demo-app',
        MinSize: 1,
        MaxGroupPreparedCapacity: 6,
        PoolState: 'Stopped',
        InstanceReusePolicy: { ReuseOnScaleIn: true },
      }),
    );
    await asg().send(
      new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: 'demo-app',
        ScheduledActionName: 'nightly',
        Recurrence: '0 22 * * *',
        MinSize: 2,
        MaxSize: 8,
        DesiredCapacity: 2,
        StartTime: start,
      }),
    );
    await asg().send(
      new AttachTrafficSourcesCommand({
        AutoScalingGroupName: 'demo-app',
        TrafficSources: [{ Identifier: LATTICE_TG, Type: 'vpc-lattice' }],
      }),
    );
  }

  async function carried(name: string) {
    const pool = await asg().send(new DescribeWarmPoolCommand({ AutoScalingGroupName: name }));
    const actions = await asg().send(new DescribeScheduledActionsCommand({ AutoScalingGroupName: name }));
    const sources = await asg().send(new DescribeTrafficSourcesCommand({ AutoScalingGroupName: name }));
    return {
      warmPool: pool.WarmPoolConfiguration,
      warm: pool
        .Instances!.filter((i) => !i.LifecycleState!.includes('Terminating'))
        .map((i) => i.InstanceId!),
      actions: actions.ScheduledUpdateGroupActions!.map((a) => [a.ScheduledActionName, a.Recurrence]),
      lattice: sources
        .TrafficSources!.filter((t) => t.Type === 'vpc-lattice' && t.State !== 'Removing')
        .map((t) => t.Identifier),
    };
  }

  it('the new group has all three; the old group and its are gone after the switch', async () => {
    await extras();
    const ami = await newAmi();
    // The dry run lists each copy as the run makes it.
    const dry = await deploy(ami, { strategy: 'blue-green', 'dry-run': 'true' });
    expect(dry.exitCode, dry.log).toBe(0);
    expect(
      dry.log
        .split('\n')
        .map((l) => l.trim())
        .filter((l) =>
          /^would call autoscaling:(PutWarmPool|BatchPutScheduled|AttachTrafficSources)/.test(l),
        ),
    ).toEqual([
      "would call autoscaling:PutWarmPool demo-app-green: as the live group's",
      'would call autoscaling:BatchPutScheduledUpdateGroupAction demo-app-green: 1 scheduled action(s)',
      `would call autoscaling:AttachTrafficSources demo-app-green: vpc-lattice ${LATTICE_TG}`,
    ]);
    const run = await deploy(ami, { strategy: 'blue-green' });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(await groupNames()).toEqual(['demo-app-green']);
    const green = await carried('demo-app-green');
    expect(green.warmPool).toMatchObject({ MinSize: 1, MaxGroupPreparedCapacity: 6, PoolState: 'Stopped' });
    expect(green.warmPool?.InstanceReusePolicy).toEqual({ ReuseOnScaleIn: true });
    expect(green.warm).toHaveLength(2);
    expect(await amisOf(green.warm)).toEqual([ami, ami]);
    expect(green.actions).toEqual([['nightly', '0 22 * * *']]);
    expect(green.lattice).toEqual([LATTICE_TG]);
    expect(await locks()).toEqual({});
  }, 60_000);

  it('keep-old keeps the old group without them; a rollback brings them back to it and takes them from the other', async () => {
    await extras();
    const run = await deploy(await newAmi(), { strategy: 'blue-green', 'keep-old': '1h' });
    expect(run.errors).toEqual([]);
    const kept = await carried('demo-app');
    expect(kept).toMatchObject({ warmPool: undefined, warm: [], actions: [], lattice: [] });
    expect((await carried('demo-app-green')).lattice).toEqual([LATTICE_TG]);

    const back = await runAgainst(aws, {
      inputs: { mode: 'rollback', strategy: 'blue-green', asg: 'demo-app' },
      env: RUN,
    });
    expect(back.errors).toEqual([]);
    expect(back.exitCode).toBe(0);
    const again = await carried('demo-app');
    expect(again.warmPool).toMatchObject({ MinSize: 1, MaxGroupPreparedCapacity: 6 });
    expect(again.actions).toEqual([['nightly', '0 22 * * *']]);
    expect(again.lattice).toEqual([LATTICE_TG]);
    expect(await carried('demo-app-green')).toMatchObject({
      warmPool: undefined,
      warm: [],
      actions: [],
      lattice: [],
    });
  }, 90_000);
});

describe('the deploy lock', () => {
  it('a stale lock is reported with how to remove it, never broken; a held one stops a rolling deploy too', async () => {
    const name = '/ami-action/locks/us-east-1/demo-app';
    await ssm().send(
      new PutParameterCommand({
        Name: name,
        Type: 'String',
        Value: JSON.stringify({
          run: '9-1',
          since: '2001-01-01T00:00:00.000Z',
          expires: '2001-01-01T02:00:00.000Z',
        }),
      }),
    );
    const ami = await newAmi();
    const stale = await deploy(ami, { strategy: 'blue-green', 'on-conflict': 'wait' });
    expect(stale.exitCode).toBe(1);
    expect(stale.errors.join('\n')).toMatch(
      /locked by a deploy that never released it \(run 9-1.*expired at 2001-01-01T02:00:00.000Z.*aws ssm delete-parameter --region us-east-1 --name \/ami-action\/locks\/us-east-1\/demo-app/,
    );
    expect(Object.keys(await locks())).toEqual([name]);

    await ssm().send(
      new PutParameterCommand({
        Name: name,
        Type: 'String',
        Overwrite: true,
        Value: JSON.stringify({
          run: '9-2',
          since: '2001-01-01T00:00:00.000Z',
          expires: '2099-01-01T00:00:00.000Z',
        }),
      }),
    );
    const rolling = await deploy(ami, { 'min-healthy-percentage': '50' });
    expect(rolling.exitCode).toBe(1);
    expect(rolling.errors.join('\n')).toMatch(
      /Group 'demo-app' in us-east-1 is locked by another deploy \(run 9-2/,
    );
    expect((await aws.calls()).filter((c) => c.operation === 'StartInstanceRefresh')).toEqual([]);
  }, 60_000);
});
