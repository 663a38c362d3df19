/**
 * Applying a plan: lanes concurrently, each lane's steps in order within the step's deadline. A step
 * that fails ends its lane; what the lane left open in the journal is then undone, newest first,
 * within the grace budget (at once, without waiting, when the job is being cancelled: the post step
 * finishes it from the journal). Whatever is still open when every lane has ended is undone too:
 * nothing a step created outlives it unless a step settled it on purpose.
 */
import * as core from '@actions/core';
import { explainError } from '../aws/errors.js';
import { cancellation } from '../cancel.js';
import { oneLine } from '../report/foreign.js';
import { recordPhase } from '../report/timeline.js';
import { Deadline } from './deadline.js';
import type { Journal } from './journal.js';
import {
  type Compensations,
  type LaneOutcome,
  type Outcome,
  type Plan,
  type Scope,
  type StepOutcome,
  type StepScope,
  stepLabel,
  type UndoResult,
  type UndoScope,
} from './plan.js';
import type { JournalEntry } from './state.js';

export async function applyPlan(plan: Plan, scope: Scope, compensations: Compensations): Promise<Outcome> {
  const single = plan.lanes.length === 1;
  const lanes: LaneOutcome[] = new Array(plan.lanes.length);
  if (single) lanes[0] = await applyLane(plan, 0, scope, compensations, true);
  else {
    await core.group('Apply', async () => {
      const slots = new Map<string, Slots>();
      const ended = new Map<string, Promise<LaneOutcome>>();
      const start = async (index: number): Promise<LaneOutcome> => {
        const lane = plan.lanes[index];
        // A lane waits for the lanes it comes after before it takes a slot of its pool.
        const before = await Promise.all((lane.after ?? []).flatMap((name) => ended.get(name) ?? []));
        const failed = before.find((other) => other.error);
        if (failed) return notStarted(lane, failed);
        const pool = lane.pool;
        if (!pool) return applyLane(plan, index, scope, compensations, false);
        if (!slots.has(pool)) slots.set(pool, new Slots(plan.pools?.[pool] || Number.POSITIVE_INFINITY));
        return slots.get(pool)!.use(() => applyLane(plan, index, scope, compensations, false));
      };
      // Every lane's promise exists before any starts, so `after` may name a lane declared later.
      const started: Promise<LaneOutcome>[] = [];
      let begin!: () => void;
      const ready = new Promise<void>((resolve) => {
        begin = resolve;
      });
      for (const [index, lane] of plan.lanes.entries()) {
        const run = ready.then(() => start(index));
        started.push(run);
        ended.set(lane.name, run);
      }
      begin();
      for (const [index, run] of started.entries()) lanes[index] = await run;
    });
  }
  return { dryRun: false, cancelled: cancellation.aborted, lanes };
}

/** A lane that did not start because a lane it comes after failed. */
function notStarted(lane: Plan['lanes'][number], failed: LaneOutcome): LaneOutcome {
  const error = new Error(`not started: ${failed.name} failed`);
  core.info(`${lane.name}: ${error.message}`);
  return {
    name: lane.name,
    steps: lane.steps.map((step): StepOutcome => ({ title: step.title, kind: step.kind, status: 'skipped' })),
    error,
    undone: [],
    undoFailures: [],
  };
}

/** At most `size` runs at once; the others queue in order. */
class Slots {
  private free: number;
  private readonly queue: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async use<T>(run: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await run();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.free++;
    }
  }
}

async function applyLane(
  plan: Plan,
  index: number,
  scope: Scope,
  compensations: Compensations,
  single: boolean,
): Promise<LaneOutcome> {
  const lane = plan.lanes[index];
  const outcome: LaneOutcome = {
    name: lane.name,
    steps: lane.steps.map((step): StepOutcome => ({ title: step.title, kind: step.kind, status: 'skipped' })),
    undone: [],
    undoFailures: [],
  };
  const stepScope: StepScope = {
    ...scope,
    lane: lane.name,
    record: (undo) => scope.journal.record(lane.name, undo),
  };
  for (const [at, step] of lane.steps.entries()) {
    if (cancellation.aborted) {
      outcome.error ??= cancellation.reason as Error;
      break;
    }
    const result = outcome.steps[at];
    const startedAt = Date.now();
    const name = single ? stepLabel(step) : `${lane.name}: ${stepLabel(step)}`;
    try {
      if (single) await core.group(name, () => step.run(stepScope));
      else {
        core.info(`${name}`);
        await step.run(stepScope);
      }
      result.status = 'done';
    } catch (error) {
      result.status = 'failed';
      result.error = asError(error);
      outcome.error = new Error(await explainError(error));
      // The mode's report annotates the failure; the log says where it happened.
      core.info(`FAILED: ${name}: ${oneLine(outcome.error.message)}`);
    } finally {
      result.seconds = (Date.now() - startedAt) / 1000;
      recordPhase(name, startedAt, result.seconds, result.status === 'failed');
    }
    if (outcome.error) break;
  }
  await undoOpen(scope.journal, scope.journal.openEntries(lane.name), compensations, scope, outcome);
  return outcome;
}

/** Undoes journal entries (newest first); records what was done, or what could not be. */
export async function undoOpen(
  journal: Journal | undefined,
  entries: JournalEntry[],
  compensations: Compensations,
  scope: Pick<Scope, 'pollIntervalSeconds'> & { inPostStep?: boolean },
  into: Pick<LaneOutcome, 'undone' | 'undoFailures'>,
): Promise<void> {
  if (!entries.length) return;
  const hurry = cancellation.aborted;
  const deadline = Deadline.grace();
  for (const entry of entries) {
    const undo = compensations[entry.kind] as
      | ((undo: JournalEntry, scope: UndoScope) => Promise<UndoResult>)
      | undefined;
    if (!undo) {
      into.undoFailures.push(`no way to undo ${entry.kind} here`);
      continue;
    }
    try {
      const done = await undo(entry, {
        deadline,
        pollIntervalSeconds: scope.pollIntervalSeconds,
        hurry,
        inPostStep: !!scope.inPostStep,
      });
      const message = typeof done === 'string' ? done : done.message;
      into.undone.push({ kind: entry.kind, message });
      core.info(`Undone: ${oneLine(message)}`);
      // Only started (the job is being cancelled): the entry stays for the post step to finish.
      if (typeof done === 'string') journal?.settle(entry);
    } catch (error) {
      const message = `${entry.kind} (${describeEntry(entry)}): ${await explainError(error)}`;
      into.undoFailures.push(message);
      core.error(`Could not undo ${message}`);
    }
  }
}

function describeEntry(entry: JournalEntry): string {
  const { id: _id, lane: _lane, kind: _kind, ...rest } = entry;
  return JSON.stringify(rest);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
