// The esbuild options of one mode's bundle (scripts/build.mjs), shared with the cold-start bench,
// which bundles the SDK's EC2 client alone the same way to show what the SDK itself costs.
import { builtinsByRequire, sideEffectFree, treeShakableSchemas } from './esbuild-plugins.mjs';

/**
 * `entryPoints` and `outdir` as esbuild takes them; `chunkPrefix` names the bundle's chunks
 * (`chunks/<prefix>-<name>-<hash>.js`); `define` what the bundle is built with.
 */
export function bundleOptions({ entryPoints, outdir, chunkPrefix, define = {} }) {
  return {
    entryPoints,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
    define,
    splitting: true,
    mainFields: ['module', 'main'],
    // Bundled CommonJS modules call require(); ES module output has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    chunkNames: `chunks/${chunkPrefix}-[name]-[hash]`,
    // Minified: V8 parses every loaded byte before it runs it; this halves the start-up time. Names
    // are minified too (keepNames cost 6% of the instructions to the first request, an `__name` call
    // for every function and class): nothing may depend on a class's or function's name. Errors
    // carry names of their own (`name = '...'`), the SDK's too, and clients are cached per class.
    minify: true,
    legalComments: 'none',
    plugins: [
      // @actions/core's `platform` namespace (unused) imports @actions/exec and @actions/io, and with
      // them child_process, dgram and assert: 5-10 ms of Node's own modules on every start.
      sideEffectFree([
        'undici',
        '@actions/http-client',
        'tunnel',
        '@actions/core',
        '@actions/exec',
        '@actions/io',
      ]),
      treeShakableSchemas,
      builtinsByRequire,
    ],
  };
}
