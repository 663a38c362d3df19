/**
 * Actions AWS checks on the caller's behalf besides the API call's own:
 * - `ec2:CreateTags` with `ec2:CreateAction` for every resource a call tags at creation
 *   (`TagSpecifications`, `CopyImageTags`);
 * - `iam:PassRole` on the role of an instance profile handed to EC2;
 * - the KMS actions EBS needs (through the caller's permissions, via `ec2.<region>.amazonaws.com`) to
 *   create encrypted volumes and snapshots with a customer managed key.
 */
import { type AuthRequest, check, globalKeys, keys, requestTags, type Tag } from './context.js';
import type { AuthCheck } from './evaluate.js';

export function tagOnCreate(operation: string, resource: string, tags: Tag[]): AuthCheck[] {
  if (!tags.length) return [];
  return [
    {
      ...check('ec2:CreateTags', resource, keys({ 'ec2:CreateAction': operation }), requestTags(tags)),
      impliedBy: `ec2:${operation}`,
    },
  ];
}

export function passRole(roleArn: string, service: string, impliedBy: string): AuthCheck {
  return {
    ...check('iam:PassRole', roleArn, keys({ 'iam:PassedToService': service })),
    impliedBy,
  };
}

/** What EBS asks KMS for, with the caller's permissions, to use a customer managed key. */
export const EBS_KMS_ACTIONS = [
  'kms:DescribeKey',
  'kms:CreateGrant',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/** The KMS checks for one customer managed key used by an EC2 call in `keyRegion`. */
export function kmsViaEc2(req: AuthRequest, keyArn: string, keyRegion: string): AuthCheck[] {
  const via = `ec2.${keyRegion}.amazonaws.com`;
  return EBS_KMS_ACTIONS.map((action) => ({
    ...check(
      action,
      keyArn,
      globalKeys({ ...req, region: keyRegion }, via),
      keys({
        'kms:ViaService': via,
        'kms:CallerAccount': req.accountId,
        'kms:GrantIsForAWSResource': action === 'kms:CreateGrant' ? 'true' : undefined,
      }),
    ),
    impliedBy: `ec2:${req.operation}`,
  }));
}
