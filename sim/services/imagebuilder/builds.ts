/**
 * Image builds: StartImagePipelineExecution with an idempotent client token, GetImage walking the
 * documented status sequence over simulated time, distribution that creates real AMIs in the simulated
 * EC2 (copied from the recipe's parent image, so they exist pending while the build runs, as Image
 * Builder's AMIs do), and CancelImageCreation. Fault: `"imageBuildFailure": "reason"` makes the next
 * builds end FAILED with that reason after testing.
 */
import type {
  CancelImageCreationCommandInput,
  CancelImageCreationCommandOutput,
  GetImageCommandInput,
  GetImageCommandOutput,
  StartImagePipelineExecutionCommandInput,
  StartImagePipelineExecutionCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import { AwsError, contextFor, type Handler, type SimulatorApi } from '../../core/types.js';
import { copyImage, deregisterImage } from '../ec2/images.js';
import { regionState } from '../ec2/region.js';
import { parseImageArn } from './images.js';
import { pipelineOf } from './pipelines.js';
import { resolveParentImage } from './recipes.js';
import { type Build, imageBuilderState, type OwnedImage } from './state.js';

/** Simulated seconds from the start of a build at which each status begins. */
export const BUILD_TIMELINE = [
  ['PENDING', 0],
  ['CREATING', 10],
  ['BUILDING', 60],
  ['TESTING', 900],
  ['DISTRIBUTING', 1500],
  ['INTEGRATING', 1800],
  ['AVAILABLE', 1830],
] as const;

export type BuildStatus = (typeof BUILD_TIMELINE)[number][0] | 'FAILED' | 'CANCELLED';

function buildOf(sim: SimulatorApi, arn: unknown): Build {
  const build = imageBuilderState(sim).builds[String(arn ?? '')];
  if (!build) throw new AwsError('ResourceNotFoundException', `Image ${arn} was not found.`, 404);
  return build;
}

function scheduledStatus(elapsedSeconds: number): BuildStatus {
  let status: BuildStatus = 'PENDING';
  for (const [name, at] of BUILD_TIMELINE) if (elapsedSeconds >= at) status = name;
  return status;
}

const secondsOf = (name: BuildStatus) => BUILD_TIMELINE.find(([status]) => status === name)?.[1] ?? 0;

function statusOf(sim: SimulatorApi, build: Build): { status: BuildStatus; reason?: string } {
  const now = sim.clock.nowMs();
  if (build.endedAs && now >= build.endedAs.atMs)
    return { status: build.endedAs.status, reason: build.endedAs.reason };
  const status = scheduledStatus((now - build.startedAtMs) / 1000);
  if (status !== 'AVAILABLE') return { status };
  // AVAILABLE only once every distributed AMI is.
  const pending = build.amis.some((ami) => {
    const image = regionState(sim, ami.region).images[ami.image];
    return !image || (image.availableAt && Date.parse(image.availableAt) > now);
  });
  return { status: pending ? 'INTEGRATING' : 'AVAILABLE' };
}

function removeAmis(sim: SimulatorApi, build: Build): void {
  for (const ami of build.amis) {
    if (!regionState(sim, ami.region).images[ami.image]) continue;
    deregisterImage(
      { ImageId: ami.image, DeleteAssociatedSnapshots: true },
      contextFor(sim, 'ec2', 'DeregisterImage', ami.region),
    );
  }
}

export const StartImagePipelineExecution: Handler<
  StartImagePipelineExecutionCommandInput,
  StartImagePipelineExecutionCommandOutput
> = (input, ctx) => {
  const state = imageBuilderState(ctx.sim);
  const pipeline = pipelineOf(ctx.sim, input.imagePipelineArn);
  const token = input.clientToken ? String(input.clientToken) : undefined;
  if (token && state.tokens[token]) {
    const earlier = state.builds[state.tokens[token]];
    if (earlier.pipelineArn !== pipeline.arn) {
      throw new AwsError(
        'IdempotentParameterMismatchException',
        `The client token ${token} was used with a different pipeline.`,
        400,
      );
    }
    return { requestId: crypto.randomUUID(), clientToken: token, imageBuildVersionArn: earlier.arn };
  }
  if (pipeline.status !== 'ENABLED') {
    throw new AwsError('InvalidRequestException', `Image pipeline ${pipeline.arn} is disabled.`, 400);
  }
  const parentImage = resolveParentImage(ctx.sim, pipeline, ctx.accountId);
  pipeline.builds += 1;
  const now = ctx.sim.clock.nowMs();
  const arn = `arn:aws:imagebuilder:${pipeline.region}:${ctx.accountId}:image/${pipeline.recipeName}/${pipeline.recipeVersion}/${pipeline.builds}`;
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const build: Build = {
    arn,
    pipelineArn: pipeline.arn,
    region: pipeline.region,
    startedAtMs: now,
    clientToken: token,
    amis: [],
  };
  for (const region of pipeline.distributionRegions) {
    const name = `${pipeline.name} ${stamp} ${pipeline.builds}`;
    const { ImageId } = copyImage(
      {
        SourceRegion: pipeline.region,
        SourceImageId: parentImage,
        Name: name,
        Description: `Image Builder ${arn}`,
        TagSpecifications: [
          {
            ResourceType: 'image',
            Tags: [
              { Key: 'CreatedBy', Value: 'EC2 Image Builder' },
              { Key: 'Ec2ImageBuilderArn', Value: arn },
            ],
          },
        ],
      },
      contextFor(ctx.sim, 'ec2', 'CopyImage', region),
    );
    build.amis.push({ region, image: ImageId, name });
  }
  const failure = ctx.sim.faults.imageBuildFailure;
  if (typeof failure === 'string' && failure) {
    build.endedAs = { status: 'FAILED', reason: failure, atMs: now + secondsOf('DISTRIBUTING') * 1000 };
  }
  state.builds[arn] = build;
  if (token) state.tokens[token] = arn;
  return { requestId: crypto.randomUUID(), clientToken: token, imageBuildVersionArn: arn };
};

/** GetImage of another owner's image (an AWS-managed parent image). */
function ownedImageOutput(image: OwnedImage, accountId: string): GetImageCommandOutput['image'] {
  const ref = parseImageArn(image.arn);
  return {
    arn: image.arn,
    type: 'AMI',
    name: ref?.name,
    version: `${ref?.version}/${ref?.build}`,
    platform: 'Linux',
    state: { status: 'AVAILABLE' },
    dateCreated: image.dateCreated,
    outputResources: { amis: image.amis.map((ami) => ({ ...ami, accountId })) },
  };
}

export const GetImage: Handler<GetImageCommandInput, GetImageCommandOutput> = (input, ctx) => {
  const owned = imageBuilderState(ctx.sim).images[String(input.imageBuildVersionArn ?? '')];
  if (owned) return { requestId: crypto.randomUUID(), image: ownedImageOutput(owned, ctx.accountId) };
  const build = buildOf(ctx.sim, input.imageBuildVersionArn);
  const pipeline = pipelineOf(ctx.sim, build.pipelineArn);
  const { status, reason } = statusOf(ctx.sim, build);
  if ((status === 'FAILED' || status === 'CANCELLED') && build.amis.length > 0) {
    // A failed or cancelled build leaves no AMI behind.
    removeAmis(ctx.sim, build);
    build.amis = [];
  }
  const version = build.arn.split('/').slice(2).join('/');
  const shown = status === 'AVAILABLE' || status === 'INTEGRATING' || status === 'DISTRIBUTING';
  return {
    requestId: crypto.randomUUID(),
    image: {
      arn: build.arn,
      type: 'AMI',
      name: pipeline.recipeName,
      version,
      platform: 'Linux',
      state: { status, reason },
      sourcePipelineArn: pipeline.arn,
      sourcePipelineName: pipeline.name,
      dateCreated: new Date(build.startedAtMs).toISOString(),
      outputResources: {
        amis: shown
          ? build.amis.map((ami) => ({
              region: ami.region,
              image: ami.image,
              name: ami.name,
              description: `Image Builder ${build.arn}`,
              accountId: ctx.accountId,
            }))
          : [],
      },
    },
  };
};

export const CancelImageCreation: Handler<
  CancelImageCreationCommandInput,
  CancelImageCreationCommandOutput
> = (input, ctx) => {
  const build = buildOf(ctx.sim, input.imageBuildVersionArn);
  const { status } = statusOf(ctx.sim, build);
  if (['AVAILABLE', 'FAILED', 'CANCELLED'].includes(status)) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Image ${build.arn} is ${status} and cannot be cancelled.`,
      404,
    );
  }
  build.endedAs = { status: 'CANCELLED', reason: 'Cancelled by the user.', atMs: ctx.sim.clock.nowMs() };
  removeAmis(ctx.sim, build);
  build.amis = [];
  return { requestId: crypto.randomUUID(), clientToken: input.clientToken, imageBuildVersionArn: build.arn };
};
