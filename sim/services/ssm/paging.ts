/** SSM's MaxResults / NextToken: out-of-range sizes are ValidationException, bad tokens InvalidNextToken. */
import { AwsError } from '../../core/types.js';
import { decodeToken, encodeToken } from '../ec2/pagination.js';

export function page<T>(items: T[], maxResults: unknown, nextToken: unknown, max: number, dflt = max) {
  const size = maxResults === undefined ? dflt : Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
  const start = nextToken ? decodeToken(String(nextToken), 'InvalidNextToken') : 0;
  const end = start + size;
  return { items: items.slice(start, end), NextToken: end < items.length ? encodeToken(end) : undefined };
}
