import { describe, expect, it } from 'vitest';
import {
  evaluate,
  evaluateCondition,
  evaluateValue,
  interpolate,
  toValue,
} from '../../scripts/lib/workflow/expressions.js';
import { expandMatrix, legName } from '../../scripts/lib/workflow/matrix.js';

const ok = { success: true, failure: false };
const accounts =
  '{"210987654321":{"us-east-1":"ami-0aaa","eu-west-1":"ami-0bbb"},"345678901234":{"us-east-1":"ami-0ccc"}}';
const contexts = {
  needs: { publish: { result: 'success', outputs: { accounts } } },
  matrix: { shard: 2, accounts: '210987654321,345678901234' },
  vars: { DEPLOY_ACCOUNT: '345678901234' },
  env: { STAGE: 'production' },
  inputs: { replicas: 3, dry: false },
};
/** `${{ <expression> }}`, as a workflow writes it. */
const x = (expression: string) => `\${{ ${expression} }}`;
const value = (expression: string) => toValue(evaluate(expression, contexts, ok));

describe('workflow expressions', () => {
  it('fromJSON, toJSON and index and property access into job outputs', () => {
    expect(value("fromJSON(needs.publish.outputs.accounts)['210987654321']['us-east-1']")).toBe('ami-0aaa');
    expect(value('fromJSON(needs.publish.outputs.accounts)[vars.DEPLOY_ACCOUNT]')).toEqual({
      'us-east-1': 'ami-0ccc',
    });
    expect(value("fromJSON(needs.publish.outputs.accounts).*['us-east-1']")).toEqual([
      'ami-0aaa',
      'ami-0ccc',
    ]);
    expect(value('matrix.shard')).toBe(2);
    expect(value('matrix.missing')).toBeNull();
    // toJSON pretty-prints, as GitHub's does; a deploy `amis` input parses it back.
    const json = value("toJSON(fromJSON(needs.publish.outputs.accounts)['210987654321'])") as string;
    expect(json).toContain('\n');
    expect(JSON.parse(json)).toEqual({ 'us-east-1': 'ami-0aaa', 'eu-west-1': 'ami-0bbb' });
    expect(() => value("fromJSON('')")).toThrow();
  });

  it('format, join, contains, startsWith, endsWith (case-insensitive, as GitHub compares)', () => {
    expect(value("format('{0}/{1}-{{literal}}', env.STAGE, matrix.shard)")).toBe('production/2-{literal}');
    expect(value('join(fromJSON(\'["a","b"]\'), \', \')')).toBe('a, b');
    expect(value("join('single')")).toBe('single');
    expect(value("contains(matrix.accounts, '345678901234')")).toBe(true);
    expect(value("contains(fromJSON('[\"us-east-1\"]'), 'US-EAST-1')")).toBe(true);
    expect(value("startsWith(env.STAGE, 'PROD') && endsWith(env.STAGE, 'tion')")).toBe(true);
    expect(value('inputs.replicas > 2 && !inputs.dry')).toBe(true);
  });

  it('a value that is one expression keeps its type; text around it makes a string', () => {
    expect(evaluateValue(x('fromJSON(needs.publish.outputs.accounts)'), contexts, ok)).toEqual(
      JSON.parse(accounts),
    );
    expect(evaluateValue(x('inputs.replicas'), contexts, ok)).toBe(3);
    expect(evaluateValue(`shard-${x('matrix.shard')}`, contexts, ok)).toBe('shard-2');
    expect(
      evaluateValue({ 'fail-fast': x('inputs.dry'), matrix: { n: [x('matrix.shard'), 'x'] } }, contexts, ok),
    ).toEqual({ 'fail-fast': false, matrix: { n: [2, 'x'] } });
    expect(interpolate(x('fromJSON(needs.publish.outputs.accounts)'), contexts, ok)).toBe('Object');
    expect(interpolate(`${x('inputs.replicas')} of ${x('inputs.dry')}`, contexts, ok)).toBe('3 of false');
  });

  it('conditions: success() unless a status function is named, failure() and cancelled()', () => {
    const failed = { success: false, failure: true };
    expect(evaluateCondition(undefined, contexts, ok)).toBe(true);
    expect(evaluateCondition("env.STAGE == 'production'", contexts, failed)).toBe(false);
    expect(evaluateCondition("failure() && env.STAGE == 'production'", contexts, failed)).toBe(true);
    expect(evaluateCondition(x('always()'), contexts, { ...failed, cancelled: true })).toBe(true);
    expect(evaluateCondition('success()', contexts, { ...ok, cancelled: true })).toBe(false);
    expect(evaluateCondition('cancelled()', contexts, { ...ok, cancelled: true })).toBe(true);
    expect(evaluateCondition('!cancelled()', contexts, ok)).toBe(true);
  });
});

describe('matrix expansion', () => {
  it('multiplies the vectors in the order written', () => {
    expect(expandMatrix({ os: ['a', 'b'], n: [1, 2] })).toEqual([
      { os: 'a', n: 1 },
      { os: 'a', n: 2 },
      { os: 'b', n: 1 },
      { os: 'b', n: 2 },
    ]);
  });

  it('include and exclude as GitHub documents them', () => {
    // docs.github.com, "Expanding or adding matrix configurations".
    expect(
      expandMatrix({
        fruit: ['apple', 'pear'],
        animal: ['cat', 'dog'],
        include: [
          { color: 'green' },
          { color: 'pink', animal: 'cat' },
          { fruit: 'apple', shape: 'circle' },
          { fruit: 'banana' },
          { fruit: 'banana', animal: 'cat' },
        ],
      }),
    ).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
    expect(expandMatrix({ os: ['a', 'b'], n: [1, 2], exclude: [{ os: 'b', n: 2 }, { os: 'a' }] })).toEqual([
      { os: 'b', n: 1 },
    ]);
  });

  it('a matrix of only include entries (as a first job writes it), and its job names', () => {
    const combinations = expandMatrix({
      include: [
        { shard: 1, accounts: '111111111111,222222222222' },
        { shard: 2, accounts: '333333333333' },
      ],
    });
    expect(combinations).toEqual([
      { shard: 1, accounts: '111111111111,222222222222' },
      { shard: 2, accounts: '333333333333' },
    ]);
    expect(legName('publish', combinations[1])).toBe('publish (2, 333333333333)');
  });

  it('refuses an empty vector, an empty matrix and more than 256 jobs', () => {
    expect(() => expandMatrix({ shard: [] })).toThrow("Matrix vector 'shard' does not contain any values");
    expect(() => expandMatrix({ include: [] })).toThrow(/no combinations/);
    expect(() =>
      expandMatrix({
        a: Array.from({ length: 17 }, (_, i) => i),
        b: Array.from({ length: 16 }, (_, i) => i),
      }),
    ).toThrow(/at most 256/);
    expect(() => expandMatrix('shards')).toThrow(/mapping/);
  });
});
