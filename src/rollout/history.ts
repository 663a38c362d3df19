/**
 * The rollout history, kept where the rollout happens: in the description of each launch template
 * version the action creates (at most 255 characters, shown in the console). Two kinds:
 *
 *   ami-action deploy ami-NEW replaces ami-OLD of version 3
 *   ami-action rollback to ami-OLD of version 3, removing ami-NEW
 *
 * A rollback restores the state of an earlier version; rolling back again continues from that
 * version's own record, so it goes one step further back and never to the AMI just removed.
 */
export type VersionRecord =
  | { kind: 'deploy'; ami: string; previousAmi: string; fromVersion: number }
  | { kind: 'rollback'; ami: string; stateOfVersion: number; removedAmi: string };

const AMI = 'ami-[0-9a-f]{8,17}';
const DEPLOY = new RegExp(`^ami-action deploy (${AMI}) replaces (${AMI}) of version (\\d+)`);
const ROLLBACK = new RegExp(`^ami-action rollback to (${AMI}) of version (\\d+), removing (${AMI})`);

export function describeDeploy(ami: string, previousAmi: string, fromVersion: number, note = ''): string {
  return `ami-action deploy ${ami} replaces ${previousAmi} of version ${fromVersion}${note}`.slice(0, 255);
}

export function describeRollback(ami: string, stateOfVersion: number, removedAmi: string, note = ''): string {
  return `ami-action rollback to ${ami} of version ${stateOfVersion}, removing ${removedAmi}${note}`.slice(
    0,
    255,
  );
}

export function parseRecord(description: string | undefined): VersionRecord | undefined {
  const d = DEPLOY.exec(description ?? '');
  if (d) return { kind: 'deploy', ami: d[1], previousAmi: d[2], fromVersion: Number(d[3]) };
  const r = ROLLBACK.exec(description ?? '');
  if (r) return { kind: 'rollback', ami: r[1], stateOfVersion: Number(r[2]), removedAmi: r[3] };
  return undefined;
}

export interface RollbackTarget {
  /** The AMI to put back. */
  ami: string;
  /** The version whose state that restores (recorded in the new version). */
  stateOfVersion: number;
}

/**
 * What a rollback from `currentVersion` restores, reading records through `describe(version)`:
 * the AMI the deploy that produced the current state replaced. Undefined with why, when none.
 */
export async function rollbackTarget(
  currentVersion: number,
  describe: (version: number) => Promise<string | undefined>,
): Promise<RollbackTarget | { none: string }> {
  let version = currentVersion;
  // A rollback version stands for the state of an earlier version: follow it (bounded against loops).
  for (let hops = 0; hops < 100; hops++) {
    const record = parseRecord(await describe(version));
    if (!record) {
      return {
        none:
          version === currentVersion
            ? `version ${version} was not made by an ami-action deploy, so there is no recorded AMI to go back to`
            : `version ${version}, the state the last rollback restored, was not made by an ami-action deploy: there is no earlier AMI recorded`,
      };
    }
    if (record.kind === 'deploy') return { ami: record.previousAmi, stateOfVersion: record.fromVersion };
    version = record.stateOfVersion;
  }
  return { none: 'the rollback records form a loop' };
}
