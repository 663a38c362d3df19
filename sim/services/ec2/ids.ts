/** EC2 resource ids: `<prefix>-` and 17 hex digits (8 for old ones); stable for seeded resources. */
import { randomBytes } from 'node:crypto';
import { stableHex } from '../../core/ids.js';

/** The id a seeded resource always gets from what names it. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${stableHex(parts, 17)}`;
}

/** A fresh resource id: `ami-` + 17 hex digits, and so on. */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

export const ID_PATTERN = /^[a-z]+-([0-9a-f]{8}|[0-9a-f]{17})$/;
