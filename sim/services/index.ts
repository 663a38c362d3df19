/**
 * Registry of the service models. Each entry pairs a model with its default scenario section
 * (`sim/scenario.ts` assembles the default scenario from them, in this order: seeds run in order,
 * so a model may rely on the ones before it, e.g. EC2 on KMS keys).
 *
 * Adding a service = one import and one entry, e.g.
 *   import * as ec2 from './ec2/index.js';
import * as imagebuilder from './imagebuilder/index.js';
 *   entry(ec2.ec2, ec2.defaultScenarioSection),
  entry(ssm.ssm, ssm.defaultScenarioSection),
 */
import type { ServiceModel } from '../core/types.js';
import * as autoscaling from './autoscaling/index.js';
import * as cloudwatch from './cloudwatch/index.js';
import * as ec2 from './ec2/index.js';
import * as elbv2 from './elbv2/index.js';
import * as imagebuilder from './imagebuilder/index.js';
import * as kms from './kms.js';
import * as ssm from './ssm/index.js';
import * as sts from './sts.js';

export interface ServiceModule {
  model: ServiceModel;
  defaultScenarioSection?: unknown;
}

const entry = (model: ServiceModel, defaultScenarioSection?: unknown): ServiceModule => ({
  model,
  defaultScenarioSection,
});

export const serviceModules: ServiceModule[] = [
  entry(sts.sts, sts.defaultScenarioSection),
  entry(kms.kms, kms.defaultScenarioSection),
  entry(ec2.ec2, ec2.defaultScenarioSection),
  entry(ssm.ssm, ssm.defaultScenarioSection),
  entry(imagebuilder.imagebuilder, imagebuilder.defaultScenarioSection),
  // Auto Scaling seeds last: its groups use EC2 launch templates, ELBv2 target groups and alarms.
  entry(elbv2.elbv2, elbv2.defaultScenarioSection),
  entry(cloudwatch.cloudwatch, cloudwatch.defaultScenarioSection),
  entry(autoscaling.autoscaling, autoscaling.defaultScenarioSection),
];

export const serviceModels: ServiceModel[] = serviceModules.map((m) => m.model);
