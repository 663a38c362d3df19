/** The keepers, in the order their reasons are listed. Each may call AWS; together they run concurrently. */
import { autoScalingKeeper } from './auto-scaling.js';
import { protectionKeeper, sharingKeeper } from './image-attributes.js';
import { instancesKeeper } from './instances.js';
import { lastLaunchedKeeper } from './last-launched.js';
import { launchTemplatesKeeper } from './launch-templates.js';
import { ageKeeper, keepLatestKeeper, restoredKeeper, stateKeeper } from './selection-rules.js';
import { ssmParametersKeeper } from './ssm-parameters.js';
import type { Keeper, KeeperInput, Reasons } from './types.js';

export const KEEPERS: Keeper[] = [
  stateKeeper,
  instancesKeeper,
  autoScalingKeeper,
  launchTemplatesKeeper,
  ssmParametersKeeper,
  keepLatestKeeper,
  restoredKeeper,
  protectionKeeper,
  sharingKeeper,
  ageKeeper,
  lastLaunchedKeeper,
];

/**
 * Image id -> every reason to keep it, in keeper order. The keepers that ask AWS about each AMI run
 * last, one after the other, each only for the AMIs no keeper kept so far: calls grow with pages,
 * not with AMIs times rules.
 */
export async function reasonsToKeep(input: KeeperInput, keepers: Keeper[] = KEEPERS): Promise<Reasons> {
  if (input.selected.length === 0) return new Map();
  const found = new Map<Keeper, Reasons>();
  const listing = keepers.filter((keeper) => !keeper.perImage);
  for (const [at, reasons] of (await Promise.all(listing.map((keeper) => keeper.keep(input)))).entries()) {
    found.set(listing[at], reasons);
  }
  const kept = new Set([...found.values()].flatMap((reasons) => [...reasons.keys()]));
  let rest = input.selected.filter((image) => !kept.has(image.imageId));
  // Each asks only about what the ones before it left.
  for (const keeper of keepers.filter((k) => k.perImage)) {
    const reasons: Reasons = rest.length ? await keeper.keep({ ...input, selected: rest }) : new Map();
    found.set(keeper, reasons);
    rest = rest.filter((image) => !reasons.has(image.imageId));
  }
  const all: Reasons = new Map();
  for (const keeper of keepers) {
    for (const [imageId, list] of found.get(keeper) ?? [])
      all.set(imageId, [...(all.get(imageId) ?? []), ...list]);
  }
  return all;
}

export type { Keeper, KeeperInput, Reasons } from './types.js';
