/**
 * The undo of a Packer build that could not clean up after itself (failed, cancelled, or killed):
 * removes the temporary instance, key pair and security group it announced.
 */
import * as core from '@actions/core';
import {
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { terminateInstances } from '../../aws/instances.js';
import type { UndoResult, UndoScope } from '../../kernel/plan.js';
import type { UndoOf } from '../../kernel/state.js';

export async function removePackerLeftovers(
  leftovers: UndoOf<'remove-packer-leftovers'>,
  scope: UndoScope,
): Promise<UndoResult> {
  const { region, instances, keyPairs, securityGroups } = leftovers;
  const ec2 = awsClient(EC2Client, region);
  const removed: string[] = [];
  if (instances.length > 0) {
    // The security group can go only once the instance is gone.
    await terminateInstances(region, instances, {
      deadline: scope.deadline,
      pollIntervalSeconds: scope.pollIntervalSeconds,
      wait: !scope.hurry,
      until: 'terminated',
    });
    removed.push(`instance ${instances.join(', ')}`);
    if (scope.hurry) {
      return {
        message: `terminating Packer's instance ${instances.join(', ')} (the post step removes the rest)`,
        leftForPost: true,
      };
    }
  }
  for (const KeyName of keyPairs) {
    await ec2.send(new DeleteKeyPairCommand({ KeyName }));
    core.info(`Deleted Packer's key pair ${KeyName}.`);
    removed.push(`key pair ${KeyName}`);
  }
  for (const name of securityGroups) {
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }),
    );
    for (const group of SecurityGroups ?? []) {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }));
      core.info(`Deleted Packer's security group ${name} (${group.GroupId}).`);
      removed.push(`security group ${name}`);
    }
  }
  return removed.length ? `removed Packer's leftovers: ${removed.join(', ')}` : 'Packer left nothing behind';
}
