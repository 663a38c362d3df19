/** The keepers, in the order their reasons are listed. Each may call AWS; together they run concurrently. */
import { autoScalingKeeper } from './auto-scaling.js';
import { protectionKeeper, sharingKeeper } from './image-attributes.js';
import { instancesKeeper } from './instances.js';
import { launchTemplatesKeeper } from './launch-templates.js';
import { ageKeeper, keepLatestKeeper, stateKeeper } from './selection-rules.js';
import { ssmParametersKeeper } from './ssm-parameters.js';
import type { Keeper, KeeperInput, Reasons } from './types.js';

export const KEEPERS: Keeper[] = [
  stateKeeper,
  instancesKeeper,
  autoScalingKeeper,
  launchTemplatesKeeper,
  ssmParametersKeeper,
  keepLatestKeeper,
  protectionKeeper,
  sharingKeeper,
  ageKeeper,
];

/** Image id -> every reason to keep it, in keeper order. */
export async function reasonsToKeep(input: KeeperInput, keepers: Keeper[] = KEEPERS): Promise<Reasons> {
  if (input.selected.length === 0) return new Map();
  const found = await Promise.all(keepers.map((keeper) => keeper.keep(input)));
  const all: Reasons = new Map();
  for (const reasons of found) {
    for (const [imageId, list] of reasons) all.set(imageId, [...(all.get(imageId) ?? []), ...list]);
  }
  return all;
}

export type { Keeper, KeeperInput, Reasons } from './types.js';
