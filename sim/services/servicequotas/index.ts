/**
 * The Service Quotas service model (awsJson1_1, `ServiceQuotasV20190624.`, signing name
 * `servicequotas`): the applied and default values of the quotas other models enforce (EC2's
 * Public AMIs), seedable per account and Region.
 */
import type { ServiceModel } from '../../core/types.js';
import { GetAWSDefaultServiceQuota, GetServiceQuota } from './quotas.js';
import { seedServiceQuotas } from './scenario.js';
import { initServiceQuotasState } from './state.js';

export const servicequotas: ServiceModel = {
  signingName: 'servicequotas',
  handlers: { GetServiceQuota, GetAWSDefaultServiceQuota },
  initState: initServiceQuotasState,
  seed: seedServiceQuotas,
};
