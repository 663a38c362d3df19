// esbuild plugins that let the bundle leave out code the action never runs.
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';

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
 * Node's built-in modules, loaded with `require` wherever the bundle imports them, statically or with
 * `import()`. An ES module import of a built-in makes Node build its module namespace, reading every
 * export: on Node 24 that loads Node's own undici for `node:http` (about 35 ms), and `node:process`
 * and `node:fs` cost 7 and 3 ms. Each built-in becomes a CommonJS module of the bundle whose exports
 * are `require`'s (the banner's), so imports read only the exports they use.
 */
export const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    const names = builtinModules
      .filter((name) => !name.startsWith('_'))
      .map((name) => name.replace(/^node:/, ''));
    const escaped = names.map((name) => name.replace(/[/.]/g, '\\$&'));
    const filter = new RegExp(`^(node:)?(${escaped.join('|')})$`);
    build.onResolve({ filter }, (args) => {
      if (args.namespace === 'builtin-require') return { path: args.path, external: true };
      return {
        path: args.path.startsWith('node:') ? args.path : `node:${args.path}`,
        namespace: 'builtin-require',
      };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};
