/**
 * Inspector2's filter criteria: each key a list of filters (string filters with `comparison`
 * EQUALS, NOT_EQUALS or PREFIX and a `value`; date filters with `startInclusive` / `endInclusive`).
 * Filters of one key are ORed except NOT_EQUALS, which all must hold; keys are ANDed. A key the
 * simulator does not model is refused, rather than ignored (a silently wider answer would hide bugs).
 */
import { AwsError } from '../../core/types.js';

type StringFilter = { comparison?: string; value?: string };
type DateFilter = { startInclusive?: Date; endInclusive?: Date };

export type Fields = Record<string, string | string[] | Date | undefined>;

function matchesString(filters: StringFilter[], actual: string | string[] | undefined): boolean {
  const values = actual === undefined ? [] : [actual].flat();
  const negative = filters.filter((f) => f.comparison === 'NOT_EQUALS');
  const positive = filters.filter((f) => f.comparison !== 'NOT_EQUALS');
  if (negative.some((f) => values.includes(String(f.value)))) return false;
  if (positive.length === 0) return true;
  return positive.some((f) =>
    values.some((v) => (f.comparison === 'PREFIX' ? v.startsWith(String(f.value)) : v === String(f.value))),
  );
}

function matchesDate(filters: DateFilter[], actual: Date | undefined): boolean {
  if (!actual) return false;
  const t = actual.getTime();
  return filters.some(
    (f) =>
      (!f.startInclusive || t >= new Date(f.startInclusive).getTime()) &&
      (!f.endInclusive || t <= new Date(f.endInclusive).getTime()),
  );
}

/** Checks the comparisons of every string filter and that every key is one this operation models. */
export function checkCriteria(
  criteria: Record<string, unknown> | undefined,
  known: string[],
  comparisons: string[],
): void {
  for (const [key, filters] of Object.entries(criteria ?? {})) {
    if (filters === undefined || filters === null) continue;
    if (!known.includes(key)) {
      throw new AwsError('ValidationException', `The simulator does not model the filter ${key}.`);
    }
    for (const f of filters as StringFilter[]) {
      if ('comparison' in f && !comparisons.includes(String(f.comparison))) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${f.comparison}' at 'filterCriteria.${key}.member.comparison' failed to satisfy constraint: Member must satisfy enum value set: [${comparisons.join(', ')}]`,
        );
      }
    }
  }
}

/** Whether an item's fields pass every filter of the criteria. */
export function matchesCriteria(criteria: Record<string, unknown> | undefined, fields: Fields): boolean {
  return Object.entries(criteria ?? {}).every(([key, filters]) => {
    const list = (filters ?? []) as (StringFilter & DateFilter)[];
    if (list.length === 0) return true;
    const actual = fields[key];
    return actual instanceof Date || list.some((f) => 'startInclusive' in f || 'endInclusive' in f)
      ? matchesDate(list, actual as Date | undefined)
      : matchesString(list, actual as string | string[] | undefined);
  });
}
