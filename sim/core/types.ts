/**
 * The contract between the simulator's framework (server, wire protocols, control API, faults)
 * and its service models (EC2, SSM, KMS, STS, Image Builder, Auto Scaling, ELBv2, CloudWatch).
 *
 * Handlers see and return objects shaped exactly like the AWS SDK v3 command inputs and outputs
 * (member names as in the SDK: `ImageIds`, `Filters: [{ Name, Values }]`, `Images: [...]`;
 * timestamps as `Date`). The protocol layer turns them into and out of the wire format using the
 * SDK's own operation schemas, so handlers never deal with wire names.
 */

/** An error answered in the protocol's real error shape, with AWS's real code. */
export class AwsError extends Error {
  /** HTTP status answered; see `explicitStatus`. */
  readonly status: number;
  /** False when the caller left the status out: the protocol may then take it from the error's model. */
  readonly explicitStatus: boolean;
  /**
   * @param code the SDK error class name (`ActiveInstanceRefreshNotFoundFault`) or the wire code
   *   (`ActiveInstanceRefreshNotFound`); the protocol layer translates between them using the error
   *   schema's `awsQueryError` trait, so either works for every protocol.
   * @param status HTTP status; when omitted: the model's status for that error (`awsQueryError` /
   *   `httpError` trait), else 400.
   * @param fields extra members of the modeled error shape (SDK member names), if any.
   */
  constructor(
    readonly code: string,
    message: string,
    status?: number,
    readonly fields?: Record<string, unknown>,
  ) {
    super(message);
    this.name = code;
    this.status = status ?? 400;
    this.explicitStatus = status !== undefined;
  }
}

export interface SimClock {
  /** Simulated now: start + real elapsed / timeScale (+ any `advance`). */
  now(): Date;
  /** Simulated now in epoch milliseconds. */
  nowMs(): number;
  /** How many real milliseconds a span of simulated seconds lasts. */
  realMs(simSeconds: number): number;
  readonly timeScale: number;
  /** Jumps simulated time forward (tests; `POST /_sim/clock { "advanceSeconds": n }`). */
  advance(simSeconds: number): void;
}

export interface SimRandom {
  /** Uniform in [0, 1), from the generator seeded by the fault set's `seed`. */
  next(): number;
}

export interface CallContext {
  /** SigV4 signing name from the credential scope: ec2, ssm, kms, sts, imagebuilder, ... */
  readonly service: string;
  /** Bare API name, e.g. `CopyImage`. */
  readonly operation: string;
  /** Region from the credential scope (for CopyImage: the destination). */
  readonly region: string;
  /** The calling account. */
  readonly accountId: string;
  /** The view of the simulator for the calling account (its state slices). */
  readonly sim: SimulatorApi;
  /** Who signed the request (absent for calls one model makes to another). */
  readonly caller?: Caller;
}

/**
 * The identity a request acts as, from its access key: a role session in an account. Keys the
 * simulator did not issue act as the default account's pipeline role (the STS scenario's
 * `roleName` / `sessionName`); keys issued by AssumeRole act as that role session.
 */
export interface Caller {
  accountId: string;
  roleName: string;
  sessionName: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  arn: string;
  /** The access key id the request was signed with. */
  accessKeyId: string;
  /** True when the simulator issued the key (AssumeRole, AssumeRoleWithWebIdentity). */
  issued: boolean;
}

/** What a handler returns for an SDK command output type: the output without the SDK's `$metadata`. */
export type HandlerOutput<O> = O extends { $metadata: unknown } ? Omit<O, '$metadata'> : O;

/**
 * One operation. Typed with the SDK's own shapes, e.g.
 * `const DescribeImages: Handler<DescribeImagesCommandInput, DescribeImagesCommandOutput>` (type-only
 * imports from the client package); the defaults are the loose shapes.
 */
export type Handler<I = Record<string, any>, O = unknown> = (
  input: I,
  ctx: CallContext,
) => HandlerOutput<O> | Promise<HandlerOutput<O>>;

export interface ServiceModel {
  /** SigV4 signing name, the key requests are routed by. */
  readonly signingName: string;
  /** Operation name -> handler. An operation not listed answers 501 (not retried by the SDK). */
  readonly handlers: Record<string, Handler<any, any>>;
  /** Fresh empty state slice for this service (stored at `state[signingName]`). */
  initState(): unknown;
  /** Adds the resources a scenario names for this service (the scenario's `[signingName]` section). */
  seed?(scenarioSection: unknown, sim: SimulatorApi): void;
}

/**
 * What service models may use of the simulator. Handlers and the helpers they call reach state only
 * through this object (`ctx.sim`), never through module-level variables, so that the simulator can
 * hand each call a view of the calling account: `accountId` and `slice` then answer for it.
 */
