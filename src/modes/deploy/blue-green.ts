/**
 * Strategy blue-green: the new AMI goes into a second group (the idle colour), which takes the
 * traffic only once every instance is InService, healthy in every target group, the alarms are OK
 * and the health commands pass. Then the old group leaves the target groups, drains, scales to zero
 * and is deleted (or kept). A bad signal before the switch removes the new group: the old one never
 * stopped serving. With listener-arn and traffic-steps the new group joins the listener's idle
 * target group and takes the traffic step by step; a bad signal at a step shifts it all back first.
 * The live group carries a lock tag for the whole deploy.
 */
import * as core from '@actions/core';
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsClient } from '../../aws/clients.js';
import { cancellation } from '../../cancel.js';
import type { RunContext } from '../../context.js';
import { runTag } from '../../context.js';
import type { DeployConfig } from '../../inputs.js';
import { setAmiOutputs } from '../../report/outputs.js';
import { summaryTable } from '../../report/summary.js';
import { type Colours, findColours } from './blue-green/colours.js';
import { checkIdle, discardGreen, type GreenPlan, prepareGreen } from './blue-green/green.js';
import {
  extendLock,
  type Lock,
  LockHeld,
  releaseLockAtEnd,
  releaseSavedLock,
  takeLock,
  waitForRelease,
} from './blue-green/lock.js';
import { drainOld, markServing, removeExpired, retireOld } from './blue-green/switch.js';
import {
  describeSteps,
  greenTargetGroups,
  planTraffic,
  shiftTraffic,
  type TrafficPlan,
  type TrafficStep,
  tgName,
} from './blue-green/traffic.js';
import { BadSignal, checkHealthCommands, validateGreen, watchGreen } from './blue-green/validate.js';
import { DeployError, type GroupState, readGroup } from './groups.js';
import { checkAmi } from './rollout.js';
import { missingAlarms } from './signals.js';

export const GREEN_STATE = 'blue-green-new-group';

export interface SavedGreen {
  region: string;
  name: string;
  created: boolean;
  targetGroupArns: string[];
  /** Set while the new group may hold traffic through the listener: the post step shifts it back first. */
  traffic?: TrafficPlan;
}

async function resolveTargetGroups(region: string, given: string[] | undefined, live: string[]) {
  if (!given) return live;
  const names = given.filter((g) => !g.startsWith('arn:'));
  const arns = given.filter((g) => g.startsWith('arn:'));
  if (names.length) {
    const out = await awsClient(ElasticLoadBalancingV2Client, region)
      .send(new DescribeTargetGroupsCommand({ Names: names }))
      .catch((error) => {
        throw new DeployError(
          `target-groups: ${names.join(', ')} not all found in ${region} (${(error as Error).message}).`,
        );
      });
    arns.push(...(out.TargetGroups ?? []).map((t) => t.TargetGroupArn!));
  }
  return arns;
}

function plan(colours: Colours) {
  return `'${colours.live.AutoScalingGroupName}' serves now; the new AMI goes into '${colours.idleName}' (${colours.idle ? 'existing, idle' : 'to create'})`;
}

function trafficPlanText(traffic: TrafficPlan, steps: number[]) {
  return `traffic moves from ${tgName(traffic.blue)} to ${tgName(traffic.green)} in steps of ${steps.join(', ')}% on listener ${traffic.listenerArn}${traffic.ruleArns.length ? ` and ${traffic.ruleArns.length} rule(s)` : ''}`;
}

/** Shifts the traffic step by step, watching the new group at each; records each step. */
async function shiftSteps(
  traffic: TrafficPlan,
  group: string,
  arns: string[],
  config: DeployConfig,
  steps: TrafficStep[],
): Promise<void> {
  for (const percentage of config.trafficSteps ?? []) {
    await shiftTraffic(traffic, percentage);
    steps.push({ percentage, at: new Date(), verdict: 'watching' });
    try {
      await checkHealthCommands(config.region, group, config);
      await watchGreen(config.region, group, arns, config, config.checkpointDelay);
    } catch (error) {
      steps[steps.length - 1].verdict = error instanceof BadSignal ? 'bad signal' : 'failed';
      throw error;
    }
    steps[steps.length - 1].verdict = 'ok';
  }
}

