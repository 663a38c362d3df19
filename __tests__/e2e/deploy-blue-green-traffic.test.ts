import { EnableMetricsCollectionCommand } from '@aws-sdk/client-auto-scaling';
import {
  CreateRuleCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { alwaysHealthy, blueGreenWorld, ms } from '../helpers/blue-green.js';
import { runAgainst, runPostWithJournal } from '../helpers/e2e.js';
import { type SimState, useSimulator } from '../helpers/sim.js';

// 200 simulated seconds per real second.
const aws = useSimulator({ timeScale: 0.005 });
beforeEach(() => aws.reset());
const {
  asg,
  elb,
  newAmi,
  groupNames,
  group,
  targetGroupArn: tgArn,
  registered,
  amisOf,
  locks,
} = blueGreenWorld(aws, 'c');

async function listenerArn(): Promise<string> {
  const lbs = await elb().send(new DescribeLoadBalancersCommand({ Names: ['demo-app'] }));
  const out = await elb().send(
    new DescribeListenersCommand({ LoadBalancerArn: lbs.LoadBalancers![0].LoadBalancerArn }),
  );
  return out.Listeners![0].ListenerArn!;
}

async function deploy(ami: string, inputs: Record<string, string> = {}) {
  return runAgainst(aws, {
    inputs: {
      mode: 'deploy',
      strategy: 'blue-green',
      'ami-id': ami,
      asg: 'demo-app',
      'listener-arn': await listenerArn(),
      'traffic-steps': '10, 50, 100',
      'checkpoint-delay': '1s',
      'poll-interval': '1s',
      ...inputs,
    },
  });
}

interface WeightChange {
  time: string;
  RuleArn: string;
  weights: Record<string, number>;
}

function weightHistory(state: SimState, listener: string): WeightChange[] {
  return state.services.elasticloadbalancing.regions['us-east-1'].listeners[listener].weightHistory;
}

/** Every target group the default action gave weight had healthy targets until the next change (or `end`). */
function trafficAlwaysServed(state: SimState, history: WeightChange[], end: number): string[] {
  const gaps: string[] = [];
  history.forEach((h, i) => {
    const until = i + 1 < history.length ? ms(history[i + 1].time) : end;
    for (const [arn, weight] of Object.entries(h.weights)) {
      if (weight > 0 && !alwaysHealthy(state, arn, ms(h.time), until)) {
        gaps.push(`${arn} had weight ${weight} from ${h.time} without healthy targets`);
      }
    }
  });
  return gaps;
}

describe('deploy blue-green with traffic-steps', () => {
  it('moves the listener (and a rule on the same pair) step by step to the new group, then retires the old one; the next deploy goes back', async () => {
    const listener = await listenerArn();
    const blue = await tgArn('demo-app');
    const green = await tgArn('demo-app-green');
    const rule = await elb().send(
      new CreateRuleCommand({
        ListenerArn: listener,
        Priority: 5,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
        Actions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue, Weight: 100 },
                { TargetGroupArn: green, Weight: 0 },
              ],
            },
          },
        ],
      }),
    );
    const ruleArn = rule.Rules![0].RuleArn!;
    await asg().send(
      new EnableMetricsCollectionCommand({
        AutoScalingGroupName: 'demo-app',
        Granularity: '1Minute',
        Metrics: ['GroupInServiceInstances', 'GroupDesiredCapacity'],
      }),
    );
    const oldIds = (await group('demo-app')).Instances!.map((i) => i.InstanceId!);
    const ami = await newAmi();
    const run = await deploy(ami);
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      asg: 'demo-app-green',
      'previous-asg': 'demo-app',
      result: 'success',
    });
    expect(await groupNames()).toEqual(['demo-app-green']);

    const state = await aws.state();
    const history = weightHistory(state, listener);
    const onDefault = history
      .filter((h) => h.RuleArn !== ruleArn)
      .map((h) => [h.weights[blue], h.weights[green]]);
    expect(onDefault).toEqual([
      [100, 0],
      [90, 10],
      [50, 50],
      [0, 100],
    ]);
    const onRule = history
      .filter((h) => h.RuleArn === ruleArn)
      .map((h) => [h.weights[blue], h.weights[green]]);
    expect(onRule).toEqual([
      [100, 0],
      [90, 10],
      [50, 50],
      [0, 100],
    ]);
    expect(trafficAlwaysServed(state, history, ms(state.time))).toEqual([]);

    // The new group joined the idle target group; the old group's targets left demo-app.
    const serving = await group('demo-app-green');
    expect(serving.TargetGroupARNs).toEqual([green]);
    expect(serving.EnabledMetrics!.map((m) => m.Metric).sort()).toEqual([
      'GroupDesiredCapacity',
      'GroupInServiceInstances',
    ]);
    const ids = serving.Instances!.map((i) => i.InstanceId!).sort();
    expect(Object.keys(await registered(green)).sort()).toEqual(ids);
    expect(Object.values(await registered(green))).toEqual(Array(4).fill('healthy'));
    expect(await amisOf(ids)).toEqual(Array(4).fill(ami));
    const left = await registered(blue);
    for (const id of oldIds) expect(left[id]).toBeUndefined();
    // The weights moved only once the new group was healthy, and the old group left only at 100%.
    const ops = (await aws.calls()).map((c) => c.operation);
    expect(ops.indexOf('CreateAutoScalingGroup')).toBeLessThan(ops.indexOf('ModifyListener'));
    expect(ops.lastIndexOf('ModifyListener')).toBeLessThan(ops.indexOf('DetachLoadBalancerTargetGroups'));
    expect(run.summary).toMatch(/Traffic steps/);
    expect(run.summary).toMatch(/demo-app-green 50/);

    // The next deploy alternates: demo-app-blue joins demo-app, the traffic moves back to it.
    const ami2 = await newAmi();
    const second = await deploy(ami2);
    expect(second.errors).toEqual([]);
    expect(second.outputs).toMatchObject({ asg: 'demo-app-blue', 'previous-asg': 'demo-app-green' });
    expect(await groupNames()).toEqual(['demo-app-blue']);
    expect((await group('demo-app-blue')).TargetGroupARNs).toEqual([blue]);
    const after = await aws.state();
    const all = weightHistory(after, listener).filter((h) => h.RuleArn !== ruleArn);
    expect(all.slice(4).map((h) => [h.weights[blue], h.weights[green]])).toEqual([
      [10, 90],
      [50, 50],
      [100, 0],
    ]);
    const rules = await elb().send(new DescribeRulesCommand({ RuleArns: [ruleArn] }));
    expect(rules.Rules![0].Actions![0].ForwardConfig!.TargetGroups!.map((t) => t.Weight)).toEqual([100, 0]);
    expect(trafficAlwaysServed(after, weightHistory(after, listener), ms(after.time))).toEqual([]);
  }, 90_000);

  it('with alarmOnNewInstances the alarm fires once the new group takes traffic: the weights go back, the new group is removed', async () => {
    const listener = await listenerArn();
    const blue = await tgArn('demo-app');
    const green = await tgArn('demo-app-green');
    await aws.seed({
      monitoring: { alarms: [{ region: 'us-east-1', name: 'web-5xx', state: 'OK', dimensions: [] }] },
    });
    await aws.setFaults({ alarmOnNewInstances: 'web-5xx' });
    const oldIds = (await group('demo-app')).Instances!.map((i) => i.InstanceId!).sort();
    const run = await deploy(await newAmi(), { alarms: 'web-5xx', 'checkpoint-delay': '2s' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'failed', asg: 'demo-app' });
    expect(run.errors.join('\n')).toMatch(
      /bad signal at traffic step 10%(25)?: alarm web-5xx is in ALARM.*traffic shifted back to demo-app; group 'demo-app-green' deleted; 'demo-app' kept serving/,
    );
    const state = await aws.state();
    const history = weightHistory(state, listener).map((h) => [h.weights[blue], h.weights[green]]);
    expect(history).toEqual([
      [100, 0],
      [90, 10],
      [100, 0],
    ]);
    expect(trafficAlwaysServed(state, weightHistory(state, listener), ms(state.time))).toEqual([]);
    // Shifted back before the new group was deleted.
    const ops = (await aws.calls()).map((c) => c.operation);
    expect(ops.lastIndexOf('ModifyListener')).toBeLessThan(ops.lastIndexOf('DeleteAutoScalingGroup'));
    expect(await groupNames()).toEqual(['demo-app']);
    const demo = await group('demo-app');
    expect(demo.Instances!.map((i) => i.InstanceId!).sort()).toEqual(oldIds);
    const serving = await registered(blue);
    for (const id of oldIds) expect(serving[id]).toBe('healthy');
    expect(run.summary).toMatch(/shifted back/);
  }, 60_000);

  it('a listener that does not forward to two target groups fails before anything is created, saying what to configure', async () => {
    const listener = await listenerArn();
    const blue = await tgArn('demo-app');
    await elb().send(
      new ModifyListenerCommand({
        ListenerArn: listener,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }],
      }),
    );
    const run = await deploy(await newAmi());
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toMatch(
      /forwards to demo-app \(weight 1\)\. For traffic-steps the listener's default action must forward to two target groups.*Nothing was changed/,
    );
    const ops = (await aws.calls()).map((c) => c.operation);
    for (const op of ['CreateLaunchTemplateVersion', 'CreateAutoScalingGroup', 'ModifyListener']) {
      expect(ops.filter((o) => o === op)).toHaveLength(op === 'ModifyListener' ? 1 : 0);
    }
    expect(await groupNames()).toEqual(['demo-app']);
    expect(await locks()).toEqual({});
  }, 30_000);

  it('blue-green rollback after a keep-old deploy: the kept group scales back, takes the listener, the current one drains to zero; then nothing is left to roll back to', async () => {
    const listener = await listenerArn();
    const blue = await tgArn('demo-app');
    const green = await tgArn('demo-app-green');
    const ami = await newAmi();
    const deployed = await deploy(ami, { 'keep-old': '1h' });
    expect(deployed.errors).toEqual([]);
    expect((await group('demo-app')).DesiredCapacity).toBe(0);

    const rollback = (more: Record<string, string> = {}) =>
      runAgainst(aws, {
        inputs: {
          mode: 'rollback',
          strategy: 'blue-green',
          asg: 'demo-app',
          'listener-arn': listener,
          'poll-interval': '1s',
          ...more,
        },
      });
    const run = await rollback();
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      result: 'success',
      asg: 'demo-app',
      'previous-asg': 'demo-app-green',
      'ami-id': DEFAULT_BASE_AMI_ID,
      'previous-ami-id': ami,
    });
    const back = await group('demo-app');
    expect(back).toMatchObject({ MinSize: 2, MaxSize: 8, DesiredCapacity: 4, TargetGroupARNs: [blue] });
    const ids = back.Instances!.map((i) => i.InstanceId!).sort();
    expect(await amisOf(ids)).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
    expect(Object.keys(await registered(blue)).sort()).toEqual(ids);
    expect(Object.values(await registered(blue))).toEqual(Array(4).fill('healthy'));
    const tags = Object.fromEntries(back.Tags!.map((t) => [t.Key, t.Value]));
    expect(tags['ami-action:serving']).toBe('true');
    expect(tags['ami-action:keep-until']).toBeUndefined();
    expect(await locks()).toEqual({});
    const from = await group('demo-app-green');
    expect(from).toMatchObject({ DesiredCapacity: 0, TargetGroupARNs: [] });
    expect(from.Tags!.map((t) => t.Key)).not.toContain('ami-action:serving');
    expect(await registered(green)).toEqual({});
    const state = await aws.state();
    const history = weightHistory(state, listener);
    expect(history.map((h) => [h.weights[blue], h.weights[green]]).slice(-2)).toEqual([
      [0, 100],
      [100, 0],
    ]);
    expect(trafficAlwaysServed(state, history, ms(state.time))).toEqual([]);
    expect(run.summary).toMatch(/Rollback \(blue-green\)/);

    // The group just left is not a way back: rolling back again would go forward.
    const before = (await aws.calls()).length;
    const again = await rollback();
    expect(again.exitCode).toBe(1);
    expect(again.errors.join('\n')).toMatch(
      /Nothing to roll back to: 'demo-app' serves in us-east-1 and no earlier group was kept.*Nothing was changed.*keep-old/,
    );
    const writes = (await aws.calls()).slice(before).filter((c) => !/^(Describe|Get)/.test(c.operation));
    expect(writes).toEqual([]);
  }, 60_000);

  it('blue-green rollback without a listener: dry-run plans it; the kept group rejoins the target group, the current one leaves', async () => {
    const blue = await tgArn('demo-app');
    const ami = await newAmi();
    const deployed = await runAgainst(aws, {
      inputs: {
        mode: 'deploy',
        strategy: 'blue-green',
        'ami-id': ami,
        asg: 'demo-app',
        'keep-old': '1h',
        'poll-interval': '1s',
      },
    });
    expect(deployed.errors).toEqual([]);
    const rollback = (more: Record<string, string> = {}) =>
      runAgainst(aws, {
        inputs: { mode: 'rollback', strategy: 'blue-green', asg: 'demo-app', 'poll-interval': '1s', ...more },
      });
    const before = (await aws.calls()).length;
    const plan = await rollback({ 'dry-run': 'true' });
    expect(plan.exitCode).toBe(0);
    expect(plan.log).toMatch(
      /'demo-app-green' serves ami-\w+; the rollback would scale 'demo-app' \(ami-\w+\) back to 4 instance\(s\) and switch to it/,
    );
    expect((await aws.calls()).slice(before).filter((c) => !/^(Describe|Get)/.test(c.operation))).toEqual([]);

    const start = await aws.state();
    const run = await rollback();
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({
      asg: 'demo-app',
      'previous-asg': 'demo-app-green',
      'ami-id': DEFAULT_BASE_AMI_ID,
    });
    const back = await group('demo-app');
    const ids = back.Instances!.map((i) => i.InstanceId!).sort();
    expect(back.TargetGroupARNs).toEqual([blue]);
    expect(Object.keys(await registered(blue)).sort()).toEqual(ids);
    expect(await amisOf(ids)).toEqual(Array(4).fill(DEFAULT_BASE_AMI_ID));
    expect(await group('demo-app-green')).toMatchObject({ DesiredCapacity: 0, TargetGroupARNs: [] });
    const after = await aws.state();
    // demo-app had healthy targets throughout: the current group left only once the kept one was healthy.
    expect(alwaysHealthy(after, blue, ms(start.time), ms(after.time))).toBe(true);

    // The next deploy goes into the group just left.
    const next = await runAgainst(aws, {
      inputs: {
        mode: 'deploy',
        strategy: 'blue-green',
        'ami-id': await newAmi(),
        asg: 'demo-app',
        'poll-interval': '1s',
      },
    });
    expect(next.errors).toEqual([]);
    expect(next.outputs).toMatchObject({ asg: 'demo-app-green', 'previous-asg': 'demo-app' });
    expect((await group('demo-app-green')).Tags!.map((t) => t.Key)).not.toContain('ami-action:rolled-back');
  }, 60_000);

  it('the post step of a deploy cut short mid-shift moves the traffic back before removing the new group', async () => {
    const listener = await listenerArn();
    const blue = await tgArn('demo-app');
    const green = await tgArn('demo-app-green');
    const demo = await group('demo-app');
    const { CreateAutoScalingGroupCommand } = await import('@aws-sdk/client-auto-scaling');
    await asg().send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'demo-app-green',
        LaunchTemplate: demo.LaunchTemplate,
        MinSize: 1,
        MaxSize: 2,
        DesiredCapacity: 1,
        VPCZoneIdentifier: demo.VPCZoneIdentifier,
        TargetGroupARNs: [green],
      }),
    );
    await elb().send(
      new ModifyListenerCommand({
        ListenerArn: listener,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue, Weight: 50 },
                { TargetGroupArn: green, Weight: 50 },
              ],
            },
          },
        ],
      }),
    );
    const post = await runPostWithJournal(aws, 'deploy', [
      {
        kind: 'retire-incoming-group',
        region: 'us-east-1',
        group: 'demo-app-green',
        created: true,
        targetGroupArns: [green],
        traffic: { region: 'us-east-1', listenerArn: listener, live: blue, idle: green, ruleArns: [] },
      },
    ]);
    expect(post.exitCode, post.log).toBe(0);
    const listeners = await elb().send(new DescribeListenersCommand({ ListenerArns: [listener] }));
    expect(listeners.Listeners![0].DefaultActions![0].ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: blue, Weight: 100 },
      { TargetGroupArn: green, Weight: 0 },
    ]);
    expect(await groupNames()).toEqual(['demo-app']);
    const ops = (await aws.calls()).map((c) => c.operation);
    expect(ops.lastIndexOf('ModifyListener')).toBeLessThan(ops.lastIndexOf('DeleteAutoScalingGroup'));
  }, 30_000);
});
