/**
 * The deploy lock: tag `ami-action:deploy-lock` (`<run> <time>`) on the live group while a deploy
 * runs. Taken after checking nobody holds it, then read back (last writer wins, so of two deploys
 * racing, the one that reads its own value goes on). Recorded in the undo journal, so a failed step
 * or the post step releases it.
 */
import * as core from '@actions/core';
import {
  AutoScalingClient,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../aws/clients.js';
import { waitUntil } from '../../aws/wait.js';
import type { Deadline } from '../../kernel/deadline.js';
import type { Recorded } from '../../kernel/journal.js';
import type { StepScope, UndoScope } from '../../kernel/plan.js';
import type { UndoOf } from '../../kernel/state.js';
import { RolloutError } from '../config.js';
import { BG_TAG } from './tags.js';

/** The lock as the journal keeps it: the live group, then also the incoming one (so the switch is never unguarded). */
export type Lock = Recorded<'release-lock'>;

function lockTag(group: string, value: string) {
  return {
    ResourceId: group,
    ResourceType: 'auto-scaling-group',
    Key: BG_TAG.lock,
    Value: value,
    PropagateAtLaunch: false,
  };
}

export async function lockValue(region: string, group: string): Promise<string | undefined> {
  const out = await awsClient(AutoScalingClient, region).send(
    new DescribeTagsCommand({
      Filters: [
        { Name: 'auto-scaling-group', Values: [group] },
        { Name: 'key', Values: [BG_TAG.lock] },
      ],
    }),
  );
  return out.Tags?.[0]?.Value;
}

export class LockHeld extends RolloutError {}

export function heldMessage(group: string, region: string, held: string): string {
  const [run, since] = held.split(' ');
  return (
    `Group '${group}' in ${region} is locked by another deploy (run ${run}, since ${since ?? '?'}; tag ${BG_TAG.lock}). ` +
    'Nothing was changed. Wait for that deploy to end, or set on-conflict: wait. ' +
    `If no deploy runs (a job killed before its post step), remove the tag ${BG_TAG.lock} from the group.`
  );
}

/** Waits until the lock is gone (released, or the group deleted by the deploy that held it). */
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
      const now = await lockValue(region, group);
      return now ? { done: false, status: `held by ${now}` } : { done: true, value: undefined };
    },
  });
}

/** Takes the lock (recorded in the journal first), or throws LockHeld saying who holds it. */
export async function takeLock(region: string, group: string, run: string, step: StepScope): Promise<Lock> {
  const held = await lockValue(region, group);
  if (held) throw new LockHeld(heldMessage(group, region, held));
  const value = `${run} ${new Date().toISOString()}`;
  const lock = step.record({ kind: 'release-lock', region, groups: [group], value });
  await awsClient(AutoScalingClient, region).send(
    new CreateOrUpdateTagsCommand({ Tags: [lockTag(group, value)] }),
  );
  const readBack = await lockValue(region, group);
  if (readBack !== value) {
    // Another deploy wrote after us: it holds the lock, and ours is not there to release.
    lock.settle();
    throw new LockHeld(heldMessage(group, region, readBack ?? 'unknown'));
  }
  return lock;
}

/** Puts the same lock on another group (the incoming one, before it takes the traffic). */
export async function extendLock(lock: Lock, group: string): Promise<void> {
  const { region, value, groups } = lock.entry;
  lock.update({ groups: [...groups, group] });
  await awsClient(AutoScalingClient, region).send(
    new CreateOrUpdateTagsCommand({ Tags: [lockTag(group, value)] }),
  );
}

/** Removes the lock where it is still ours (a group may be gone: then there is nothing to do). */
export async function releaseLock(
  lock: Pick<UndoOf<'release-lock'>, 'region' | 'groups' | 'value'>,
): Promise<string> {
  const released: string[] = [];
  for (const group of lock.groups) {
    const now = await lockValue(lock.region, group).catch(() => undefined);
    if (now !== lock.value) continue;
    await awsClient(AutoScalingClient, lock.region).send(
      new DeleteTagsCommand({
        Tags: [{ ResourceId: group, ResourceType: 'auto-scaling-group', Key: BG_TAG.lock }],
      }),
    );
    core.info(`Released the deploy lock on '${group}'.`);
    released.push(group);
  }
  return released.length
    ? `released the deploy lock on ${released.join(', ')}`
    : 'no deploy lock of this run was left';
}

/** The undo (and the last step of a blue-green rollout): releases the lock. */
export async function releaseLockUndo(undo: UndoOf<'release-lock'>, _scope: UndoScope): Promise<string> {
  return releaseLock(undo);
}
