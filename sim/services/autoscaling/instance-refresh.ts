/**
 * Instance refresh: StartInstanceRefresh (preferences checked as AWS checks them), DescribeInstanceRefreshes,
 * CancelInstanceRefresh, RollbackInstanceRefresh. The refresh itself moves in engine.ts.
 */
import type {
  CancelInstanceRefreshCommandInput,
  CancelInstanceRefreshCommandOutput,
  DescribeInstanceRefreshesCommandInput,
  DescribeInstanceRefreshesCommandOutput,
  InstanceRefresh,
  RefreshPreferences,
  RollbackInstanceRefreshCommandInput,
  RollbackInstanceRefreshCommandOutput,
  StartInstanceRefreshCommandInput,
  StartInstanceRefreshCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { nowIso } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import {
  activeRefresh,
  advanceAutoScaling,
  beginRollback,
  configOf,
  effectivePercentages,
  launchSlots,
  newRefreshId,
  resolveConfig,
  templateSpecOf,
  toReplace,
} from './engine.js';
import { checkConfig } from './groups.js';
import { ASG_PAGING, MAX_REFRESH_ALARMS, MAX_REFRESH_WAIT_SECONDS } from './limits.js';
import { asgRegion, type GroupConfig, type RefreshRecord, requireGroup } from './state.js';

const NUMBERED = /^\d+$/;

/** Whether every template the configuration launches from (each override's own too) names a version number. */
function numberedVersions(config: GroupConfig): boolean {
  const slots = launchSlots(config);
  return !!templateSpecOf(config) && slots.every((slot) => NUMBERED.test(String(slot.spec.Version ?? '')));
}

/** Whether a template the configuration launches from takes its image id from an SSM parameter. */
function usesSsmImage(ctx: CallContext, config: GroupConfig): boolean {
  return resolveConfig(ctx.sim, ctx.region, config).some((r) =>
    String(r.version.LaunchTemplateData?.ImageId ?? '').startsWith('resolve:ssm:'),
  );
}

const PROTECTED_PREFERENCES = ['Refresh', 'Ignore', 'Wait'];
const STANDBY_PREFERENCES = ['Terminate', 'Ignore', 'Wait'];

function checkPreferences(
  ctx: CallContext,
  p: RefreshPreferences,
  effective: { MinHealthyPercentage: number; MaxHealthyPercentage: number },
  desired: GroupConfig | undefined,
) {
  const min = p.MinHealthyPercentage ?? effective.MinHealthyPercentage;
  if (!(min >= 0 && min <= 100))
    throw new AwsError('ValidationError', 'MinHealthyPercentage must be between 0 and 100.');
  if (p.MaxHealthyPercentage !== undefined && p.MinHealthyPercentage === undefined) {
    throw new AwsError(
      'ValidationError',
      'If you specify MaxHealthyPercentage, you must also specify MinHealthyPercentage.',
    );
  }
  const max = p.MaxHealthyPercentage ?? effective.MaxHealthyPercentage;
  if (!(max >= 100 && max <= 200))
    throw new AwsError('ValidationError', 'MaxHealthyPercentage must be between 100 and 200.');
  if (max - min > 100) {
    throw new AwsError(
      'ValidationError',
      'The difference between MaxHealthyPercentage and MinHealthyPercentage cannot be greater than 100.',
    );
  }
  for (const [name, allowed] of [
    ['ScaleInProtectedInstances', PROTECTED_PREFERENCES],
    ['StandbyInstances', STANDBY_PREFERENCES],
  ] as const) {
    const v = p[name];
    if (v !== undefined && !allowed.includes(v)) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${v}' at 'preferences.${name[0].toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
      );
    }
  }
  const cps: number[] = p.CheckpointPercentages ?? [];
  for (let k = 0; k < cps.length; k++) {
    if (!Number.isInteger(cps[k]) || !(cps[k] >= 1 && cps[k] <= 100) || (k > 0 && cps[k] <= cps[k - 1])) {
      throw new AwsError(
        'ValidationError',
        'CheckpointPercentages must be unique whole numbers in ascending order, each between 1 and 100.',
      );
    }
  }
  if ((p.AlarmSpecification?.Alarms ?? []).length > MAX_REFRESH_ALARMS) {
    throw new AwsError(
      'ValidationError',
      `AlarmSpecification can contain at most ${MAX_REFRESH_ALARMS} alarms.`,
    );
  }
  for (const name of ['CheckpointDelay', 'BakeTime'] as const) {
    const v = p[name];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= MAX_REFRESH_WAIT_SECONDS)) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${v}' at 'preferences.${name[0].toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must have value between 0 and ${MAX_REFRESH_WAIT_SECONDS}`,
      );
    }
  }
  if (p.InstanceWarmup !== undefined && !(Number.isInteger(p.InstanceWarmup) && p.InstanceWarmup >= 0)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${p.InstanceWarmup}' at 'preferences.instanceWarmup' failed to satisfy constraint: Member must be a whole number of seconds, 0 or more`,
    );
  }
  if (p.CheckpointDelay !== undefined && !cps.length) {
    throw new AwsError('ValidationError', 'CheckpointDelay requires CheckpointPercentages.');
  }
  if (p.AutoRollback === true) {
    if (!desired || !numberedVersions(desired)) {
      throw new AwsError(
        'ValidationError',
        'AutoRollback is only supported when the desired configuration specifies a launch template with a specific version number (not $Latest or $Default).',
      );
    }
    if (usesSsmImage(ctx, desired)) {
      throw new AwsError(
        'ValidationError',
        'AutoRollback is not supported when the launch template uses an AWS Systems Manager parameter instead of an AMI ID for ImageId.',
      );
    }
  }
}

