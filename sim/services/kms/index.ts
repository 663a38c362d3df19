/** The KMS service model (awsJson1_1, `TrentService.`, signing name `kms`): operation names -> handlers. */
import type { ServiceModel } from '../../core/types.js';
import { CreateAlias, ListAliases } from './aliases.js';
import { CreateGrant, ListGrants, RetireGrant, RevokeGrant } from './grants.js';
import { CreateKey, DescribeKey } from './keys.js';
import { seedKms } from './scenario.js';
import { initKmsState } from './state.js';

export const kms: ServiceModel = {
  signingName: 'kms',
  handlers: {
    DescribeKey,
    CreateKey,
    CreateAlias,
    ListAliases,
    CreateGrant,
    ListGrants,
    RetireGrant,
    RevokeGrant,
  },
  initState: initKmsState,
  seed: seedKms,
};
