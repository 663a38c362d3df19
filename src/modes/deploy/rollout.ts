/**
 * One rollout per group, all groups concurrently: read the group, plan (which AMI, which version it
 * comes from), settle a running refresh, create the launch template version, run the refresh, and
 * report. Deploy and rollback differ only in how they choose the AMI and describe the version.
 */
import * as core from '@actions/core';
import {
  CreateLaunchTemplateVersionCommand,
  DescribeImagesCommand,
  EC2Client,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';
import { mapConcurrent } from '../../aws/fanout.js';
import { clientToken } from '../../aws/tokens.js';
import { cancellation } from '../../cancel.js';
import type { RunContext } from '../../context.js';
import type { GroupRef } from '../../inputs/deploy.js';
import { DeployError, type GroupState, readGroup } from './groups.js';
import { forgetRefresh, rememberRefresh } from './pending.js';
import {
  activeRefresh,
  type Checkpoint,
  describeRefresh,
  type RolloutConfig,
  settleConflict,
  startRefresh,
  stopRefresh,
  watchRefresh,
} from './refresh.js';
import { missingAlarms } from './signals.js';

export type Result = 'success' | 'unchanged' | 'planned' | 'rolled-back' | 'cancelled' | 'failed';

export interface GroupPlan {
  state: GroupState;
  ami: string;
  /** The new version's description (the history record). */
  description: string;
}

export interface GroupOutcome {
  region: string;
  group: string;
  strategy: string;
  fromVersion?: number;
  toVersion?: number;
  fromAmi?: string;
  toAmi?: string;
  refreshId?: string;
  result: Result;
  detail: string;
  checkpoints: Checkpoint[];
  startedAt: Date;
  endedAt?: Date;
}

/** Chooses the AMI for a group, or says why there is none (the group then fails). */
export type Planner = (state: GroupState) => Promise<GroupPlan>;

const CONCURRENCY = 10;

export function groupKey(o: { region: string; group: string }, primary: string): string {
  return o.region === primary ? o.group : `${o.region}:${o.group}`;
}

/** Each group once (one refresh per group), in the order given. */
function refsWithRegion(refs: GroupRef[], region: string) {
  const seen = new Set<string>();
  return refs
    .map((r) => ({ region: r.region ?? region, name: r.name }))
    .filter((r) => !seen.has(`${r.region}/${r.name}`) && seen.add(`${r.region}/${r.name}`));
}

async function checkAmi(region: string, ami: string): Promise<void> {
  try {
    const out = await awsClient(EC2Client, region).send(new DescribeImagesCommand({ ImageIds: [ami] }));
    const state = out.Images?.[0]?.State;
    if (state !== 'available')
      throw new DeployError(`AMI ${ami} in ${region} is ${state ?? 'missing'}, not available.`);
  } catch (error) {
    if (isNotFound(error)) {
      throw new DeployError(
        `AMI ${ami} does not exist in ${region} (AMI ids are regional: copy it there with mode: publish).`,
      );
    }
    throw error;
  }
}

function warnAboutReference(state: GroupState, newVersion: number): void {
  if (/^\d+$/.test(state.versionRef)) return;
  core.warning(
    `Group '${state.name}' in ${state.region} refers to its launch template as ${state.versionRef} (now version ${state.version}). ` +
      `Auto-rollback needs a numbered version, so the refresh uses version ${newVersion}; when it succeeds, the group refers to ` +
      `version ${newVersion} from then on, and a rollback needs the numbered previous version. To keep ${state.versionRef}, ` +
      'set set-default-version: true (for $Default) or point the group at numbered versions.',
  );
}

async function createVersion(plan: GroupPlan, context: RunContext, kind: string): Promise<number> {
  const { state } = plan;
  const out = await awsClient(EC2Client, state.region).send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: state.templateId,
      SourceVersion: String(state.version),
      VersionDescription: plan.description,
      LaunchTemplateData: { ImageId: plan.ami },
      ClientToken: clientToken(context, [kind, state.region, state.name, String(state.version), plan.ami]),
    }),
  );
  return out.LaunchTemplateVersion!.VersionNumber!;
}

