/**
 * Rollback for blue-green: the group that served before, kept scaled to zero by a deploy with
 * keep-old (or the other of two user-managed groups), is scaled back to the serving group's sizes,
 * watched until every instance is InService and healthy, then takes the traffic (its target groups,
 * or the listener at once with listener-arn); the current group leaves, drains and scales to zero.
 * The same lock as deploy guards it. When no group is kept, it fails saying what to do instead.
 */
import * as core from '@actions/core';
import {
  AttachLoadBalancerTargetGroupsCommand,
  AutoScalingClient,
  type AutoScalingGroup,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../../aws/clients.js';
import { cancellation } from '../../../cancel.js';
import type { RunContext } from '../../../context.js';
import type { RollbackConfig } from '../../../inputs.js';
import { setAmiOutputs } from '../../../report/outputs.js';
import { summaryTable } from '../../../report/summary.js';
import { fromTagList } from '../../../tags.js';
import { GREEN_STATE, lockLiveGroup, type SavedGreen, shiftBack } from '../blue-green.js';
import { DeployError, type GroupState, readGroup } from '../groups.js';
import { missingAlarms } from '../signals.js';
import { type Colours, findColours } from './colours.js';
import { discardGreen } from './green.js';
import { extendLock, releaseLockAtEnd } from './lock.js';
import { drainOld, markServing } from './switch.js';
import { BG_TAG } from './tags.js';
import {
  greenTargetGroups,
  planTraffic,
  shiftTraffic,
  type TrafficPlan,
  type TrafficStep,
} from './traffic.js';
import { BadSignal, validateGreen } from './validate.js';

/** The group to roll back to: the user's other group, else the one kept last by keep-old. */
function keptGroup(colours: Colours, region: string): AutoScalingGroup {
  const liveName = colours.live.AutoScalingGroupName;
  if (colours.userManaged) {
    const idle = colours.idle;
    if (idle && !fromTagList(idle.Tags)[BG_TAG.rolledBack]) return idle;
    throw new DeployError(
      idle
        ? `Nothing to roll back to: '${colours.idleName}' is the group the last rollback switched away from (tag ${BG_TAG.rolledBack}); going to it would roll forward. Nothing was changed. Deploy the AMI you want instead.`
        : `Nothing to roll back to: '${liveName}' serves and '${colours.idleName}' (green-asg) was not found in ${region}. Nothing was changed.`,
    );
  }
  const kept = [colours.idle, ...colours.others]
    .filter((g): g is AutoScalingGroup => !!g && !!fromTagList(g.Tags)[BG_TAG.keepUntil])
    .sort((a, b) =>
      fromTagList(b.Tags)[BG_TAG.keepUntil].localeCompare(fromTagList(a.Tags)[BG_TAG.keepUntil]),
    );
  if (kept[0]) return kept[0];
  throw new DeployError(
    `Nothing to roll back to: '${liveName}' serves in ${region} and no earlier group was kept (no group of the family carries ${BG_TAG.keepUntil}). ` +
      'Nothing was changed. A blue-green rollback needs the old group kept: deploy with keep-old (e.g. keep-old: 24h). ' +
      "To go back now, deploy the previous AMI again with strategy: blue-green (the deploy's previous-ami-id output, also in the launch template version description).",
  );
}

function tag(group: string, Key: string, Value = '') {
  return { ResourceId: group, ResourceType: 'auto-scaling-group', Key, Value, PropagateAtLaunch: false };
}

/** Brings the kept group back to the serving group's sizes, in the target groups it will serve from. */
async function scaleBack(kept: GroupState, live: GroupState, arns: string[]): Promise<void> {
  const client = awsClient(AutoScalingClient, kept.region);
  if (arns.length) {
    await client.send(
      new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: kept.name, TargetGroupARNs: arns }),
    );
  }
  await client.send(
    new UpdateAutoScalingGroupCommand({
      AutoScalingGroupName: kept.name,
      MinSize: live.group.MinSize,
      MaxSize: live.group.MaxSize,
      DesiredCapacity: live.group.DesiredCapacity,
    }),
  );
}

/**
 * The group rolled back from: scaled to zero and tagged as such, never a rollback target (a second
 * rollback goes one group further back, not forward). It is the next deploy's idle group, reused.
 */
async function retireCurrent(region: string, group: string): Promise<string> {
  const client = awsClient(AutoScalingClient, region);
  await client.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: group, MinSize: 0, DesiredCapacity: 0 }),
  );
  await client.send(
    new CreateOrUpdateTagsCommand({ Tags: [tag(group, BG_TAG.rolledBack, new Date().toISOString())] }),
  );
  return `'${group}' scaled to zero (the next deploy goes into it)`;
}

