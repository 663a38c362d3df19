/**
 * The plan as every mode prints it: what was found, then each lane's steps with the calls that
 * change something. The dry run prints it with "would", apply prints it before it starts; both from
 * the same Plan object.
 */
import * as core from '@actions/core';
import { oneLine } from '../report/foreign.js';
import { summaryTable } from '../report/summary.js';
import { type Plan, stepLabel } from './plan.js';

export function printPlan(plan: Plan, dryRun: boolean): void {
  const would = dryRun ? 'would ' : '';
  // Facts and steps quote what the action read (names, tag values, AWS's words): each stays one line.
  const lines = plan.facts.map(oneLine);
  let calls = 0;
  for (const lane of plan.lanes) {
    const after = lane.after?.length
      ? ` (once ${lane.after.join(', ')} ${lane.after.length === 1 ? 'is' : 'are'} done)`
      : '';
    if (plan.lanes.length > 1 || lane.name) lines.push(`${lane.name}${after}:`);
    if (!lane.steps.length) lines.push('  nothing to change');
    for (const [index, step] of lane.steps.entries()) {
      lines.push(`  ${index + 1}. ${would}${oneLine(stepLabel(step))}`);
      for (const call of step.calls ?? []) {
        lines.push(`       ${would}call ${call.call} ${oneLine(call.detail)}`);
        calls++;
      }
    }
  }
  if (dryRun) lines.push(`Dry run: ${calls} change(s) planned, none made.`);
  // One write: a plan of hundreds of lanes (target accounts x regions) is thousands of lines.
  if (lines.length) core.info(lines.join('\n'));
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
