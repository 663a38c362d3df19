/** SSM Parameter Store through the real SDK v3 client. */
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterVersionNotFound,
  PutParameterCommand,
  paginateGetParameterHistory,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { DEFAULT_ARM64_AMI_ID, DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { AL2023_ARM64_PARAMETER, AL2023_X86_PARAMETER } from '../../sim/services/ssm/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
const ssm = (region = 'us-east-1') => new SSMClient({ ...aws.sdkConfig(region), maxAttempts: 1 });

beforeEach(() => aws.reset());

describe('public parameters', () => {
  it('resolve the latest Amazon Linux 2023 AMIs, owned by AWS', async () => {
    const { Parameter } = await ssm().send(new GetParameterCommand({ Name: AL2023_X86_PARAMETER }));
    expect(Parameter).toMatchObject({
      Value: DEFAULT_BASE_AMI_ID,
      DataType: 'aws:ec2:image',
      Type: 'String',
    });
    expect(Parameter!.ARN).toBe(`arn:aws:ssm:us-east-1::parameter${AL2023_X86_PARAMETER}`);
    const arm = await ssm().send(new GetParameterCommand({ Name: AL2023_ARM64_PARAMETER }));
    expect(arm.Parameter!.Value).toBe(DEFAULT_ARM64_AMI_ID);
    const path = await ssm().send(
      new GetParametersByPathCommand({ Path: '/aws/service/ami-amazon-linux-latest' }),
    );
    expect(path.Parameters).toHaveLength(2);
  });
});

describe('PutParameter / GetParameter', () => {
  it('versions, overwrites, and refuses duplicates and tags with overwrite', async () => {
    const c = ssm();
    expect(
      (await c.send(new PutParameterCommand({ Name: '/app/ami', Value: 'v1', Type: 'String' }))).Version,
    ).toBe(1);
    await expect(
      c.send(new PutParameterCommand({ Name: '/app/ami', Value: 'v2', Type: 'String' })),
    ).rejects.toBeInstanceOf(ParameterAlreadyExists);
    await expect(
      c.send(
        new PutParameterCommand({
          Name: '/app/ami',
          Value: 'v2',
          Overwrite: true,
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    expect(
      (await c.send(new PutParameterCommand({ Name: '/app/ami', Value: 'v2', Overwrite: true }))).Version,
    ).toBe(2);
    expect((await c.send(new GetParameterCommand({ Name: '/app/ami' }))).Parameter).toMatchObject({
      Value: 'v2',
      Version: 2,
    });
    expect((await c.send(new GetParameterCommand({ Name: '/app/ami:1' }))).Parameter).toMatchObject({
      Value: 'v1',
      Selector: ':1',
    });
    await expect(c.send(new GetParameterCommand({ Name: '/app/ami:9' }))).rejects.toBeInstanceOf(
      ParameterVersionNotFound,
    );
    await expect(c.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
    await expect(
      c.send(new PutParameterCommand({ Name: '/aws/x', Value: 'v', Type: 'String' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const many = await c.send(new GetParametersCommand({ Names: ['/app/ami', '/nope'] }));
    expect(many.Parameters!.map((p) => p.Name)).toEqual(['/app/ami']);
    expect(many.InvalidParameters).toEqual(['/nope']);
  });

  it('validates aws:ec2:image values after the call: unavailable images never become a version', async () => {
    const c = ssm();
    const put = await c.send(
      new PutParameterCommand({
        Name: '/app/image',
        Value: DEFAULT_BASE_AMI_ID,
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    );
    expect(put.Version).toBe(1);
    await expect(c.send(new GetParameterCommand({ Name: '/app/image' }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
    await aws.advance(DURATIONS.parameterImageValidationSeconds);
    expect((await c.send(new GetParameterCommand({ Name: '/app/image' }))).Parameter!.Value).toBe(
      DEFAULT_BASE_AMI_ID,
    );
    await c.send(
      new PutParameterCommand({
        Name: '/app/image',
        Value: 'ami-00000000000000000',
        Overwrite: true,
        DataType: 'aws:ec2:image',
      }),
    );
    await aws.advance(DURATIONS.parameterImageValidationSeconds);
    const after = await c.send(new GetParameterCommand({ Name: '/app/image' }));
    expect(after.Parameter).toMatchObject({ Value: DEFAULT_BASE_AMI_ID, Version: 1 });
    await expect(
      c.send(
        new PutParameterCommand({
          Name: '/app/bad',
          Value: 'not-an-ami',
          Type: 'String',
          DataType: 'aws:ec2:image',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('history, labels, tags, delete', () => {
  it('pages history and moves labels; invalid labels come back, not as errors', async () => {
    const c = ssm();
    await c.send(new PutParameterCommand({ Name: '/app/v', Value: 'v1', Type: 'String' }));
    for (let v = 2; v <= 7; v++)
      await c.send(new PutParameterCommand({ Name: '/app/v', Value: `v${v}`, Overwrite: true }));
    const versions: number[] = [];
    for await (const page of paginateGetParameterHistory({ client: c, pageSize: 3 }, { Name: '/app/v' })) {
      versions.push(...page.Parameters!.map((p) => p.Version!));
    }
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const labelled = await c.send(
      new LabelParameterVersionCommand({
        Name: '/app/v',
        ParameterVersion: 2,
        Labels: ['prod', '1bad', 'awsx'],
      }),
    );
    expect(labelled).toMatchObject({ ParameterVersion: 2, InvalidLabels: ['1bad', 'awsx'] });
    await c.send(new LabelParameterVersionCommand({ Name: '/app/v', ParameterVersion: 5, Labels: ['prod'] }));
    expect((await c.send(new GetParameterCommand({ Name: '/app/v:prod' }))).Parameter!.Version).toBe(5);
    const hist = await c.send(new GetParameterHistoryCommand({ Name: '/app/v' }));
    expect(hist.Parameters!.find((p) => p.Version === 2)!.Labels).toEqual([]);
  });

  it('tags parameters and deletes them', async () => {
    const c = ssm();
    await c.send(
      new PutParameterCommand({
        Name: '/app/t',
        Value: 'x',
        Type: 'String',
        Tags: [{ Key: 'a', Value: '1' }],
      }),
    );
    await c.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/app/t',
        Tags: [{ Key: 'b', Value: '2' }],
      }),
    );
    const tags = await c.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/app/t' }),
    );
    expect(tags.TagList).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    await c.send(new DeleteParameterCommand({ Name: '/app/t' }));
    await expect(c.send(new DeleteParameterCommand({ Name: '/app/t' }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
    await expect(
      c.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/app/t' })),
    ).rejects.toMatchObject({ name: 'InvalidResourceId' });
  });
});
