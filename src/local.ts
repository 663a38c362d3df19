/**
 * Entry for GitHub's local runner for JavaScript actions, @github/local-action, which imports a module
 * and calls its `run()`: `npx local-action run . src/local.ts examples/local-action/test.env.example`.
 */
export { runMain as run } from './main.js';
