// The runner emulation lives with the scripts, because the demo uses it too.
export * from '../../scripts/lib/action-process.js';
