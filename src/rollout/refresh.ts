/**
 * Instance refresh (rolling, canary), one lane per group. The plan reads the group, its launch
 * templates (a mixed instances policy's overrides may name their own) and their targets, and refuses
 * what cannot go (no target, an AMI not available, a missing alarm, a refresh already running with
 * on-conflict: fail). The steps: settle a running refresh, create a numbered version of each template
 * with its AMI, start the refresh (recorded in the undo journal: a failed, timed-out or cancelled step
 * rolls it back, so a step that fails has rolled out nothing), watch it to the end (a canary checks
 * the alarms, target health and health commands at each checkpoint and rolls back on a bad signal),
 * and optionally make the new versions the default.
 */
import * as core from '@actions/core';
import {
  AutoScalingClient,
  type AutoScalingGroup,
  CancelInstanceRefreshCommand,
  DescribeInstanceRefreshesCommand,
  type DesiredConfiguration,
  type InstanceRefresh,
  type RefreshPreferences,
  RollbackInstanceRefreshCommand,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateVersionCommand, ModifyLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { awsClient } from '../aws/clients.js';
import { awsNow } from '../aws/clock.js';
import { deniedByDryRun } from '../aws/dry-run.js';
import { errorCode, explainError } from '../aws/errors.js';
import { describeGroup, type GroupState, type TemplateUse } from '../aws/groups.js';
import { ec2 } from '../aws/images.js';
import { clientToken } from '../aws/tokens.js';
import { waitUntil } from '../aws/wait.js';
import type { Deadline } from '../kernel/deadline.js';
import type { Recorded } from '../kernel/journal.js';
import { change, type Step, type StepScope, type UndoResult, type UndoScope, wait } from '../kernel/plan.js';
import type { UndoOf } from '../kernel/state.js';
import { oneLine } from '../report/foreign.js';
import { type RolloutConfig, RolloutError } from './config.js';
import type { GroupOutcome } from './outcome.js';
import { healthCommandFailures, lookAt } from './signals.js';

const FORWARD = new Set(['Pending', 'InProgress', 'Baking']);
const ACTIVE = new Set([...FORWARD, 'Cancelling', 'RollbackInProgress']);

const autoscaling = (region: string, use: 'call' | 'poll' = 'call') =>
  awsClient(AutoScalingClient, region, use);

export function describeRefresh(r: InstanceRefresh): string {
  const pct = r.PercentageComplete ?? 0;
  const left = r.InstancesToUpdate;
  return `${r.Status} ${pct}%${left !== undefined ? `, ${left} to update` : ''}${r.StatusReason ? ` - ${r.StatusReason}` : ''}`;
}

/** Whether a refresh has not ended yet (running, cancelling or rolling back). */
export const isActive = (r: InstanceRefresh | undefined): boolean => ACTIVE.has(r?.Status ?? '');

/** The group's refresh that has not ended, if any (`poll` inside a wait loop, see clients.ts). */
export async function activeRefresh(
  region: string,
  group: string,
  use: 'call' | 'poll' = 'call',
): Promise<InstanceRefresh | undefined> {
  const out = await autoscaling(region, use).send(
    new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, MaxRecords: 10 }),
  );
  return out.InstanceRefreshes?.find(isActive);
}

export async function refreshById(
  region: string,
  group: string,
  id: string,
): Promise<InstanceRefresh | undefined> {
  const out = await autoscaling(region, 'poll').send(
    new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, InstanceRefreshIds: [id] }),
  );
  return out.InstanceRefreshes?.[0];
}

export function conflictMessage(group: string, region: string, r: InstanceRefresh): string {
  return (
    `Group '${group}' in ${region} already has instance refresh ${r.InstanceRefreshId} running ` +
    `(${describeRefresh(r)}, started ${r.StartTime?.toISOString() ?? '?'}). Nothing was changed. ` +
    'Set on-conflict: wait to wait for it, or on-conflict: cancel to cancel it first.'
  );
}

