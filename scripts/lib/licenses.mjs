// Writes the licenses of every package bundled into dist/ (what ncc's --license did).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function packageRoot(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

function licenseText(root) {
  const file = readdirSync(root).find((name) => /^licen[cs]e(\.(md|txt))?$/i.test(name));
  return file ? readFileSync(join(root, file), 'utf8').trim() : undefined;
}

/** The folders of the npm packages the bundle holds code of (from esbuild's metafile). */
export function bundledPackageRoots(metafile) {
  const roots = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      const root = packageRoot(input);
      if (root && existsSync(join(root, 'package.json'))) roots.add(root);
    }
  }
  return roots;
}

/** The package names licenses.txt must list: every bundled package. */
export function bundledPackageNames(metafile) {
  return [...bundledPackageRoots(metafile)].map(
    (root) => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name,
  );
}

export function writeLicenses(metafile, outFile) {
  const entries = new Map();
  for (const root of bundledPackageRoots(metafile)) {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const license = typeof manifest.license === 'string' ? manifest.license : 'see package';
    entries.set(manifest.name, [manifest.name, license, licenseText(root) ?? ''].join('\n').trim());
  }
  const text = [...entries.keys()]
    .sort()
    .map((name) => entries.get(name))
    .join('\n\n');
  writeFileSync(outFile, `${text}\n`);
}
