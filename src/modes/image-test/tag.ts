/** Marks the AMI with the test's result, so a later step (or deploy) can require a passed test. */
import * as core from '@actions/core';
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { explainError } from '../../aws/errors.js';
import { TAG, toTagList } from '../../tags.js';

export async function tagResult(region: string, amiId: string, passed: boolean, at: Date): Promise<void> {
  const tags = { [TAG.test]: passed ? 'passed' : 'failed', [TAG.testedAt]: at.toISOString() };
  try {
    await awsClient(EC2Client, region).send(
      new CreateTagsCommand({ Resources: [amiId], Tags: toTagList(tags) }),
    );
    core.info(`Tagged ${amiId}: ${TAG.test}=${tags[TAG.test]}, ${TAG.testedAt}=${tags[TAG.testedAt]}.`);
  } catch (error) {
    // An AMI owned by another account cannot be tagged by this one; the result still stands.
    core.warning(`Could not tag ${amiId} with the test result: ${await explainError(error)}`);
  }
}
