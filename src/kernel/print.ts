/**
 * The plan as every mode prints it: what was found, then each lane's steps with the calls that
 * change something. The dry run prints it with "would", apply prints it before it starts; both from
 * the same Plan object.
 */
import * as core from '@actions/core';
import { summaryTable } from '../report/summary.js';
import { type Plan, stepLabel } from './plan.js';

export function printPlan(plan: Plan, dryRun: boolean): void {
  const would = dryRun ? 'would ' : '';
  for (const fact of plan.facts) core.info(fact);
  let calls = 0;
  for (const lane of plan.lanes) {
    const after = lane.after?.length
      ? ` (once ${lane.after.join(', ')} ${lane.after.length === 1 ? 'is' : 'are'} done)`
      : '';
    if (plan.lanes.length > 1 || lane.name) core.info(`${lane.name}${after}:`);
    if (!lane.steps.length) core.info('  nothing to change');
    for (const [index, step] of lane.steps.entries()) {
      core.info(`  ${index + 1}. ${would}${stepLabel(step)}`);
      for (const call of step.calls ?? []) {
        core.info(`       ${would}call ${call.call} ${call.detail}`);
        calls++;
      }
    }
  }
  if (dryRun) core.info(`Dry run: ${calls} change(s) planned, none made.`);
}

/** The dry run's job summary: the plan as a table. */
export function summarizePlan(plan: Plan): void {
  const rows = plan.lanes.flatMap((lane) =>
    lane.steps.map((step) => [
      lane.name,
      stepLabel(step),
      (step.calls ?? []).map((call) => call.call).join(', '),
    ]),
  );
  if (rows.length) summaryTable('Plan (dry run: nothing was changed)', ['where', 'step', 'calls'], rows);
}
