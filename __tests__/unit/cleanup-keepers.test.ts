/**
 * The Auto Scaling keeper's launch configuration path and the launch template keeper's
 * `resolve:ssm:` image ids, through the real SDK clients. The simulator has no launch configurations
 * (AWS no longer offers them to new accounts), so a throwaway Auto Scaling model stands in here.
 */
import { CreateLaunchTemplateCommand, EC2Client } from '@aws-sdk/client-ec2';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext, ServiceModel } from '../../sim/core/types.js';
import { serviceModels } from '../../sim/services/index.js';
import { TemplateIndex } from '../../src/aws/groups.js';
import type { CleanupConfig } from '../../src/inputs.js';
import { autoScalingKeeper } from '../../src/modes/cleanup/keepers/auto-scaling.js';
import { launchTemplatesKeeper } from '../../src/modes/cleanup/keepers/launch-templates.js';
import type { OwnImage } from '../../src/modes/cleanup/types.js';
import { useSimulatorInProcess } from '../helpers/sim.js';

const LEGACY_AMI = 'ami-0a1b2c3d4e5f60718';
const WEB_AMI = 'ami-0fedcba9876543210';

const throwawayAutoScaling: ServiceModel = {
  signingName: 'autoscaling',
  initState: () => ({}),
  handlers: {
    DescribeAutoScalingGroups: (_input: Record<string, any>, _ctx: CallContext) => ({
      AutoScalingGroups: [
        {
          AutoScalingGroupName: 'legacy',
          LaunchConfigurationName: 'legacy-lc',
          MinSize: 1,
          MaxSize: 1,
          DesiredCapacity: 1,
          DefaultCooldown: 300,
          AvailabilityZones: ['us-east-1a'],
          HealthCheckType: 'EC2',
          CreatedTime: new Date(0),
        },
      ],
    }),
    DescribeLaunchConfigurations: (input: Record<string, any>) => ({
      LaunchConfigurations: (input.LaunchConfigurationNames ?? []).includes('legacy-lc')
        ? [
            {
              LaunchConfigurationName: 'legacy-lc',
              ImageId: LEGACY_AMI,
              InstanceType: 't3.micro',
              CreatedTime: new Date(0),
            },
          ]
        : [],
    }),
  },
};

const aws = useSimulatorInProcess({
  timeScale: 0.001,
  models: [...serviceModels.filter((m) => m.signingName !== 'autoscaling'), throwawayAutoScaling],
});

const own = (imageId: string) => ({ imageId }) as OwnImage;
const input = (selected: OwnImage[]) => ({
  region: 'us-east-1',
  selected,
  config: {} as CleanupConfig,
  now: new Date(),
  templates: () => TemplateIndex.load('us-east-1'),
});

describe('cleanup keepers against AWS API shapes', () => {
  it('keeps the AMI of a group’s launch configuration', async () => {
    const reasons = await autoScalingKeeper.keep(input([own(LEGACY_AMI), own(WEB_AMI)]));
    expect(Object.fromEntries(reasons)).toEqual({
      [LEGACY_AMI]: ['Auto Scaling group legacy uses it (launch configuration legacy-lc)'],
    });
  });

  it('resolves a launch template’s resolve:ssm: image id to the AMI the parameter names', async () => {
    await new SSMClient(aws.sdkConfig()).send(
      new PutParameterCommand({ Name: '/web/ami', Value: WEB_AMI, Type: 'String' }),
    );
    await new EC2Client(aws.sdkConfig()).send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'web',
        LaunchTemplateData: { ImageId: 'resolve:ssm:/web/ami' },
      }),
    );
    const reasons = await launchTemplatesKeeper.keep(input([own(WEB_AMI), own(LEGACY_AMI)]));
    expect(Object.fromEntries(reasons)).toEqual({
      [WEB_AMI]: [
        'launch template web version 1 (the default) refers to it (through SSM parameter /web/ami)',
      ],
    });
  });
});
