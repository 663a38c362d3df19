import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../dist');

/** Every .js file under dist/, with its path relative to dist/. */
function jsFiles(dir: string, prefix = ''): { name: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? jsFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.js')
        ? [{ name: `${prefix}${entry.name}`, bytes: statSync(join(dir, entry.name)).size }]
        : [],
  );
}

export async function distSize(): Promise<string[]> {
  const sizes = jsFiles(DIST);
  const total = sizes.reduce((sum, file) => sum + file.bytes, 0);
  const entry = sizes.find((file) => file.name === 'index.js')?.bytes ?? 0;
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  return [
    '## dist/ size',
    `entry dist/index.js: ${kib(entry)}; all ${sizes.length} JS files: ${kib(total)}`,
    ...sizes
      .filter((file) => file.name !== 'index.js' && file.bytes > 40_960)
      .sort((a, b) => b.bytes - a.bytes)
      .map((file) => `  ${file.name}: ${kib(file.bytes)} (loaded only by the modes that need it)`),
  ];
}
