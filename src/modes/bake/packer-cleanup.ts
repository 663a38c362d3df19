/**
 * Post step for Packer: removes the temporary instance, key pair and security group that a cancelled
 * or killed `packer build` left behind (the main step saved them as Packer announced them).
 */

import * as core from '@actions/core';
import {
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  TerminateInstancesCommand,
  waitUntilInstanceTerminated,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { PACKER_TEMPORARY_STATE } from './packer.js';
import type { TemporaryResources } from './packer-output.js';

export async function removePackerLeftovers(): Promise<void> {
  const saved = core.getState(PACKER_TEMPORARY_STATE);
  if (!saved) return;
  const { region, instances, keyPairs, securityGroups } = JSON.parse(saved) as TemporaryResources & {
    region: string;
  };
  const ec2 = awsClient(EC2Client, region);
  if (instances.length > 0) {
    try {
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: instances }));
      core.info(
        `Terminating Packer's instance(s) ${instances.join(', ')}; waiting so its security group can go.`,
      );
      await waitUntilInstanceTerminated(
        { client: ec2, maxWaitTime: 600, minDelay: 2, maxDelay: 10 },
        { InstanceIds: instances },
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  for (const KeyName of keyPairs) {
    await ec2.send(new DeleteKeyPairCommand({ KeyName }));
    core.info(`Deleted Packer's key pair ${KeyName}.`);
  }
  for (const name of securityGroups) {
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }),
    );
    for (const group of SecurityGroups ?? []) {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }));
      core.info(`Deleted Packer's security group ${name} (${group.GroupId}).`);
    }
  }
}
