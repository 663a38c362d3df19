/** Image pipelines: GetImagePipeline, and finding a pipeline by ARN. */
import type {
  GetImagePipelineCommandInput,
  GetImagePipelineCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { recipeArn } from './recipes.js';
import { imageBuilderState, type Pipeline } from './state.js';

export function pipelineOf(sim: SimulatorApi, arn: unknown): Pipeline {
  const pipeline = imageBuilderState(sim).pipelines[String(arn ?? '')];
  if (!pipeline) throw new AwsError('ResourceNotFoundException', `Image pipeline ${arn} was not found.`, 404);
  return pipeline;
}

export const GetImagePipeline: Handler<GetImagePipelineCommandInput, GetImagePipelineCommandOutput> = (
  input,
  ctx,
) => {
  const pipeline = pipelineOf(ctx.sim, input.imagePipelineArn);
  return {
    requestId: crypto.randomUUID(),
    imagePipeline: {
      arn: pipeline.arn,
      name: pipeline.name,
      platform: 'Linux',
      status: pipeline.status,
      imageRecipeArn: recipeArn(pipeline, ctx.accountId),
    },
  };
};
