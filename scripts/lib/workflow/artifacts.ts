/**
 * Workflow run artifacts, as actions/upload-artifact@v4 and actions/download-artifact@v4 keep them,
 * in a directory of the run (one folder per artifact):
 * - upload: `name` (default `artifact`; unique in the run unless `overwrite: true`), `path` (lines of
 *   files, directories or globs, `!` lines excluding), `if-no-files-found` (warn, error, ignore). The
 *   files keep their paths below the search paths' least common ancestor (a directory's contents,
 *   a single file at the top). Outputs artifact-id, artifact-url, artifact-digest.
 * - download: `name` (that artifact, into `path`), else every artifact of the run, or those whose
 *   name matches `pattern`, each into `path/<name>/` unless `merge-multiple: true` puts them all into
 *   `path` (default: the workspace). Output download-path.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface ArtifactStepResult {
  ok: boolean;
  outputs: Record<string, string>;
  log: string;
}

const INVALID_NAME = /["\\:<>|*?\r\n/]/;
const GLOB = /[*?[{]/;

/** A glob (`*`, `?`, `**`, `[...]`, `{a,b}`) as a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((part) => part.replace(/[.+^$()|\\]/g, '\\$&'))
          .join('|')})`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/** The part of a glob before its first magic segment. */
function searchRoot(pattern: string): string {
  const segments = pattern.split('/');
  const first = segments.findIndex((segment) => GLOB.test(segment));
  return first < 0 ? pattern : segments.slice(0, first).join('/') || '/';
}

function commonAncestor(paths: string[]): string {
  const split = paths.map((p) => p.split(sep));
  const common: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0][i]); i++)
    common.push(split[0][i]);
  return common.join(sep) || sep;
}

/** The files `path` names (relative lines resolve in `workspace`) and the root they are stored under. */
export function findFiles(path: string, workspace: string): { files: string[]; root: string } {
  const lines = path
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const absolute = (line: string) => (isAbsolute(line) ? line : resolve(workspace, line));
  const includes = lines.filter((line) => !line.startsWith('!')).map(absolute);
  const excludes = lines.filter((line) => line.startsWith('!')).map((line) => absolute(line.slice(1)));
  const files = new Set<string>();
  const searchPaths: string[] = [];
  for (const pattern of includes) {
    const root = searchRoot(pattern);
    searchPaths.push(root);
    if (!existsSync(root)) continue;
    if (!GLOB.test(pattern)) {
      for (const file of statSync(root).isDirectory() ? filesUnder(root) : [root]) files.add(file);
      continue;
    }
    const matcher = globToRegExp(pattern);
    const candidates = statSync(root).isDirectory() ? filesUnder(root) : [root];
    for (const file of candidates) if (matcher.test(file)) files.add(file);
  }
  const excluded = (file: string) =>
    excludes.some((pattern) => globToRegExp(pattern).test(file) || file.startsWith(`${pattern}${sep}`));
  const kept = [...files].filter((file) => !excluded(file)).sort();
  let root = searchPaths.length === 1 ? searchPaths[0] : commonAncestor(searchPaths);
  if (searchPaths.length === 1 && existsSync(root) && !statSync(root).isDirectory()) root = dirname(root);
  return { files: kept, root };
}

export class ArtifactStore {
  private nextId = 1;
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly dir: string,
    private readonly runUrl: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  names(): string[] {
    return [...this.ids.keys()];
  }

  /** Where an artifact's files are. */
  pathOf(name: string): string {
    return join(this.dir, name);
  }

  upload(inputs: Record<string, string>, workspace: string): ArtifactStepResult {
    const name = inputs.name || 'artifact';
    const path = inputs.path ?? '';
    const ifNone = inputs['if-no-files-found'] || 'warn';
    if (INVALID_NAME.test(name)) {
      return {
        ok: false,
        outputs: {},
        log: `The artifact name is not valid: ${name}. Contains the following character: one of " : < > | * ? \\r \\n \\ /`,
      };
    }
    if (!path) return { ok: false, outputs: {}, log: 'Input required and not supplied: path' };
    const { files, root } = findFiles(path, workspace);
    if (files.length === 0) {
      const message = `No files were found with the provided path: ${path}. No artifacts will be uploaded.`;
      if (ifNone === 'error') return { ok: false, outputs: {}, log: message };
      return { ok: true, outputs: {}, log: ifNone === 'warn' ? `warning: ${message}` : message };
    }
    if (this.ids.has(name)) {
      if (inputs.overwrite !== 'true') {
        return {
          ok: false,
          outputs: {},
          log: 'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
        };
      }
      rmSync(this.pathOf(name), { recursive: true, force: true });
    }
    const digest = createHash('sha256');
    for (const file of files) {
      const inside = relative(root, file);
      cpSync(file, join(this.pathOf(name), inside));
      digest.update(inside).update(readFileSync(file));
    }
    const id = this.nextId++;
    this.ids.set(name, id);
    return {
      ok: true,
      outputs: {
        'artifact-id': String(id),
        'artifact-url': `${this.runUrl}/artifacts/${id}`,
        'artifact-digest': digest.digest('hex'),
      },
      log: `Artifact ${name} (${files.length} files) uploaded with id ${id}`,
    };
  }

  download(inputs: Record<string, string>, workspace: string): ArtifactStepResult {
    const target = resolve(workspace, inputs.path || workspace);
    let names: string[];
    if (inputs.name) {
      if (!this.ids.has(inputs.name)) {
        return {
          ok: false,
          outputs: {},
          log: `Unable to download artifact(s): Artifact not found for name: ${inputs.name}`,
        };
      }
      names = [inputs.name];
    } else {
      names = this.names();
      if (inputs.pattern) {
        const matcher = globToRegExp(inputs.pattern);
        names = names.filter((name) => matcher.test(name));
      }
    }
    const merge = !!inputs.name || inputs['merge-multiple'] === 'true';
    for (const name of names)
      cpSync(this.pathOf(name), merge ? target : join(target, name), { recursive: true });
    return {
      ok: true,
      outputs: names.length > 0 ? { 'download-path': target } : {},
      log: `Total of ${names.length} artifact(s) downloaded: ${names.join(', ')}`,
    };
  }
}
