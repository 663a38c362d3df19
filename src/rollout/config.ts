/**
 * What a rollout needs of the inputs: deploy's and rollback's configs share the rollout fields
 * (groups, strategy, refresh preferences, signals); deploy's blue-green adds a few of its own.
 */
import type { DeployConfig, RollbackConfig } from '../inputs.js';

export type RolloutConfig = RollbackConfig &
  Partial<Pick<DeployConfig, 'amiId' | 'amis' | 'targetGroups' | 'keepOld' | 'trafficSteps'>>;

export class RolloutError extends Error {
  override name = 'RolloutError';
}

/** The key of a group in outputs: its name in the step's region, `region:name` elsewhere. */
export function groupKey(o: { region: string; group: string }, primary: string): string {
  return o.region === primary ? o.group : `${o.region}:${o.group}`;
}
