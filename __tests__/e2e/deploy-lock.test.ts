/**
 * The deploy lock under a real race: two blue-green deploys of one group started at the same
 * instant. Simulated time stands still here (one simulated second per 1,000 real ones) until the
 * test moves it, so the deploy that holds the lock cannot finish, however slowly the other process
 * starts on a loaded machine: whichever way the race goes, the other one meets the lock. Only once
 * that one has ended does the test move the clock and let the holder finish. No timing is assumed.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ActionRun } from '../helpers/action.js';
import { blueGreenWorld } from '../helpers/blue-green.js';
import { runAgainst } from '../helpers/e2e.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1000 });
beforeEach(() => aws.reset());
const { ec2, newAmi, groupNames, group, amisOf, locks } = blueGreenWorld(aws, 'f');

const REPETITIONS = 10;

function deploy(ami: string, run: string, inputs: Record<string, string> = {}) {
  return runAgainst(aws, {
    inputs: { mode: 'deploy', 'ami-id': ami, asg: 'demo-app', strategy: 'blue-green', ...inputs },
    env: { GITHUB_RUN_ID: run },
  });
}

/** Moves simulated time on (20 simulated seconds every 100 ms) until every run given has ended. */
async function letTimePass(runs: Promise<ActionRun>[]): Promise<ActionRun[]> {
  let ended = false;
  const all = Promise.all(runs).finally(() => {
    ended = true;
  });
  while (!ended) {
    await aws.advance(20);
    await sleep(100);
  }
  return all;
}

/** The operations that changed something, with how each ended. */
async function changes(): Promise<string[]> {
  return (await aws.calls())
    .filter((c) => !/^(Describe|Get|List)/.test(c.operation) && !c.dryRun)
    .map((c) => `${c.operation} ${c.outcome}`);
}

describe('two blue-green deploys of one group started at the same instant', () => {
  it(`exactly one takes the lock and deploys; the other fails clearly having changed nothing (${REPETITIONS} times)`, async () => {
    for (let k = 0; k < REPETITIONS; k++) {
      if (k) await aws.reset();
      const amis = [await newAmi(), await newAmi()];
      const ids = [`${k}01`, `${k}02`];
      // Both started before either is awaited: no delay between them.
      const runs = [deploy(amis[0], ids[0]), deploy(amis[1], ids[1])];
      // The holder cannot end while time stands still: the first to end is the other one.
      const first = await Promise.race(runs.map((run, i) => run.then((r) => ({ r, i }))));
      const lost = first.r;
      const w = 1 - first.i;
      const context = `repetition ${k}:\n${lost.log}`;
      expect(lost.exitCode, context).toBe(1);
      expect(lost.errors.join('\n'), context).toMatch(
        new RegExp(
          `Group 'demo-app' in us-east-1 is locked by another deploy \\(run ${ids[w]}-1[ ,].*\\)\\. Nothing was changed\\.`,
        ),
      );
      // The holder's lock, on both groups; the only changes are the holder's (a lost PutParameter at most).
      expect(
        Object.entries(await locks()).map(([name, v]) => [name, v.run]),
        context,
      ).toEqual([
        ['/ami-action/locks/us-east-1/demo-app', `${ids[w]}-1`],
        ['/ami-action/locks/us-east-1/demo-app-green', `${ids[w]}-1`],
      ]);
      const made = await changes();
      expect(
        made.filter((c) => c.startsWith('PutParameter ok')),
        context,
      ).toHaveLength(2);
      // The other one met the lock in its plan, or lost the create itself.
      const refused = made.filter((c) => c.startsWith('PutParameter ') && c !== 'PutParameter ok');
      expect(refused.length, context).toBeLessThanOrEqual(1);
      expect(new Set(refused), context).toEqual(
        new Set(refused.length ? ['PutParameter ParameterAlreadyExists'] : []),
      );
      expect(
        made.filter((c) => c.startsWith('CreateLaunchTemplateVersion')),
        context,
      ).toEqual(['CreateLaunchTemplateVersion ok']);

      const [won] = await letTimePass([runs[w]]);
      expect(won.errors, `repetition ${k}:\n${won.log}`).toEqual([]);
      expect(won.exitCode).toBe(0);
      expect(won.outputs['ami-id']).toBe(amis[w]);
      expect(await groupNames()).toEqual(['demo-app-green']);
      const green = await group('demo-app-green');
      expect(new Set(await amisOf(green.Instances!.map((i) => i.InstanceId!)))).toEqual(new Set([amis[w]]));
      const versions = await ec2().send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'demo-app' }),
      );
      expect(versions.LaunchTemplateVersions).toHaveLength(2);
      expect(await locks()).toEqual({});
    }
  }, 240_000);

  it('with on-conflict: wait, the other one waits for the lock and deploys after, or (both planned before either held it) fails at the lock having changed nothing', async () => {
    for (let k = 0; k < 3; k++) {
      if (k) await aws.reset();
      const amis = [await newAmi(), await newAmi()];
      const runs = [
        deploy(amis[0], `7${k}1`, { 'on-conflict': 'wait' }),
        deploy(amis[1], `7${k}2`, { 'on-conflict': 'wait' }),
      ];
      const done = await letTimePass(runs);
      const failed = done.filter((r) => r.exitCode !== 0);
      expect(failed.length, done.map((r) => r.log).join('\n---\n')).toBeLessThanOrEqual(1);
      if (failed.length) {
        // It lost the create of the lock itself: its plan no longer holds, nothing of it was made.
        expect(failed[0].errors.join('\n')).toMatch(
          /is locked by another deploy \(run 7\d\d-1.*\)\. Nothing was changed\./,
        );
        const versions = await ec2().send(
          new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'demo-app' }),
        );
        expect(versions.LaunchTemplateVersions).toHaveLength(2);
        const won = done.findIndex((r) => r.exitCode === 0);
        expect(await groupNames()).toEqual(['demo-app-green']);
        const live = await group('demo-app-green');
        expect(new Set(await amisOf(live.Instances!.map((i) => i.InstanceId!)))).toEqual(
          new Set([amis[won]]),
        );
      } else {
        // It saw the lock in its plan, waited, and deployed from the group that served then.
        const waited = done.findIndex((r) => /locked by another deploy/.test(r.log));
        expect(waited).toBeGreaterThanOrEqual(0);
        expect(await groupNames()).toEqual(['demo-app-blue']);
        const live = await group('demo-app-blue');
        expect(new Set(await amisOf(live.Instances!.map((i) => i.InstanceId!)))).toEqual(
          new Set([amis[waited]]),
        );
      }
      expect(await locks()).toEqual({});
    }
  }, 120_000);
});
