/** A bad input: names the input, the value given and what is allowed. Raised before any AWS call. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string | undefined,
    readonly allowed: string,
  ) {
    const given = value === undefined || value === '' ? 'nothing was given' : `got ${JSON.stringify(value)}`;
    super(`Input '${input}': ${given}. ${allowed}`);
    this.name = 'InputError';
  }
}
