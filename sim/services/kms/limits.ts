/** The KMS limits the simulator enforces, from the KMS API Reference and Developer Guide (see sim/LIMITS.md). */
import { KMS_PAGES, pages } from '../../core/pagination.js';

/** Limit 1 to 100, default 50. */
export const KMS_PAGING = {
  ListAliases: pages(KMS_PAGES, 1, 100, 50),
  ListGrants: pages(KMS_PAGES, 1, 100, 50),
};

/** Grants per KMS key (resource quota). */
export const MAX_GRANTS_PER_KEY = 50_000;
