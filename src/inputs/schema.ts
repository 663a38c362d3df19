/**
 * The small schema library the input schemas are written with: the part of zod's interface they use
 * (`string`, `object`, `transform`, `optional`, `default`, `refine`, `superRefine`, `safeParse`,
 * `ctx.addIssue`, `NEVER`), with zod's rules for when a refinement runs. Every step of every mode reads
 * its inputs before its first AWS call, and zod, its code loaded and its schemas built, took a quarter
 * of the action's start-up (bench/RESULTS.md); this does the same for the inputs in a few hundred bytes.
 * zod still checks what comes from files and the state store (profiles, the undo journal), loaded only
 * when those are read.
 */

export type Path = (string | number)[];

/** A problem with a value. `custom` ones come from the schemas' own checks, with their message. */
export interface Issue {
  code: 'custom' | 'invalid_type';
  path: Path;
  message: string;
}

export interface RefinementCtx {
  addIssue(issue: { code: 'custom'; path?: Path; message: string }): void;
}

/** Returned by a transform that added an issue: the value is abandoned. */
export const NEVER = Object.freeze({ never: true }) as never;

type Result<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } };

/** One parse: the issues so far; `aborted` once a value could not be made (later checks skip it). */
interface Run {
  issues: Issue[];
  aborted: boolean;
}

type Parse<T> = (value: unknown, path: Path, run: Run) => T;

const issueAt =
  (path: Path, run: Run): RefinementCtx['addIssue'] =>
  (issue) => {
    run.issues.push({ code: 'custom', path: [...path, ...(issue.path ?? [])], message: issue.message });
  };

export class Schema<T, Optional extends boolean = false> {
  declare readonly _output: T;
  declare readonly _optional: Optional;

  constructor(readonly parseAt: Parse<T>) {}

  /** A new value made from this one; `ctx.addIssue` (and returning NEVER) rejects it. */
  transform<U>(fn: (value: T, ctx: RefinementCtx) => U): Schema<U> {
    return new Schema<U>((value, path, run) => {
      const inner = this.parseAt(value, path, run);
      if (run.aborted) return undefined as U;
      const before = run.issues.length;
      const out = fn(inner, { addIssue: issueAt(path, run) });
      if (run.issues.length > before || out === NEVER) run.aborted = true;
      return out;
    });
  }

  /** Absent (undefined) is allowed, and stays undefined. */
  optional(): Schema<T | undefined, true> {
    return new Schema<T | undefined, true>((value, path, run) =>
      value === undefined ? undefined : this.parseAt(value, path, run),
    );
  }

  /** Absent (undefined) gives `value` as it is (not parsed). */
  default(value: NoInfer<T>): Schema<T> {
    return new Schema<T>((given, path, run) =>
      given === undefined ? value : this.parseAt(given, path, run),
    );
  }

  /** An issue with `message` when `check` is false; later checks still run (as zod's refine). */
  refine(check: (value: T) => boolean, options: { message: string }): this {
    return this.withCheck((value, path, run) => {
      if (!check(value)) run.issues.push({ code: 'custom', path, message: options.message });
    });
  }

  /** Checks that may add issues of their own (with paths below this value's). */
  superRefine(check: (value: T, ctx: RefinementCtx) => void): this {
    return this.withCheck((value, path, run) => {
      const before = run.issues.length;
      check(value, { addIssue: issueAt(path, run) });
      if (run.issues.length > before) run.aborted = true;
    });
  }

  safeParse(value: unknown): Result<T> {
    const run: Run = { issues: [], aborted: false };
    const data = this.parseAt(value, [], run);
    return run.issues.length ? { success: false, error: { issues: run.issues } } : { success: true, data };
  }

  /** The same schema with a check after it, which runs only on a value that could be made. */
  protected withCheck(check: (value: T, path: Path, run: Run) => void): this {
    const parse: Parse<T> = (value, path, run) => {
      const out = this.parseAt(value, path, run);
      if (!run.aborted) check(out, path, run);
      return out;
    };
    return this.rebuilt(parse);
  }

  protected rebuilt(parse: Parse<T>): this {
    return new Schema(parse) as this;
  }
}

export function string(): Schema<string> {
  return new Schema<string>((value, path, run) => {
    if (typeof value === 'string') return value;
    run.issues.push({
      code: 'invalid_type',
      path,
      message: value === undefined ? 'Required' : `Expected a string, got ${typeof value}`,
    });
    run.aborted = true;
    return undefined as never;
  });
}

export type Shape = Record<string, Schema<any, boolean>>;
type AnySchema = Schema<any, boolean>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K]['_optional'] extends true ? K : never }[keyof S];
type Flat<T> = { [K in keyof T]: T[K] } & {};

export type output<S extends AnySchema> = S['_output'];
export type infer<S extends AnySchema> = S['_output'];
export type ShapeOutput<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: S[K]['_output'] } & {
    [K in OptionalKeys<S>]?: S[K]['_output'];
  }
>;

/** An object of named fields, each parsed by its schema; all of them, so every problem is reported. */
export class ObjectSchema<S extends Shape> extends Schema<ShapeOutput<S>> {
  constructor(
    readonly shape: S,
    parse?: Parse<ShapeOutput<S>>,
  ) {
    super(
      parse ??
        ((value, path, run) => {
          if (typeof value !== 'object' || value === null) {
            run.issues.push({ code: 'invalid_type', path, message: 'Expected an object' });
            run.aborted = true;
            return undefined as never;
          }
          const out: Record<string, unknown> = {};
          let aborted = false;
          for (const [key, schema] of Object.entries(shape)) {
            const field: Run = { issues: run.issues, aborted: false };
            out[key] = schema.parseAt((value as Record<string, unknown>)[key], [...path, key], field);
            aborted ||= field.aborted;
          }
          run.aborted ||= aborted;
          return out as ShapeOutput<S>;
        }),
    );
  }

  protected override rebuilt(parse: Parse<ShapeOutput<S>>): this {
    return new ObjectSchema(this.shape, parse) as this;
  }
}

export function object<S extends Shape>(shape: S): ObjectSchema<S> {
  return new ObjectSchema(shape);
}
