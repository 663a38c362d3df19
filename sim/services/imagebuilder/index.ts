/**
 * EC2 Image Builder (restJson1): pipelines, StartImagePipelineExecution with an idempotent client
 * token, GetImage walking the documented status sequence over simulated time, distribution that
 * creates real AMIs in the simulated EC2 (copied from the recipe's parent image, so they exist pending
 * while the build runs, as Image Builder's AMIs do), and CancelImageCreation. Fault:
 * `"imageBuildFailure": "reason"` makes the next builds end FAILED with that reason after testing.
 */
import { AwsError, type CallContext, type ServiceModel, type SimulatorApi } from '../../core/types.js';
import { CopyImage, DeregisterImage } from '../ec2/images.js';
import { baseAmiId } from '../ec2/scenario.js';
import { regionState } from '../ec2/state.js';

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

type BuildStatus = (typeof BUILD_TIMELINE)[number][0] | 'FAILED' | 'CANCELLED';

export interface Pipeline {
  arn: string;
  name: string;
  region: string;
  recipeName: string;
  recipeVersion: string;
  parentImage?: string;
  distributionRegions: string[];
  status: 'ENABLED' | 'DISABLED';
  builds: number;
}

export interface Build {
  arn: string;
  pipelineArn: string;
  region: string;
  startedAtMs: number;
  clientToken?: string;
  /** Set when the build ends early: FAILED (fault) or CANCELLED. */
  endedAs?: { status: 'FAILED' | 'CANCELLED'; reason: string; atMs: number };
  failureReason?: string;
  amis: { region: string; image: string; name: string }[];
}

export interface ImageBuilderState {
  pipelines: Record<string, Pipeline>;
  builds: Record<string, Build>;
  tokens: Record<string, string>;
}

export const DEMO_PIPELINE_ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/demo-app';

const stateOf = (sim: SimulatorApi) => sim.slice<ImageBuilderState>('imagebuilder');

function pipelineOf(sim: SimulatorApi, arn: unknown): Pipeline {
  const pipeline = stateOf(sim).pipelines[String(arn ?? '')];
  if (!pipeline) throw new AwsError('ResourceNotFoundException', `Image pipeline ${arn} was not found.`, 404);
  return pipeline;
}

function buildOf(sim: SimulatorApi, arn: unknown): Build {
  const build = stateOf(sim).builds[String(arn ?? '')];
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

function ec2Context(sim: SimulatorApi, region: string, operation: string): CallContext {
  return { service: 'ec2', operation, region, accountId: sim.accountId, sim };
}

function removeAmis(sim: SimulatorApi, build: Build): void {
  for (const ami of build.amis) {
    if (!regionState(sim, ami.region).images[ami.image]) continue;
    DeregisterImage(
      { ImageId: ami.image, DeleteAssociatedSnapshots: true },
      ec2Context(sim, ami.region, 'DeregisterImage'),
    );
  }
}

function StartImagePipelineExecution(input: Record<string, any>, ctx: CallContext) {
  const state = stateOf(ctx.sim);
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
    const { ImageId } = CopyImage(
      {
        SourceRegion: pipeline.region,
        SourceImageId: pipeline.parentImage ?? baseAmiId(pipeline.region),
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
      ec2Context(ctx.sim, region, 'CopyImage'),
    ) as { ImageId: string };
    build.amis.push({ region, image: ImageId, name });
  }
  const failure = ctx.sim.faults.imageBuildFailure;
  if (typeof failure === 'string' && failure) {
    build.endedAs = { status: 'FAILED', reason: failure, atMs: now + secondsOf('DISTRIBUTING') * 1000 };
  }
  state.builds[arn] = build;
  if (token) state.tokens[token] = arn;
  return { requestId: crypto.randomUUID(), clientToken: token, imageBuildVersionArn: arn };
}

function GetImage(input: Record<string, any>, ctx: CallContext) {
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
}

function CancelImageCreation(input: Record<string, any>, ctx: CallContext) {
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
}

function GetImagePipeline(input: Record<string, any>, ctx: CallContext) {
  const pipeline = pipelineOf(ctx.sim, input.imagePipelineArn);
  return {
    requestId: crypto.randomUUID(),
    imagePipeline: {
      arn: pipeline.arn,
      name: pipeline.name,
      platform: 'Linux',
      status: pipeline.status,
      imageRecipeArn: `arn:aws:imagebuilder:${pipeline.region}:${ctx.accountId}:image-recipe/${pipeline.recipeName}/${pipeline.recipeVersion}`,
    },
  };
}

export interface PipelineSeed {
  arn: string;
  distributionRegions?: string[];
  parentImage?: string;
  recipeName?: string;
  recipeVersion?: string;
  status?: 'ENABLED' | 'DISABLED';
}

export const defaultScenarioSection: { pipelines: PipelineSeed[] } = {
  pipelines: [{ arn: DEMO_PIPELINE_ARN, distributionRegions: ['us-east-1'] }],
};

export const imagebuilder: ServiceModel = {
  signingName: 'imagebuilder',
  initState: (): ImageBuilderState => ({ pipelines: {}, builds: {}, tokens: {} }),
  seed(section, sim) {
    const state = stateOf(sim);
    for (const seed of (section as { pipelines?: PipelineSeed[] }).pipelines ?? []) {
      const [, , , region, , resource] = seed.arn.split(':');
      const name = resource.split('/')[1];
      state.pipelines[seed.arn] = {
        arn: seed.arn,
        name,
        region,
        recipeName: seed.recipeName ?? `${name}-recipe`,
        recipeVersion: seed.recipeVersion ?? '1.0.0',
        parentImage: seed.parentImage,
        distributionRegions: seed.distributionRegions ?? [region],
        status: seed.status ?? 'ENABLED',
        builds: 0,
      };
    }
  },
  handlers: { StartImagePipelineExecution, GetImage, CancelImageCreation, GetImagePipeline },
};
