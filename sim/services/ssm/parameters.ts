/** Parameter Store: Put/Get/GetParameters/ByPath/History/Label/Unlabel/Delete/Describe. */
import type {
  DeleteParameterCommandInput,
  DeleteParameterCommandOutput,
  DeleteParametersCommandInput,
  DeleteParametersCommandOutput,
  DescribeParametersCommandInput,
  DescribeParametersCommandOutput,
  GetParameterCommandInput,
  GetParameterCommandOutput,
  GetParameterHistoryCommandInput,
  GetParameterHistoryCommandOutput,
  GetParametersByPathCommandInput,
  GetParametersByPathCommandOutput,
  GetParametersCommandInput,
  GetParametersCommandOutput,
  LabelParameterVersionCommandInput,
  LabelParameterVersionCommandOutput,
  ParameterStringFilter,
  ParameterTier,
  PutParameterCommandInput,
  PutParameterCommandOutput,
  UnlabelParameterVersionCommandInput,
  UnlabelParameterVersionCommandOutput,
} from '@aws-sdk/client-ssm';
import { paginate } from '../../core/pagination.js';
import { DURATIONS, isoAfter } from '../../core/time.js';
import { AwsError, type CallContext, type Handler } from '../../core/types.js';
import { MAX_LABELS_PER_VERSION, SSM_PAGING } from './limits.js';
import {
  labelProblem,
  lookup,
  notFound,
  parameterArn,
  pushVersion,
  selectVersion,
  splitSelector,
  validateName,
  visibleVersions,
} from './parameter-store.js';
import { type ParameterRecord, type ParameterVersion, ssmRegion } from './state.js';
import { checkTags } from './tags.js';

const TYPES = ['String', 'StringList', 'SecureString'];
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
const MAX_VALUE = { Standard: 4096, Advanced: 8192, 'Intelligent-Tiering': 8192 } as Record<string, number>;
const AMI_VALUE = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

function fakeCiphertext(value: string): string {
  return Buffer.concat([Buffer.from([1, 2, 2, 0, 120]), Buffer.from(value)]).toString('base64');
}

function valueFor(v: ParameterVersion, decrypt: boolean): string {
  return v.Type === 'SecureString' && !decrypt ? fakeCiphertext(v.Value) : v.Value;
}

