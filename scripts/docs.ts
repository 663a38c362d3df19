/**
 * Generates the README's input and output tables from action.yml, one pair per mode, between the
 * markers `<!-- generated:<section> -->` and `<!-- /generated:<section> -->`.
 * Which mode an input belongs to comes from action.yml's `# ---- <modes> ----` section comments.
 *   tsx scripts/docs.ts          rewrite README.md
 *   tsx scripts/docs.ts --check  fail when README.md differs from action.yml (CI)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');

interface Entry {
  name: string;
  description: string;
  section: string;
}

/** Section of each input and output, from the comment markers above them. */
function sections(actionText: string): Map<string, string> {
  const found = new Map<string, string>();
  let block = '';
  let section = 'common';
  for (const line of actionText.split('\n')) {
    if (/^(inputs|outputs):/.test(line)) {
      block = line.slice(0, line.indexOf(':'));
      section = 'common';
    }
    const marker = /^\s+# ---- (.+) ----/.exec(line)?.[1];
    if (marker) section = marker;
    const name = /^ {2}([a-z][a-z0-9-]*):\s*$/.exec(line)?.[1];
    if (name && block) found.set(`${block}.${name}`, section);
  }
  return found;
}

export function entries(actionText: string): { inputs: Entry[]; outputs: Entry[] } {
  const action = parseYaml(actionText);
  const sectionOf = sections(actionText);
  const list = (block: 'inputs' | 'outputs'): Entry[] =>
    Object.entries<{ description?: string }>(action[block] ?? {}).map(([name, value]) => ({
      name,
      description: (value.description ?? '').replace(/\s+/g, ' ').trim(),
      section: sectionOf.get(`${block}.${name}`) ?? 'common',
    }));
  return { inputs: list('inputs'), outputs: list('outputs') };
}

function table(title: string, rows: Entry[]): string {
  if (rows.length === 0) return '';
  const escapePipes = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `| ${title} | description |`,
    '| --- | --- |',
    ...rows.map((r) => `| \`${r.name}\` | ${escapePipes(r.description)} |`),
  ].join('\n');
}

export function render(readme: string, actionText: string): string {
  const { inputs, outputs } = entries(actionText);
  return readme.replace(/<!-- generated:(.+?) -->[\s\S]*?<!-- \/generated:\1 -->/g, (_, section: string) => {
    const body = [
      table(
        'input',
        inputs.filter((e) => e.section === section),
      ),
      table(
        'output',
        outputs.filter((e) => e.section === section),
      ),
    ]
      .filter(Boolean)
      .join('\n\n');
    return `<!-- generated:${section} -->\n${body}\n<!-- /generated:${section} -->`;
  });
}

function main(): void {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = render(readme, readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('README.md tables differ from action.yml: run npm run docs and commit README.md.');
      process.exit(1);
    }
    console.log('README.md tables match action.yml');
    return;
  }
  writeFileSync(readmePath, updated);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
