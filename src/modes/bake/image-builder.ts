/**
 * builder: image-builder — reads the pipeline (the plan), starts it once per workflow attempt (a
 * client token makes a re-run of the same attempt find its build instead of starting a second),
 * waits through its statuses, and reads the AMIs from the image's output resources. The build is in
 * the undo journal until it ends: a failed or cancelled step cancels it.
 */
import * as core from '@actions/core';
import {
  CancelImageCreationCommand,
  GetImageCommand,
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  type Image,
  ImagebuilderClient,
  type ImagePipeline,
  type ImageRecipe,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { clientToken } from '../../aws/tokens.js';
import { waitUntil } from '../../aws/wait.js';
import { regionOfArn } from '../../inputs/parse.js';
import type { Recorded } from '../../kernel/journal.js';
import type { StepScope, UndoScope } from '../../kernel/plan.js';
import type { UndoOf } from '../../kernel/state.js';
import { oneLine } from '../../report/foreign.js';
import { formatSeconds } from '../../report/format.js';
import { type InputEntry, sha256 } from './fingerprint.js';
import type { BakeResult } from './types.js';

const ENDED = ['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED'];

const client = (arn: string) => awsClient(ImagebuilderClient, regionOfArn(arn));

/** The pipeline, as the plan reads it; undefined when it does not exist (a refusal). */
export async function readPipeline(pipelineArn: string): Promise<ImagePipeline | undefined> {
  try {
    const { imagePipeline } = await client(pipelineArn).send(
      new GetImagePipelineCommand({ imagePipelineArn: pipelineArn }),
    );
    return imagePipeline;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The pipeline's image recipe (parent image, version, components); undefined for a container recipe. */
export async function readRecipe(pipeline: ImagePipeline): Promise<ImageRecipe | undefined> {
  const arn = pipeline.imageRecipeArn;
  if (!arn) return undefined;
  const { imageRecipe } = await client(arn).send(new GetImageRecipeCommand({ imageRecipeArn: arn }));
  return imageRecipe;
}

/** What a build of the pipeline reads besides its parent image: the pipeline, the recipe's version and components. */
export function recipeInputs(pipelineArn: string, recipe: ImageRecipe): InputEntry[] {
  return [
    { name: `pipeline ${pipelineArn}`, hash: sha256(pipelineArn) },
    { name: `recipe ${recipe.arn}`, hash: sha256(`${recipe.arn}\n${recipe.version}`) },
    ...(recipe.components ?? []).map((component) => ({
      name: `component ${component.componentArn}`,
      hash: sha256(JSON.stringify(component.parameters ?? [])),
    })),
  ];
}

/** The AMIs of an earlier build (by its image build version ARN), region -> AMI id; empty when it is gone. */
export async function amisOfBuild(imageArn: string): Promise<Record<string, string>> {
  try {
    const { image } = await client(imageArn).send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    const amis: Record<string, string> = {};
    for (const ami of image?.outputResources?.amis ?? [])
      if (ami.region && ami.image) amis[ami.region] = ami.image;
    return amis;
  } catch (error) {
    if (isNotFound(error)) return {};
    throw error;
  }
}

export interface ImageBuild {
  imageArn?: string;
  undo?: Recorded<'cancel-image-build'>;
}

export async function startBuild(pipelineArn: string, scope: StepScope, build: ImageBuild): Promise<void> {
  const token = clientToken(scope.context, ['image-builder', pipelineArn], 36);
  const { imageBuildVersionArn } = await client(pipelineArn).send(
    new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn, clientToken: token }),
  );
  build.imageArn = imageBuildVersionArn as string;
  build.undo = scope.record({ kind: 'cancel-image-build', imageBuildVersionArn: build.imageArn });
  core.info(`Started ${pipelineArn}: image ${build.imageArn}`);
}

export async function waitForBuild(build: ImageBuild, scope: StepScope): Promise<BakeResult> {
  const imageArn = build.imageArn as string;
  const image = await waitUntil({
    what: `image ${imageArn}`,
    deadline: scope.deadline,
    pollIntervalSeconds: scope.pollIntervalSeconds,
    onStatus: (status, elapsed) => core.info(`${status} (${formatSeconds(elapsed)})`),
    check: async () => {
      const { image } = await awsClient(ImagebuilderClient, regionOfArn(imageArn), 'poll').send(
        new GetImageCommand({ imageBuildVersionArn: imageArn }),
      );
      const status = image?.state?.status ?? 'UNKNOWN';
      return ENDED.includes(status) ? { done: true, value: image as Image } : { done: false, status };
    },
  });
  build.undo?.settle();
  const status = image.state?.status;
  if (status !== 'AVAILABLE') {
    throw new Error(
      `Image Builder build ${imageArn} ended ${status}: ${oneLine(image.state?.reason ?? 'no reason given')}.`,
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

/** The undo: cancels the build unless it already ended. */
export async function cancelBuild(undo: UndoOf<'cancel-image-build'>, _scope: UndoScope): Promise<string> {
  const imageArn = undo.imageBuildVersionArn;
  const { image } = await client(imageArn).send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
  const status = image?.state?.status ?? 'UNKNOWN';
  if (ENDED.includes(status)) return `image build ${imageArn} had already ended (${status})`;
  await client(imageArn).send(
    new CancelImageCreationCommand({
      imageBuildVersionArn: imageArn,
      clientToken: `cancel-${imageArn}`.slice(-36),
    }),
  );
  return `cancelled image build ${imageArn}`;
}
