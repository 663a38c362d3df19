/**
 * What publishing did in the target accounts: the `accounts` output (account -> region -> the AMI
 * the account uses there) and a summary row per account.
 */
import type { LaneOutcome } from '../../kernel/plan.js';
import { summaryLine, summaryTable } from '../../report/summary.js';
import type { Desired } from './desired.js';
import type { RegionResult } from './report.js';
import type { TargetResult } from './target-lane.js';
import type { TargetsPlan } from './targets.js';

/** account -> region -> AMI id, for the accounts and regions that are done, in the order given. */
export function accountsOutput(
  desired: Desired,
  regions: RegionResult[],
  targets: TargetResult[] | undefined,
): Record<string, Record<string, string>> {
  const accounts: Record<string, Record<string, string>> = {};
  const shared = new Map(regions.filter((r) => r.imageId && !r.error).map((r) => [r.region, r.imageId!]));
  if (!targets) {
    // No role: each account uses the AMI shared with it.
    for (const account of desired.targets.accounts) accounts[account] = Object.fromEntries(shared);
    return accounts;
  }
  for (const target of targets) {
    if (target.error) continue;
    const imageId = desired.targets.copy ? target.imageId : shared.get(target.region);
    if (!imageId) continue;
    accounts[target.account] ??= {};
    accounts[target.account][target.region] = imageId;
  }
  return accounts;
}

/** Copies each target lane's error into its result. */
export function settleTargets(targets: TargetResult[], lanes: LaneOutcome[]): void {
  const byName = new Map(lanes.map((lane) => [lane.name, lane]));
  for (const target of targets) {
    const lane = byName.get(`${target.account}/${target.region}`);
    if (lane?.error) target.error = lane.error.message;
  }
}

export function summarizeTargets(
  desired: Desired,
  plan: TargetsPlan,
  targets: TargetResult[],
  dryRun: boolean,
): void {
  const byAccount = new Map<string, TargetResult[]>();
  for (const target of targets)
    byAccount.set(target.account, [...(byAccount.get(target.account) ?? []), target]);
  const rows = [...byAccount].map(([account, results]) => {
    const failed = results.filter((r) => r.error);
    const copied = results.filter((r) => r.copied).length;
    const changes = results.reduce((sum, r) => sum + r.changes.length, 0);
    return [
      account,
      String(plan.roles.assumed.get(account) ?? 0),
      results.map((r) => `${r.region}: ${r.imageId ?? (dryRun ? '(to come)' : '—')}`).join(', '),
      desired.targets.copy ? String(copied) : '—',
      desired.parameter ?? '—',
      dryRun
        ? 'planned'
        : failed.length
          ? `failed in ${failed.map((r) => `${r.region}: ${r.error}`).join('; ')}`
          : changes
            ? `done (${changes} change${changes === 1 ? '' : 's'})`
            : 'already published',
    ];
  });
  summaryTable(
    `Target accounts (role ${desired.targets.role?.arn})`,
    ['account', 'roles assumed', 'AMI per region', 'copies made', 'parameter', 'result'],
    rows,
  );
  for (const note of [
    ...plan.notes,
    ...targets.flatMap((t) => t.notes.map((n) => `${t.account}/${t.region}: ${n}`)),
  ]) {
    summaryLine(`${note}.`);
  }
}
