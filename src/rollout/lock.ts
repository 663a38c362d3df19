/**
 * The deploy lock of a group: the SSM parameter `/ami-action/locks/<region>/<group>`, created with
 * `Overwrite: false`. Parameter Store creates a name once: of two deploys that start at the same
 * instant, the second writer gets ParameterAlreadyExists, so exactly one holds the lock. Its value
 * (JSON) says which run holds it, since when and until when (on AWS's clock); a lock past its expiry
 * was left by a job that ended before its post step: it is reported as stale, never broken.
 *
 * A blue-green rollout takes the lock on both its groups (the live one and the one it brings in)
 * as its first step, recorded in the undo journal first, and releases it as its last; the post step
 * releases it when the main step could not. Any other rollout of a group honours the lock (it
 * refuses, or waits with on-conflict: wait) without taking it.
 */
import * as core from '@actions/core';
import { awsClient } from '../aws/clients.js';
import { awsNow } from '../aws/clock.js';
import { errorCode } from '../aws/errors.js';
import { getParameter } from '../aws/parameters.js';
import { loadSsm } from '../aws/ssm.js';
import { waitUntil } from '../aws/wait.js';
import type { Deadline } from '../kernel/deadline.js';
import type { Recorded } from '../kernel/journal.js';
import type { StepScope, UndoScope } from '../kernel/plan.js';
import type { UndoOf } from '../kernel/state.js';
import { oneLine } from '../report/foreign.js';
import { RolloutError } from './config.js';

export const LOCK_PATH = '/ami-action/locks';

/** After the step's timeout, how long the lock still counts as held (the post step's time to release it). */
export const LOCK_GRACE_SECONDS = 900;

export type Lock = Recorded<'release-deploy-lock'>;

export interface LockValue {
  run: string;
  /** When it was taken and until when it holds (ISO, AWS's clock). */
  since: string;
  expires: string;
  /** The workflow run that holds it, when known. */
  url?: string;
}

export interface HeldLock extends Partial<LockValue> {
  name: string;
  /** The parameter's value as found (for a value that is not the action's JSON). */
  raw: string;
  /** Past its expiry on AWS's clock. */
  stale: boolean;
}

/**
 * The lock's parameter name. Group names may hold any printable ASCII, parameter names only letters,
 * digits, `_ . -` and `/` (which would add levels): every other character, and `_` itself so that two
 * names never meet, is written `_` and its hex code (`my_app` -> `my_5fapp`, `a/b` -> `a_2fb`).
 */
