/**
 * Recycle Bin: whether a retention rule for AMIs (EC2_IMAGE) keeps an AMI recoverable once it is
 * deregistered, and for how long. A Region-level rule (no resource tags) covers every AMI; a
 * tag-level rule the AMIs with one of its tags; the longest retention applies. ListRules (every page)
 * names the rules, GetRule says each one's tags. The Recycle Bin client is loaded only here, only
 * when a region has AMIs to deregister.
 */
import * as core from '@actions/core';
import { awsClient } from '../../aws/clients.js';
import { explainError } from '../../aws/errors.js';
import { mapConcurrent, valuesOrThrow } from '../../aws/fanout.js';
import type { OwnImage, RecycleBinCover } from './types.js';

const RULE_CONCURRENCY = 4;

interface Rule {
  id: string;
  days: number;
  tags: { key: string; value: string }[];
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
    const matching = rules.filter(
      (rule) => rule.tags.length === 0 || rule.tags.some((t) => image.tags[t.key] === t.value),
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
  const ids: string[] = [];
  for await (const page of paginateListRules(
    { client: rbin, pageSize: 100 },
    { ResourceType: 'EC2_IMAGE' },
  )) {
    for (const rule of page.Rules ?? []) if (rule.Identifier) ids.push(rule.Identifier);
  }
  return valuesOrThrow(
    await mapConcurrent(ids, RULE_CONCURRENCY, async (id): Promise<Rule> => {
      const rule = await rbin.send(new GetRuleCommand({ Identifier: id }));
      const period = rule.RetentionPeriod;
      const days = period?.RetentionPeriodUnit === 'DAYS' ? (period.RetentionPeriodValue ?? 0) : 0;
      return {
        id,
        days,
        tags: (rule.ResourceTags ?? []).map((t) => ({
          key: t.ResourceTagKey ?? '',
          value: t.ResourceTagValue ?? '',
        })),
      };
    }),
  );
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
