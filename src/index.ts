/**
 * Entry point for both steps (action.yml: runs.main and runs.post). The main step marks the state
 * before anything else, so a crash before any work never makes the post step run the mode again.
 */
import * as core from '@actions/core';
import { STATE_KEYS } from './kernel/state-keys.js';
import { runMain, runPost } from './main.js';

const POST_MARKER = STATE_KEYS.post;

if (core.getState(POST_MARKER)) {
  await runPost();
} else {
  core.saveState(POST_MARKER, 'true');
  await runMain();
}
