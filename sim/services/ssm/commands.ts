/** Run Command: SendCommand, GetCommandInvocation, ListCommandInvocations, ListCommands, CancelCommand. */

import { randomUUID } from 'node:crypto';
import type {
  CancelCommandCommandInput,
  CancelCommandCommandOutput,
  Command,
  CommandFilter,
  CommandInvocation,
  CommandPluginStatus,
  GetCommandInvocationCommandInput,
  GetCommandInvocationCommandOutput,
  ListCommandInvocationsCommandInput,
  ListCommandInvocationsCommandOutput,
  ListCommandsCommandInput,
  ListCommandsCommandOutput,
  NotificationType,
  SendCommandCommandInput,
  SendCommandCommandOutput,
  Target,
} from '@aws-sdk/client-ssm';
import { paginate } from '../../core/pagination.js';
import { DURATIONS, isoAfter, ms } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import {
  commandStatus,
  elapsed,
  invocationNow,
  invocationVisible,
  pluginOutput,
  STDERR_LIMIT,
  STDOUT_LIMIT,
  truncate,
} from './command-view.js';
import {
  MAX_INSTANCES_PER_COMMAND,
  MAX_TARGET_VALUES,
  MAX_TARGETS_PER_COMMAND,
  SSM_PAGING,
} from './limits.js';
import { managedInstances } from './managed-instances.js';
import { commandText, outcomeOf } from './outcomes.js';
import { type CommandRecord, type InvocationRecord, ssmRegion } from './state.js';

/** Documents the simulator knows, with their plugin and platforms. */
export const DOCUMENTS: Record<string, { plugin: string; platforms: string[]; defaultTimeout: number }> = {
  'AWS-RunShellScript': { plugin: 'aws:runShellScript', platforms: ['Linux'], defaultTimeout: 3600 },
  'AWS-RunPowerShellScript': {
    plugin: 'aws:runPowerShellScript',
    platforms: ['Windows', 'Linux'],
    defaultTimeout: 3600,
  },
};

/** AWS answers empty strings here when no notification is set (the SDK's enum has no empty value). */
const NO_NOTIFICATIONS = {
  NotificationArn: '',
  NotificationEvents: [],
  NotificationType: '' as NotificationType,
};

/** Smithy's length validation, as SSM answers it (tag targets may still reach thousands of nodes). */
function checkLength(member: string, list: unknown[] | undefined, max: number): void {
  if ((list?.length ?? 0) > max) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
}

function targetsToIds(ctx: CallContext, targets: Target[]): string[] {
  const managed = managedInstances(ctx.sim, ctx.region);
  return targets.flatMap(({ Key: key = '', Values: values = [] }) => {
    if (key === 'InstanceIds') return values;
    if (key.startsWith('tag:')) {
      const k = key.slice(4);
      return managed
        .filter((m) => m.Tags.some((x) => x.Key === k && values.includes(x.Value)))
        .map((m) => m.InstanceId);
    }
    throw new AwsError('InvalidTarget', `Target key ${key} is not supported.`);
  });
}

function checkParameters(doc: string, params: Record<string, string[]>): number {
  if (!params.commands?.length) {
    throw new AwsError('InvalidParameters', `Parameter "commands" is required for document ${doc}.`);
  }
  const unknown = Object.keys(params).filter(
    (k) => !['commands', 'executionTimeout', 'workingDirectory'].includes(k),
  );
  if (unknown.length)
    throw new AwsError('InvalidParameters', `Parameter "${unknown[0]}" is not allowed in document ${doc}.`);
  const t = params.executionTimeout?.[0];
  if (t === undefined) return DOCUMENTS[doc].defaultTimeout;
  const n = Number(t);
  if (!/^\d+$/.test(t) || n < 1 || n > 172800) {
    throw new AwsError(
      'InvalidParameters',
      `Parameter "executionTimeout" must be an integer between 1 and 172800: "${t}".`,
    );
  }
  return n;
}

