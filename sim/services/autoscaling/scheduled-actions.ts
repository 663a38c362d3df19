/**
 * Scheduled actions (kept and described, not run): PutScheduledUpdateGroupAction,
 * DescribeScheduledActions, DeleteScheduledAction. A start time in the past is refused, as AWS
 * documents; a recurring action without one starts at its next occurrence (the simulator keeps
 * the time of the call).
 */
import type {
  DeleteScheduledActionCommandInput,
  DeleteScheduledActionCommandOutput,
  DescribeScheduledActionsCommandInput,
  DescribeScheduledActionsCommandOutput,
  PutScheduledUpdateGroupActionCommandInput,
  PutScheduledUpdateGroupActionCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { AwsError, type Handler } from '../../core/types.js';
import { ASG_PAGING } from './limits.js';
import { asgRegion, requireGroup } from './state.js';

const iso = (v: unknown) => (v === undefined || v === null ? undefined : new Date(v as string).toISOString());

export const PutScheduledUpdateGroupAction: Handler<
  PutScheduledUpdateGroupActionCommandInput,
  PutScheduledUpdateGroupActionCommandOutput
> = (input, ctx) => {
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const name = String(input.ScheduledActionName ?? '');
  if (!name || name.length > 255) {
    throw new AwsError('ValidationError', 'ScheduledActionName must be 1 to 255 characters.');
  }
  if (input.MinSize === undefined && input.MaxSize === undefined && input.DesiredCapacity === undefined) {
    throw new AwsError(
      'ValidationError',
      'You must specify at least one of MinSize, MaxSize or DesiredCapacity.',
    );
  }
  const now = ctx.sim.clock.nowMs();
  const start = iso(input.StartTime);
  const endAt = iso(input.EndTime);
  if (start && Date.parse(start) < now) {
    throw new AwsError('ValidationError', `Given start time ${start} is in the past.`);
  }
  if (endAt && Date.parse(endAt) < Math.max(now, start ? Date.parse(start) : now)) {
    throw new AwsError('ValidationError', `Given end time ${endAt} is before the start time.`);
  }
  if (input.Recurrence !== undefined && String(input.Recurrence).trim().split(/\s+/).length !== 5) {
    throw new AwsError(
      'ValidationError',
      `Given recurrence ${input.Recurrence} is not a valid cron expression.`,
    );
  }
  const action = {
    AutoScalingGroupName: g.AutoScalingGroupName,
    ScheduledActionName: name,
    ScheduledActionARN: `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:scheduledUpdateGroupAction:${g.AutoScalingGroupARN.split(':')[5]}:autoScalingGroupName/${g.AutoScalingGroupName}:scheduledActionName/${name}`,
    StartTime: start ?? new Date(now).toISOString(),
    EndTime: endAt,
    Recurrence: input.Recurrence,
    MinSize: input.MinSize,
    MaxSize: input.MaxSize,
    DesiredCapacity: input.DesiredCapacity,
    TimeZone: input.TimeZone,
  };
  g.ScheduledActions = [...(g.ScheduledActions ?? []).filter((a) => a.ScheduledActionName !== name), action];
  return {};
};

export const DescribeScheduledActions: Handler<
  DescribeScheduledActionsCommandInput,
  DescribeScheduledActionsCommandOutput
> = (input, ctx) => {
  const groups = input.AutoScalingGroupName
    ? [requireGroup(ctx, input.AutoScalingGroupName)]
    : Object.values(asgRegion(ctx.sim, ctx.region).groups);
  const names: string[] = input.ScheduledActionNames ?? [];
  const actions = groups
    .flatMap((g) => g.ScheduledActions ?? [])
    .filter((a) => !names.length || names.includes(a.ScheduledActionName));
  const { page, next } = paginate(actions, input, ASG_PAGING.DescribeScheduledActions);
  return {
    ScheduledUpdateGroupActions: page.map((a) => ({
      ...a,
      StartTime: a.StartTime ? new Date(a.StartTime) : undefined,
      Time: a.StartTime ? new Date(a.StartTime) : undefined,
      EndTime: a.EndTime ? new Date(a.EndTime) : undefined,
    })),
    NextToken: next,
  };
};

export const DeleteScheduledAction: Handler<
  DeleteScheduledActionCommandInput,
  DeleteScheduledActionCommandOutput
> = (input, ctx) => {
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const name = String(input.ScheduledActionName ?? '');
  if (!(g.ScheduledActions ?? []).some((a) => a.ScheduledActionName === name)) {
    throw new AwsError('ValidationError', `Scheduled Update Group Action name not found - ${name}`);
  }
  g.ScheduledActions = (g.ScheduledActions ?? []).filter((a) => a.ScheduledActionName !== name);
  return {};
};
