/** Runs one check on the instance over SSM Run Command and judges its result. */
import {
  GetCommandInvocationCommand,
  type GetCommandInvocationCommandOutput,
  SendCommandCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { errorCode } from '../../aws/errors.js';
import { waitUntil } from '../../aws/wait.js';
import { type Check, type CheckResult, judge } from './checks.js';

/** SSM keeps this many characters of each output stream in GetCommandInvocation. */
const SSM_OUTPUT_LIMIT = 24_000;
const ENDED = [
  'Success',
  'Failed',
  'Cancelled',
  'TimedOut',
  'DeliveryTimedOut',
  'ExecutionTimedOut',
  'Undeliverable',
  'Terminated',
];

export interface CommandTarget {
  ssm: SSMClient;
  instanceId: string;
  document: 'AWS-RunShellScript' | 'AWS-RunPowerShellScript';
  /** The script's own time limit (the document's executionTimeout), in seconds. */
  commandTimeout: number;
  pollInterval: number;
  /** Seconds left for this check. */
  timeout: number;
}

export async function runCheck(target: CommandTarget, check: Check): Promise<CheckResult> {
  const started = Date.now();
  const { Command } = await target.ssm.send(
    new SendCommandCommand({
      InstanceIds: [target.instanceId],
      DocumentName: target.document,
      Comment: `ami-action ${check.id}`.slice(0, 100),
      Parameters: {
        commands: [check.command as string],
        executionTimeout: [String(Math.round(target.commandTimeout))],
      },
      // Only how long SSM may take to deliver the command; the script's limit is executionTimeout.
      TimeoutSeconds: 600,
    }),
  );
  const commandId = Command?.CommandId as string;
  const invocation = await waitUntil<GetCommandInvocationCommandOutput>({
    what: `${check.id} (command ${commandId})`,
    timeoutSeconds: target.timeout,
    pollIntervalSeconds: target.pollInterval,
    onStatus: () => {},
    check: async () => {
      try {
        const out = await target.ssm.send(
          new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: target.instanceId }),
        );
        return ENDED.includes(out.Status ?? '')
          ? { done: true, value: out }
          : { done: false, status: out.Status ?? '' };
      } catch (error) {
        // Right after SendCommand the invocation may not be visible yet.
        if (errorCode(error) === 'InvocationDoesNotExist') return { done: false, status: 'Pending' };
        throw error;
      }
    },
  });
  const stdout = invocation.StandardOutputContent ?? '';
  const stderr = invocation.StandardErrorContent ?? '';
  const exitCode = invocation.ResponseCode ?? -1;
  const reason = failureReason(check, invocation.Status ?? '', exitCode, stdout, target.commandTimeout);
  return {
    check,
    outcome: judge(check, reason),
    exitCode,
    seconds: (Date.now() - started) / 1000,
    stdout,
    stderr,
    reason,
    truncated: stdout.length >= SSM_OUTPUT_LIMIT || stderr.length >= SSM_OUTPUT_LIMIT,
  };
}

function failureReason(
  check: Check,
  status: string,
  exitCode: number,
  stdout: string,
  timeout: number,
): string | undefined {
  if (status === 'TimedOut' || status === 'ExecutionTimedOut')
    return `timed out after ${timeout}s (command-timeout)`;
  if (status === 'DeliveryTimedOut' || status === 'Undeliverable')
    return `SSM could not deliver the command (${status})`;
  if (status === 'Cancelled' || status === 'Terminated') return `the command was ${status.toLowerCase()}`;
  if (exitCode !== check.expectExitCode) return `exit code ${exitCode}, expected ${check.expectExitCode}`;
  if (check.expectOutput && !check.expectOutput.test(stdout))
    return `output does not match /${check.expectOutput.source}/`;
  return undefined;
}
