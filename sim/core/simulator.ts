/**
 * The simulator: state, clock, faults and the call log, and the dispatch of one AWS request
 * (route by SigV4 scope -> decode by the SDK schema -> faults -> handler -> encode).
 */

import { randomUUID } from 'node:crypto';
import { policyDenial } from '../iam/enforce.js';
import { type PolicyDocument, parsePolicy } from '../iam/policy.js';
import {
  type Protocol,
  protocolFor,
  SerializationError,
  type SimRequest,
  type SimResponse,
} from '../protocols/index.js';
import type { WireError } from '../protocols/types.js';
import { createClock } from './clock.js';
import { dryRunSucceeded, dryRunView, isDryRun } from './dry-run.js';
import { type FaultKind, pickFault, validateFaults } from './faults.js';
import { createRandom } from './random.js';
import { RateLimits } from './rate-limits.js';
import { routeOf } from './routing.js';
import { loadSchemas, type ServiceSchemas } from './schemas.js';
import {
  AwsError,
  type CallContext,
  type CallLogEntry,
  type Faults,
  type ServiceModel,
  type SimClock,
  type SimRandom,
  type SimulatorApi,
} from './types.js';

export interface SimulatorOptions {
  timeScale?: number;
  accountId?: string;
  models: ServiceModel[];
  /** Seeded at start and on every reset (unless the reset asks for an empty state). */
  defaultScenario?: Record<string, unknown>;
  /** Log handler crashes to stderr (default true). */
  logErrors?: boolean;
  /** EC2's request token buckets (default true). */
  rateLimits?: boolean;
}

export class Simulator implements SimulatorApi {
  readonly accountId: string;
  clock: SimClock;
  random: SimRandom = createRandom(1);
  faults: Faults = {};
  state: Record<string, any> = {};
  calls: CallLogEntry[] = [];
  /** The identity policy every call is checked against (`POST /_sim/policy`); none: all allowed. */
  policy: PolicyDocument | undefined;
  private readonly models = new Map<string, ServiceModel>();
  private memos = new Map<string, unknown>();
  private readonly rateLimits = new RateLimits();

  constructor(private readonly options: SimulatorOptions) {
    this.accountId = options.accountId ?? '123456789012';
    this.clock = createClock(options.timeScale ?? 1);
    for (const m of options.models) this.models.set(m.signingName, m);
    this.reset();
  }

  slice<T = any>(signingName: string): T {
    return this.state[signingName] as T;
  }

  /** Adds (or replaces) a model, with a fresh state slice. */
  register(model: ServiceModel): void {
    this.models.set(model.signingName, model);
    this.state[model.signingName] = model.initState();
  }

  /** Empty state, default scenario re-seeded (unless `empty`), calls and faults cleared. */
  reset(empty = false): void {
    this.state = {};
    for (const m of this.models.values()) this.state[m.signingName] = m.initState();
    this.calls = [];
    this.rateLimits.clear();
    this.setFaults({});
    this.policy = undefined;
    if (!empty && this.options.defaultScenario) this.seed(this.options.defaultScenario);
  }

  /** Hands each section of a scenario to its model's `seed`, in registration order. */
  seed(scenario: Record<string, unknown>): void {
    const unknown = Object.keys(scenario).filter((k) => !this.models.has(k));
    if (unknown.length) throw new Error(`no service model for scenario section(s): ${unknown.join(', ')}`);
    for (const m of this.models.values()) {
      if (scenario[m.signingName] !== undefined) m.seed?.(scenario[m.signingName], this);
    }
  }

  setFaults(faults: Faults): void {
    this.faults = validateFaults(faults);
    this.random = createRandom(this.faults.seed ?? 1);
    this.memos = new Map();
  }

