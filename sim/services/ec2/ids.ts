/** Stable ids for seeded resources: the same scenario always yields the same ids. */
import { createHash } from 'node:crypto';

export function stableId(prefix: string, ...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('/')).digest('hex');
  return `${prefix}-${h.slice(0, 17)}`;
}
