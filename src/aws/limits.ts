/**
 * AWS limits that the action's inputs can reach, in one place, each with the check the plan refuses
 * by (naming the limit and the fix) before the first change.
 */
import type { Tags } from '../tags.js';

export const LIMITS = {
  /** User tags per EC2 resource (AMI, snapshot, instance, volume) and per Auto Scaling group. */
  tagsPerResource: 50,
  tagKeyLength: 128,
  tagValueLength: 256,
  /** Accounts, organizations and OUs an AMI can be shared with. */
  shareTargetsPerImage: 1000,
  /** Parameter Store: hierarchy levels in a name, labels per version. */
  parameterLevels: 15,
  labelsPerVersion: 10,
  /** Parameter Store: a name's length, counting the ARN before it (`arn:aws:ssm:<region>:<account>:parameter/`). */
  parameterArnLength: 1011,
  /** Instance refresh: CheckpointDelay and BakeTime, in seconds. */
  refreshWaitSeconds: 172_800,
} as const;

/**
 * EC2's "Public AMIs" quota: public AMIs an account may have per Region (public AMIs in the Recycle
 * Bin count too). Adjustable; Service Quotas answers the account's value under this code, and 5 is
 * AWS's documented default (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-quotas.html).
 */
export const PUBLIC_AMIS_QUOTA = { serviceCode: 'ec2', quotaCode: 'L-0E3CBAB9', defaultValue: 5 } as const;

/**
 * The tags a resource would carry after adding `added` to what it has (a key it has already counts
 * once), or the refusal when that is past the limit.
 */
export function tagLimitRefusal(what: string, has: Tags, added: Tags, fix: string): string | undefined {
  const keys = new Set([...Object.keys(has).filter((key) => !key.startsWith('aws:')), ...Object.keys(added)]);
  if (keys.size <= LIMITS.tagsPerResource) return undefined;
  const own = Object.keys(has).filter((key) => !key.startsWith('aws:')).length;
  return (
    `${what} would carry ${keys.size} tags (it has ${own}, and ${Object.keys(added).filter((key) => !(key in has)).length} would be added), ` +
    `past the ${LIMITS.tagsPerResource} tags AWS allows per resource. ${fix}`
  );
}
