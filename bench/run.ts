/**
 * Benchmarks, each printed as figures measured in this one run (never asserted in tests).
 * Usage: npm run bench [-- <section> ...]   (sections: dist-size, cold-start, publish, accounts, deploy, cleanup, lead-time)
 */
import { publishToTargetAccounts } from './accounts.js';
import { cleanupAtScale } from './cleanup.js';
import { coldStart } from './cold-start.js';
import { rollingDeploy } from './deploy.js';
import { distSize } from './dist-size.js';
import { releaseLeadTime } from './lead-time.js';
import { publishFanout } from './publish.js';

const sections: Record<string, () => Promise<string[]>> = {
  'dist-size': distSize,
  'cold-start': coldStart,
  publish: publishFanout,
  accounts: publishToTargetAccounts,
  deploy: rollingDeploy,
  cleanup: cleanupAtScale,
  'lead-time': releaseLeadTime,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in sections));
if (unknown.length) {
  console.error(`Unknown bench section(s): ${unknown.join(', ')}. Use: ${Object.keys(sections).join(', ')}.`);
  process.exit(2);
}
for (const [name, section] of Object.entries(sections)) {
  if (asked.length && !asked.includes(name)) continue;
  const lines = await section();
  console.log(lines.join('\n'));
  console.log();
}
