/** Instances that run (or could start again) from an AMI: pending, running, stopping, stopped. */
import { EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { awsClient } from '../../../aws/clients.js';
import { addReason, type Keeper, type Reasons, someOf } from './types.js';

/** EC2 takes up to 200 values per filter. */
const IDS_PER_CALL = 200;
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

export const instancesKeeper: Keeper = {
  name: 'instances',
  async keep({ region, selected }) {
    const users = new Map<string, string[]>();
    const ids = selected.map((image) => image.imageId);
    for (let at = 0; at < ids.length; at += IDS_PER_CALL) {
      const pages = paginateDescribeInstances(
        { client: awsClient(EC2Client, region), pageSize: 1000 },
        {
          Filters: [
            { Name: 'image-id', Values: ids.slice(at, at + IDS_PER_CALL) },
            { Name: 'instance-state-name', Values: LIVE_STATES },
          ],
        },
      );
      for await (const page of pages) {
        for (const instance of (page.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
          const list = users.get(instance.ImageId ?? '') ?? [];
          list.push(`${instance.InstanceId} (${instance.State?.Name})`);
          users.set(instance.ImageId ?? '', list);
        }
      }
    }
    const reasons: Reasons = new Map();
    for (const [imageId, instances] of users) {
      addReason(reasons, imageId, `used by instance${instances.length > 1 ? 's' : ''} ${someOf(instances)}`);
    }
    return reasons;
  },
};
