/**
 * What the GitHub runner makes of a step's stdout, line by line, as its ActionCommandManager does:
 * - a line is a command when, after its leading whitespace is trimmed, it starts with `::` (the
 *   `::name key=value,key=value::data` form), or when it holds `##[name key=value;]data` anywhere
 *   (the legacy form);
 * - between `::stop-commands::<token>` and `::<token>::` no command is acted on;
 * - data and property values are unescaped (%25 %0D %0A, and %3A %2C in properties).
 * Used by the tests to prove that text the action did not write never acts as a command.
 */

export interface Annotation {
  kind: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface Interpreted {
  /** `::set-output` on stdout (deprecated, still honoured). */
  outputs: Record<string, string>;
  /** `::save-state` on stdout (deprecated, still honoured). */
  state: Record<string, string>;
  masks: string[];
  annotations: Annotation[];
  /** Every command acted on, by name, in order. */
  commands: string[];
}

const KNOWN = new Set([
  'set-output',
  'save-state',
  'add-mask',
  'error',
  'warning',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
  'add-matcher',
  'remove-matcher',
  'set-env',
  'add-path',
]);

const unescapeData = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (text: string) =>
  text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');

interface Command {
  name: string;
  properties: Record<string, string>;
  data: string;
}

function parseV2(line: string): Command | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const at = pair.indexOf('=');
      if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
  }
  return { name, properties, data: unescapeData(message.slice(end + 2)) };
}

function parseLegacy(line: string): Command | undefined {
  const start = line.indexOf('##[');
  if (start < 0) return undefined;
  const close = line.indexOf(']', start);
  if (close < 0) return undefined;
  const info = line.slice(start + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(';')) {
      const at = pair.indexOf('=');
      if (at > 0) properties[pair.slice(0, at).trim()] = unescapeProperty(pair.slice(at + 1));
    }
  }
  return { name, properties, data: unescapeData(line.slice(close + 1)) };
}

export function interpretWorkflowCommands(stdout: string): Interpreted {
  const result: Interpreted = { outputs: {}, state: {}, masks: [], annotations: [], commands: [] };
  let stopToken: string | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    const v2 = parseV2(line);
    if (stopToken) {
      // While stopped, only the token used as a command name resumes.
      if (v2?.name === stopToken) stopToken = undefined;
      continue;
    }
    const command = [v2, parseLegacy(line)].find((c) => c && KNOWN.has(c.name));
    if (!command) continue;
    result.commands.push(command.name);
    switch (command.name) {
      case 'stop-commands':
        stopToken = command.data;
        break;
      case 'set-output':
        result.outputs[command.properties.name ?? ''] = command.data;
        break;
      case 'save-state':
        result.state[command.properties.name ?? ''] = command.data;
        break;
      case 'add-mask':
        result.masks.push(command.data);
        break;
      case 'error':
      case 'warning':
      case 'notice':
        result.annotations.push({
          kind: command.name,
          message: command.data,
          properties: command.properties,
        });
        break;
    }
  }
  return result;
}
