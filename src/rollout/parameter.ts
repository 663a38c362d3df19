/**
 * Groups whose launch template takes its AMI from an SSM parameter (`ImageId: resolve:ssm:/app/ami`)
 * deploy by parameter: a new version of the parameter (its description the rollout history record,
 * labelled `run-<run id>`), then an instance refresh with the same template, which resolves the new
 * value at launch. AWS's own auto-rollback is not available for such templates, so the action rolls
 * back itself: the previous version's value goes back as a new version, and another refresh brings
 * every instance back to it. A rollback goes back along the versions' history records the same way.
 *
 * Parameter Store keeps 100 versions and refuses a write while the oldest carries a label: every
 * write here first moves the labels off the oldest version when it is about to be dropped.
 */
import * as core from '@actions/core';
import {
  AutoScalingClient,
  type RefreshPreferences,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../aws/clients.js';
import { errorCode } from '../aws/errors.js';
import {
  getParameter,
  labelVersion,
  MAX_VERSIONS,
  type ParameterVersion,
  parameterHistory,
  unlabelVersion,
  writeVersion,
} from '../aws/parameters.js';
import { waitUntil } from '../aws/wait.js';
import type { Deadline } from '../kernel/deadline.js';
import type { UndoResult, UndoScope } from '../kernel/plan.js';
import type { UndoOf } from '../kernel/state.js';
import { oneLine } from '../report/foreign.js';
import { RolloutError } from './config.js';
import { parseRecord, rollbackTarget } from './history.js';
import { activeRefresh, isActive, refreshById } from './refresh.js';

const SSM_IMAGE = /^resolve:ssm:(.+)$/;

/** The parameter a `resolve:ssm:` image id names: its name, and a version or label when it pins one. */
export function parameterOf(imageRef: string): { name: string; selector?: string } | undefined {
  const ref = SSM_IMAGE.exec(imageRef)?.[1];
  if (!ref) return undefined;
  if (ref.startsWith('arn:')) return { name: ref };
  const at = ref.lastIndexOf(':');
  return at > 0 ? { name: ref.slice(0, at), selector: ref.slice(at + 1) } : { name: ref };
}

export interface ParameterState {
  name: string;
  value: string;
  version: number;
  dataType: string;
  /** Every version kept, oldest first. */
  history: ParameterVersion[];
}

/** The parameter's value, version, data type and history (every page); undefined when it does not exist. */
export async function readParameterState(region: string, name: string): Promise<ParameterState | undefined> {
  const current = await getParameter(region, name);
  if (current?.value === undefined || current.version === undefined) return undefined;
  return {
    name,
    value: current.value.trim(),
    version: current.version,
    dataType: current.dataType ?? 'text',
    history: await parameterHistory(region, name),
  };
}

/**
 * What a rollback of the parameter puts back: the value the deploy that made the current version
 * replaced, as the versions' descriptions record it (a record counts only on a version that holds
 * the AMI it names: a later write that kept the description is not a deploy).
 */
export async function parameterRollback(state: ParameterState) {
  return rollbackTarget(state.version, async (version) => {
    const v = state.history.find((h) => h.version === version);
    const record = parseRecord(v?.description);
    return v && record && record.ami === v.value ? v.description : undefined;
  });
}

/** The label of the version a run writes (labels may not start with a digit, nor aws or ssm). */
export function runLabel(run: string, prefix = 'run'): string {
  return `${prefix}-${run}`.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 100);
}

/**
 * Makes room for one more version: when Parameter Store keeps all it can and the oldest version
 * carries labels, the write would fail (ParameterMaxVersionLimitExceeded) until the labels move.
 */
async function makeRoom(region: string, name: string): Promise<void> {
  const history = await parameterHistory(region, name);
  const oldest = history[0];
  if (history.length < MAX_VERSIONS || !oldest?.labels.length) return;
  await unlabelVersion(region, name, oldest.version, oldest.labels);
  core.info(
    `${name}: label(s) ${oldest.labels.join(', ')} removed from version ${oldest.version}, the oldest of the ${MAX_VERSIONS} Parameter Store keeps, which the new version replaces.`,
  );
}

/** Writes a new version (room made first), labels it; returns its number once SSM shows it. */
export async function writeLabelledVersion(
  region: string,
  name: string,
  ami: string,
  options: {
    description: string;
    dataType: string;
    label: string;
    deadline: Deadline;
    pollIntervalSeconds: number;
  },
): Promise<number> {
  await makeRoom(region, name);
  const version = await writeVersion(region, name, ami, options);
  await labelVersion(region, name, version, options.label);
  return version;
}

/**
 * Puts the previous value back as a new version, unless it is there already. A version someone
 * else wrote after this run's is left alone (it is not this run's to undo). What it did, in words.
 */