/** The steps that deal with a refresh already running (on-conflict wait or cancel). */
export function conflictSteps(group: GroupState, running: InstanceRefresh, config: RolloutConfig): Step[] {
  const waitForIt = wait(
    `the running instance refresh ${running.InstanceRefreshId} of '${group.name}' to end`,
    async (step) => {
      await waitUntil({
        what: `the running instance refresh of '${group.name}' to end`,
        deadline: step.deadline,
        pollIntervalSeconds: step.pollIntervalSeconds,
        check: async () => {
          const r = await activeRefresh(group.region, group.name);
          return r ? { done: false, status: describeRefresh(r) } : { done: true, value: undefined };
        },
      });
    },
  );
  if (config.onConflict !== 'cancel') return [waitForIt];
  return [
    change(
      `cancel the running instance refresh ${running.InstanceRefreshId} of '${group.name}' (on-conflict: cancel)`,
      [{ call: 'autoscaling:CancelInstanceRefresh', detail: group.name }],
      async () => {
        core.warning(
          `Cancelling instance refresh ${running.InstanceRefreshId} of '${group.name}' (on-conflict: cancel).`,
        );
        await autoscaling(group.region)
          .send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: group.name }))
          .catch((error) => {
            if (errorCode(error) !== 'ActiveInstanceRefreshNotFound') throw error;
          });
      },
    ),
    waitForIt,
  ];
}

/** The min and max healthy percentage a refresh keeps, and where each comes from. */
export interface HealthyPercentages {
  min: number;
  max: number;
  minFrom: PercentageSource;
  maxFrom: PercentageSource;
  /** What the refresh's preferences say: nothing when no input is given (AWS applies the group's policy). */
  preferences: Pick<RefreshPreferences, 'MinHealthyPercentage' | 'MaxHealthyPercentage'>;
}

type PercentageSource = 'input' | 'policy' | 'default';

const SOURCE_WORDS: Record<PercentageSource, string> = {
  input: 'input',
  policy: "the group's instance maintenance policy",
  default: "Auto Scaling's default",
};

/**
 * The group's instance maintenance policy is the default: with neither input given, the refresh's
 * preferences leave both out and Auto Scaling applies the policy (else its own 90 / 100). An input
 * overrides its own percentage; the other is then sent from the policy (else Auto Scaling's
 * default): Auto Scaling refuses MaxHealthyPercentage without MinHealthyPercentage, and both are
 * what the summary says.
 */
export function healthyPercentages(
  config: RolloutConfig,
  group: Pick<AutoScalingGroup, 'InstanceMaintenancePolicy'>,
): HealthyPercentages {
  const policy = group.InstanceMaintenancePolicy;
  const own = (v: number | undefined) => (v === undefined || v < 0 ? undefined : v);
  const pick = (input: number | undefined, fromPolicy: number | undefined, fallback: number) =>
    input !== undefined
      ? { v: input, from: 'input' as const }
      : fromPolicy !== undefined
        ? { v: fromPolicy, from: 'policy' as const }
        : { v: fallback, from: 'default' as const };
  const min = pick(config.minHealthyPercentage, own(policy?.MinHealthyPercentage), 90);
  const max = pick(config.maxHealthyPercentage, own(policy?.MaxHealthyPercentage), 100);
  const given = config.minHealthyPercentage !== undefined || config.maxHealthyPercentage !== undefined;
  return {
    min: min.v,
    max: max.v,
    minFrom: min.from,
    maxFrom: max.from,
    // Auto Scaling takes MaxHealthyPercentage only with MinHealthyPercentage: with an input, both go.
    preferences: given ? { MinHealthyPercentage: min.v, MaxHealthyPercentage: max.v } : {},
  };
}

/** "min 100% / max 110% (the group's instance maintenance policy)", each source named. */
export function describePercentages(h: HealthyPercentages): string {
  if (h.minFrom === h.maxFrom) return `min ${h.min}% / max ${h.max}% (${SOURCE_WORDS[h.minFrom]})`;
  return `min ${h.min}% (${SOURCE_WORDS[h.minFrom]}) / max ${h.max}% (${SOURCE_WORDS[h.maxFrom]})`;
}

/** A refusal when the percentages from different sources are more than 100 apart; else undefined. */
export function percentagesRefusal(h: HealthyPercentages, group: string): string | undefined {
  if (h.max - h.min <= 100) return undefined;
  return (
    `Group '${group}': max healthy ${h.max}% (${SOURCE_WORDS[h.maxFrom]}) and min healthy ${h.min}% (${SOURCE_WORDS[h.minFrom]}) are more than 100 apart, ` +
    'which Auto Scaling refuses. Set min-healthy-percentage and max-healthy-percentage together.'
  );
}

