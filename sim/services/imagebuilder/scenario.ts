/** The Image Builder part of the default scenario: the enabled pipeline `demo-app` in us-east-1. */
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { imageBuilderState } from './state.js';

export const DEMO_PIPELINE_ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/demo-app';

export interface PipelineSeed {
  /** The account that owns it (default: the section's, else the default account). */
  account?: string;
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

export function seedImageBuilder(section: unknown, home: SimulatorApi): void {
  for (const seed of (section as { pipelines?: PipelineSeed[] }).pipelines ?? []) {
    const state = imageBuilderState(accountFor(home, seed.account));
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
}
