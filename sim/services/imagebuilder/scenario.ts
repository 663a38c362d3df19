/**
 * The Image Builder part of the default scenario: the enabled pipeline `demo-app` in us-east-1.
 *
 * Seed section (`POST /_sim/seed {"imagebuilder": {...}}`):
 *   pipelines: [{ arn, distributionRegions?, parentImage?, recipeName?, recipeVersion?, components?, status? }]
 *     parentImage: an AMI id, `ssm:<parameter name or ARN>` (followed at each build), or an image ARN
 *     such as `arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x` (the newest
 *     version matching the wildcards). Default: the region's seeded Amazon Linux 2023 AMI.
 *     Seeding a pipeline again replaces its recipe (a new recipeVersion, components) and keeps its builds.
 *   images: [{ arn, amis: { <region>: <ami id> }, dateCreated? }] image build versions of other owners
 *     (`arn:aws:imagebuilder:<region>:aws:image/<name>/<version>/<build>`): parent images to follow.
 */
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { imageBuilderState, type RecipeComponent } from './state.js';

export const DEMO_PIPELINE_ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/demo-app';

export interface PipelineSeed {
  /** The account that owns it (default: the section's, else the default account). */
  account?: string;
  arn: string;
  distributionRegions?: string[];
  parentImage?: string;
  recipeName?: string;
  recipeVersion?: string;
  components?: RecipeComponent[];
  status?: 'ENABLED' | 'DISABLED';
}

export interface OwnedImageSeed {
  arn: string;
  amis: Record<string, string>;
  dateCreated?: string;
}

/** The component every seeded recipe has unless it names its own. */
const updateLinux = (region: string): RecipeComponent => ({
  componentArn: `arn:aws:imagebuilder:${region}:aws:component/update-linux/x.x.x`,
});

export const defaultScenarioSection: { pipelines: PipelineSeed[] } = {
  pipelines: [{ arn: DEMO_PIPELINE_ARN, distributionRegions: ['us-east-1'] }],
};

export function seedImageBuilder(section: unknown, home: SimulatorApi): void {
  const s = (section ?? {}) as { pipelines?: PipelineSeed[]; images?: OwnedImageSeed[] };
  for (const seed of s.images ?? []) {
    imageBuilderState(home).images[seed.arn] = {
      arn: seed.arn,
      dateCreated: seed.dateCreated ?? home.clock.now().toISOString(),
      amis: Object.entries(seed.amis).map(([region, image]) => ({ region, image })),
    };
  }
  for (const seed of s.pipelines ?? []) {
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
      components: seed.components ?? [updateLinux(region)],
      distributionRegions: seed.distributionRegions ?? [region],
      status: seed.status ?? 'ENABLED',
      builds: state.pipelines[seed.arn]?.builds ?? 0,
    };
  }
}
