/**
 * Which group serves now and which one the deploy goes into. With `green-asg` the two groups are the
 * user's (`asg` and `green-asg`); otherwise they are `<base>-blue` and `<base>-green`, where `<base>`
 * is `asg` without a colour suffix. The serving group is the one tagged `ami-action:serving=true`,
 * else the `asg` group itself (the first deploy).
 */
import {
  AutoScalingClient,
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import { awsClient } from '../../../aws/clients.js';
import { fromTagList } from '../../../tags.js';
import { DeployError } from '../groups.js';
import { BG_TAG } from './tags.js';

export interface Colours {
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

export async function findColours(region: string, asg: string, greenAsg?: string): Promise<Colours> {
  const base = asg.replace(COLOUR, '');
  const names = greenAsg ? [asg, greenAsg] : [...new Set([asg, `${base}-blue`, `${base}-green`])];
  const out = await awsClient(AutoScalingClient, region).send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: names }),
  );
  const found = new Map((out.AutoScalingGroups ?? []).map((g) => [g.AutoScalingGroupName!, g]));
  const serving = names
    .map((n) => found.get(n))
    .filter((g): g is AutoScalingGroup => !!g && fromTagList(g.Tags)[BG_TAG.serving] === 'true');
  if (serving.length > 1) {
    throw new DeployError(
      `Groups ${serving.map((g) => `'${g.AutoScalingGroupName}'`).join(' and ')} are both tagged ${BG_TAG.serving}=true in ${region}: ` +
        `remove the tag from the one that does not serve. Nothing was changed.`,
    );
  }
  const live = serving[0] ?? found.get(asg);
  if (!live) {
    throw new DeployError(
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
