/**
 * Recycle Bin retention rules (CreateRule, GetRule, ListRules), and which rule retains a deleted
 * resource: a tag-level rule retains a resource with one of its tags, a Region-level rule (no
 * ResourceTags) every resource of its type but those with one of its exclusion tags
 * (ExcludeResourceTags); when several match, the longest retention applies.
 */
import { randomBytes } from 'node:crypto';
import { pages, paginate } from '../../core/pagination.js';
import { regionSlice } from '../../core/regions.js';
import { AwsError, type Handler, type SimulatorApi } from '../../core/types.js';
import { RBIN } from './limits.js';

export type RuleResourceType = 'EBS_SNAPSHOT' | 'EC2_IMAGE' | 'EBS_VOLUME';
const RESOURCE_TYPES: RuleResourceType[] = ['EBS_SNAPSHOT', 'EC2_IMAGE', 'EBS_VOLUME'];

export interface RuleRecord {
  Identifier: string;
  Description?: string;
  ResourceType: RuleResourceType;
  RetentionPeriod: { RetentionPeriodValue: number; RetentionPeriodUnit: 'DAYS' };
  ResourceTags: { ResourceTagKey: string; ResourceTagValue: string }[];
  /** Region-level rules only: resources with one of these tags are not retained. */
  ExcludeResourceTags?: { ResourceTagKey: string; ResourceTagValue: string }[];
  Tags: { Key: string; Value: string }[];
  createdAt: string;
}

interface RbinRegion {
  rules: Record<string, RuleRecord>;
}

export function initRbinState() {
  return { regions: {} as Record<string, RbinRegion> };
}

const rulesOf = (sim: SimulatorApi, region: string) =>
  regionSlice<RbinRegion>(sim, 'rbin', region, () => ({ rules: {} })).rules;

const invalid = (message: string) => new AwsError('ValidationException', message);
const ruleArn = (region: string, account: string, id: string) =>
  `arn:aws:rbin:${region}:${account}:rule/${id}`;

function newRuleId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return [...randomBytes(11)].map((b) => alphabet[b % alphabet.length]).join('');
}

function checkResourceType(value: unknown): RuleResourceType {
  if (!RESOURCE_TYPES.includes(value as RuleResourceType)) {
    throw invalid(`ResourceType must be one of ${RESOURCE_TYPES.join(', ')}`);
  }
  return value as RuleResourceType;
}

function checkResourceTags(
  tags: unknown,
  member = 'ResourceTags',
  max: number = RBIN.resourceTagsPerRule,
): RuleRecord['ResourceTags'] {
  const list = (tags ?? []) as RuleRecord['ResourceTags'];
  if (list.length > max) {
    throw invalid(`${member}: at most ${max} tags per retention rule`);
  }
  for (const t of list) {
    if (!t.ResourceTagKey || t.ResourceTagKey.length > 128 || (t.ResourceTagValue ?? '').length > 256) {
      throw invalid(`${member}: a key of 1 to 128 characters and a value of at most 256`);
    }
  }
  return list.map((t) => ({ ResourceTagKey: t.ResourceTagKey, ResourceTagValue: t.ResourceTagValue ?? '' }));
}

const ruleOutput = (rule: RuleRecord, region: string, account: string) => ({
  Identifier: rule.Identifier,
  Description: rule.Description,
  ResourceType: rule.ResourceType,
  RetentionPeriod: rule.RetentionPeriod,
  ResourceTags: rule.ResourceTags,
  ExcludeResourceTags: rule.ExcludeResourceTags?.length ? rule.ExcludeResourceTags : undefined,
  Status: 'available',
  RuleArn: ruleArn(region, account, rule.Identifier),
});

