/**
 * Blue-green, one flow for deploy and rollback: an incoming group comes up beside the live one and
 * takes the traffic only once every instance is InService and healthy in every target group, the
 * alarms are OK and the health commands pass (then, with a listener, step by step, watched at each
 * step); then the live group leaves the target groups, drains and is retired. Both groups carry
 * the deploy lock (an SSM parameter each, created atomically: ../lock.ts) for the whole rollout.
 *
 * - Deploy: the incoming group is the idle group, created (or filled) from new versions of the live
 *   group's launch templates with the new AMI, with the live group's warm pool, scheduled actions
 *   and traffic sources; the outgoing group is deleted, or kept (keep-old, or when the user manages
 *   both groups) without them.
 * - Rollback: the incoming group is the kept group (an earlier live group kept by keep-old), scaled
 *   back; the outgoing group is scaled to zero and marked so it is never a rollback target itself.
 *
 * Until the switch, a bad signal or any failure shifts the traffic back and retires the incoming
 * group (the undo journal): the live group never stopped serving.
 */
import * as core from '@actions/core';
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { missingAlarms } from '../../aws/alarms.js';
import { type GroupState, readGroup } from '../../aws/groups.js';
import { ImageNotUsableError, readLaunchableImage } from '../../aws/images.js';
import { LIMITS, tagLimitRefusal } from '../../aws/limits.js';
import { targetGroupArns, targetGroupName } from '../../aws/target-health.js';
import { runTag } from '../../context.js';
import { change, type Outcome, type Plan, type Scope, type Step, wait } from '../../kernel/plan.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { summaryTable } from '../../report/summary.js';
import { type RolloutConfig, RolloutError } from '../config.js';
import { describeDeploy } from '../history.js';
import {
  LOCK_GRACE_SECONDS,
  type Lock,
  LockHeld,
  lockedMessage,
  lockName,
  readLock,
  releaseLock,
  takeLock,
  waitForRelease,
} from '../lock.js';
import { createVersion, type NewVersions } from '../refresh.js';
import { amiForRegion } from '../target.js';
import {
  copyCalls,
  describeExtras,
  type GroupExtras,
  readExtras,
  removeCalls,
  targetGroupCalls,
  trafficSourceCalls,
} from './extras.js';
import { type Family, findFamily, keptGroup, notIdle } from './family.js';
import { type IdlePlan, type Incoming, idleTags, prepareIdle, scaleBackKept } from './incoming.js';
import {
  drainOutgoing,
  expiredKept,
  markServing,
  removeExpired,
  retireOutgoing,
  retireRolledBack,
  unmarkKept,
} from './switch.js';
import {
  incomingTargetGroups,
  planTraffic,
  shiftTraffic,
  type TrafficPlan,
  type TrafficStep,
} from './traffic.js';
import { BadSignal, checkHealthCommands, waitUntilReady, watchFor } from './watch.js';

/** What the flow learns as it goes, for the report. */
interface Progress {
  startedAt: number;
  lock?: Lock;
  incoming?: Incoming;
  version?: number;
  /** The traffic step the rollout is at (undefined before the first). */
  trafficStep?: number;
  steps: TrafficStep[];
  switched: boolean;
  retired?: string;
  expired: string[];
}

interface Sides {
  family: Family;
  live: GroupState;
  /** The incoming group's name, and its state when it exists (a rollback's kept group). */
  incomingName: string;
  kept?: GroupState;
  ami: string;
  traffic?: TrafficPlan;
  targetGroupArns: string[];
  /** The live group's warm pool, scheduled actions and traffic sources: the incoming group gets them. */
  extras: GroupExtras;
}

export async function planBlueGreen(
  config: RolloutConfig,
  scope: Scope,
  kind: 'deploy' | 'rollback',
): Promise<Plan> {
  const region = config.region;
  const refusals: string[] = [];
  const facts: string[] = [];
  const missing = await missingAlarms(region, config.alarms);
  if (missing.length)
    refusals.push(
      `CloudWatch alarm(s) ${missing.join(', ')} not found in ${region}. Check the alarms input.`,
    );
  const sides = await readSides(config, scope, kind, refusals, facts).catch((error) => {
    if (!(error instanceof RolloutError || error instanceof ImageNotUsableError)) throw error;
    refusals.push(error.message);
    return undefined;
  });
  const progress: Progress = { startedAt: Date.now(), steps: [], switched: false, expired: [] };
  const steps = sides && !refusals.length ? flowSteps(config, kind, sides, progress) : [];
  return {
    facts,
    refusals,
    lanes: [{ name: '', steps }],
    report: (outcome) => report(config, kind, sides, progress, outcome),
  };
}

