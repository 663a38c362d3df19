/**
 * Seeding `{ servicequotas: { quotas: [...] } }`: a quota raised in an account and Region, as an
 * approved quota increase leaves it. The default scenario raises none (every quota at AWS's default).
 */
import { accountFor } from '../../core/accounts.js';
import type { SimulatorApi } from '../../core/types.js';
import { KNOWN_QUOTAS } from './limits.js';
import { quotaKey, quotasRegion } from './state.js';

export interface QuotaSeed {
  /** The account (default: the section's, else the default account). */
  account?: string;
  region: string;
  serviceCode: string;
  quotaCode: string;
  value: number;
}

export interface ServiceQuotasScenarioSection {
  quotas?: QuotaSeed[];
}

export function seedServiceQuotas(section: unknown, sim: SimulatorApi): void {
  for (const seed of (section as ServiceQuotasScenarioSection | undefined)?.quotas ?? []) {
    if (!KNOWN_QUOTAS.some((q) => q.serviceCode === seed.serviceCode && q.quotaCode === seed.quotaCode)) {
      throw new Error(
        `scenario: servicequotas knows ${KNOWN_QUOTAS.map((q) => quotaKey(q.serviceCode, q.quotaCode)).join(', ')}, not ${seed.serviceCode}/${seed.quotaCode}`,
      );
    }
    if (!Number.isFinite(seed.value) || seed.value < 0) {
      throw new Error(`scenario: servicequotas value must be a number of 0 or more, got ${seed.value}`);
    }
    const account = accountFor(sim, seed.account);
    quotasRegion(account, seed.region).applied[quotaKey(seed.serviceCode, seed.quotaCode)] = seed.value;
  }
}
