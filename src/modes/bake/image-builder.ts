/**
 * builder: image-builder — starts the pipeline once per workflow attempt (a client token makes a
 * re-run of the same attempt find its build instead of starting a second), waits through its
 * statuses, and reads the AMIs from the image's output resources.
 */

import * as core from '@actions/core';
import {
  CancelImageCreationCommand,
  GetImageCommand,
  type Image,
  ImagebuilderClient,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { awsClient } from '../../aws/clients.js';
import { clientToken } from '../../aws/tokens.js';
import { waitUntil } from '../../aws/wait.js';
import { CancelledError } from '../../cancel.js';
import type { RunContext } from '../../context.js';
import type { BakeConfig } from '../../inputs.js';
import { formatSeconds } from '../../report/format.js';
import type { BakeResult } from './types.js';

/** State the post step reads: the build to cancel if the main step could not. */
export const IMAGE_BUILD_STATE = 'image-build-arn';
const ENDED = ['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED'];

const regionOfArn = (arn: string) => arn.split(':')[3];

export async function bakeWithImageBuilder(config: BakeConfig, context: RunContext): Promise<BakeResult> {
  const pipelineArn = config.pipelineArn as string;
  const client = awsClient(ImagebuilderClient, regionOfArn(pipelineArn));
  const token = clientToken(context, ['image-builder', pipelineArn], 36);
  const { imageBuildVersionArn } = await client.send(
    new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn, clientToken: token }),
  );
  const imageArn = imageBuildVersionArn as string;
  core.saveState(IMAGE_BUILD_STATE, imageArn);
  core.info(`Started ${pipelineArn}: image ${imageArn}`);

  let image: Image;
  try {
    image = await waitUntil({
      what: `image ${imageArn}`,
      timeoutSeconds: config.timeout,
      pollIntervalSeconds: config.pollInterval,
      onStatus: (status, elapsed) => core.info(`${status} (${formatSeconds(elapsed)})`),
      check: async () => {
        const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
        const status = image?.state?.status ?? 'UNKNOWN';
        return ENDED.includes(status) ? { done: true, value: image as Image } : { done: false, status };
      },
    });
  } catch (error) {
    if (error instanceof CancelledError) await cancelBuild(client, imageArn);
    throw error;
  }
  core.saveState(IMAGE_BUILD_STATE, '');
  const status = image.state?.status;
  if (status !== 'AVAILABLE') {
    throw new Error(
      `Image Builder build ${imageArn} ended ${status}: ${image.state?.reason ?? 'no reason given'}.`,
    );
  }
  const amis: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const ami of image.outputResources?.amis ?? []) {
    if (!ami.region || !ami.image) continue;
    amis[ami.region] = ami.image;
    names[ami.image] = ami.name ?? '';
  }
  if (Object.keys(amis).length === 0) {
    throw new Error(
      `Image Builder build ${imageArn} is AVAILABLE but lists no AMI: is its distribution configuration for AMIs?`,
    );
  }
  return { amis, names, imageArn };
}

async function cancelBuild(client: ImagebuilderClient, imageArn: string): Promise<void> {
  try {
    await client.send(
      new CancelImageCreationCommand({
        imageBuildVersionArn: imageArn,
        clientToken: `cancel-${imageArn}`.slice(-36),
      }),
    );
    core.info(`Cancelled ${imageArn}.`);
  } catch (error) {
    core.warning(`Could not cancel ${imageArn}: ${(error as Error).message}`);
  }
}

/** Post step: cancels a build the main step started but did not see end (killed, crashed). */
export async function cancelUnfinishedBuild(): Promise<void> {
  const imageArn = core.getState(IMAGE_BUILD_STATE);
  if (!imageArn) return;
  const client = awsClient(ImagebuilderClient, regionOfArn(imageArn));
  const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
  if (ENDED.includes(image?.state?.status ?? '')) return;
  await cancelBuild(client, imageArn);
}