/** Reads the family, the live group and the incoming side; refusals and facts as it goes. */
async function readSides(
  config: RolloutConfig,
  scope: Scope,
  kind: 'deploy' | 'rollback',
  refusals: string[],
  facts: string[],
): Promise<Sides | undefined> {
  const region = config.region;
  let ami = '';
  if (kind === 'deploy') {
    const given = amiForRegion(config, region);
    if (typeof given !== 'string') throw new RolloutError(given.none);
    ami = (await readLaunchableImage(region, given)).imageId;
  }
  const family = await lockedFamily(config, scope, facts);
  if ('refusal' in family) {
    // Held (on-conflict is not wait), or stale: say who holds it.
    refusals.push(family.refusal);
    return undefined;
  }
  const live = await readGroup(region, family.live.AutoScalingGroupName!);
  const liveTargetGroups = live.group.TargetGroupARNs ?? [];
  const extras = await readExtras(region, live.group);
  const carried = describeExtras(extras);
  if (carried.length) {
    facts.push(
      `'${live.name}' has ${carried.join(', ')}: the group that takes over gets them, and they go with '${live.name}'.`,
    );
  }
  const traffic = config.listenerArn
    ? await planTraffic(region, config.listenerArn, live.name, liveTargetGroups)
    : undefined;
  if (kind === 'rollback') {
    const chosen = keptGroup(family, region);
    if ('none' in chosen) throw new RolloutError(chosen.none);
    const kept = await readGroup(region, chosen.AutoScalingGroupName!);
    const arns = traffic ? incomingTargetGroups(traffic, liveTargetGroups) : liveTargetGroups;
    facts.push(
      `'${live.name}' serves ${live.templates[0].ami}; the rollback would scale '${kept.name}' (${kept.templates[0].ami}) back to ${live.group.DesiredCapacity} instance(s) and switch to it.`,
    );
    return {
      family,
      live,
      incomingName: kept.name,
      kept,
      ami: kept.templates[0].ami ?? '',
      traffic,
      targetGroupArns: arns,
      extras,
    };
  }
  const idle = notIdle(family.idleName, region, family.idle);
  if (idle) refusals.push(idle);
  const tags = idleTags({ live, colour: family.idleColour, ami }, scope.context);
  const tagLimit = tagLimitRefusal(
    `Group '${family.idleName}' (a copy of '${live.name}', with its tags and the action's own)`,
    {},
    Object.fromEntries(tags.map((t) => [t.Key, t.Value])),
    `Remove tags from '${live.name}' (Auto Scaling allows ${LIMITS.tagsPerResource} per group).`,
  );
  if (tagLimit) refusals.push(tagLimit);
  let arns = config.targetGroups ? await targetGroupArns(region, config.targetGroups) : liveTargetGroups;
  if (traffic) arns = incomingTargetGroups(traffic, arns);
  facts.push(
    `'${live.name}' serves now; the new AMI goes into '${family.idleName}' (${family.idle ? 'existing, idle' : 'to create'}), ` +
      `from a new version of launch template ${live.templates[0].templateName} with ${ami} (now ${live.templates[0].ami})` +
      (traffic ? `; ${trafficText(traffic, config.trafficSteps ?? [])}` : '') +
      '.',
  );
  return { family, live, incomingName: family.idleName, ami, traffic, targetGroupArns: arns, extras };
}

/**
 * The family, once no other rollout holds its lock: with on-conflict: wait the plan waits for the
 * lock to go (the rollout holding it may switch groups: the family is read again after), drawing
 * from the deadline; a dry run only says it would. A refusal when held and not waiting, or when the
 * lock is stale (never broken).
 */
