/** The Image Builder slice (`state.imagebuilder`): pipelines, builds and the client tokens used. */
import type { SimulatorApi } from '../../core/types.js';

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

export function initImageBuilderState(): ImageBuilderState {
  return { pipelines: {}, builds: {}, tokens: {} };
}

export const imageBuilderState = (sim: SimulatorApi) => sim.slice<ImageBuilderState>('imagebuilder');