export const SendCommand: Handler<SendCommandCommandInput, SendCommandCommandOutput> = (input, ctx) => {
  const docName = String(input.DocumentName ?? '');
  const doc = DOCUMENTS[docName];
  if (!doc) throw new AwsError('InvalidDocument', `Document with name ${docName} does not exist.`);
  const params: Record<string, string[]> = input.Parameters ?? {};
  const executionTimeout = checkParameters(docName, params);
  const timeoutSeconds = input.TimeoutSeconds ?? 3600;
  if (timeoutSeconds < 30 || timeoutSeconds > 2592000) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${timeoutSeconds}' at 'timeoutSeconds' failed to satisfy constraint: Member must have value between 30 and 2592000`,
    );
  }
  checkLength('instanceIds', input.InstanceIds, MAX_INSTANCES_PER_COMMAND);
  checkLength('targets', input.Targets, MAX_TARGETS_PER_COMMAND);
  for (const t of input.Targets ?? []) checkLength('targets.member.values', t.Values, MAX_TARGET_VALUES);
  const ids: string[] = input.InstanceIds?.length
    ? input.InstanceIds
    : targetsToIds(ctx, input.Targets ?? []);
  if (!ids.length)
    throw new AwsError('ValidationException', 'Either InstanceIds or Targets must be specified.');
  if (new Set(ids).size !== ids.length)
    throw new AwsError('DuplicateInstanceId', 'Instance Id is duplicated.');
  const managed = new Map(managedInstances(ctx.sim, ctx.region).map((m) => [m.InstanceId, m]));
  const notOnline = ids.filter((id) => managed.get(id)?.PingStatus !== 'Online');
  if (notOnline.length) {
    throw new AwsError(
      'InvalidInstanceId',
      `Instances [[${notOnline.join(', ')}]] not in a valid state for account ${ctx.accountId}`,
    );
  }
  const unsupported = ids.find((id) => !doc.platforms.includes(managed.get(id)!.PlatformType));
  if (unsupported) {
    throw new AwsError(
      'UnsupportedPlatformType',
      `The document ${docName} does not support the platform of ${unsupported}.`,
    );
  }
  const now = ctx.sim.clock.nowMs();
  const text = commandText(params);
  const startAt = isoAfter(now, DURATIONS.commandDeliverySeconds);
  const invocations: InvocationRecord[] = ids.map((id) => {
    const o = outcomeOf(ctx.sim.faults, text, DURATIONS.commandRunSeconds, executionTimeout);
    return {
      InstanceId: id,
      PluginName: doc.plugin,
      startAt,
      endAt: isoAfter(ms(startAt), o.seconds),
      status: o.status,
      statusDetails: o.statusDetails,
      responseCode: o.responseCode,
      stdout: o.stdout,
      stderr: o.stderr,
    };
  });
  const cmd: CommandRecord = {
    CommandId: randomUUID(),
    DocumentName: docName,
    Comment: input.Comment,
    Parameters: params,
    InstanceIds: ids,
    Targets: input.Targets ?? [],
    TimeoutSeconds: timeoutSeconds,
    executionTimeout,
    requestedAt: new Date(now).toISOString(),
    OutputS3BucketName: input.OutputS3BucketName,
    OutputS3KeyPrefix: input.OutputS3KeyPrefix,
    OutputS3Region: input.OutputS3Region ?? ctx.region,
    MaxConcurrency: input.MaxConcurrency ?? '50',
    MaxErrors: input.MaxErrors ?? '0',
    ServiceRoleArn: input.ServiceRoleArn,
    CloudWatchOutputConfig: input.CloudWatchOutputConfig,
    invocations,
  };
  ssmRegion(ctx.sim, ctx.region).commands[cmd.CommandId] = cmd;
  return { Command: commandOutput(cmd, now) };
};

