/**
 * Launch template versions: every version still present is a rollback target (deploy rolls back by
 * pointing the group at an older version), so any AMI one of them names stays. An image id of the
 * form `resolve:ssm:<parameter>` is resolved to the AMI the parameter names now.
 */
import { addReason, type Keeper, type Reasons } from './types.js';

export const launchTemplatesKeeper: Keeper = {
  name: 'launch templates',
  async keep({ selected, templates }) {
    const index = await templates();
    const wanted = new Set(selected.map((image) => image.imageId));
    const reasons: Reasons = new Map();
    for (const version of index.versions) {
      const image = await index.imageOf(version);
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
