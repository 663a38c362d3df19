/** What happened to each group of a rollout, for the outputs, the job summary and the verdict. */
import type { Checkpoint } from './refresh.js';

export type Result = 'success' | 'unchanged' | 'planned' | 'rolled-back' | 'cancelled' | 'failed';

export interface GroupOutcome {
  region: string;
  group: string;
  strategy: string;
  fromVersion?: number;
  toVersion?: number;
  fromAmi?: string;
  toAmi?: string;
  refreshId?: string;
  /** For a group whose template resolves an SSM parameter: the parameter and its versions. */
  parameter?: { name: string; fromVersion: number; toVersion?: number };
  /** The refresh's settings as they applied: healthy percentages (and where from), protected and standby instances. */
  settings?: string;
  /** What succeeded but needs a look (instances left on an old AMI): annotated as warnings. */
  warnings: string[];
  /** Set by the steps when they know it; a lane that failed without one is `failed` (or `cancelled`). */
  result?: Result;
  detail: string;
  checkpoints: Checkpoint[];
  startedAt?: Date;
  endedAt?: Date;
}

/** A rollout that ended with something other than success (rolled back, cancelled): fails its lane. */
export class RolloutEnded extends Error {
  constructor(
    readonly result: Result,
    message: string,
  ) {
    super(message);
    this.name = 'RolloutEnded';
  }
}
