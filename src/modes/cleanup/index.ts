/**
 * mode: cleanup — retire old AMIs and their snapshots, never one still in use or needed for a
 * rollback. The plan reads every region (concurrently) and says for each selected AMI whether it
 * stays and why, or which stage of the retirement path (`stages`: deprecate, disable, delete) this run
 * moves it to; apply makes the moves (include-shared: after the image usage reports say no other
 * account references the AMI), deregisters AMIs with their snapshots, then deletes the snapshots left.
 * `restore` puts a retired AMI back. dry-run is the default.
 */
import * as core from '@actions/core';
import { awsNow } from '../../aws/clock.js';
import { TemplateIndex } from '../../aws/groups.js';
import { parameterExists } from '../../aws/parameters.js';
import type { CleanupConfig } from '../../inputs.js';
import { change, type Lane, type ModeModule, type Outcome, type Plan, type Step } from '../../kernel/plan.js';
import { TAG } from '../../tags.js';
import { reasonsToKeep } from './keepers/index.js';
import { moveAll, movesTo } from './moves.js';
import { findOrphanSnapshots } from './orphans.js';
import { planRegion } from './plan.js';
import { deleteLeftSnapshots, deregisterAll, newOutcome, type RegionOutcome } from './remove.js';
import { logPlan, reportPlans } from './report.js';
import { planRestore } from './restore.js';
import { readRegionImages } from './select.js';
import { sharingTags, stageTags } from './stages.js';
import type { RegionPlan } from './types.js';
import { deleteUsageReports, describeRequest, findUsage, reportRequests } from './usage.js';

/** Regions worked on at once; each region bounds its own calls further. */
const REGION_CONCURRENCY = 4;

export async function plan(config: CleanupConfig): Promise<Plan> {
  if (config.restore) return planRestore(config);
  const regions = config.regions.length ? config.regions : [config.region];
  const [plans, missing] = await Promise.all([
    Promise.all(regions.map((region) => planFor(region, config))),
    missingParameters(config.ssmParameters, regions),
  ]);
  for (const regionPlan of plans) logPlan(regionPlan, config.dryRun);
  warnIfNamedAmiStays(config, plans);
  const outcomes = plans.map((regionPlan) => newOutcome(regionPlan.region));
  const lanes: Lane[] = plans.map((regionPlan, index) => ({
    name: regionPlan.region,
    steps: regionSteps(regionPlan, outcomes[index]),
    pool: 'regions',
  }));
  return {
    facts: [],
    refusals: missing.length
      ? [
          `Input 'ssm-parameters': ${missing.join(', ')} ${missing.length > 1 ? 'exist' : 'exists'} in none of the regions cleanup reads (${regions.join(', ')}), so ${missing.length > 1 ? 'they keep' : 'it keeps'} no AMI: a misspelled name would let the AMI it should keep be retired. Fix the name${missing.length > 1 ? 's' : ''}, add the region that has ${missing.length > 1 ? 'them' : 'it'} to regions, or remove ${missing.length > 1 ? 'them' : 'it'}.`,
        ]
      : [],
    lanes,
    pools: { regions: REGION_CONCURRENCY },
    report: (outcome) => report(plans, outcomes, outcome),
  };
}