export async function runBlueGreenRollback(config: RollbackConfig, context: RunContext): Promise<void> {
  const region = config.region;
  const missing = await missingAlarms(region, config.alarms);
  if (missing.length) {
    throw new DeployError(
      `CloudWatch alarm(s) ${missing.join(', ')} not found in ${region}. Check the alarms input.`,
    );
  }
  if (config.dryRun) {
    const colours = await findColours(region, config.asg[0].name, config.greenAsg);
    const kept = await readGroup(region, keptGroup(colours, region).AutoScalingGroupName!);
    const live = await readGroup(region, colours.live.AutoScalingGroupName!);
    if (config.listenerArn)
      await planTraffic(region, config.listenerArn, live.name, live.group.TargetGroupARNs ?? []);
    core.setOutput('result', 'planned');
    core.info(
      `dry-run: '${live.name}' serves ${live.ami}; the rollback would scale '${kept.name}' (${kept.ami}) back to ${live.group.DesiredCapacity} instance(s) and switch to it. Nothing was changed.`,
    );
    return;
  }

  // Nothing kept: say so before touching anything (the lock included).
  keptGroup(await findColours(region, config.asg[0].name, config.greenAsg), region);
  const { colours, lock } = await lockLiveGroup(config, context);
  const liveName = colours.live.AutoScalingGroupName!;
  const started = Date.now();
  const steps: TrafficStep[] = [];
  let live: GroupState | undefined;
  let kept: GroupState | undefined;
  let result = 'failed';
  let detail = '';
  try {
    kept = await readGroup(region, keptGroup(colours, region).AutoScalingGroupName!);
    live = await readGroup(region, liveName);
    const liveTargetGroups = live.group.TargetGroupARNs ?? [];
    let arns = liveTargetGroups;
    let traffic: TrafficPlan | undefined;
    if (config.listenerArn) {
      traffic = await planTraffic(region, config.listenerArn, liveName, liveTargetGroups);
      arns = greenTargetGroups(traffic, liveTargetGroups);
    }
    core.info(
      `blue-green rollback: '${liveName}' serves ${live.ami}; scaling '${kept.name}' (${kept.ami}) back to ${live.group.DesiredCapacity} instance(s).`,
    );
    const saved: SavedGreen = { region, name: kept.name, created: false, targetGroupArns: arns, traffic };
    core.saveState(GREEN_STATE, JSON.stringify(saved));
    try {
      await scaleBack(kept, live, arns);
      await validateGreen(region, kept.name, arns, config);
      if (traffic) {
        await shiftTraffic(traffic, 100);
        steps.push({ percentage: 100, at: new Date(), verdict: 'ok' });
      }
    } catch (error) {
      const back = traffic && steps.length ? `${await shiftBack(traffic, steps)}; ` : '';
      const how = await discardGreen(
        { live: kept, name: kept.name, colour: '', ami: '', targetGroupArns: arns },
        false,
      ).catch((e) => `could not scale it back to zero: ${(e as Error).message}`);
      core.saveState(GREEN_STATE, '');
      const seen = error instanceof BadSignal ? `bad signal: ${error.message}` : (error as Error).message;
      result = cancellation.aborted ? 'cancelled' : 'failed';
      detail = `${seen}; ${back}${how}; '${liveName}' kept serving on ${live.ami}`;
      throw new DeployError(`Blue-green rollback to '${kept.name}' (${kept.ami}) failed: ${detail}.`);
    }
    await extendLock(lock, kept.name);
    await markServing(region, kept.name, liveName);
    core.saveState(GREEN_STATE, '');
    await awsClient(AutoScalingClient, region).send(
      new DeleteTagsCommand({
        Tags: [{ ResourceId: kept.name, ResourceType: 'auto-scaling-group', Key: BG_TAG.keepUntil }],
      }),
    );
    core.info(`'${kept.name}' is healthy and serving again; taking '${liveName}' out of its target groups.`);
    await drainOld(region, liveName, liveTargetGroups, config);
    const retired = await retireCurrent(region, liveName);
    result = 'success';
    detail = `'${kept.name}' serves ${kept.ami} again${traffic ? ` (listener moved to ${traffic.green.split('/')[1]})` : ''}; ${retired}`;
  } catch (error) {
    if (!detail) detail = (error as Error).message;
    throw error;
  } finally {
    await releaseLockAtEnd(lock);
    core.setOutput('result', result);
    if (live) core.setOutput('previous-ami-id', live.ami);
    if (result === 'success' && kept) {
      core.setOutput('asg', kept.name);
      core.setOutput('previous-asg', liveName);
      setAmiOutputs(region, { [region]: kept.ami });
    } else {
      core.setOutput('asg', liveName);
    }
    summaryTable(
      'Rollback (blue-green)',
      ['serving before', 'rolled back to', 'AMI', 'time', 'result'],
      [
        [
          liveName,
          kept?.name ?? '-',
          `${live?.ami ?? '?'} -> ${kept?.ami ?? '-'}`,
          `${Math.round((Date.now() - started) / 1000)}s`,
          `${result}: ${detail}`,
        ],
      ],
    );
  }
}
