/** Reads the account's AMIs of a region and picks the ones the inputs select. */

import * as core from '@actions/core';
import type { Filter } from '@aws-sdk/client-ec2';
import { ownImages } from '../../aws/images.js';
import type { CleanupConfig } from '../../inputs.js';
import { type OwnImage, ownImage, type RegionImages } from './types.js';

export async function readRegionImages(region: string, config: CleanupConfig): Promise<RegionImages> {
  const all = await describeOwnImages(region, []);
  const filters = selectionFilters(config);
  const selectedIds = new Set((await describeOwnImages(region, filters)).map((image) => image.imageId));
  const selected = all.filter((image) => selectedIds.has(image.imageId));
  if (config.amiId && selected.length === 0) {
    // A re-run after a removal finds it gone: nothing left to do, but say so in case of a typo.
    core.warning(
      `AMI ${config.amiId} is not an AMI of this account in ${region} (already removed?): nothing to do.`,
    );
  }
  return { region, all, selected };
}

/** EC2 filters for the selection; `name` takes wildcards, so a prefix is `<prefix>*`. */
export function selectionFilters(config: CleanupConfig): Filter[] {
  if (config.amiId) return [{ Name: 'image-id', Values: [config.amiId] }];
  const filters: Filter[] = [];
  if (config.namePrefix) filters.push({ Name: 'name', Values: [`${config.namePrefix}*`] });
  for (const [key, value] of config.filterTags) filters.push({ Name: `tag:${key}`, Values: [value] });
  return filters;
}

async function describeOwnImages(region: string, filters: Filter[]): Promise<OwnImage[]> {
  return (await ownImages(region, filters)).map(ownImage);
}
