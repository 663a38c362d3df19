/**
 * The run's phases (the plan, each step, the report) with their start and duration, shown as the job
 * summary's last table. `phase()` runs work as a phase and folds its log lines into a group;
 * `recordPhase()` records one the kernel timed itself (a step of one of several concurrent lanes).
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

/** Rows beyond this are counted, not listed: a plan of many lanes would bury the summary. */
const MAX_ROWS = 40;

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

export function recordPhase(name: string, startedAt: number, seconds: number, failed: boolean): void {
  phases.push({ name, startedAt, seconds, failed });
}

/** Adds the timeline table to the job summary (nothing when no phase ran). */
export function summarizeTimeline(): void {
  if (phases.length === 0) return;
  const rows = [...phases].sort((a, b) => a.startedAt - b.startedAt);
  const shown = rows
    .slice(0, MAX_ROWS)
    .map((entry) => [
      entry.name,
      `+${formatSeconds((entry.startedAt - runStartedAt) / 1000)}`,
      entry.seconds === undefined ? 'running' : formatSeconds(entry.seconds),
      entry.failed ? 'failed' : entry.seconds === undefined ? '' : 'done',
    ]);
  if (rows.length > MAX_ROWS) shown.push([`... and ${rows.length - MAX_ROWS} more`, '', '', '']);
  summaryTable('Timeline', ['phase', 'started', 'took', 'result'], shown);
}
