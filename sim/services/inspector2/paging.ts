/** Inspector2 paging (`maxResults` / `nextToken`), with the validation errors its Smithy model answers. */
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

/** ListCoverage: 1 to 200 a page. */
export const COVERAGE_PAGES: Paging = pages(INSPECTOR2_PAGES, 1, 200, 100);
/** ListFindings: 1 to 100 a page. */
export const FINDING_PAGES: Paging = pages(INSPECTOR2_PAGES, 1, 100, 50);
