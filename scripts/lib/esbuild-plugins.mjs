// esbuild plugins that let the bundle leave out code the action never runs.
import { readFile } from 'node:fs/promises';

/**
 * Declares packages free of import-time side effects, so esbuild drops them when nothing the action
 * calls uses them (@actions/core imports the HTTP client, and with it undici, for OIDC tokens only).
 */
export function sideEffectFree(packages) {
  const escaped = packages.map((name) => name.replace(/[/.]/g, '\\$&'));
  const filter = new RegExp(`^(${escaped.join('|')})(/|$)`);
  return {
    name: 'side-effect-free',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData?.sideEffectFree) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { sideEffectFree: true },
        });
        return { ...resolved, sideEffects: false };
      });
    },
  };
}

/**
 * The AWS SDK's schema modules key their traits by computed names (`{ [_xN]: _m }`, with
 * `const _xN = "xmlName"`), which esbuild must treat as possibly impure, so it kept every shape of
 * every operation (1.3 MB for EC2). Writing the constant names in place makes the shapes plain
 * literals, and esbuild keeps only those of the operations the action calls.
 */
export const treeShakableSchemas = {
  name: 'tree-shakable-schemas',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@aws-sdk[\\/].*[\\/]dist-es[\\/].*schemas[\\/]schemas_\d+\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        const names = new Map();
        for (const [, name, literal] of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm))
          names.set(name, literal);
        const contents = source.replace(/\[(_\w+)\]:/g, (computed, name) =>
          names.has(name) ? `${names.get(name)}:` : computed,
        );
        return { contents, loader: 'js' };
      },
    );
  },
};

/**
 * The SDK's ES modules load `node:http` with `await import(...)`. On Node 24 that takes about 45 ms,
 * where `require` takes 5 ms: an ES module namespace of `http` reads every export, and some of them
 * load Node's own undici. Loading built-in modules with `require` (kept as the module's default, its
 * exports reachable as before) keeps that off the start-up.
 */
export const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]node_modules[\\/]@(smithy|aws-sdk|aws)[\\/].*[\\/]dist-es[\\/].*\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import("node:') && !source.includes("import('node:")) return undefined;
        const contents = source.replace(
          /\bimport\((["'])(node:[\w/]+)\1\)/g,
          (_, quote, name) =>
            `Promise.resolve().then(() => { const m = require(${quote}${name}${quote}); return Object.create(m, { default: { value: m } }); })`,
        );
        return { contents, loader: 'js' };
      },
    );
  },
};
