/** STS operations -> IAM checks. GetCallerIdentity needs no permission; web identity is the trust policy's. */
import { type AuthRequest, check } from '../context.js';
import type { AuthCheck } from '../evaluate.js';

type Authorizer = (req: AuthRequest) => AuthCheck[];

export const stsAuthorizers: Record<string, Authorizer> = {
  GetCallerIdentity: () => [],
  AssumeRoleWithWebIdentity: () => [],
  AssumeRole: (req) => [check('sts:AssumeRole', String(req.input.RoleArn ?? '*'))],
};
