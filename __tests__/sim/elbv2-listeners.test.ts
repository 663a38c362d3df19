import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSubnetId } from '../../sim/services/ec2/region.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1000 });
const elb = () => new ElasticLoadBalancingV2Client({ ...aws.sdkConfig(), maxAttempts: 1 });
beforeEach(() => aws.reset());

async function tgArn(name: string): Promise<string> {
  const out = await elb().send(new DescribeTargetGroupsCommand({ Names: [name] }));
  return out.TargetGroups![0].TargetGroupArn!;
}

async function demoListener() {
  const lbs = await elb().send(new DescribeLoadBalancersCommand({ Names: ['demo-app'] }));
  const out = await elb().send(
    new DescribeListenersCommand({ LoadBalancerArn: lbs.LoadBalancers![0].LoadBalancerArn }),
  );
  return out.Listeners![0];
}

const forward = (groups: [string, number][]) => [
  {
    Type: 'forward' as const,
    ForwardConfig: { TargetGroups: groups.map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })) },
  },
];

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return (error as Error).name;
  }
  return 'no error';
}

describe('ELBv2 load balancers, listeners and rules', () => {
  it('the default scenario has ALB demo-app, HTTP:80 forwarding 100 to demo-app and 0 to demo-app-green', async () => {
    const lbs = await elb().send(new DescribeLoadBalancersCommand({ Names: ['demo-app'] }));
    expect(lbs.LoadBalancers![0]).toMatchObject({ Type: 'application', State: { Code: 'active' } });
    const listener = await demoListener();
    expect(listener).toMatchObject({ Port: 80, Protocol: 'HTTP' });
    expect(listener.DefaultActions![0].ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: await tgArn('demo-app'), Weight: 100 },
      { TargetGroupArn: await tgArn('demo-app-green'), Weight: 0 },
    ]);
    const tgs = await elb().send(new DescribeTargetGroupsCommand({ Names: ['demo-app', 'demo-app-green'] }));
    for (const tg of tgs.TargetGroups!) {
      expect(tg.LoadBalancerArns).toEqual([lbs.LoadBalancers![0].LoadBalancerArn]);
    }
  });

  it('creates a load balancer and a listener; a single target group reads back with weight 1 as AWS answers', async () => {
    const subnets = ['a', 'b'].map((z) => defaultSubnetId('123456789012', 'us-east-1', `us-east-1${z}`));
    const tg = await elb().send(new CreateTargetGroupCommand({ Name: 'api', Port: 8080, Protocol: 'HTTP' }));
    const arn = tg.TargetGroups![0].TargetGroupArn!;
    const lb = await elb().send(new CreateLoadBalancerCommand({ Name: 'api', Subnets: subnets }));
    const lbArn = lb.LoadBalancers![0].LoadBalancerArn!;
    expect(lb.LoadBalancers![0]).toMatchObject({ State: { Code: 'provisioning' }, Type: 'application' });
    expect(lbArn).toMatch(/:loadbalancer\/app\/api\/[0-9a-f]{16}$/);
    const created = await elb().send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTP',
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: arn }],
      }),
    );
    const listener = created.Listeners![0];
    expect(listener.ListenerArn).toMatch(/:listener\/app\/api\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(listener.DefaultActions).toEqual([
      {
        Type: 'forward',
        TargetGroupArn: arn,
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: arn, Weight: 1 }],
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ]);
    const rules = await elb().send(new DescribeRulesCommand({ ListenerArn: listener.ListenerArn }));
    expect(rules.Rules).toEqual([
      expect.objectContaining({ Priority: 'default', IsDefault: true, Actions: listener.DefaultActions }),
    ]);
    expect(
      await errorOf(
        elb().send(
          new CreateListenerCommand({
            LoadBalancerArn: lbArn,
            Protocol: 'HTTP',
            Port: 8080,
            DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }],
          }),
        ),
      ),
    ).toBe('DuplicateListenerException');
    expect(
      await errorOf(elb().send(new CreateLoadBalancerCommand({ Name: 'one-zone', Subnets: [subnets[0]] }))),
    ).toBe('ValidationError');
    // The demo target groups belong to load balancer demo-app: another may not forward to them.
    expect(
      await errorOf(
        elb().send(
          new CreateListenerCommand({
            LoadBalancerArn: lbArn,
            Protocol: 'HTTP',
            Port: 81,
            DefaultActions: forward([[await tgArn('demo-app'), 1]]),
          }),
        ),
      ),
    ).toBe('TargetGroupAssociationLimitException');
  });

  it('ModifyListener moves the weights, each change kept in the listener history; bad weights and groups are refused', async () => {
    const listener = await demoListener();
    const blue = await tgArn('demo-app');
    const green = await tgArn('demo-app-green');
    for (const w of [10, 50, 100]) {
      const out = await elb().send(
        new ModifyListenerCommand({
          ListenerArn: listener.ListenerArn,
          DefaultActions: forward([
            [blue, 100 - w],
            [green, w],
          ]),
        }),
      );
      expect(out.Listeners![0].DefaultActions![0].ForwardConfig!.TargetGroups).toEqual([
        { TargetGroupArn: blue, Weight: 100 - w },
        { TargetGroupArn: green, Weight: w },
      ]);
    }
    const again = await demoListener();
    expect(again.DefaultActions![0].ForwardConfig!.TargetGroups!.map((t) => t.Weight)).toEqual([0, 100]);
    const state = await aws.state();
    const history = state.services.elasticloadbalancing.regions['us-east-1'].listeners[listener.ListenerArn!]
      .weightHistory as { weights: Record<string, number> }[];
    expect(history.map((h) => h.weights[green])).toEqual([0, 10, 50, 100]);

    const modify = (groups: [string, number][]) =>
      errorOf(
        elb().send(
          new ModifyListenerCommand({ ListenerArn: listener.ListenerArn, DefaultActions: forward(groups) }),
        ),
      );
    expect(await modify([[blue, 1000]])).toBe('ValidationError');
    expect(await modify([[blue, -1]])).toBe('ValidationError');
    expect(
      await modify([
        [blue, 1],
        [blue, 1],
      ]),
    ).toBe('ValidationError');
    expect(await modify([[blue.replace(/[0-9a-f]{16}$/, '0000000000000000'), 1]])).toBe(
      'TargetGroupNotFoundException',
    );
    expect(await modify(Array.from({ length: 6 }, (): [string, number] => [blue, 1]))).toBe(
      'TooManyTargetGroupsException',
    );
    expect(
      await errorOf(
        elb().send(
          new ModifyListenerCommand({
            ListenerArn: listener.ListenerArn!.replace(/[0-9a-f]{16}$/, '0000000000000000'),
            Port: 81,
          }),
        ),
      ),
    ).toBe('ListenerNotFoundException');
    // Refused changes left the weights alone.
    expect(
      (await demoListener()).DefaultActions![0].ForwardConfig!.TargetGroups!.map((t) => t.Weight),
    ).toEqual([0, 100]);
  });

  it('rules: created in priority order, modified with weighted forwards, the default one only through ModifyListener', async () => {
    const listener = await demoListener();
    const blue = await tgArn('demo-app');
    const green = await tgArn('demo-app-green');
    const created = await elb().send(
      new CreateRuleCommand({
        ListenerArn: listener.ListenerArn,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
        Actions: forward([
          [blue, 100],
          [green, 0],
        ]),
      }),
    );
    const rule = created.Rules![0];
    expect(rule).toMatchObject({ Priority: '10', IsDefault: false });
    expect(
      await errorOf(
        elb().send(
          new CreateRuleCommand({
            ListenerArn: listener.ListenerArn,
            Priority: 10,
            Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/x/*'] } }],
            Actions: forward([[blue, 1]]),
          }),
        ),
      ),
    ).toBe('PriorityInUseException');
    const modified = await elb().send(
      new ModifyRuleCommand({
        RuleArn: rule.RuleArn,
        Actions: forward([
          [blue, 50],
          [green, 50],
        ]),
      }),
    );
    expect(modified.Rules![0].Actions![0].ForwardConfig!.TargetGroups!.map((t) => t.Weight)).toEqual([
      50, 50,
    ]);
    expect(modified.Rules![0].Conditions).toEqual(rule.Conditions);
    const all = await elb().send(new DescribeRulesCommand({ ListenerArn: listener.ListenerArn }));
    expect(all.Rules!.map((r) => r.Priority)).toEqual(['10', 'default']);
    const byArn = await elb().send(new DescribeRulesCommand({ RuleArns: [rule.RuleArn!] }));
    expect(byArn.Rules![0].Actions![0].ForwardConfig!.TargetGroups!.map((t) => t.Weight)).toEqual([50, 50]);
    const defaultRule = all.Rules!.find((r) => r.IsDefault)!;
    expect(
      await errorOf(
        elb().send(new ModifyRuleCommand({ RuleArn: defaultRule.RuleArn, Actions: forward([[green, 1]]) })),
      ),
    ).toBe('OperationNotPermittedException');
    expect(
      await errorOf(
        elb().send(
          new DescribeRulesCommand({
            RuleArns: [rule.RuleArn!.replace(/[0-9a-f]{16}$/, '0000000000000000')],
          }),
        ),
      ),
    ).toBe('RuleNotFoundException');
    expect(
      await errorOf(
        elb().send(new DescribeListenersCommand({ ListenerArns: [`${listener.ListenerArn!}0`] })),
      ),
    ).toBe('ListenerNotFoundException');
  });
});
