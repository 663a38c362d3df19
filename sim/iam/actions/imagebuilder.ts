/**
 * EC2 Image Builder operations -> IAM checks on the pipeline, recipe and image (version or build
 * version) ARNs. ListImages has no resource-level permissions (Resource `*`).
 */
import { type AuthRequest, check, requestTags } from '../context.js';
import type { AuthCheck } from '../evaluate.js';

type Authorizer = (req: AuthRequest) => AuthCheck[];

const onArn =
  (field: string): Authorizer =>
  (req) => [check(`imagebuilder:${req.operation}`, String(req.input[field] ?? '*'))];

const tagList = (tags: Record<string, string> | undefined) =>
  Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

export const imagebuilderAuthorizers: Record<string, Authorizer> = {
  StartImagePipelineExecution: (req) => [
    check(
      'imagebuilder:StartImagePipelineExecution',
      String(req.input.imagePipelineArn ?? '*'),
      requestTags(tagList(req.input.tags)),
    ),
  ],
  GetImagePipeline: onArn('imagePipelineArn'),
  GetImage: onArn('imageBuildVersionArn'),
  GetImageRecipe: onArn('imageRecipeArn'),
  ListImageBuildVersions: onArn('imageVersionArn'),
  CancelImageCreation: onArn('imageBuildVersionArn'),
};
