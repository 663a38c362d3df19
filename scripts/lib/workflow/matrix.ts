/**
 * A job's `strategy.matrix` expanded into its combinations, as GitHub defines it
 * (docs.github.com, "Running variations of jobs in a workflow"):
 * - every vector (a key other than include/exclude, a non-empty list) multiplies the combinations,
 *   in the order the keys are written;
 * - `exclude` removes each combination that matches all the values an entry names;
 * - each `include` entry is added to every combination whose original values it does not change (its
 *   new keys may overwrite what an earlier include added, never an original value); an entry that
 *   fits no combination becomes a combination of its own;
 * - at most 256 combinations.
 */

export type Combination = Record<string, unknown>;

export const MAX_MATRIX_JOBS = 256;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function sameValue(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => sameValue(a[key], b[key]));
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  return a === b;
}

function entries(matrix: Record<string, unknown>, key: 'include' | 'exclude'): Combination[] {
  const value = matrix[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject))
    throw new Error(`matrix '${key}' must be a list of mappings`);
  return value;
}

export function expandMatrix(matrix: unknown): Combination[] {
  if (!isObject(matrix)) throw new Error(`a matrix must be a mapping, got ${JSON.stringify(matrix)}`);
  const vectors = Object.entries(matrix).filter(([key]) => key !== 'include' && key !== 'exclude');
  for (const [key, values] of vectors) {
    if (!Array.isArray(values)) throw new Error(`matrix vector '${key}' must be a list`);
    if (values.length === 0) throw new Error(`Matrix vector '${key}' does not contain any values`);
  }
  let combinations: Combination[] = vectors.length === 0 ? [] : [{}];
  for (const [key, values] of vectors) {
    combinations = combinations.flatMap((combination) =>
      (values as unknown[]).map((value) => ({ ...combination, [key]: value })),
    );
  }
  const excludes = entries(matrix, 'exclude');
  combinations = combinations.filter(
    (combination) =>
      !excludes.some((exclude) => Object.entries(exclude).every(([k, v]) => sameValue(combination[k], v))),
  );
  const original = new Set(vectors.map(([key]) => key));
  const originals = combinations.map((combination) => ({ ...combination }));
  const extra: Combination[] = [];
  for (const include of entries(matrix, 'include')) {
    let added = false;
    combinations.forEach((combination, i) => {
      const fits = Object.entries(include).every(
        ([key, value]) => !original.has(key) || sameValue(originals[i][key], value),
      );
      if (!fits) return;
      for (const [key, value] of Object.entries(include)) if (!original.has(key)) combination[key] = value;
      added = true;
    });
    if (!added) extra.push({ ...include });
  }
  const all = [...combinations, ...extra];
  if (all.length === 0) throw new Error('the matrix produced no combinations');
  if (all.length > MAX_MATRIX_JOBS)
    throw new Error(
      `the matrix produced ${all.length} jobs; a matrix may produce at most ${MAX_MATRIX_JOBS}`,
    );
  return all;
}

/** The name GitHub shows for one combination's job: `build (1, eu-west-1)`. */
export function legName(job: string, combination: Combination): string {
  const values = Object.values(combination).map((value) =>
    typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value),
  );
  return values.length === 0 ? job : `${job} (${values.join(', ')})`;
}
