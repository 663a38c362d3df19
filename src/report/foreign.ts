/**
 * Text the action did not write (console output, Packer and command output, AWS messages, names and
 * tag values) printed so that the runner can never act on it as a workflow command.
 *
 * - Whole blocks go between `::stop-commands::<token>` and `::<token>::`, with a fresh random token
 *   per block that the text cannot know (the runner acts on no command in between; indenting alone
 *   would not do: the runner trims leading whitespace and also reads the legacy `##[` form).
 * - A fragment inside a line the action writes is made one line, so it cannot start a line of its own.
 * - A fragment in the job summary (HTML table cells) is HTML-escaped.
 * Annotations' messages are escaped by @actions/core (%, CR, LF), so they are always the data of the
 * action's own command.
 */
import { randomBytes } from 'node:crypto';
import { EOL } from 'node:os';

/** Prints foreign text as plain log lines, between stop-commands markers. */
export function printForeign(
  text: string,
  write: (chunk: string) => void = (c) => process.stdout.write(c),
): void {
  let token = randomBytes(16).toString('hex');
  while (text.includes(token)) token = randomBytes(16).toString('hex');
  write(`::stop-commands::${token}${EOL}${text.replace(/\r?\n$/, '')}${EOL}::${token}::${EOL}`);
}

/**
 * A foreign fragment to put inside one of the action's own log lines: one line (it cannot start a
 * line of its own), and no `##[`, the legacy command form the runner looks for anywhere in a line.
 */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ⏎ ').replaceAll('##[', '#\u200b#[');
}

/**
 * Text for an HTML context (job summary table cells and lines): `&` and `<` escaped, so no text can
 * open a tag or an entity; line breaks kept as <br>. (The summary's tables are HTML, where a `|`
 * is plain text.)
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');
}

/**
 * A stream of foreign lines (Packer's output) between stop-commands markers, which the action can
 * interrupt for a command of its own (an annotation): the block is closed for it and a new one, with
 * a fresh token, opens at the next foreign line.
 */
export class ForeignStream {
  private token: string | undefined;

  constructor(private readonly write: (chunk: string) => void = (c) => process.stdout.write(c)) {}

  line(text: string): void {
    if (!this.token) {
      this.token = randomBytes(16).toString('hex');
      this.write(`::stop-commands::${this.token}${EOL}`);
    }
    // A line that happens to carry the token would end the block early: never print it as is.
    this.write(`${text.replaceAll(this.token, '[token]')}${EOL}`);
  }

  /** Runs `own` (which writes the action's own commands) outside the block. */
  command(own: () => void): void {
    this.close();
    own();
  }

  close(): void {
    if (!this.token) return;
    this.write(`::${this.token}::${EOL}`);
    this.token = undefined;
  }
}
