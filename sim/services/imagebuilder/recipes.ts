/**
 * Image recipes: GetImageRecipe (each pipeline's recipe, by its ARN), and the recipe's parent image
 * resolved to an AMI as a build starts: an AMI id as given, `ssm:<parameter>` as the parameter holds
 * it now, an image ARN as the newest image its version selects.
 */
import type { GetImageRecipeCommandInput, GetImageRecipeCommandOutput } from '@aws-sdk/client-imagebuilder';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { baseAmiId } from '../ec2/scenario.js';
import { lookup, visibleVersions } from '../ssm/parameter-store.js';
import { amiOfImage } from './images.js';
import { imageBuilderState, type Pipeline } from './state.js';

export function recipeArn(pipeline: Pipeline, accountId: string): string {
  return `arn:aws:imagebuilder:${pipeline.region}:${accountId}:image-recipe/${pipeline.recipeName}/${pipeline.recipeVersion}`;
}

/** The recipe's parent image as written (the region's base AMI when the seed named none). */
export const parentImageOf = (pipeline: Pipeline) => pipeline.parentImage ?? baseAmiId(pipeline.region);

export const GetImageRecipe: Handler<GetImageRecipeCommandInput, GetImageRecipeCommandOutput> = (
  input,
  ctx,
) => {
  const arn = String(input.imageRecipeArn ?? '');
  const pipeline = Object.values(imageBuilderState(ctx.sim).pipelines).find(
    (p) => recipeArn(p, ctx.accountId) === arn,
  );
  if (!pipeline) throw new AwsError('ResourceNotFoundException', `Image recipe ${arn} was not found.`, 404);
  return {
    requestId: crypto.randomUUID(),
    imageRecipe: {
      arn,
      type: 'AMI',
      name: pipeline.recipeName,
      version: pipeline.recipeVersion,
      platform: 'Linux',
      owner: ctx.accountId,
      parentImage: parentImageOf(pipeline),
      components: pipeline.components.map((c) => ({
        componentArn: c.componentArn,
        parameters: c.parameters,
      })),
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 8, volumeType: 'gp3' } }],
      dateCreated: new Date(0).toISOString(),
    },
  };
};

/** The AMI a build of `pipeline` starts from now. */
export function resolveParentImage(sim: SimulatorApi, pipeline: Pipeline, accountId: string): string {
  const parent = parentImageOf(pipeline);
  const unresolved = (why: string) =>
    new AwsError('InvalidParameterValueException', `The parent image ${parent} ${why}.`, 400);
  if (parent.startsWith('ssm:')) {
    const record = lookup(sim, pipeline.region, parent.slice(4));
    const value = record ? visibleVersions(record).at(-1)?.Value : undefined;
    if (!value) throw unresolved(`names a parameter that does not exist in ${pipeline.region}`);
    return value;
  }
  if (parent.startsWith('arn:')) {
    const ami = amiOfImage(sim, accountId, parent, pipeline.region);
    if (!ami) throw unresolved(`selects no image with an AMI in ${pipeline.region}`);
    return ami;
  }
  return parent;
}
