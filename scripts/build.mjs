// Builds dist/ into a fresh directory and swaps it in, so a build never leaves stale chunk files
// behind and tests running meanwhile never see a half-written dist/.
//
// esbuild, not ncc: ncc bundles the SDK's CommonJS builds whole (the EC2 client alone is 2 MB), and
// the action then took ~2.6x the reference action's cold start (bench/RESULTS.md). esbuild bundles
// the SDK's ES modules, drops what the action never calls, and splits each mode into its own chunk,
// so a step loads only its mode's code and clients.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { builtinsByRequire, sideEffectFree, treeShakableSchemas } from './lib/esbuild-plugins.mjs';
import { bundledPackageNames, writeLicenses } from './lib/licenses.mjs';
import { sbomJson } from './lib/sbom.mjs';

const staging = mkdtempSync('.tmp-dist-');
try {
  const result = await esbuild.build({
    entryPoints: { index: 'src/index.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    // Bundled CommonJS modules call require(); ES module output has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    chunkNames: 'chunks/[name]-[hash]',
    keepNames: true,
    // Minified: V8 parses every loaded byte before it runs it; this halves the start-up time.
    // keepNames keeps class and function names: error messages and stack traces show them, and the
    // client cache (src/aws/clients.ts) keys on the client class name.
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [
      sideEffectFree(['undici', '@actions/http-client', 'tunnel']),
      treeShakableSchemas,
      builtinsByRequire,
    ],
  });
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
