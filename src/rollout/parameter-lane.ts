/**
 * The refresh lane of a group whose launch template takes its AMI from an SSM parameter
 * (`ImageId: resolve:ssm:/app/ami`): deploy (and rollback) by parameter version. The plan reads the
 * parameter and its history and refuses what cannot go (a template that pins a version or label of
 * it, or names it by ARN; templates of one group that resolve different parameters, or mix it with
 * AMI ids; a parameter that already names the AMI while instances run another). The steps: write the
 * new version (recorded in the undo journal first: the previous value goes back on any failure),
 * start an instance refresh of the same template (every instance replaced, no AWS auto-rollback:
 * it is not available for templates that use an SSM alias), watch it (canary checkpoints alike), and
 * on a bad signal or a failed refresh put the previous value back as a new version and refresh the
 * group back to it.
 */
import * as core from '@actions/core';
import { describeGroup, type GroupState } from '../aws/groups.js';
import { ImageNotUsableError, readLaunchableImage } from '../aws/images.js';
import { runTag } from '../context.js';
import type { Recorded } from '../kernel/journal.js';
import { change, type Lane, type Step, wait } from '../kernel/plan.js';
import { oneLine } from '../report/foreign.js';
import type { RolloutConfig } from './config.js';
import { describeRollback } from './history.js';
import { describePreferences, judgeRefresh, type LanePlan, laneChecks, type RegionReads } from './lane.js';
import { leftovers, mayLeaveMembers, waitedFor } from './leftovers.js';
import { type GroupOutcome, RolloutEnded } from './outcome.js';
import {
  parameterOf,
  putBack,
  readParameterState,
  refreshEnd,
  runLabel,
  startRefreshBack,
  writeLabelledVersion,
} from './parameter.js';
import {
  type Checkpoint,
  conflictSteps,
  type Fresh,
  preferences,
  startRefresh,
  type Watched,
  watchRefresh,
} from './refresh.js';
import type { RolloutTarget } from './target.js';

/** Why the group cannot deploy by parameter, or the parameter's name. */
function oneParameter(group: GroupState): { name: string } | { refusal: string } {
  const refs = group.templates.map((t) => ({ template: t, parameter: parameterOf(t.imageRef) }));
  const plain = refs.filter((r) => !r.parameter);
  if (plain.length) {
    return {
      refusal:
        `Group '${group.name}' mixes launch templates that take the AMI from an SSM parameter with ones that name it (${plain.map((r) => r.template.templateName).join(', ')}). ` +
        'Deploy rolls out one or the other: point every template of the group at the parameter, or at an AMI id.',
    };
  }
  const names = [...new Set(refs.map((r) => r.parameter!.name))];
  if (names.length > 1) {
    return {
      refusal: `Group '${group.name}' resolves ${names.length} SSM parameters (${names.join(', ')}): deploy writes one. Point its templates at one parameter.`,
    };
  }
  const pinned = refs.find((r) => r.parameter!.selector);
  if (pinned) {
    return {
      refusal:
        `Launch template ${pinned.template.templateName} of '${group.name}' names version or label '${pinned.parameter!.selector}' of ${pinned.parameter!.name} (${pinned.template.imageRef}): ` +
        'a new version of the parameter would not be launched. Point the template at resolve:ssm:<name> without a version, or at an AMI id.',
    };
  }
  if (names[0].startsWith('arn:')) {
    return {
      refusal: `Group '${group.name}' names its SSM parameter by ARN (${names[0]}): deploy writes a parameter of this account by name. Point the template at resolve:ssm:<name>.`,
    };
  }
  return { name: names[0] };
}

