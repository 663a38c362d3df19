/**
 * Recycle Bin: whether a retention rule for AMIs (EC2_IMAGE) keeps an AMI recoverable once it is
 * deregistered, and for how long. A Region-level rule (no resource tags) covers every AMI but those
 * with one of its exclusion tags; a tag-level rule the AMIs with one of its tags; the longest
 * retention applies. ListRules (every page) names the rules, GetRule says each one's tags. The
 * Recycle Bin client is loaded only here, only when a region has AMIs to deregister.
 */
import * as core from '@actions/core';
import { awsClient } from '../../aws/clients.js';
import { explainError } from '../../aws/errors.js';
import { mapConcurrent, valuesOrThrow } from '../../aws/fanout.js';
import type { OwnImage, RecycleBinCover } from './types.js';

const RULE_CONCURRENCY = 4;

interface Tag {
  key: string;
  value: string;
}

interface Rule {
  id: string;
  days: number;
  tags: Tag[];
  /** A Region-level rule's exclusion tags: an AMI with one of them is not retained. */
  exclude: Tag[];
}

export async function recycleBinCover(
  region: string,
  images: OwnImage[],
): Promise<{ cover: Map<string, RecycleBinCover>; unknown?: string }> {
  let rules: Rule[];
  try {
    rules = await imageRules(region);
  } catch (error) {
    const why = await explainError(error);
    core.warning(
      `${region}: could not read the Recycle Bin rules for AMIs (${why}); deregistrations are taken as final.`,
    );
    return { cover: new Map(), unknown: why };
  }
  const cover = new Map<string, RecycleBinCover>();
  for (const image of images) {
    const has = (t: Tag) => image.tags[t.key] === t.value;
    const matching = rules.filter((rule) =>
      rule.tags.length === 0 ? !rule.exclude.some(has) : rule.tags.some(has),
    );
    if (!matching.length) continue;
    cover.set(image.imageId, {
      days: Math.max(...matching.map((rule) => rule.days)),
      rules: matching.map((rule) => rule.id),
    });
  }
  return { cover };
}

async function imageRules(region: string): Promise<Rule[]> {
  const { RbinClient, GetRuleCommand, paginateListRules } = await import('@aws-sdk/client-rbin');
  const rbin = awsClient(RbinClient, region);
  const exclusions = readExclusions(rbin);
  const ids: string[] = [];
  for await (const page of paginateListRules(
    { client: rbin, pageSize: 100 },
    { ResourceType: 'EC2_IMAGE' },
  )) {
    for (const rule of page.Rules ?? []) if (rule.Identifier) ids.push(rule.Identifier);
  }
  const rules = valuesOrThrow(
    await mapConcurrent(ids, RULE_CONCURRENCY, async (id): Promise<Rule | undefined> => {
      const rule = await rbin.send(new GetRuleCommand({ Identifier: id }));
      // Only an available rule retains what is deleted; a pending one (just created) does not yet.
      if (rule.Status !== 'available') return undefined;
      const period = rule.RetentionPeriod;
      const days = period?.RetentionPeriodUnit === 'DAYS' ? (period.RetentionPeriodValue ?? 0) : 0;
      return { id, days, tags: tagsOf(rule.ResourceTags), exclude: tagsOf(exclusions.get(id)) };
    }),
  );
  return rules.filter((rule): rule is Rule => rule !== undefined);
}

type ResourceTag = { ResourceTagKey?: string; ResourceTagValue?: string };

const tagsOf = (tags: ResourceTag[] | undefined): Tag[] =>
  (tags ?? []).map((t) => ({ key: t.ResourceTagKey ?? '', value: t.ResourceTagValue ?? '' }));

const reading = new WeakMap<object, Map<string, ResourceTag[]>>();

/**
 * The Recycle Bin client the registry serves (3.523) predates exclusion tags: it drops
 * ExcludeResourceTags from GetRule's answer. They decide whether a Region-level rule covers an AMI,
 * so they are read from the answer's JSON before the client parses it (rule id -> its exclusions).
 */
function readExclusions(client: {
  middlewareStack: { addRelativeTo: (...args: any[]) => void };
}): Map<string, ResourceTag[]> {
  const known = reading.get(client);
  if (known) return known;
  const exclusions = new Map<string, ResourceTag[]>();
  reading.set(client, exclusions);
  client.middlewareStack.addRelativeTo(
    (
      next: (args: unknown) => Promise<{ response: { statusCode?: number; body?: unknown } }>,
      context: { commandName?: string },
    ) =>
      async (args: unknown) => {
        const result = await next(args);
        const { response } = result;
        if (context.commandName !== 'GetRuleCommand' || response.statusCode !== 200) return result;
        const chunks: Buffer[] = [];
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
        const body = Buffer.concat(chunks);
        response.body = new Uint8Array(body);
        const rule = JSON.parse(body.toString('utf8') || '{}') as {
          Identifier?: string;
          ExcludeResourceTags?: ResourceTag[];
        };
        if (rule.Identifier) exclusions.set(rule.Identifier, rule.ExcludeResourceTags ?? []);
        return result;
      },
    { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'amiActionRuleExclusions' },
  );
  return exclusions;
}

/** The summary's words for it. */
export function describeCover(cover: RecycleBinCover | undefined, deregisteredAt?: Date): string {
  if (!cover) return 'no Recycle Bin rule for AMIs matches it: deregistration is final';
  const rules = `rule${cover.rules.length > 1 ? 's' : ''} ${cover.rules.join(', ')}`;
  const until = deregisteredAt
    ? ` until ${new Date(deregisteredAt.getTime() + cover.days * 86_400_000).toISOString().slice(0, 10)}`
    : ` for ${cover.days} days after deregistration`;
  return `recoverable from the Recycle Bin${until} (${rules}, ${cover.days}d); its snapshots are kept for a restore`;
}
