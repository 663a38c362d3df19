/**
 * GetServiceQuota (the value applied to the account in the Region: a raised one, else the default)
 * and GetAWSDefaultServiceQuota (AWS's default), for the quotas of limits.ts. Other services model
 * their limits with `appliedQuota`, so a seeded increase raises what they enforce.
 */
import type {
  GetAWSDefaultServiceQuotaCommandInput,
  GetAWSDefaultServiceQuotaCommandOutput,
  GetServiceQuotaCommandInput,
  GetServiceQuotaCommandOutput,
  ServiceQuota,
} from '@aws-sdk/client-service-quotas';
import { AwsError, type CallContext, type Handler, type SimulatorApi } from '../../core/types.js';
import { CODE_PATTERNS, KNOWN_QUOTAS, type KnownQuota } from './limits.js';
import { quotaKey, quotasRegion } from './state.js';

/** The value of `quota` the account has in `region`: the seeded increase, else AWS's default. */
export function appliedQuota(sim: SimulatorApi, region: string, quota: KnownQuota): number {
  return (
    quotasRegion(sim, region).applied[quotaKey(quota.serviceCode, quota.quotaCode)] ?? quota.defaultValue
  );
}

function knownQuota(input: { ServiceCode?: string; QuotaCode?: string }): KnownQuota {
  const { ServiceCode, QuotaCode } = input;
  if (!ServiceCode || !CODE_PATTERNS.serviceCode.test(ServiceCode)) {
    throw new AwsError('IllegalArgumentException', `Invalid ServiceCode: ${ServiceCode ?? '(none)'}`);
  }
  if (!QuotaCode || !CODE_PATTERNS.quotaCode.test(QuotaCode)) {
    throw new AwsError('IllegalArgumentException', `Invalid QuotaCode: ${QuotaCode ?? '(none)'}`);
  }
  const quota = KNOWN_QUOTAS.find((q) => q.serviceCode === ServiceCode && q.quotaCode === QuotaCode);
  if (!quota) {
    throw new AwsError(
      'NoSuchResourceException',
      `The request failed because the specified quota (${ServiceCode}/${QuotaCode}) does not exist.`,
    );
  }
  return quota;
}

function describe(quota: KnownQuota, arn: string, value: number): ServiceQuota {
  return {
    ServiceCode: quota.serviceCode,
    ServiceName: quota.serviceName,
    QuotaArn: arn,
    QuotaCode: quota.quotaCode,
    QuotaName: quota.quotaName,
    Value: value,
    Unit: 'None',
    Adjustable: quota.adjustable,
    GlobalQuota: false,
  };
}

const arnOf = (ctx: CallContext, quota: KnownQuota, account: string) =>
  `arn:aws:servicequotas:${ctx.region}:${account}:${quota.serviceCode}/${quota.quotaCode}`;

export const GetServiceQuota: Handler<GetServiceQuotaCommandInput, GetServiceQuotaCommandOutput> = (
  input,
  ctx,
) => {
  const quota = knownQuota(input);
  return {
    Quota: {
      ...describe(quota, arnOf(ctx, quota, ctx.sim.accountId), appliedQuota(ctx.sim, ctx.region, quota)),
      QuotaAppliedAtLevel: 'ACCOUNT',
    },
  } as GetServiceQuotaCommandOutput;
};

export const GetAWSDefaultServiceQuota: Handler<
  GetAWSDefaultServiceQuotaCommandInput,
  GetAWSDefaultServiceQuotaCommandOutput
> = (input, ctx) => {
  const quota = knownQuota(input);
  return {
    Quota: describe(quota, arnOf(ctx, quota, ''), quota.defaultValue),
  } as GetAWSDefaultServiceQuotaCommandOutput;
};