  memo<T>(key: string, init: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, init());
    return this.memos.get(key) as T;
  }

  /** Validates and installs an identity policy; `null` or `{}` removes it. */
  setPolicy(document: unknown): void {
    const none = document == null || (typeof document === 'object' && !Object.keys(document).length);
    this.policy = none ? undefined : parsePolicy(document);
  }

  snapshot() {
    return {
      accountId: this.accountId,
      time: this.clock.now().toISOString(),
      timeScale: this.clock.timeScale,
      faults: this.faults,
      services: this.state,
      calls: this.calls,
    };
  }

  /** Answers one AWS API request. */
  async handle(req: SimRequest): Promise<SimResponse> {
    const requestId = randomUUID();
    const route = routeOf(req);
    const stamp = (res: SimResponse) => withDate(withId(res, requestId), this.clock);
    if ('error' in route) return stamp(plainError(400, route.error));
    const loading = loadSchemas(route.service);
    if (!loading) {
      return stamp(plainError(400, `the simulator knows no AWS service '${route.service}'`));
    }
    const schemas = await loading;
    const protocol = protocolFor(schemas.info);
    const operation = protocol.operationName(req, schemas);
    const entry: CallLogEntry = {
      service: route.service,
      operation: operation ?? rawOperationName(req),
      region: route.region,
      time: this.clock.now().toISOString(),
      outcome: 'ok',
      httpStatus: 200,
      attempt: attemptOf(req),
    };
    const res = operation
      ? await this.dispatch(req, entry, schemas, protocol, requestId)
      : this.fail(
          entry,
          protocol,
          notImplemented(`${route.service} has no operation '${entry.operation}'`),
          requestId,
        );
    entry.httpStatus = res.status;
    this.calls.push(entry);
    return stamp(res);
  }

  private fail(entry: CallLogEntry, protocol: Protocol, err: WireError, requestId: string): SimResponse {
    entry.outcome =
      protocol.name === 'ec2Query' || protocol.name === 'awsQuery' ? err.queryCode : err.className;
    return protocol.encodeError(err, entry.operation, requestId);
  }

  private async dispatch(
    req: SimRequest,
    entry: CallLogEntry,
    schemas: ServiceSchemas,
    protocol: Protocol,
    requestId: string,
  ): Promise<SimResponse> {
    const fail = (err: WireError) => this.fail(entry, protocol, err, requestId);
    const op = schemas.operation(entry.operation)!;
    try {
      entry.input = protocol.decodeInput(req, op, schemas);
    } catch (e) {
      if (!(e instanceof SerializationError)) throw e;
      return fail(resolveError(schemas, protocol, new AwsError('SerializationException', e.message, 400)));
    }
    const dryRun = isDryRun(entry.service, entry.input);
    if (dryRun) entry.dryRun = true;
    const denied = policyDenial(
      this.policy,
      { ...entry, operation: op.name, accountId: this.accountId, input: entry.input as any, sim: this },
      protocol,
      !!schemas.info.queryCompatible,
    );
    if (denied) {
      entry.denied = denied.message;
      return fail(resolveError(schemas, protocol, denied));
    }
    const overLimit =
      this.options.rateLimits !== false && !this.rateLimits.take(entry.service, entry.region, op.name);
    const fault: FaultKind | undefined = overLimit
      ? 'throttle'
      : pickFault(this.faults, this.random, entry.service, op.name);
    if (fault) {
      const canned = fault === 'throttle' ? protocol.throttle : protocol.serverError;
      return fail({
        className: canned.code,
        queryCode: canned.queryCode ?? canned.code,
        message: canned.message,
        status: canned.status,
        fault: canned.status >= 500 ? 'server' : 'client',
      });
    }
    const handler = this.models.get(entry.service)?.handlers[op.name];
    if (!handler) return fail(notImplemented(`the simulator does not implement ${entry.service} ${op.name}`));
    const ctx: CallContext = {
      service: entry.service,
      operation: op.name,
      region: entry.region,
      accountId: this.accountId,
      sim: dryRun ? dryRunView(this) : this,
    };
    try {
      // The log keeps its own copy: handlers may store and later change what they were given.
      const input = structuredClone(entry.input) as Record<string, any>;
      const output = await handler(input, ctx);
      if (dryRun) return fail(resolveError(schemas, protocol, dryRunSucceeded()));
      return protocol.encodeOutput(op, output ?? {}, requestId);
    } catch (e) {
      if (e instanceof AwsError) return fail(resolveError(schemas, protocol, e));
      if (this.options.logErrors !== false)
        console.error(`simulator: ${entry.service} ${op.name} crashed:`, e);
      const canned = protocol.serverError;
      return fail({
        className: canned.code,
        queryCode: canned.code,
        message: `${canned.message}: ${(e as Error)?.message ?? e}`,
        status: canned.status,
        fault: 'server',
      });
    }
  }
}

function notImplemented(message: string): WireError {
  return { className: 'NotImplemented', queryCode: 'NotImplemented', message, status: 501, fault: 'server' };
}

/** Maps a thrown AwsError (class name or wire code) to both names and the status the model gives it. */
export function resolveError(schemas: ServiceSchemas, protocol: Protocol, e: AwsError): WireError {
  const info = schemas.error(e.code);
  const fault = info?.fault ?? (e.status >= 500 ? 'server' : 'client');
  let status = e.status;
  if (!e.explicitStatus) {
    const fallback = fault === 'server' ? 500 : 400;
    if (protocol.name === 'restJson1') status = info?.httpStatus ?? fallback;
    else if (protocol.name.startsWith('awsJson') && !schemas.info.queryCompatible) status = fallback;
    else status = info?.queryStatus ?? info?.httpStatus ?? fallback;
  }
  return {
    className: info?.className ?? e.code,
    queryCode: info?.queryCode ?? e.code,
    message: e.message,
    status,
    fault,
    info,
    fields: e.fields,
  };
}

function plainError(status: number, message: string): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ __type: 'SimulatorRoutingError', message }),
  };
}

function withId(res: SimResponse, requestId: string): SimResponse {
  res.headers['x-amzn-RequestId'] = requestId;
  return res;
}

/**
 * AWS stamps every response with its own clock (`Date`, RFC 7231); the SDK corrects its clock skew
 * from it. The simulator stamps simulated time, so at any time scale callers see the simulator's clock.
 */
export function withDate(res: SimResponse, clock: SimClock): SimResponse {
  res.headers.date = clock.now().toUTCString();
  return res;
}

function attemptOf(req: SimRequest): number | undefined {
  const m = /attempt=(\d+)/.exec(req.headers['amz-sdk-request'] ?? '');
  return m ? Number(m[1]) : undefined;
}

function rawOperationName(req: SimRequest): string {
  const target = req.headers['x-amz-target'];
  if (target) return target.slice(target.lastIndexOf('.') + 1);
  const action = new URLSearchParams(req.body).get('Action');
  return action ?? `${req.method} ${req.path}`;
}