const PROTECTED = { refresh: 'Refresh', ignore: 'Ignore', wait: 'Wait' } as const;
const STANDBY = { terminate: 'Terminate', ignore: 'Ignore', wait: 'Wait' } as const;

/**
 * The refresh's preferences. `parameter`: a group whose template takes its AMI from an SSM parameter:
 * every instance is replaced (skip matching would skip them all: the template version does not
 * change), and AWS's auto-rollback is not available (the action rolls back itself).
 */
export function preferences(
  config: RolloutConfig,
  group: Pick<AutoScalingGroup, 'InstanceMaintenancePolicy'>,
  options: { parameter?: boolean } = {},
): RefreshPreferences {
  const canary = config.strategy === 'canary';
  return {
    ...healthyPercentages(config, group).preferences,
    InstanceWarmup: config.instanceWarmup,
    SkipMatching: options.parameter ? false : config.skipMatching,
    AutoRollback: options.parameter ? false : config.autoRollback,
    // A canary watches the alarms itself at each checkpoint (and calls the rollback); a rolling
    // refresh hands them to Auto Scaling, which rolls back (without auto-rollback: fails) on its own.
    AlarmSpecification: !canary && config.alarms.length ? { Alarms: config.alarms } : undefined,
    CheckpointPercentages: canary ? (config.checkpoints ?? [10, 50, 100]) : undefined,
    CheckpointDelay: canary ? config.checkpointDelay : undefined,
    BakeTime: config.bakeTime,
    ScaleInProtectedInstances: PROTECTED[config.scaleInProtectedInstances],
    StandbyInstances: STANDBY[config.standbyInstances],
  };
}

/** The new version of each template that changes, by template id. */
export type NewVersions = Map<string, number>;

/** The group's launch configuration with every changed template at its new version. */
export function desiredConfiguration(group: GroupState, versions: NewVersions): DesiredConfiguration {
  const spec = (template: TemplateUse) => ({
    LaunchTemplateId: template.templateId,
    Version: String(versions.get(template.templateId) ?? template.version),
  });
  const mixed = group.group.MixedInstancesPolicy;
  if (!group.mixed || !mixed) return { LaunchTemplate: spec(group.templates[0]) };
  const policy = structuredClone(mixed);
  for (const template of group.templates) {
    for (const site of template.sites) {
      if (site.kind === 'mixed' && policy.LaunchTemplate) {
        policy.LaunchTemplate.LaunchTemplateSpecification = spec(template);
      } else if (site.kind === 'override' && policy.LaunchTemplate?.Overrides?.[site.index]) {
        policy.LaunchTemplate.Overrides[site.index].LaunchTemplateSpecification = spec(template);
      }
    }
  }
  return { MixedInstancesPolicy: policy };
}

export async function createVersion(
  group: GroupState,
  template: TemplateUse,
  target: { ami: string; description: string },
  step: StepScope,
  kind: string,
): Promise<number> {
  const out = await ec2(group.region).send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: template.templateId,
      SourceVersion: String(template.version),
      VersionDescription: target.description,
      LaunchTemplateData: { ImageId: target.ami },
      ClientToken: clientToken(step.context, [
        kind,
        group.region,
        group.name,
        template.templateId,
        String(template.version),
        target.ami,
      ]),
    }),
  );
  return out.LaunchTemplateVersion!.VersionNumber!;
}

function warnAboutReference(group: GroupState, template: TemplateUse, newVersion: number): void {
  if (/^\d+$/.test(template.versionRef)) return;
  core.warning(
    `Group '${group.name}' in ${group.region} refers to its launch template as ${template.versionRef} (now version ${template.version}). ` +
      `Auto-rollback needs a numbered version, so the refresh uses version ${newVersion}; when it succeeds, the group refers to ` +
      `version ${newVersion} from then on, and a rollback needs the numbered previous version. To keep ${template.versionRef}, ` +
      'set set-default-version: true (for $Default) or point the group at numbered versions.',
  );
}

