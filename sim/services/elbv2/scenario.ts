/**
 * The ELBv2 part of the default scenario: target groups `demo-app` and `demo-app-green`, and the ALB
 * `demo-app` whose HTTP:80 listener forwards demo-app 100 / demo-app-green 0.
 */
import type { ProtocolEnum } from '@aws-sdk/client-elastic-load-balancing-v2';
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { defaultSubnetId, defaultVpcId, regionState } from '../ec2/region.js';
import { createListener } from './listeners.js';
import { createLoadBalancer } from './load-balancers.js';
import { targetGroups } from './state.js';
import { createTargetGroup } from './target-groups.js';

export interface ElbScenarioSection {
  targetGroups?: {
    /** The account that owns it (default: the section's, else the default account). */
    account?: string;
    region: string;
    name: string;
    port?: number;
    protocol?: ProtocolEnum;
    healthCheckPath?: string;
  }[];
  /** Application load balancers in the region's default subnets (zones a and b), each with HTTP listeners. */
  loadBalancers?: {
    account?: string;
    region: string;
    name: string;
    listeners: {
      port: number;
      /** Target group name -> weight of the default action's forward config. */
      forward: Record<string, number>;
    }[];
  }[];
}

export const defaultScenarioSection: ElbScenarioSection = {
  targetGroups: [
    { region: 'us-east-1', name: 'demo-app', port: 80, protocol: 'HTTP', healthCheckPath: '/health' },
    // The idle side of the listener's weighted forward (blue-green with traffic-steps).
    { region: 'us-east-1', name: 'demo-app-green', port: 80, protocol: 'HTTP', healthCheckPath: '/health' },
  ],
  loadBalancers: [
    {
      region: 'us-east-1',
      name: 'demo-app',
      listeners: [{ port: 80, forward: { 'demo-app': 100, 'demo-app-green': 0 } }],
    },
  ],
};

export function seedElbv2(section: unknown, home: SimulatorApi) {
  for (const t of (section as ElbScenarioSection)?.targetGroups ?? []) {
    const sim = accountFor(home, t.account);
    regionState(sim, t.region);
    createTargetGroup(sim, t.region, {
      Name: t.name,
      Port: t.port,
      Protocol: t.protocol,
      HealthCheckPath: t.healthCheckPath,
      VpcId: defaultVpcId(sim.accountId, t.region),
    });
  }
  for (const l of (section as ElbScenarioSection)?.loadBalancers ?? []) {
    const sim = accountFor(home, l.account);
    regionState(sim, l.region);
    const lb = createLoadBalancer(sim, l.region, {
      Name: l.name,
      Subnets: ['a', 'b'].map((z) => defaultSubnetId(sim.accountId, l.region, `${l.region}${z}`)),
    });
    // Seeded load balancers are already active.
    lb.CreatedTime = new Date(sim.clock.nowMs() - 3600_000).toISOString();
    const arnOf = (name: string) => {
      const tg = Object.values(targetGroups(sim, l.region)).find((t) => t.TargetGroupName === name);
      if (!tg) throw new Error(`scenario: no target group ${name} in ${l.region}`);
      return tg.TargetGroupArn;
    };
    for (const listener of l.listeners) {
      createListener(sim, l.region, {
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: listener.port,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: Object.entries(listener.forward).map(([name, Weight]) => ({
                TargetGroupArn: arnOf(name),
                Weight,
              })),
            },
          },
        ],
      });
    }
  }
}
