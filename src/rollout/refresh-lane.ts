/**
 * The plan of one group's instance refresh: what it reads, what it refuses, and its steps.
 */
import * as core from '@actions/core';
import { missingAlarms } from '../aws/alarms.js';
import { GroupError, type GroupState, readGroup } from '../aws/groups.js';
import { ImageNotUsableError, readLaunchableImage } from '../aws/images.js';
import type { Recorded } from '../kernel/journal.js';
import { change, type Lane, type Step, wait } from '../kernel/plan.js';
import type { RolloutConfig } from './config.js';
import { type GroupOutcome, RolloutEnded } from './outcome.js';
import {
  activeRefresh,
  type Checkpoint,
  conflictMessage,
  conflictSteps,
  createVersion,
  describeRefresh,
  type NewVersions,
  preferences,
  setDefaultVersions,
  startRefresh,
  watchRefresh,
} from './refresh.js';
import type { RolloutTarget } from './target.js';

export interface LanePlan {
  lane: Lane;
  refusals: string[];
  outcome: GroupOutcome;
}

/** Reads shared by the lanes of one region (the alarms exist or not once per region). */
export class RegionReads {
  private readonly missing = new Map<string, Promise<string[]>>();

  missingAlarms(region: string, names: string[]): Promise<string[]> {
    let found = this.missing.get(region);
    if (!found) {
      found = missingAlarms(region, names);
      this.missing.set(region, found);
    }
    return found;
  }
}

export async function planRefreshLane(
  ref: { region: string; name: string },
  config: RolloutConfig,
  target: RolloutTarget,
  reads: RegionReads,
): Promise<LanePlan> {
  const outcome: GroupOutcome = {
    region: ref.region,
    group: ref.name,
    strategy: config.strategy,
    detail: '',
    checkpoints: [],
  };
  const lane: Lane = {
    name: ref.region === config.region ? ref.name : `${ref.region}:${ref.name}`,
    steps: [],
  };
  const refusals: string[] = [];
  let group: GroupState;
  try {
    group = await readGroup(ref.region, ref.name);
  } catch (error) {
    if (!(error instanceof GroupError)) throw error;
    return { lane, refusals: [error.message], outcome };
  }
  const primary = group.templates[0];
  outcome.fromVersion = primary.version;
  outcome.fromAmi = primary.ami ?? primary.imageRef;

  const changes: { template: (typeof group.templates)[number]; ami: string; description: string }[] = [];
  for (const template of group.templates) {
    if (template.imageRef.startsWith('resolve:ssm:')) {
      refusals.push(
        `Group '${group.name}' takes its AMI from an SSM parameter (${template.imageRef} in launch template ${template.templateName}). Deploy writes an AMI id into a new launch template version; ` +
          'point the template at an AMI id, or update the parameter instead of deploying.',
      );
      continue;
    }
    const chosen = await target.choose(group, template);
    if ('none' in chosen) {
      refusals.push(chosen.none);
      continue;
    }
    if (template === primary) outcome.toAmi = chosen.ami;
    if (chosen.ami !== template.ami) changes.push({ template, ...chosen });
  }
  if (refusals.length) return { lane, refusals, outcome };
  if (!changes.length) {
    outcome.result = 'unchanged';
    outcome.detail = `already on ${outcome.toAmi} (version ${primary.version})`;
    return { lane, refusals, outcome };
  }
  for (const ami of new Set(changes.map((c) => c.ami))) {
    await readLaunchableImage(group.region, ami).catch((error) => {
      if (!(error instanceof ImageNotUsableError)) throw error;
      refusals.push(error.message);
    });
  }
  const missing = await reads.missingAlarms(group.region, config.alarms);
  if (missing.length) {
    refusals.push(
      `CloudWatch alarm(s) ${missing.join(', ')} not found in ${group.region}. Check the alarms input.`,
    );
  }
  const running = await activeRefresh(group.region, group.name);
  if (running && config.onConflict === 'fail')
    refusals.push(conflictMessage(group.name, group.region, running));

  const versions: NewVersions = new Map();
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
      [{ call: 'autoscaling:StartInstanceRefresh', detail: `${group.name}: ${describePreferences(config)}` }],
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
        const watched = await watchRefresh(group, refreshId, versions, config, step, checkpoints);
        outcome.checkpoints = watched.checkpoints;
        outcome.endedAt = new Date();
        // It ended one way or another: nothing left to stop.
        started?.settle();
        const status = watched.refresh.Status;
        const reason = watched.refresh.StatusReason ? `: ${watched.refresh.StatusReason}` : '';
        const signals = watched.badSignals.length ? `: ${watched.badSignals.join('; ')}` : '';
        if (status === 'Successful') {
          outcome.result = 'success';
          outcome.detail = `every instance runs ${outcome.toAmi}`;
          return;
        }
        if (status === 'RollbackSuccessful') {
          throw new RolloutEnded('rolled-back', `rolled back to ${outcome.fromAmi}${signals || reason}`);
        }
        if (status === 'Cancelled') {
          throw new RolloutEnded(
            watched.badSignals.length ? 'failed' : 'cancelled',
            `refresh cancelled${signals || reason}; replaced instances keep ${outcome.toAmi}`,
          );
        }
        throw new RolloutEnded(
          'failed',
          `refresh ended ${status}${reason} (${describeRefresh(watched.refresh)})`,
        );
      },
    ),
  ];
  if (config.setDefaultVersion) {
    steps.push(
      change(
        `make the new launch template version(s) the default`,
        [{ call: 'ec2:ModifyLaunchTemplate', detail: 'DefaultVersion' }],
        async () => {
          await setDefaultVersions(group, versions);
          outcome.detail += `; version ${outcome.toVersion} is now the default`;
        },
      ),
    );
  }
  lane.steps = steps;
  return { lane, refusals, outcome };
}

function describePreferences(config: RolloutConfig): string {
  const p = preferences(config);
  return [
    `MinHealthyPercentage ${p.MinHealthyPercentage}`,
    p.MaxHealthyPercentage !== undefined ? `MaxHealthyPercentage ${p.MaxHealthyPercentage}` : '',
    p.CheckpointPercentages
      ? `checkpoints ${p.CheckpointPercentages.join(', ')} every ${p.CheckpointDelay}s`
      : '',
    p.AlarmSpecification ? `alarms ${p.AlarmSpecification.Alarms?.join(', ')}` : '',
    `AutoRollback ${p.AutoRollback}`,
  ]
    .filter(Boolean)
    .join(', ');
}
