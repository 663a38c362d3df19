/** The ELBv2 service model (awsQuery, signing name `elasticloadbalancing`): operation names -> handlers. */
import type { ServiceModel } from '../../core/types.js';
import { CreateListener, DescribeListeners, ModifyListener } from './listeners.js';
import { CreateLoadBalancer, DescribeLoadBalancers } from './load-balancers.js';
import { CreateRule, DescribeRules, ModifyRule } from './rules.js';
import { seedElbv2 } from './scenario.js';
import { initElbState } from './state.js';
import {
  CreateTargetGroup,
  DeregisterTargets,
  DescribeTargetGroups,
  DescribeTargetHealth,
  RegisterTargets,
} from './target-groups.js';

export const elbv2: ServiceModel = {
  signingName: 'elasticloadbalancing',
  handlers: {
    DescribeTargetGroups,
    CreateTargetGroup,
    RegisterTargets,
    DeregisterTargets,
    DescribeTargetHealth,
    CreateLoadBalancer,
    DescribeLoadBalancers,
    CreateListener,
    DescribeListeners,
    ModifyListener,
    DescribeRules,
    CreateRule,
    ModifyRule,
  },
  initState: initElbState,
  seed: seedElbv2,
};
