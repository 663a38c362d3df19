/**
 * mode: bake — Packer or an EC2 Image Builder pipeline; outputs the AMI per region, tagged with its
 * provenance (repository, commit, run).
 *
 * Plan: the pipeline (its recipe and status) or the template (Packer on PATH, the source image it
 * names). Steps: start the build and wait for it (Image Builder), or run `packer build`; then tag
 * the AMIs and their snapshots. The build is undone (cancelled, Packer's leftovers removed) when the
 * step fails or is cancelled.
 */
import * as core from '@actions/core';
import type { BakeConfig } from '../../inputs.js';
import {
  change,
  type ModeModule,
  type Outcome,
  type Plan,
  type Scope,
  type Step,
  wait,
} from '../../kernel/plan.js';
import { formatSeconds } from '../../report/format.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { summaryTable } from '../../report/summary.js';
import { cancelBuild, type ImageBuild, readPipeline, startBuild, waitForBuild } from './image-builder.js';
import { bakeWithPacker, buildArgs, findPacker } from './packer.js';
import { removePackerLeftovers } from './packer-cleanup.js';
import { describeTemplate } from './packer-template.js';
import { provenanceTags, tagProvenance } from './provenance.js';
import type { BakeResult } from './types.js';

export async function plan(config: BakeConfig, scope: Scope): Promise<Plan> {
  const baked: Baked = { startedAt: 0, seconds: 0 };
  const facts: string[] = [];
  const refusals: string[] = [];
  let build: Step[];
  if (config.builder === 'image-builder') {
    const pipelineArn = config.pipelineArn as string;
    const pipeline = await readPipeline(pipelineArn);
    if (!pipeline) {
      refusals.push(
        `Input 'pipeline-arn': ${pipelineArn} does not exist (or this role may not read it). Check the ARN.`,
      );
    } else {
      facts.push(
        `Pipeline ${pipeline.name} (${pipeline.status}): recipe ${pipeline.imageRecipeArn ?? pipeline.containerRecipeArn ?? '?'}.`,
      );
      if (pipeline.status === 'DISABLED') {
        refusals.push(
          `Image pipeline ${pipeline.name} is DISABLED: enable it (aws imagebuilder update-image-pipeline --status ENABLED) before baking from it.`,
        );
      }
    }
    const imageBuild: ImageBuild = {};
    build = [
      change(
        `start image pipeline ${pipeline?.name ?? pipelineArn}`,
        [
          {
            call: 'imagebuilder:StartImagePipelineExecution',
            detail: `${pipelineArn} (client token of this run attempt)`,
          },
        ],
        async (step) => {
          baked.startedAt = Date.now();
          await startBuild(pipelineArn, step, imageBuild);
        },
      ),
      wait('the image build to end', async (step) => {
        baked.result = await waitForBuild(imageBuild, step);
        baked.seconds = Math.round((Date.now() - baked.startedAt) / 1000);
      }),
    ];
  } else {
    try {
      findPacker();
    } catch (error) {
      refusals.push((error as Error).message);
    }
    facts.push(...(await describeTemplate(config, scope.context.workspace)));
    build = [
      change(
        `packer ${buildArgs(config).join(' ')}`,
        [
          {
            call: 'packer build',
            detail: 'launches a build instance, images it, and removes its temporary resources',
          },
        ],
        async (step) => {
          baked.startedAt = Date.now();
          baked.result = await bakeWithPacker(config, step);
          baked.seconds = Math.round((Date.now() - baked.startedAt) / 1000);
        },
      ),
    ];
  }
  const tagNames = Object.keys(provenanceTags(scope.context)).join(', ');
  const steps = [
    ...build,
    change(
      'tag every AMI and its snapshots with their provenance',
      [{ call: 'ec2:CreateTags', detail: tagNames }],
      async () => {
        await tagProvenance(baked.result?.amis ?? {}, scope.context);
      },
    ),
  ];
  return {
    facts,
    refusals,
    lanes: [{ name: '', steps }],
    report: (outcome) => report(config, outcome, baked),
  };
}

interface Baked {
  result?: BakeResult;
  startedAt: number;
  /** How long the build itself took. */
  seconds: number;
}

function report(config: BakeConfig, outcome: Outcome, baked: Baked): void {
  const result = baked.result;
  if (outcome.dryRun || outcome.refused || !result || outcome.lanes[0].error) return;
  const seconds = baked.seconds;
  setAmiOutputs(config.region, result.amis);
  if (result.imageArn) core.setOutput('image-arn', result.imageArn);
  core.setOutput('build-seconds', String(seconds));
  summaryTable(
    `Baked with ${config.builder} in ${formatSeconds(seconds)}`,
    ['region', 'AMI id', 'name'],
    Object.entries(result.amis).map(([region, id]) => [region, id, result.names[id]]),
  );
}

export const compensations: ModeModule<BakeConfig>['compensations'] = {
  'cancel-image-build': cancelBuild,
  'remove-packer-leftovers': removePackerLeftovers,
};