export async function putBack(
  entry: UndoOf<'restore-parameter'>,
  options: { deadline: Deadline; pollIntervalSeconds: number },
): Promise<string> {
  const current = await getParameter(entry.region, entry.name);
  if (current?.value?.trim() === entry.value) {
    return `${entry.name} names ${entry.value} (version ${current.version})`;
  }
  if (entry.version !== undefined && current?.version !== undefined && current.version !== entry.version) {
    throw new RolloutError(
      `${entry.name} is at version ${current.version} (${current.value}), written after this run's version ${entry.version}: not putting ${entry.value} back over it. Check who wrote it.`,
    );
  }
  const version = await writeLabelledVersion(entry.region, entry.name, entry.value, {
    description: entry.description,
    dataType: entry.dataType,
    label: entry.label,
    ...options,
  });
  core.info(
    oneLine(
      `${entry.name}: version ${entry.fromVersion}'s value ${entry.value} put back as version ${version}.`,
    ),
  );
  return `${entry.name}: ${entry.value} (version ${entry.fromVersion}'s value) put back as version ${version}`;
}

const autoscaling = (region: string) => awsClient(AutoScalingClient, region);

/** Waits until the group has no refresh running (a cancelled one ending). */
async function untilNoRefresh(
  region: string,
  group: string,
  deadline: Deadline,
  pollIntervalSeconds: number,
) {
  await waitUntil({
    what: `the instance refresh of '${group}' to end`,
    deadline,
    pollIntervalSeconds,
    check: async () => {
      const r = await activeRefresh(region, group, 'poll');
      return r ? { done: false, status: `${r.Status}` } : { done: true, value: undefined };
    },
  });
}

/**
 * The refresh that brings every instance back to the value put back: the rollout's own preferences
 * (healthy percentages, warm-up, protected and standby instances), every instance replaced, nothing
 * to pause for or roll back. Started once no other refresh runs; its id.
 */
export async function startRefreshBack(
  entry: UndoOf<'restore-parameter'>,
  options: { deadline: Deadline; pollIntervalSeconds: number },
): Promise<string> {
  await untilNoRefresh(entry.region, entry.group, options.deadline, options.pollIntervalSeconds);
  const prefs = (entry.refresh ?? {}) as RefreshPreferences;
  const out = await autoscaling(entry.region).send(
    new StartInstanceRefreshCommand({
      AutoScalingGroupName: entry.group,
      Strategy: 'Rolling',
      Preferences: {
        MinHealthyPercentage: prefs.MinHealthyPercentage,
        MaxHealthyPercentage: prefs.MaxHealthyPercentage,
        InstanceWarmup: prefs.InstanceWarmup,
        ScaleInProtectedInstances: prefs.ScaleInProtectedInstances,
        StandbyInstances: prefs.StandbyInstances,
        SkipMatching: false,
        AutoRollback: false,
      },
    }),
  );
  core.info(
    oneLine(
      `'${entry.group}': instance refresh ${out.InstanceRefreshId} brings every instance back to ${entry.value}.`,
    ),
  );
  return out.InstanceRefreshId!;
}

/** Waits for a refresh to end; its final status. */
export async function refreshEnd(
  region: string,
  group: string,
  id: string,
  options: { deadline: Deadline; pollIntervalSeconds: number },
): Promise<{ status: string; reason?: string }> {
  return waitUntil({
    what: `instance refresh ${id} of '${group}' (back to the previous AMI)`,
    deadline: options.deadline,
    pollIntervalSeconds: options.pollIntervalSeconds,
    check: async () => {
      const r = await refreshById(region, group, id);
      if (r && isActive(r)) {
        return { done: false, status: `${r.Status} ${r.PercentageComplete ?? 0}%` };
      }
      return { done: true, value: { status: r?.Status ?? 'gone', reason: r?.StatusReason } };
    },
  });
}

/**
 * The undo of a parameter's new version: the previous value back as a new version, then (when this
 * run's refresh had started) a refresh back to it. The main step sees it through within the grace
 * budget; a cancelled job only puts the value back and leaves the refresh to the post step, which
 * starts it and does not wait.
 */
export async function restoreParameterUndo(
  undo: UndoOf<'restore-parameter'>,
  scope: UndoScope,
): Promise<UndoResult> {
  const options = { deadline: scope.deadline, pollIntervalSeconds: scope.pollIntervalSeconds };
  const done = await putBack(undo, options);
  if (!undo.refresh) return done;
  if (scope.hurry) {
    return {
      message: `${done}; the refresh back to ${undo.value} is left to the post step`,
      leftForPost: true,
    };
  }
  if (scope.inPostStep) {
    core.warning(
      `The main step ended while '${undo.group}' was rolling out a new version of ${undo.name}: ${undo.value} is back in it, and a refresh brings the instances back to it.`,
    );
  }
  let id: string;
  try {
    id = await startRefreshBack(undo, options);
  } catch (error) {
    if (errorCode(error) !== 'InstanceRefreshInProgress') throw error;
    return `${done}; a refresh was still running, so the instances were NOT refreshed back to ${undo.value}: start an instance refresh of '${undo.group}'`;
  }
  if (scope.inPostStep) return `${done}; instance refresh ${id} brings the instances back to ${undo.value}`;
  const ended = await refreshEnd(undo.region, undo.group, id, options).catch((error: Error) => ({
    status: `still going (${error.message})`,
    reason: undefined,
  }));
  return `${done}; instance refresh ${id} back to ${undo.value}: ${ended.status}`;
}
