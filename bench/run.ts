/**
 * Benchmarks, each printed as figures measured in this one run (never asserted in tests).
 * Usage: npm run bench
 */
import { coldStart } from './cold-start.js';
import { rollingDeploy } from './deploy.js';
import { distSize } from './dist-size.js';
import { publishFanout } from './publish.js';

const sections = [distSize, coldStart, publishFanout, rollingDeploy];

for (const section of sections) {
  const lines = await section();
  console.log(lines.join('\n'));
  console.log();
}
