import {
  DescribeLifecycleHooksCommand,
  DescribePoliciesCommand,
  PutLifecycleHookCommand,
  PutScalingPolicyCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { alwaysHealthy, blueGreenWorld, ms } from '../helpers/blue-green.js';
import { runAgainst, runPostWithJournal } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

// 200 simulated seconds per real second.
const aws = useSimulator({ timeScale: 0.005 });
beforeEach(() => aws.reset());
const {
  asg,
  ec2,
  newAmi,
  groupNames,
  group,
  targetGroupArn,
  registered: registeredIn,
  amisOf,
  locks,
} = blueGreenWorld(aws, 'bg');
const demoTargetGroup = () => targetGroupArn('demo-app');
/** Registered targets of target group demo-app and their health. */
const registered = async () => registeredIn(await demoTargetGroup());

function deploy(ami: string, inputs: Record<string, string> = {}) {
  return runAgainst(aws, {
    inputs: {
      mode: 'deploy',
      strategy: 'blue-green',
      'ami-id': ami,
      asg: 'demo-app',
      'poll-interval': '1s',
      ...inputs,
    },
  });
}

describe('deploy blue-green', () => {
  it('switches the target group to a new group on the new AMI, never without healthy targets, and removes the old one', async () => {
    const ami = await newAmi();
    // What makes demo-app what it is, beyond the scenario's defaults: the new group must copy it.
    await asg().send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app',
        TerminationPolicies: ['OldestInstance'],
        CapacityRebalance: true,
      }),
    );
    await asg().send(
      new PutLifecycleHookCommand({
        AutoScalingGroupName: 'demo-app',
        LifecycleHookName: 'drain',
        LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING',
        HeartbeatTimeout: 120,
      }),
    );
    await asg().send(
      new PutScalingPolicyCommand({
        AutoScalingGroupName: 'demo-app',
        PolicyName: 'cpu50',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingConfiguration: {
          PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
          TargetValue: 50,
        },
      }),
    );
    const before = await aws.state();
    const oldIds = (await group('demo-app')).Instances!.map((i) => i.InstanceId!);
    const run = await deploy(ami);
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      asg: 'demo-app-green',
      'previous-asg': 'demo-app',
      result: 'success',
      'ami-id': ami,
      'previous-ami-id': DEFAULT_BASE_AMI_ID,
      'launch-template-version': '2',
    });
    expect(await groupNames()).toEqual(['demo-app-green']);
    const green = await group('demo-app-green');
    expect(green).toMatchObject({
      MinSize: 2,
      MaxSize: 8,
      DesiredCapacity: 4,
      HealthCheckType: 'EC2',
      HealthCheckGracePeriod: 60,
      TerminationPolicies: ['OldestInstance'],
      CapacityRebalance: true,
    });
    const hooks = await asg().send(
      new DescribeLifecycleHooksCommand({ AutoScalingGroupName: 'demo-app-green' }),
    );
    expect(hooks.LifecycleHooks).toEqual([
      expect.objectContaining({ LifecycleHookName: 'drain', HeartbeatTimeout: 120 }),
    ]);
    const policies = await asg().send(
      new DescribePoliciesCommand({ AutoScalingGroupName: 'demo-app-green' }),
    );
    expect(policies.ScalingPolicies).toEqual([
      expect.objectContaining({ PolicyName: 'cpu50', PolicyType: 'TargetTrackingScaling' }),
    ]);
    expect(green.LaunchTemplate?.Version).toBe('2');
    const tags = Object.fromEntries(green.Tags!.map((t) => [t.Key, t.Value]));
    expect(tags).toMatchObject({
      'ami-action:serving': 'true',
      'ami-action:colour': 'green',
      'ami-action:ami': ami,
    });
    expect(await locks()).toEqual({});
    const greenIds = green.Instances!.map((i) => i.InstanceId!).sort();
    expect(greenIds).toHaveLength(4);
    const targets = await registered();
    expect(Object.keys(targets).sort()).toEqual(greenIds);
    expect(Object.values(targets)).toEqual(Array(4).fill('healthy'));
    expect(await amisOf(greenIds)).toEqual(Array(4).fill(ami));
    for (const id of oldIds) expect(targets[id]).toBeUndefined();
    const version = await ec2().send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'demo-app', Versions: ['2'] }),
    );
    expect(version.LaunchTemplateVersions![0].VersionDescription).toMatch(
      new RegExp(`^ami-action deploy ${ami} replaces ${DEFAULT_BASE_AMI_ID} of version 1`),
    );
    const after = await aws.state();
    expect(alwaysHealthy(after, await demoTargetGroup(), ms(before.time), ms(after.time))).toBe(true);
    const ops = (await aws.calls()).map((c) => c.operation);
    // Detached only after the new group was created and healthy, deleted only after the detach.
    expect(ops.indexOf('CreateAutoScalingGroup')).toBeLessThan(ops.indexOf('DetachLoadBalancerTargetGroups'));
    expect(ops.indexOf('DetachLoadBalancerTargetGroups')).toBeLessThan(
      ops.lastIndexOf('DeleteAutoScalingGroup'),
    );

    // The next deploy goes back to blue, found by the serving tag.
    const ami2 = await newAmi();
    const second = await deploy(ami2);
    expect(second.errors).toEqual([]);
    expect(second.outputs).toMatchObject({ asg: 'demo-app-blue', 'previous-asg': 'demo-app-green' });
    expect(await groupNames()).toEqual(['demo-app-blue']);
  }, 90_000);

  it('with unhealthyNewInstances the new group is removed, the old one serves throughout, and the step says what it saw', async () => {
    const ami = await newAmi();
    await aws.setFaults({ unhealthyNewInstances: true });
    const before = await aws.state();
    const oldIds = (await group('demo-app')).Instances!.map((i) => i.InstanceId!).sort();
    const run = await deploy(ami);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', asg: 'demo-app' });
    expect(run.errors.join('\n')).toMatch(
      /bad signal before the switch: i-[0-9a-f]+ is unhealthy in targetgroup\/demo-app\/.*Health checks failed.*group 'demo-app-green' deleted; 'demo-app' kept serving/,
    );
    expect(await groupNames()).toEqual(['demo-app']);
    const demo = await group('demo-app');
    expect(demo.Instances!.map((i) => i.InstanceId!).sort()).toEqual(oldIds);
    expect(await locks()).toEqual({});
    const targets = await registered();
    for (const id of oldIds) expect(targets[id]).toBe('healthy');
    const ops = (await aws.calls()).map((c) => c.operation);
    expect(ops).not.toContain('DetachLoadBalancerTargetGroups');
    const after = await aws.state();
    expect(alwaysHealthy(after, await demoTargetGroup(), ms(before.time), ms(after.time))).toBe(true);
  }, 60_000);

  it('an alarm firing on the new instances stops the switch; the old group keeps serving', async () => {
    const ami = await newAmi();
    await aws.seed({
      monitoring: { alarms: [{ region: 'us-east-1', name: 'web-5xx', state: 'OK', dimensions: [] }] },
    });
    await aws.setFaults({ alarmOnNewInstances: 'web-5xx' });
    const oldIds = (await group('demo-app')).Instances!.map((i) => i.InstanceId!).sort();
    const run = await deploy(ami, { alarms: 'web-5xx' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /bad signal before the switch: alarm web-5xx is in ALARM.*group 'demo-app-green' deleted; 'demo-app' kept serving/,
    );
    expect(await groupNames()).toEqual(['demo-app']);
    // The old instances serve; the deleted group's ones are on their way out.
    for (const [id, state] of Object.entries(await registered())) {
      expect(state).toBe(oldIds.includes(id) ? 'healthy' : 'draining');
    }
  }, 60_000);

  it('a second deploy while the first holds the lock fails clearly and changes nothing', async () => {
    const ami = await newAmi();
    const other = await newAmi();
    // bake-time keeps the first deploy holding the lock while the second process starts, however loaded the machine.
    const first = deploy(ami, { 'bake-time': '8s' });
    // Wait until the first deploy holds the lock.
    for (let k = 0; k < 200; k++) {
      if (Object.keys(await locks()).length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const second = await deploy(other);
    expect(second.exitCode).toBe(1);
    expect(second.errors.join('\n')).toMatch(
      /Group 'demo-app' in us-east-1 is locked by another deploy \(run .+\)\. Nothing was changed\..*on-conflict: wait/,
    );
    const done = await first;
    expect(done.errors).toEqual([]);
    expect(done.outputs.asg).toBe('demo-app-green');
    // Only the first deploy's version and group exist; no instance ever ran the second AMI.
    const versions = await ec2().send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'demo-app' }),
    );
    expect(versions.LaunchTemplateVersions!.map((v) => v.LaunchTemplateData!.ImageId).sort()).toEqual(
      [DEFAULT_BASE_AMI_ID, ami].sort(),
    );
    expect(await groupNames()).toEqual(['demo-app-green']);
    const state = await aws.state();
    const images = Object.values(state.services.ec2.regions['us-east-1'].instances).map(
      (i: any) => i.ImageId,
    );
    expect(images).not.toContain(other);
  }, 60_000);

  it('with on-conflict: wait, a second deploy waits for the lock, then deploys from the group the first left serving', async () => {
    const ami = await newAmi();
    const ami2 = await newAmi();
    const first = deploy(ami, { 'bake-time': '8s' });
    for (let k = 0; k < 200; k++) {
      if (Object.keys(await locks()).length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const second = await deploy(ami2, { 'on-conflict': 'wait' });
    const done = await first;
    expect(done.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    expect(second.log).toMatch(/is locked by another deploy/);
    expect(done.outputs).toMatchObject({ asg: 'demo-app-green', 'previous-asg': 'demo-app' });
    expect(second.outputs).toMatchObject({ asg: 'demo-app-blue', 'previous-asg': 'demo-app-green' });
    expect(await groupNames()).toEqual(['demo-app-blue']);
    const blue = await group('demo-app-blue');
    expect(await amisOf(blue.Instances!.map((i) => i.InstanceId!))).toEqual(Array(4).fill(ami2));
    expect(await locks()).toEqual({});
  }, 60_000);

  it('keep-old keeps the old group scaled to zero; a later deploy deletes it once its time is up', async () => {
    const run = await deploy(await newAmi(), { 'keep-old': '1s' });
    expect(run.errors).toEqual([]);
    const kept = await group('demo-app');
    expect(kept.DesiredCapacity).toBe(0);
    expect(kept.TargetGroupARNs).toEqual([]);
    const tags = Object.fromEntries(kept.Tags!.map((t) => [t.Key, t.Value]));
    expect(Date.parse(tags['ami-action:keep-until'])).toBeGreaterThan(0);
    expect(tags['ami-action:serving']).toBeUndefined();
    expect(await locks()).toEqual({});
    expect(await groupNames()).toEqual(['demo-app', 'demo-app-green']);
    await new Promise((r) => setTimeout(r, 1100));
    const next = await deploy(await newAmi());
    expect(next.errors).toEqual([]);
    expect(next.outputs).toMatchObject({ asg: 'demo-app-blue', 'previous-asg': 'demo-app-green' });
    expect(next.log).toMatch(/Deleted 'demo-app': kept until .*now past/);
    expect(await groupNames()).toEqual(['demo-app-blue']);
  }, 60_000);

  it('with green-asg, the two user-managed groups take turns and neither is deleted', async () => {
    const demo = await group('demo-app');
    const { CreateAutoScalingGroupCommand } = await import('@aws-sdk/client-auto-scaling');
    await asg().send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app-b',
        LaunchTemplate: demo.LaunchTemplate,
        MinSize: 0,
        MaxSize: 1,
        DesiredCapacity: 0,
        VPCZoneIdentifier: demo.VPCZoneIdentifier,
      }),
    );
    const ami = await newAmi();
    const first = await deploy(ami, { 'green-asg': 'demo-app-b' });
    expect(first.errors).toEqual([]);
    expect(first.outputs).toMatchObject({ asg: 'demo-app-b', 'previous-asg': 'demo-app' });
    const b = await group('demo-app-b');
    expect(b).toMatchObject({
      MinSize: 2,
      MaxSize: 8,
      DesiredCapacity: 4,
      TargetGroupARNs: demo.TargetGroupARNs,
    });
    expect(await amisOf(b.Instances!.map((i) => i.InstanceId!))).toEqual(Array(4).fill(ami));
    expect((await group('demo-app')).DesiredCapacity).toBe(0);
    expect(Object.keys(await registered()).sort()).toEqual(b.Instances!.map((i) => i.InstanceId!).sort());

    const ami2 = await newAmi();
    const second = await deploy(ami2, { 'green-asg': 'demo-app-b' });
    expect(second.errors).toEqual([]);
    expect(second.outputs).toMatchObject({ asg: 'demo-app', 'previous-asg': 'demo-app-b' });
    expect(await groupNames()).toEqual(['demo-app', 'demo-app-b']);
    const back = await group('demo-app');
    expect(back.DesiredCapacity).toBe(4);
    const live = back.Instances!.filter((i) => i.LifecycleState !== 'Terminating').map((i) => i.InstanceId!);
    expect(await amisOf(live)).toEqual(Array(4).fill(ami2));
    expect((await group('demo-app-b')).DesiredCapacity).toBe(0);
  }, 60_000);

  it('the post step removes a new group the main step could not switch to, and the lock', async () => {
    const demo = await group('demo-app');
    const { CreateAutoScalingGroupCommand } = await import('@aws-sdk/client-auto-scaling');
    const { PutParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm');
    const names = ['/ami-action/locks/us-east-1/demo-app', '/ami-action/locks/us-east-1/demo-app-green'];
    // This run's lock on both groups, and another run's lock on a third group (never this run's to release).
    for (const [name, run] of [
      ...names.map((n) => [n, '7-1']),
      ['/ami-action/locks/us-east-1/other', '8-1'],
    ]) {
      await new SSMClient(aws.sdkConfig()).send(
        new PutParameterCommand({
          Name: name,
          Type: 'String',
          Value: JSON.stringify({
            run,
            since: '2026-01-01T00:00:00.000Z',
            expires: '2099-01-01T00:00:00.000Z',
          }),
        }),
      );
    }
    await asg().send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app-green',
        LaunchTemplate: demo.LaunchTemplate,
        MinSize: 2,
        MaxSize: 8,
        DesiredCapacity: 4,
        VPCZoneIdentifier: demo.VPCZoneIdentifier,
        TargetGroupARNs: demo.TargetGroupARNs,
      }),
    );
    const post = await runPostWithJournal(aws, 'deploy', [
      {
        kind: 'release-deploy-lock',
        region: 'us-east-1',
        names: [...names, '/ami-action/locks/us-east-1/other'],
        run: '7-1',
      },
      {
        kind: 'retire-incoming-group',
        region: 'us-east-1',
        group: 'demo-app-green',
        created: true,
        targetGroupArns: demo.TargetGroupARNs,
      },
    ]);
    expect(post.exitCode, post.log).toBe(0);
    expect(post.log).toMatch(/ended before 'demo-app-green' took the traffic/);
    expect(await groupNames()).toEqual(['demo-app']);
    expect(Object.keys(await locks())).toEqual(['/ami-action/locks/us-east-1/other']);
  }, 30_000);

  it('the history check sees a gap when targets leave before new ones are healthy', async () => {
    const { DetachLoadBalancerTargetGroupsCommand, AttachLoadBalancerTargetGroupsCommand } = await import(
      '@aws-sdk/client-auto-scaling'
    );
    const arn = await demoTargetGroup();
    const before = await aws.state();
    await asg().send(
      new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app', TargetGroupARNs: [arn] }),
    );
    await aws.advance(120);
    await asg().send(
      new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app', TargetGroupARNs: [arn] }),
    );
    await aws.advance(120);
    const after = await aws.state();
    expect(Object.values(await registered())).toEqual(Array(4).fill('healthy'));
    expect(alwaysHealthy(after, arn, ms(before.time), ms(after.time))).toBe(false);
  }, 30_000);

  it('dry-run says which group serves and where the AMI would go, and changes nothing', async () => {
    const run = await deploy(await newAmi(), { 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('planned');
    expect(run.log).toMatch(/'demo-app' serves now; the new AMI goes into 'demo-app-green' \(to create\)/);
    const ops = (await aws.calls()).map((c) => c.operation);
    expect(ops.filter((op) => !/^(Describe|Get)/.test(op))).toEqual([]);
  }, 30_000);

  it('refuses traffic-steps without listener-arn, before any AWS call', async () => {
    const ami = await newAmi();
    const run = await deploy(ami, { 'traffic-steps': '10,50,100' });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(/Input 'listener-arn'.*listener-arn and traffic-steps go together/);
    expect(await aws.calls()).toEqual([]);
  }, 30_000);
});
