/**
 * mode: bake — Packer or an EC2 Image Builder pipeline; outputs the AMI per region, tagged with its
 * provenance (repository, commit, run) and its fingerprint (base AMI, inputs hash).
 *
 * Plan: the pipeline (its recipe, the parent image it resolves to now) or the template (Packer on
 * PATH, the source image it resolves to now, the files it reads); the fingerprint; with
 * skip-if-unchanged, an earlier AMI with the same fingerprint (then the plan has no step and that AMI
 * is the output) or what changed since the last one. Steps: start the build and wait for it (Image
 * Builder), or run `packer build`; then tag the AMIs and their snapshots. The build is undone
 * (cancelled, Packer's leftovers removed) when the step fails or is cancelled.
 */
import { resolve } from 'node:path';
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
import { oneLine } from '../../report/foreign.js';
import { formatSeconds } from '../../report/format.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { summaryLine, summaryTable } from '../../report/summary.js';
import { TAG } from '../../tags.js';
import { BakedImages, deregisterBakedImage } from './baked-images.js';
import { type Base, describeImage, type Resolved, resolveParentImage, resolveSourceAmi } from './base.js';
import { hashPath, type InputEntry, inputsHash, isInside, sha256, workspaceName } from './fingerprint.js';
import {
  cancelBuild,
  type ImageBuild,
  readPipeline,
  readRecipe,
  recipeInputs,
  startBuild,
  waitForBuild,
} from './image-builder.js';
import { bakeWithPacker, buildArgs, findPacker } from './packer.js';
import { removePackerLeftovers } from './packer-cleanup.js';
import { type PackerTemplate, readTemplate } from './packer-template.js';
import { type Bases, provenanceTags, tagBaked } from './provenance.js';
import { type Decision, decide, type Target } from './reuse.js';
import type { BakeResult } from './types.js';

/** What the plan of either builder found: the build steps, the inputs, the builds' bases. */
interface Prepared {
  build: Step[];
  entries: InputEntry[];
  targets: Target[];
  /** Refusals that matter only when the bake builds (Packer not on PATH, a disabled pipeline). */
  buildRefusals: string[];
}

export async function plan(config: BakeConfig, scope: Scope): Promise<Plan> {
  const baked: Baked = { startedAt: 0, seconds: 0, images: new BakedImages() };
  const facts: string[] = [];
  const refusals: string[] = [];
  const prepared =
    config.builder === 'image-builder'
      ? await prepareImageBuilder(config, baked, facts, refusals)
      : await preparePacker(config, scope, baked, facts);
  const hash = inputsHash(prepared.entries);
  facts.push(
    `Fingerprint: inputs hash ${hash.slice(0, 12)}… of ${prepared.entries.length} input(s): ${prepared.entries.map((entry) => oneLine(entry.name)).join(', ')}.`,
  );
  let decision: Decision | undefined;
  if (config.skipIfUnchanged) {
    decision = await decide(prepared.targets, {
      builder: config.builder,
      hash,
      entries: prepared.entries,
      repository: scope.context.repository,
      namePrefix: config.namePrefix,
    });
    const reused = decision.reused;
    if (reused) {
      facts.push(
        `skip-if-unchanged: ${reused.found.map((image) => `${image.imageId} (${oneLine(image.name)}, ${image.creationDate})`).join(', ')} has the same base and inputs: no build.`,
      );
    } else facts.push(...decision.reasons.map((reason) => `skip-if-unchanged: builds, ${reason}.`));
  }
  if (!decision?.reused) refusals.push(...prepared.buildRefusals);
  const planned = prepared.targets.find((target) => target.region === config.region)?.base;
  const fingerprint = { hash, entries: prepared.entries, planned: planned ?? prepared.targets[0]?.base };
  const tagNames = [...Object.keys(provenanceTags(scope.context)), TAG.baseAmi, TAG.inputsHash].join(', ');
  const steps = decision?.reused
    ? []
    : [
        ...prepared.build,
        change(
          'tag every AMI with its provenance and fingerprint, and its snapshots with the provenance',
          [{ call: 'ec2:CreateTags', detail: tagNames }],
          async () => {
            const result = baked.result ?? { amis: {}, names: {} };
            const tagged = await tagBaked(result, scope.context, fingerprint);
            baked.bases = tagged.bases;
            result.names = { ...tagged.names, ...result.names };
            // Tagged: the AMIs are the bake's output, found by later bakes; no longer undone.
            baked.images.settle();
          },
        ),
      ];
  return {
    facts,
    refusals,
    lanes: [{ name: '', steps }],
    report: (outcome) => report(config, outcome, baked, hash, decision),
  };
}

