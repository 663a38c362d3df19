/**
 * Paging of an already filtered, ordered list, in each service's own style: which input members
 * carry the page size and the token, the allowed sizes, the default size, and the errors AWS answers
 * for a size out of range or a token it never issued. Tokens are opaque to callers (an offset).
 */
import { AwsError } from './types.js';

export interface PageLimits {
  /** Smallest and largest page size a caller may ask for. */
  min: number;
  max: number;
  /** Page size when the caller asks for none; none: the rest of the list in one page. */
  default?: number;
  /** A size above `max` is answered with `max` items instead of an error (EC2 snapshots, volumes). */
  capAbove?: boolean;
}

export interface PageStyle {
  /** Input members carrying the page size and the token (SDK member names). */
  readonly sizeMember: string;
  readonly tokenMember: string;
  sizeError(size: unknown, limits: PageLimits): AwsError;
  tokenError(token: string): AwsError;
}

export interface Paging extends PageLimits {
  style: PageStyle;
}

export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** The offset a token names, or undefined when it is not one the simulator issued. */
export function decodeToken(token: string): number | undefined {
  try {
    const o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).o;
    if (Number.isInteger(o) && o >= 0) return o;
  } catch {
    // not ours
  }
  return undefined;
}

/** One page of `items` as `input` asks for it; `next` is the token of the following page, if any. */
export function paginate<T>(items: T[], input: object, paging: Paging): { page: T[]; next?: string } {
  const { style } = paging;
  const asked = (input as Record<string, unknown>)[style.sizeMember];
  const rawToken = (input as Record<string, unknown>)[style.tokenMember];
  let size: number | undefined;
  if (asked !== undefined && asked !== null) {
    size = Number(asked);
    if (paging.capAbove && size > paging.max) size = paging.max;
    if (!Number.isInteger(size) || size < paging.min || size > paging.max) {
      throw style.sizeError(asked, paging);
    }
  } else {
    size = paging.default;
  }
  let start = 0;
  if (rawToken !== undefined && rawToken !== null && rawToken !== '') {
    const offset = decodeToken(String(rawToken));
    if (offset === undefined) throw style.tokenError(String(rawToken));
    start = offset;
  }
  if (size === undefined) return { page: items.slice(start) };
  const end = start + size;
  return { page: items.slice(start, end), next: end < items.length ? encodeToken(end) : undefined };
}

const invalidToken = (code: string) => (token: string) =>
  new AwsError(code, `The pagination token '${token}' is invalid.`);

/** Smithy's length/range validation message, as the JSON and query services answer it. */
function rangeMessage(member: string, size: unknown, { min, max }: PageLimits): string {
  const n = Number(size);
  const bound =
    n > max
      ? `Member must have value less than or equal to ${max}`
      : `Member must have value greater than or equal to ${min}`;
  return `1 validation error detected: Value '${size}' at '${member}' failed to satisfy constraint: ${bound}`;
}

/** EC2 (`MaxResults` / `NextToken`). */
export const EC2_PAGES: PageStyle = {
  sizeMember: 'MaxResults',
  tokenMember: 'NextToken',
  sizeError: (size, { min, max }) =>
    new AwsError(
      'InvalidParameterValue',
      `Value ( ${size} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`,
    ),
  tokenError: invalidToken('InvalidPaginationToken'),
};

/** Systems Manager (`MaxResults` / `NextToken`). */
export const SSM_PAGES: PageStyle = {
  sizeMember: 'MaxResults',
  tokenMember: 'NextToken',
  sizeError: (size, limits) => new AwsError('ValidationException', rangeMessage('maxResults', size, limits)),
  tokenError: invalidToken('InvalidNextToken'),
};

/** Auto Scaling (`MaxRecords` / `NextToken`): query services answer Smithy's validation as ValidationError. */
export const AUTOSCALING_PAGES: PageStyle = {
  sizeMember: 'MaxRecords',
  tokenMember: 'NextToken',
  sizeError: (size, limits) => new AwsError('ValidationError', rangeMessage('maxRecords', size, limits)),
  tokenError: invalidToken('InvalidNextToken'),
};

/** Elastic Load Balancing v2 (`PageSize` / `Marker`). */
export const ELBV2_PAGES: PageStyle = {
  sizeMember: 'PageSize',
  tokenMember: 'Marker',
  sizeError: (size, limits) => new AwsError('ValidationError', rangeMessage('pageSize', size, limits)),
  tokenError: invalidToken('ValidationError'),
};

/** CloudWatch (`MaxRecords` / `NextToken`). */
export const CLOUDWATCH_PAGES: PageStyle = {
  sizeMember: 'MaxRecords',
  tokenMember: 'NextToken',
  sizeError: (_size, { min, max }) =>
    new AwsError('InvalidParameterValue', `MaxRecords must be between ${min} and ${max}.`),
  tokenError: invalidToken('InvalidNextToken'),
};

/** KMS (`Limit` / `Marker`). */
export const KMS_PAGES: PageStyle = {
  sizeMember: 'Limit',
  tokenMember: 'Marker',
  sizeError: (size) =>
    new AwsError('ValidationException', `1 validation error detected: Value '${size}' at 'limit' failed`),
  tokenError: () => new AwsError('InvalidMarkerException', 'Invalid marker'),
};

/** The paging of one operation: its service's style, its size range and its default size. */
export function pages(
  style: PageStyle,
  min: number,
  max: number,
  dflt?: number,
  options: { capAbove?: boolean } = {},
): Paging {
  return { style, min, max, default: dflt, ...options };
}
