/**
 * What a Packer template says, read for the plan: each amazon builder (source), its region, where its
 * source AMI comes from (an id, a `source_ami_filter`, an `amazon-ami` or `amazon-parameterstore`
 * data source, directly or through variables, with -var-file and -var values applied), the regions
 * it copies to, and the files the build reads besides the template (what the provisioners name,
 * `user_data_file`). JSON templates are read whole; HCL2 templates by their blocks (`source`, `data`,
 * `variable`, `provisioner`). What cannot be known before Packer runs (a computed value) is said as
 * such, never guessed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BakeConfig } from '../../inputs.js';
import { isHcl2 } from './packer.js';

export interface AmiFilter {
  filters: Record<string, string>;
  owners: string[];
  mostRecent: boolean;
}

/** Where a source's AMI comes from, as the template says it. */
export type SourceAmi =
  | { kind: 'id'; imageId: string }
  | { kind: 'filter'; filter: AmiFilter; via: string }
  | { kind: 'parameter'; name: string; via: string }
  | { kind: 'unknown'; why: string };

export interface Source {
  /** The build name Packer uses (-only, its output): `amazon-ebs` or the builder's name (JSON), `amazon-ebs.app` (HCL2). */
  name: string;
  region?: string;
  ami: SourceAmi;
  /** `ami_regions`: where Packer copies the AMI. */
  copyRegions: string[];
}

export interface PackerTemplate {
  /** The template files (a directory's `.pkr.hcl` files). */
  files: string[];
  /** The amazon builders this build runs (-only / -except applied). */
  sources: Source[];
  /** Files the build reads besides the template: what the provisioners name, `user_data_file` (absolute paths). */
  inputFiles: string[];
  /** File references that could not be resolved before the build, as written. */
  unresolved: string[];
}

/** Attributes of provisioners (and builders) that name local files. */
const FILE_KEYS = [
  'script',
  'scripts',
  'source',
  'sources',
  'playbook_file',
  'playbook_dir',
  'galaxy_file',
  'user_data_file',
];

type Value = string | string[] | undefined;

export function readTemplate(config: BakeConfig, workspace: string): PackerTemplate {
  const cwd = resolve(workspace, config.workingDirectory ?? '.');
  const path = resolve(cwd, config.template as string);
  const read = isHcl2(path) ? readHcl(path, config, cwd) : readJson(path, config, cwd);
  const selected = (name: string) => {
    const short = name.split('.').at(-1) ?? name;
    const named = (list: string[]) => list.includes(name) || list.includes(short);
    return (config.only.length === 0 || named(config.only)) && !named(config.except);
  };
  const inputFiles: string[] = [];
  const unresolved: string[] = [];
  for (const [raw, value] of read.fileRefs) {
    if (value === undefined) unresolved.push(raw);
    else inputFiles.push(resolve(cwd, value));
  }
  return {
    files: read.files,
    sources: read.sources.filter((source) => selected(source.name)),
    inputFiles: [...new Set(inputFiles)].sort(),
    unresolved: [...new Set(unresolved)],
  };
}

interface Read {
  files: string[];
  sources: Source[];
  /** [as written, resolved path or undefined]. */
  fileRefs: [string, string | undefined][];
}

/** -var-file values (JSON files for JSON templates, `name = value` lines for HCL2) then -var values. */
function variableValues(config: BakeConfig, cwd: string, json: boolean): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const file of config.varFiles) {
    const text = readFileSync(resolve(cwd, file), 'utf8');
    if (json && file.endsWith('.json')) Object.assign(values, JSON.parse(text));
    else {
      for (const [, name, value] of text.matchAll(/^\s*([\w-]+)\s*=\s*("[^"]*"|\[[^\]]*\])/gm)) {
        values[name] = literal(value);
      }
    }
  }
  for (const [key, value] of config.vars) values[key] = value;
  return values;
}

/** A quoted string or a list of them, as written in HCL. */
function literal(text: string): Value {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return [...trimmed.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  return /^"([^"]*)"$/.exec(trimmed)?.[1];
}

const asList = (value: Value): string[] => (Array.isArray(value) ? value : value ? [value] : []);
const asString = (value: Value): string | undefined => (Array.isArray(value) ? undefined : value);

