/**
 * SSM Run Command, one runner for test mode's checks and the rollouts' health commands:
 * - the document's `executionTimeout` limits the run (`command-timeout`); SendCommand's
 *   `TimeoutSeconds` only limits the delivery;
 * - at most 50 instances per SendCommand (AWS's limit), at most 4 batches in flight at once;
 * - SendCommand may answer `InvalidInstanceId` for a while after an instance comes Online: retried;
 * - statuses of a whole batch read with ListCommandInvocations (a page per 50 instances, not a call
 *   per instance); `Cancelling` is not finished; outputs read with GetCommandInvocation (the full
 *   24,000 / 8,000 characters) for the invocations that need them;
 * - every wait draws from the step's deadline.
 */
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  type GetCommandInvocationCommandOutput,
  ListCommandInvocationsCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import type { Deadline } from '../kernel/deadline.js';
import { awsClient, type ClientUse } from './clients.js';
import { DOCUMENT } from './documents.js';
import { errorCode } from './errors.js';
import { mapConcurrent, valuesOrThrow } from './fanout.js';
import type { Platform } from './images.js';
import { waitUntil } from './wait.js';

export { DOCUMENT };

/** AWS's limit of instance ids per SendCommand (and per InstanceIds filter value list). */
export const INSTANCES_PER_COMMAND = 50;
/** How long the command may wait to reach the agent. */
const DELIVERY_TIMEOUT_SECONDS = 600;
/** How long SendCommand may keep answering InvalidInstanceId after the instance is Online. */
const ACCEPT_TIMEOUT_SECONDS = 60;
/**
 * Batches running at once. Each polls ListCommandInvocations and reads up to 10 outputs at a time, all
 * from the account's SSM request rate (pacing.ts); 4 batches are 200 instances at once, and keep the
 * polls of a large group from crowding out the other lanes of a deploy.
 */
export const BATCHES_IN_FLIGHT = 4;
const STDOUT_LIMIT = 24_000;
const STDERR_LIMIT = 8_000;
const FINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Undeliverable', 'Terminated']);

const ssm = (region: string, use: ClientUse = 'call') => awsClient(SSMClient, region, use);

export interface CommandRequest {
  region: string;
  instanceIds: string[];
  platform: Platform;
  /** What it is, for the SendCommand comment and messages: "smoke: systemctl is-active sshd". */
  label: string;
  /** The script: one entry per line. */
  lines: string[];
  /** command-timeout: the document's executionTimeout. */
  executionTimeoutSeconds: number;
  pollIntervalSeconds: number;
  deadline: Deadline;
  /** Whose stdout and stderr to read: every instance's (test mode), or only where it did not succeed. */
  output?: 'all' | 'failed';
}

export interface CommandResult {
  instanceId: string;
  status: string;
  exitCode?: number;
  stdout: string;
  stderr: string;
  truncated: boolean;
  seconds: number;
}

/** Runs the script on every instance; one result per instance, in the order given. */
export async function runCommand(request: CommandRequest): Promise<CommandResult[]> {
  const batches: string[][] = [];
  for (let at = 0; at < request.instanceIds.length; at += INSTANCES_PER_COMMAND) {
    batches.push(request.instanceIds.slice(at, at + INSTANCES_PER_COMMAND));
  }
  const results = valuesOrThrow(
    await mapConcurrent(batches, BATCHES_IN_FLIGHT, (ids) => runBatch(request, ids)),
  );
  return results.flat();
}

async function runBatch(request: CommandRequest, instanceIds: string[]): Promise<CommandResult[]> {
  const started = Date.now();
  const commandId = await send(request, instanceIds);
  const limit = DELIVERY_TIMEOUT_SECONDS + request.executionTimeoutSeconds + 60;
  const statuses = await waitUntil({
    what: `${request.label} on ${describeIds(instanceIds)}`,
    deadline: request.deadline.within(
      limit,
      `command-timeout ${request.executionTimeoutSeconds}s (plus delivery)`,
    ),
    pollIntervalSeconds: request.pollIntervalSeconds,
    onStatus: () => {},
    check: async () => {
      const seen = await invocationStatuses(request.region, commandId);
      const pending = instanceIds.filter((id) => !FINAL.has(seen.get(id) ?? 'Pending'));
      return pending.length
        ? { done: false, status: `${instanceIds.length - pending.length}/${instanceIds.length} finished` }
        : { done: true, value: seen };
    },
  });
  const outputs = await mapConcurrent(instanceIds, 10, async (instanceId) => {
    const status = statuses.get(instanceId) ?? 'Pending';
    const wanted = request.output !== 'failed' || status !== 'Success';
    return wanted ? await readInvocation(request.region, commandId, instanceId) : undefined;
  });
  return instanceIds.map((instanceId, index) => {
    const settled = outputs[index];
    const invocation = settled.status === 'fulfilled' ? settled.value : undefined;
    return toResult(instanceId, statuses.get(instanceId) ?? 'Pending', invocation, started);
  });
}

