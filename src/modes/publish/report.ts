/** What publishing did per region, for the job summary. */
import { summaryLine, summaryTable } from '../../report/summary.js';
import { type Desired, describeSharing } from './desired.js';
import type { RegionPlan } from './plan.js';

export interface RegionResult {
  region: string;
  imageId?: string;
  state?: string;
  /** The calls made (or, in a dry run, planned). */
  changes: string[];
  shared?: boolean;
  deprecation?: Date;
  parameterVersion?: number;
  error?: string;
  /** What the summary should say beside the table. */
  notes: string[];
}

export function newResult(plan: RegionPlan): RegionResult {
  return {
    region: plan.region,
    imageId: plan.image?.imageId,
    state: plan.image?.state,
    changes: [],
    notes: [],
  };
}

export function summarize(desired: Desired, results: RegionResult[], dryRun: boolean): void {
  summaryTable(
    dryRun ? 'Publish plan (dry run: nothing was changed)' : 'Publish',
    ['region', 'AMI', 'state', 'shared with', 'deprecation', 'parameter', dryRun ? 'would call' : 'result'],
    results.map((result) => row(result, desired, dryRun).map((cell) => cell || '—')),
  );
  for (const result of results) for (const note of result.notes) summaryLine(`${result.region}: ${note}.`);
  if (!dryRun && results.some((result) => result.error)) {
    summaryLine('Some regions failed. Re-run the step: it completes only what is missing.');
  }
}

/** One region's cells (an empty cell would render as an unclosed <td>, so the caller fills in a dash). */
function row(result: RegionResult, desired: Desired, dryRun: boolean): string[] {
  return [
    result.region,
    result.imageId ?? (dryRun ? '(copy to make)' : ''),
    result.error && result.state !== 'available' ? 'failed' : (result.state ?? ''),
    result.shared || dryRun ? describeSharing(desired) : '',
    result.deprecation?.toISOString() ?? '',
    desired.parameter
      ? `${desired.parameter}${result.parameterVersion !== undefined ? ` (version ${result.parameterVersion})` : ''}`
      : '',
    dryRun
      ? result.changes.join(', ') || 'nothing'
      : result.error
        ? `failed: ${result.error}`
        : result.changes.length
          ? `done (${result.changes.length} change${result.changes.length === 1 ? '' : 's'})`
          : 'already published',
  ];
}
