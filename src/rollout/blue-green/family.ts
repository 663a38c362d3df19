/**
 * A blue-green family of groups: the live group (serving now), the idle group (the one a deploy goes
 * into), and kept groups (earlier live groups kept scaled to zero by keep-old, which a rollback can
 * bring back). With `green-asg` the two groups are the user's (`asg` and `green-asg`); otherwise they
 * are `<base>-blue` and `<base>-green`, where `<base>` is `asg` without a colour suffix. The live
 * group is the one tagged `ami-action:serving=true`, else the `asg` group itself (the first deploy).
 */
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { describeGroups } from '../../aws/groups.js';
import { fromTagList } from '../../tags.js';
import { RolloutError } from '../config.js';
import { BG_TAG } from './tags.js';

export interface Family {
  live: AutoScalingGroup;
  /** The group to deploy into. */
  idleName: string;
  /** The idle group when it exists already (a user-managed green-asg, or one kept by keep-old). */
  idle?: AutoScalingGroup;
  /** The colour the idle group takes. */
  idleColour: string;
  /** True when the user manages both groups (green-asg): never deleted, only scaled to zero. */
  userManaged: boolean;
  /** Other groups of the family (e.g. the un-suffixed first group, kept by keep-old). */
  others: AutoScalingGroup[];
}

const COLOUR = /-(blue|green)$/;

export function colourOf(name: string): string | undefined {
  return COLOUR.exec(name)?.[1];
}

export async function findFamily(region: string, asg: string, greenAsg?: string): Promise<Family> {
  const base = asg.replace(COLOUR, '');
  const names = greenAsg ? [asg, greenAsg] : [...new Set([asg, `${base}-blue`, `${base}-green`])];
  const found = new Map((await describeGroups(region, names)).map((g) => [g.AutoScalingGroupName!, g]));
  const serving = names
    .map((n) => found.get(n))
    .filter((g): g is AutoScalingGroup => !!g && fromTagList(g.Tags)[BG_TAG.serving] === 'true');
  if (serving.length > 1) {
    throw new RolloutError(
      `Groups ${serving.map((g) => `'${g.AutoScalingGroupName}'`).join(' and ')} are both tagged ${BG_TAG.serving}=true in ${region}: ` +
        `remove the tag from the one that does not serve. Nothing was changed.`,
    );
  }
  const live = serving[0] ?? found.get(asg);
  if (!live) {
    throw new RolloutError(
      `Auto Scaling group '${asg}' was not found in ${region}${greenAsg ? '' : `, nor '${base}-blue' or '${base}-green' tagged ${BG_TAG.serving}=true`}. ` +
        'Check the asg input and region.',
    );
  }
  const liveName = live.AutoScalingGroupName!;
  let idleName: string;
  if (greenAsg) idleName = liveName === asg ? greenAsg : asg;
  else idleName = colourOf(liveName) === 'green' ? `${base}-blue` : `${base}-green`;
  return {
    live,
    idleName,
    idle: found.get(idleName),
    idleColour: colourOf(idleName) ?? idleName,
    userManaged: !!greenAsg,
    others: [...found.values()].filter((g) => g !== live && g.AutoScalingGroupName !== idleName),
  };
}

/** The group a rollback goes to: the user's other group, else the one kept last by keep-old; or why none. */
export function keptGroup(family: Family, region: string): AutoScalingGroup | { none: string } {
  const liveName = family.live.AutoScalingGroupName;
  if (family.userManaged) {
    const idle = family.idle;
    if (idle && !fromTagList(idle.Tags)[BG_TAG.rolledBack]) return idle;
    return {
      none: idle
        ? `Nothing to roll back to: '${family.idleName}' is the group the last rollback switched away from (tag ${BG_TAG.rolledBack}); going to it would roll forward. Nothing was changed. Deploy the AMI you want instead.`
        : `Nothing to roll back to: '${liveName}' serves and '${family.idleName}' (green-asg) was not found in ${region}. Nothing was changed.`,
    };
  }
  const kept = [family.idle, ...family.others]
    .filter((g): g is AutoScalingGroup => !!g && !!fromTagList(g.Tags)[BG_TAG.keepUntil])
    .sort((a, b) =>
      fromTagList(b.Tags)[BG_TAG.keepUntil].localeCompare(fromTagList(a.Tags)[BG_TAG.keepUntil]),
    );
  if (kept[0]) return kept[0];
  return {
    none:
      `Nothing to roll back to: '${liveName}' serves in ${region} and no earlier group was kept (no group of the family carries ${BG_TAG.keepUntil}). ` +
      'Nothing was changed. A blue-green rollback needs the old group kept: deploy with keep-old (e.g. keep-old: 24h). ' +
      "To go back now, deploy the previous AMI again with strategy: blue-green (the deploy's previous-ami-id output, also in the launch template version description).",
  };
}

/** An idle group that is not idle: deploying into it would mix AMIs and serve twice. Why, or undefined. */
export function notIdle(name: string, region: string, existing?: AutoScalingGroup): string | undefined {
  const running = (existing?.Instances ?? []).filter((i) => i.LifecycleState !== 'Terminating');
  if (!running.length) return undefined;
  return (
    `Group '${name}' (${region}), the one to deploy into, is not idle: it has ${running.length} instance(s). ` +
    'Nothing was changed. Scale it to zero first (it must not serve while the other group does).'
  );
}
