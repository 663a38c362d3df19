/**
 * The plan of one group's instance refresh: what it reads, what it refuses, and its steps. A group
 * whose launch template takes its AMI from an SSM parameter goes by parameter (parameter-lane.ts);
 * any other by new numbered launch template versions (here). Both honour the deploy lock a
 * blue-green rollout holds on the group, the group's instance maintenance policy, and the
 * preferences for protected and standby instances, and say what they left on the old AMI.
 */
import * as core from '@actions/core';
import { GroupError, type GroupState, readGroup } from '../aws/groups.js';
import { ImageNotUsableError, readLaunchableImage } from '../aws/images.js';
import type { Recorded } from '../kernel/journal.js';
import { change, type Lane, type Scope, type Step, wait } from '../kernel/plan.js';
import { oneLine } from '../report/foreign.js';
import type { RolloutConfig } from './config.js';
import {
  describePreferences,
  honourLock,
  judgeRefresh,
  type LanePlan,
  laneChecks,
  type RegionReads,
} from './lane.js';
import { strayInstances } from './leftovers.js';
import type { GroupOutcome } from './outcome.js';
import { parameterOf } from './parameter.js';
import { planParameterLane } from './parameter-lane.js';
import {
  type Checkpoint,
  conflictSteps,
  createVersion,
  isNew,
  type NewVersions,
  setDefaultRefusals,
  setDefaultVersions,
  startRefresh,
  watchRefresh,
} from './refresh.js';
import type { RolloutTarget } from './target.js';

export { RegionReads } from './lane.js';

