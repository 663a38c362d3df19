/** What the AMI itself says: deregistration protection, public, shared with other accounts. */
import { DescribeImageAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../../aws/clients.js';
import { mapConcurrent, valuesOrThrow } from '../../../aws/fanout.js';
import { addReason, type Keeper, type Reasons, someOf } from './types.js';

/** Describes per AMI in flight at once in a region (the request pacing spreads them further). */
const ATTRIBUTE_CONCURRENCY = 10;

export const protectionKeeper: Keeper = {
  name: 'deregistration protection',
  async keep({ selected }) {
    const reasons: Reasons = new Map();
    for (const image of selected) {
      if (image.protection === 'disabled') continue;
      addReason(
        reasons,
        image.imageId,
        `deregistration protection is on (${image.protection}): turn it off with DisableImageDeregistrationProtection to let cleanup remove it`,
      );
    }
    return reasons;
  },
};

export const sharingKeeper: Keeper = {
  name: 'shared',
  perImage: true,
  async keep({ region, selected, config }) {
    const reasons: Reasons = new Map();
    if (config.includeShared) return reasons;
    const ec2 = awsClient(EC2Client, region);
    const shares = valuesOrThrow(
      await mapConcurrent(selected, ATTRIBUTE_CONCURRENCY, async (image) => {
        const { LaunchPermissions = [] } = await ec2.send(
          new DescribeImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission' }),
        );
        return LaunchPermissions.flatMap((p) =>
          p.Group === 'all' ? [] : [p.UserId ?? p.OrganizationArn ?? p.OrganizationalUnitArn ?? '?'],
        );
      }),
    );
    selected.forEach((image, i) => {
      if (image.public) addReason(reasons, image.imageId, 'it is public (include-shared: true to remove it)');
      if (shares[i].length) {
        addReason(
          reasons,
          image.imageId,
          `shared with ${someOf(shares[i])} (include-shared: true to remove it)`,
        );
      }
    });
    return reasons;
  },
};