export function lockName(region: string, group: string): string {
  const escaped = group.replace(
    /[^A-Za-z0-9.-]/g,
    (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return `${LOCK_PATH}/${region}/${escaped}`;
}

function parse(name: string, raw: string): HeldLock {
  let value: Partial<LockValue> = {};
  try {
    const parsed = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') value = parsed as Partial<LockValue>;
  } catch {
    // Not the action's: held by someone, until removed.
  }
  const expires = value.expires ? Date.parse(value.expires) : Number.NaN;
  return { name, raw, ...value, stale: Number.isFinite(expires) && expires <= awsNow().getTime() };
}

/** The lock on a group, when one is there. */
export async function readLock(region: string, group: string): Promise<HeldLock | undefined> {
  const name = lockName(region, group);
  const found = await getParameter(region, name);
  return found?.value === undefined ? undefined : parse(name, found.value);
}

function holder(held: HeldLock): string {
  if (!held.run) return `value ${oneLine(held.raw.slice(0, 120))}`;
  return `run ${oneLine(held.run)}${held.url ? ` ${oneLine(held.url)}` : ''}, since ${oneLine(held.since ?? '?')}, until ${oneLine(held.expires ?? '?')}`;
}

/** A lock held by a running deploy. */
export function heldMessage(group: string, region: string, held: HeldLock): string {
  return (
    `Group '${group}' in ${region} is locked by another deploy (${holder(held)}; SSM parameter ${held.name}). ` +
    'Nothing was changed. Wait for that deploy to end, or set on-conflict: wait.'
  );
}

/** A lock past its expiry: left by a job that ended before its post step. Reported, never broken. */
export function staleMessage(group: string, region: string, held: HeldLock): string {
  return (
    `Group '${group}' in ${region} is locked by a deploy that never released it (${holder(held)}; SSM parameter ${held.name}): ` +
    `the lock expired at ${held.expires} and it is ${awsNow().toISOString()} on AWS's clock, so that job most likely ended before its post step. ` +
    'Nothing was changed, and the action does not break a lock by itself. If no deploy of this group is running, remove it: ' +
    `aws ssm delete-parameter --region ${region} --name ${held.name}`
  );
}

/** Why a rollout may not go on while the lock is there (stale or held). */
export function lockedMessage(group: string, region: string, held: HeldLock): string {
  return held.stale ? staleMessage(group, region, held) : heldMessage(group, region, held);
}

export class LockHeld extends RolloutError {}

/**
 * Waits until the lock on a group is gone (released, or the group's deploy ended), drawing from the
 * deadline. A lock that turns stale meanwhile ends the wait with why.
 */
export async function waitForRelease(
  region: string,
  group: string,
  options: { deadline: Deadline; pollIntervalSeconds: number },
): Promise<void> {
  await waitUntil({
    what: `the deploy lock on '${group}' to be released (on-conflict: wait)`,
    deadline: options.deadline,
    pollIntervalSeconds: options.pollIntervalSeconds,
    check: async () => {
      const now = await readLock(region, group);
      if (now?.stale) throw new LockHeld(staleMessage(group, region, now));
      return now ? { done: false, status: `held by ${holder(now)}` } : { done: true, value: undefined };
    },
  });
}

/**
 * Takes the lock on each group, in order, each parameter created only if absent (recorded in the
 * journal before its create call). When one is held already, the ones taken are released and
 * LockHeld says who holds it: nothing else was changed.
 */
export async function takeLock(
  region: string,
  groups: string[],
  value: { run: string; url?: string; seconds: number },
  step: StepScope,
): Promise<Lock> {
  const lock = step.record({ kind: 'release-deploy-lock', region, names: [], run: value.run });
  const since = awsNow();
  const body: LockValue = {
    run: value.run,
    since: since.toISOString(),
    expires: new Date(since.getTime() + value.seconds * 1000).toISOString(),
    ...(value.url ? { url: value.url } : {}),
  };
  for (const group of groups) {
    const name = lockName(region, group);
    lock.update({ names: [...lock.entry.names, name] });
    try {
      const { SSMClient, PutParameterCommand } = await loadSsm();
      await awsClient(SSMClient, region).send(
        new PutParameterCommand({
          Name: name,
          Value: JSON.stringify(body),
          Type: 'String',
          Overwrite: false,
          Description: `ami-action deploy lock of Auto Scaling group ${group}`,
        }),
      );
    } catch (error) {
      if (errorCode(error) !== 'ParameterAlreadyExists') throw error;
      const held = (await readLock(region, group)) ?? { name, raw: '(released meanwhile)', stale: false };
      // The SDK retries a request whose answer was lost: when the first attempt created the lock,
      // the retry is refused, and the lock there is this call's own (same run, same since).
      if (held.run === body.run && held.since === body.since) continue;
      // Someone else's: never ours to release.
      lock.update({ names: lock.entry.names.filter((n) => n !== name) });
      await releaseLock(lock.entry);
      lock.settle();
      throw new LockHeld(lockedMessage(group, region, held));
    }
  }
  core.info(`Took the deploy lock on ${groups.map((g) => `'${g}'`).join(', ')} (until ${body.expires}).`);
  return lock;
}

/** Removes the lock parameters that are still this run's (one taken by another run is left alone). */
export async function releaseLock(
  lock: Pick<UndoOf<'release-deploy-lock'>, 'region' | 'names' | 'run'>,
): Promise<string> {
  const released: string[] = [];
  for (const name of lock.names) {
    const now = await getParameter(lock.region, name);
    if (now?.value === undefined || parse(name, now.value).run !== lock.run) continue;
    try {
      const { SSMClient, DeleteParameterCommand } = await loadSsm();
      await awsClient(SSMClient, lock.region).send(new DeleteParameterCommand({ Name: name }));
    } catch (error) {
      if (errorCode(error) !== 'ParameterNotFound') throw error;
    }
    released.push(name);
  }
  if (released.length) core.info(`Released the deploy lock (${released.join(', ')}).`);
  return released.length
    ? `released the deploy lock (${released.join(', ')})`
    : 'no deploy lock of this run was left';
}

/** The undo (and the last step of a blue-green rollout): releases the lock. */
export async function releaseLockUndo(
  undo: UndoOf<'release-deploy-lock'>,
  _scope: UndoScope,
): Promise<string> {
  return releaseLock(undo);
}
