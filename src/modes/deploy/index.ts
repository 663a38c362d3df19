/**
 * Mode deploy: rolls an AMI out to Auto Scaling groups with an instance refresh (rolling or canary),
 * one refresh per group, all groups concurrently; each new launch template version records the AMI
 * it replaces, which mode rollback reads.
 */
import * as core from '@actions/core';
import type { RunContext } from '../../context.js';
import type { ConfigByMode } from '../../inputs.js';
import { phase } from '../../report/timeline.js';
import { DeployError } from './groups.js';
import { describeDeploy } from './history.js';
import { stopPendingRefreshes } from './pending.js';
import { logOutcomes, setOutputs, summarize, verdict } from './report.js';
import { rolloutAll } from './rollout.js';

export async function run(config: ConfigByMode['deploy'], context: RunContext): Promise<void> {
  const amiFor = (region: string): string => {
    const ami = config.amis?.[region] ?? (region === config.region ? config.amiId : undefined);
    if (!ami) {
      throw new DeployError(
        `No AMI for ${region}: ${config.amis ? 'amis has no entry for it' : 'ami-id is for the primary region only'}. ` +
          'Pass amis from mode: publish with this region in copy-to-regions.',
      );
    }
    return ami;
  };
  const outcomes = await phase(config.dryRun ? 'Deploy plan (dry run)' : 'Deploy', () =>
    rolloutAll(
      config.asg,
      async (state) => {
        const ami = amiFor(state.region);
        const run = context.runUrl ? ` (${context.runUrl})` : '';
        return { state, ami, description: describeDeploy(ami, state.ami, state.version, run) };
      },
      config,
      context,
      'deploy',
    ),
  );
  logOutcomes(outcomes, config.region);
  setOutputs(outcomes, config.region);
  summarize(config.dryRun ? 'Deploy plan (dry run)' : 'Deploy', outcomes, config.region);
  if (config.dryRun) core.info('dry-run: nothing was changed.');
  verdict(outcomes, config.region, 'Deploy');
}

/** The post step: stops refreshes the main step started but could not see to an end. */
export async function post(_context: RunContext): Promise<void> {
  await stopPendingRefreshes();
}
