/**
 * The simulated AWS is an organization of accounts. Every account keeps its own state, one slice per
 * service, and every call acts in one account (its access key's) through a view of the simulator
 * whose `slice` answers that account's slices. What one account may see of another (a shared AMI,
 * its snapshots, a KMS key granted to it) is reached explicitly, through `sim.account(id)`.
 */
import type { Faults, SimClock, SimRandom, SimulatorApi } from './types.js';

/** The account that keys the simulator did not issue act in. */
export const DEFAULT_ACCOUNT_ID = '123456789012';

export const ACCOUNT_ID = /^\d{12}$/;

/** What the simulator lends the account views. */
export interface AccountHost {
  readonly clock: SimClock;
  readonly random: SimRandom;
  readonly faults: Faults;
  readonly defaultAccountId: string;
  /** The account's slices by signing name; created (every model's initial slice) when `create`. */
  servicesOf(accountId: string, create: boolean): Record<string, any> | undefined;
  accountIds(): string[];
  /** Memo shared by every view; keys arrive prefixed with the account. */
  hostMemo<T>(key: string, init: () => T): T;
}

/** One account's view of the simulator. */
export class AccountView implements SimulatorApi {
  constructor(
    private readonly host: AccountHost,
    readonly accountId: string,
  ) {}

  get clock(): SimClock {
    return this.host.clock;
  }

  get random(): SimRandom {
    return this.host.random;
  }

  get faults(): Faults {
    return this.host.faults;
  }

  get defaultAccountId(): string {
    return this.host.defaultAccountId;
  }

  slice<T = any>(signingName: string): T {
    return this.host.servicesOf(this.accountId, true)![signingName] as T;
  }

  memo<T>(key: string, init: () => T): T {
    return this.host.hostMemo(`${this.accountId}/${key}`, init);
  }

  account(accountId: string, options?: { create?: boolean }): SimulatorApi | undefined {
    if (accountId === this.accountId) return this;
    if (!this.host.servicesOf(accountId, !!options?.create)) return undefined;
    return new AccountView(this.host, accountId);
  }

  accountIds(): string[] {
    return this.host.accountIds();
  }
}

/**
 * The view a seed entry acts on: the account it names (brought into being on first use), else the
 * section's. Seeds name another account with `account: "<12 digits>"` on an entry or a section.
 */
export function accountFor(sim: SimulatorApi, account: unknown): SimulatorApi {
  if (account === undefined || account === null || account === sim.accountId) return sim;
  if (typeof account !== 'string' || !ACCOUNT_ID.test(account)) {
    throw new Error(`scenario: account must be a 12-digit account id, got ${JSON.stringify(account)}`);
  }
  return sim.account(account, { create: true })!;
}

/** The caller's own view first, then every other account's: what one account may see of the others. */
export function everyAccount(sim: SimulatorApi): SimulatorApi[] {
  return [
    sim,
    ...sim
      .accountIds()
      .filter((id) => id !== sim.accountId)
      .map((id) => sim.account(id)!),
  ];
}

/** The account of an ARN (`arn:aws:<service>:<region>:<account>:...`), if it names one. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && ACCOUNT_ID.test(account) ? account : undefined;
}