function commandOutput(cmd: CommandRecord, nowMs: number): Command {
  return {
    CommandId: cmd.CommandId,
    DocumentName: cmd.DocumentName,
    DocumentVersion: '$DEFAULT',
    Comment: cmd.Comment ?? '',
    ExpiresAfter: new Date(ms(cmd.requestedAt) + (cmd.TimeoutSeconds + cmd.executionTimeout) * 1000),
    Parameters: cmd.Parameters,
    InstanceIds: cmd.InstanceIds,
    Targets: cmd.Targets,
    RequestedDateTime: new Date(cmd.requestedAt),
    ...commandStatus(cmd, nowMs),
    OutputS3Region: cmd.OutputS3Region,
    OutputS3BucketName: cmd.OutputS3BucketName ?? '',
    OutputS3KeyPrefix: cmd.OutputS3KeyPrefix ?? '',
    MaxConcurrency: cmd.MaxConcurrency,
    MaxErrors: cmd.MaxErrors,
    ServiceRole: cmd.ServiceRoleArn ?? '',
    NotificationConfig: NO_NOTIFICATIONS,
    CloudWatchOutputConfig: {
      CloudWatchLogGroupName: cmd.CloudWatchOutputConfig?.CloudWatchLogGroupName ?? '',
      CloudWatchOutputEnabled: cmd.CloudWatchOutputConfig?.CloudWatchOutputEnabled ?? false,
    },
    TimeoutSeconds: cmd.TimeoutSeconds,
    TriggeredAlarms: [],
  };
}

function findCommand(ctx: CallContext, id: unknown): CommandRecord {
  const cmd = ssmRegion(ctx.sim, ctx.region).commands[String(id ?? '')];
  if (!cmd) throw new AwsError('InvalidCommandId', `Command ID ${id} is not valid.`);
  return cmd;
}

export const GetCommandInvocation: Handler<
  GetCommandInvocationCommandInput,
  GetCommandInvocationCommandOutput
> = (input, ctx) => {
  const now = ctx.sim.clock.nowMs();
  const cmd = ssmRegion(ctx.sim, ctx.region).commands[String(input.CommandId ?? '')];
  const inv = cmd?.invocations.find((i) => i.InstanceId === input.InstanceId);
  if (!cmd || !inv || !invocationVisible(cmd, now)) {
    throw new AwsError('InvocationDoesNotExist', 'The command invocation does not exist.');
  }
  if (input.PluginName && input.PluginName !== inv.PluginName) {
    throw new AwsError(
      'InvalidPluginName',
      `Plugin ${input.PluginName} is not in document ${cmd.DocumentName}.`,
    );
  }
  const s = invocationNow(inv, now);
  const start = ms(inv.startAt);
  return {
    CommandId: cmd.CommandId,
    InstanceId: inv.InstanceId,
    Comment: cmd.Comment ?? '',
    DocumentName: cmd.DocumentName,
    DocumentVersion: '$DEFAULT',
    PluginName: inv.PluginName,
    ResponseCode: s.responseCode,
    ExecutionStartDateTime: s.started ? new Date(start).toISOString() : '',
    ExecutionElapsedTime: s.started ? elapsed(start, s.endMs ?? now) : '',
    ExecutionEndDateTime: s.ended && s.endMs !== undefined ? new Date(s.endMs).toISOString() : '',
    Status: s.status,
    StatusDetails: s.statusDetails,
    StandardOutputContent: truncate(s.stdout, STDOUT_LIMIT),
    StandardOutputUrl: '',
    StandardErrorContent: truncate(s.stderr, STDERR_LIMIT),
    StandardErrorUrl: '',
    CloudWatchOutputConfig: {
      CloudWatchLogGroupName: cmd.CloudWatchOutputConfig?.CloudWatchLogGroupName ?? '',
      CloudWatchOutputEnabled: cmd.CloudWatchOutputConfig?.CloudWatchOutputEnabled ?? false,
    },
  };
};

