/** MaxResults / NextToken paging over an already filtered list. Tokens are opaque to the caller. */
import { AwsError } from '../../core/types.js';

export interface PageOptions {
  min?: number;
  max?: number;
  /** Error code for a bad token. */
  tokenError?: string;
}

export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeToken(token: string, code = 'InvalidPaginationToken'): number {
  try {
    const o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).o;
    if (Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new AwsError(code, `The pagination token '${token}' is invalid.`);
}

export function paginate<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  opts: PageOptions = {},
): { page: T[]; nextToken?: string } {
  const { min = 5, max = 1000 } = opts;
  if (maxResults !== undefined && (maxResults < min || maxResults > max)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`,
    );
  }
  const start = nextToken ? decodeToken(nextToken, opts.tokenError) : 0;
  if (maxResults === undefined) return { page: items.slice(start) };
  const end = start + maxResults;
  return { page: items.slice(start, end), nextToken: end < items.length ? encodeToken(end) : undefined };
}
