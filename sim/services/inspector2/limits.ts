/**
 * The Amazon Inspector (v2) limits the simulator enforces, each from the Inspector API Reference (see
 * sim/LIMITS.md): page sizes (`maxResults` / `nextToken`), with the validation error its model answers.
 */
import { type PageStyle, type Paging, pages } from '../../core/pagination.js';
import { AwsError } from '../../core/types.js';

const INSPECTOR2_PAGES: PageStyle = {
  sizeMember: 'maxResults',
  tokenMember: 'nextToken',
  sizeError: (size, { min, max }) =>
    new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${size}' at 'maxResults' failed to satisfy constraint: Member must have value ${Number(size) > max ? `less than or equal to ${max}` : `greater than or equal to ${min}`}`,
    ),
  tokenError: () => new AwsError('ValidationException', 'The nextToken is not valid.'),
};

/** maxResults per list call; neither call documents a default: the simulator answers 100 and 50. */
export const INSPECTOR2_PAGING: Record<'ListCoverage' | 'ListFindings', Paging> = {
  ListCoverage: pages(INSPECTOR2_PAGES, 1, 200, 100),
  ListFindings: pages(INSPECTOR2_PAGES, 1, 100, 50),
};
