/**
 * The Service Quotas slice (`state.servicequotas`): per account and Region, the quota values raised
 * above AWS's default (a seed, as an approved quota increase leaves them). Keyed `<service>/<quota>`.
 */
import { regionSlice } from '../../core/regions.js';
import type { SimulatorApi } from '../../core/types.js';

export interface ServiceQuotasRegion {
  applied: Record<string, number>;
}

export function initServiceQuotasState(): { regions: Record<string, ServiceQuotasRegion> } {
  return { regions: {} };
}

export function quotasRegion(sim: SimulatorApi, region: string): ServiceQuotasRegion {
  return regionSlice<ServiceQuotasRegion>(sim, 'servicequotas', region, () => ({ applied: {} }));
}

export const quotaKey = (serviceCode: string, quotaCode: string) => `${serviceCode}/${quotaCode}`;
