/**
 * What the blue-green e2e tests read from the simulated AWS: groups, target health, the AMIs of
 * instances, and whether a target group had a healthy target at every moment of a period.
 */
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { INITIAL_HEALTH_SECONDS } from '../../sim/services/elbv2/targets.js';
import type { SimHandle, SimState } from './sim.js';

export const ms = (iso: string) => new Date(iso).getTime();

/** Readers over one simulator; `amiPrefix` keeps each test file's AMI ids apart. */
export function blueGreenWorld(aws: SimHandle, amiPrefix: string) {
  const asg = () => new AutoScalingClient(aws.sdkConfig());
  const ec2 = () => new EC2Client(aws.sdkConfig());
  const elb = () => new ElasticLoadBalancingV2Client(aws.sdkConfig());
  let amiCounter = 0;
  return {
    asg,
    ec2,
    elb,
    async newAmi(): Promise<string> {
      amiCounter++;
      const imageId = `ami-0${amiCounter.toString(16).padStart(16, amiPrefix[0])}`;
      await aws.seed({
        ec2: {
          images: [
            {
              region: 'us-east-1',
              imageId,
              name: `${amiPrefix}-${amiCounter}`,
              ownerId: '123456789012',
              public: false,
            },
          ],
        },
      });
      return imageId;
    },
    async groupNames(): Promise<string[]> {
      const out = await asg().send(new DescribeAutoScalingGroupsCommand({}));
      return out.AutoScalingGroups!.map((g) => g.AutoScalingGroupName!).sort();
    },
    async group(name: string) {
      const out = await asg().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
      return out.AutoScalingGroups![0];
    },
    async targetGroupArn(name: string): Promise<string> {
      const out = await elb().send(new DescribeTargetGroupsCommand({ Names: [name] }));
      return out.TargetGroups![0].TargetGroupArn!;
    },
    /** The registered targets of a target group and their health. */
    async registered(targetGroupArn: string): Promise<Record<string, string>> {
      const out = await elb().send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
      return Object.fromEntries(
        out.TargetHealthDescriptions!.map((d) => [d.Target!.Id!, d.TargetHealth!.State!]),
      );
    },
    /** The deploy locks held now: SSM parameters under /ami-action/locks, name -> value (JSON). */
    async locks(): Promise<Record<string, { run: string; since: string; expires: string }>> {
      const out = await new SSMClient(aws.sdkConfig()).send(
        new GetParametersByPathCommand({ Path: '/ami-action/locks', Recursive: true }),
      );
      return Object.fromEntries((out.Parameters ?? []).map((p) => [p.Name!, JSON.parse(p.Value!)]));
    },
    async amisOf(ids: string[]): Promise<string[]> {
      const out = await ec2().send(new DescribeInstancesCommand({ InstanceIds: ids }));
      return out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.ImageId!));
    },
  };
}

/**
 * The periods in which each target of the target group was healthy, from the simulator's state
 * (registration, instance transitions, deregistration), and whether they cover [from, to] without a gap.
 */
export function alwaysHealthy(state: SimState, tgArn: string, from: number, to: number): boolean {
  const tg = state.services.elasticloadbalancing.regions['us-east-1'].targetGroups[tgArn];
  const instances = state.services.ec2.regions['us-east-1'].instances;
  const periods = (tg.targets as { Id: string; registeredAt: string; deregisteredAt?: string }[])
    .map((t) => {
      const transitions: { state: string; at: string }[] = instances[t.Id].transitions;
      const running = transitions.find((x) => x.state === 'running');
      const stopping = transitions.find((x) => x.state === 'shutting-down');
      if (!running) return undefined;
      const start = Math.max(ms(running.at), ms(t.registeredAt)) + INITIAL_HEALTH_SECONDS * 1000;
      const end = Math.min(
        t.deregisteredAt ? ms(t.deregisteredAt) : Number.POSITIVE_INFINITY,
        stopping ? ms(stopping.at) : Number.POSITIVE_INFINITY,
      );
      return start < end ? { start, end } : undefined;
    })
    .filter((p): p is { start: number; end: number } => !!p)
    .sort((a, b) => a.start - b.start);
  let covered = from;
  for (const p of periods) {
    if (p.start > covered) return false;
    covered = Math.max(covered, p.end);
    if (covered >= to) return true;
  }
  return covered >= to;
}
