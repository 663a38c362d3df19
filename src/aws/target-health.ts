/**
 * Target health of instances in the target groups of a group: one DescribeTargetHealth per target
 * group (every registered target at once, so no per-call target limit is reached however large the
 * group), filtered to the instances asked about.
 */
import { awsClient } from './clients.js';

/** The Elastic Load Balancing client's module, loaded only for groups behind target groups. */
const loadElb = () => import('@aws-sdk/client-elastic-load-balancing-v2');

export interface TargetHealth {
  /** Registrations of the instances that are healthy, of `total` (instances x target groups). */
  healthy: number;
  total: number;
  /** The unhealthy ones, in words. */
  unhealthy: string[];
}

/** A target group's name, from its ARN (`...:targetgroup/<name>/<id>`). */
export const targetGroupName = (arn: string) => arn.split(':').pop()?.split('/')[1] ?? arn;

export async function targetHealth(
  region: string,
  targetGroupArns: string[],
  instanceIds: string[],
): Promise<TargetHealth> {
  const health: TargetHealth = {
    healthy: 0,
    total: targetGroupArns.length * instanceIds.length,
    unhealthy: [],
  };
  if (!instanceIds.length || !targetGroupArns.length) return health;
  const wanted = new Set(instanceIds);
  const { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } = await loadElb();
  const elb = awsClient(ElasticLoadBalancingV2Client, region);
  const answers = await Promise.all(
    targetGroupArns.map((arn) => elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))),
  );
  for (const [index, out] of answers.entries()) {
    for (const d of out.TargetHealthDescriptions ?? []) {
      if (!wanted.has(d.Target?.Id ?? '')) continue;
      const state = d.TargetHealth?.State;
      if (state === 'healthy') health.healthy++;
      else if (state === 'unhealthy') {
        health.unhealthy.push(
          `${d.Target?.Id} is unhealthy in ${targetGroupArns[index].split(':').pop()} (${d.TargetHealth?.Reason ?? ''}${d.TargetHealth?.Description ? `: ${d.TargetHealth.Description}` : ''})`,
        );
      }
    }
  }
  return health;
}

/** Target group ARNs from names or ARNs (names looked up in the region); throws naming what is missing. */
export async function targetGroupArns(region: string, given: string[]): Promise<string[]> {
  const names = given.filter((g) => !g.startsWith('arn:'));
  const arns = given.filter((g) => g.startsWith('arn:'));
  if (!names.length) return arns;
  const { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } = await loadElb();
  const out = await awsClient(ElasticLoadBalancingV2Client, region)
    .send(new DescribeTargetGroupsCommand({ Names: names }))
    .catch((error) => {
      throw new Error(
        `target-groups: ${names.join(', ')} not all found in ${region} (${(error as Error).message}).`,
      );
    });
  return [...arns, ...(out.TargetGroups ?? []).map((t) => t.TargetGroupArn!)];
}
