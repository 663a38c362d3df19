import {
  AttachLoadBalancerTargetGroupsCommand,
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeLifecycleHooksCommand,
  DescribeLoadBalancerTargetGroupsCommand,
  DescribePoliciesCommand,
  DescribeTagsCommand,
  DetachLoadBalancerTargetGroupsCommand,
  PutLifecycleHookCommand,
  PutScalingPolicyCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateTargetGroupCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEREGISTRATION_DELAY_SECONDS } from '../../sim/services/elbv2/targets.js';
import { useSimulator } from '../helpers/sim.js';

// Time stands still; tests move it with advance().
const aws = useSimulator({ timeScale: 1000 });
const asg = () => new AutoScalingClient(aws.sdkConfig());
const elb = () => new ElasticLoadBalancingV2Client(aws.sdkConfig());
beforeEach(() => aws.reset());

async function demoTargetGroupArn(): Promise<string> {
  const out = await elb().send(new DescribeTargetGroupsCommand({ Names: ['demo-app'] }));
  return out.TargetGroups![0].TargetGroupArn!;
}

async function group(name: string) {
  const out = await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  return out.AutoScalingGroups![0];
}

async function targetStates(arn: string): Promise<Record<string, string>> {
  const out = await elb().send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
  return Object.fromEntries(
    (out.TargetHealthDescriptions ?? []).map((d) => [d.Target!.Id!, d.TargetHealth!.State!]),
  );
}

