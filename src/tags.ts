/** Tags the action puts on what it creates. Other steps, audits and cleanup find resources by them. */
export const TAG = {
  /** On everything temporary or baked: the workflow run (and attempt) that made it. */
  runId: 'ami-action:run-id',
  /** On copies: the AMI they were copied from (the published AMI's id in its source region). */
  sourceAmi: 'ami-action:source-ami',
  /** On a target account's own copy: the account that published the AMI it was copied from. */
  sourceAccount: 'ami-action:source-account',
  /** On tested AMIs: passed | failed. */
  test: 'ami-action:test',
  /** On tested AMIs: when the test ran (ISO 8601). */
  testedAt: 'ami-action:tested-at',
  /** On tested AMIs: whole seconds from launch to SSM Online (the slowest instance type tested). */
  bootSeconds: 'ami-action:boot-seconds',
  /** On AMIs tested with Inspector: findings per severity (`critical=0,high=2,...`). */
  vulnerabilities: 'ami-action:vulnerabilities',
  /** On temporary resources: why they exist (test, ...). */
  purpose: 'ami-action:purpose',
  repository: 'ami-action:repository',
  commit: 'ami-action:commit',
  runUrl: 'ami-action:run-url',
  /** On baked AMIs: the AMI the build started from (Packer's source AMI, Image Builder's parent image). */
  baseAmi: 'ami-action:base-ami',
  /** On baked AMIs: the region of the base AMI (a copy in another region names the build's). */
  baseRegion: 'ami-action:base-region',
  /** On baked AMIs: a hash of everything the build read besides the base (template, files, vars, recipe). */
  inputsHash: 'ami-action:inputs-hash',
  /**
   * On baked AMIs: a hash per input (`ami-action:inputs-files`, then `-2`, `-3`, ...), so a later
   * bake can name the files that changed.
   */
  inputsFiles: 'ami-action:inputs-files',
  /** On AMIs cleanup retires: the stage done (`deprecated`, `disabled`), or `restored`. */
  retireStage: 'ami-action:retire-stage',
  /** On AMIs cleanup retires: when it entered that stage (ISO 8601, AWS's clock). */
  retireStageSince: 'ami-action:retire-stage-since',
  /**
   * On AMIs cleanup disables: who it was shared with before (space-separated account ids, `all` for
   * public, organization and OU ARNs), `ami-action:retire-shared`, then `-2`, `-3`, ... (256
   * characters a value), so that restore shares it again.
   */
  retireShared: 'ami-action:retire-shared',
  /** On AMIs cleanup deprecated: the later deprecation time they had before (restore sets it back). */
  retireDeprecation: 'ami-action:retire-deprecation',
} as const;

export type Tags = Record<string, string>;

/** What mode test tags the AMI it tested with (its result, boot time and findings). */
export const TEST_RESULT_TAGS: readonly string[] = [
  TAG.test,
  TAG.testedAt,
  TAG.bootSeconds,
  TAG.vulnerabilities,
];

/**
 * The tags later modes add to a baked AMI, or that its copies carry besides the AMI's own (publish
 * copies with CopyImageTags and adds its marker; on the source AMI publish adds only the tags input):
 * bake leaves room for them below AWS's limit.
 */
export const LATER_TAGS: readonly string[] = [...TEST_RESULT_TAGS, TAG.sourceAmi];

/** A record longer than one tag value goes on in `<key>-2`, `<key>-3`, ...: the key of part `index` (from 0). */
export const continuedKey = (key: string, index: number) => (index === 0 ? key : `${key}-${index + 1}`);

/** SDK `Tags` list from a record. */
export function toTagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** A record from an SDK `Tags` list. */
export function fromTagList(tags: { Key?: string; Value?: string }[] | undefined): Tags {
  const record: Tags = {};
  for (const tag of tags ?? []) if (tag.Key) record[tag.Key] = tag.Value ?? '';
  return record;
}
