/**
 * Mode rollback: puts back, on each group, the AMI it ran before its current one, as deploy recorded
 * it in the launch template versions. The rollback records itself, so a second rollback goes one
 * step further back, never to the AMI the first one removed. With strategy blue-green it switches
 * back to the group a deploy kept (keep-old) instead.
 */
import * as core from '@actions/core';
import type { RunContext } from '../../context.js';
import type { ConfigByMode } from '../../inputs.js';
import { phase } from '../../report/timeline.js';
import { runBlueGreenRollback } from '../deploy/blue-green/rollback.js';
import { postBlueGreen } from '../deploy/blue-green.js';
import { DeployError, templateVersion } from '../deploy/groups.js';
import { describeRollback, rollbackTarget } from '../deploy/history.js';
import { stopPendingRefreshes } from '../deploy/pending.js';
import { logOutcomes, setOutputs, summarize, verdict } from '../deploy/report.js';
import { rolloutAll } from '../deploy/rollout.js';

export async function run(config: ConfigByMode['rollback'], context: RunContext): Promise<void> {
  if (config.strategy === 'blue-green') {
    await phase(config.dryRun ? 'Blue-green rollback plan (dry run)' : 'Blue-green rollback', () =>
      runBlueGreenRollback(config, context),
    );
    return;
  }
  const title = config.dryRun ? 'Rollback plan (dry run)' : 'Rollback';
  const outcomes = await phase(title, () =>
    rolloutAll(
      config.asg,
      async (state) => {
        const target = await rollbackTarget(state.version, async (v) =>
          v === state.version
            ? state.description
            : (await templateVersion(state.region, state.templateId, String(v))).VersionDescription,
        );
        if ('none' in target) {
          throw new DeployError(
            `Nothing to roll back to for '${state.name}' in ${state.region} (on ${state.ami}, version ${state.version}): ${target.none}.`,
          );
        }
        const run = context.runUrl ? ` (${context.runUrl})` : '';
        return {
          state,
          ami: target.ami,
          description: describeRollback(target.ami, target.stateOfVersion, state.ami, run),
        };
      },
      config,
      context,
      'rollback',
    ),
  );
  logOutcomes(outcomes, config.region);
  setOutputs(outcomes, config.region);
  summarize(title, outcomes, config.region);
  if (config.dryRun) core.info('dry-run: nothing was changed.');
  verdict(outcomes, config.region, 'Rollback');
}

/** The post step: stops refreshes the main step started but could not see to an end; undoes a blue-green rollback cut short. */
export async function post(_context: RunContext): Promise<void> {
  await stopPendingRefreshes();
  await postBlueGreen();
}
