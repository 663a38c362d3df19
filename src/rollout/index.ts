/**
 * The rollout package: deploy and rollback are both a rollout, to a new AMI or back to an earlier
 * one. Instance refresh (rolling, canary) runs a lane per group, all groups at once; blue-green
 * brings an incoming group up beside the live one and switches the traffic to it.
 */
import * as core from '@actions/core';
import type { GroupRef } from '../inputs/deploy.js';
import type { Compensations, Outcome, Plan, Scope } from '../kernel/plan.js';
import type { RolloutConfig } from './config.js';
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
    refusals: planned.flatMap((p) => p.refusals),
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

/** The undo of what any rollout step records. */
export const rolloutCompensations: Compensations = {
  'stop-instance-refresh': stopRefreshUndo,
  // Blue-green's undo loads blue-green (and the Elastic Load Balancing client) only when replayed.
  'retire-incoming-group': async (undo, undoScope) =>
    (await import('./blue-green/incoming.js')).retireIncomingUndo(undo, undoScope),
  'release-deploy-lock': releaseLockUndo,
  'restore-parameter': restoreParameterUndo,
};