/** After a failure with traffic on the new group: all of it back on the old one, before anything else. */
export async function shiftBack(traffic: TrafficPlan, steps: TrafficStep[]): Promise<string> {
  try {
    await shiftTraffic(traffic, 0);
    steps.push({ percentage: 0, at: new Date(), verdict: 'shifted back' });
    return `traffic shifted back to ${tgName(traffic.blue)}`;
  } catch (error) {
    return `could NOT shift the traffic back to ${tgName(traffic.blue)} (${(error as Error).message}): set the listener's weights by hand`;
  }
}

export async function lockLiveGroup(
  config: Pick<DeployConfig, 'region' | 'asg' | 'greenAsg' | 'onConflict' | 'timeout' | 'pollInterval'>,
  context: RunContext,
): Promise<{ colours: Colours; lock: Lock }> {
  for (;;) {
    const colours = await findColours(config.region, config.asg[0].name, config.greenAsg);
    const liveName = colours.live.AutoScalingGroupName!;
    try {
      return { colours, lock: await takeLock(config.region, liveName, runTag(context)) };
    } catch (error) {
      if (!(error instanceof LockHeld) || config.onConflict !== 'wait') throw error;
      core.info(error.message);
      // The deploy holding it may switch colours: look again once it is gone.
      await waitForRelease(config.region, liveName, {
        timeoutSeconds: config.timeout,
        pollIntervalSeconds: config.pollInterval,
      });
    }
  }
}