async function lockedFamily(
  config: RolloutConfig,
  scope: Scope,
  facts: string[],
): Promise<Family | { refusal: string }> {
  for (;;) {
    const family = await findFamily(config.region, config.asg[0].name, config.greenAsg);
    const liveName = family.live.AutoScalingGroupName!;
    const held = await readLock(config.region, liveName);
    if (!held) return family;
    const message = lockedMessage(liveName, config.region, held);
    if (held.stale || config.onConflict !== 'wait') return { refusal: message };
    core.info(message);
    if (scope.dryRun) {
      facts.push(
        `'${liveName}' is locked by another rollout: the rollout would wait for it (on-conflict: wait).`,
      );
      return family;
    }
    try {
      await waitForRelease(config.region, liveName, {
        deadline: scope.deadline,
        pollIntervalSeconds: scope.pollIntervalSeconds,
      });
    } catch (error) {
      if (error instanceof LockHeld) return { refusal: error.message };
      throw error;
    }
  }
}

function trafficText(traffic: TrafficPlan, steps: number[]) {
  return `traffic moves from ${targetGroupName(traffic.live)} to ${targetGroupName(traffic.idle)} in steps of ${steps.join(', ')}% on listener ${traffic.listenerArn}${traffic.ruleArns.length ? ` and ${traffic.ruleArns.length} rule(s)` : ''}`;
}