async function rolloutGroup(
  ref: { region: string; name: string },
  plan: Planner,
  config: RolloutConfig,
  context: RunContext,
  kind: 'deploy' | 'rollback',
): Promise<GroupOutcome> {
  const outcome: GroupOutcome = {
    region: ref.region,
    group: ref.name,
    strategy: config.strategy,
    result: 'failed',
    detail: '',
    checkpoints: [],
    startedAt: new Date(),
  };
  let state: GroupState | undefined;
  let refreshId: string | undefined;
  try {
    state = await readGroup(ref.region, ref.name);
    outcome.fromVersion = state.version;
    outcome.fromAmi = state.ami;
    const p = await plan(state);
    outcome.toAmi = p.ami;
    if (p.ami === state.ami) {
      outcome.result = 'unchanged';
      outcome.detail = `already on ${p.ami} (version ${state.version})`;
      return outcome;
    }
    const missing = await missingAlarms(state.region, config.alarms);
    if (missing.length)
      throw new DeployError(
        `CloudWatch alarm(s) ${missing.join(', ')} not found in ${state.region}. Check the alarms input.`,
      );
    await checkAmi(state.region, p.ami);
    if (config.dryRun) {
      const running = await activeRefresh(state.region, state.name);
      outcome.result = 'planned';
      outcome.detail =
        `would create a version of launch template ${state.templateName} from version ${state.version} with ${p.ami} ` +
        `and start a ${config.strategy} instance refresh` +
        (running
          ? `; a refresh is running now (${describeRefresh(running)}), on-conflict: ${config.onConflict}`
          : '');
      return outcome;
    }
    await settleConflict(state, config);
    const version = await createVersion(p, context, kind);
    outcome.toVersion = version;
    warnAboutReference(state, version);
    refreshId = await startRefresh(state, version, config);
    outcome.refreshId = refreshId;
    rememberRefresh({
      region: state.region,
      group: state.name,
      refreshId,
      autoRollback: config.autoRollback,
    });
    core.info(
      `'${state.name}' (${state.region}): ${state.ami} -> ${p.ami}, version ${state.version} -> ${version}, refresh ${refreshId}`,
    );
    const watched = await watchRefresh(state, refreshId, version, config);
    forgetRefresh(refreshId);
    outcome.checkpoints = watched.checkpoints;
    const status = watched.refresh.Status;
    const reason = watched.refresh.StatusReason ? `: ${watched.refresh.StatusReason}` : '';
    if (status === 'Successful') {
      outcome.result = 'success';
      outcome.detail = `every instance runs ${p.ami}`;
      if (config.setDefaultVersion) {
        await awsClient(EC2Client, state.region).send(
          new ModifyLaunchTemplateCommand({
            LaunchTemplateId: state.templateId,
            DefaultVersion: String(version),
          }),
        );
        outcome.detail += `; version ${version} is now the default`;
      }
    } else if (status === 'RollbackSuccessful') {
      outcome.result = 'rolled-back';
      const why = watched.badSignals.length ? `: ${watched.badSignals.join('; ')}` : reason;
      outcome.detail = `rolled back to ${state.ami}${why}`;
    } else if (status === 'Cancelled') {
      outcome.result = watched.badSignals.length ? 'failed' : 'cancelled';
      outcome.detail = `refresh cancelled${watched.badSignals.length ? `: ${watched.badSignals.join('; ')}` : reason}; replaced instances keep ${p.ami}`;
    } else {
      outcome.detail = `refresh ended ${status}${reason}`;
    }
  } catch (error) {
    if (cancellation.aborted && state && refreshId) {
      const how = await stopRefresh(state, config).catch(() => undefined);
      if (how) forgetRefresh(refreshId);
      outcome.result = 'cancelled';
      outcome.detail =
        how === 'rollback'
          ? `job cancelled: rollback of refresh ${refreshId} requested; the group goes back to ${state.ami}`
          : `job cancelled: refresh ${refreshId} ${how ? 'cancelled' : 'could not be stopped'}; instances already replaced keep the new AMI`;
    } else {
      outcome.detail = (error as Error).message;
      if (refreshId) {
        // Not the job's cancellation: the refresh is left to Auto Scaling (and not to the post step).
        forgetRefresh(refreshId);
        outcome.detail += ` (instance refresh ${refreshId} keeps running)`;
      }
    }
  } finally {
    outcome.endedAt = new Date();
  }
  return outcome;
}

export async function rolloutAll(
  refs: GroupRef[],
  plan: Planner,
  config: RolloutConfig,
  context: RunContext,
  kind: 'deploy' | 'rollback',
): Promise<GroupOutcome[]> {
  const targets = refsWithRegion(refs, config.region);
  const settled = await mapConcurrent(targets, CONCURRENCY, (ref) =>
    rolloutGroup(ref, plan, config, context, kind),
  );
  return settled.map((s, k) =>
    s.status === 'fulfilled'
      ? s.value
      : {
          region: targets[k].region,
          group: targets[k].name,
          strategy: config.strategy,
          result: 'failed' as const,
          detail: String((s.reason as Error)?.message ?? s.reason),
          checkpoints: [],
          startedAt: new Date(),
        },
  );
}
