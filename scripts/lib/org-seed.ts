/**
 * What the example workflows need of the simulated organization beyond the default scenario, as
 * POST /_sim/seed sections (the default scenario stays as it is):
 * - the roles the examples assume: the tooling account's pipeline roles (through GitHub's OIDC
 *   provider) and a deploy role in each workload account, trusting the tooling account (role chaining);
 * - `demo-app` in a workload account: its launch template, target group, 5xx alarm and group, as the
 *   default scenario has them in the tooling account;
 * - more workload accounts like the default scenario's two: role `ami-consumer` trusting the tooling
 *   account, `alias/ami` and `aws/ebs` keys, instance profiles and a default VPC in every region.
 * Used by `npm run demo` and the e2e tests of the examples.
 */
import { DEFAULT_ACCOUNT_ID } from '../../sim/core/accounts.js';
import { defaultScenarioSection as asgScenario } from '../../sim/services/autoscaling/scenario.js';
import { defaultScenarioSection as cloudWatchScenario } from '../../sim/services/cloudwatch/scenario.js';
import { DEFAULT_EC2_REGIONS, workloadEc2 } from '../../sim/services/ec2/scenario.js';
import { defaultScenarioSection as elbScenario } from '../../sim/services/elbv2/scenario.js';
import { workloadKeys } from '../../sim/services/kms/scenario.js';
import { consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/services/sts/scenario.js';

export const TOOLING_ACCOUNT = DEFAULT_ACCOUNT_ID;
export const [STAGING_ACCOUNT, PRODUCTION_ACCOUNT] = WORKLOAD_ACCOUNTS;

/** The deployment environments of release.yml and rollback.yml, with their `DEPLOY_ACCOUNT` variable. */
export const ENVIRONMENTS = {
  staging: { vars: { DEPLOY_ACCOUNT: STAGING_ACCOUNT } },
  production: { vars: { DEPLOY_ACCOUNT: PRODUCTION_ACCOUNT } },
};

type Scenario = Record<string, unknown>;

/**
 * The pipeline roles of the examples in the tooling account (name -> MaxSessionDuration: a role
 * allows what its job's role-duration-seconds asks).
 */
const PIPELINE_ROLES: Record<string, number> = {
  'ami-pipeline-bake': 7200,
  'ami-pipeline-test': 3600,
  'ami-pipeline-publish': 14_400,
  'ami-pipeline-ci': 3600,
  'ami-pipeline-cleanup': 3600,
  'ami-pipeline-nightly': 14_400,
  'ami-pipeline-pr': 7200,
};

export const DEPLOY_ROLE = 'ami-pipeline-deploy';
export const deployRoleArn = (account: string) => `arn:aws:iam::${account}:role/${DEPLOY_ROLE}`;

/** The roles every example workflow assumes. */
export function exampleRoles(workloadAccounts: string[] = WORKLOAD_ACCOUNTS): Scenario {
  return {
    sts: {
      roles: [
        ...Object.entries(PIPELINE_ROLES).map(([name, maxSessionDuration]) => ({
          arn: `arn:aws:iam::${TOOLING_ACCOUNT}:role/${name}`,
          trustedAccounts: [TOOLING_ACCOUNT],
          maxSessionDuration,
        })),
        ...workloadAccounts.map((account) => ({
          arn: deployRoleArn(account),
          trustedAccounts: [TOOLING_ACCOUNT],
        })),
      ],
    },
  };
}

/**
 * `demo-app` (launch template, target group, alarm, group of 4) in each workload account's `region`:
 * the default scenario's own, in those accounts.
 */
export function workloadApps(accounts: string[] = WORKLOAD_ACCOUNTS, region = 'us-east-1'): Scenario {
  const named = <T extends { name: string }>(items: T[] | undefined, name: string) =>
    items!.find((i) => i.name === name)!;
  const inEach = <T extends object>(item: T) => accounts.map((account) => ({ ...item, account, region }));
  return {
    elasticloadbalancing: { targetGroups: inEach(named(elbScenario.targetGroups, 'demo-app')) },
    monitoring: { alarms: inEach(named(cloudWatchScenario.alarms, 'demo-app-5xx')) },
    autoscaling: {
      launchTemplates: inEach(named(asgScenario.launchTemplates, 'demo-app')),
      groups: inEach(named(asgScenario.groups, 'demo-app')),
    },
  };
}

/** More workload accounts, each like the default scenario's: `ami-consumer`, `alias/ami`, a default VPC. */
export function workloadAccounts(accounts: string[], regions: string[] = DEFAULT_EC2_REGIONS): Scenario {
  return {
    sts: {
      roles: accounts.map((account) => ({
        arn: consumerRoleArn(account),
        trustedAccounts: [TOOLING_ACCOUNT],
      })),
    },
    kms: { keys: workloadKeys(accounts, regions) },
    ec2: workloadEc2(accounts, regions),
  };
}
