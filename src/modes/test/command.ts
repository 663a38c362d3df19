/**
 * Runs one check on the instance with SSM Run Command and waits for its result. The document's
 * `executionTimeout` limits the run; SendCommand's `TimeoutSeconds` only limits the delivery.
 */
import { GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '../../aws/clients.js';
import { errorCode } from '../../aws/errors.js';
import { waitUntil } from '../../aws/wait.js';
import { documentFor, type Platform } from './image.js';

/** How long the command may wait to reach the agent. */
const DELIVERY_TIMEOUT_SECONDS = 600;
/** How long SendCommand may keep answering InvalidInstanceId after the instance is Online. */
const ACCEPT_TIMEOUT_SECONDS = 60;
const STDOUT_LIMIT = 24_000;
const STDERR_LIMIT = 8_000;
const FINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Undeliverable', 'Terminated']);

export interface CommandRun {
  region: string;
  instanceId: string;
  platform: Platform;
  /** What it is, for the SendCommand comment and messages. */
  label: string;
  /** The script: one entry per line. */
  lines: string[];
  executionTimeoutSeconds: number;
  pollIntervalSeconds: number;
  /** The step's own deadline (epoch ms). */
  deadline: number;
}

export interface CommandOutcome {
  status: string;
  exitCode?: number;
  stdout: string;
  stderr: string;
  truncated: boolean;
  seconds: number;
}

export async function runCommand(run: CommandRun): Promise<CommandOutcome> {
  const ssm = awsClient(SSMClient, run.region);
  const started = Date.now();
  const Command = await waitUntil({
    what: `SSM to accept ${run.label} for ${run.instanceId}`,
    timeoutSeconds: ACCEPT_TIMEOUT_SECONDS,
    pollIntervalSeconds: Math.min(run.pollIntervalSeconds, 5),
    check: async () => {
      try {
        const { Command } = await ssm.send(
          new SendCommandCommand({
            InstanceIds: [run.instanceId],
            DocumentName: documentFor(run.platform),
            Comment: `ami-action test: ${run.label}`.slice(0, 100),
            TimeoutSeconds: DELIVERY_TIMEOUT_SECONDS,
            Parameters: {
              commands: run.lines,
              executionTimeout: [String(Math.ceil(run.executionTimeoutSeconds))],
            },
          }),
        );
        return { done: true, value: Command };
      } catch (error) {
        // Right after registering, SSM can still refuse the instance for a moment.
        if (errorCode(error) === 'InvalidInstanceId') return { done: false, status: 'InvalidInstanceId' };
        throw error;
      }
    },
  });
  const commandId = Command?.CommandId as string;
  const limit = Math.min(
    DELIVERY_TIMEOUT_SECONDS + run.executionTimeoutSeconds + 60,
    Math.max(1, (run.deadline - Date.now()) / 1000),
  );
  const invocation = await waitUntil({
    what: `${run.label} on ${run.instanceId}`,
    timeoutSeconds: limit,
    pollIntervalSeconds: run.pollIntervalSeconds,
    onStatus: () => {},
    check: async () => {
      try {
        const result = await ssm.send(
          new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: run.instanceId }),
        );
        const status = result.Status ?? 'Pending';
        return FINAL.has(status) ? { done: true, value: result } : { done: false, status };
      } catch (error) {
        // The invocation is not visible for a moment after SendCommand.
        if (errorCode(error) === 'InvocationDoesNotExist') return { done: false, status: 'Pending' };
        throw error;
      }
    },
  });
  const stdout = invocation.StandardOutputContent ?? '';
  const stderr = invocation.StandardErrorContent ?? '';
  const start = Date.parse(invocation.ExecutionStartDateTime ?? '');
  const end = Date.parse(invocation.ExecutionEndDateTime ?? '');
  const exitCode = invocation.ResponseCode;
  return {
    status: invocation.Status as string,
    exitCode: exitCode === undefined || exitCode < 0 ? undefined : exitCode,
    stdout,
    stderr,
    truncated: stdout.length >= STDOUT_LIMIT || stderr.length >= STDERR_LIMIT,
    seconds:
      Number.isFinite(start) && Number.isFinite(end) ? (end - start) / 1000 : (Date.now() - started) / 1000,
  };
}