export interface SimulatorApi {
  readonly clock: SimClock;
  readonly random: SimRandom;
  /** The fault set last posted to `/_sim/faults` (`{}` when none). */
  readonly faults: Faults;
  readonly accountId: string;
  /** The account that keys the simulator did not issue act in (`123456789012`). */
  readonly defaultAccountId: string;
  /**
   * The view of another account, for what AWS lets one account see of another (a shared AMI, its
   * snapshots, a key granted to the caller). Undefined for an account the simulator does not model,
   * unless `create` (seeding) brings it into being.
   */
  account(accountId: string, options?: { create?: boolean }): SimulatorApi | undefined;
  /** Every account the simulator models, the default account first. */
  accountIds(): string[];
  /**
   * True in the view an EC2 `DryRun` call runs in: the calling account's slices are throwaway copies,
   * so a handler may change them freely; it must not change what it reaches in other accounts.
   */
  readonly dryRun?: boolean;
  /** A service's state slice (JSON-serialisable): its own, or another's for cross-service behaviour. */
  slice<T = any>(signingName: string): T;
  /**
   * Derived data kept outside the JSON state for as long as the current fault set (a new fault set
   * or a reset drops it): `init` runs on the first use of `key`.
   */
  memo<T>(key: string, init: () => T): T;
}

/** The context of a call one model makes to another model's handler (Auto Scaling launching instances). */
export function contextFor(
  sim: SimulatorApi,
  service: string,
  operation: string,
  region: string,
): CallContext {
  return { service, operation, region, accountId: sim.accountId, sim };
}

/** Injected faults. Field names and meanings are pinned by the issues: keep them. */
export interface Faults {
  seed?: number;
  throttle?: { rate: number; operations?: string[] };
  serverErrors?: { rate: number; operations?: string[] };
  /** Seconds after a create (or an AMI's restore from the Recycle Bin) that describes miss it. */
  notFoundAfterCreateSeconds?: number;
  ssmNeverOnline?: string[];
  commandFailures?: { pattern: string; exitCode?: number; stderr?: string; stdout?: string }[];
  commandTimeouts?: { pattern: string }[];
  /**
   * What commands that succeed print: matched like `commandFailures` (after it and `commandTimeouts`,
   * the first matching entry wins); the invocation's StandardOutputContent / StandardErrorContent.
   */
  commandOutputs?: { pattern: string; stdout?: string; stderr?: string }[];
  /** AMI id -> text appended to the console output (GetConsoleOutput) of every instance launched from it. */
  consoleOutput?: Record<string, string>;
  failCopiesTo?: string[];
  imageBuildFailure?: string;
  /** This CloudWatch alarm reads ALARM while instances on an AMI their group did not run when the faults were set are InService. */
  alarmOnNewInstances?: string;
  /** Such instances fail their target group health checks. */
  unhealthyNewInstances?: boolean;
  /** AMI id -> simulated seconds its instances take from launch to SSM Online (a slow boot, staged). */
  bootSeconds?: Record<string, number>;
  /**
   * Simulated seconds before a launch shows in its image's `lastLaunchedTime` (DescribeImageAttribute,
   * DescribeImages); absent: 86400, as EC2 updates it within a day. 0 shows launches at once.
   */
  lastLaunchedTimeDelaySeconds?: number;
  /**
   * Auto Scaling refuses the scheduled actions whose name matches `pattern` (a regular expression) in
   * the operations named (default: PutScheduledUpdateGroupAction, BatchPutScheduledUpdateGroupAction,
   * DeleteScheduledAction, BatchDeleteScheduledAction): a batch call answers a failure entry for each
   * (the call itself succeeds), a single call answers the error. Code default `ValidationError`.
   */
  scheduledActionFailures?: { pattern: string; operations?: string[]; code?: string; message?: string }[];
  [more: string]: unknown;
}

export interface CallLogEntry {
  service: string;
  operation: string;
  region: string;
  /** The account the call acted in (its access key's; one log for all accounts). */
  account: string;
  /** Simulated time of the call, ISO 8601. */
  time: string;
  /** `ok`, or the error code answered (`RequestLimitExceeded`, `InvalidAMIID.NotFound`, ...). */
  outcome: string;
  httpStatus: number;
  /** The SDK's attempt number from `amz-sdk-request` (retries show as attempt 2, 3, ...). */
  attempt?: number;
  /** The decoded input, as the handler saw it. */
  input?: unknown;
  /** Set when the enforced IAM policy denied the call: AWS's message, naming the action. */
  denied?: string;
  /**
   * Set on an EC2 call made with `DryRun: true`: a permission check that changed nothing (answered
   * `DryRunOperation` when it would have succeeded, else `UnauthorizedOperation` or the request's error).
   */
  dryRun?: true;
}