export const StartInstanceRefresh: Handler<
  StartInstanceRefreshCommandInput,
  StartInstanceRefreshCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const strategy = input.Strategy ?? 'Rolling';
  if (strategy !== 'Rolling' && strategy !== 'ReplaceRootVolume') {
    throw new AwsError('ValidationError', `Strategy ${strategy} is not valid.`);
  }
  if (activeRefresh(ctx.sim, ctx.region, g.AutoScalingGroupName)) {
    throw new AwsError(
      'InstanceRefreshInProgress',
      'An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.',
    );
  }
  const desired: GroupConfig | undefined = input.DesiredConfiguration
    ? input.DesiredConfiguration.MixedInstancesPolicy
      ? { MixedInstancesPolicy: input.DesiredConfiguration.MixedInstancesPolicy }
      : { LaunchTemplate: input.DesiredConfiguration.LaunchTemplate }
    : undefined;
  if (desired) checkConfig(ctx, desired);
  // MinHealthyPercentage and MaxHealthyPercentage left out: the group's instance maintenance policy, else 90 / 100.
  const prefs: RefreshPreferences = {
    SkipMatching: false,
    AutoRollback: false,
    ScaleInProtectedInstances: 'Wait',
    StandbyInstances: 'Wait',
    ...input.Preferences,
  };
  const effective = effectivePercentages(g, prefs);
  checkPreferences(ctx, prefs, effective, desired);
  const refresh: RefreshRecord = {
    InstanceRefreshId: newRefreshId(),
    AutoScalingGroupName: g.AutoScalingGroupName,
    Status: 'Pending',
    StartTime: nowIso(ctx.sim),
    Strategy: strategy,
    Preferences: prefs,
    DesiredConfiguration: desired,
    previous: configOf(g),
    total: 0,
    replaced: 0,
    phase: 'forward',
    checkpoints: [],
    pendingTerminate: [],
    effective,
  };
  const reg = asgRegion(ctx.sim, ctx.region);
  reg.refreshes.push(refresh);
  // Counted before the first step: what the forward phase must replace.
  refresh.total = toReplace(ctx.sim, ctx.region, g, refresh).length;
  advanceAutoScaling(ctx.sim, ctx.region);
  return { InstanceRefreshId: refresh.InstanceRefreshId };
};

function warmProgress(r: RefreshRecord) {
  const total = r.warmTotal ?? 0;
  const done = r.Status === 'Successful' ? total : Math.min(r.warmReplaced ?? 0, total);
  return {
    PercentageComplete: total ? Math.floor((done / total) * 100) : 100,
    InstancesToUpdate: Math.max(0, total - done),
  };
}

