/**
 * Auto Scaling groups: the AMI of the launch template version a group launches (directly or through
 * a mixed instances policy and its overrides), or of its launch configuration.
 */
import {
  AutoScalingClient,
  type AutoScalingGroup,
  paginateDescribeLaunchConfigurations,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../../aws/clients.js';
import { allGroups, templateSpecs } from '../../../aws/groups.js';
import { addReason, type Keeper, type Reasons } from './types.js';

/** DescribeLaunchConfigurations takes at most 50 names per call. */
const CONFIGURATIONS_PER_CALL = 50;

export const autoScalingKeeper: Keeper = {
  name: 'Auto Scaling groups',
  async keep({ region, selected, templates }) {
    const autoscaling = awsClient(AutoScalingClient, region);
    const [groups, index] = await Promise.all([allGroups(region), templates()]);
    const wanted = new Set(selected.map((image) => image.imageId));
    const reasons: Reasons = new Map();
    const configurations = await launchConfigurationImages(autoscaling, groups);
    for (const group of groups) {
      const name = group.AutoScalingGroupName;
      for (const spec of templateSpecs(group)) {
        const version = index.resolve(spec);
        const image = version && (await index.imageOf(version));
        if (!image || !wanted.has(image.imageId)) continue;
        const template = version.LaunchTemplateName ?? spec.LaunchTemplateName ?? spec.LaunchTemplateId;
        addReason(
          reasons,
          image.imageId,
          `Auto Scaling group ${name} uses it (launch template ${template} version ${version.VersionNumber}${image.via})`,
        );
      }
      const configuration = group.LaunchConfigurationName;
      const imageId = configuration && configurations.get(configuration);
      if (imageId && wanted.has(imageId)) {
        addReason(
          reasons,
          imageId,
          `Auto Scaling group ${name} uses it (launch configuration ${configuration})`,
        );
      }
    }
    return reasons;
  },
};

async function launchConfigurationImages(
  autoscaling: AutoScalingClient,
  groups: AutoScalingGroup[],
): Promise<Map<string, string>> {
  const names = [
    ...new Set(groups.flatMap((g) => (g.LaunchConfigurationName ? [g.LaunchConfigurationName] : []))),
  ];
  const images = new Map<string, string>();
  for (let at = 0; at < names.length; at += CONFIGURATIONS_PER_CALL) {
    const pages = paginateDescribeLaunchConfigurations(
      { client: autoscaling, pageSize: CONFIGURATIONS_PER_CALL },
      { LaunchConfigurationNames: names.slice(at, at + CONFIGURATIONS_PER_CALL) },
    );
    for await (const page of pages) {
      for (const c of page.LaunchConfigurations ?? []) {
        if (c.LaunchConfigurationName && c.ImageId) images.set(c.LaunchConfigurationName, c.ImageId);
      }
    }
  }
  return images;
}
