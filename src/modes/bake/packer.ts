/**
 * builder: packer — runs `packer build -machine-readable` (after `packer init` for HCL2 templates on
 * Packer 1.7 and later), streams its messages to the log, turns `ui,error` lines into annotations,
 * and reads the AMIs from its artifacts. Packer's output is foreign text (it carries every
 * provisioner's output): it is printed between stop-commands markers. The temporary instance, key
 * pair and security group Packer announces are recorded in the undo journal as they appear, in the
 * region of the build that announced them, so they are removed if Packer could not clean up after
 * itself (a failed, cancelled or timed-out build, a killed job). Each AMI is in the journal from the
 * moment Packer names it until the tag step has tagged it (baked-images.ts). The step's `timeout`
 * bounds the build: when it runs out, Packer is stopped as a cancellation stops it (SIGINT, then
 * the grace time for its own cleanup, then SIGKILL) and the step fails with the timeout.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import * as core from '@actions/core';
import { WaitTimeoutError } from '../../aws/wait.js';
import { CancelledError, cancellation } from '../../cancel.js';
import type { RunContext } from '../../context.js';
import type { BakeConfig } from '../../inputs.js';
import { type Deadline, GRACE_SECONDS } from '../../kernel/deadline.js';
import type { Recorded } from '../../kernel/journal.js';
import type { StepScope } from '../../kernel/plan.js';
import { ForeignStream } from '../../report/foreign.js';
import { formatSeconds } from '../../report/format.js';
import type { BakedImages } from './baked-images.js';
import {
  ArtifactCollector,
  announcedAmi,
  announcedSourceAmi,
  buildOfMessage,
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

/**
 * The processes below `pid` (Linux's /proc; none elsewhere): a provisioner's commands (shell-local's
 * shell and what it runs) hold Packer's pipes, and Packer waits for them before it cleans up.
 */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length; ) {
    const next = children.get(queue.shift() as number) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

/** Interrupts Packer as Ctrl-C does: Packer and the commands it runs (Packer's plugins ignore it). */
function interrupt(pid: number | undefined): void {
  if (pid === undefined) return;
  for (const target of [pid, ...descendants(pid)]) {
    try {
      process.kill(target, 'SIGINT');
    } catch {
      // already gone
    }
  }
}

interface Run {
  code: number | null;
  errors: string[];
  /** The deadline ran out and Packer was stopped. */
  timedOut: boolean;
}

/** Node's timers take at most 2^31-1 ms (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

function runPacker(
  packer: string,
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    onRecord?: (line: string) => void;
    output: ForeignStream;
    /** The step's deadline: when it runs out, Packer is stopped as a cancellation stops it. */
    deadline: Deadline;
    graceSeconds?: number;
  },
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(packer, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const errors: string[] = [];
    // Packer cleans up on SIGINT; the runner's SIGKILL comes 10 s later, and the post step covers that.
    const forward = () => interrupt(child.pid);
    cancellation.addEventListener('abort', forward, { once: true });
    // The step's timeout: SIGINT (Packer removes what it made), then SIGKILL after the grace time;
    // what Packer could not remove by then is the leftovers undo's.
    const { deadline } = options;
    const grace = options.graceSeconds ?? GRACE_SECONDS;
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const onTimeout = () => {
      timedOut = true;
      options.output.command(() =>
        core.warning(
          `${deadline.label} ran out: stopping Packer (SIGINT) and giving it ${formatSeconds(grace)} to remove what it created.`,
        ),
      );
      interrupt(child.pid);
      killer = setTimeout(() => child.kill('SIGKILL'), grace * 1000);
    };
    // A budget beyond what a timer holds (about 24.8 days) outlasts any job: no timer then.
    const left = deadline.remainingMs();
    const timer = left <= MAX_TIMER_MS ? setTimeout(onTimeout, left) : undefined;
    createInterface({ input: child.stdout }).on('line', (line) => options.onRecord?.(line));
    createInterface({ input: child.stderr }).on('line', (line) => {
      options.output.line(line);
      errors.push(line);
    });
    child.on('error', fail);
    child.on('close', (code) => {
      cancellation.removeEventListener('abort', forward);
      clearTimeout(timer);
      clearTimeout(killer);
      options.output.close();
      done({ code, errors, timedOut });
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

/** What the build needs from the plan: each build's region (template sources), the AMIs' undo. */
export interface PackerBuild {
  /** Build name (`amazon-ebs`, `amazon-ebs.app`) -> the region it builds in. */
  regions: Map<string, string>;
  baked: BakedImages;
}

/** The region a build runs in: its source's, else the only region of the template, else the input. */
export function regionOfBuild(
  build: string | undefined,
  regions: Map<string, string>,
  fallback: string,
): string {
  const short = (name: string) => name.split('.').at(-1) ?? name;
  if (build) {
    const known = regions.get(build) ?? [...regions].find(([name]) => short(name) === short(build))?.[1];
    if (known) return known;
  }
  const distinct = new Set(regions.values());
  return distinct.size === 1 ? [...distinct][0] : fallback;
}

export async function bakeWithPacker(
  config: BakeConfig,
  scope: StepScope,
  build: PackerBuild,
): Promise<BakeResult> {
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
      deadline: scope.deadline,
    });
    if (init.timedOut) throw timeoutError(scope.deadline, 'packer init');
    if (init.code !== 0)
      throw new Error(`packer init failed (exit ${init.code}): ${init.errors.at(-1) ?? ''}`);
  }

  const args = buildArgs(config);
  const artifacts = new ArtifactCollector();
  /** Region -> what Packer announced there, and its journal entry (recorded on the first announcement). */
  const leftovers = new Map<
    string,
    { temporary: TemporaryResources; entry: Recorded<'remove-packer-leftovers'> }
  >();
  const noteLeftover = (region: string, message: string) => {
    let found = leftovers.get(region);
    const temporary = found?.temporary ?? { instances: [], keyPairs: [], securityGroups: [] };
    if (!noteTemporaryResource(message, temporary)) return;
    if (!found) {
      // Packer announces each resource before its create call: the entry is in the journal first.
      found = { temporary, entry: scope.record({ kind: 'remove-packer-leftovers', region, ...temporary }) };
      leftovers.set(region, found);
    } else found.entry.update({ ...temporary });
  };
  const regionOf = (buildName: string | undefined) => regionOfBuild(buildName, build.regions, config.region);
  const uiErrors: string[] = [];
  /** Build name -> the source AMI it announced. */
  const sourceAmis = new Map<string, string>();
  const onRecord = (line: string) => {
    const record = parseRecord(line);
    if (!record) return output.line(line);
    artifacts.add(record);
    if (record.type === 'artifact' && record.data[1] === 'id') {
      for (const [region, imageId] of Object.entries(artifacts.amisOf(record)))
        build.baked.note(scope, region, imageId);
    }
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
    const ami = announcedAmi(message);
    if (ami) build.baked.note(scope, regionOf(ami[0]), ami[1]);
    noteLeftover(regionOf(buildOfMessage(message)), message);
  };
  core.info(`packer ${args.join(' ')}`);
  const run = await runPacker(packer, args, { cwd, env, onRecord, output, deadline: scope.deadline });
  if (run.timedOut) throw timeoutError(scope.deadline, 'packer build');
  if (cancellation.aborted) throw cancellation.reason ?? new CancelledError('SIGINT');
  if (run.code !== 0) {
    const why = uiErrors.at(-1) ?? run.errors.at(-1) ?? 'see the log above';
    throw new Error(`packer build failed (exit ${run.code}): ${why.trim()}`);
  }
  // Packer removed its temporary resources itself.
  for (const { entry } of leftovers.values()) entry.settle();
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

/** The step's timeout ran out while Packer ran: the kernel's timeout error, naming the input. */
function timeoutError(deadline: Deadline, what: string): WaitTimeoutError {
  return new WaitTimeoutError(
    `${what} to end`,
    undefined,
    deadline.label,
    'Packer was stopped; what it had not removed of its temporary instance, key pair and security group is removed by the step. Raise the timeout input if the build needs longer.',
  );
}
