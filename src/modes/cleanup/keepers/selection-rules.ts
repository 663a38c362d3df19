/** Rules of the selection itself: only settled AMIs, old enough (or due by DeleteOn), keep-latest. */
import { oneLine } from '../../../report/foreign.js';
import { formatAge } from '../../../report/format.js';
import { restoredAt, stamp } from '../stages.js';
import { addReason, type Keeper, type KeeperInput, type Reasons } from './types.js';

const REMOVABLE_STATES = new Set(['available', 'failed', 'error', 'invalid', 'disabled']);
export const DELETE_ON_TAG = 'DeleteOn';

export const stateKeeper: Keeper = {
  name: 'state',
  async keep({ selected }) {
    const reasons: Reasons = new Map();
    for (const image of selected) {
      if (!REMOVABLE_STATES.has(image.state)) addReason(reasons, image.imageId, `it is ${image.state}`);
    }
    return reasons;
  },
};

/**
 * The `keep-latest` newest available AMIs of the selection, per region, or with `group-by-tag` per
 * value of that tag (the AMIs without it are one more group). A selection by ami-id skips it.
 */
export const keepLatestKeeper: Keeper = {
  name: 'keep-latest',
  async keep({ selected, config }) {
    const reasons: Reasons = new Map();
    if (config.amiId || config.keepLatest === 0) return reasons;
    const groups = new Map<string | undefined, typeof selected>();
    for (const image of selected.filter((i) => i.state === 'available')) {
      const value = config.groupByTag ? image.tags[config.groupByTag] : undefined;
      groups.set(value, [...(groups.get(value) ?? []), image]);
    }
    for (const [value, images] of groups) {
      const where = !config.groupByTag
        ? 'in the selection'
        : value === undefined
          ? `of the AMIs without the tag ${config.groupByTag}`
          : `of ${config.groupByTag}=${oneLine(value)}`;
      images
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, config.keepLatest)
        .forEach((image, i) => {
          addReason(reasons, image.imageId, `keep-latest: newest ${i + 1} of ${config.keepLatest} ${where}`);
        });
    }
    return reasons;
  },
};

/** How long a restored AMI is left alone when unused-for does not say. */
export const RESTORED_GRACE_SECONDS = 30 * 86400;

/**
 * An AMI `restore` put back stays for `unused-for` (else 30 days) after the restore: time for whoever
 * needed it to launch it again; then it is a candidate again, from the first stage.
 */
export const restoredKeeper: Keeper = {
  name: 'restored',
  async keep({ selected, config, now }) {
    const reasons: Reasons = new Map();
    const grace = config.unusedFor ?? RESTORED_GRACE_SECONDS;
    const input = config.unusedFor !== undefined ? 'unused-for' : 'without unused-for:';
    for (const image of selected) {
      const at = restoredAt(image);
      if (!at || image.state === 'disabled') continue;
      const until = new Date(at.getTime() + grace * 1000);
      if (until.getTime() > now.getTime()) {
        addReason(
          reasons,
          image.imageId,
          `restored ${stamp(at)}: not retired again before ${stamp(until)} (${input} ${formatAge(grace)})`,
        );
      }
    }
    return reasons;
  },
};

/**
 * Age: with `older-than`, younger AMIs stay; with `honor-delete-on`, an AMI tagged DeleteOn=<date>
 * is due once the date has passed (whatever its age) and stays before. With neither, age is no rule.
 */
export const ageKeeper: Keeper = {
  name: 'age',
  async keep({ selected, config, now }: KeeperInput) {
    const reasons: Reasons = new Map();
    if (config.amiId) return reasons;
    for (const image of selected) {
      const why = ageReason(image.createdAt, image.tags[DELETE_ON_TAG], config, now);
      if (why) addReason(reasons, image.imageId, why);
    }
    return reasons;
  },
};

function ageReason(
  createdAt: Date,
  deleteOnTag: string | undefined,
  config: KeeperInput['config'],
  now: Date,
): string | undefined {
  const olderThan = config.olderThan;
  const ageSeconds = (now.getTime() - createdAt.getTime()) / 1000;
  const oldEnough = olderThan !== undefined && ageSeconds >= olderThan;
  if (config.honorDeleteOn && deleteOnTag !== undefined) {
    const deleteOn = parseDeleteOn(deleteOnTag);
    // The tag's value is anyone's text (EC2 allows any character): one line of the action's own.
    if (!deleteOn)
      return `its ${DELETE_ON_TAG} tag "${oneLine(deleteOnTag)}" is not a date (use YYYY-MM-DD or ISO 8601)`;
    if (deleteOn.getTime() <= now.getTime()) return undefined;
    return `${DELETE_ON_TAG} ${oneLine(deleteOnTag.trim())} not reached`;
  }
  if (olderThan === undefined) {
    return config.honorDeleteOn ? `no ${DELETE_ON_TAG} tag (and no older-than)` : undefined;
  }
  return oldEnough ? undefined : `younger than older-than (${formatAge(olderThan)})`;
}

export function parseDeleteOn(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}
