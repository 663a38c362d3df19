/**
 * Service Quotas: the value of a quota applied to the account in a Region. The SDK module is loaded
 * on first use (only a public publish reads a quota), so no other path pays for it at start-up.
 */
import { awsClient } from './clients.js';
import { isAccessDenied, isNotFound } from './errors.js';

export interface QuotaCode {
  serviceCode: string;
  quotaCode: string;
  /** AWS's documented default: what the check uses when Service Quotas does not answer. */
  defaultValue: number;
}

export type QuotaValue =
  | { value: number; applied: true }
  /** Service Quotas refused (AccessDenied) or does not know the quota: the default, and AWS's words why. */
  | { value: number; applied: false; why: string };

const loadServiceQuotas = () => import('@aws-sdk/client-service-quotas');

export async function readQuota(region: string, quota: QuotaCode): Promise<QuotaValue> {
  const sdk = await loadServiceQuotas();
  try {
    const { Quota } = await awsClient(sdk.ServiceQuotasClient, region).send(
      new sdk.GetServiceQuotaCommand({ ServiceCode: quota.serviceCode, QuotaCode: quota.quotaCode }),
    );
    if (typeof Quota?.Value === 'number') return { value: Quota.Value, applied: true };
    return { value: quota.defaultValue, applied: false, why: 'GetServiceQuota answered no value' };
  } catch (error) {
    if (!isAccessDenied(error) && !isNotFound(error)) throw error;
    const { name, message } = error as Error;
    return { value: quota.defaultValue, applied: false, why: `${name}: ${message}` };
  }
}