async function prepareImageBuilder(
  config: BakeConfig,
  baked: Baked,
  facts: string[],
  refusals: string[],
): Promise<Prepared> {
  const pipelineArn = config.pipelineArn as string;
  const [, , , region, account] = pipelineArn.split(':');
  const buildRefusals: string[] = [];
  const pipeline = await readPipeline(pipelineArn);
  const target: Target = { name: '', region, copyRegions: [], why: 'the pipeline could not be read' };
  let entries: InputEntry[] = [{ name: `pipeline ${pipelineArn}`, hash: sha256(pipelineArn) }];
  if (!pipeline) {
    refusals.push(
      `Input 'pipeline-arn': ${pipelineArn} does not exist (or this role may not read it). Check the ARN.`,
    );
  } else {
    facts.push(
      `Pipeline ${pipeline.name} (${pipeline.status}): recipe ${pipeline.imageRecipeArn ?? pipeline.containerRecipeArn ?? '?'}.`,
    );
    if (pipeline.status === 'DISABLED') {
      buildRefusals.push(
        `Image pipeline ${pipeline.name} is DISABLED: enable it (aws imagebuilder update-image-pipeline --status ENABLED) before baking from it.`,
      );
    }
    const recipe = await readRecipe(pipeline);
    if (recipe) {
      entries = recipeInputs(pipelineArn, recipe);
      let parent = '';
      // The parent image is resolved only to look for an earlier AMI: the build tags its own.
      if (config.skipIfUnchanged) {
        const resolved = await resolveParentImage(recipe.parentImage ?? '', region, account);
        Object.assign(
          target,
          resolved.base ? { base: resolved.base, why: undefined } : { why: resolved.why },
        );
        const { base, why } = resolved;
        const version = base?.how.startsWith('arn:') ? `${base.how}: ` : '';
        parent = base ? `, now ${version}${await describeImage(region, base.imageId)}` : ` (${why})`;
      }
      facts.push(
        `Recipe ${recipe.name} ${recipe.version}: parent image ${recipe.parentImage}${parent}; ${recipe.components?.length ?? 0} component(s).`,
      );
    } else target.why = 'a container recipe has no AMI parent image';
  }
  const imageBuild: ImageBuild = {};
  const build = [
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
      for (const [region, imageId] of Object.entries(baked.result.amis))
        baked.images.note(step, region, imageId);
      baked.seconds = Math.round((Date.now() - baked.startedAt) / 1000);
    }),
  ];
  return { build, entries, targets: [target], buildRefusals };
}

async function preparePacker(
  config: BakeConfig,
  scope: Scope,
  baked: Baked,
  facts: string[],
): Promise<Prepared> {
  const buildRefusals: string[] = [];
  try {
    findPacker();
  } catch (error) {
    buildRefusals.push((error as Error).message);
  }
  const { workspace } = scope.context;
  let template: PackerTemplate | undefined;
  try {
    template = readTemplate(config, workspace);
  } catch (error) {
    facts.push(
      `Template ${config.template}: could not be read (${(error as Error).message}); packer build will say why.`,
    );
  }
  const targets: Target[] = [];
  for (const source of template?.sources ?? []) {
    const region = source.region ?? config.region;
    const resolved: Resolved = await resolveSourceAmi(source.ami, region);
    targets.push({ name: source.name, region, copyRegions: source.copyRegions, ...resolved });
    facts.push(
      `Template ${config.template}: ${source.name} in ${region} from ${await describeBase(resolved)}.`,
    );
  }
  if (template && !template.sources.length) {
    facts.push(`Template ${config.template}: no amazon builder found (Packer decides at build time).`);
  }
  for (const raw of template?.unresolved ?? []) {
    facts.push(
      `Template ${config.template}: ${oneLine(raw)} is computed at build time: not part of the fingerprint.`,
    );
  }
  const build = [
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
        baked.result = await bakeWithPacker(config, step, {
          regions: new Map(targets.map((target) => [target.name, target.region])),
          baked: baked.images,
        });
        baked.seconds = Math.round((Date.now() - baked.startedAt) / 1000);
      },
    ),
  ];
  return { build, entries: packerInputs(config, template, workspace), targets, buildRefusals };
}