/** Starts the refresh, recorded first in the undo journal; its id is added once known. */
export async function startRefresh(
  group: GroupState,
  versions: NewVersions,
  config: RolloutConfig,
  step: StepScope,
  outcome: GroupOutcome,
  options: { parameter?: boolean } = {},
): Promise<{ refreshId: string; undo: Recorded<'stop-instance-refresh'> }> {
  for (const template of group.templates) {
    const version = versions.get(template.templateId);
    if (version !== undefined) warnAboutReference(group, template, version);
  }
  const prefs = preferences(config, group.group, options);
  const undo = step.record({
    kind: 'stop-instance-refresh',
    region: group.region,
    group: group.name,
    autoRollback: !!prefs.AutoRollback,
    previousAmi: outcome.fromAmi,
  });
  const desired = options.parameter ? undefined : desiredConfiguration(group, versions);
  // AWS's clock, a minute early: a refresh of ours started after this (see adoptable).
  const sentAt = awsNow().getTime() - 60_000;
  try {
    const out = await autoscaling(group.region).send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: group.name,
        Strategy: 'Rolling',
        // A parameter's new version needs no new configuration: the same template resolves it.
        DesiredConfiguration: desired,
        Preferences: prefs,
      }),
    );
    undo.update({ refreshId: out.InstanceRefreshId });
    return { refreshId: out.InstanceRefreshId!, undo };
  } catch (error) {
    // The SDK retries a request whose answer was lost: when the first attempt started the refresh,
    // the retry is refused (InstanceRefreshInProgress) although the refresh running is this run's.
    // AWS's answer to the first attempt is definite: nothing of ours started.
    const landed = mayHaveLanded(error);
    const inProgress = errorCode(error) === 'InstanceRefreshInProgress';
    let running: InstanceRefresh | undefined;
    if (landed || inProgress) {
      try {
        running = await activeRefresh(group.region, group.name);
      } catch {
        // Whether a refresh of ours started is not known: the entry stays open (its undo stops the
        // group's active refresh; the plan saw none running).
        if (landed) throw error;
      }
    }
    if (running && landed && adoptable(running, desired, prefs, sentAt)) {
      undo.update({ refreshId: running.InstanceRefreshId });
      core.info(
        `'${group.name}': instance refresh ${running.InstanceRefreshId} (${describeRefresh(running)}) is this run's: it started with the configuration this step asked for (${errorCode(error) ?? 'the answer was lost'}); watching it.`,
      );
      return { refreshId: running.InstanceRefreshId!, undo };
    }
    // Nothing of ours started: nothing to stop (and never someone else's refresh).
    undo.settle();
    if (inProgress && running) {
      throw new RolloutError(
        conflictMessage(group.name, group.region, running).replace(
          'Nothing was changed. ',
          `Launch template version(s) ${[...versions.values()].join(', ')} were created but not rolled out. `,
        ),
      );
    }
    throw error;
  }
}

/**
 * Whether a failed call may still have been carried out: AWS refused a retry (an earlier attempt's
 * answer was lost), or no answer came at all.
 */
function mayHaveLanded(error: unknown): boolean {
  const meta = (error as { $metadata?: { attempts?: number; httpStatusCode?: number } }).$metadata;
  return (meta?.attempts ?? 1) > 1 || meta?.httpStatusCode === undefined;
}

/** The launch template specifications of a desired configuration (`id@version`), sorted. */
function templateSpecs(config: DesiredConfiguration | undefined): string[] {
  const specs = [
    config?.LaunchTemplate,
    config?.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification,
    ...(config?.MixedInstancesPolicy?.LaunchTemplate?.Overrides ?? []).map(
      (o) => o.LaunchTemplateSpecification,
    ),
  ];
  return specs
    .filter((s) => s !== undefined)
    .map((s) => `${s.LaunchTemplateId ?? s.LaunchTemplateName}@${s.Version}`)
    .sort();
}

/**
 * Whether a running refresh is the one this step's request started (its answer lost): it started
 * after the request was sent, with the launch template versions (or, for a parameter, no desired
 * configuration) and the rollback preference the step asked for.
 */
export function adoptable(
  running: InstanceRefresh,
  desired: DesiredConfiguration | undefined,
  prefs: RefreshPreferences,
  sentAt: number,
): boolean {
  const started = running.StartTime?.getTime();
  if (started === undefined || started < sentAt) return false;
  if (!FORWARD.has(running.Status ?? '')) return false;
  if (!!running.Preferences?.AutoRollback !== !!prefs.AutoRollback) return false;
  if (!!running.Preferences?.SkipMatching !== !!prefs.SkipMatching) return false;
  const mine = templateSpecs(desired);
  const theirs = templateSpecs(running.DesiredConfiguration);
  return mine.length === theirs.length && mine.every((spec, k) => spec === theirs[k]);
}

