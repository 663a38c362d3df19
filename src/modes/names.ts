/** The modes, apart from their inputs so that the bootstrap (src/bootstrap.ts) knows them cheaply. */
export const MODES = ['bake', 'test', 'publish', 'deploy', 'rollback', 'cleanup'] as const;
export type Mode = (typeof MODES)[number];
