/**
 * mode: cleanup — retire old AMIs and their snapshots, never one still in use or needed for a
 * rollback. Plan per region (concurrently), print it, and only with dry-run: false carry it out.
 */
import * as core from '@actions/core';
import { mapConcurrent, valuesOrThrow } from '../../aws/fanout.js';
import { throwIfCancelled } from '../../cancel.js';
import type { RunContext } from '../../context.js';
import type { CleanupConfig } from '../../inputs.js';
import { phase } from '../../report/timeline.js';
import { reasonsToKeep } from './keepers/index.js';
import { findOrphanSnapshots } from './orphans.js';
import { planRegion } from './plan.js';
import { carryOut, type RegionOutcome } from './remove.js';
import { logPlan, reportPlans } from './report.js';
import { readRegionImages } from './select.js';
import type { RegionPlan } from './types.js';

/** Regions worked on at once; each region bounds its own calls further. */
const REGION_CONCURRENCY = 4;

export async function run(config: CleanupConfig, _context: RunContext): Promise<void> {
  const regions = config.regions.length ? config.regions : [config.region];
  const plans = await phase('Plan', async () =>
    valuesOrThrow(await mapConcurrent(regions, REGION_CONCURRENCY, (region) => planFor(region, config))),
  );
  for (const plan of plans) logPlan(plan, config.dryRun);
  warnIfNamedAmiStays(config, plans);
  if (config.dryRun) {
    core.info('dry-run: nothing was removed. Set dry-run: false to carry out this plan.');
    reportPlans(plans);
    return;
  }
  const outcomes = await phase('Remove', async () =>
    valuesOrThrow(await mapConcurrent(plans, REGION_CONCURRENCY, carryOut)),
  );
  reportPlans(plans, new Map(outcomes.map((o): [string, RegionOutcome] => [o.region, o])));
  throwIfCancelled();
  const failures = outcomes.flatMap((o) => o.failures.map((f) => `${o.region} ${f}`));
  if (failures.length) throw new Error(`Cleanup could not remove everything:\n${failures.join('\n')}`);
}

/** ami-id asks for one AMI to go: when it must stay, say so loudly rather than only in the plan. */
function warnIfNamedAmiStays(config: CleanupConfig, plans: RegionPlan[]): void {
  const kept = plans.flatMap((plan) => plan.keep).find((k) => k.image.imageId === config.amiId);
  if (kept) core.warning(`${config.amiId} is not removed: ${kept.reasons.join('; ')}.`);
}

async function planFor(region: string, config: CleanupConfig): Promise<RegionPlan> {
  const orphans = config.orphanSnapshots ? await findOrphanSnapshots(region) : [];
  const images = await readRegionImages(region, config);
  const reasons = await reasonsToKeep({ region, selected: images.selected, config, now: new Date() });
  return planRegion(images, reasons, orphans);
}
