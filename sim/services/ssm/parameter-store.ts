/**
 * Parameter records: name rules, ARNs, `name:version` / `name:label` selectors, and the delayed
 * validation of `aws:ec2:image` values (a version becomes visible `parameterImageValidationSeconds`
 * after PutParameter, and only if the image exists and is available at that moment; otherwise it is
 * dropped, as AWS drops an invalid asynchronous write).
 */

import { ms } from '../../core/time.js';
import { AwsError, type SimulatorApi } from '../../core/types.js';
import { canSee, locateImage } from '../ec2/shared.js';
import { MAX_HIERARCHY_LEVELS, MAX_VERSIONS } from './limits.js';
import {
  type ParameterRecord,
  type ParameterVersion,
  type SsmRegion,
  type SsmState,
  ssmRegion,
} from './state.js';

export function parameterArn(region: string, accountId: string, p: ParameterRecord): string {
  const path = p.Name.startsWith('/') ? p.Name.slice(1) : p.Name;
  return `arn:aws:ssm:${region}:${p.public ? '' : accountId}:parameter/${path}`;
}

/** Strips an ARN down to the parameter name (with its selector, if any). */
export function nameFromRef(ref: string): string {
  const m = /^arn:aws[\w-]*:ssm:[^:]*:\d*:parameter(\/.*)$/.exec(ref);
  if (!m) return ref;
  // `parameter/a/b` names `/a/b` when hierarchical and `a` when not; try both at lookup time.
  return m[1];
}

/** The longest name, counted with the ARN that precedes it (`arn:aws:ssm:<region>:<account>:parameter/`). */
export const MAX_NAME_WITH_ARN = 1011;

/** The name rules of every write path (PutParameter and seeded account parameters alike). */
export function checkNameLimits(name: string, region: string, accountId: string): void {
  const arnPrefix = `arn:aws:ssm:${region}:${accountId}:parameter/`;
  const bare = name.startsWith('/') ? name.slice(1) : name;
  if (arnPrefix.length + bare.length > MAX_NAME_WITH_ARN) {
    throw new AwsError(
      'ValidationException',
      `Parameter name: ${name.slice(0, 40)}... is too long: with the ARN that precedes it (${arnPrefix}) a name has at most ${MAX_NAME_WITH_ARN} characters.`,
    );
  }
  if (name.split('/').filter(Boolean).length > MAX_HIERARCHY_LEVELS) {
    throw new AwsError(
      'HierarchyLevelLimitExceededException',
      `A hierarchy can have a maximum of ${MAX_HIERARCHY_LEVELS} levels.`,
    );
  }
}

export function validateName(name: string, region: string, accountId: string): void {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  if (/^(aws|ssm)/i.test(bare)) {
    throw new AwsError(
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
    );
  }
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(name) || name.endsWith('/') || name.includes('//')) {
    throw new AwsError(
      'ValidationException',
      `Parameter name: ${name} is invalid. Use only letters, numbers and the symbols .-_/ (and no trailing slash).`,
    );
  }
  if (name.includes('/') && !name.startsWith('/')) {
    throw new AwsError('ValidationException', 'Parameter name must be a fully qualified name.');
  }
  checkNameLimits(name, region, accountId);
}

/**
 * Adds a version, keeping the 100 most recent: the oldest goes, unless it carries a label, which
 * fails the write with ParameterMaxVersionLimitExceeded (on every write path, seeds included).
 */
