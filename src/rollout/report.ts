/** Outputs, job summary and the step's verdict for a deploy or rollback by instance refresh. */
import * as core from '@actions/core';
import type { Outcome } from '../kernel/plan.js';
import { formatSeconds } from '../report/format.js';
import { setAmiOutputs } from '../report/outputs.js';
import { summaryTable } from '../report/summary.js';
import { groupKey, RolloutError } from './config.js';
import { type GroupOutcome, RolloutEnded } from './outcome.js';

/** Each group's result from how its lane ended (a lane the steps did not settle failed, or was cancelled). */
export function settleOutcomes(outcomes: GroupOutcome[], outcome: Outcome): void {
  for (const [index, lane] of outcome.lanes.entries()) {
    const group = outcomes[index];
    if (outcome.dryRun) {
      if (!group.result) {
        group.result = 'planned';
        group.detail = lane.steps.map((step) => step.title).join('; ');
      }
      continue;
    }
    if (!lane.error) continue;
    const failed = lane.steps.find((step) => step.status === 'failed')?.error;
    const undone = lane.undone.length ? `; ${lane.undone.map((u) => u.message).join('; ')}` : '';
    const left = lane.undoFailures.length ? `; COULD NOT UNDO: ${lane.undoFailures.join('; ')}` : '';
    if (outcome.cancelled) {
      group.result = 'cancelled';
      group.detail = `job cancelled${undone ? `: ${undone.slice(2)}` : ''}${left}`;
    } else if (failed instanceof RolloutEnded) {
      group.result = failed.result;
      group.detail = `${failed.message}${left}`;
    } else {
      group.result = 'failed';
      group.detail = `${lane.error.message}${undone}${left}`;
    }
  }
}

const SEVERITY = ['planned', 'unchanged', 'success', 'cancelled', 'rolled-back', 'failed'];

/** One value per group: plain for a single group, else a JSON object keyed by group (`region:name` outside the primary region). */
function perGroup(
  outcomes: GroupOutcome[],
  primary: string,
  pick: (o: GroupOutcome) => string | number | undefined,
) {
  if (outcomes.length === 1) {
    const v = pick(outcomes[0]);
    return v === undefined ? '' : String(v);
  }
  return JSON.stringify(Object.fromEntries(outcomes.map((o) => [groupKey(o, primary), pick(o) ?? null])));
}

export function setOutputs(outcomes: GroupOutcome[], primary: string): void {
  core.setOutput(
    'launch-template-version',
    perGroup(outcomes, primary, (o) => o.toVersion),
  );
  core.setOutput(
    'previous-ami-id',
    perGroup(outcomes, primary, (o) => o.fromAmi),
  );
  core.setOutput(
    'instance-refresh-id',
    perGroup(outcomes, primary, (o) => o.refreshId),
  );
  const worst = outcomes
    .map((o) => o.result ?? 'failed')
    .sort((a, b) => SEVERITY.indexOf(b) - SEVERITY.indexOf(a))[0];
  core.setOutput('result', worst ?? 'unchanged');
  const amis: Record<string, string> = {};
  for (const o of outcomes) if (o.toAmi && !amis[o.region]) amis[o.region] = o.toAmi;
  if (Object.keys(amis).length) setAmiOutputs(primary, amis);
}

function timeline(o: GroupOutcome): string {
  const started = o.startedAt;
  if (!started) return '';
  const at = (d: Date) => `+${formatSeconds((d.getTime() - started.getTime()) / 1000)}`;
  const parts = o.checkpoints.map((c) => `${c.percentage}% at ${at(c.reachedAt)} (${c.verdict})`);
  if (o.endedAt) parts.push(`ended at ${at(o.endedAt)}`);
  return parts.join(', ');
}

/** The launch template versions, or for a group that resolves an SSM parameter, the parameter's. */
function versions(o: GroupOutcome): string {
  if (o.parameter)
    return `${o.parameter.name} version ${o.parameter.fromVersion} -> ${o.parameter.toVersion ?? '-'}`;
  return `${o.fromVersion ?? '?'} -> ${o.toVersion ?? '-'}`;
}

export function summarize(title: string, outcomes: GroupOutcome[], primary: string): void {
  summaryTable(
    title,
    ['group', 'strategy', 'version', 'AMI', 'refresh', 'settings', 'timeline', 'result'],
    outcomes.map((o) => [
      groupKey(o, primary),
      o.strategy,
      versions(o),
      `${o.fromAmi ?? '?'} -> ${o.toAmi ?? '-'}`,
      o.refreshId,
      o.settings,
      timeline(o),
      `${o.result}: ${o.detail}${o.warnings.length ? ` (warning: ${o.warnings.join(' ')})` : ''}`,
    ]),
  );
}

export function logOutcomes(outcomes: GroupOutcome[], primary: string): void {
  for (const o of outcomes) {
    const line = `${groupKey(o, primary)}: ${o.result} - ${o.detail}`;
    if (o.result === 'failed' || o.result === 'rolled-back' || o.result === 'cancelled') core.error(line);
    else core.info(line);
  }
}

/** Fails the step when any group did not end well, naming each. */
export function verdict(outcomes: GroupOutcome[], primary: string, what: string, outcome: Outcome): void {
  const bad = outcomes.filter((o) => ['failed', 'rolled-back', 'cancelled'].includes(o.result ?? 'failed'));
  if (outcome.cancelled || !bad.length) return;
  throw new RolloutError(
    `${what} failed for ${bad.length} of ${outcomes.length} group(s): ` +
      bad.map((o) => `${groupKey(o, primary)} ${o.result} (${o.detail})`).join('; '),
  );
}
