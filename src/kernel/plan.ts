/**
 * The one shape of every mode: `plan` reads what exists (reads only) and returns a Plan: what it
 * found, what it refuses, and the steps that would make it so, in lanes (a region, a group, an
 * instance) that run concurrently, each lane's steps in order. The kernel prints the plan, refuses
 * before any change, applies the steps within the step's deadline, undoes what a failed lane left
 * open, and hands the outcome to the plan's `report`. A dry run prints the same plan and applies
 * nothing.
 */
import type { RunContext } from '../context.js';
import type { Deadline } from './deadline.js';
import type { Journal, Recorded } from './journal.js';
import type { UndoKind, UndoOf } from './state.js';

/** A call a step makes that changes something, as the plan lists it. */
export interface PlannedCall {
  /** The IAM action: `ec2:CopyImage`. */
  call: string;
  /** What it changes: `ami-1 from us-east-1 to eu-west-1, encrypted with alias/ami`. */
  detail: string;
}

export interface Step {
  /** What the step does, as the plan and the log say it: "copy ami-1 to eu-west-1". */
  title: string;
  /** `change` makes the calls it lists; `wait` waits, drawing from the deadline. */
  kind: 'change' | 'wait';
  /** The changing calls (for `change` steps; empty when the step may find nothing left to do). */
  calls?: PlannedCall[];
  /** Runs the step. A thrown error fails the lane: its later steps are skipped, its open entries undone. */
  run(scope: StepScope): Promise<void>;
}

export interface Lane {
  /** Where the lane works (a region, a group); '' for a mode with one lane. */
  name: string;
  steps: Step[];
  /** The pool the lane runs in, at most `Plan.pools[pool]` lanes at once (default: no bound). */
  pool?: string;
  /**
   * Lanes (by name) that must have finished without failing before this one starts: a target
   * account's copy waits for the region's sharing. When one of them fails, this lane does not start.
   */
  after?: string[];
}

export interface Plan {
  /** What the plan found, a line each, printed before its steps (dry run and apply alike). */
  facts: string[];
  /** What must not happen, each naming the input, limit or permission and the fix. Any: nothing is applied. */
  refusals: string[];
  lanes: Lane[];
  /** How many lanes of each pool run at once (lanes of no pool all run at once). */
  pools?: Record<string, number>;
  /** Outputs, job summary, annotations, verdict (throws to fail the step), after apply or the dry run. */
  report(outcome: Outcome): Promise<void> | void;
}

/** What a mode's plan and steps can use. */
export interface Scope {
  context: RunContext;
  deadline: Deadline;
  pollIntervalSeconds: number;
  dryRun: boolean;
  journal: Journal;
}

/** What a running step can use: the scope, and the journal bound to its lane. */
export interface StepScope extends Scope {
  lane: string;
  /** Records how to undo what the step is about to create (before the create call). */
  record<K extends UndoKind>(undo: UndoOf<K>): Recorded<K>;
}

export type StepStatus = 'planned' | 'done' | 'failed' | 'skipped';

export interface StepOutcome {
  title: string;
  kind: Step['kind'];
  status: StepStatus;
  seconds?: number;
  error?: Error;
}

export interface LaneOutcome {
  name: string;
  steps: StepOutcome[];
  /** The error that failed the lane (its failed step's). */
  error?: Error;
  /** What undoing the lane's open entries did, in words, newest entry first. */
  undone: { kind: UndoKind; message: string }[];
  /** Undo that failed, in words: something may be left behind. */
  undoFailures: string[];
}

export interface Outcome {
  dryRun: boolean;
  cancelled: boolean;
  /** The plan was refused: nothing was applied (the report may still set outputs). */
  refused?: boolean;
  lanes: LaneOutcome[];
}

/**
 * What an undo did, in words; `leftForPost` when, hurried by a cancellation, it only started the undo
 * (the entry stays in the journal and the post step finishes it).
 */
export type UndoResult = string | { message: string; leftForPost: true };

/** The undo of each kind of journal entry a mode records; the post step replays them too. */
export type Compensations = { [K in UndoKind]?: (undo: UndoOf<K>, scope: UndoScope) => Promise<UndoResult> };

export interface UndoScope {
  /** The grace budget of compensations. */
  deadline: Deadline;
  pollIntervalSeconds: number;
  /** The job is being cancelled: start what undoes the thing and do not wait (the post step finishes it). */
  hurry: boolean;
  /** The post step is undoing what the main step left open. */
  inPostStep: boolean;
}

/** A mode: reads and plans; undoes what its steps record. */
export interface ModeModule<C> {
  plan(config: C, scope: Scope): Promise<Plan>;
  compensations: Compensations;
}

export class RefusedError extends Error {
  constructor(readonly refusals: string[]) {
    super(
      `Refused before any change (nothing was changed):\n${refusals.map((reason) => `- ${reason}`).join('\n')}`,
    );
    this.name = 'RefusedError';
  }
}

/** A step as the plan, the log and the timeline name it. */
export function stepLabel(step: Pick<Step, 'title' | 'kind'>): string {
  return `${step.kind === 'wait' ? 'wait for ' : ''}${step.title}`;
}

/** A change step. */
export function change(title: string, calls: PlannedCall[], run: Step['run']): Step {
  return { title, kind: 'change', calls, run };
}

/** A wait step. */
export function wait(title: string, run: Step['run']): Step {
  return { title, kind: 'wait', run };
}

/** The lanes that failed, for a verdict. */
export function failedLanes(outcome: Outcome): LaneOutcome[] {
  return outcome.lanes.filter((lane) => lane.error);
}

/** A lane's failure in words: the step, the error, and what was undone. */
export function describeFailure(lane: LaneOutcome): string {
  const step = lane.steps.find((s) => s.status === 'failed');
  const undone = lane.undone.length ? `; undone: ${lane.undone.map((u) => u.message).join('; ')}` : '';
  const left = lane.undoFailures.length ? `; COULD NOT UNDO: ${lane.undoFailures.join('; ')}` : '';
  return `${step ? `${stepLabel(step)}: ` : ''}${lane.error?.message ?? 'failed'}${undone}${left}`;
}
