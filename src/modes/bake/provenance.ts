/** Provenance: every baked AMI and its snapshots say which repository, commit and run made them. */

import * as core from '@actions/core';
import { CreateTagsCommand, DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { mapConcurrent, valuesOrThrow } from '../../aws/fanout.js';
import { type RunContext, runTag } from '../../context.js';
import { TAG, type Tags, toTagList } from '../../tags.js';

export function provenanceTags(context: RunContext): Tags {
  const tags: Tags = { [TAG.runId]: runTag(context) };
  if (context.repository) tags[TAG.repository] = context.repository;
  if (context.commit) tags[TAG.commit] = context.commit;
  if (context.runUrl) tags[TAG.runUrl] = context.runUrl;
  return tags;
}

/** Tags each region's AMI and the snapshots behind it. */
export async function tagProvenance(amis: Record<string, string>, context: RunContext): Promise<void> {
  const tags = toTagList(provenanceTags(context));
  const results = await mapConcurrent(Object.entries(amis), 8, async ([region, imageId]) => {
    const ec2 = awsClient(EC2Client, region);
    const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
    const snapshots = (Images?.[0]?.BlockDeviceMappings ?? []).flatMap((m) => m.Ebs?.SnapshotId ?? []);
    await ec2.send(new CreateTagsCommand({ Resources: [imageId, ...snapshots], Tags: tags }));
    core.info(`Tagged ${imageId} and ${snapshots.length} snapshot(s) in ${region} with their provenance.`);
  });
  valuesOrThrow(results);
}
