/**
 * EC2's DryRun: "Checks whether you have the required permissions for the action, without actually
 * making the request". DryRunOperation answers yes, UnauthorizedOperation no. EC2 checks the
 * permission first and then validates the request, so an error of the request itself (an AMI not
 * yet shared with the account answers InvalidAMIID.NotFound) also means the permission is there.
 */
import { errorCode, explainError, isAccessDenied } from './errors.js';

/** Why the caller may not make the call `send` makes with `DryRun: true`, or undefined when it may. */
export async function deniedByDryRun(send: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await send();
  } catch (error) {
    const code = errorCode(error) ?? '';
    if (code === 'DryRunOperation') return undefined;
    if (isAccessDenied(error)) return explainError(error);
    if (/^Invalid|NotFound/.test(code)) return undefined;
    throw error;
  }
  // A DryRun call that succeeded did not check anything.
  throw new Error('EC2 answered a DryRun call as if it had been made.');
}
