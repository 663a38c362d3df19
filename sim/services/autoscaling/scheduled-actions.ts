/**
 * Scheduled actions (kept and described, not run): PutScheduledUpdateGroupAction,
 * BatchPutScheduledUpdateGroupAction, DescribeScheduledActions, DeleteScheduledAction,
 * BatchDeleteScheduledAction. A start time in the past is refused, as AWS documents; a recurring
 * action without one starts at its next occurrence (the simulator keeps the time of the call). The
 * batch calls apply the single call's rules to each action: what one refuses is a failure entry
 * (ErrorCode, ErrorMessage), the call itself succeeds; more than 50 actions is the call's error.
 * The fault `scheduledActionFailures` refuses actions by name.
 */
import type {
  BatchDeleteScheduledActionCommandInput,
  BatchDeleteScheduledActionCommandOutput,
  BatchPutScheduledUpdateGroupActionCommandInput,
  BatchPutScheduledUpdateGroupActionCommandOutput,
  DeleteScheduledActionCommandInput,
  DeleteScheduledActionCommandOutput,
  DescribeScheduledActionsCommandInput,
  DescribeScheduledActionsCommandOutput,
  FailedScheduledUpdateGroupActionRequest,
  PutScheduledUpdateGroupActionCommandInput,
  PutScheduledUpdateGroupActionCommandOutput,
  ScheduledUpdateGroupActionRequest,
} from '@aws-sdk/client-auto-scaling';
import { paginate } from '../../core/pagination.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { ASG_PAGING, MAX_SCHEDULED_ACTIONS_PER_BATCH } from './limits.js';
import { asgRegion, type GroupRecord, requireGroup } from './state.js';

const iso = (v: unknown) => (v === undefined || v === null ? undefined : new Date(v as string).toISOString());

/** The fault `scheduledActionFailures`: the error this operation answers for the action `name`, if any. */
function injected(ctx: CallContext, operation: string, name: string): AwsError | undefined {
  const hit = (ctx.sim.faults.scheduledActionFailures ?? []).find(
    (f) =>
      new RegExp(f.pattern).test(name) &&
      (!f.operations ||
        f.operations.includes(operation) ||
        f.operations.includes(`autoscaling:${operation}`)),
  );
  if (!hit) return undefined;
  return new AwsError(hit.code ?? 'ValidationError', hit.message ?? `Scheduled action ${name} was refused.`);
}

/** Creates or replaces one scheduled action of the group, by PutScheduledUpdateGroupAction's rules. */
function putAction(
  g: GroupRecord,
  input: ScheduledUpdateGroupActionRequest,
  ctx: CallContext,
  operation: string,
): void {
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
  const fault = injected(ctx, operation, name);
  if (fault) throw fault;
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
}

/** Deletes one scheduled action of the group, by DeleteScheduledAction's rules. */
function deleteAction(g: GroupRecord, name: string, ctx: CallContext, operation: string): void {
  if (!(g.ScheduledActions ?? []).some((a) => a.ScheduledActionName === name)) {
    throw new AwsError('ValidationError', `Scheduled Update Group Action name not found - ${name}`);
  }
  const fault = injected(ctx, operation, name);
  if (fault) throw fault;
  g.ScheduledActions = (g.ScheduledActions ?? []).filter((a) => a.ScheduledActionName !== name);
}

/** A batch's members: at most 50 ("The maximum number allowed is 50."), else the call's ValidationError. */
function batchOf<T>(list: T[] | undefined, member: string): T[] {
  const items = list ?? [];
  if (items.length > MAX_SCHEDULED_ACTIONS_PER_BATCH) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SCHEDULED_ACTIONS_PER_BATCH}`,
    );
  }
  return items;
}

/** Runs `each` per action; an action it refuses is a failure entry, anything else is the call's error. */
function perAction<T>(
  items: T[],
  nameOf: (item: T) => string,
  each: (item: T) => void,
): FailedScheduledUpdateGroupActionRequest[] {
  const failed: FailedScheduledUpdateGroupActionRequest[] = [];
  for (const item of items) {
    try {
      each(item);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      failed.push({ ScheduledActionName: nameOf(item), ErrorCode: e.code, ErrorMessage: e.message });
    }
  }
  return failed;
}

export const PutScheduledUpdateGroupAction: Handler<
  PutScheduledUpdateGroupActionCommandInput,
  PutScheduledUpdateGroupActionCommandOutput
> = (input, ctx) => {
  putAction(requireGroup(ctx, input.AutoScalingGroupName), input, ctx, 'PutScheduledUpdateGroupAction');
  return {};
};

export const BatchPutScheduledUpdateGroupAction: Handler<
  BatchPutScheduledUpdateGroupActionCommandInput,
  BatchPutScheduledUpdateGroupActionCommandOutput
> = (input, ctx) => {
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const actions = batchOf(input.ScheduledUpdateGroupActions, 'scheduledUpdateGroupActions');
  const failed = perAction(
    actions,
    (a) => String(a.ScheduledActionName ?? ''),
    (a) => putAction(g, a, ctx, 'BatchPutScheduledUpdateGroupAction'),
  );
  return { FailedScheduledUpdateGroupActions: failed };
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
  deleteAction(g, String(input.ScheduledActionName ?? ''), ctx, 'DeleteScheduledAction');
  return {};
};

export const BatchDeleteScheduledAction: Handler<
  BatchDeleteScheduledActionCommandInput,
  BatchDeleteScheduledActionCommandOutput
> = (input, ctx) => {
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const names = batchOf(input.ScheduledActionNames, 'scheduledActionNames');
  const failed = perAction(
    names,
    (name) => String(name),
    (name) => deleteAction(g, String(name), ctx, 'BatchDeleteScheduledAction'),
  );
  return { FailedScheduledActions: failed };
};