function readJson(path: string, config: BakeConfig, cwd: string): Read {
  const template = JSON.parse(readFileSync(path, 'utf8')) as {
    variables?: Record<string, string>;
    builders?: Record<string, unknown>[];
    provisioners?: Record<string, unknown>[];
  };
  const values: Record<string, Value> = { ...template.variables, ...variableValues(config, cwd, true) };
  const templateDir = dirname(path);
  /** Packer's template functions the plan can know: user, env, template_dir. */
  const render = (text: unknown): string | undefined => {
    if (typeof text !== 'string') return undefined;
    let out = text;
    for (let pass = 0; pass < 3 && out.includes('{{'); pass++) {
      out = out
        .replace(/\{\{\s*user\s+`([^`]+)`\s*\}\}/g, (_, name) => asString(values[name]) ?? '')
        .replace(/\{\{\s*env\s+`([^`]+)`\s*\}\}/g, (_, name) => process.env[name] ?? '')
        .replace(/\{\{\s*template_dir\s*\}\}/g, templateDir);
    }
    return out.includes('{{') ? undefined : out;
  };
  const renderList = (value: unknown): string[] =>
    Array.isArray(value) ? value.flatMap((v) => render(v) ?? []) : (render(value)?.split(',') ?? []);
  const builders = (template.builders ?? []).filter((builder) =>
    String(builder.type ?? '').startsWith('amazon-'),
  );
  const sources = builders.map((builder): Source => {
    const filter = builder.source_ami_filter as
      | { filters?: Record<string, unknown>; owners?: unknown; most_recent?: unknown }
      | undefined;
    let ami: SourceAmi = { kind: 'unknown', why: 'the template names no source_ami' };
    if (filter) {
      const filters: Record<string, string> = {};
      for (const [key, value] of Object.entries(filter.filters ?? {})) filters[key] = render(value) ?? '';
      ami = {
        kind: 'filter',
        via: 'source_ami_filter',
        filter: { filters, owners: renderList(filter.owners), mostRecent: filter.most_recent === true },
      };
    } else if (builder.source_ami !== undefined) {
      const id = render(builder.source_ami);
      ami = isAmiId(id)
        ? { kind: 'id', imageId: id }
        : {
            kind: 'unknown',
            why: `source_ami ${String(builder.source_ami)} is not an AMI id before the build`,
          };
    }
    return {
      name: String(builder.name ?? builder.type),
      region: render(builder.region) || undefined,
      ami,
      copyRegions: renderList(builder.ami_regions),
    };
  });
  const fileRefs: Read['fileRefs'] = [];
  for (const block of [...builders, ...(template.provisioners ?? [])]) {
    for (const key of FILE_KEYS) {
      if (block[key] === undefined || (key.startsWith('source') && block.direction === 'download')) continue;
      if (key.startsWith('source') && !String(block.type ?? '').match(/^(file|ansible)/)) continue;
      for (const raw of [block[key]].flat()) fileRefs.push([String(raw), render(raw)]);
    }
  }
  return { files: [path], sources, fileRefs };
}