function regionSteps(regionPlan: RegionPlan, outcome: RegionOutcome): Step[] {
  const steps: Step[] = [];
  const requests = reportRequests(regionPlan);
  if (requests.length) {
    steps.push(
      change(
        `find which accounts reference ${regionPlan.shared.size} shared AMI(s) (image usage reports)`,
        [
          ...requests.map((r) => ({ call: 'ec2:CreateImageUsageReport', detail: describeRequest(r) })),
          {
            call: 'ec2:DeleteImageUsageReport',
            detail: `each of the ${requests.length} report(s), once read`,
          },
        ],
        (step) => findUsage(regionPlan.region, requests, step, outcome),
      ),
    );
  }
  const onlyIfUnused = (imageId: string) =>
    regionPlan.shared.has(imageId) ? ' (if no other account references it)' : '';
  const deprecations = movesTo(regionPlan, 'deprecate');
  if (deprecations.length) {
    steps.push(
      change(
        `deprecate ${deprecations.length} AMI(s)`,
        deprecations.flatMap(({ image }) => [
          // A later deprecation it had is recorded first, for restore (moves.ts).
          ...(image.deprecationTime && Date.parse(image.deprecationTime) > awsNow().getTime()
            ? [{ call: 'ec2:CreateTags', detail: `${image.imageId}: ${TAG.retireDeprecation}` }]
            : []),
          {
            call: 'ec2:EnableImageDeprecation',
            detail: `${image.imageId} (${image.name}), now${onlyIfUnused(image.imageId)}`,
          },
          {
            call: 'ec2:CreateTags',
            detail: `${image.imageId}: ${Object.keys(stageTags('deprecate', new Date())).join(', ')}`,
          },
        ]),
        () => moveAll(regionPlan, 'deprecate', outcome),
      ),
    );
  }
  const disablings = movesTo(regionPlan, 'disable');
  if (disablings.length) {
    steps.push(
      change(
        `disable ${disablings.length} AMI(s)`,
        disablings.flatMap(({ image }) => {
          const sharing = regionPlan.shared.get(image.imageId) ?? [];
          const keys = Object.keys({ ...sharingTags(sharing), ...stageTags('disable', new Date()) });
          return [
            { call: 'ec2:CreateTags', detail: `${image.imageId}: ${keys.join(', ')}` },
            {
              call: 'ec2:DisableImage',
              detail: `${image.imageId} (${image.name})${sharing.length ? `, unsharing it from ${sharing.join(', ')}` : ''}${onlyIfUnused(image.imageId)}`,
            },
          ];
        }),
        () => moveAll(regionPlan, 'disable', outcome),
      ),
    );
  }
  if (regionPlan.remove.length) {
    steps.push(
      change(
        `deregister ${regionPlan.remove.length} AMI(s) with their snapshots`,
        regionPlan.remove.map((r) => ({
          call: 'ec2:DeregisterImage',
          detail: `${r.image.imageId} (${r.image.name}), ${r.recycleBin ? 'keeping its snapshots (Recycle Bin)' : 'DeleteAssociatedSnapshots'}${onlyIfUnused(r.image.imageId)}`,
        })),
        () => deregisterAll(regionPlan, outcome),
      ),
    );
  }
  if (regionPlan.remove.length || regionPlan.orphans.length) {
    steps.push(
      change(
        'delete the snapshots left (orphans, and any a deregistration kept)',
        regionPlan.orphans.map((s) => ({
          call: 'ec2:DeleteSnapshot',
          detail: `${s.snapshotId} (orphan of ${s.imageId})`,
        })),
        () => deleteLeftSnapshots(regionPlan, outcome),
      ),
    );
  }
  return steps;
}

function report(plans: RegionPlan[], outcomes: RegionOutcome[], outcome: Outcome): void {
  if (outcome.refused) return;
  if (outcome.dryRun) {
    core.info('dry-run: nothing was changed. Set dry-run: false to carry out this plan.');
    reportPlans(plans);
    return;
  }
  reportPlans(plans, new Map(outcomes.map((o): [string, RegionOutcome] => [o.region, o])));
  if (outcome.cancelled) return;
  const failures = outcomes.flatMap((o) => o.failures.map((f) => `${o.region} ${f}`));
  if (failures.length) throw new Error(`Cleanup could not do everything:\n${failures.join('\n')}`);
}

/** ami-id asks for one AMI to go: when it must stay, say so loudly rather than only in the plan. */
function warnIfNamedAmiStays(config: CleanupConfig, plans: RegionPlan[]): void {
  const kept = plans.flatMap((p) => p.keep).find((k) => k.image.imageId === config.amiId);
  if (kept) core.warning(`${config.amiId} is not removed: ${kept.reasons.join('; ')}.`);
}

/** The ssm-parameters names that exist in none of the regions (each keeps nothing). */
async function missingParameters(names: string[], regions: string[]): Promise<string[]> {
  const found = await Promise.all(
    names.map(async (name) => {
      for (const region of regions) if (await parameterExists(region, name)) return true;
      return false;
    }),
  );
  return names.filter((_, i) => !found[i]);
}

async function planFor(region: string, config: CleanupConfig): Promise<RegionPlan> {
  const orphans = config.orphanSnapshots ? await findOrphanSnapshots(region) : [];
  const images = await readRegionImages(region, config);
  // Ages are AWS's: measured against the time AWS reported in the answers just read.
  const now = awsNow();
  let templates: Promise<TemplateIndex> | undefined;
  const reasons = await reasonsToKeep({
    region,
    selected: images.selected,
    config,
    now,
    templates: () => {
      templates ??= TemplateIndex.load(region);
      return templates;
    },
  });
  return planRegion(images, reasons, orphans, config, now);
}

export const compensations: ModeModule<CleanupConfig>['compensations'] = {
  'delete-image-usage-reports': deleteUsageReports,
};
