// src/bootstrap.ts
import nodeModule from "node:module";
import { join } from "node:path";

// src/kernel/state-keys.ts
var STATE_KEYS = { post: "isPost", mode: "mode", journal: "journal" };

// src/modes/names.ts
var MODES = ["bake", "test", "publish", "deploy", "rollback", "cleanup"];

// src/bootstrap.ts
var COMPILE_CACHE_DIR = "ami-action-compile-cache";
function enableCompileCache() {
  const temp = process.env.RUNNER_TEMP;
  const enable = nodeModule.enableCompileCache;
  if (!temp || typeof enable !== "function") return;
  try {
    enable(join(temp, COMPILE_CACHE_DIR));
  } catch {
  }
}
function bundleOf(env) {
  const mode = env[`STATE_${STATE_KEYS.post}`] ? env[`STATE_${STATE_KEYS.mode}`] : env.INPUT_MODE?.trim();
  return MODES.includes(mode) ? mode : "none";
}
enableCompileCache();
await import(new URL(`./chunks/action-${bundleOf(process.env)}.js`, import.meta.url).href);
