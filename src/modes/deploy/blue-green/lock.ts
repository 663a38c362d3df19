/**
 * The deploy lock: tag `ami-action:deploy-lock` (`<run> <time>`) on the live group while a deploy
 * runs. Taken after checking nobody holds it, then read back (last writer wins, so of two deploys
 * racing, the one that reads its own value goes on). Saved for the post step, which removes it
 * when the main step could not.
 */
import * as core from '@actions/core';
import {
  AutoScalingClient,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../../aws/clients.js';
import { waitUntil } from '../../../aws/wait.js';
import { DeployError } from '../groups.js';
import { BG_TAG } from './tags.js';

export const LOCK_STATE = 'blue-green-lock';

export interface Lock {
  region: string;
  /** The live group, then also the new one once it exists (so the switch is never unguarded). */
  groups: string[];
  value: string;
}

function lockTag(group: string, value: string) {
  return {
    ResourceId: group,
    ResourceType: 'auto-scaling-group',
    Key: BG_TAG.lock,
    Value: value,
    PropagateAtLaunch: false,
  };
}

async function lockValue(region: string, group: string): Promise<string | undefined> {
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

export class LockHeld extends DeployError {}

function heldMessage(group: string, region: string, held: string): string {
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
  options: { timeoutSeconds: number; pollIntervalSeconds: number },
): Promise<void> {
  await waitUntil({
    what: `the deploy lock on '${group}' to be released (on-conflict: wait)`,
    timeoutSeconds: options.timeoutSeconds,
    pollIntervalSeconds: options.pollIntervalSeconds,
    check: async () => {
      const now = await lockValue(region, group);
      return now ? { done: false, status: `held by ${now}` } : { done: true, value: undefined };
    },
  });
}

/** Takes the lock, or throws LockHeld saying who holds it. */
export async function takeLock(region: string, group: string, run: string): Promise<Lock> {
  const held = await lockValue(region, group);
  if (held) throw new LockHeld(heldMessage(group, region, held));
  const value = `${run} ${new Date().toISOString()}`;
  await awsClient(AutoScalingClient, region).send(
    new CreateOrUpdateTagsCommand({ Tags: [lockTag(group, value)] }),
  );
  const lock: Lock = { region, groups: [group], value };
  core.saveState(LOCK_STATE, JSON.stringify(lock));
  const readBack = await lockValue(region, group);
  if (readBack !== value) {
    throw new LockHeld(heldMessage(group, region, readBack ?? 'unknown'));
  }
  return lock;
}

/** Puts the same lock on another group (the new one, before it takes the traffic). */
export async function extendLock(lock: Lock, group: string): Promise<void> {
  await awsClient(AutoScalingClient, lock.region).send(
    new CreateOrUpdateTagsCommand({ Tags: [lockTag(group, lock.value)] }),
  );
  lock.groups.push(group);
  core.saveState(LOCK_STATE, JSON.stringify(lock));
}

/** Removes the lock where it is still ours (a group may be gone: then there is nothing to do). */
export async function releaseLock(lock: Lock): Promise<void> {
  for (const group of lock.groups) {
    const now = await lockValue(lock.region, group).catch(() => undefined);
    if (now !== lock.value) continue;
    await awsClient(AutoScalingClient, lock.region).send(
      new DeleteTagsCommand({
        Tags: [{ ResourceId: group, ResourceType: 'auto-scaling-group', Key: BG_TAG.lock }],
      }),
    );
    core.info(`Released the deploy lock on '${group}'.`);
  }
  core.saveState(LOCK_STATE, '');
}

/** At the end of a deploy or rollback, whatever its outcome: a lock left behind is only warned about. */
export async function releaseLockAtEnd(lock: Lock): Promise<void> {
  await releaseLock(lock).catch((error) =>
    core.warning(
      `Could not release the deploy lock on ${lock.groups.join(', ')}: ${(error as Error).message}`,
    ),
  );
}

/** The post step: releases a lock the main step left behind. */
export async function releaseSavedLock(): Promise<void> {
  const saved = core.getState(LOCK_STATE);
  if (!saved) return;
  await releaseLock(JSON.parse(saved) as Lock);
}
