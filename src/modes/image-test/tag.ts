/**
 * Marks the AMI with the test's result, so a later step (or deploy) can require a passed test; and
 * with what later tests compare against: its boot time, and its Inspector findings per severity.
 */
import * as core from '@actions/core';
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { explainError } from '../../aws/errors.js';
import { TAG, type Tags, toTagList } from '../../tags.js';

export async function tagResult(
  region: string,
  amiId: string,
  passed: boolean,
  at: Date,
  measured: Tags = {},
): Promise<void> {
  const tags = { [TAG.test]: passed ? 'passed' : 'failed', [TAG.testedAt]: at.toISOString(), ...measured };
  try {
    await awsClient(EC2Client, region).send(
      new CreateTagsCommand({ Resources: [amiId], Tags: toTagList(tags) }),
    );
    core.info(
      `Tagged ${amiId}: ${Object.entries(tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ')}.`,
    );
  } catch (error) {
    // An AMI owned by another account cannot be tagged by this one; the result still stands.
    core.warning(`Could not tag ${amiId} with the test result: ${await explainError(error)}`);
  }
}