async function describeBase(resolved: Resolved): Promise<string> {
  if (!resolved.base) return `a source AMI not known before the build (${resolved.why})`;
  const { imageId, region, how } = resolved.base;
  const image = await describeImage(region, imageId);
  return how === 'source_ami' ? `source AMI ${image}` : `${image}, which its ${how} picks now`;
}

/** What a Packer build reads besides its source AMI: template files, var-files, vars, the files it names. */
function packerInputs(
  config: BakeConfig,
  template: PackerTemplate | undefined,
  workspace: string,
): InputEntry[] {
  const cwd = resolve(workspace, config.workingDirectory ?? '.');
  const files = new Set(template?.files ?? [resolve(cwd, config.template as string)]);
  for (const file of config.varFiles) files.add(resolve(cwd, file));
  for (const file of template?.inputFiles ?? []) if (isInside(file, workspace)) files.add(file);
  const entries = [...files].map((file) => ({ name: workspaceName(file, workspace), hash: hashPath(file) }));
  if (config.vars.length) {
    const lines = config.vars.map(([key, value]) => `${key}=${value}`).sort();
    entries.push({ name: 'vars', hash: sha256(lines.join('\n')) });
  }
  if (config.only.length || config.except.length) {
    entries.push({
      name: 'only/except',
      hash: sha256(`${config.only.join(',')}|${config.except.join(',')}`),
    });
  }
  return entries;
}

interface Baked {
  result?: BakeResult;
  /** The AMIs made, in the undo journal until the tag step tagged them. */
  images: BakedImages;
  bases?: Bases;
  startedAt: number;
  /** How long the build itself took. */
  seconds: number;
}

function report(config: BakeConfig, outcome: Outcome, baked: Baked, hash: string, decision?: Decision): void {
  if (outcome.dryRun || outcome.refused) return;
  const reused = decision?.reused;
  if (reused) {
    setAmiOutputs(config.region, reused.amis);
    if (reused.imageArn) core.setOutput('image-arn', reused.imageArn);
    core.setOutput('skipped', 'true');
    const first = reused.found[0];
    const base = first.tags[TAG.baseAmi];
    if (base) core.setOutput('base-image', base);
    core.info(`Skipped the build: ${first.imageId} was baked from the same base and inputs.`);
    summaryTable(
      'Bake skipped: nothing changed (skip-if-unchanged)',
      ['region', 'AMI id', 'name'],
      Object.entries(reused.amis).map(([region, id]) => [region, id, reused.names[id]]),
    );
    for (const image of reused.found) {
      summaryLine(
        `${image.imageId} has the same base (${image.tags[TAG.baseAmi]}) and inputs hash (${hash.slice(0, 12)}…); it was baked ${image.creationDate ?? ''} by ${image.tags[TAG.runUrl] ?? image.tags[TAG.runId] ?? 'an earlier run'}. No build was started.`,
      );
    }
    return;
  }
  const result = baked.result;
  if (!result || outcome.lanes[0].error) return;
  const seconds = baked.seconds;
  setAmiOutputs(config.region, result.amis);
  if (result.imageArn) core.setOutput('image-arn', result.imageArn);
  core.setOutput('build-seconds', String(seconds));
  core.setOutput('skipped', 'false');
  const bases = baked.bases ?? {};
  const base: Base | undefined = bases[config.region] ?? Object.values(bases).find(Boolean);
  if (base) core.setOutput('base-image', base.imageId);
  summaryTable(
    `Baked with ${config.builder} in ${formatSeconds(seconds)}`,
    ['region', 'AMI id', 'name', 'base'],
    Object.entries(result.amis).map(([region, id]) => [region, id, result.names[id], bases[region]?.imageId]),
  );
  for (const reason of decision?.reasons ?? []) summaryLine(`Built: ${reason}.`);
}

export const compensations: ModeModule<BakeConfig>['compensations'] = {
  'cancel-image-build': cancelBuild,
  'remove-packer-leftovers': removePackerLeftovers,
  'deregister-baked-image': deregisterBakedImage,
};
