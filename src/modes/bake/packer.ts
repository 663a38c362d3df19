/**
 * builder: packer — runs `packer build -machine-readable` (after `packer init` for HCL2 templates on
 * Packer 1.7 and later), streams its messages to the log, turns `ui,error` lines into annotations,
 * and reads the AMIs from its artifacts. Packer's output is foreign text (it carries every
 * provisioner's output): it is printed between stop-commands markers. The temporary instance, key
 * pair and security group Packer announces are recorded in the undo journal as they appear, so they
 * are removed if Packer could not clean up after itself (a failed or cancelled build, a killed job).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import * as core from '@actions/core';
import { CancelledError, cancellation } from '../../cancel.js';
import type { RunContext } from '../../context.js';
import type { BakeConfig } from '../../inputs.js';
import type { StepScope } from '../../kernel/plan.js';
import { ForeignStream } from '../../report/foreign.js';
import {
  ArtifactCollector,
  announcedSourceAmi,
  noteTemporaryResource,
  parseRecord,
  type TemporaryResources,
} from './packer-output.js';
import { provenanceTags } from './provenance.js';
import type { BakeResult } from './types.js';

export function findPacker(path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'packer');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(
    'Packer is not on PATH. Add `uses: hashicorp/setup-packer@v3` before this step (or install packer on the runner).',
  );
}

/** `Packer v1.6.6` -> [1, 6, 6]. */
export function parsePackerVersion(text: string): number[] {
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  if (!match) throw new Error(`Could not read Packer's version from: ${text.trim()}`);
  return match.slice(1).map(Number);
}

export function isHcl2(template: string): boolean {
  return (
    /\.pkr\.(hcl|json)$/.test(template) ||
    statSync(template, { throwIfNoEntry: false })?.isDirectory() === true
  );
}

/** Template variables and environment carrying the provenance, for templates that want it. */
function provenanceEnv(context: RunContext): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [tag, value] of Object.entries(provenanceTags(context))) {
    const name = tag.replace('ami-action:', 'ami_action_').replaceAll('-', '_');
    env[name.toUpperCase()] = value;
    env[`PKR_VAR_${name}`] = value;
  }
  return env;
}

interface Run {
  code: number | null;
  errors: string[];
}

function runPacker(
  packer: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onRecord?: (line: string) => void; output: ForeignStream },
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(packer, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const errors: string[] = [];
    // Packer cleans up on SIGINT; the runner's SIGKILL comes 10 s later, and the post step covers that.
    const forward = () => child.kill('SIGINT');
    cancellation.addEventListener('abort', forward, { once: true });
    createInterface({ input: child.stdout }).on('line', (line) => options.onRecord?.(line));
    createInterface({ input: child.stderr }).on('line', (line) => {
      options.output.line(line);
      errors.push(line);
    });
    child.on('error', fail);
    child.on('close', (code) => {
      cancellation.removeEventListener('abort', forward);
      options.output.close();
      done({ code, errors });
    });
  });
}

/** The arguments of `packer build`, as the plan lists them and the build runs them. */
export function buildArgs(config: BakeConfig): string[] {
  return [
    'build',
    '-machine-readable',
    '-color=false',
    ...(config.only.length ? [`-only=${config.only.join(',')}`] : []),
    ...(config.except.length ? [`-except=${config.except.join(',')}`] : []),
    ...config.varFiles.map((file) => `-var-file=${file}`),
    ...config.vars.flatMap(([key, value]) => ['-var', `${key}=${value}`]),
    ...config.packerArgs,
    config.template as string,
  ];
}

export async function bakeWithPacker(config: BakeConfig, scope: StepScope): Promise<BakeResult> {
  const { context } = scope;
  const packer = findPacker();
  const cwd = resolve(context.workspace, config.workingDirectory ?? '.');
  const template = config.template as string;
  const env = { ...process.env, ...provenanceEnv(context) };

  const versionRun = await new Promise<string>((done, fail) => {
    const child = spawn(packer, ['version'], { env });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', fail);
    child.on('close', () => done(out));
  });
  const [major, minor] = parsePackerVersion(versionRun);
  core.info(`Packer ${major}.${minor} at ${packer}`);
  const output = new ForeignStream();
  if (isHcl2(resolve(cwd, template)) && (major > 1 || minor >= 7)) {
    const init = await runPacker(packer, ['init', template], {
      cwd,
      env,
      onRecord: (line) => output.line(line),
      output,
    });
    if (init.code !== 0)
      throw new Error(`packer init failed (exit ${init.code}): ${init.errors.at(-1) ?? ''}`);
  }

  const args = buildArgs(config);
  const artifacts = new ArtifactCollector();
  const temporary: TemporaryResources = { instances: [], keyPairs: [], securityGroups: [] };
  const leftovers = scope.record({ kind: 'remove-packer-leftovers', region: config.region, ...temporary });
  const uiErrors: string[] = [];
  /** Build name -> the source AMI it announced. */
  const sourceAmis = new Map<string, string>();
  const onRecord = (line: string) => {
    const record = parseRecord(line);
    if (!record) return output.line(line);
    artifacts.add(record);
    if (record.type !== 'ui') return;
    const [level, message = ''] = record.data;
    if (level === 'error') {
      uiErrors.push(message);
      // The annotation is the action's own command; Packer's words are only its data (escaped).
      output.command(() => core.error(message, { title: 'packer' }));
      return;
    }
    output.line(message);
    const announced = announcedSourceAmi(message);
    if (announced) sourceAmis.set(...announced);
    if (noteTemporaryResource(message, temporary)) leftovers.update({ ...temporary });
  };
  core.info(`packer ${args.join(' ')}`);
  const run = await runPacker(packer, args, { cwd, env, onRecord, output });
  if (cancellation.aborted) throw cancellation.reason ?? new CancelledError('SIGINT');
  if (run.code !== 0) {
    const why = uiErrors.at(-1) ?? run.errors.at(-1) ?? 'see the log above';
    throw new Error(`packer build failed (exit ${run.code}): ${why.trim()}`);
  }
  // Packer removed its temporary resources itself.
  leftovers.settle();
  const amis: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const artifact of artifacts.artifacts) {
    Object.assign(amis, artifact.amis);
    const source =
      sourceAmis.get(artifact.build) ?? (sourceAmis.size === 1 ? [...sourceAmis.values()][0] : undefined);
    if (source) for (const imageId of Object.values(artifact.amis)) sources[imageId] = source;
  }
  if (Object.keys(amis).length === 0) {
    throw new Error(
      'packer build succeeded but printed no AMI artifact: does the template use an amazon-* builder that creates an AMI?',
    );
  }
  return { amis, names: {}, sources };
}
