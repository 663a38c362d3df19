// Bundles bench/reference/sdk-client.js into the folder given, with the options of a mode's bundle.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { bundleOptions } from '../../scripts/lib/bundle-options.mjs';

const outdir = process.argv[2];
rmSync(outdir, { recursive: true, force: true });
await esbuild.build(
  bundleOptions({ entryPoints: { index: 'bench/reference/sdk-client.js' }, outdir, chunkPrefix: 'sdk' }),
);
writeFileSync(join(outdir, 'package.json'), '{"type":"module"}\n');