function flowSteps(
  config: RolloutConfig,
  kind: 'deploy' | 'rollback',
  sides: Sides,
  progress: Progress,
): Step[] {
  const { live, family, traffic } = sides;
  const region = config.region;
  const watched = { region, group: sides.incomingName, targetGroupArns: sides.targetGroupArns };
  const versions: NewVersions = new Map();
  const lockGroups = [live.name, sides.incomingName];
  const steps: Step[] = [
    change(
      `take the deploy lock on '${live.name}' and '${sides.incomingName}'`,
      lockGroups.map((group) => ({
        call: 'ssm:PutParameter',
        detail: `${lockName(region, group)} (Overwrite: false: created only if no deploy holds it)`,
      })),
      async (step) => {
        progress.lock = await takeLock(
          region,
          lockGroups,
          {
            run: runTag(step.context),
            url: step.context.runUrl,
            seconds: config.timeout + LOCK_GRACE_SECONDS,
          },
          step,
        );
        // The plan was read before the lock: another rollout may have come and gone in between.
        const now = await findFamily(region, config.asg[0].name, config.greenAsg);
        const changed =
          now.live.AutoScalingGroupName !== live.name
            ? `'${now.live.AutoScalingGroupName}' serves now, not '${live.name}'`
            : !!now.idle !== !!family.idle
              ? `'${sides.incomingName}' ${now.idle ? 'was created' : 'was removed'} meanwhile`
              : undefined;
        if (changed) {
          await releaseLock(progress.lock.entry);
          progress.lock.settle();
          throw new RolloutError(
            `Another rollout of '${config.asg[0].name}' ran between this one's plan and its lock: ${changed}. Nothing was changed. Run this deploy again (with on-conflict: wait it waits for a running one).`,
          );
        }
      },
    ),
  ];
  if (kind === 'deploy') {
    for (const template of live.templates) {
      steps.push(
        change(
          `create a version of launch template ${template.templateName} from version ${template.version} with ${sides.ami}`,
          [
            {
              call: 'ec2:CreateLaunchTemplateVersion',
              detail: `${template.templateName}: ImageId ${sides.ami}`,
            },
          ],
          async (step) => {
            const run = step.context.runUrl ? ` (${step.context.runUrl})` : '';
            const description = describeDeploy(
              sides.ami,
              template.ami ?? template.imageRef,
              template.version,
              run,
            );
            const version = await createVersion(
              live,
              template,
              { ami: sides.ami, description },
              step,
              `blue-green-${sides.incomingName}`,
            );
            versions.set(template.templateId, version);
            if (template === live.templates[0]) progress.version = version;
          },
        ),
      );
    }
    const idle: IdlePlan = {
      live,
      name: family.idleName,
      colour: family.idleColour,
      ami: sides.ami,
      targetGroupArns: sides.targetGroupArns,
      existing: family.idle,
      extras: sides.extras,
    };
    steps.push(
      change(
        `${family.idle ? 'fill' : 'create'} group '${idle.name}' as a copy of '${live.name}' launching the new version`,
        [
          {
            call: family.idle ? 'autoscaling:UpdateAutoScalingGroup' : 'autoscaling:CreateAutoScalingGroup',
            detail: `${idle.name}: ${live.group.DesiredCapacity} instance(s), target groups ${sides.targetGroupArns.map(targetGroupName).join(', ') || 'none'}`,
          },
          // A created group gets them in CreateAutoScalingGroup; an existing one by attaching, 10 a call.
          ...(family.idle
            ? targetGroupCalls('AttachLoadBalancerTargetGroups', idle.name, sides.targetGroupArns)
            : []),
          ...copyCalls(idle.name, sides.extras),
        ],
        async (step) => {
          progress.incoming = await prepareIdle(idle, versions, step);
          core.info(
            `'${idle.name}': launching ${live.group.DesiredCapacity} instance(s) from ${live.templates[0].templateName} version ${progress.version} (${sides.ami}).`,
          );
        },
      ),
    );
  } else {
    const kept = sides.kept as GroupState;
    steps.push(
      change(
        `scale '${kept.name}' back to ${live.group.DesiredCapacity} instance(s)`,
        [
          {
            call: 'autoscaling:UpdateAutoScalingGroup',
            detail: `${kept.name}: sizes of '${live.name}', in target groups ${sides.targetGroupArns.map(targetGroupName).join(', ') || 'none'}`,
          },
          ...targetGroupCalls('AttachLoadBalancerTargetGroups', kept.name, sides.targetGroupArns),
          ...copyCalls(kept.name, sides.extras),
        ],
        async (step) => {
          progress.incoming = await scaleBackKept(
            kept,
            live,
            { targetGroupArns: sides.targetGroupArns, extras: sides.extras },
            step,
          );
        },
      ),
    );
  }
  steps.push(
    wait(`every instance of '${sides.incomingName}' to be InService and healthy`, (step) =>
      waitUntilReady(watched, config, step),
    ),
  );
  if (config.healthCommands.length) {
    steps.push(
      change(
        `run the health commands on '${sides.incomingName}'`,
        [
          {
            call: 'ssm:SendCommand',
            detail: `AWS-RunShellScript on its instances, command-timeout ${config.commandTimeout}s`,
          },
        ],
        (step) => checkHealthCommands(watched, config, step),
      ),
    );
  }
  if (config.bakeTime) {
    const seconds = config.bakeTime;
    steps.push(
      wait(`'${sides.incomingName}' to stay healthy for bake-time ${seconds}s`, (step) =>
        watchFor(watched, config, seconds, step),
      ),
    );
  }
  if (traffic) {
    const percentages = kind === 'deploy' ? (config.trafficSteps ?? [100]) : [100];
    for (const percentage of percentages) {
      steps.push(
        change(
          `shift ${percentage}% of the listener's traffic to ${targetGroupName(traffic.idle)}`,
          [
            {
              call: 'elasticloadbalancing:ModifyListener',
              detail: `${traffic.listenerArn}${traffic.ruleArns.length ? ` and ${traffic.ruleArns.length} rule(s)` : ''}`,
            },
          ],
          async () => {
            // From the first shift on, undoing the incoming group shifts the traffic back first.
            if (progress.trafficStep === undefined) progress.incoming?.update({ traffic });
            progress.trafficStep = percentage;
            progress.steps.push({
              percentage,
              at: new Date(),
              verdict: kind === 'deploy' ? 'watching' : 'ok',
            });
            await shiftTraffic(traffic, percentage);
          },
        ),
      );
      if (kind === 'deploy') {
        steps.push(
          wait(
            `'${sides.incomingName}' to stay healthy with ${percentage}% of the traffic for checkpoint-delay ${config.checkpointDelay}s`,
            async (step) => {
              try {
                if (config.healthCommands.length) await checkHealthCommands(watched, config, step);
                await watchFor(watched, config, config.checkpointDelay, step);
                progress.steps[progress.steps.length - 1].verdict = 'ok';
              } catch (error) {
                progress.steps[progress.steps.length - 1].verdict =
                  error instanceof BadSignal ? 'bad signal' : 'failed';
                throw error;
              }
            },
          ),
        );
      }
    }
  }
  steps.push(
    change(
      `switch: '${sides.incomingName}' serves, '${live.name}' no longer`,
      [
        { call: 'autoscaling:CreateOrUpdateTags', detail: `${sides.incomingName}: ami-action:serving=true` },
        { call: 'autoscaling:DeleteTags', detail: `${live.name}: ami-action:serving` },
      ],
      async () => {
        await markServing(region, sides.incomingName, live.name);
        if (kind === 'rollback') await unmarkKept(region, sides.incomingName);
        // It serves now: nothing undoes it any more.
        progress.incoming?.settle();
        progress.switched = true;
        core.info(
          `'${sides.incomingName}' is healthy and serving; taking '${live.name}' out of its target groups.`,
        );
      },
    ),
    change(
      `take '${live.name}' out of its target groups${sides.extras.trafficSources.length ? ' and traffic sources' : ''} and let its targets drain`,
      [
        ...targetGroupCalls('DetachLoadBalancerTargetGroups', live.name, live.group.TargetGroupARNs ?? []),
        ...trafficSourceCalls('autoscaling:DetachTrafficSources', live.name, sides.extras.trafficSources),
      ],
      (step) =>
        drainOutgoing(region, live.name, live.group.TargetGroupARNs ?? [], sides.extras.trafficSources, {
          deadline: step.deadline,
          pollIntervalSeconds: config.pollInterval,
        }),
    ),
    kind === 'deploy'
      ? change(
          `retire '${live.name}' (${family.userManaged ? 'scaled to zero, kept: green-asg' : config.keepOld !== undefined ? `scaled to zero, kept ${config.keepOld}s (keep-old)` : 'deleted'})`,
          [
            {
              call:
                family.userManaged || config.keepOld !== undefined
                  ? 'autoscaling:UpdateAutoScalingGroup'
                  : 'autoscaling:DeleteAutoScalingGroup',
              detail: live.name,
            },
            ...(family.userManaged || config.keepOld !== undefined
              ? stripCalls(live.name, sides.extras)
              : []),
          ],
          async () => {
            progress.retired = await retireOutgoing(
              region,
              live.name,
              { seconds: config.keepOld, userManaged: family.userManaged },
              sides.extras,
            );
          },
        )
      : change(
          `retire '${live.name}' (scaled to zero, marked rolled back)`,
          [
            { call: 'autoscaling:UpdateAutoScalingGroup', detail: `${live.name}: 0 instances` },
            ...stripCalls(live.name, sides.extras),
          ],
          async () => {
            progress.retired = await retireRolledBack(region, live.name, sides.extras);
          },
        ),
  );
  const expired: AutoScalingGroup[] =
    kind === 'deploy' && !family.userManaged ? expiredKept(family.others) : [];
  if (expired.length) {
    steps.push(
      change(
        `delete kept group(s) whose keep-old time is up: ${expired.map((g) => g.AutoScalingGroupName).join(', ')}`,
        expired.map((g) => ({
          call: 'autoscaling:DeleteAutoScalingGroup',
          detail: `${g.AutoScalingGroupName} (keep-old expired)`,
        })),
        async () => {
          progress.expired = await removeExpired(region, expired);
        },
      ),
    );
  }
  steps.push(
    change(
      `release the deploy lock`,
      lockGroups.map((group) => ({ call: 'ssm:DeleteParameter', detail: lockName(region, group) })),
      async () => {
        if (!progress.lock) return;
        await releaseLock(progress.lock.entry);
        progress.lock.settle();
      },
    ),
  );
  return steps;
}