function readHcl(path: string, config: BakeConfig, cwd: string): Read {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.pkr.hcl'))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  const root = statSync(path).isDirectory() ? path : dirname(path);
  const values: Record<string, Value> = {};
  for (const block of blocks(text, /variable\s+"([\w-]+)"\s*\{/g)) {
    const value = /^\s*default\s*=\s*("[^"]*"|\[[^\]]*\])/m.exec(topLevel(block.body))?.[1];
    if (value !== undefined) values[block.labels[0]] = literal(value);
  }
  Object.assign(values, variableValues(config, cwd, false));

  /** A string, list, `var.x` or `path.root` expression; undefined when it is computed at build time. */
  const evaluate = (expression: string | undefined): Value => {
    if (expression === undefined) return undefined;
    const expr = expression.trim().replace(/,$/, '');
    if (expr.startsWith('[')) {
      const items = splitList(expr.slice(1, expr.lastIndexOf(']'))).map(evaluate);
      return items.every((item) => typeof item === 'string') ? (items as string[]) : undefined;
    }
    const quoted = /^"(.*)"$/.exec(expr);
    if (quoted) {
      let unknown = false;
      const out = quoted[1].replace(/\$\{([^}]+)\}/g, (_, inner: string) => {
        const value = asString(evaluate(inner));
        if (value === undefined) unknown = true;
        return value ?? '';
      });
      return unknown ? undefined : out;
    }
    if (expr === 'path.root') return root;
    if (expr === 'path.cwd') return cwd;
    const variable = /^var\.([\w-]+)$/.exec(expr);
    return variable ? values[variable[1]] : undefined;
  };
  const attribute = (body: string, name: string) =>
    new RegExp(`^\\s*${name}\\s*=\\s*(\\[[^\\]]*\\]|.+)$`, 'm').exec(topLevel(body))?.[1];

  const data = new Map<string, string>();
  for (const block of blocks(text, /data\s+"([\w-]+)"\s+"([\w-]+)"\s*\{/g)) {
    data.set(`data.${block.labels[0]}.${block.labels[1]}`, block.body);
  }
  const filterOf = (body: string): AmiFilter => {
    const filters: Record<string, string> = {};
    const map = /filters\s*=\s*\{/.exec(body);
    if (map) {
      const inner = blockAt(body, map.index + map[0].length);
      for (const [, key, value] of inner.matchAll(/^\s*"?([\w.:/-]+)"?\s*=\s*(.+?)\s*,?\s*$/gm)) {
        filters[key] = asString(evaluate(value)) ?? '';
      }
    }
    return {
      filters,
      owners: asList(evaluate(attribute(body, 'owners'))),
      mostRecent: /^\s*most_recent\s*=\s*true\b/m.test(body),
    };
  };
  const amiOf = (body: string): SourceAmi => {
    const filter = /source_ami_filter\s*\{/.exec(body);
    if (filter) {
      return {
        kind: 'filter',
        via: 'source_ami_filter',
        filter: filterOf(blockAt(body, filter.index + filter[0].length)),
      };
    }
    const expression = attribute(body, 'source_ami')?.trim();
    if (!expression) return { kind: 'unknown', why: 'the template names no source_ami' };
    const ref = /^"?\$?\{?(data\.amazon-(ami|parameterstore)\.[\w-]+)\.(id|value)\}?"?$/.exec(expression);
    const dataBody = ref ? data.get(ref[1]) : undefined;
    if (ref && dataBody !== undefined) {
      if (ref[2] === 'ami') return { kind: 'filter', via: ref[1], filter: filterOf(dataBody) };
      const name = asString(evaluate(attribute(dataBody, 'name')));
      if (name) return { kind: 'parameter', name, via: ref[1] };
    }
    const id = asString(evaluate(expression));
    return isAmiId(id)
      ? { kind: 'id', imageId: id }
      : { kind: 'unknown', why: `source_ami = ${expression} is computed at build time` };
  };

  const sources: Source[] = [];
  for (const block of blocks(text, /source\s+"(amazon-[\w-]+)"\s+"([\w-]+)"\s*\{/g)) {
    sources.push({
      name: `${block.labels[0]}.${block.labels[1]}`,
      region: asString(evaluate(attribute(block.body, 'region'))),
      ami: amiOf(block.body),
      copyRegions: asList(evaluate(attribute(block.body, 'ami_regions'))),
    });
  }
  const fileRefs: Read['fileRefs'] = [];
  const refsOf = (body: string, keys: string[]) => {
    for (const key of keys) {
      const expression = attribute(body, key);
      if (expression === undefined) continue;
      const value = evaluate(expression);
      if (value === undefined) fileRefs.push([expression.trim(), undefined]);
      else for (const file of asList(value)) fileRefs.push([file, file]);
    }
  };
  for (const block of blocks(text, /source\s+"(amazon-[\w-]+)"\s+"([\w-]+)"\s*\{/g)) {
    refsOf(block.body, ['user_data_file']);
  }
  for (const block of blocks(text, /provisioner\s+"([\w-]+)"\s*\{/g)) {
    const download = /^\s*direction\s*=\s*"download"/m.test(block.body);
    const takesSources = /^(file|ansible)/.test(block.labels[0]) && !download;
    refsOf(
      block.body,
      FILE_KEYS.filter((key) => key !== 'user_data_file' && (takesSources || !key.startsWith('source'))),
    );
  }
  return { files, sources, fileRefs };
}

/** Every block a pattern opens (its labels from the pattern's groups, its body). */
function blocks(text: string, opener: RegExp): { labels: string[]; body: string }[] {
  return [...text.matchAll(opener)].map((match) => ({
    labels: match.slice(1),
    body: blockAt(text, (match.index ?? 0) + match[0].length),
  }));
}

/** The text of a block from just after its `{` to its matching `}`. */
function blockAt(text: string, start: number): string {
  let depth = 1;
  for (let at = start; at < text.length; at++) {
    if (text[at] === '{') depth++;
    else if (text[at] === '}' && --depth === 0) return text.slice(start, at);
  }
  return text.slice(start);
}

/** A block body without its nested blocks and maps: its own attributes only (`${…}` in strings kept). */
function topLevel(body: string): string {
  let depth = 0;
  let quoted = false;
  let out = '';
  for (const char of body) {
    if (char === '"' && depth === 0) quoted = !quoted;
    if (char === '{' && !quoted) depth++;
    if (depth === 0) out += char;
    if (char === '}' && !quoted) depth--;
  }
  return out;
}

/** The items of an HCL list's inside, split at top-level commas (not inside quotes or brackets). */
function splitList(inside: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of inside) {
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === '[' || char === '(')) depth++;
    if (!quoted && (char === ']' || char === ')')) depth--;
    if (char === ',' && !quoted && depth === 0) {
      items.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim()) items.push(current);
  return items.map((item) => item.trim()).filter(Boolean);
}

function isAmiId(value: string | undefined): value is string {
  return !!value && /^ami-[0-9a-f]{8,17}$/.test(value);
}
