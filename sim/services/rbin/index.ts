/**
 * The Recycle Bin service model (restJson1, signing name `rbin`): retention rules. EC2 consults them
 * when an AMI is deregistered (ec2/recycle-bin.ts): a matching EC2_IMAGE rule keeps it in the bin.
 */
import type { ServiceModel } from '../../core/types.js';
import { CreateRule, GetRule, initRbinState, ListRules } from './rules.js';

export const rbin: ServiceModel = {
  signingName: 'rbin',
  handlers: { CreateRule, GetRule, ListRules },
  initState: initRbinState,
};