/** The calls that take a kept group's warm pool and scheduled actions away. */
function stripCalls(group: string, extras: GroupExtras) {
  return [
    ...(extras.warmPool ? [{ call: 'autoscaling:DeleteWarmPool', detail: `${group} (ForceDelete)` }] : []),
    ...removeCalls(group, extras.scheduledActions.length),
  ];
}

function report(
  config: RolloutConfig,
  kind: 'deploy' | 'rollback',
  sides: Sides | undefined,
  progress: Progress,
  outcome: Outcome,
): void {
  if (outcome.refused) {
    core.setOutput('result', 'failed');
    return;
  }
  if (outcome.dryRun) {
    core.setOutput('result', 'planned');
    core.info('dry-run: nothing was changed.');
    return;
  }
  if (!sides) return;
  const { live } = sides;
  const region = config.region;
  const lane = outcome.lanes[0];
  const liveAmi = live.templates[0].ami;
  let result = 'success';
  let detail: string;
  if (lane.error) {
    const failed = lane.steps.find((step) => step.status === 'failed')?.error;
    const when =
      progress.trafficStep === undefined || kind === 'rollback'
        ? 'before the switch'
        : `at traffic step ${progress.trafficStep}%`;
    const seen = failed instanceof BadSignal ? `bad signal ${when}: ${failed.message}` : lane.error.message;
    const undone = lane.undone.filter((u) => u.kind === 'retire-incoming-group').map((u) => u.message);
    const left = lane.undoFailures.length ? `; COULD NOT UNDO: ${lane.undoFailures.join('; ')}` : '';
    result = outcome.cancelled ? 'cancelled' : 'failed';
    detail = progress.switched
      ? `${seen}${left} (after the switch: '${sides.incomingName}' serves)`
      : `${seen}${undone.length ? `; ${undone.join('; ')}` : ''}${left}; '${live.name}' kept serving on ${liveAmi}`;
  } else {
    detail =
      kind === 'deploy'
        ? `'${sides.incomingName}' serves ${sides.ami}${progress.steps.length ? ` (traffic ${describeSteps(progress)})` : ''}; ${progress.retired}${progress.expired.length ? `; deleted ${progress.expired.join(', ')} (keep-old expired)` : ''}`
        : `'${sides.incomingName}' serves ${sides.ami} again${sides.traffic ? ` (listener moved to ${targetGroupName(sides.traffic.idle)})` : ''}; ${progress.retired}`;
  }
  core.setOutput('result', result);
  core.setOutput('previous-ami-id', liveAmi ?? '');
  if (progress.version !== undefined) core.setOutput('launch-template-version', String(progress.version));
  if (result === 'success') {
    core.setOutput('asg', sides.incomingName);
    core.setOutput('previous-asg', live.name);
    setAmiOutputs(region, { [region]: sides.ami });
  } else core.setOutput('asg', live.name);
  const seconds = `${Math.round((Date.now() - progress.startedAt) / 1000)}s`;
  if (kind === 'deploy') {
    summaryTable(
      'Deploy (blue-green)',
      ['serving before', 'new group', 'version', 'AMI', 'time', 'result'],
      [
        [
          live.name,
          sides.incomingName,
          `${live.templates[0].version} -> ${progress.version ?? '-'}`,
          `${liveAmi} -> ${sides.ami}`,
          seconds,
          `${result}: ${detail}`,
        ],
      ],
    );
  } else {
    summaryTable(
      'Rollback (blue-green)',
      ['serving before', 'rolled back to', 'AMI', 'time', 'result'],
      [[live.name, sides.incomingName, `${liveAmi} -> ${sides.ami}`, seconds, `${result}: ${detail}`]],
    );
  }
  const traffic = sides.traffic;
  const shiftedBack = lane.undone.some((u) => u.message.includes('traffic shifted back'));
  if (traffic && progress.steps.length) {
    const rows = progress.steps.map((s) => [
      `${s.percentage}%`,
      `${targetGroupName(traffic.live)} ${100 - s.percentage} / ${targetGroupName(traffic.idle)} ${s.percentage}`,
      `+${Math.round((s.at.getTime() - progress.startedAt) / 1000)}s`,
      s.verdict,
    ]);
    if (shiftedBack)
      rows.push([
        '0%',
        `${targetGroupName(traffic.live)} 100 / ${targetGroupName(traffic.idle)} 0`,
        '',
        'shifted back',
      ]);
    summaryTable('Traffic steps', ['step', 'weights', 'at', 'verdict'], rows);
  }
  if (lane.error && !outcome.cancelled) {
    throw new RolloutError(
      `Blue-green ${kind === 'deploy' ? `deploy of ${sides.ami}` : `rollback to '${sides.incomingName}' (${sides.ami})`} failed: ${detail}.`,
    );
  }
}

function describeSteps(progress: Progress): string {
  return progress.steps
    .map(
      (s) =>
        `${s.percentage}% at +${Math.round((s.at.getTime() - progress.startedAt) / 1000)}s (${s.verdict})`,
    )
    .join(', ');
}
