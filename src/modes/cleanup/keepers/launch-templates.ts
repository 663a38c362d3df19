/**
 * Launch template versions: every version still present is a rollback target (deploy rolls back by
 * pointing the group at an older version), so any AMI one of them names stays. An image id of the
 * form `resolve:ssm:<parameter>` is resolved to the AMI the parameter names now.
 */
import {
  EC2Client,
  type LaunchTemplateVersion,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../../aws/clients.js';
import { isNotFound } from '../../../aws/errors.js';
import { mapConcurrent, valuesOrThrow } from '../../../aws/fanout.js';
import { imageOfVersion } from '../../../aws/groups.js';
import { addReason, type Keeper, type Reasons } from './types.js';

const TEMPLATE_CONCURRENCY = 4;

export const launchTemplatesKeeper: Keeper = {
  name: 'launch templates',
  async keep({ region, selected }) {
    const ec2 = awsClient(EC2Client, region);
    const templates: { id: string; name: string }[] = [];
    for await (const page of paginateDescribeLaunchTemplates({ client: ec2, pageSize: 200 }, {})) {
      for (const t of page.LaunchTemplates ?? []) {
        templates.push({ id: t.LaunchTemplateId ?? '', name: t.LaunchTemplateName ?? '' });
      }
    }
    const versionLists = valuesOrThrow(
      await mapConcurrent(templates, TEMPLATE_CONCURRENCY, (t) => allVersions(ec2, t.id)),
    );
    const wanted = new Set(selected.map((image) => image.imageId));
    const reasons: Reasons = new Map();
    for (const version of versionLists.flat()) {
      const image = await imageOfVersion(region, version);
      if (!image || !wanted.has(image.imageId)) continue;
      const defaultNote = version.DefaultVersion ? ' (the default)' : '';
      addReason(
        reasons,
        image.imageId,
        `launch template ${version.LaunchTemplateName} version ${version.VersionNumber}${defaultNote} refers to it${image.via}`,
      );
    }
    return reasons;
  },
};

async function allVersions(ec2: EC2Client, templateId: string): Promise<LaunchTemplateVersion[]> {
  const versions: LaunchTemplateVersion[] = [];
  try {
    const pages = paginateDescribeLaunchTemplateVersions(
      { client: ec2, pageSize: 200 },
      { LaunchTemplateId: templateId },
    );
    for await (const page of pages) versions.push(...(page.LaunchTemplateVersions ?? []));
  } catch (error) {
    // Deleted between the two calls: it refers to nothing any more.
    if (isNotFound(error)) return [];
    throw error;
  }
  return versions;
}
