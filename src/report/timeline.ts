/**
 * The run's phases with their start and duration, shown as the job summary's last table. A mode runs
 * each phase through `phase()`, which also folds the phase's log lines into a group.
 */
import * as core from '@actions/core';
import { formatSeconds } from './format.js';
import { summaryTable } from './summary.js';

interface Phase {
  name: string;
  startedAt: number;
  seconds?: number;
  failed?: boolean;
}

const phases: Phase[] = [];
const runStartedAt = Date.now();

export async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const entry: Phase = { name, startedAt: Date.now() };
  phases.push(entry);
  try {
    return await core.group(name, work);
  } catch (error) {
    entry.failed = true;
    throw error;
  } finally {
    entry.seconds = (Date.now() - entry.startedAt) / 1000;
  }
}

/** Adds the timeline table to the job summary (nothing when no phase ran). */
export function summarizeTimeline(): void {
  if (phases.length === 0) return;
  summaryTable(
    'Timeline',
    ['phase', 'started', 'took', 'result'],
    phases.map((entry) => [
      entry.name,
      `+${formatSeconds((entry.startedAt - runStartedAt) / 1000)}`,
      entry.seconds === undefined ? 'running' : formatSeconds(entry.seconds),
      entry.failed ? 'failed' : entry.seconds === undefined ? '' : 'done',
    ]),
  );
}
