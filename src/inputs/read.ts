import { InputError } from './errors.js';
import type * as z from './schema.js';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camel<Tail>>}`
  : S;
export type CamelKeys<T> = { [K in keyof T as Camel<K & string>]: T[K] };

const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The raw text of an input as the runner passes it: `INPUT_<NAME>`, upper-cased, spaces as `_`. */
export function rawInput(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
  return value === '' ? undefined : value;
}

/** Where an input left empty falls back to the environment, as the AWS SDK and CLI do. */
const ENV_FALLBACKS: Record<string, string[]> = { region: ['AWS_REGION', 'AWS_DEFAULT_REGION'] };

/**
 * Reads and validates every input a schema names. All problems are reported together, each naming
 * its input, the value given and what is allowed; nothing here touches AWS.
 */
export function readInputs<Shape extends z.Shape>(
  schema: z.ObjectSchema<Shape>,
  env: NodeJS.ProcessEnv = process.env,
): CamelKeys<z.output<z.ObjectSchema<Shape>>> {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(schema.shape)) {
    raw[name] = rawInput(name, env) ?? ENV_FALLBACKS[name]?.map((key) => env[key]?.trim()).find(Boolean);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      const value = raw[name];
      // A custom issue on a missing input explains when it is needed (e.g. `template` for Packer).
      return value === undefined && issue.code !== 'custom'
        ? new InputError(name, value, requiredHint(name))
        : new InputError(name, value, issue.message);
    });
    throw errors.length === 1 ? errors[0] : new AggregateInputError(errors);
  }
  const config: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(result.data)) config[camel(name)] = value;
  return config as CamelKeys<z.output<z.ObjectSchema<Shape>>>;
}

function requiredHint(name: string): string {
  if (name === 'region') {
    return 'It is required: set it, or AWS_REGION (aws-actions/configure-aws-credentials sets it).';
  }
  return 'It is required for this mode.';
}

export class AggregateInputError extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((error) => error.message).join('\n'));
    this.name = 'InputError';
  }
}