export async function planParameterLane(
  group: GroupState,
  config: RolloutConfig,
  target: RolloutTarget,
  reads: RegionReads,
  { lane, outcome }: { lane: Lane; outcome: GroupOutcome },
): Promise<LanePlan> {
  const refusals: string[] = [];
  const one = oneParameter(group);
  if ('refusal' in one) return { lane, refusals: [one.refusal], outcome };
  const name = one.name;
  outcome.fromVersion = group.templates[0].version;
  outcome.toVersion = group.templates[0].version;
  const state = await readParameterState(group.region, name);
  if (!state) {
    return {
      lane,
      refusals: [
        `SSM parameter ${name}, which launch template ${group.templates[0].templateName} of '${group.name}' resolves, was not found in ${group.region}.`,
      ],
      outcome,
    };
  }
  outcome.fromAmi = state.value;
  outcome.parameter = { name, fromVersion: state.version };
  const chosen = await target.chooseParameter(group, state);
  if ('none' in chosen) return { lane, refusals: [chosen.none], outcome };
  outcome.toAmi = chosen.ami;
  if (chosen.ami === state.value) {
    outcome.result = 'unchanged';
    outcome.detail = `${name} already names ${chosen.ami} (version ${state.version}); instances launched from now on run it`;
    return { lane, refusals, outcome };
  }
  await readLaunchableImage(group.region, chosen.ami).catch((error) => {
    if (!(error instanceof ImageNotUsableError)) throw error;
    refusals.push(error.message);
  });
  const { running, refusals: checked } = await laneChecks(group, config, reads, outcome);
  refusals.push(...checked);
  outcome.settings += `; rollback by the action (AWS's auto-rollback is not available for templates that use an SSM alias)`;
  if (config.setDefaultVersion) {
    core.info(
      `'${group.name}': set-default-version has nothing to do (the launch template keeps its version; the parameter gets the new one).`,
    );
  }

  const checkpoints: Checkpoint[] = [];
  let refreshId = '';
  let started: Recorded<'stop-instance-refresh'> | undefined;
  let restore: Recorded<'restore-parameter'> | undefined;
  let before = new Set<string>();
  const fresh: Fresh = (i) => i.LifecycleState === 'InService' && !before.has(i.InstanceId ?? '');
  const back = (what: string) => describeRollback(state.value, state.version, chosen.ami, ` (${what})`);
  const steps: Step[] = [
    ...(running && config.onConflict !== 'fail' ? conflictSteps(group, running, config) : []),
    change(
      `write version ${state.version + 1} of SSM parameter ${name} with ${chosen.ami}`,
      [
        {
          call: 'ssm:PutParameter',
          detail: `${name}: ${chosen.ami} (Overwrite, version ${state.version + 1})`,
        },
        { call: 'ssm:LabelParameterVersion', detail: `${name}: run-<run id> on the new version` },
      ],
      async (step) => {
        const run = runTag(step.context);
        restore = step.record({
          kind: 'restore-parameter',
          region: group.region,
          group: group.name,
          name,
          value: state.value,
          fromVersion: state.version,
          dataType: state.dataType,
          description: back(`undo of run ${run}`),
          label: runLabel(run, 'undo'),
        });
        const version = await writeLabelledVersion(group.region, name, chosen.ami, {
          description: chosen.description,
          dataType: state.dataType,
          label: runLabel(run),
          deadline: step.deadline,
          pollIntervalSeconds: step.pollIntervalSeconds,
        });
        restore.update({ version });
        outcome.parameter = { name, fromVersion: state.version, toVersion: version };
        core.info(
          oneLine(
            `${name}: version ${version} names ${chosen.ami} (was version ${state.version}, ${state.value}).`,
          ),
        );
      },
    ),
    change(
      `start a ${config.strategy} instance refresh of '${group.name}' (it launches ${name}'s new value)`,
      [
        {
          call: 'autoscaling:StartInstanceRefresh',
          detail: `${group.name}: ${describePreferences(config, group, { parameter: true })}`,
        },
      ],
      async (step) => {
        core.info(
          oneLine(
            `'${group.name}': AWS's own auto-rollback is not available for launch templates that use an SSM alias (${group.templates[0].imageRef}), ` +
              `so the action does it: on a bad signal or a failed refresh it puts ${state.value} back in ${name} as a new version and refreshes the group back to it.`,
          ),
        );
        before = new Set(
          ((await describeGroup(group.region, group.name)).Instances ?? []).map((i) => i.InstanceId ?? ''),
        );
        outcome.startedAt = new Date();
        restore?.update({ refresh: { ...preferences(config, group.group, { parameter: true }) } });
        ({ refreshId, undo: started } = await startRefresh(group, new Map(), config, step, outcome, {
          parameter: true,
        }));
        outcome.refreshId = refreshId;
        core.info(
          oneLine(
            `'${group.name}' (${group.region}): ${state.value} -> ${chosen.ami}, ${name} version ${state.version} -> ${outcome.parameter?.toVersion}, refresh ${refreshId}`,
          ),
        );
      },
    ),
    wait(
      `the instance refresh of '${group.name}' to end${config.strategy === 'canary' ? ', watching the new instances at each checkpoint' : ''}`,
      async (step) => {
        const watched = await watchRefresh(group, refreshId, fresh, config, step, checkpoints);
        outcome.checkpoints = watched.checkpoints;
        started?.settle();
        if (watched.refresh.Status === 'Successful') {
          outcome.endedAt = new Date();
          restore?.settle();
          await judgeRefresh(group, watched, config, outcome, new Set([chosen.ami]));
          return;
        }
        await rollBack(watched, step);
      },
    ),
  ];

  /** The action's own rollback: the previous value back as a new version, every instance refreshed back to it. */
  const toAmi = chosen.ami;
  const previous = state;
  async function rollBack(watched: Watched, step: Parameters<Step['run']>[0]): Promise<never> {
    const status = watched.refresh.Status;
    const why = watched.badSignals.length
      ? watched.badSignals.join('; ')
      : `refresh ended ${status}${watched.refresh.StatusReason ? `: ${watched.refresh.StatusReason}` : ''}`;
    const waited =
      status === 'Failed' && mayLeaveMembers(config)
        ? waitedFor(
            await leftovers(group.region, group.name, new Set([toAmi]), { members: true, warm: false }),
            config,
          )
        : '';
    core.error(
      `'${group.name}': ${why}. Putting ${previous.value} back in ${name} and refreshing the group back to it.`,
    );
    const entry = restore!.entry;
    const options = { deadline: step.deadline, pollIntervalSeconds: config.pollInterval };
    const putBackDone = await putBack(
      { ...entry, description: back(`rollback of run ${runTag(step.context)}`) },
      options,
    );
    const id = await startRefreshBack(entry, options);
    // From here the refresh back runs on its own: nothing to undo, whatever happens to this step.
    restore!.settle();
    const ended = await refreshEnd(group.region, group.name, id, options);
    outcome.endedAt = new Date();
    throw new RolloutEnded(
      ended.status === 'Successful' ? 'rolled-back' : 'failed',
      `${why}${waited ? `; ${waited}` : ''}; ${putBackDone}; instance refresh ${id} back to ${previous.value} ended ${ended.status}${ended.reason ? ` (${ended.reason})` : ''}`,
    );
  }

  lane.steps = steps;
  return { lane, refusals, outcome, writes: { region: group.region, parameter: name } };
}
