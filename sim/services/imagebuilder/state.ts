/**
 * The Image Builder slice (`state.imagebuilder`): pipelines (each with its image recipe), builds, the
 * client tokens used, and images of other owners (AWS-managed parent images such as
 * `amazon-linux-2023-x86`).
 */
import type { SimulatorApi } from '../../core/types.js';

export interface Pipeline {
  arn: string;
  name: string;
  region: string;
  recipeName: string;
  recipeVersion: string;
  /** An AMI id, `ssm:<parameter>`, or an Image Builder image ARN (version wildcards `x` allowed); default the region's base AMI. */
  parentImage?: string;
  components: RecipeComponent[];
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

export interface RecipeComponent {
  componentArn: string;
  parameters?: { name: string; value: string[] }[];
}

/** An image build version of another owner (`aws` for AWS-managed images), with its AMI per region. */
export interface OwnedImage {
  /** Build version ARN: `arn:aws:imagebuilder:<region>:aws:image/<name>/<version>/<build>`. */
  arn: string;
  dateCreated: string;
  amis: { region: string; image: string }[];
}

export interface ImageBuilderState {
  pipelines: Record<string, Pipeline>;
  builds: Record<string, Build>;
  tokens: Record<string, string>;
  /** By build version ARN. */
  images: Record<string, OwnedImage>;
}

export function initImageBuilderState(): ImageBuilderState {
  return { pipelines: {}, builds: {}, tokens: {}, images: {} };
}

export const imageBuilderState = (sim: SimulatorApi) => sim.slice<ImageBuilderState>('imagebuilder');
