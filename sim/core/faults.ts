/**
 * Injected faults. The framework applies `throttle` and `serverErrors` before dispatch; the other
 * fields are read by the service models through `sim.faults`.
 */
import type { Faults, SimRandom } from './types.js';

export type FaultKind = 'throttle' | 'serverError';

function checkRate(name: string, f: unknown): void {
  if (f === undefined) return;
  const rate = (f as { rate?: unknown })?.rate;
  if (typeof rate !== 'number' || rate < 0 || rate > 1) {
    throw new Error(`faults.${name}.rate must be a number from 0 to 1`);
  }
  const ops = (f as { operations?: unknown }).operations;
  if (ops !== undefined && !(Array.isArray(ops) && ops.every((o) => typeof o === 'string'))) {
    throw new Error(`faults.${name}.operations must be a list of operation names`);
  }
}

/** Checks the shape of a posted fault set; returns it unchanged. */
export function validateFaults(faults: unknown): Faults {
  if (!faults || typeof faults !== 'object' || Array.isArray(faults))
    throw new Error('faults must be an object');
  const f = faults as Faults;
  if (f.seed !== undefined && !Number.isInteger(f.seed)) throw new Error('faults.seed must be an integer');
  checkRate('throttle', f.throttle);
  checkRate('serverErrors', f.serverErrors);
  for (const p of [...(f.commandFailures ?? []), ...(f.commandTimeouts ?? []), ...(f.commandOutputs ?? [])]) {
    try {
      new RegExp(p.pattern);
    } catch {
      throw new Error(`fault pattern is not a valid regular expression: ${p.pattern}`);
    }
  }
  for (const p of f.scheduledActionFailures ?? []) {
    try {
      new RegExp(p.pattern);
    } catch {
      throw new Error(`faults.scheduledActionFailures: not a valid regular expression: ${p.pattern}`);
    }
    if (
      p.operations !== undefined &&
      !(Array.isArray(p.operations) && p.operations.every((o) => typeof o === 'string'))
    )
      throw new Error('faults.scheduledActionFailures: operations must be a list of operation names');
  }
  for (const o of f.commandOutputs ?? []) {
    if (
      (o.stdout !== undefined && typeof o.stdout !== 'string') ||
      (o.stderr !== undefined && typeof o.stderr !== 'string')
    )
      throw new Error(`faults.commandOutputs: stdout and stderr must be strings (pattern ${o.pattern})`);
  }
  if (
    f.consoleOutput !== undefined &&
    (!f.consoleOutput || typeof f.consoleOutput !== 'object' || Array.isArray(f.consoleOutput))
  )
    throw new Error('faults.consoleOutput must be an object: { "<ami-id>": "text" }');
  for (const [ami, text] of Object.entries(f.consoleOutput ?? {})) {
    if (typeof text !== 'string') throw new Error(`faults.consoleOutput.${ami} must be a string`);
  }
  for (const [ami, seconds] of Object.entries(f.bootSeconds ?? {})) {
    if (typeof seconds !== 'number' || !(seconds >= 0)) {
      throw new Error(`faults.bootSeconds.${ami} must be a number of seconds >= 0`);
    }
  }
  const delay = f.lastLaunchedTimeDelaySeconds;
  if (delay !== undefined && (typeof delay !== 'number' || !(delay >= 0))) {
    throw new Error('faults.lastLaunchedTimeDelaySeconds must be a number of seconds >= 0');
  }
  return f;
}

function applies(f: { rate: number; operations?: string[] } | undefined, service: string, op: string) {
  if (!f || !(f.rate > 0)) return false;
  return !f.operations || f.operations.includes(op) || f.operations.includes(`${service}:${op}`);
}

/** Draws from the seeded generator, once per fault kind that applies to this operation. */
export function pickFault(
  faults: Faults,
  random: SimRandom,
  service: string,
  op: string,
): FaultKind | undefined {
  if (applies(faults.throttle, service, op) && random.next() < faults.throttle!.rate) return 'throttle';
  if (applies(faults.serverErrors, service, op) && random.next() < faults.serverErrors!.rate)
    return 'serverError';
  return undefined;
}