function refreshOutput(r: RefreshRecord): InstanceRefresh {
  const pct = r.total ? Math.floor((Math.min(r.replaced, r.total) / r.total) * 100) : 100;
  const left = Math.max(0, r.total - r.replaced);
  const forwardDone = r.phase === 'rollback' ? r.rollback : undefined;
  const percentage =
    r.Status === 'Successful' ? 100 : forwardDone ? forwardDone.PercentageCompleteOnRollback : pct;
  const toUpdate =
    r.Status === 'Successful' ? 0 : forwardDone ? forwardDone.InstancesToUpdateOnRollback : left;
  return {
    InstanceRefreshId: r.InstanceRefreshId,
    AutoScalingGroupName: r.AutoScalingGroupName,
    Status: r.Status,
    StatusReason: r.StatusReason,
    StartTime: new Date(r.StartTime),
    EndTime: r.EndTime === undefined ? undefined : new Date(r.EndTime),
    PercentageComplete: percentage,
    InstancesToUpdate: toUpdate,
    ProgressDetails: {
      LivePoolProgress: { PercentageComplete: percentage, InstancesToUpdate: toUpdate },
      ...(r.warmTotal !== undefined ? { WarmPoolProgress: warmProgress(r) } : {}),
    },
    Preferences: r.Preferences,
    DesiredConfiguration: r.DesiredConfiguration,
    Strategy: r.Strategy,
    RollbackDetails: r.rollback
      ? {
          ...r.rollback,
          RollbackStartTime: new Date(r.rollback.RollbackStartTime),
          ProgressDetailsOnRollback: {
            LivePoolProgress: { PercentageComplete: pct, InstancesToUpdate: left },
          },
        }
      : undefined,
  };
}

export const DescribeInstanceRefreshes: Handler<
  DescribeInstanceRefreshesCommandInput,
  DescribeInstanceRefreshesCommandOutput
> = (input, ctx) => {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const ids: string[] = input.InstanceRefreshIds ?? [];
  const items = asgRegion(ctx.sim, ctx.region)
    .refreshes.filter((r) => r.AutoScalingGroupName === g.AutoScalingGroupName)
    .filter((r) => !ids.length || ids.includes(r.InstanceRefreshId))
    .reverse();
  const { page, next } = paginate(items, input, ASG_PAGING.DescribeInstanceRefreshes);
  return { InstanceRefreshes: page.map(refreshOutput), NextToken: next };
};

/** The group's active refresh in one of `statuses` (events replayed first), or AWS's not-found error. */
function activeRefreshOf(ctx: CallContext, name: string | undefined, statuses: RefreshRecord['Status'][]) {
  advanceAutoScaling(ctx.sim, ctx.region);
  const g = requireGroup(ctx, name);
  const r = activeRefresh(ctx.sim, ctx.region, g.AutoScalingGroupName);
  if (!r || !statuses.includes(r.Status)) {
    throw new AwsError(
      'ActiveInstanceRefreshNotFound',
      'No in progress or pending Instance Refresh found for Auto Scaling group.',
    );
  }
  return { g, r };
}

export const CancelInstanceRefresh: Handler<
  CancelInstanceRefreshCommandInput,
  CancelInstanceRefreshCommandOutput
> = (input, ctx) => {
  const { r } = activeRefreshOf(ctx, input.AutoScalingGroupName, [
    'Pending',
    'InProgress',
    'Baking',
    'RollbackInProgress',
  ]);
  r.Status = 'Cancelling';
  r.StatusReason = 'Cancellation requested by the user.';
  r.waitUntil = undefined;
  advanceAutoScaling(ctx.sim, ctx.region);
  return { InstanceRefreshId: r.InstanceRefreshId };
};

export const RollbackInstanceRefresh: Handler<
  RollbackInstanceRefreshCommandInput,
  RollbackInstanceRefreshCommandOutput
> = (input, ctx) => {
  const { g, r } = activeRefreshOf(ctx, input.AutoScalingGroupName, ['Pending', 'InProgress', 'Baking']);
  if (
    !r.DesiredConfiguration ||
    !numberedVersions(r.DesiredConfiguration) ||
    usesSsmImage(ctx, r.DesiredConfiguration)
  ) {
    throw new AwsError(
      'IrreversibleInstanceRefresh',
      'The instance refresh cannot be rolled back: it has no desired configuration with a specific launch template version number, or its launch template takes the AMI from an AWS Systems Manager parameter.',
    );
  }
  beginRollback(ctx.sim, ctx.region, g, r, nowIso(ctx.sim), 'Rollback requested by the user.');
  advanceAutoScaling(ctx.sim, ctx.region);
  return { InstanceRefreshId: r.InstanceRefreshId };
};
