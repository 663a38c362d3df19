/**
 * The main and post steps of every mode, the same way: plan (reads only) -> refusals -> the dry run's
 * listing, or apply within the step's one deadline -> report. The post step replays the undo of what
 * the main step left open, from the validated journal.
 */
import * as core from '@actions/core';
import { cancellation } from '../cancel.js';
import type { RunContext } from '../context.js';
import { phase } from '../report/timeline.js';
import { applyPlan, undoOpen } from './apply.js';
import { Deadline } from './deadline.js';
import { Journal } from './journal.js';
import {
  describeFailure,
  type LaneOutcome,
  type ModeModule,
  type Outcome,
  type Plan,
  RefusedError,
  type Scope,
} from './plan.js';
import { printPlan, summarizePlan } from './print.js';
import { STATE_KEYS } from './state-keys.js';

/** What the kernel needs of every mode's config. */
export interface KernelConfig {
  timeout: number;
  pollInterval: number;
  dryRun: boolean;
}

export async function runMode<C extends KernelConfig>(
  mode: string,
  module: ModeModule<C>,
  config: C,
  context: RunContext,
): Promise<void> {
  const scope: Scope = {
    context,
    // Created once: every wait of every phase, group and instance draws from it.
    deadline: new Deadline(config.timeout),
    pollIntervalSeconds: config.pollInterval,
    dryRun: config.dryRun,
    journal: new Journal(mode),
  };
  const plan = await phase(config.dryRun ? 'Plan (dry run: nothing is changed)' : 'Plan', async () => {
    const planned = await module.plan(config, scope);
    printPlan(planned, config.dryRun);
    return planned;
  });
  if (plan.refusals.length) {
    await plan.report({ ...plannedOutcome(plan), dryRun: config.dryRun, refused: true });
    throw new RefusedError(plan.refusals);
  }
  if (config.dryRun) {
    summarizePlan(plan);
    await plan.report(plannedOutcome(plan));
    return;
  }
  const outcome = await applyPlan(plan, scope, module.compensations);
  await plan.report(outcome);
  if (outcome.cancelled) throw cancellation.reason;
  const failed = outcome.lanes.filter((lane) => lane.error);
  // A mode's report names its failures; this only makes sure a failed lane never passes silently.
  if (failed.length === 1 && outcome.lanes.length === 1) throw new Error(describeFailure(failed[0]));
  if (failed.length) {
    throw new Error(
      `${failed.length} of ${outcome.lanes.length} failed: ${failed.map((lane) => `${lane.name}: ${describeFailure(lane)}`).join('; ')}`,
    );
  }
}

function plannedOutcome(plan: Plan): Outcome {
  return {
    dryRun: true,
    cancelled: false,
    lanes: plan.lanes.map((lane) => ({
      name: lane.name,
      steps: lane.steps.map((step) => ({ title: step.title, kind: step.kind, status: 'planned' })),
      undone: [],
      undoFailures: [],
    })),
  };
}

/** Polls of the post step's own waits (termination, a build's cancellation). */
const POST_POLL_SECONDS = 2;

export async function runPostStep<C>(mode: string, module: ModeModule<C>, env = process.env): Promise<void> {
  // Nothing left open: the schemas (and zod) are not loaded at all.
  if (!env[`STATE_${STATE_KEYS.journal}`]) return;
  const { readJournal } = await import('./state.js');
  const read = readJournal(mode, env);
  if (!read.ok) {
    core.warning(
      `The post step did not act on what the main step saved: ${read.problem}. Nothing was undone from it; ` +
        'look for resources of this run tagged ami-action:run-id and remove them if they are left over.',
    );
    return;
  }
  const entries = [...(read.value?.entries ?? [])].reverse();
  if (!entries.length) return;
  core.info(`The main step left ${entries.length} thing(s) open: undoing them, newest first.`);
  const into: Pick<LaneOutcome, 'undone' | 'undoFailures'> = { undone: [], undoFailures: [] };
  await undoOpen(
    undefined,
    entries,
    module.compensations,
    { pollIntervalSeconds: POST_POLL_SECONDS, inPostStep: true },
    into,
  );
  if (into.undoFailures.length) {
    throw new Error(`Could not undo everything the main step left: ${into.undoFailures.join('; ')}`);
  }
}
