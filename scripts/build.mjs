// Builds dist/ into a fresh directory and swaps it in, so a build never leaves stale chunk files
// behind and tests running meanwhile never see a half-written dist/.
//
// esbuild, not ncc: ncc bundles the SDK's CommonJS builds whole (the EC2 client alone is 2 MB), and
// the action then took ~2.6x the reference action's cold start (bench/RESULTS.md). esbuild bundles
// the SDK's ES modules, drops what the action never calls, and splits each mode into its own chunk,
// so a step loads only its mode's code and clients.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { bundleOptions } from './lib/bundle-options.mjs';
import { bundledPackageNames, writeLicenses } from './lib/licenses.mjs';
import { sbomJson } from './lib/sbom.mjs';

// One bundle per mode (dist/chunks/action-<mode>.js, with its own chunks), each built with
// process.env.AMI_ACTION_BUNDLE set to its mode (src/modes/index.ts), so it holds only that mode's code
// and the SDK shapes of that mode's operations; the bundle "none" answers an unknown mode. A bundle is
// built apart from the others because esbuild shares a module between entries whole: the EC2 schema
// module would hold every mode's operations, and every mode would load it. dist/index.js, the entry,
// is the bootstrap (src/bootstrap.ts): it turns on Node's compile cache and loads the step's bundle.
const MODES = [
  ...readFileSync('src/modes/names.ts', 'utf8')
    .match(/MODES = \[([^\]]*)\]/)[1]
    .matchAll(/'(\w+)'/g),
].map((m) => m[1]);
const staging = mkdtempSync('.tmp-dist-');
try {
  const bundles = await Promise.all(
    [...MODES, 'none'].map((mode) =>
      esbuild.build(
        bundleOptions({
          entryPoints: { [`chunks/action-${mode}`]: 'src/index.ts' },
          outdir: staging,
          chunkPrefix: mode,
          define: { 'process.env.AMI_ACTION_BUNDLE': JSON.stringify(mode) },
        }),
      ),
    ),
  );
  // The bootstrap is neither split nor minified: a few hundred bytes, read by whoever opens dist/.
  const bootstrap = await esbuild.build({
    entryPoints: { index: 'src/bootstrap.ts' },
    outdir: staging,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.assign({}, ...[bootstrap, ...bundles].map((built) => built.metafile.outputs));
  const result = { metafile: { outputs } };
  writeFileSync(`${staging}/package.json`, '{"type":"module"}\n');
  writeLicenses(result.metafile, `${staging}/licenses.txt`);
  writeFileSync(`${staging}/sbom.cdx.json`, sbomJson(result.metafile));
  // For the supply-chain check (scripts/check-supply-chain.mjs): what the bundle holds, not committed.
  writeFileSync(
    '.tmp-bundle-packages.json',
    `${JSON.stringify(bundledPackageNames(result.metafile).sort(), null, 2)}\n`,
  );
  const old = `${staging}-old`;
  try {
    renameSync('dist', old);
  } catch {
    // first build: no dist yet
  }
  renameSync(staging, 'dist');
  rmSync(old, { recursive: true, force: true });
} finally {
  rmSync(staging, { recursive: true, force: true });
}
