/**
 * SSM parameters that name an AMI: every `aws:ec2:image` parameter of the region (what publish
 * writes, and what others write for the same purpose) plus the `ssm-parameters` input's names (for
 * plain text parameters). The current value and every version SSM keeps in the history count: a
 * rollback may read an older version (`/app/ami:3`) or a label.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '../../../aws/clients.js';
import { mapConcurrent, valuesOrThrow } from '../../../aws/fanout.js';
import { parameterHistory } from '../../../aws/parameters.js';
import { loadSsm } from '../../../aws/ssm.js';
import { addReason, type Keeper, type Reasons } from './types.js';

const HISTORY_CONCURRENCY = 4;

export const ssmParametersKeeper: Keeper = {
  name: 'SSM parameters',
  async keep({ region, selected, config }) {
    const sdk = await loadSsm();
    const names = new Set(await imageParameterNames(sdk, awsClient(sdk.SSMClient, region)));
    for (const name of config.ssmParameters) names.add(name);
    const histories = valuesOrThrow(
      await mapConcurrent([...names], HISTORY_CONCURRENCY, (name) => parameterHistory(region, name)),
    );
    const wanted = new Set(selected.map((image) => image.imageId));
    const reasons: Reasons = new Map();
    [...names].forEach((name, i) => {
      const versions = histories[i];
      const current = versions.at(-1);
      for (const v of versions) {
        if (!wanted.has(v.value)) continue;
        const labels = v.labels.length ? `, labels ${v.labels.join(', ')}` : '';
        const where =
          v === current
            ? `SSM parameter ${name} holds it now (version ${v.version}${labels})`
            : `SSM parameter ${name} keeps it in its history (version ${v.version}${labels})`;
        addReason(reasons, v.value, where);
      }
    });
    return reasons;
  },
};

async function imageParameterNames(
  sdk: Awaited<ReturnType<typeof loadSsm>>,
  ssm: SSMClient,
): Promise<string[]> {
  const names: string[] = [];
  const pages = sdk.paginateDescribeParameters(
    { client: ssm, pageSize: 50 },
    { ParameterFilters: [{ Key: 'DataType', Option: 'Equals', Values: ['aws:ec2:image'] }] },
  );
  for await (const page of pages) for (const p of page.Parameters ?? []) if (p.Name) names.push(p.Name);
  return names;
}
