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
import { findRole, type Identity, identify } from '../services/sts/sessions.js';
import { type AccountHost, AccountView, accountFor, DEFAULT_ACCOUNT_ID } from './accounts.js';
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

export class Simulator implements SimulatorApi, AccountHost {
  /** The default account: keys the simulator did not issue act in it. */
  readonly accountId: string;
  clock: SimClock;
  random: SimRandom = createRandom(1);
  faults: Faults = {};
  calls: CallLogEntry[] = [];
  /**
   * The identity policy checked on every call of the default account's identity (`POST /_sim/policy`);
   * none: all allowed. Sessions of roles seeded with a `policy` are held to theirs instead.
   */
  policy: PolicyDocument | undefined;
  private readonly models = new Map<string, ServiceModel>();
  /** Account id -> its slices by signing name. The default account is always there. */
  private accounts = new Map<string, Record<string, any>>();
  private memos = new Map<string, unknown>();
  private readonly rateLimits = new RateLimits();

  constructor(private readonly options: SimulatorOptions) {
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.clock = createClock(options.timeScale ?? 1);
    for (const m of options.models) this.models.set(m.signingName, m);
    this.reset();
  }

  get defaultAccountId(): string {
    return this.accountId;
  }

  /** The default account's slices (`services` in `GET /_sim/state`). */
  get state(): Record<string, any> {
    return this.servicesOf(this.accountId, true)!;
  }

  /** A slice of the default account (this object is the default account's view). */
  slice<T = any>(signingName: string): T {
    return this.state[signingName] as T;
  }

  servicesOf(accountId: string, create: boolean): Record<string, any> | undefined {
    let services = this.accounts.get(accountId);
    if (!services && create) {
      services = {};
      for (const m of this.models.values()) services[m.signingName] = m.initState();
      this.accounts.set(accountId, services);
    }
    return services;
  }

  accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  /** The view of one account (the state its calls act on); undefined for an account not modelled. */
  account(accountId: string, options?: { create?: boolean }): SimulatorApi | undefined {
    if (!this.servicesOf(accountId, !!options?.create)) return undefined;
    return new AccountView(this, accountId);
  }

  /** Adds (or replaces) a model, with a fresh state slice in every account. */
  register(model: ServiceModel): void {
    this.models.set(model.signingName, model);
    for (const services of this.accounts.values()) services[model.signingName] = model.initState();
  }

  /** Empty state, default scenario re-seeded (unless `empty`), calls and faults cleared. */
  reset(empty = false): void {
    this.accounts = new Map();
    this.servicesOf(this.accountId, true);
    this.calls = [];
    this.rateLimits.clear();
    this.setFaults({});
    this.policy = undefined;
    if (!empty && this.options.defaultScenario) this.seed(this.options.defaultScenario);
  }

  /**
   * Hands each section of a scenario to its model's `seed`, in registration order, acting in the
   * default account, or in the account a section names (`{ "kms": { "account": "...", ... } }`);
   * entries that name an `account` are seeded there by their model.
   */
  seed(scenario: Record<string, unknown>): void {
    const unknown = Object.keys(scenario).filter((k) => !this.models.has(k));
    if (unknown.length) throw new Error(`no service model for scenario section(s): ${unknown.join(', ')}`);
    const home = this.account(this.accountId)!;
    for (const m of this.models.values()) {
      const section = scenario[m.signingName];
      if (section === undefined) continue;
      m.seed?.(section, accountFor(home, (section as { account?: unknown } | null)?.account));
    }
  }

  setFaults(faults: Faults): void {
    this.faults = validateFaults(faults);
    this.random = createRandom(this.faults.seed ?? 1);
    this.memos = new Map();
  }

  memo<T>(key: string, init: () => T): T {
    return this.hostMemo(`${this.accountId}/${key}`, init);
  }

  hostMemo<T>(key: string, init: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, init());
    return this.memos.get(key) as T;
  }

  /** Validates and installs an identity policy; `null` or `{}` removes it. */
  setPolicy(document: unknown): void {
    const none = document == null || (typeof document === 'object' && !Object.keys(document).length);
    this.policy = none ? undefined : parsePolicy(document);
  }

  /** The policy a role was seeded with (parsed; `policyUsage` reports what it granted). */
  rolePolicy(roleArn: string): PolicyDocument | undefined {
    return findRole(this, roleArn)?.policy;
  }

  /**
   * `GET /_sim/state`: the default account's slices stay in `services`; every other account's are in
   * `accounts["<id>"].services`; one call log for all accounts, each entry naming its `account`.
   */
  snapshot() {
    const accounts: Record<string, { services: Record<string, any> }> = {};
    for (const [id, services] of this.accounts) if (id !== this.accountId) accounts[id] = { services };
    return {
      accountId: this.accountId,
      time: this.clock.now().toISOString(),
      timeScale: this.clock.timeScale,
      faults: this.faults,
      services: this.state,
      accounts,
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
    const identity = identify(this, route.accessKeyId);
    const entry: CallLogEntry = {
      service: route.service,
      operation: operation ?? rawOperationName(req),
      region: route.region,
      account: identity.caller.accountId,
      time: this.clock.now().toISOString(),
      outcome: 'ok',
      httpStatus: 200,
      attempt: attemptOf(req),
    };
    const res = operation
      ? await this.dispatch(req, entry, identity, schemas, protocol, requestId)
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
    identity: Identity,
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
    const { caller } = identity;
    if (identity.expired) return fail(resolveError(schemas, protocol, expiredToken(protocol.name)));
    const sim = this.account(caller.accountId)!;
    const policy = identity.policy === 'enforced' ? this.policy : identity.policy;
    const denied = policyDenial(
      policy,
      { ...entry, operation: op.name, accountId: caller.accountId, caller, input: entry.input as any, sim },
      protocol,
      !!schemas.info.queryCompatible,
    );
    if (denied) {
      entry.denied = denied.message;
      return fail(resolveError(schemas, protocol, denied));
    }
    const overLimit =
      this.options.rateLimits !== false &&
      !this.rateLimits.take(entry.service, entry.region, op.name, caller.accountId);
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
      accountId: caller.accountId,
      sim: dryRun ? dryRunView(sim) : sim,
      caller,
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

/** Credentials past their expiration, in the protocol's words. */
function expiredToken(protocolName: string): AwsError {
  const message = 'The security token included in the request is expired';
  if (protocolName === 'ec2Query' || protocolName === 'awsQuery')
    return new AwsError('ExpiredToken', message, 400);
  return new AwsError('ExpiredTokenException', message, protocolName === 'restJson1' ? 403 : 400);
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