/** SendCommand, retried while SSM still refuses instances that just came Online. */
async function send(request: CommandRequest, instanceIds: string[]): Promise<string> {
  const command = await waitUntil({
    what: `SSM to accept ${request.label} for ${describeIds(instanceIds)}`,
    deadline: request.deadline.within(
      ACCEPT_TIMEOUT_SECONDS,
      `${ACCEPT_TIMEOUT_SECONDS}s for SSM to accept it`,
    ),
    pollIntervalSeconds: Math.min(request.pollIntervalSeconds, 5),
    check: async () => {
      try {
        const { Command } = await ssm(request.region).send(
          new SendCommandCommand({
            InstanceIds: instanceIds,
            DocumentName: DOCUMENT[request.platform],
            Comment: `ami-action: ${request.label}`.slice(0, 100),
            TimeoutSeconds: DELIVERY_TIMEOUT_SECONDS,
            Parameters: {
              commands: request.lines,
              executionTimeout: [String(Math.ceil(request.executionTimeoutSeconds))],
            },
          }),
        );
        return { done: true, value: Command };
      } catch (error) {
        if (errorCode(error) === 'InvalidInstanceId') return { done: false, status: 'InvalidInstanceId' };
        throw error;
      }
    },
  });
  return command?.CommandId as string;
}

/** Instance id -> invocation status, every page (an invocation not listed yet is still Pending). */
async function invocationStatuses(region: string, commandId: string): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await ssm(region, 'poll').send(
      new ListCommandInvocationsCommand({ CommandId: commandId, MaxResults: 50, NextToken }),
    );
    for (const invocation of page.CommandInvocations ?? []) {
      if (invocation.InstanceId) statuses.set(invocation.InstanceId, invocation.Status ?? 'Pending');
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return statuses;
}

async function readInvocation(region: string, commandId: string, instanceId: string) {
  try {
    return await ssm(region).send(
      new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }),
    );
  } catch (error) {
    if (errorCode(error) === 'InvocationDoesNotExist') return undefined;
    throw error;
  }
}

function toResult(
  instanceId: string,
  status: string,
  invocation: GetCommandInvocationCommandOutput | undefined,
  started: number,
): CommandResult {
  const stdout = invocation?.StandardOutputContent ?? '';
  const stderr = invocation?.StandardErrorContent ?? '';
  const start = Date.parse(invocation?.ExecutionStartDateTime ?? '');
  const end = Date.parse(invocation?.ExecutionEndDateTime ?? '');
  const exitCode = invocation?.ResponseCode;
  return {
    instanceId,
    status: invocation?.Status ?? status,
    exitCode: exitCode === undefined || exitCode < 0 ? undefined : exitCode,
    stdout,
    stderr,
    truncated: stdout.length >= STDOUT_LIMIT || stderr.length >= STDERR_LIMIT,
    seconds:
      Number.isFinite(start) && Number.isFinite(end) ? (end - start) / 1000 : (Date.now() - started) / 1000,
  };
}

/** The instances SSM sees Online, of those asked about (every page, 50 ids per filter). */
export async function onlineInstances(region: string, instanceIds: string[], use: ClientUse = 'poll') {
  const online = new Set<string>();
  for (let at = 0; at < instanceIds.length; at += INSTANCES_PER_COMMAND) {
    const ids = instanceIds.slice(at, at + INSTANCES_PER_COMMAND);
    let NextToken: string | undefined;
    do {
      const page = await ssm(region, use).send(
        new DescribeInstanceInformationCommand({
          Filters: [{ Key: 'InstanceIds', Values: ids }],
          MaxResults: 50,
          NextToken,
        }),
      );
      for (const info of page.InstanceInformationList ?? []) {
        if (info.PingStatus === 'Online' && info.InstanceId) online.add(info.InstanceId);
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return online;
}

/** Waits until SSM sees every instance Online. */
export async function waitUntilOnline(
  region: string,
  instanceIds: string[],
  deadline: Deadline,
  pollIntervalSeconds: number,
): Promise<void> {
  await waitUntil({
    what: `SSM to see ${describeIds(instanceIds)} Online`,
    deadline,
    pollIntervalSeconds,
    check: async () => {
      const online = await onlineInstances(region, instanceIds);
      return online.size >= instanceIds.length
        ? { done: true, value: undefined }
        : {
            done: false,
            status:
              instanceIds.length === 1 ? 'not Online yet' : `${online.size}/${instanceIds.length} Online`,
          };
    },
  });
}

function describeIds(ids: string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.length} instances`;
}