function checkPut(input: PutParameterCommandInput, existing: ParameterRecord | undefined) {
  const type = input.Type ?? existing?.versions.at(-1)?.Type;
  if (!type)
    throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.');
  if (!TYPES.includes(type))
    throw new AwsError('UnsupportedParameterType', `Parameter type ${type} is not supported.`);
  const dataType = input.DataType ?? existing?.versions.at(-1)?.DataType ?? 'text';
  if (!DATA_TYPES.includes(dataType)) {
    throw new AwsError(
      'ValidationException',
      `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
    );
  }
  const value = String(input.Value ?? '');
  const tier: ParameterTier = input.Tier === 'Advanced' ? 'Advanced' : 'Standard';
  if (!value.length || value.length > MAX_VALUE[tier]) {
    throw new AwsError(
      'ValidationException',
      `Parameter value must be between 1 and ${MAX_VALUE[tier]} characters for tier ${tier}.`,
    );
  }
  if (dataType === 'aws:ec2:image') {
    if (type !== 'String')
      throw new AwsError(
        'ValidationException',
        'The aws:ec2:image data type is only valid for String parameters.',
      );
    if (!AMI_VALUE.test(value)) {
      throw new AwsError(
        'ValidationException',
        `Parameter value, ${value}, must be in the format ami-12345abc or ami-12345abcdef01234.`,
      );
    }
  }
  if (input.AllowedPattern && !new RegExp(input.AllowedPattern).test(value)) {
    throw new AwsError(
      'ParameterPatternMismatchException',
      `Parameter value, ${value}, failed to satisfy constraint specified by AllowedPattern.`,
    );
  }
  return { type, dataType, value, tier };
}

export const PutParameter: Handler<PutParameterCommandInput, PutParameterCommandOutput> = (input, ctx) => {
  const name = String(input.Name ?? '');
  validateName(name, ctx.region, ctx.accountId);
  if (input.Tags?.length && input.Overwrite) {
    throw new AwsError(
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  const r = ssmRegion(ctx.sim, ctx.region);
  lookup(ctx.sim, ctx.region, name); // settles due validations
  const existing = r.parameters[name];
  if (existing && !input.Overwrite) {
    throw new AwsError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this request, set the overwrite option in the request to true.',
    );
  }
  const { type, dataType, value, tier } = checkPut(input, existing);
  const p: ParameterRecord = existing ?? {
    Name: name,
    Tags: checkTags([], input.Tags),
    versions: [],
    lastVersion: 0,
    rejected: [],
  };
  const now = ctx.sim.clock.nowMs();
  const prev = p.versions.at(-1);
  const version: ParameterVersion = {
    Version: p.lastVersion + 1,
    Value: value,
    Type: type,
    DataType: dataType,
    Description: input.Description ?? prev?.Description,
    KeyId: type === 'SecureString' ? (input.KeyId ?? prev?.KeyId ?? 'alias/aws/ssm') : undefined,
    AllowedPattern: input.AllowedPattern ?? prev?.AllowedPattern,
    Tier: tier,
    Labels: [],
    LastModifiedDate: new Date(now).toISOString(),
    LastModifiedUser: `arn:aws:iam::${ctx.accountId}:root`,
    validateAt:
      dataType === 'aws:ec2:image' ? isoAfter(now, DURATIONS.parameterImageValidationSeconds) : undefined,
  };
  pushVersion(p, version);
  p.lastVersion = version.Version;
  r.parameters[name] = p;
  return { Version: version.Version, Tier: tier };
};

function parameterOutput(
  ctx: CallContext,
  p: ParameterRecord,
  v: ParameterVersion,
  decrypt: boolean,
  selector?: string,
) {
  return {
    Name: p.Name,
    Type: v.Type,
    Value: valueFor(v, decrypt),
    Version: v.Version,
    Selector: selector === undefined ? undefined : `:${selector}`,
    LastModifiedDate: new Date(v.LastModifiedDate),
    ARN: parameterArn(ctx.region, ctx.accountId, p),
    DataType: v.DataType,
  };
}

function getOne(ctx: CallContext, ref: string, decrypt: boolean) {
  const { name, selector } = splitSelector(ref);
  const p = lookup(ctx.sim, ctx.region, name);
  if (!p) throw notFound(ref);
  return parameterOutput(ctx, p, selectVersion(p, selector), decrypt, selector);
}

export const GetParameter: Handler<GetParameterCommandInput, GetParameterCommandOutput> = (input, ctx) => {
  return { Parameter: getOne(ctx, String(input.Name ?? ''), !!input.WithDecryption) };
};

export const GetParameters: Handler<GetParametersCommandInput, GetParametersCommandOutput> = (input, ctx) => {
  const names: string[] = input.Names ?? [];
  if (!names.length || names.length > 10) {
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length between 1 and 10",
    );
  }
  const Parameters = [];
  const InvalidParameters: string[] = [];
  for (const n of names) {
    try {
      Parameters.push(getOne(ctx, n, !!input.WithDecryption));
    } catch (e) {
      const code = (e as AwsError).code;
      if (code !== 'ParameterNotFound' && code !== 'ParameterVersionNotFound') throw e;
      InvalidParameters.push(n);
    }
  }
  return { Parameters, InvalidParameters };
};

function allParameters(ctx: CallContext): ParameterRecord[] {
  const r = ssmRegion(ctx.sim, ctx.region);
  return Object.keys(r.parameters)
    .sort()
    .map((n) => lookup(ctx.sim, ctx.region, n))
    .filter((p): p is ParameterRecord => !!p);
}

type ParamFilter = ParameterStringFilter;

function latest(p: ParameterRecord): ParameterVersion {
  return visibleVersions(p).at(-1)!;
}

function filterMatches(p: ParameterRecord, f: ParamFilter): boolean {
  const v = latest(p);
  const values = f.Values ?? [];
  const opt = f.Option ?? 'Equals';
  const cmp = (actual: string | undefined) =>
    actual !== undefined &&
    values.some((x) =>
      opt === 'BeginsWith' ? actual.startsWith(x) : opt === 'Contains' ? actual.includes(x) : actual === x,
    );
  const key = f.Key ?? '';
  if (key.startsWith('tag:'))
    return p.Tags.some((t) => t.Key === key.slice(4) && (!values.length || values.includes(t.Value)));
  switch (key) {
    case 'Name':
      return cmp(p.Name) || cmp(p.Name.replace(/^\//, ''));
    case 'Type':
      return cmp(v.Type);
    case 'KeyId':
      return cmp(v.KeyId);
    case 'DataType':
      return cmp(v.DataType);
    case 'Tier':
      return cmp(v.Tier);
    case 'Label':
      return visibleVersions(p).some((x) => x.Labels.some((l) => values.includes(l)));
    case 'Path': {
      const path = values[0]?.replace(/\/$/, '') ?? '';
      const rest = p.Name.startsWith(`${path}/`) ? p.Name.slice(path.length + 1) : undefined;
      return rest !== undefined && (opt === 'Recursive' || !rest.includes('/'));
    }
    default:
      throw new AwsError('InvalidFilterKey', `The filter key ${f.Key} is not valid.`);
  }
}

export const GetParametersByPath: Handler<
  GetParametersByPathCommandInput,
  GetParametersByPathCommandOutput
> = (input, ctx) => {
  const path = String(input.Path ?? '');
  if (!path.startsWith('/'))
    throw new AwsError('ValidationException', `The parameter path ${path} must begin with a slash (/).`);
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const matched = allParameters(ctx).filter((p) => {
    if (!p.Name.startsWith(prefix)) return false;
    const rest = p.Name.slice(prefix.length);
    return input.Recursive || !rest.includes('/');
  });
  const filtered = matched.filter((p) => (input.ParameterFilters ?? []).every((f) => filterMatches(p, f)));
  const { page: items, next: NextToken } = paginate(filtered, input, SSM_PAGING.GetParametersByPath);
  return {
    Parameters: items.map((p) => parameterOutput(ctx, p, latest(p), !!input.WithDecryption)),
    NextToken,
  };
};

export const DescribeParameters: Handler<DescribeParametersCommandInput, DescribeParametersCommandOutput> = (
  input,
  ctx,
) => {
  const legacy: ParamFilter[] = (input.Filters ?? []).map((f) => ({ Key: f.Key ?? '', Values: f.Values }));
  const filters: ParamFilter[] = [...(input.ParameterFilters ?? []), ...legacy];
  const matched = allParameters(ctx)
    .filter((p) => !p.public)
    .filter((p) => filters.every((f) => filterMatches(p, f)));
  const { page: items, next: NextToken } = paginate(matched, input, SSM_PAGING.DescribeParameters);
  return {
    Parameters: items.map((p) => {
      const v = latest(p);
      return {
        Name: p.Name,
        ARN: parameterArn(ctx.region, ctx.accountId, p),
        Type: v.Type,
        KeyId: v.KeyId,
        LastModifiedDate: new Date(v.LastModifiedDate),
        LastModifiedUser: v.LastModifiedUser,
        Description: v.Description,
        AllowedPattern: v.AllowedPattern,
        Version: v.Version,
        Tier: v.Tier,
        Policies: [],
        DataType: v.DataType,
      };
    }),
    NextToken,
  };
};

function requireParameter(ctx: CallContext, name: unknown): ParameterRecord {
  const p = lookup(ctx.sim, ctx.region, String(name ?? ''));
  if (!p) throw notFound(String(name));
  return p;
}

export const GetParameterHistory: Handler<
  GetParameterHistoryCommandInput,
  GetParameterHistoryCommandOutput
> = (input, ctx) => {
  const p = requireParameter(ctx, input.Name);
  const { page: items, next: NextToken } = paginate(
    visibleVersions(p),
    input,
    SSM_PAGING.GetParameterHistory,
  );
  return {
    Parameters: items.map((v) => ({
      Name: p.Name,
      Type: v.Type,
      KeyId: v.KeyId,
      LastModifiedDate: new Date(v.LastModifiedDate),
      LastModifiedUser: v.LastModifiedUser,
      Description: v.Description,
      Value: valueFor(v, !!input.WithDecryption),
      AllowedPattern: v.AllowedPattern,
      Version: v.Version,
      Labels: v.Labels,
      Tier: v.Tier,
      Policies: [],
      DataType: v.DataType,
    })),
    NextToken,
  };
};

export const LabelParameterVersion: Handler<
  LabelParameterVersionCommandInput,
  LabelParameterVersionCommandOutput
> = (input, ctx) => {
  const p = requireParameter(ctx, input.Name);
  if (p.public) throw new AwsError('AccessDeniedException', `Parameter ${p.Name} is owned by AWS.`);
  const labels: string[] = input.Labels ?? [];
  if (!labels.length || labels.length > MAX_LABELS_PER_VERSION) {
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value at 'labels' failed to satisfy constraint: Member must have length between 1 and 10",
    );
  }
  const v = selectVersion(
    p,
    input.ParameterVersion === undefined ? undefined : String(input.ParameterVersion),
  );
  const invalid = labels.filter((l) => labelProblem(l));
  const valid = labels.filter((l) => !labelProblem(l));
  const total = new Set([...v.Labels, ...valid]);
  if (total.size > MAX_LABELS_PER_VERSION) {
    throw new AwsError(
      'ParameterVersionLabelLimitExceeded',
      `A parameter version can have maximum ${MAX_LABELS_PER_VERSION} labels. Move one or more labels to another version and try again.`,
    );
  }
  for (const other of p.versions)
    if (other !== v) other.Labels = other.Labels.filter((l) => !valid.includes(l));
  v.Labels = [...total];
  return { InvalidLabels: invalid, ParameterVersion: v.Version };
};

export const UnlabelParameterVersion: Handler<
  UnlabelParameterVersionCommandInput,
  UnlabelParameterVersionCommandOutput
> = (input, ctx) => {
  const p = requireParameter(ctx, input.Name);
  const v = selectVersion(p, String(input.ParameterVersion));
  const labels: string[] = input.Labels ?? [];
  const removed = labels.filter((l) => v.Labels.includes(l));
  v.Labels = v.Labels.filter((l) => !labels.includes(l));
  return { RemovedLabels: removed, InvalidLabels: labels.filter((l) => !removed.includes(l)) };
};

export const DeleteParameter: Handler<DeleteParameterCommandInput, DeleteParameterCommandOutput> = (
  input,
  ctx,
) => {
  const p = requireParameter(ctx, input.Name);
  if (p.public) throw new AwsError('AccessDeniedException', `Parameter ${p.Name} is owned by AWS.`);
  delete ssmRegion(ctx.sim, ctx.region).parameters[p.Name];
  return {};
};

export const DeleteParameters: Handler<DeleteParametersCommandInput, DeleteParametersCommandOutput> = (
  input,
  ctx,
) => {
  const DeletedParameters: string[] = [];
  const InvalidParameters: string[] = [];
  for (const n of input.Names ?? []) {
    const p = lookup(ctx.sim, ctx.region, n);
    if (!p || p.public) {
      InvalidParameters.push(n);
      continue;
    }
    delete ssmRegion(ctx.sim, ctx.region).parameters[p.Name];
    DeletedParameters.push(n);
  }
  return { DeletedParameters, InvalidParameters };
};
