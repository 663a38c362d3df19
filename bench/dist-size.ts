import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../dist');

export async function distSize(): Promise<string[]> {
  const files = readdirSync(DIST).filter((name) => name.endsWith('.js'));
  const sizes = files.map((name) => ({ name, bytes: statSync(join(DIST, name)).size }));
  const total = sizes.reduce((sum, file) => sum + file.bytes, 0);
  const entry = sizes.find((file) => file.name === 'index.js')?.bytes ?? 0;
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  return [
    '## dist/ size',
    `entry dist/index.js: ${kib(entry)}; all ${files.length} JS files: ${kib(total)}`,
    ...sizes
      .filter((file) => file.name !== 'index.js' && file.bytes > 10_240)
      .sort((a, b) => b.bytes - a.bytes)
      .map((file) => `  chunk ${file.name}: ${kib(file.bytes)} (loaded only by the modes that need it)`),
  ];
}
