/** The EC2 Image Builder service model (restJson1, signing name `imagebuilder`): operation names -> handlers. */
import type { ServiceModel } from '../../core/types.js';
import { CancelImageCreation, GetImage, StartImagePipelineExecution } from './builds.js';
import { ListImageBuildVersions, ListImages } from './images.js';
import { GetImagePipeline } from './pipelines.js';
import { GetImageRecipe } from './recipes.js';
import { seedImageBuilder } from './scenario.js';
import { initImageBuilderState } from './state.js';

export const imagebuilder: ServiceModel = {
  signingName: 'imagebuilder',
  handlers: {
    StartImagePipelineExecution,
    GetImage,
    CancelImageCreation,
    GetImagePipeline,
    GetImageRecipe,
    ListImages,
    ListImageBuildVersions,
  },
  initState: initImageBuilderState,
  seed: seedImageBuilder,
};
