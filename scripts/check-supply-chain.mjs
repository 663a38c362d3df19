// Supply chain of the action itself, checked in CI after the build:
// - dist/licenses.txt lists every package the bundle holds code of (the build's own list of them,
//   from esbuild's metafile), each with its license;
// - dist/sbom.cdx.json (CycloneDX) names every one of them;
// - npm audit of the runtime dependencies (--omit=dev) finds nothing, or only advisories documented in
//   .ci/audit-allowlist.json as not reachable from the action; its summary is printed either way.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    packages: { type: 'string', default: '.tmp-bundle-packages.json' },
    audit: { type: 'boolean', default: true },
    'no-audit': { type: 'boolean', default: false },
  },
});

let failed = false;
const fail = (message) => {
  console.error(`::error::${message}`);
  failed = true;
};

const bundled = JSON.parse(readFileSync(values.packages, 'utf8'));
const licenses = readFileSync(join(values.dist, 'licenses.txt'), 'utf8').split(/\n{2,}/);
const licensed = new Map(
  licenses.map((entry) => entry.split('\n')).map(([name, license]) => [name, license]),
);
const sbom = JSON.parse(readFileSync(join(values.dist, 'sbom.cdx.json'), 'utf8'));
const inSbom = new Set((sbom.components ?? []).map((c) => (c.group ? `${c.group}/${c.name}` : c.name)));

const unlicensed = bundled.filter((name) => !licensed.get(name));
if (unlicensed.length)
  fail(`dist/licenses.txt misses bundled package(s): ${unlicensed.join(', ')}. Run npm run build.`);
const unnamed = bundled.filter((name) => !inSbom.has(name));
if (unnamed.length)
  fail(`dist/sbom.cdx.json misses bundled package(s): ${unnamed.join(', ')}. Run npm run build.`);
console.log(`${bundled.length} bundled packages, each in dist/licenses.txt and dist/sbom.cdx.json.`);

if (values['no-audit']) process.exit(failed ? 1 : 0);

const allowlist = existsSync('.ci/audit-allowlist.json')
  ? JSON.parse(readFileSync('.ci/audit-allowlist.json', 'utf8'))
  : {};
const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(audit.stdout);
} catch {
  report = undefined;
}
if (!report || report.error) {
  const why =
    report?.error?.summary ||
    audit.stderr.split('\n').find((line) => /\d{3} [A-Z]|error/i.test(line)) ||
    report?.error?.code ||
    'no answer';
  console.log(
    `npm audit --omit=dev: the registry's advisory endpoint did not answer (${why.trim()}); no audit result this run.`,
  );
} else {
  const counts = report.metadata?.vulnerabilities ?? {};
  console.log(
    `npm audit --omit=dev: ${Object.entries(counts)
      .map(([level, n]) => `${level} ${n}`)
      .join(', ')}`,
  );
  for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
    const reason = allowlist[name];
    if (reason) console.log(`  ${name} (${finding.severity}): not reachable: ${reason}`);
    else
      fail(
        `npm audit: ${name} (${finding.severity}) in the runtime dependencies. Update it, or document in .ci/audit-allowlist.json why the action cannot reach it.`,
      );
  }
}
if (failed) process.exit(1);
