import { describe, expect, it } from 'vitest';
import { explainError } from '../../src/aws/errors.js';

describe('explainError for a denied implied action', () => {
  it('names the action AWS denied, the call that needed it, and the policy files', async () => {
    const error = Object.assign(
      new Error(
        'You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/ci/s is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/app because no identity-based policy allows the iam:PassRole action. Encoded authorization failure message: x',
      ),
      { name: 'UnauthorizedOperation', $action: 'ec2:RunInstances', $region: 'us-east-1' },
    );
    const text = await explainError(error);
    expect(text).toContain('may not call iam:PassRole (in us-east-1), which ec2:RunInstances needs.');
    expect(text).toContain('Add iam:PassRole to its policy: docs/iam/<mode>.json');
  });
});
