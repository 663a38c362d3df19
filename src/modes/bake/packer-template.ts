/**
 * What a Packer template says it builds, read for the plan: each amazon builder (source), its region
 * and the source AMI it starts from when the template names one (directly or through a variable,
 * with -var and -var-file values applied), described from EC2. JSON templates are read whole; HCL2
 * templates by their `source "amazon-…"` blocks and `variable` defaults. What cannot be known before
 * Packer runs (a source_ami_filter, a computed value) is said as such.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { isNotFound } from '../../aws/errors.js';
import { ec2 } from '../../aws/images.js';
import type { BakeConfig } from '../../inputs.js';
import { isHcl2 } from './packer.js';

interface Source {
  name: string;
  region?: string;
  sourceAmi?: string;
  /** The template chooses the source AMI with a filter at build time. */
  filtered: boolean;
}

export async function describeTemplate(config: BakeConfig, workspace: string): Promise<string[]> {
  const cwd = resolve(workspace, config.workingDirectory ?? '.');
  const path = resolve(cwd, config.template as string);
  let sources: Source[];
  try {
    sources = isHcl2(path) ? hclSources(path, config, cwd) : jsonSources(path, config, cwd);
  } catch (error) {
    return [
      `Template ${config.template}: could not be read (${(error as Error).message}); packer build will say why.`,
    ];
  }
  if (!sources.length)
    return [`Template ${config.template}: no amazon builder found (Packer decides at build time).`];
  const lines: string[] = [];
  for (const source of sources) {
    const region = source.region ?? config.region;
    let from = source.filtered
      ? 'a source AMI its source_ami_filter picks at build time'
      : 'a source AMI not known before the build';
    if (source.sourceAmi) from = `source AMI ${await describeSource(region, source.sourceAmi)}`;
    lines.push(`Template ${config.template}: ${source.name} in ${region} from ${from}.`);
  }
  return lines;
}

async function describeSource(region: string, imageId: string): Promise<string> {
  try {
    const { Images } = await ec2(region).send(new DescribeImagesCommand({ ImageIds: [imageId] }));
    const image = Images?.[0];
    return image
      ? `${imageId} (${image.Name ?? 'no name'}, ${image.State}, created ${image.CreationDate ?? '?'})`
      : `${imageId} (not found)`;
  } catch (error) {
    if (isNotFound(error)) return `${imageId} (not found in ${region})`;
    throw error;
  }
}

/** -var-file values (JSON files for JSON templates, `name = "value"` lines for HCL2) then -var values. */
function variableValues(config: BakeConfig, cwd: string, json: boolean): Record<string, string> {
  const values: Record<string, string> = {};
  for (const file of config.varFiles) {
    const text = readFileSync(resolve(cwd, file), 'utf8');
    if (json && file.endsWith('.json')) Object.assign(values, JSON.parse(text));
    else for (const [, name, value] of text.matchAll(/^\s*([\w-]+)\s*=\s*"([^"]*)"/gm)) values[name] = value;
  }
  for (const [key, value] of config.vars) values[key] = value;
  return values;
}

function jsonSources(path: string, config: BakeConfig, cwd: string): Source[] {
  const template = JSON.parse(readFileSync(path, 'utf8')) as {
    variables?: Record<string, string>;
    builders?: Record<string, unknown>[];
  };
  const values = { ...template.variables, ...variableValues(config, cwd, true) };
  const user = (text: unknown) =>
    typeof text === 'string'
      ? text.replace(/\{\{\s*user\s+`([^`]+)`\s*\}\}/g, (_, name) => values[name] ?? '')
      : undefined;
  return (template.builders ?? [])
    .filter((builder) => String(builder.type ?? '').startsWith('amazon-'))
    .map((builder) => ({
      name: String(builder.name ?? builder.type),
      region: user(builder.region) || undefined,
      sourceAmi: literalAmi(user(builder.source_ami)),
      filtered: builder.source_ami_filter !== undefined,
    }));
}

function hclSources(path: string, config: BakeConfig, cwd: string): Source[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.pkr.hcl'))
        .map((f) => join(path, f))
    : [path];
  const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  const values: Record<string, string> = {};
  for (const [, name, body] of text.matchAll(/variable\s+"([\w-]+)"\s*\{([^}]*)\}/g)) {
    const value = /default\s*=\s*"([^"]*)"/.exec(body)?.[1];
    if (value !== undefined) values[name] = value;
  }
  Object.assign(values, variableValues(config, cwd, false));
  const resolveValue = (expression: string | undefined) => {
    if (!expression) return undefined;
    const quoted = /^"([^"]*)"$/.exec(expression.trim());
    if (quoted) return quoted[1];
    const variable = /^var\.([\w-]+)$/.exec(expression.trim());
    return variable ? values[variable[1]] : undefined;
  };
  const sources: Source[] = [];
  for (const match of text.matchAll(/source\s+"(amazon-[\w-]+)"\s+"([\w-]+)"\s*\{/g)) {
    const body = blockAt(text, (match.index ?? 0) + match[0].length);
    sources.push({
      name: `${match[1]}.${match[2]}`,
      region: resolveValue(/^\s*region\s*=\s*(.+)$/m.exec(body)?.[1]),
      sourceAmi: literalAmi(resolveValue(/^\s*source_ami\s*=\s*(.+)$/m.exec(body)?.[1])),
      filtered: /source_ami_filter\s*\{/.test(body),
    });
  }
  return sources;
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

function literalAmi(value: string | undefined): string | undefined {
  return value && /^ami-[0-9a-f]{8,17}$/.test(value) ? value : undefined;
}
