/** The IAM policy engine on its own: grammar, wildcards, evaluation order, condition operators. */
import { describe, expect, it } from 'vitest';
import { keys, requestTags, resourceTags } from '../../sim/iam/context.js';
import { type AuthCheck, evaluate } from '../../sim/iam/evaluate.js';
import { parsePolicy } from '../../sim/iam/policy.js';

const INSTANCE = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0';
const IMAGE = 'arn:aws:ec2:eu-west-1::image/ami-0123456789abcdef0';

function req(action: string, resource: string, context = {}): AuthCheck {
  return { action, resource, context };
}

function allows(statement: Record<string, unknown> | Record<string, unknown>[], check: AuthCheck) {
  const decision = evaluate(parsePolicy({ Version: '2012-10-17', Statement: statement }), check);
  return decision.allowed;
}

const allow = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Action: '*', Resource: '*', ...extra });

describe('actions', () => {
  it('match with * and ? wildcards, ignoring case', () => {
    expect(allows(allow({ Action: 'ec2:Describe*' }), req('ec2:DescribeImages', '*'))).toBe(true);
    expect(allows(allow({ Action: 'ec2:Describe*' }), req('ec2:CreateTags', '*'))).toBe(false);
    expect(allows(allow({ Action: 'EC2:runinstances' }), req('ec2:RunInstances', '*'))).toBe(true);
    expect(allows(allow({ Action: 'kms:ReEncrypt*' }), req('kms:ReEncryptFrom', '*'))).toBe(true);
    expect(allows(allow({ Action: 'ec2:?topInstances' }), req('ec2:StopInstances', '*'))).toBe(true);
    expect(allows(allow({ Action: 'ec2:?topInstances' }), req('ec2:StartInstances', '*'))).toBe(false);
  });

  it('NotAction allows everything except the listed actions', () => {
    const s = { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' };
    expect(allows(s, req('ec2:RunInstances', '*'))).toBe(true);
    expect(allows(s, req('iam:PassRole', 'arn:aws:iam::123456789012:role/x'))).toBe(false);
  });
});

describe('resources', () => {
  it('match ARNs part by part with * and ?', () => {
    expect(allows(allow({ Resource: 'arn:aws:ec2:*::image/*' }), req('ec2:CopyImage', IMAGE))).toBe(true);
    expect(allows(allow({ Resource: 'arn:aws:ec2:eu-west-?::image/ami-*' }), req('x:Y', IMAGE))).toBe(true);
    expect(allows(allow({ Resource: 'arn:aws:ec2:us-*::image/*' }), req('x:Y', IMAGE))).toBe(false);
    // An account in the pattern does not match an image ARN, which has none.
    expect(allows(allow({ Resource: 'arn:aws:ec2:*:123456789012:image/*' }), req('x:Y', IMAGE))).toBe(false);
    expect(allows(allow({ Resource: 'arn:aws:ec2:*:*:instance/*' }), req('x:Y', INSTANCE))).toBe(true);
    expect(allows(allow({ Resource: 'arn:aws:ec2:*:*:volume/*' }), req('x:Y', INSTANCE))).toBe(false);
  });

  it('case matters in resources but not in actions', () => {
    expect(
      allows(
        allow({ Resource: 'arn:aws:ssm:*:*:parameter/App/*' }),
        req('ssm:GetParameter', 'arn:aws:ssm:us-east-1:1:parameter/app/x'),
      ),
    ).toBe(false);
  });

  it('an ARN pattern does not cover an action without resource-level permissions (Resource *)', () => {
    expect(allows(allow({ Resource: 'arn:aws:ec2:*:*:*' }), req('ec2:DescribeImages', '*'))).toBe(false);
  });

  it('NotResource allows every resource except the listed ones', () => {
    const s = { Effect: 'Allow', Action: '*', NotResource: 'arn:aws:ec2:*:*:instance/*' };
    expect(allows(s, req('ec2:CopyImage', IMAGE))).toBe(true);
    expect(allows(s, req('ec2:TerminateInstances', INSTANCE))).toBe(false);
  });
});

describe('evaluation', () => {
  it('an explicit Deny wins over any Allow', () => {
    const policy = parsePolicy({
      Statement: [allow({}), { Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' }],
    });
    expect(evaluate(policy, req('ec2:TerminateInstances', INSTANCE))).toMatchObject({
      allowed: false,
      explicitDeny: true,
    });
    expect(evaluate(policy, req('ec2:StopInstances', INSTANCE)).allowed).toBe(true);
  });

  it('denies by default when no statement matches', () => {
    const policy = parsePolicy({ Statement: { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' } });
    expect(evaluate(policy, req('ssm:PutParameter', '*'))).toEqual({ allowed: false, explicitDeny: false });
  });

  it('a Deny whose condition does not hold does not deny', () => {
    const statement = [
      allow({}),
      {
        Effect: 'Deny',
        Action: 'ec2:TerminateInstances',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:ResourceTag/ami-action:run-id': '42' } },
      },
    ];
    expect(
      allows(
        statement,
        req('ec2:TerminateInstances', INSTANCE, resourceTags([{ Key: 'ami-action:run-id', Value: '42' }])),
      ),
    ).toBe(true);
    expect(
      allows(
        statement,
        req('ec2:TerminateInstances', INSTANCE, resourceTags([{ Key: 'ami-action:run-id', Value: '7' }])),
      ),
    ).toBe(false);
    expect(allows(statement, req('ec2:TerminateInstances', INSTANCE))).toBe(false);
  });
});

describe('condition operators', () => {
  const tagged = (value?: string) =>
    req(
      'ec2:TerminateInstances',
      INSTANCE,
      value === undefined
        ? {}
        : resourceTags([{ Key: 'ami-action:run-id', Value: value }], ['aws:ResourceTag', 'ec2:ResourceTag']),
    );
  const when = (Condition: unknown) => allow({ Condition });

  it('StringEquals: any listed value, absent key fails; key names ignore case', () => {
    const s = when({ StringEquals: { 'aws:ResourceTag/ami-action:run-id': ['41', '42'] } });
    expect(allows(s, tagged('42'))).toBe(true);
    expect(allows(s, tagged('43'))).toBe(false);
    expect(allows(s, tagged())).toBe(false);
    expect(allows(when({ StringEquals: { 'AWS:resourcetag/AMI-ACTION:RUN-ID': '42' } }), tagged('42'))).toBe(
      true,
    );
    expect(allows(when({ StringEquals: { 'ec2:ResourceTag/ami-action:run-id': '42' } }), tagged('42'))).toBe(
      true,
    );
  });

  it('StringLike with wildcards; StringNotEquals holds when the key is absent', () => {
    expect(allows(when({ StringLike: { 'aws:ResourceTag/ami-action:run-id': '4*' } }), tagged('42'))).toBe(
      true,
    );
    expect(allows(when({ StringLike: { 'aws:ResourceTag/ami-action:run-id': '4?' } }), tagged('420'))).toBe(
      false,
    );
    expect(allows(when({ StringNotEquals: { 'aws:ResourceTag/ami-action:run-id': '42' } }), tagged())).toBe(
      true,
    );
    expect(
      allows(when({ StringNotEquals: { 'aws:ResourceTag/ami-action:run-id': '42' } }), tagged('42')),
    ).toBe(false);
    expect(allows(when({ StringNotLike: { 'aws:ResourceTag/ami-action:run-id': '4*' } }), tagged('7'))).toBe(
      true,
    );
  });

  it('IfExists: an absent key passes, a present one must match', () => {
    const s = when({ StringEqualsIfExists: { 'aws:ResourceTag/ami-action:run-id': '42' } });
    expect(allows(s, tagged())).toBe(true);
    expect(allows(s, tagged('42'))).toBe(true);
    expect(allows(s, tagged('7'))).toBe(false);
  });

  it('ArnLike and ArnEquals', () => {
    const role = req(
      'iam:PassRole',
      'arn:aws:iam::123456789012:role/x',
      keys({ 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/ami-pipeline' }),
    );
    expect(allows(when({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ami-*' } }), role)).toBe(true);
    expect(
      allows(
        when({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/ami-pipeline' } }),
        role,
      ),
    ).toBe(true);
    expect(allows(when({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deploy' } }), role)).toBe(false);
    expect(allows(when({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/deploy' } }), role)).toBe(
      true,
    );
  });

  it('Bool compares true/false without case', () => {
    const grant = (v: string) => req('kms:CreateGrant', '*', keys({ 'kms:GrantIsForAWSResource': v }));
    const s = when({ Bool: { 'kms:GrantIsForAWSResource': true } });
    expect(allows(s, grant('true'))).toBe(true);
    expect(allows(s, grant('false'))).toBe(false);
    expect(allows(s, req('kms:CreateGrant', '*'))).toBe(false);
    expect(allows(when({ Bool: { 'kms:GrantIsForAWSResource': 'TRUE' } }), grant('true'))).toBe(true);
  });

  it('Null: "true" wants the key absent, "false" present', () => {
    const tagging = req('ec2:CreateTags', '*', requestTags([{ Key: 'Name', Value: 'x' }]));
    expect(allows(when({ Null: { 'aws:RequestTag/Name': 'false' } }), tagging)).toBe(true);
    expect(allows(when({ Null: { 'aws:RequestTag/Name': 'true' } }), tagging)).toBe(false);
    expect(allows(when({ Null: { 'aws:RequestTag/Owner': 'true' } }), tagging)).toBe(true);
  });

  it('ForAnyValue and ForAllValues over aws:TagKeys', () => {
    const tags = (...k: string[]) =>
      req('ec2:CreateTags', '*', requestTags(k.map((Key) => ({ Key, Value: 'v' }))));
    const any = when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['ami-action:run-id'] } });
    expect(allows(any, tags('Name', 'ami-action:run-id'))).toBe(true);
    expect(allows(any, tags('Name'))).toBe(false);
    expect(allows(any, tags())).toBe(false);
    const all = when({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['ami-action:*', 'Name'] } });
    expect(allows(all, tags('Name', 'ami-action:run-id'))).toBe(true);
    expect(allows(all, tags('Name', 'Owner'))).toBe(false);
    expect(allows(all, tags())).toBe(true);
  });

  it('several keys and operators must all hold; several values are alternatives', () => {
    const s = when({
      StringEquals: {
        'kms:ViaService': ['ec2.us-east-1.amazonaws.com', 'ec2.eu-west-1.amazonaws.com'],
        'kms:CallerAccount': '123456789012',
      },
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
    });
    const ctx = (via: string, account: string, grant: string) =>
      req(
        'kms:CreateGrant',
        '*',
        keys({ 'kms:ViaService': via, 'kms:CallerAccount': account, 'kms:GrantIsForAWSResource': grant }),
      );
    expect(allows(s, ctx('ec2.eu-west-1.amazonaws.com', '123456789012', 'true'))).toBe(true);
    expect(allows(s, ctx('ec2.ap-southeast-2.amazonaws.com', '123456789012', 'true'))).toBe(false);
    expect(allows(s, ctx('ec2.eu-west-1.amazonaws.com', '999999999999', 'true'))).toBe(false);
    expect(allows(s, ctx('ec2.eu-west-1.amazonaws.com', '123456789012', 'false'))).toBe(false);
  });
});

describe('policy variables', () => {
  it('take the request value in resources and condition values; a missing key matches nothing', () => {
    const ctx = keys({ 'aws:PrincipalAccount': '123456789012' });
    const ACCOUNT = '$' + '{aws:PrincipalAccount}';
    const own = allow({ Resource: `arn:aws:ec2:*:${ACCOUNT}:instance/*` });
    expect(allows(own, req('ec2:StopInstances', INSTANCE, ctx))).toBe(true);
    expect(allows(own, req('ec2:StopInstances', INSTANCE.replace('123456789012', '111122223333'), ctx))).toBe(
      false,
    );
    expect(allows(own, req('ec2:StopInstances', INSTANCE))).toBe(false);
    const cond = allow({ Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } });
    expect(
      allows(cond, req('kms:Decrypt', '*', { ...ctx, ...keys({ 'kms:CallerAccount': '123456789012' }) })),
    ).toBe(true);
    expect(
      allows(cond, req('kms:Decrypt', '*', { ...ctx, ...keys({ 'kms:CallerAccount': '999999999999' }) })),
    ).toBe(false);
  });
});

describe('policy grammar', () => {
  it.each([
    [
      {
        Statement: [
          { Effect: 'Allow', Action: 'x:Y', Resource: '*', Condition: { StringEqual: { k: 'v' } } },
        ],
      },
      /unknown condition operator StringEqual/,
    ],
    [{ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'x:Y', Resource: '*' }] }, /Principal/],
    [{ Statement: [{ Effect: 'Permit', Action: 'x:Y', Resource: '*' }] }, /Effect/],
    [
      { Statement: [{ Effect: 'Allow', Action: 'x:Y', NotAction: 'x:Z', Resource: '*' }] },
      /exactly one of Action/,
    ],
    [{ Statement: [{ Effect: 'Allow', Action: 'x:Y' }] }, /exactly one of Resource/],
    [{ Statement: [{ Effect: 'Allow', Action: 'RunInstances', Resource: '*' }] }, /not an action/],
    [{ Statement: [] }, /at least one Statement/],
    [{ Version: '2020-01-01', Statement: [allow({})] }, /Version/],
  ])('rejects %j', (doc, message) => {
    expect(() => parsePolicy(doc)).toThrow(message);
  });

  it('accepts single values where lists are allowed', () => {
    const p = parsePolicy({
      Version: '2012-10-17',
      Statement: {
        Sid: 'A',
        Effect: 'Allow',
        Action: 'x:Y',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': true } },
      },
    });
    expect(p.Statement[0]).toEqual({
      Sid: 'A',
      Effect: 'Allow',
      Action: ['x:Y'],
      Resource: ['*'],
      Condition: { Bool: { 'aws:SecureTransport': ['true'] } },
    });
  });
});
