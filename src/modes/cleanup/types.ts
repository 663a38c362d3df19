import type { ImageFacts, VolumeFacts } from '../../aws/images.js';

export type SnapshotRef = VolumeFacts;

/** An AMI this account owns, as cleanup weighs it: its facts, its age, protection and snapshots. */
export interface OwnImage extends ImageFacts {
  createdAt: Date;
  /** DeregistrationProtection as DescribeImages reports it (`enabled-…`, `disabled-until-…`, `disabled`). */
  protection: string;
  snapshots: SnapshotRef[];
}

export function ownImage(facts: ImageFacts): OwnImage {
  return {
    ...facts,
    createdAt: new Date(facts.creationDate ?? 0),
    protection: facts.deregistrationProtection ?? 'disabled',
    snapshots: facts.volumes,
  };
}

/** What one region holds: all of the account's AMIs (to see who else uses a snapshot) and the selection. */
export interface RegionImages {
  region: string;
  all: OwnImage[];
  selected: OwnImage[];
}

/** One AMI the plan removes, with the snapshots that go with it. */
export interface Removal {
  image: OwnImage;
  /** Its stage before, as the summary says it (`disabled since …`). */
  position: string;
  /** The image's snapshots no other image uses: deleted with it. */
  snapshots: SnapshotRef[];
  /** Snapshots another image still uses (or the Recycle Bin needs): left in place. */
  sharedSnapshots: string[];
  /** The Recycle Bin rules that keep it recoverable once deregistered, if any. */
  recycleBin?: RecycleBinCover;
}

export interface RecycleBinCover {
  /** The longest retention of the matching rules, in days. */
  days: number;
  rules: string[];
}

/** One stage move short of deletion: deprecate or disable. */
export interface Move {
  image: OwnImage;
  to: 'deprecate' | 'disable';
  position: string;
}

export interface Kept {
  image: OwnImage;
  reasons: string[];
  /** Its stage, as the summary says it. */
  position?: string;
  /** It is a candidate that stays at its stage for now (stage-delay, last stage), not a keeper's. */
  staying?: boolean;
}

export interface OrphanSnapshot extends SnapshotRef {
  region: string;
  /** The AMI it was made for, now gone. */
  imageId: string;
}

export interface RegionPlan {
  region: string;
  remove: Removal[];
  keep: Kept[];
  orphans: OrphanSnapshot[];
  /** Deprecations and disablings (deregistrations are `remove`). */
  moves: Move[];
  /**
   * Moving AMIs shared with others (include-shared), image id -> who it is shared with: they move only
   * when the image usage report finds no other account referencing them.
   */
  shared: Map<string, string[]>;
  /** Recycle Bin retention rules for AMIs could not be read: why. */
  recycleBinUnknown?: string;
}