export async function runBlueGreen(config: DeployConfig, context: RunContext, ami: string): Promise<void> {
  const region = config.region;
  const missing = await missingAlarms(region, config.alarms);
  if (missing.length) {
    throw new DeployError(
      `CloudWatch alarm(s) ${missing.join(', ')} not found in ${region}. Check the alarms input.`,
    );
  }
  await checkAmi(region, ami);
  if (config.dryRun) {
    const colours = await findColours(region, config.asg[0].name, config.greenAsg);
    const live = await readGroup(region, colours.live.AutoScalingGroupName!);
    checkIdle(colours.idleName, region, colours.idle);
    const traffic = config.listenerArn
      ? await planTraffic(region, config.listenerArn, live.name, live.group.TargetGroupARNs ?? [])
      : undefined;
    core.setOutput('result', 'planned');
    core.info(
      `dry-run: ${plan(colours)}, from a new version of launch template ${live.templateName} with ${ami} (now ${live.ami})` +
        `${traffic ? `; ${trafficPlanText(traffic, config.trafficSteps ?? [])}` : ''}. Nothing was changed.`,
    );
    return;
  }

  const { colours, lock } = await lockLiveGroup(config, context);
  const liveName = colours.live.AutoScalingGroupName!;
  const started = Date.now();
  let live: GroupState | undefined;
  let green: GreenPlan | undefined;
  let version: number | undefined;
  let traffic: TrafficPlan | undefined;
  const steps: TrafficStep[] = [];
  let result = 'failed';
  let detail = '';
  try {
    live = await readGroup(region, liveName);
    checkIdle(colours.idleName, region, colours.idle);
    const liveTargetGroups = live.group.TargetGroupARNs ?? [];
    let targetGroupArns = await resolveTargetGroups(region, config.targetGroups, liveTargetGroups);
    if (config.listenerArn) {
      traffic = await planTraffic(region, config.listenerArn, liveName, liveTargetGroups);
      targetGroupArns = greenTargetGroups(traffic, targetGroupArns);
    }
    core.info(
      `blue-green: ${plan(colours)}; ${live.ami} -> ${ami}${traffic ? `; ${trafficPlanText(traffic, config.trafficSteps ?? [])}` : ''}.`,
    );
    green = {
      live,
      name: colours.idleName,
      colour: colours.idleColour,
      ami,
      targetGroupArns,
      existing: colours.idle,
    };
    const saved: SavedGreen = {
      region,
      name: green.name,
      created: !green.existing,
      targetGroupArns,
      traffic,
    };
    core.saveState(GREEN_STATE, JSON.stringify(saved));
    try {
      version = await prepareGreen(green, context);
      core.info(
        `'${green.name}': launching ${live.group.DesiredCapacity} instance(s) from ${live.templateName} version ${version} (${ami}).`,
      );
      await validateGreen(region, green.name, targetGroupArns, config);
      if (traffic) await shiftSteps(traffic, green.name, targetGroupArns, config, steps);
    } catch (error) {
      const failedAt = steps.at(-1)?.percentage;
      const back = traffic && steps.length ? `${await shiftBack(traffic, steps)}; ` : '';
      const how = await discardGreen(green, !green.existing).catch(
        (e) => `could not remove it: ${(e as Error).message}`,
      );
      core.saveState(GREEN_STATE, '');
      const when = failedAt === undefined ? 'before the switch' : `at traffic step ${failedAt}%`;
      const seen =
        error instanceof BadSignal ? `bad signal ${when}: ${error.message}` : (error as Error).message;
      result = cancellation.aborted ? 'cancelled' : 'failed';
      detail = `${seen}; ${back}${how}; '${liveName}' kept serving on ${live.ami}`;
      throw new DeployError(`Blue-green deploy of ${ami} failed: ${detail}.`);
    }
    await extendLock(lock, green.name);
    await markServing(region, green.name, liveName);
    core.saveState(GREEN_STATE, '');
    core.info(`'${green.name}' is healthy and serving; taking '${liveName}' out of its target groups.`);
    await drainOld(region, liveName, live.group.TargetGroupARNs ?? [], config);
    const retired = await retireOld(region, liveName, {
      seconds: config.keepOld,
      userManaged: colours.userManaged,
    });
    const expired = colours.userManaged ? [] : await removeExpired(region, colours.others);
    result = 'success';
    detail = `'${green.name}' serves ${ami}${steps.length ? ` (traffic ${describeSteps(steps, started)})` : ''}; ${retired}${expired.length ? `; deleted ${expired.join(', ')} (keep-old expired)` : ''}`;
  } catch (error) {
    if (!detail) detail = (error as Error).message;
    throw error;
  } finally {
    await releaseLockAtEnd(lock);
    core.setOutput('result', result);
    if (live) core.setOutput('previous-ami-id', live.ami);
    if (version !== undefined) core.setOutput('launch-template-version', String(version));
    if (result === 'success' && green) {
      core.setOutput('asg', green.name);
      core.setOutput('previous-asg', liveName);
      setAmiOutputs(region, { [region]: ami });
    } else {
      core.setOutput('asg', liveName);
    }
    summaryTable(
      'Deploy (blue-green)',
      ['serving before', 'new group', 'version', 'AMI', 'time', 'result'],
      [
        [
          liveName,
          colours.idleName,
          `${live?.version ?? '?'} -> ${version ?? '-'}`,
          `${live?.ami ?? '?'} -> ${ami}`,
          `${Math.round((Date.now() - started) / 1000)}s`,
          `${result}: ${detail}`,
        ],
      ],
    );
    if (traffic && steps.length) {
      summaryTable(
        'Traffic steps',
        ['step', 'weights', 'at', 'verdict'],
        steps.map((s) => [
          `${s.percentage}%`,
          `${tgName(traffic!.blue)} ${100 - s.percentage} / ${tgName(traffic!.green)} ${s.percentage}`,
          `+${Math.round((s.at.getTime() - started) / 1000)}s`,
          s.verdict,
        ]),
      );
    }
  }
}

/** The post step: a new group the main step could not see to the switch is removed; the lock goes. */
export async function postBlueGreen(): Promise<void> {
  const saved = core.getState(GREEN_STATE);
  if (saved) {
    const g = JSON.parse(saved) as SavedGreen;
    core.warning(
      `The main step ended before '${g.name}' took the traffic: removing it; the old group still serves.`,
    );
    if (g.traffic) {
      await shiftTraffic(g.traffic, 0).catch((error) =>
        core.warning(
          `Could not shift the listener's traffic back to ${g.traffic!.blue}: ${(error as Error).message}. Set its weights by hand.`,
        ),
      );
    }
    await discardGreen(
      {
        live: { region: g.region } as GreenPlan['live'],
        name: g.name,
        colour: '',
        ami: '',
        targetGroupArns: g.targetGroupArns,
      },
      g.created,
    ).catch((error) => core.warning(`Could not remove '${g.name}': ${(error as Error).message}`));
  }
  await releaseSavedLock();
}
