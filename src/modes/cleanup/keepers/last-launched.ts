/**
 * `unused-for`: an AMI stays while an instance was launched from it within that time (EC2's
 * `lastLaunchedTime`, which shows a launch up to a day late), or, never launched, while it is younger
 * than that. DescribeImages already carries `lastLaunchedTime` for the account's own AMIs; an AMI
 * without it is asked about once (DescribeImageAttribute) before it counts as never launched, unless
 * it is younger than `unused-for`: kept whatever the answer, as no launch predates the AMI.
 */
import { DescribeImageAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../../aws/clients.js';
import { mapConcurrent, valuesOrThrow } from '../../../aws/fanout.js';
import { formatAge } from '../../../report/format.js';
import { addReason, type Keeper, type Reasons } from './types.js';

const ATTRIBUTE_CONCURRENCY = 10;
const DAY_MS = 86_400_000;

export const lastLaunchedKeeper: Keeper = {
  name: 'unused-for',
  perImage: true,
  async keep({ region, selected, config, now }) {
    const reasons: Reasons = new Map();
    const unusedFor = config.unusedFor;
    if (unusedFor === undefined) return reasons;
    const ec2 = awsClient(EC2Client, region);
    const launched = valuesOrThrow(
      await mapConcurrent(selected, ATTRIBUTE_CONCURRENCY, async (image) => {
        if (image.lastLaunchedTime) return image.lastLaunchedTime;
        if (now.getTime() - image.createdAt.getTime() < unusedFor * 1000) return undefined;
        const { LastLaunchedTime } = await ec2.send(
          new DescribeImageAttributeCommand({ ImageId: image.imageId, Attribute: 'lastLaunchedTime' }),
        );
        return LastLaunchedTime?.Value;
      }),
    );
    const limit = `unused-for (${formatAge(unusedFor)})`;
    const ago = (date: Date) => `${Math.floor((now.getTime() - date.getTime()) / DAY_MS)}d ago`;
    selected.forEach((image, i) => {
      const last = launched[i] ? new Date(launched[i]) : undefined;
      if (last && !Number.isNaN(last.getTime())) {
        if (now.getTime() - last.getTime() < unusedFor * 1000) {
          addReason(
            reasons,
            image.imageId,
            `last launched ${last.toISOString().slice(0, 10)} (${ago(last)}), within ${limit}`,
          );
        }
      } else if (now.getTime() - image.createdAt.getTime() < unusedFor * 1000) {
        addReason(
          reasons,
          image.imageId,
          `never launched, but created ${ago(image.createdAt)}, within ${limit}`,
        );
      }
    });
    return reasons;
  },
};
