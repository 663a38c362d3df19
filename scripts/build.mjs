// Builds dist/ with ncc into a fresh directory and swaps it in, so a build never leaves stale chunk
// files behind and tests running meanwhile never see a half-written dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';

const staging = mkdtempSync('.tmp-dist-');
try {
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      'src/index.ts',
      '-o',
      staging,
      '--license',
      'licenses.txt',
      '--target',
      'es2022',
      '--quiet',
    ],
    { stdio: 'inherit' },
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
