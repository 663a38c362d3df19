/**
 * The rollout package: deploy and rollback are both a rollout, to a new AMI or back to an earlier
 * one. Instance refresh (rolling, canary) runs a lane per group, all groups at once; blue-green
 * brings an incoming group up beside the live one and switches the traffic to it.
 */
import * as core from '@actions/core';
import type { GroupRef } from '../inputs/deploy.js';
import type { Compensations, Outcome, Plan, Scope } from '../kernel/plan.js';
import type { RolloutConfig } from './config.js';
import type { LanePlan } from './lane.js';
import { releaseLockUndo } from './lock.js';
import { restoreParameterUndo } from './parameter.js';
import { stopRefreshUndo } from './refresh.js';
import { planRefreshLane, RegionReads } from './refresh-lane.js';
import { logOutcomes, setOutputs, settleOutcomes, summarize, verdict } from './report.js';
import type { RolloutTarget } from './target.js';

export async function planRollout(config: RolloutConfig, scope: Scope, target: RolloutTarget): Promise<Plan> {
  if (config.strategy === 'blue-green') {
    // Blue-green (and with it the Elastic Load Balancing client) is loaded only for strategy blue-green.
    const { planBlueGreen } = await import('./blue-green/flow.js');
    return planBlueGreen(config, scope, target.kind);
  }
  const reads = new RegionReads();
  const planned = await Promise.all(
    distinctGroups(config.asg, config.region).map((ref) =>
      planRefreshLane(ref, config, target, reads, scope),
    ),
  );
  const outcomes = planned.map((p) => p.outcome);
  const what = target.kind === 'deploy' ? 'Deploy' : 'Rollback';
  return {
    facts: [],
    refusals: [...sharedParameters(planned), ...planned.flatMap((p) => p.refusals)],
    lanes: planned.map((p) => p.lane),
    report: (outcome: Outcome) => {
      if (outcome.refused) {
        // Nothing was changed; the refusal itself is the step's error.
        for (const o of outcomes) o.result ??= 'failed';
        setOutputs(outcomes, config.region);
        return;
      }
      settleOutcomes(outcomes, outcome);
      const title = outcome.dryRun ? `${what} plan (dry run)` : what;
      logOutcomes(outcomes, config.region);
      setOutputs(outcomes, config.region);
      summarize(title, outcomes, config.region);
      if (outcome.dryRun) core.info('dry-run: nothing was changed.');
      verdict(outcomes, config.region, what, outcome);
    },
  };
}

/** Each group once (one refresh per group), in the order given. */
function distinctGroups(refs: GroupRef[], region: string): { region: string; name: string }[] {
  const seen = new Set<string>();
  return refs
    .map((r) => ({ region: r.region ?? region, name: r.name }))
    .filter((r) => !seen.has(`${r.region}/${r.name}`) && seen.add(`${r.region}/${r.name}`));
}

/**
 * Groups whose templates resolve the same SSM parameter cannot roll out in one run: each group's lane
 * writes its own version of it, and when one lane fails after another wrote, its undo (and the post
 * step's) refuses to put the value back over the other's version, leaving the parameter and the groups
 * on the new AMI. One writer per parameter: the plan refuses the run, naming the groups.
 */
function sharedParameters(planned: LanePlan[]): string[] {
  const writers = new Map<string, { region: string; parameter: string; groups: string[] }>();
  for (const p of planned) {
    if (!p.writes) continue;
    const key = `${p.writes.region}\n${p.writes.parameter}`;
    const seen = writers.get(key) ?? { ...p.writes, groups: [] };
    seen.groups.push(p.outcome.group);
    writers.set(key, seen);
  }
  return [...writers.values()]
    .filter((w) => w.groups.length > 1)
    .map(
      (w) =>
        `Groups ${w.groups.map((g) => `'${g}'`).join(', ')} in ${w.region} all launch the AMI SSM parameter ${w.parameter} names (resolve:ssm:${w.parameter}): ` +
        "a rollout writes one version of it per group, and when one group fails after another wrote, its rollback could not put the previous value back over the other's version. " +
        `Nothing was changed. Give asg one of these groups per run (the others launch the new value from then on; an instance refresh of them rolls it out), ` +
        `or write ${w.parameter} once (mode: publish with ssm-parameter does) and refresh the groups, or point each group at its own parameter.`,
    );
}

/** The undo of what any rollout step records. */
export const rolloutCompensations: Compensations = {
  'stop-instance-refresh': stopRefreshUndo,
  // Blue-green's undo loads blue-green (and the Elastic Load Balancing client) only when replayed.
  'retire-incoming-group': async (undo, undoScope) =>
    (await import('./blue-green/incoming.js')).retireIncomingUndo(undo, undoScope),
  'release-deploy-lock': releaseLockUndo,
  'restore-parameter': restoreParameterUndo,
};
