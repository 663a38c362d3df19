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
  /** The image's snapshots no other image uses: deleted with it. */
  snapshots: SnapshotRef[];
  /** Snapshots another image still uses: left in place. */
  sharedSnapshots: string[];
}

export interface Kept {
  image: OwnImage;
  reasons: string[];
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
}
