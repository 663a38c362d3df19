/**
 * The names of the state the main step leaves for the post step (their meaning: state.ts). Apart from
 * state.ts so that the bootstrap (src/bootstrap.ts) reads them without loading the schemas.
 */
export const STATE_KEYS = { post: 'isPost', mode: 'mode', journal: 'journal' } as const;
