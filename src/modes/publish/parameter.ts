/**
 * The changes that make a region's parameter (in this account or, inside `inAccount`, a target
 * account's) name the AMI: make room if Parameter Store keeps all 100 versions and the oldest is
 * labelled, write the new version, label it with the release.
 */
import {
  labelVersion,
  MAX_VERSIONS,
  type ParameterFacts,
  unlabelVersion,
  writeParameter,
} from '../../aws/parameters.js';
import type { Deadline } from '../../kernel/deadline.js';
import type { Change } from './converge.js';

export interface ParameterTarget {
  region: string;
  name: string;
  /** The release's label (v1.4.2), when the AMI has a version. */
  label?: string;
  imageId: string;
  /** What the parameter holds now (read in the plan). */
  facts: ParameterFacts;
  deadline: Deadline;
  pollIntervalSeconds: number;
  /** Receives the parameter version the region ends with. */
  onVersion: (version: number) => void;
  /** Receives what the summary should say about a change (a label moved to make room). */
  onNote: (note: string) => void;
}

export function parameterChanges(target: ParameterTarget): Change[] {
  const { region, name, label, imageId, facts } = target;
  let version = facts.version;
  // The region's version until a write replaces it.
  if (version !== undefined) target.onVersion(version);
  const changes: Change[] = [];
  const oldest = facts.oldest;
  if (facts.value !== imageId && oldest?.labels.length) {
    // Parameter Store keeps 100 versions and will not drop a labelled one to make room.
    changes.push({
      call: 'ssm:UnlabelParameterVersion',
      detail: `${name}: label(s) ${oldest.labels.join(', ')} off version ${oldest.version}, the oldest of the ${MAX_VERSIONS} Parameter Store keeps, which the new version replaces`,
      apply: async () => {
        await unlabelVersion(region, name, oldest.version, oldest.labels);
        target.onNote(
          `${name}: label(s) ${oldest.labels.join(', ')} removed from version ${oldest.version} (the oldest kept) to make room for version ${(facts.version ?? 0) + 1}`,
        );
      },
    });
  }
  if (facts.value !== imageId) {
    changes.push({
      call: 'ssm:PutParameter',
      detail: `${name} = ${imageId} (aws:ec2:image${facts.version ? ', overwrite' : ''})`,
      apply: async () => {
        version = await writeParameter(region, name, imageId, facts.version !== undefined, target);
        target.onVersion(version);
      },
    });
  }
  const writes = changes.some((c) => c.call === 'ssm:PutParameter');
  if (label && (writes || facts.labelledVersion !== facts.version)) {
    changes.push({
      call: 'ssm:LabelParameterVersion',
      detail: `${name}: label ${label} on the ${writes ? 'new' : 'current'} version`,
      apply: () => labelVersion(region, name, version ?? 0, label),
    });
  }
  return changes;
}