export function pushVersion(p: ParameterRecord, version: ParameterVersion): void {
  if (p.versions.length >= MAX_VERSIONS) {
    const oldest = p.versions[0];
    if (oldest.Labels.length) {
      throw new AwsError(
        'ParameterMaxVersionLimitExceeded',
        `You attempted to create a new version of ${p.Name} by calling the PutParameter API with the overwrite flag. Version ${oldest.Version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
      );
    }
    p.versions.shift();
  }
  p.versions.push(version);
}

function imageValidAt(sim: SimulatorApi, region: string, imageId: string, atMs: number): string | undefined {
  const img = locateImage(sim, region, imageId)?.record;
  if (!img || !canSee(img, sim.accountId)) return `image ${imageId} does not exist in ${region}`;
  if (ms(img.availableAt) > atMs) return `image ${imageId} was not available yet`;
  if (img.failure) return `image ${imageId} failed`;
  return undefined;
}

/** Applies the `aws:ec2:image` validations that are due; removes a parameter left with no version. */
export function settle(sim: SimulatorApi, region: string, r: SsmRegion, p: ParameterRecord): void {
  const now = sim.clock.nowMs();
  for (const v of [...p.versions]) {
    if (!v.validateAt || ms(v.validateAt) > now) continue;
    const problem = imageValidAt(sim, region, v.Value, ms(v.validateAt));
    if (problem) {
      p.versions = p.versions.filter((x) => x !== v);
      p.rejected.push({ Version: v.Version, Value: v.Value, reason: problem });
    } else {
      v.validateAt = undefined;
    }
  }
  if (!p.versions.length && r.parameters[p.Name] === p) delete r.parameters[p.Name];
}

/** The versions callers can see now (validated ones). */
export function visibleVersions(p: ParameterRecord): ParameterVersion[] {
  return p.versions.filter((v) => !v.validateAt);
}

/**
 * The parameter by name or ARN, settled, if it has any visible version. AWS's public parameters
 * (`/aws/service/...`) are kept in the default account's state, and every account reads them.
 */
export function lookup(sim: SimulatorApi, region: string, ref: string): ParameterRecord | undefined {
  const name = nameFromRef(ref);
  const candidates = ref.startsWith('arn:') ? [name, name.slice(1)] : [name];
  const publicHome = sim.accountId === sim.defaultAccountId ? undefined : sim.account(sim.defaultAccountId);
  for (const home of publicHome ? [sim, publicHome] : [sim]) {
    const r = home === sim ? ssmRegion(home, region) : home.slice<SsmState>('ssm')?.regions?.[region];
    if (!r) continue;
    for (const n of candidates) {
      const p = r.parameters[n];
      if (!p || (home !== sim && !p.public)) continue;
      settle(home, region, r, p);
      if (r.parameters[n] && visibleVersions(p).length) return p;
    }
  }
  return undefined;
}

export function notFound(name: string): AwsError {
  return new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
}

/** Splits `name:selector`; the selector is a version number or a label. */
export function splitSelector(ref: string): { name: string; selector?: string } {
  const arn = ref.startsWith('arn:');
  const base = arn ? ref.slice(0, ref.indexOf(':parameter/') + ':parameter/'.length) : '';
  const rest = arn ? ref.slice(base.length) : ref;
  const i = rest.lastIndexOf(':');
  if (i < 0) return { name: ref };
  return { name: base + rest.slice(0, i), selector: rest.slice(i + 1) };
}

/** The version a selector names (latest when none). */
export function selectVersion(p: ParameterRecord, selector: string | undefined): ParameterVersion {
  const versions = visibleVersions(p);
  if (selector === undefined) return versions[versions.length - 1];
  const byNumber = /^\d+$/.test(selector);
  const v = byNumber
    ? versions.find((x) => x.Version === Number(selector))
    : versions.find((x) => x.Labels.includes(selector));
  if (!v) {
    throw new AwsError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${selector} of ${p.Name}. Verify the version and try again.`,
    );
  }
  return v;
}

/** Why a label is invalid (LabelParameterVersion returns these in InvalidLabels), or undefined. */
export function labelProblem(label: string): string | undefined {
  if (!label || label.length > 100) return 'length';
  if (/^\d/.test(label)) return 'starts with a number';
  if (/^(aws|ssm)/i.test(label)) return 'reserved prefix';
  if (!/^[a-zA-Z0-9_.-]+$/.test(label)) return 'characters';
  return undefined;
}

/**
 * The value `<name>[:<version or label>]` stands for in the account and region (what EC2 reads for
 * an image id given as `resolve:ssm:<name>`), or undefined when there is none.
 */
export function resolveParameter(sim: SimulatorApi, region: string, ref: string): string | undefined {
  const { name, selector } = splitSelector(ref);
  const p = lookup(sim, region, name);
  if (!p) return undefined;
  try {
    return selectVersion(p, selector).Value;
  } catch {
    return undefined;
  }
}
