import { LIMITS } from '../aws/limits.js';
import { amiFields, commonFields, parameterName, requireAmi, samePartition } from './common.js';
import { field, fromText } from './fields.js';
import { parseAccountId, parseArn, parseKeyValues, parseList, parseRegion, partitionOf } from './parse.js';
import * as z from './schema.js';

/** What a share target looks like, so a message can say which kind was given where another belongs. */
const ID_KINDS: [RegExp, string][] = [
  [/^\d{12}$/, 'an account id'],
  [/^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+)$/, 'an account (IAM) ARN'],
  [/^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/, 'an organization ARN'],
  [
    /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/,
    'an OU ARN',
  ],
  [
    /^arn:aws[a-z-]*:organizations::\d{12}:account\/o-[a-z0-9]{10,32}\/\d{12}$/,
    'an organizations account ARN',
  ],
  [/^o-[a-z0-9]{10,32}$/, 'an organization id (not its ARN)'],
  [/^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/, 'an OU id (not its ARN)'],
  [/^r-[a-z0-9]{4,32}$/, 'an organization root id'],
];

export function describeShareTarget(text: string): string {
  return ID_KINDS.find(([pattern]) => pattern.test(text))?.[1] ?? 'not an account id, organization or OU ARN';
}

function shareTargets(parseOne: (text: string) => string, wanted: string) {
  return z.string().transform((text, ctx): string[] => {
    const values: string[] = [];
    for (const entry of parseList(text)) {
      try {
        values.push(parseOne(entry));
      } catch (error) {
        const given = describeShareTarget(entry);
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is ${given}; this input takes ${wanted}. ${(error as Error).message}`,
        });
        return z.NEVER;
      }
    }
    return [...new Set(values)];
  });
}

/** `region=key` lines: the customer managed KMS key (id, ARN or alias) to encrypt that region's copy with. */
function regionKeys() {
  return z.string().transform((text, ctx): Record<string, string> => {
    const keys: Record<string, string> = {};
    try {
      for (const [region, key] of parseKeyValues(text)) {
        parseRegion(region);
        if (!/^(alias\/[\w/-]+|[0-9a-f-]{36}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:.+)$/.test(key)) {
          throw new Error(`"${key}" is not a KMS key id, key ARN, alias (alias/name) or alias ARN.`);
        }
        if (key.startsWith('arn:')) parseArn('kms-key', key);
        const arnRegion = /^arn:[^:]+:kms:([^:]+):/.exec(key)?.[1];
        if (arnRegion && arnRegion !== region) {
          throw new Error(`The key for ${region} is in ${arnRegion}: KMS keys are regional.`);
        }
        if (key === 'alias/aws/ebs') {
          throw new Error(
            'alias/aws/ebs is the AWS managed key, which cannot be shared: use a customer managed key.',
          );
        }
        keys[region] = key;
      }
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `${(error as Error).message} Use one region=key per line, e.g. eu-west-1=alias/ami-key.`,
      });
      return z.NEVER;
    }
    return keys;
  });
}

/** The role to assume in each target account: an IAM role ARN with `{account}` for the account id. */
function roleTemplate() {
  return fromText((text) => {
    const value = text.trim();
    if (!/^arn:aws[a-z-]*:iam::\{account\}:role\/[\w+=,.@/-]{1,512}$/.test(value)) {
      throw new Error(
        'Use a role ARN with {account} where the account id goes, e.g. arn:aws:iam::{account}:role/ami-consumer (partition as in your ARNs).',
      );
    }
    return value;
  });
}

/** STS external ids: 2-1224 characters of letters, digits and +=,.@:/- . */
function externalId() {
  return fromText((text) => {
    const value = text.trim();
    if (!/^[\w+=,.@:/-]{2,1224}$/.test(value)) {
      throw new Error(
        'Use 2 to 1224 letters, digits or the characters + = , . @ : / - _ (what STS accepts).',
      );
    }
    return value;
  });
}

/** A KMS alias: the same name stands for each target account's own key in every region. */
function aliasName() {
  return fromText((text) => {
    const value = text.trim();
    if (!/^alias\/[\w/-]{1,250}$/.test(value)) {
      throw new Error(
        'Use a KMS alias (alias/name) that exists in every target account and region: key ids and ARNs differ per account.',
      );
    }
    return value;
  });
}

/** An ISO 8601 time, e.g. 2027-06-30T00:00:00Z. */
function timestamp() {
  return z.string().transform((text, ctx): Date => {
    const value = text.trim();
    const date = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'Use an ISO 8601 time such as 2027-06-30T00:00:00Z.' });
      return z.NEVER;
    }
    return date;
  });
}

/** EC2 tags: keys 1-128 characters and not `aws:`, values up to 256, at most 50 per resource. */
function ec2Tags() {
  return field.keyValues().superRefine((pairs, ctx) => {
    const problem = pairs
      .map(([key, value]) => {
        if (key.length > 128) return `the key "${key.slice(0, 20)}…" is longer than 128 characters`;
        if (/^aws:/i.test(key)) return `"${key}" starts with aws:, which AWS reserves`;
        if (value.length > 256) return `the value of ${key} is longer than 256 characters`;
        return undefined;
      })
      .find(Boolean);
    if (problem || pairs.length > 50) {
      ctx.addIssue({
        code: 'custom',
        message: `${problem ?? `${pairs.length} tags, more than the 50 EC2 allows per resource (the plan also counts the tags the AMI has and the action's own)`}. Use key=value lines.`,
      });
    }
  });
}

/** The publish inputs, each parsed from its text. */
const publishFields = () =>
  z.object({
    ...commonFields({ timeoutSeconds: 10800 }),
    ...amiFields(),
    tags: ec2Tags().default([]),
    'copy-to-regions': field.regions().default([]),
    'kms-key-ids': regionKeys().default({}),
    'share-with-accounts': shareTargets(parseAccountId, '12-digit account ids').default([]),
    'share-with-organizations': shareTargets(
      (text) => parseArn('organization', text),
      'organization ARNs',
    ).default([]),
    'share-with-ous': shareTargets((text) => parseArn('organizational-unit', text), 'OU ARNs').default([]),
    public: field.boolean().default(false),
    'allow-public': field.boolean().default(false),
    'kms-grants': field.boolean().default(true),
    'deprecate-at': timestamp().optional(),
    'deprecate-after': field.duration().optional(),
    'deregistration-protection': field.choice(['false', 'true', 'with-cooldown']).default('false'),
    'ssm-parameter': parameterName().optional(),
    'require-test': field.boolean().default(false),
    'wait-for-test': field.boolean().default(false),
    'copy-concurrency': field.integer(1, 100).default(20),
    'target-accounts': shareTargets(parseAccountId, '12-digit account ids').optional(),
    'target-role': roleTemplate().optional(),
    'target-role-external-id': externalId().optional(),
    'copy-into-accounts': field.boolean().default(false),
    'target-kms-key': aliasName().optional(),
  });

/** Built when its mode runs: the other modes' schemas are never constructed. */
export const publishInputs = () =>
  publishFields().superRefine((config, ctx) => {
    requireAmi(config, ctx);
    samePartition(
      config,
      'copy-to-regions',
      config['copy-to-regions'],
      ctx,
      `CopyImage copies within one partition (across partitions, store the AMI in S3 with CreateStoreImageTask and restore it there with another step's credentials). Copy to regions of ${partitionOf(config.region)} only.`,
    );
    if (config.public && !config['allow-public']) {
      ctx.addIssue({
        code: 'custom',
        path: ['public'],
        message:
          'Making the AMI public (launchable by every AWS account) also needs allow-public: true, so it never happens by accident.',
      });
    }
    targetRefinements(config, ctx);
    // Target accounts are shared with too (each needs the AMI, its snapshots and the key).
    const accounts = new Set([...config['share-with-accounts'], ...(config['target-accounts'] ?? [])]);
    const targets =
      accounts.size + config['share-with-organizations'].length + config['share-with-ous'].length;
    if (targets > LIMITS.shareTargetsPerImage) {
      ctx.addIssue({
        code: 'custom',
        path: ['share-with-accounts'],
        message: `${targets} accounts, organizations and OUs: AWS shares an AMI with at most ${LIMITS.shareTargetsPerImage}. Share with an organization or OUs instead (each counts as one).`,
      });
    }
    if (config['wait-for-test'] && !config['require-test']) {
      ctx.addIssue({
        code: 'custom',
        path: ['wait-for-test'],
        message:
          'wait-for-test waits for the test result that require-test asks for: set require-test: true as well.',
      });
    }
    if (config['deprecate-at'] && config['deprecate-after'] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['deprecate-after'],
        message: 'Give deprecate-at or deprecate-after, not both.',
      });
    }
  });

type PublishInputs = z.infer<ReturnType<typeof publishFields>>;

/** What the target-account inputs need of each other. */
function targetRefinements(config: PublishInputs, ctx: z.RefinementCtx): void {
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const role = config['target-role'];
  const accounts = config['target-accounts'] ?? config['share-with-accounts'];
  if (role && !accounts.length) {
    problem(
      'target-role',
      'target-role acts in the target accounts, and there are none: give target-accounts (or share-with-accounts, its default).',
    );
  }
  if (config['copy-into-accounts'] && !role) {
    problem(
      'copy-into-accounts',
      'copy-into-accounts copies in each target account through its role: give target-role as well (e.g. arn:aws:iam::{account}:role/ami-consumer).',
    );
  }
  if (config['target-kms-key'] && !config['copy-into-accounts']) {
    problem(
      'target-kms-key',
      'target-kms-key encrypts the copy each target account makes: set copy-into-accounts: true as well, or remove it.',
    );
  }
  if (config['target-role-external-id'] && !role) {
    problem(
      'target-role-external-id',
      'target-role-external-id goes with target-role: give both, or neither.',
    );
  }
}
