/** The EC2 Image Builder service model (restJson1, signing name `imagebuilder`): operation names -> handlers. */
import type { ServiceModel } from '../../core/types.js';
import { CancelImageCreation, GetImage, StartImagePipelineExecution } from './builds.js';
import { GetImagePipeline } from './pipelines.js';
import { seedImageBuilder } from './scenario.js';
import { initImageBuilderState } from './state.js';

export const imagebuilder: ServiceModel = {
  signingName: 'imagebuilder',
  handlers: { StartImagePipelineExecution, GetImage, CancelImageCreation, GetImagePipeline },
  initState: initImageBuilderState,
  seed: seedImageBuilder,
};

/** Kept for the e2e tests that import it from here; it lives in scenario.ts. */