export async function planRefreshLane(
  ref: { region: string; name: string },
  config: RolloutConfig,
  target: RolloutTarget,
  reads: RegionReads,
  scope: Scope,
): Promise<LanePlan> {
  const outcome: GroupOutcome = {
    region: ref.region,
    group: ref.name,
    strategy: config.strategy,
    detail: '',
    checkpoints: [],
    warnings: [],
  };
  const lane: Lane = {
    name: ref.region === config.region ? ref.name : `${ref.region}:${ref.name}`,
    steps: [],
  };
  const refusals: string[] = [];
  // The group is read before the lock: reading the lock loads the SSM client (190 KB), and a step's
  // first request should not wait for that to compile (bench: cold start). A lock that holds nothing
  // up is the usual case; a lock waited for means the group is read again after it.
  const firstRead = readGroup(ref.region, ref.name);
  await firstRead.catch(() => undefined);
  const lock = await honourLock(ref.region, ref.name, config, scope);
  if (lock.refusal) return { lane, refusals: [lock.refusal], outcome };
  let group: GroupState;
  try {
    group = await (lock.waited ? readGroup(ref.region, ref.name) : firstRead);
  } catch (error) {
    if (!(error instanceof GroupError)) throw error;
    return { lane, refusals: [error.message], outcome };
  }
  if (group.templates.some((t) => parameterOf(t.imageRef))) {
    return planParameterLane(group, config, target, reads, { lane, outcome });
  }
  const primary = group.templates[0];
  outcome.fromVersion = primary.version;
  outcome.fromAmi = primary.ami ?? primary.imageRef;

  const changes: { template: (typeof group.templates)[number]; ami: string; description: string }[] = [];
  for (const template of group.templates) {
    const chosen = await target.choose(group, template);
    if ('none' in chosen) {
      refusals.push(chosen.none);
      continue;
    }
    if (template === primary) outcome.toAmi = chosen.ami;
    if (chosen.ami !== template.ami) changes.push({ template, ...chosen });
  }
  if (refusals.length) return { lane, refusals, outcome };
  const targetAmis = new Set([
    ...changes.map((c) => c.ami),
    ...group.templates.filter((t) => !changes.some((c) => c.template === t)).map((t) => t.ami ?? ''),
  ]);
  const versions: NewVersions = new Map();
  if (!changes.length) {
    // The templates are there already; instances an earlier rollout left behind (protected,
    // standby, a cancelled refresh) are not: a refresh of the current versions finishes the job.
    const stray = await strayInstances(group.region, group.name, targetAmis, config);
    if (!stray.length) {
      outcome.result = 'unchanged';
      outcome.detail = `already on ${outcome.toAmi} (version ${primary.version})`;
      return { lane, refusals, outcome };
    }
    core.info(
      `'${group.name}' already launches ${outcome.toAmi} (version ${primary.version}), but ${stray.join(', ')} run(s) another AMI: a refresh of the current version(s) replaces them.`,
    );
    for (const t of group.templates) versions.set(t.templateId, t.version);
    outcome.toVersion = primary.version;
  }
  for (const ami of new Set(changes.map((c) => c.ami))) {
    await readLaunchableImage(group.region, ami).catch((error) => {
      if (!(error instanceof ImageNotUsableError)) throw error;
      refusals.push(error.message);
    });
  }
  const { running, refusals: checked } = await laneChecks(group, config, reads, outcome);
  refusals.push(...checked);
  if (config.setDefaultVersion) {
    refusals.push(
      ...(await setDefaultRefusals(
        group,
        group.templates.filter((t) => versions.has(t.templateId) || changes.some((c) => c.template === t)),
      )),
    );
  }

  const checkpoints: Checkpoint[] = [];
  let refreshId = '';
  let started: Recorded<'stop-instance-refresh'> | undefined;
  const steps: Step[] = [
    ...(running && config.onConflict !== 'fail' ? conflictSteps(group, running, config) : []),
    ...changes.map(({ template, ami, description }) =>
      change(
        `create a version of launch template ${template.templateName} from version ${template.version} with ${ami}`,
        [
          {
            call: 'ec2:CreateLaunchTemplateVersion',
            detail: `${template.templateName} from version ${template.version}: ImageId ${ami}`,
          },
        ],
        async (step) => {
          const version = await createVersion(group, template, { ami, description }, step, target.kind);
          versions.set(template.templateId, version);
          if (template === primary) outcome.toVersion = version;
        },
      ),
    ),
    change(
      `start a ${config.strategy} instance refresh of '${group.name}'`,
      [
        {
          call: 'autoscaling:StartInstanceRefresh',
          detail: `${group.name}: ${describePreferences(config, group)}`,
        },
      ],
      async (step) => {
        outcome.startedAt = new Date();
        ({ refreshId, undo: started } = await startRefresh(group, versions, config, step, outcome));
        outcome.refreshId = refreshId;
        core.info(
          `'${group.name}' (${group.region}): ${outcome.fromAmi} -> ${outcome.toAmi}, version ${outcome.fromVersion} -> ${outcome.toVersion}, refresh ${refreshId}`,
        );
      },
    ),
    wait(
      `the instance refresh of '${group.name}' to end${config.strategy === 'canary' ? ', watching the new instances at each checkpoint' : ''}`,
      async (step) => {
        const watched = await watchRefresh(group, refreshId, isNew(versions), config, step, checkpoints);
        outcome.checkpoints = watched.checkpoints;
        outcome.endedAt = new Date();
        // It ended one way or another: nothing left to stop.
        started?.settle();
        await judgeRefresh(group, watched, config, outcome, targetAmis);
      },
    ),
  ];
  if (config.setDefaultVersion) {
    steps.push(
      change(
        `make the new launch template version(s) the default`,
        [{ call: 'ec2:ModifyLaunchTemplate', detail: 'DefaultVersion' }],
        async () => {
          const warnings = await setDefaultVersions(group, versions);
          for (const warning of warnings) core.warning(oneLine(warning));
          outcome.warnings.push(...warnings);
          outcome.detail += warnings.length
            ? '; the new version(s) could not all be made the default (see the warnings)'
            : `; version ${outcome.toVersion} is now the default`;
        },
      ),
    );
  }
  lane.steps = steps;
  return { lane, refusals, outcome };
}
