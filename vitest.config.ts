import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // e2e tests spawn node processes and a simulator each; two cores are all CI has.
    maxWorkers: 2,
    // Imports its JSON schemas without import attributes, which Node 20 refuses: let Vite transform it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
