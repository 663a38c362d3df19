/**
 * Watching an incoming group before and while it takes traffic: every instance InService and healthy
 * in every target group with the alarms OK, then the health commands, then the same signals watched
 * for a while (bake-time, or a traffic step's checkpoint-delay). Any bad signal ends the watch with
 * a BadSignal saying what was seen. Every wait and sleep draws from the step's deadline.
 */
import { describeGroup } from '../../aws/groups.js';
import { waitUntil } from '../../aws/wait.js';
import type { StepScope } from '../../kernel/plan.js';
import { type RolloutConfig, RolloutError } from '../config.js';
import { healthCommandFailures, lookAt } from '../signals.js';

export class BadSignal extends RolloutError {
  constructor(readonly seen: string[]) {
    super(seen.join('; '));
    this.name = 'BadSignal';
  }
}

export interface Watched {
  region: string;
  group: string;
  targetGroupArns: string[];
}

async function look(watched: Watched, config: RolloutConfig) {
  const group = await describeGroup(watched.region, watched.group, 'poll');
  const seen = await lookAt(group, watched.region, watched.targetGroupArns, config.alarms);
  if (seen.bad.length) throw new BadSignal(seen.bad);
  return seen;
}

/** Waits until the group is ready to serve. */
export async function waitUntilReady(
  watched: Watched,
  config: RolloutConfig,
  step: StepScope,
): Promise<void> {
  await waitUntil({
    what: `the instances of '${watched.group}' to be InService and healthy`,
    deadline: step.deadline,
    pollIntervalSeconds: config.pollInterval,
    timeoutHint: 'The live group still serves; raise the timeout input if the instances need longer.',
    check: async () => {
      const seen = await look(watched, config);
      const ready = seen.inService.length >= seen.desired && seen.healthy === seen.total;
      return ready
        ? { done: true, value: undefined }
        : {
            done: false,
            status: `${seen.inService.length}/${seen.desired} InService, ${seen.healthy}/${seen.total} healthy target registrations`,
          };
    },
  });
}

/** The health commands on the group's InService instances; failures as a BadSignal. */
export async function checkHealthCommands(
  watched: Watched,
  config: RolloutConfig,
  step: StepScope,
): Promise<void> {
  const group = await describeGroup(watched.region, watched.group);
  const failures = await healthCommandFailures({
    region: watched.region,
    instanceIds: (group.Instances ?? [])
      .filter((i) => i.LifecycleState === 'InService')
      .map((i) => i.InstanceId!),
    commands: config.healthCommands,
    commandTimeoutSeconds: config.commandTimeout,
    pollIntervalSeconds: config.pollInterval,
    deadline: step.deadline,
  });
  if (failures.length) throw new BadSignal(failures);
}

/** Watches the group's signals for `seconds` (looking at least at the start and the end). */
export async function watchFor(
  watched: Watched,
  config: RolloutConfig,
  seconds: number,
  step: StepScope,
): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    await look(watched, config);
    if (Date.now() >= until) return;
    if (step.deadline.expired) {
      throw new RolloutError(
        `${step.deadline.label} ran out while watching '${watched.group}' (${Math.ceil((until - Date.now()) / 1000)}s of the watch left). Raise the timeout input.`,
      );
    }
    await step.deadline.sleep(Math.min(config.pollInterval * 1000, Math.max(0, until - Date.now())));
  }
}