export interface Checkpoint {
  percentage: number;
  reachedAt: Date;
  verdict: string;
}

/** Rolls back (auto-rollback) or cancels a refresh; a refresh that just ended is no error. */
export async function stopRefresh(
  region: string,
  group: string,
  autoRollback: boolean,
): Promise<'rollback' | 'cancel'> {
  const how = autoRollback ? 'rollback' : 'cancel';
  try {
    if (how === 'rollback') {
      await autoscaling(region).send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: group }));
    } else await autoscaling(region).send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: group }));
  } catch (error) {
    // Auto Scaling may have started its own rollback, or the refresh just ended.
    if (errorCode(error) !== 'ActiveInstanceRefreshNotFound') throw error;
  }
  return how;
}

type GroupMember = NonNullable<AutoScalingGroup['Instances']>[number];

/** Which of a group's instances a refresh brought in (and are InService): its canary. */
export type Fresh = (instance: GroupMember) => boolean;

/** Instances launched from one of the new versions, InService. */
export function isNew(versions: NewVersions): Fresh {
  return (i) =>
    i.LifecycleState === 'InService' &&
    [...versions].some(
      ([id, v]) =>
        (i.LaunchTemplate?.LaunchTemplateId ?? id) === id && i.LaunchTemplate?.Version === String(v),
    );
}

async function canarySignals(
  group: GroupState,
  fresh: Fresh,
  config: RolloutConfig,
  deadline: Deadline,
  runCommands: boolean,
): Promise<string[]> {
  const now = await describeGroup(group.region, group.name, 'poll');
  const seen = await lookAt(now, group.region, group.group.TargetGroupARNs ?? [], config.alarms, fresh);
  const bad = seen.bad.filter((signal) => !signal.endsWith('Unhealthy in Auto Scaling'));
  if (!bad.length && runCommands) {
    bad.push(
      ...(await healthCommandFailures({
        region: group.region,
        instanceIds: seen.inService,
        commands: config.healthCommands,
        commandTimeoutSeconds: config.commandTimeout,
        pollIntervalSeconds: config.pollInterval,
        deadline,
      })),
    );
  }
  return bad;
}

export interface Watched {
  refresh: InstanceRefresh;
  checkpoints: Checkpoint[];
  /** The bad signals that made the action roll back or cancel. */
  badSignals: string[];
}

export async function watchRefresh(
  group: GroupState,
  refreshId: string,
  fresh: Fresh,
  config: RolloutConfig,
  step: StepScope,
  checkpoints: Checkpoint[],
): Promise<Watched> {
  const canary = config.strategy === 'canary';
  const pauses = (canary ? (config.checkpoints ?? [10, 50, 100]) : []).filter((p) => p < 100);
  const badSignals: string[] = [];
  let stopping = false;
  const refresh = await waitUntil({
    what: `instance refresh ${refreshId} of '${group.name}' in ${group.region}`,
    deadline: step.deadline,
    pollIntervalSeconds: config.pollInterval,
    check: async () => {
      const r = await refreshById(group.region, group.name, refreshId);
      if (!r) throw new RolloutError(`Instance refresh ${refreshId} of group '${group.name}' is gone.`);
      if (!ACTIVE.has(r.Status ?? '')) return { done: true, value: r };
      if (canary && !stopping && r.Status === 'InProgress') {
        const pct = r.PercentageComplete ?? 0;
        const reached = pauses.filter((p) => pct >= p && !checkpoints.some((c) => c.percentage === p));
        // Without a checkpoint below 100 there is no pause: watch the whole refresh.
        const inWindow = !pauses.length || checkpoints.length > 0 || reached.length > 0;
        if (inWindow) {
          const bad = await canarySignals(group, fresh, config, step.deadline, reached.length > 0);
          for (const p of reached) {
            checkpoints.push({ percentage: p, reachedAt: new Date(), verdict: bad.length ? 'bad' : 'ok' });
            core.info(
              `'${group.name}': checkpoint ${p}% reached; ${bad.length ? bad.join('; ') : 'signals healthy'}`,
            );
          }
          if (bad.length) {
            badSignals.push(...bad);
            const last = checkpoints.at(-1);
            if (last) last.verdict = 'bad';
            stopping = true;
            const how = await stopRefresh(group.region, group.name, !!r.Preferences?.AutoRollback);
            core.error(
              `'${group.name}': ${bad.join('; ')}. ${how === 'rollback' ? 'Rolling back' : 'Cancelling'} the instance refresh.`,
            );
          }
        }
      }
      return { done: false, status: describeRefresh(r) };
    },
  });
  return { refresh, checkpoints, badSignals };
}

