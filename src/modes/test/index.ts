import type { RunContext } from '../../context.js';
import type { ConfigByMode } from '../../inputs.js';

export async function run(_config: ConfigByMode['test'], _context: RunContext): Promise<void> {
  throw new Error("mode 'test' is not available in this version of ami-action yet.");
}
