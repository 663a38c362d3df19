/**
 * What a deploy needs to know about a group: its launch template (directly or inside a mixed
 * instances policy), the version it refers to and the numbered version that resolves to, the AMI of
 * that version, its target groups and instances.
 */
import {
  AutoScalingClient,
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';

export interface GroupState {
  region: string;
  name: string;
  group: AutoScalingGroup;
  /** True when the template sits inside a MixedInstancesPolicy. */
  mixed: boolean;
  templateId: string;
  templateName: string;
  /** As the group refers to it: a number, `$Latest` or `$Default`. */
  versionRef: string;
  /** The numbered version that resolves to now. */
  version: number;
  ami: string;
  description?: string;
}

export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}

export async function describeGroup(region: string, name: string): Promise<AutoScalingGroup> {
  const out = await awsClient(AutoScalingClient, region).send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  const group = out.AutoScalingGroups?.[0];
  if (!group) {
    throw new DeployError(
      `Auto Scaling group '${name}' was not found in ${region}. Check the asg input and region.`,
    );
  }
  return group;
}

export async function templateVersion(region: string, templateId: string, version: string) {
  const out = await awsClient(EC2Client, region).send(
    new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: [version] }),
  );
  const v = out.LaunchTemplateVersions?.[0];
  if (!v) throw new DeployError(`Launch template ${templateId} has no version ${version} in ${region}.`);
  return v;
}

export async function readGroup(region: string, name: string): Promise<GroupState> {
  const group = await describeGroup(region, name);
  const mixed = !group.LaunchTemplate && !!group.MixedInstancesPolicy;
  const spec =
    group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  if (!spec?.LaunchTemplateId && !spec?.LaunchTemplateName) {
    throw new DeployError(
      `Auto Scaling group '${name}' in ${region} uses no launch template (a launch configuration?). ` +
        'Instance refresh with a new AMI needs a launch template: migrate the group to one first.',
    );
  }
  const versionRef = spec.Version ?? '$Default';
  const out = await awsClient(EC2Client, region).send(
    new DescribeLaunchTemplateVersionsCommand({
      ...(spec.LaunchTemplateId
        ? { LaunchTemplateId: spec.LaunchTemplateId }
        : { LaunchTemplateName: spec.LaunchTemplateName }),
      Versions: [versionRef],
    }),
  );
  const v = out.LaunchTemplateVersions?.[0];
  const ami = v?.LaunchTemplateData?.ImageId;
  if (!v || !ami) {
    throw new DeployError(`The launch template of group '${name}' (version ${versionRef}) names no ImageId.`);
  }
  if (ami.startsWith('resolve:ssm:')) {
    throw new DeployError(
      `Group '${name}' takes its AMI from an SSM parameter (${ami}). Deploy writes an AMI id into a new launch template version; ` +
        'point the template at an AMI id, or update the parameter instead of deploying.',
    );
  }
  return {
    region,
    name,
    group,
    mixed,
    templateId: v.LaunchTemplateId!,
    templateName: v.LaunchTemplateName!,
    versionRef,
    version: v.VersionNumber!,
    ami,
    description: v.VersionDescription,
  };
}
