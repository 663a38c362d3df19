/** The EC2 service model (ec2Query, signing name `ec2`): operation names -> handlers. */
import type { ServiceModel } from '../../core/types.js';
import { DescribeAccountAttributes, DescribeAvailabilityZones, DescribeRegions } from './account.js';
import * as allowedImages from './allowed-images.js';
import { GetImageAncestry } from './ancestry.js';
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
import { CreateKeyPair, DeleteKeyPair, DescribeKeyPairs } from './key-pairs.js';
import * as launchTemplates from './launch-templates.js';
import { ListImagesInRecycleBin, RestoreImageFromRecycleBin } from './recycle-bin.js';
import { seedEc2 } from './scenario.js';
import * as securityGroups from './security-groups.js';
import * as snapshots from './snapshots.js';
import { initEc2State } from './state.js';
import { CreateTags, DeleteTags, DescribeTags } from './tags.js';
import * as usageReports from './usage-reports.js';
import { DescribeVolumes } from './volumes.js';
import { DescribeSubnets, DescribeVpcs } from './vpcs.js';

export const ec2: ServiceModel = {
  signingName: 'ec2',
  handlers: {
    DescribeImages,
    CreateImage,
    CopyImage,
    RegisterImage,
    DeregisterImage,
    GetImageAncestry,
    CreateImageUsageReport: usageReports.CreateImageUsageReport,
    DescribeImageUsageReports: usageReports.DescribeImageUsageReports,
    DescribeImageUsageReportEntries: usageReports.DescribeImageUsageReportEntries,
    DeleteImageUsageReport: usageReports.DeleteImageUsageReport,
    ListImagesInRecycleBin,
    RestoreImageFromRecycleBin,
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
    EnableAllowedImagesSettings: allowedImages.EnableAllowedImagesSettings,
    DisableAllowedImagesSettings: allowedImages.DisableAllowedImagesSettings,
    ReplaceImageCriteriaInAllowedImagesSettings: allowedImages.ReplaceImageCriteriaInAllowedImagesSettings,
    GetAllowedImagesSettings: allowedImages.GetAllowedImagesSettings,
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
    DescribeVpcs,
    DescribeSubnets,
    DescribeSecurityGroups: securityGroups.DescribeSecurityGroups,
    CreateSecurityGroup: securityGroups.CreateSecurityGroup,
    DeleteSecurityGroup: securityGroups.DeleteSecurityGroup,
    AuthorizeSecurityGroupIngress: securityGroups.AuthorizeSecurityGroupIngress,
    AuthorizeSecurityGroupEgress: securityGroups.AuthorizeSecurityGroupEgress,
    RevokeSecurityGroupIngress: securityGroups.RevokeSecurityGroupIngress,
    CreateKeyPair,
    DeleteKeyPair,
    DescribeKeyPairs,
    DescribeAvailabilityZones,
    DescribeRegions,
    DescribeAccountAttributes,
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
};