export const CreateRule: Handler = (input, ctx) => {
  const resourceType = checkResourceType(input.ResourceType);
  const period = input.RetentionPeriod ?? {};
  const days = Number(period.RetentionPeriodValue);
  const max = RBIN.maxRetentionDays[resourceType];
  if (period.RetentionPeriodUnit !== 'DAYS' || !Number.isInteger(days) || days < 1 || days > max) {
    throw invalid(
      `RetentionPeriod: RetentionPeriodUnit DAYS and a RetentionPeriodValue of 1 to ${max} for ${resourceType}`,
    );
  }
  if (input.Description !== undefined && !/^[\S ]{0,255}$/.test(String(input.Description))) {
    throw invalid('Description: at most 255 characters, no line breaks');
  }
  const resourceTags = checkResourceTags(input.ResourceTags);
  const exclude = checkResourceTags(
    input.ExcludeResourceTags,
    'ExcludeResourceTags',
    RBIN.excludeTagsPerRule,
  );
  if (exclude.length && resourceTags.length) {
    throw invalid(
      'ExcludeResourceTags: only a Region-level retention rule (no ResourceTags) takes exclusion tags',
    );
  }
  const rules = rulesOf(ctx.sim, ctx.region);
  const rule: RuleRecord = {
    Identifier: newRuleId(),
    Description: input.Description,
    ResourceType: resourceType,
    RetentionPeriod: { RetentionPeriodValue: days, RetentionPeriodUnit: 'DAYS' },
    ResourceTags: resourceTags,
    ExcludeResourceTags: exclude,
    Tags: input.Tags ?? [],
    createdAt: ctx.sim.clock.now().toISOString(),
  };
  rules[rule.Identifier] = rule;
  return { ...ruleOutput(rule, ctx.region, ctx.accountId), Tags: rule.Tags.length ? rule.Tags : undefined };
};

export const GetRule: Handler = (input, ctx) => {
  const rule = rulesOf(ctx.sim, ctx.region)[String(input.Identifier ?? '')];
  if (!rule) {
    throw new AwsError('ResourceNotFoundException', `Rule ${input.Identifier} does not exist.`, undefined, {
      Reason: 'RULE_NOT_FOUND',
    });
  }
  return ruleOutput(rule, ctx.region, ctx.accountId);
};

const LIST_PAGING = pages(
  {
    sizeMember: 'MaxResults',
    tokenMember: 'NextToken',
    sizeError: (size, { min, max }) => invalid(`MaxResults must be between ${min} and ${max} (got ${size})`),
    tokenError: (token) => invalid(`Invalid NextToken: ${token}`),
  },
  1,
  1000,
);

export const ListRules: Handler = (input, ctx) => {
  const resourceType = checkResourceType(input.ResourceType);
  const wanted = checkResourceTags(input.ResourceTags);
  const rules = Object.values(rulesOf(ctx.sim, ctx.region))
    .filter((r) => r.ResourceType === resourceType)
    .filter((r) =>
      wanted.every((w) =>
        r.ResourceTags.some(
          (t) => t.ResourceTagKey === w.ResourceTagKey && t.ResourceTagValue === w.ResourceTagValue,
        ),
      ),
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.Identifier.localeCompare(b.Identifier));
  const { page, next } = paginate(rules, input, LIST_PAGING);
  return {
    Rules: page.map((r) => ({
      Identifier: r.Identifier,
      Description: r.Description,
      RetentionPeriod: r.RetentionPeriod,
      RuleArn: ruleArn(ctx.region, ctx.accountId, r.Identifier),
    })),
    NextToken: next,
  };
};

/** The retention (days) a deleted resource gets from the account's rules in the region, if any rule matches. */
export function retentionFor(
  sim: SimulatorApi,
  region: string,
  resourceType: RuleResourceType,
  tags: { Key: string; Value: string }[],
): number | undefined {
  const has = (t: { ResourceTagKey: string; ResourceTagValue: string }) =>
    tags.some((x) => x.Key === t.ResourceTagKey && x.Value === t.ResourceTagValue);
  const matching = Object.values(rulesOf(sim, region)).filter(
    (r) =>
      r.ResourceType === resourceType &&
      (r.ResourceTags.length === 0 ? !(r.ExcludeResourceTags ?? []).some(has) : r.ResourceTags.some(has)),
  );
  if (!matching.length) return undefined;
  return Math.max(...matching.map((r) => r.RetentionPeriod.RetentionPeriodValue));
}
