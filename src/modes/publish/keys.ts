/**
 * KMS for shared encrypted AMIs: which key a region's image uses (customer managed or the AWS managed
 * aws/ebs key, which can never be shared), grants for the accounts it is shared with, and the key
 * policy statement to add instead when grants are off or the targets are organizations / OUs.
 */
import { awsClient } from '../../aws/clients.js';
import { isNotFound } from '../../aws/errors.js';

export interface KeyInfo {
  arn: string;
  /** As given (alias, id or ARN), for messages. */
  ref: string;
  customerManaged: boolean;
  state: string;
}

/**
 * The SDK's KMS module, loaded on first use (only AMIs with encrypted snapshots need KMS), and the
 * region's client.
 */
async function kms(region: string) {
  const sdk = await import('@aws-sdk/client-kms');
  return { sdk, client: awsClient(sdk.KMSClient, region) };
}

/** The AWS managed EBS key of a region: what a cross-region copy of an encrypted AMI uses by default. */
export const AWS_EBS_KEY = 'alias/aws/ebs';

export async function describeKey(region: string, ref: string): Promise<KeyInfo | undefined> {
  try {
    const { sdk, client } = await kms(region);
    const { KeyMetadata } = await client.send(new sdk.DescribeKeyCommand({ KeyId: ref }));
    return {
      arn: KeyMetadata?.Arn ?? ref,
      ref,
      customerManaged: KeyMetadata?.KeyManager === 'CUSTOMER',
      state: KeyMetadata?.KeyState ?? 'Unknown',
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** What an account needs on the key to launch an instance from an AMI encrypted with it. */
export const GRANT_OPERATIONS = [
  'Decrypt',
  'DescribeKey',
  'CreateGrant',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
] as const;

export const accountPrincipal = (accountId: string) => `arn:aws:iam::${accountId}:root`;

/**
 * Accounts of `accountIds` that have no grant with every needed operation on the key yet: the key's
 * grants read once, every page, rather than a call per account.
 */
export async function accountsWithoutGrant(region: string, keyArn: string, accountIds: string[]) {
  const granted = new Set<string>();
  let Marker: string | undefined;
  do {
    const { sdk, client } = await kms(region);
    const page = await client.send(new sdk.ListGrantsCommand({ KeyId: keyArn, Limit: 100, Marker }));
    for (const grant of page.Grants ?? []) {
      if (grant.GranteePrincipal && GRANT_OPERATIONS.every((op) => grant.Operations?.includes(op))) {
        granted.add(grant.GranteePrincipal);
      }
    }
    Marker = page.Truncated ? page.NextMarker : undefined;
  } while (Marker);
  return accountIds.filter((accountId) => !granted.has(accountPrincipal(accountId)));
}

export async function grantAccount(region: string, keyArn: string, accountId: string): Promise<void> {
  const { sdk, client } = await kms(region);
  await client.send(
    new sdk.CreateGrantCommand({
      KeyId: keyArn,
      GranteePrincipal: accountPrincipal(accountId),
      Operations: [...GRANT_OPERATIONS],
      Name: `ami-action-share-${accountId}`,
    }),
  );
}

/** The key policy statements that let the share targets use the key (for users who manage it by policy). */
export function keyPolicyStatements(targets: {
  accounts: string[];
  organizations: string[];
  ous: string[];
}): object[] {
  const actions = [
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:CreateGrant',
    'kms:GenerateDataKeyWithoutPlaintext',
    'kms:ReEncrypt*',
  ];
  const statements: object[] = [];
  if (targets.accounts.length) {
    statements.push({
      Sid: 'AmiActionShareAccounts',
      Effect: 'Allow',
      Principal: { AWS: targets.accounts.map(accountPrincipal) },
      Action: actions,
      Resource: '*',
    });
  }
  const orgIds = targets.organizations.map((arn) => arn.split('/').pop() ?? arn);
  if (orgIds.length) {
    statements.push({
      Sid: 'AmiActionShareOrganizations',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: actions,
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': orgIds } },
    });
  }
  const ouPaths = targets.ous.map((arn) => {
    const [, org, ou] = arn.split('/');
    return `${org}/*/${ou}/*`;
  });
  if (ouPaths.length) {
    statements.push({
      Sid: 'AmiActionShareOUs',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: actions,
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ouPaths } },
    });
  }
  return statements;
}