describe('Auto Scaling group tags', () => {
  it('creates, updates, filters and deletes tags; an unknown group is a ValidationError', async () => {
    const tag = (Key: string, Value: string) => ({
      ResourceId: 'demo-app',
      ResourceType: 'auto-scaling-group',
      Key,
      Value,
      PropagateAtLaunch: false,
    });
    await asg().send(new CreateOrUpdateTagsCommand({ Tags: [tag('team', 'a'), tag('lock', 'run-1')] }));
    await asg().send(new CreateOrUpdateTagsCommand({ Tags: [tag('team', 'b')] }));
    const byKey = await asg().send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'auto-scaling-group', Values: ['demo-app'] },
          { Name: 'key', Values: ['team'] },
        ],
      }),
    );
    expect(byKey.Tags).toEqual([
      expect.objectContaining({ ResourceId: 'demo-app', Key: 'team', Value: 'b' }),
    ]);
    await asg().send(new DeleteTagsCommand({ Tags: [{ ResourceId: 'demo-app', Key: 'lock' }] }));
    expect((await group('demo-app')).Tags!.map((t) => t.Key)).toEqual(['team']);
    await expect(
      asg().send(new CreateOrUpdateTagsCommand({ Tags: [{ ...tag('x', 'y'), ResourceId: 'nope' }] })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe('target group attachment', () => {
  it('attaching registers the instances; detaching drains them over the deregistration delay', async () => {
    const arn = await demoTargetGroupArn();
    const demo = await group('demo-app');
    await asg().send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app-green',
        LaunchTemplate: demo.LaunchTemplate,
        MinSize: 1,
        MaxSize: 4,
        DesiredCapacity: 2,
        VPCZoneIdentifier: demo.VPCZoneIdentifier,
        TerminationPolicies: ['OldestInstance'],
        CapacityRebalance: true,
        DefaultInstanceWarmup: 30,
      }),
    );
    const green = await group('demo-app-green');
    expect(green).toMatchObject({
      TerminationPolicies: ['OldestInstance'],
      CapacityRebalance: true,
      DefaultInstanceWarmup: 30,
      TargetGroupARNs: [],
    });
    const greenIds = green.Instances!.map((i) => i.InstanceId!);
    await asg().send(
      new AttachLoadBalancerTargetGroupsCommand({
        AutoScalingGroupName: 'demo-app-green',
        TargetGroupARNs: [arn],
      }),
    );
    const attached = await targetStates(arn);
    for (const id of greenIds) expect(attached[id]).toBe('initial');
    await aws.advance(120);
    const healthy = await targetStates(arn);
    for (const id of greenIds) expect(healthy[id]).toBe('healthy');

    const oldIds = demo.Instances!.map((i) => i.InstanceId!);
    await asg().send(
      new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app', TargetGroupARNs: [arn] }),
    );
    const draining = await targetStates(arn);
    for (const id of oldIds) expect(draining[id]).toBe('draining');
    const lbtg = await asg().send(
      new DescribeLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app' }),
    );
    expect(lbtg.LoadBalancerTargetGroups).toEqual([{ LoadBalancerTargetGroupARN: arn, State: 'Removing' }]);
    expect((await group('demo-app')).TargetGroupARNs).toEqual([]);

    await aws.advance(DEREGISTRATION_DELAY_SECONDS + 1);
    const after = await targetStates(arn);
    expect(Object.keys(after).sort()).toEqual([...greenIds].sort());
    const gone = await asg().send(
      new DescribeLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app' }),
    );
    expect(gone.LoadBalancerTargetGroups).toEqual([]);
    const greenTgs = await asg().send(
      new DescribeLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app-green' }),
    );
    expect(greenTgs.LoadBalancerTargetGroups).toEqual([
      { LoadBalancerTargetGroupARN: arn, State: 'InService' },
    ]);
  });

  it('refuses a target group that does not exist', async () => {
    await expect(
      asg().send(
        new AttachLoadBalancerTargetGroupsCommand({
          AutoScalingGroupName: 'demo-app',
          TargetGroupARNs: [
            'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef',
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe('lifecycle hooks and scaling policies', () => {
  it('keeps what was put and describes it back', async () => {
    await asg().send(
      new PutLifecycleHookCommand({
        AutoScalingGroupName: 'demo-app',
        LifecycleHookName: 'drain',
        LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING',
        HeartbeatTimeout: 120,
      }),
    );
    await expect(
      asg().send(
        new PutLifecycleHookCommand({
          AutoScalingGroupName: 'demo-app',
          LifecycleHookName: 'bad',
          LifecycleTransition: 'autoscaling:SOMETHING',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    const hooks = await asg().send(new DescribeLifecycleHooksCommand({ AutoScalingGroupName: 'demo-app' }));
    expect(hooks.LifecycleHooks).toEqual([
      expect.objectContaining({
        LifecycleHookName: 'drain',
        HeartbeatTimeout: 120,
        DefaultResult: 'ABANDON',
      }),
    ]);
    const put = await asg().send(
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
    expect(put.PolicyARN).toMatch(/policyName\/cpu50$/);
    const policies = await asg().send(new DescribePoliciesCommand({ AutoScalingGroupName: 'demo-app' }));
    expect(policies.ScalingPolicies).toEqual([
      expect.objectContaining({
        PolicyName: 'cpu50',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingConfiguration: expect.objectContaining({ TargetValue: 50 }),
      }),
    ]);
  });
});

describe('target group limits', () => {
  async function makeTargetGroups(count: number, prefix = 'tg'): Promise<string[]> {
    const arns: string[] = [];
    for (let n = 0; n < count; n++) {
      const out = await elb().send(new CreateTargetGroupCommand({ Name: `${prefix}-${n}`, Port: 80 }));
      arns.push(out.TargetGroups![0].TargetGroupArn!);
    }
    return arns;
  }

  it('attaches and detaches at most 10 target groups a call, at most 50 on a group, and pages DescribeLoadBalancerTargetGroups', async () => {
    const arns = await makeTargetGroups(55);
    const attach = (list: string[]) =>
      asg().send(
        new AttachLoadBalancerTargetGroupsCommand({
          AutoScalingGroupName: 'demo-app',
          TargetGroupARNs: list,
        }),
      );
    await expect(attach(arns.slice(0, 11))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/length less than or equal to 10/),
    });
    // The group had the scenario's demo-app: 1 + 4 x 10 + 9 = 50.
    for (let at = 0; at < 49; at += 10) await attach(arns.slice(at, Math.min(at + 10, 49)));
    expect((await group('demo-app')).TargetGroupARNs).toHaveLength(50);
    await expect(attach([arns[49]])).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/at most 50/),
    });
    await expect(
      asg().send(
        new DetachLoadBalancerTargetGroupsCommand({
          AutoScalingGroupName: 'demo-app',
          TargetGroupARNs: arns.slice(0, 11),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    const firstPage = await asg().send(
      new DescribeLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app', MaxRecords: 30 }),
    );
    expect(firstPage.LoadBalancerTargetGroups).toHaveLength(30);
    const second = await asg().send(
      new DescribeLoadBalancerTargetGroupsCommand({
        AutoScalingGroupName: 'demo-app',
        MaxRecords: 30,
        NextToken: firstPage.NextToken,
      }),
    );
    expect(second.LoadBalancerTargetGroups).toHaveLength(20);
    expect(second.NextToken).toBeUndefined();
    const all = await asg().send(
      new DescribeLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app' }),
    );
    expect(all.LoadBalancerTargetGroups).toHaveLength(50);
    await expect(
      asg().send(
        new DescribeLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: 'demo-app', MaxRecords: 101 }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    const demo = await group('demo-app');
    await expect(
      asg().send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: 'too-many',
          LaunchTemplate: demo.LaunchTemplate,
          MinSize: 0,
          MaxSize: 1,
          VPCZoneIdentifier: demo.VPCZoneIdentifier,
          TargetGroupARNs: arns.slice(0, 51),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/at most 50/) });
  });
});
