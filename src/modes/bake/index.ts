/**
 * mode: bake — Packer or an EC2 Image Builder pipeline; outputs the AMI per region, tagged with its
 * provenance (repository, commit, run).
 */
import * as core from '@actions/core';
import type { RunContext } from '../../context.js';
import type { BakeConfig } from '../../inputs.js';
import { formatSeconds } from '../../report/format.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { summaryTable } from '../../report/summary.js';
import { phase } from '../../report/timeline.js';
import { bakeWithImageBuilder, cancelUnfinishedBuild } from './image-builder.js';
import { bakeWithPacker } from './packer.js';
import { removePackerLeftovers } from './packer-cleanup.js';
import { tagProvenance } from './provenance.js';

export async function run(config: BakeConfig, context: RunContext): Promise<void> {
  if (config.dryRun) {
    const what =
      config.builder === 'packer'
        ? `packer build -machine-readable ${config.template}`
        : `StartImagePipelineExecution ${config.pipelineArn}`;
    core.info(`dry-run: would run ${what}, then tag the AMIs it makes (CreateTags). Nothing was started.`);
    return;
  }
  const started = Date.now();
  const result = await phase(`Bake with ${config.builder}`, () =>
    config.builder === 'packer' ? bakeWithPacker(config, context) : bakeWithImageBuilder(config, context),
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  await phase('Tag provenance', () => tagProvenance(result.amis, context));

  setAmiOutputs(config.region, result.amis);
  if (result.imageArn) core.setOutput('image-arn', result.imageArn);
  core.setOutput('build-seconds', String(seconds));
  summaryTable(
    `Baked with ${config.builder} in ${formatSeconds(seconds)}`,
    ['region', 'AMI id', 'name'],
    Object.entries(result.amis).map(([region, id]) => [region, id, result.names[id]]),
  );
}

export async function post(): Promise<void> {
  await removePackerLeftovers();
  await cancelUnfinishedBuild();
}
