/**
 * The Auto Scaling part of the default scenario: launch template `demo-app` and group `demo-app`
 * (4 instances, settled and in service, behind target group demo-app).
 */
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { createLaunchTemplate } from '../ec2/launch-templates.js';
import { defaultSubnetId, regionState } from '../ec2/region.js';
import { baseAmiId, DEFAULT_INSTANCE_PROFILE } from '../ec2/scenario.js';
import { targetGroups } from '../elbv2/state.js';
import { createGroup } from './groups.js';

export interface OverrideSeed {
  instanceType: string;
  launchTemplate?: string;
  version?: string;
}

export interface AsgScenarioSection {
  /** Launch templates to create first (they live in EC2's state). */
  launchTemplates?: {
    /** The account that owns it (default: the section's, else the default account). */
    account?: string;
    region: string;
    name: string;
    imageId?: string;
    instanceType?: string;
    instanceProfile?: string;
  }[];
  groups?: {
    /** The account that owns it; its launch templates and target groups are that account's. */
    account?: string;
    region: string;
    name: string;
    launchTemplate: string;
    /** A number, `$Latest` or `$Default` (default `1`). */
    version?: string;
    capacity: number;
    minSize?: number;
    maxSize?: number;
    targetGroups?: string[];
    healthCheckType?: 'EC2' | 'ELB';
    healthCheckGracePeriod?: number;
    /**
     * Refer to the template inside a mixed instances policy (overrides t3.micro and t3a.micro, unless
     * `overrides` names them).
     */
    mixedInstances?: boolean;
    /**
     * The mixed instances policy's overrides (implies `mixedInstances`). An override naming a
     * `launchTemplate` (with `version`, default `1`) launches from that template instead of the
     * group's; the group spreads its instances across the overrides.
     */
    overrides?: OverrideSeed[];
  }[];
}

export const defaultScenarioSection: AsgScenarioSection = {
  launchTemplates: [{ region: 'us-east-1', name: 'demo-app', instanceType: 't3.micro' }],
  groups: [
    {
      region: 'us-east-1',
      name: 'demo-app',
      launchTemplate: 'demo-app',
      version: '1',
      capacity: 4,
      minSize: 2,
      maxSize: 8,
      targetGroups: ['demo-app'],
      healthCheckType: 'EC2',
      healthCheckGracePeriod: 60,
    },
  ],
};

const DEFAULT_OVERRIDES: OverrideSeed[] = [{ instanceType: 't3.micro' }, { instanceType: 't3a.micro' }];

export function seedAutoScaling(section: unknown, home: SimulatorApi) {
  const s = (section ?? {}) as AsgScenarioSection;
  for (const t of s.launchTemplates ?? []) {
    createLaunchTemplate(accountFor(home, t.account), t.region, t.name, {
      ImageId: t.imageId ?? baseAmiId(t.region),
      InstanceType: t.instanceType ?? 't3.micro',
      IamInstanceProfile: { Name: t.instanceProfile ?? DEFAULT_INSTANCE_PROFILE },
    });
  }
  for (const g of s.groups ?? []) {
    const sim = accountFor(home, g.account);
    const spec = { LaunchTemplateName: g.launchTemplate, Version: g.version ?? '1' };
    const zone = `${g.region}a`;
    regionState(sim, g.region);
    const tgArns = (g.targetGroups ?? []).map((name) => {
      const tg = Object.values(targetGroups(sim, g.region)).find((t) => t.TargetGroupName === name);
      if (!tg) throw new Error(`scenario: no target group ${name} in ${g.region}`);
      return tg.TargetGroupArn;
    });
    const created = createGroup(sim, g.region, {
      AutoScalingGroupName: g.name,
      ...(g.mixedInstances || g.overrides
        ? {
            MixedInstancesPolicy: {
              LaunchTemplate: {
                LaunchTemplateSpecification: spec,
                Overrides: (g.overrides ?? DEFAULT_OVERRIDES).map((o) => ({
                  InstanceType: o.instanceType,
                  ...(o.launchTemplate
                    ? {
                        LaunchTemplateSpecification: {
                          LaunchTemplateName: o.launchTemplate,
                          Version: o.version ?? '1',
                        },
                      }
                    : {}),
                })),
              },
              InstancesDistribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 100 },
            },
          }
        : { LaunchTemplate: spec }),
      MinSize: g.minSize ?? 1,
      MaxSize: g.maxSize ?? Math.max(g.capacity * 2, 1),
      DesiredCapacity: g.capacity,
      VPCZoneIdentifier: defaultSubnetId(sim.accountId, g.region, zone),
      TargetGroupARNs: tgArns,
      HealthCheckType: g.healthCheckType ?? 'EC2',
      HealthCheckGracePeriod: g.healthCheckGracePeriod ?? 300,
    });
    // Seeded groups start settled: every instance running, in service and healthy in its target groups.
    const past = new Date(sim.clock.nowMs() - 3600_000).toISOString();
    const r = regionState(sim, g.region);
    for (const gi of created.instances) {
      gi.launchedAt = past;
      gi.inServiceAt = past;
      gi.LifecycleState = 'InService';
      const inst = r.instances[gi.InstanceId];
      inst.launchedAt = past;
      inst.transitions = [{ state: 'running', at: past }];
      for (const tg of Object.values(targetGroups(sim, g.region))) {
        for (const t of tg.targets) if (t.Id === gi.InstanceId) t.registeredAt = past;
      }
    }
    created.history = [
      { time: past, inService: created.instances.length, desired: created.DesiredCapacity, event: 'seeded' },
    ];
  }
}
