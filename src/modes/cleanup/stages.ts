/**
 * The retirement path: where each AMI stands (its `ami-action:retire-stage` tag, or what EC2 shows:
 * a past deprecation time, the `disabled` state) and whether this run moves it one stage further.
 * A candidate enters the first stage of `stages` at once; it moves on once it has spent `stage-delay`
 * in its stage, measured on AWS's clock. Sharing is recorded in tags before DisableImage takes it
 * away, so that `restore` can share the AMI again.
 */
import type { LaunchPermission } from '@aws-sdk/client-ec2';
import { LIMITS } from '../../aws/limits.js';
import { RETIRE_STAGES, type RetireStage } from '../../inputs/cleanup.js';
import type { CleanupConfig } from '../../inputs.js';
import { formatAge } from '../../report/format.js';
import { continuedKey, TAG } from '../../tags.js';
import type { OwnImage } from './types.js';

/** The stage an AMI has done: none yet, deprecated, disabled (deleted AMIs are gone). */
export type Standing = 'active' | 'deprecated' | 'disabled';
export const DONE: Record<Exclude<RetireStage, 'delete'>, Standing> = {
  deprecate: 'deprecated',
  disable: 'disabled',
};
const RANK: Record<Standing, number> = { active: -1, deprecated: 0, disabled: 1 };

export interface Position {
  standing: Standing;
  /** When it entered its stage (AWS's clock); unknown for a stage done outside cleanup without a date. */
  since?: Date;
}

/** Where the AMI stands: the stage tag, corrected by what EC2 shows. */
export function positionOf(image: OwnImage, now: Date): Position {
  const tag = image.tags[TAG.retireStage];
  const since = parseTime(image.tags[TAG.retireStageSince]);
  if (image.state === 'disabled')
    return { standing: 'disabled', since: tag === 'disabled' ? since : undefined };
  const deprecatedAt = parseTime(image.deprecationTime);
  const deprecated = deprecatedAt !== undefined && deprecatedAt.getTime() <= now.getTime();
  if (tag === 'deprecated') return { standing: 'deprecated', since };
  // A `disabled` tag on an available, deprecated AMI: DisableImage failed after the tags were written
  // (or it was enabled again outside restore). Its deprecation was served: disable is due again now.
  if (tag === 'disabled' && deprecated) return { standing: 'deprecated' };
  if (deprecated) return { standing: 'deprecated', since: deprecatedAt };
  return { standing: 'active' };
}

/** When `restore` put it back, if it did. */
export function restoredAt(image: OwnImage): Date | undefined {
  return image.tags[TAG.retireStage] === 'restored' ? parseTime(image.tags[TAG.retireStageSince]) : undefined;
}

/**
 * Scheduled runs drift by the minutes a run takes: a stage counts as spent this close to its
 * stage-delay (5% of it, at most an hour), so a nightly run with stage-delay 1d moves every night.
 */
export function slackSeconds(stageDelay: number): number {
  return Math.min(3600, stageDelay * 0.05);
}

export type Decision = { move: RetireStage } | { stay: string };

/** What this run does with a candidate (an AMI no keeper keeps). */
export function decide(image: OwnImage, config: CleanupConfig, now: Date): Decision {
  const { standing, since } = positionOf(image, now);
  const next = config.stages.find((stage) => RETIRE_STAGES.indexOf(stage) > RANK[standing]);
  if (standing === 'active') return next ? { move: next } : { stay: 'no stage left' };
  const where = `${standing}${since ? ` since ${stamp(since)}` : ''}`;
  if (!next) return { stay: `${where}: the last of stages (${config.stages.join(',')})` };
  if (since) {
    const due = new Date(since.getTime() + config.stageDelay * 1000);
    if (due.getTime() - slackSeconds(config.stageDelay) * 1000 > now.getTime()) {
      return { stay: `${where}: ${next} due ${stamp(due)} (stage-delay ${formatAge(config.stageDelay)})` };
    }
  }
  return { move: next };
}

/** How the plan and the summary say an AMI's stage. */
export function describePosition(image: OwnImage, now: Date): string {
  const restored = restoredAt(image);
  if (restored && image.state !== 'disabled') return `restored ${stamp(restored)}`;
  const { standing, since } = positionOf(image, now);
  return since ? `${standing} since ${stamp(since)}` : standing;
}

export const stageTags = (stage: Exclude<RetireStage, 'delete'>, now: Date): Record<string, string> => ({
  [TAG.retireStage]: DONE[stage],
  [TAG.retireStageSince]: now.toISOString(),
});

/** The launch permissions, as words for the tags: an account id, `all`, an organization or OU ARN. */
export function sharingWords(permissions: LaunchPermission[]): string[] {
  return permissions.flatMap((p) => {
    if (p.Group === 'all') return ['all'];
    const word = p.UserId ?? p.OrganizationArn ?? p.OrganizationalUnitArn;
    return word ? [word] : [];
  });
}

/** The sharing record as tags: words joined by spaces, split over `retire-shared`, `-2`, `-3`, ... */
export function sharingTags(words: string[]): Record<string, string> {
  const values: string[] = [];
  for (const word of words) {
    const last = values.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= LIMITS.tagValueLength)
      values[values.length - 1] = `${last} ${word}`;
    else values.push(word);
  }
  return Object.fromEntries(values.map((value, i) => [sharingKey(i), value]));
}

const sharingKey = (i: number) => continuedKey(TAG.retireShared, i);

/** The sharing recorded on the AMI (every `retire-shared` tag, in order). */
export function recordedSharing(tags: Record<string, string>): { words: string[]; keys: string[] } {
  const keys: string[] = [];
  for (let i = 0; tags[sharingKey(i)] !== undefined; i++) keys.push(sharingKey(i));
  return { words: keys.flatMap((key) => tags[key].split(' ').filter(Boolean)), keys };
}

/** A recorded word back as a launch permission. */
export function permissionOf(word: string): LaunchPermission {
  if (word === 'all') return { Group: 'all' };
  if (/:ou\//.test(word)) return { OrganizationalUnitArn: word };
  if (/:organization\//.test(word)) return { OrganizationArn: word };
  return { UserId: word };
}

function parseTime(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A time, to the minute, as the plan and summary show it: `2026-12-04 09:12 UTC`. */
export function stamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
