/** The EC2 service model (ec2Query, signing name `ec2`). */
import type { ServiceModel } from '../../core/types.js';
import { DescribeInstanceStatus, GetConsoleOutput } from './console.js';
import * as imageAttributes from './image-attributes.js';
import { CopyImage, CreateImage, DeregisterImage, DescribeImages, RegisterImage } from './images.js';
import {
  DescribeInstances,
  RunInstances,
  StartInstances,
  StopInstances,
  TerminateInstances,
} from './instances.js';
import * as launchTemplates from './launch-templates.js';
import * as network from './network.js';
import { defaultScenarioSection, seedEc2 } from './scenario.js';
import * as snapshots from './snapshots.js';
import { initEc2State } from './state.js';
import { CreateTags, DeleteTags, DescribeTags } from './tags.js';
import { DescribeVolumes } from './volumes.js';

export const ec2: ServiceModel & { defaultScenarioSection: typeof defaultScenarioSection } = {
  signingName: 'ec2',
  handlers: {
    DescribeImages,
    CreateImage,
    CopyImage,
    RegisterImage,
    DeregisterImage,
    DescribeImageAttribute: imageAttributes.DescribeImageAttribute,
    ModifyImageAttribute: imageAttributes.ModifyImageAttribute,
    ResetImageAttribute: imageAttributes.ResetImageAttribute,
    EnableImageDeprecation: imageAttributes.EnableImageDeprecation,
    DisableImageDeprecation: imageAttributes.DisableImageDeprecation,
    EnableImageDeregistrationProtection: imageAttributes.EnableImageDeregistrationProtection,
    DisableImageDeregistrationProtection: imageAttributes.DisableImageDeregistrationProtection,
    EnableImage: imageAttributes.EnableImage,
    DisableImage: imageAttributes.DisableImage,
    GetImageBlockPublicAccessState: imageAttributes.GetImageBlockPublicAccessState,
    EnableImageBlockPublicAccess: imageAttributes.EnableImageBlockPublicAccess,
    DisableImageBlockPublicAccess: imageAttributes.DisableImageBlockPublicAccess,
    DescribeSnapshots: snapshots.DescribeSnapshots,
    DescribeSnapshotAttribute: snapshots.DescribeSnapshotAttribute,
    ModifySnapshotAttribute: snapshots.ModifySnapshotAttribute,
    ResetSnapshotAttribute: snapshots.ResetSnapshotAttribute,
    DeleteSnapshot: snapshots.DeleteSnapshot,
    CreateTags,
    DeleteTags,
    DescribeTags,
    RunInstances,
    DescribeInstances,
    DescribeInstanceStatus,
    StopInstances,
    StartInstances,
    TerminateInstances,
    GetConsoleOutput,
    DescribeVolumes,
    DescribeVpcs: network.DescribeVpcs,
    DescribeSubnets: network.DescribeSubnets,
    DescribeSecurityGroups: network.DescribeSecurityGroups,
    CreateSecurityGroup: network.CreateSecurityGroup,
    DeleteSecurityGroup: network.DeleteSecurityGroup,
    AuthorizeSecurityGroupIngress: network.AuthorizeSecurityGroupIngress,
    AuthorizeSecurityGroupEgress: network.AuthorizeSecurityGroupEgress,
    RevokeSecurityGroupIngress: network.RevokeSecurityGroupIngress,
    CreateKeyPair: network.CreateKeyPair,
    DeleteKeyPair: network.DeleteKeyPair,
    DescribeKeyPairs: network.DescribeKeyPairs,
    DescribeAvailabilityZones: network.DescribeAvailabilityZones,
    DescribeRegions: network.DescribeRegions,
    DescribeAccountAttributes: network.DescribeAccountAttributes,
    CreateLaunchTemplate: launchTemplates.CreateLaunchTemplate,
    CreateLaunchTemplateVersion: launchTemplates.CreateLaunchTemplateVersion,
    DescribeLaunchTemplates: launchTemplates.DescribeLaunchTemplates,
    DescribeLaunchTemplateVersions: launchTemplates.DescribeLaunchTemplateVersions,
    ModifyLaunchTemplate: launchTemplates.ModifyLaunchTemplate,
    DeleteLaunchTemplateVersions: launchTemplates.DeleteLaunchTemplateVersions,
    DeleteLaunchTemplate: launchTemplates.DeleteLaunchTemplate,
  },
  initState: initEc2State,
  seed: seedEc2,
  defaultScenarioSection,
};

export default ec2;
export * from './scenario.js';
export { DURATIONS } from './timing.js';
export { defaultScenarioSection };