/**
 * Whether the job may make versions of the group's templates the default (EC2's DryRun of
 * ModifyLaunchTemplate, with each template's current version): a refusal naming the template and
 * the call, or none.
 */
export async function setDefaultRefusals(group: GroupState, templates: TemplateUse[]): Promise<string[]> {
  const refusals: string[] = [];
  for (const template of templates) {
    const denied = await deniedByDryRun(() =>
      ec2(group.region).send(
        new ModifyLaunchTemplateCommand({
          DryRun: true,
          LaunchTemplateId: template.templateId,
          DefaultVersion: String(template.version),
        }),
      ),
    );
    if (denied) {
      refusals.push(
        `set-default-version: true needs ec2:ModifyLaunchTemplate on launch template ${template.templateName} (${template.templateId}) of '${group.name}' in ${group.region}, which the job may not call (DryRun): ${oneLine(denied)}. ` +
          'Nothing was changed. Allow it (docs/iam/deploy.json), or leave set-default-version out.',
      );
    }
  }
  return refusals;
}

/**
 * Makes the new versions the default, after the refresh rolled them out. What could not be set is
 * returned as warnings naming the template and the version to set by hand: the rollout itself is done.
 */
export async function setDefaultVersions(group: GroupState, versions: NewVersions): Promise<string[]> {
  const warnings: string[] = [];
  for (const [templateId, version] of versions) {
    try {
      await ec2(group.region).send(
        new ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: String(version) }),
      );
    } catch (error) {
      const name = group.templates.find((t) => t.templateId === templateId)?.templateName ?? templateId;
      warnings.push(
        `'${group.name}' (${group.region}) rolled out, but version ${version} of launch template ${name} (${templateId}) could not be made the default: ${await explainError(error)}. ` +
          `Set it by hand: aws ec2 modify-launch-template --region ${group.region} --launch-template-id ${templateId} --default-version ${version}`,
      );
    }
  }
  return warnings;
}

/** The undo of a started refresh: roll it back (or cancel it) while it still rolls forward. */
export async function stopRefreshUndo(
  undo: UndoOf<'stop-instance-refresh'>,
  scope: UndoScope,
): Promise<UndoResult> {
  const refresh = undo.refreshId
    ? await refreshById(undo.region, undo.group, undo.refreshId)
    : await activeRefresh(undo.region, undo.group);
  const id = refresh?.InstanceRefreshId ?? undo.refreshId ?? '?';
  const status = refresh?.Status;
  if (!refresh || !FORWARD.has(status ?? '')) {
    return `instance refresh ${id} of '${undo.group}' (${undo.region}): ${status ?? 'gone'}, nothing to do`;
  }
  const how = await stopRefresh(undo.region, undo.group, undo.autoRollback);
  if (scope.inPostStep) {
    core.warning(
      `Instance refresh ${id} of '${undo.group}' (${undo.region}) was still ${status} after the main step: ${how === 'rollback' ? 'rolling it back' : 'cancelled it'}.`,
    );
  }
  const requested =
    how === 'rollback'
      ? `rollback of refresh ${id} requested${undo.previousAmi ? `; the group goes back to ${undo.previousAmi}` : ''}`
      : `refresh ${id} cancelled; instances already replaced keep the new AMI`;
  if (scope.hurry || scope.inPostStep) return requested;
  // Within the grace budget, see the rollback through, so the step ends with nothing rolled out.
  const ended = await waitUntil({
    what: `the ${how} of instance refresh ${id} of '${undo.group}'`,
    deadline: scope.deadline,
    pollIntervalSeconds: scope.pollIntervalSeconds,
    check: async () => {
      const r = await refreshById(undo.region, undo.group, id);
      return r && ACTIVE.has(r.Status ?? '')
        ? { done: false, status: describeRefresh(r) }
        : { done: true, value: r?.Status ?? 'gone' };
    },
  }).catch((error: Error) => `still going (${error.message})`);
  return `${requested} (${ended})`;
}
