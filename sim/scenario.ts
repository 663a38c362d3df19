/**
 * A scenario is `{ "<signingName>": <section>, ... }`; each model's `seed` reads its own section.
 * The default scenario is assembled from the sections the service modules export.
 *
 * Accounts. A seed acts in the default account (123456789012) unless it names another: a whole
 * section with `"account": "<id>"` (`{ "kms": { "account": "210987654321", "keys": [...] } }`), or
 * one entry of a list (`{ "ssm": { "parameters": [{ "account": "210987654321", "region": ..., ... }] } }`;
 * every list entry of every section takes `account`). An account named for the first time comes into
 * being with empty state. STS roles live in the account their ARN names:
 *   { "sts": { "roles": [{ "arn": "arn:aws:iam::<account>:role/<name>", "trustedAccounts": ["123456789012"],
 *                          "externalId": "optional", "policy": { IAM policy, optional },
 *                          "maxSessionDuration": 3600 }] } }
 * The default scenario has workload accounts 210987654321 and 345678901234 (sts WORKLOAD_ACCOUNTS),
 * each with role `ami-consumer` trusting 123456789012, `alias/ami` and `aws/ebs` KMS keys, instance
 * profiles `ami-action-test` / `ami-action-no-ssm` and a default VPC in every seeded region.
 * EC2 also takes `defaultVpcs: [{ account?, region }]` and
 * `allowedImages: [{ account?, region, state: enabled | audit-mode | disabled, imageCriteria: [ImageCriterion] }]`;
 * KMS keys take `allowAccounts: [ids]` (a key policy letting those accounts use the key); Auto Scaling
 * groups take `overrides: [{ instanceType, launchTemplate?, version? }]`.
 */
import { DEFAULT_ACCOUNT_ID } from './core/accounts.js';
import { serviceModules } from './services/index.js';

export type Scenario = Record<string, unknown>;

export const ACCOUNT_ID = DEFAULT_ACCOUNT_ID;
export { WORKLOAD_ACCOUNTS } from './services/sts/scenario.js';

export const defaultScenario: Scenario = Object.fromEntries(
  serviceModules
    .filter((m) => m.defaultScenarioSection !== undefined)
    .map((m) => [m.model.signingName, m.defaultScenarioSection]),
);
