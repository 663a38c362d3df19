/**
 * Registry of the service models. Each entry pairs a model (`<service>/index.ts`) with its default
 * scenario section (`<service>/scenario.ts`); `sim/scenario.ts` assembles the default scenario from
 * them, in this order: seeds run in order, so a model may rely on the ones before it (EC2 on KMS keys;
 * Auto Scaling, last, on EC2 launch templates, ELBv2 target groups and CloudWatch alarms).
 *
 * Adding a service = a folder in the same layout, and one entry here.
 */
import type { ServiceModel } from '../core/types.js';
import { autoscaling } from './autoscaling/index.js';
import { defaultScenarioSection as autoscalingScenario } from './autoscaling/scenario.js';
import { cloudwatch } from './cloudwatch/index.js';
import { defaultScenarioSection as cloudwatchScenario } from './cloudwatch/scenario.js';
import { ec2 } from './ec2/index.js';
import { defaultScenarioSection as ec2Scenario } from './ec2/scenario.js';
import { elbv2 } from './elbv2/index.js';
import { defaultScenarioSection as elbv2Scenario } from './elbv2/scenario.js';
import { imagebuilder } from './imagebuilder/index.js';
import { defaultScenarioSection as imagebuilderScenario } from './imagebuilder/scenario.js';
import { inspector2 } from './inspector2/index.js';
import { defaultScenarioSection as inspector2Scenario } from './inspector2/scenario.js';
import { kms } from './kms/index.js';
import { defaultScenarioSection as kmsScenario } from './kms/scenario.js';
import { rbin } from './rbin/index.js';
import { servicequotas } from './servicequotas/index.js';
import { ssm } from './ssm/index.js';
import { defaultScenarioSection as ssmScenario } from './ssm/scenario.js';
import { sts } from './sts/index.js';
import { defaultScenarioSection as stsScenario } from './sts/scenario.js';

export interface ServiceModule {
  model: ServiceModel;
  defaultScenarioSection?: unknown;
}

export const serviceModules: ServiceModule[] = [
  { model: sts, defaultScenarioSection: stsScenario },
  { model: kms, defaultScenarioSection: kmsScenario },
  { model: rbin },
  { model: servicequotas },
  { model: ec2, defaultScenarioSection: ec2Scenario },
  { model: ssm, defaultScenarioSection: ssmScenario },
  { model: imagebuilder, defaultScenarioSection: imagebuilderScenario },
  { model: inspector2, defaultScenarioSection: inspector2Scenario },
  { model: elbv2, defaultScenarioSection: elbv2Scenario },
  { model: cloudwatch, defaultScenarioSection: cloudwatchScenario },
  { model: autoscaling, defaultScenarioSection: autoscalingScenario },
];

export const serviceModels: ServiceModel[] = serviceModules.map((m) => m.model);
