/**
 * The STS service model (awsQuery 2011-06-15, signing name `sts`): operation names -> handlers.
 * AssumeRoleWithWebIdentity is unsigned: the server routes it by its `Version`.
 */
import type { ServiceModel } from '../../core/types.js';
import { DecodeAuthorizationMessage, GetCallerIdentity } from './identity.js';
import { AssumeRole, AssumeRoleWithWebIdentity } from './roles.js';
import { seedSts } from './scenario.js';
import { initStsState } from './state.js';

export const sts: ServiceModel = {
  signingName: 'sts',
  handlers: { GetCallerIdentity, DecodeAuthorizationMessage, AssumeRole, AssumeRoleWithWebIdentity },
  initState: initStsState,
  seed: seedSts,
};