function invocationOutput(
  cmd: CommandRecord,
  inv: InvocationRecord,
  nowMs: number,
  details: boolean,
): CommandInvocation {
  const s = invocationNow(inv, nowMs);
  return {
    CommandId: cmd.CommandId,
    InstanceId: inv.InstanceId,
    InstanceName: '',
    Comment: cmd.Comment ?? '',
    DocumentName: cmd.DocumentName,
    DocumentVersion: '$DEFAULT',
    RequestedDateTime: new Date(cmd.requestedAt),
    Status: s.status,
    StatusDetails: s.statusDetails,
    TraceOutput: '',
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: details
      ? [
          {
            Name: inv.PluginName,
            Status: s.status as CommandPluginStatus,
            StatusDetails: s.statusDetails,
            ResponseCode: s.responseCode,
            ResponseStartDateTime: s.started ? new Date(ms(inv.startAt)) : undefined,
            ResponseFinishDateTime: s.ended && s.endMs !== undefined ? new Date(s.endMs) : undefined,
            Output: pluginOutput(s.stdout, s.stderr),
            StandardOutputUrl: '',
            StandardErrorUrl: '',
            OutputS3Region: cmd.OutputS3Region,
            OutputS3BucketName: cmd.OutputS3BucketName ?? '',
            OutputS3KeyPrefix: cmd.OutputS3KeyPrefix ?? '',
          },
        ]
      : [],
    ServiceRole: cmd.ServiceRoleArn ?? '',
    NotificationConfig: NO_NOTIFICATIONS,
    CloudWatchOutputConfig: {
      CloudWatchLogGroupName: cmd.CloudWatchOutputConfig?.CloudWatchLogGroupName ?? '',
      CloudWatchOutputEnabled: cmd.CloudWatchOutputConfig?.CloudWatchOutputEnabled ?? false,
    },
  };
}

function passes(cmd: CommandRecord, status: string, filters: CommandFilter[]): boolean {
  return filters.every((f) => {
    switch (f.key) {
      case 'InvokedAfter':
        return ms(cmd.requestedAt) >= Date.parse(f.value ?? '');
      case 'InvokedBefore':
        return ms(cmd.requestedAt) <= Date.parse(f.value ?? '');
      case 'Status':
        return status === f.value;
      case 'DocumentName':
        return cmd.DocumentName === f.value;
      case 'ExecutionStage':
        return f.value === 'Executing'
          ? !['Success', 'Failed', 'TimedOut', 'Cancelled'].includes(status)
          : true;
      default:
        throw new AwsError('InvalidFilterKey', `The filter key ${f.key} is not valid.`);
    }
  });
}

function selectedCommands(input: Record<string, any>, ctx: CallContext): CommandRecord[] {
  if (input.CommandId) return [findCommand(ctx, input.CommandId)];
  return Object.values(ssmRegion(ctx.sim, ctx.region).commands).sort(
    (a, b) => ms(b.requestedAt) - ms(a.requestedAt),
  );
}

export const ListCommandInvocations: Handler<
  ListCommandInvocationsCommandInput,
  ListCommandInvocationsCommandOutput
> = (input, ctx) => {
  const now = ctx.sim.clock.nowMs();
  const filters = input.Filters ?? [];
  const rows = selectedCommands(input, ctx)
    .filter((c) => invocationVisible(c, now))
    .flatMap((c) =>
      c.invocations
        .filter((i) => !input.InstanceId || i.InstanceId === input.InstanceId)
        .filter((i) => passes(c, invocationNow(i, now).status, filters))
        .map((i) => invocationOutput(c, i, now, !!input.Details)),
    );
  const { page: items, next: NextToken } = paginate(rows, input, SSM_PAGING.ListCommandInvocations);
  return { CommandInvocations: items, NextToken };
};

export const ListCommands: Handler<ListCommandsCommandInput, ListCommandsCommandOutput> = (input, ctx) => {
  const now = ctx.sim.clock.nowMs();
  const filters = input.Filters ?? [];
  const rows = selectedCommands(input, ctx)
    .filter((c) => !input.InstanceId || c.InstanceIds.includes(input.InstanceId))
    .filter((c) => passes(c, commandStatus(c, now).Status, filters))
    .map((c) => commandOutput(c, now));
  const { page: items, next: NextToken } = paginate(rows, input, SSM_PAGING.ListCommands);
  return { Commands: items, NextToken };
};

export const CancelCommand: Handler<CancelCommandCommandInput, CancelCommandCommandOutput> = (input, ctx) => {
  const cmd = findCommand(ctx, input.CommandId);
  const now = ctx.sim.clock.nowMs();
  const ids: string[] | undefined = input.InstanceIds;
  for (const inv of cmd.invocations) {
    if (ids?.length && !ids.includes(inv.InstanceId)) continue;
    if (!invocationNow(inv, now).ended) inv.cancelledAt = new Date(now).toISOString();
  }
  return {};
};
