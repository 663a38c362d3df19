import type { TemplateIndex } from '../../../aws/groups.js';
import type { CleanupConfig } from '../../../inputs.js';
import type { OwnImage } from '../types.js';

export interface KeeperInput {
  region: string;
  /** The region's launch templates and their versions, read once for every keeper that asks. */
  templates: () => Promise<TemplateIndex>;
  /** The selected AMIs of the region: the ones a keeper may claim. */
  selected: OwnImage[];
  config: CleanupConfig;
  now: Date;
}

/** Why an AMI must stay: image id -> one reason per use found. */
export type Reasons = Map<string, string[]>;

/**
 * One rule that keeps AMIs: something that still uses them (instances, launch templates, groups,
 * SSM parameters) or a rule of the selection (keep-latest, age, protection, sharing).
 */
export interface Keeper {
  name: string;
  keep(input: KeeperInput): Promise<Reasons>;
  /**
   * Asks AWS about each AMI (no list call answers it for many): runs after the others, for the AMIs
   * no other rule keeps.
   */
  perImage?: boolean;
}

export function addReason(reasons: Reasons, imageId: string, reason: string): void {
  const list = reasons.get(imageId);
  if (list) {
    if (!list.includes(reason)) list.push(reason);
  } else reasons.set(imageId, [reason]);
}

/** Lists at most `max` names, then "and N more". */
export function someOf(names: string[], max = 3): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
