/**
 * BatchGetAccountStatus: the calling account's Inspector status per resource type. EC2 scanning is
 * the one this simulator models (on in the default scenario; the seed `{"ec2Scanning": false}` turns
 * it off); the other resource types read DISABLED. Another account's status is not the caller's to
 * read unless it is a member of the caller's organization: it comes back in `failedAccounts`.
 */
import type {
  BatchGetAccountStatusCommandInput,
  BatchGetAccountStatusCommandOutput,
} from '@aws-sdk/client-inspector2';
import type { Handler } from '../../core/types.js';
import { inspector2State } from './state.js';

export const BatchGetAccountStatus: Handler<
  BatchGetAccountStatusCommandInput,
  BatchGetAccountStatusCommandOutput
> = (input, ctx) => {
  const ids = input.accountIds?.length ? input.accountIds : [ctx.accountId];
  const ec2 = inspector2State(ctx.sim).ec2Scanning ? 'ENABLED' : 'DISABLED';
  const off = { status: 'DISABLED' as const, errorCode: undefined, errorMessage: undefined };
  return {
    accounts: ids
      .filter((id) => id === ctx.accountId)
      .map((accountId) => ({
        accountId,
        state: { status: ec2, errorCode: undefined, errorMessage: undefined },
        resourceState: {
          ec2: { status: ec2, errorCode: undefined, errorMessage: undefined },
          ecr: off,
          lambda: off,
          lambdaCode: off,
          codeRepository: off,
        },
      })),
    failedAccounts: ids
      .filter((id) => id !== ctx.accountId)
      .map((accountId) => ({
        accountId,
        errorCode: 'ACCESS_DENIED' as const,
        errorMessage: `Account ${accountId} is not a member of the caller's organization.`,
      })),
  };
};
