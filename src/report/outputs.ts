import * as core from '@actions/core';

/**
 * The `amis` output: compact JSON, region -> AMI id, the primary region first, then the others in
 * the order the user gave them (then any the action found on its own, in the order found).
 */
export function formatAmis(
  primaryRegion: string,
  amis: Record<string, string>,
  regionOrder: string[] = [],
): string {
  const ordered: Record<string, string> = {};
  for (const region of [primaryRegion, ...regionOrder, ...Object.keys(amis)]) {
    if (amis[region] && !(region in ordered)) ordered[region] = amis[region];
  }
  return JSON.stringify(ordered);
}

/** Sets `ami-id` (the primary region's) and `amis`. */
export function setAmiOutputs(
  primaryRegion: string,
  amis: Record<string, string>,
  regionOrder: string[] = [],
): void {
  const primary = amis[primaryRegion] ?? Object.values(amis)[0];
  if (primary) core.setOutput('ami-id', primary);
  core.setOutput('amis', formatAmis(primaryRegion, amis, regionOrder));
}
