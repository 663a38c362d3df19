/**
 * The Windows baseline profile is PowerShell. This machine has no PowerShell (no Debian package of
 * it), so each script is checked by its parsed structure: it parses with the tree-sitter PowerShell
 * grammar without an error; it calls only read-only cmdlets (a compliance check must not change the
 * instance); it reads no variable it never set (a typo would read $null and pass); no expandable
 * string holds `$name:`, which PowerShell reads as a scope-qualified name; every exit is 0 or 1; and
 * it says what it found. The password patterns of the EC2Launch check are tried on sample files (they
 * are JavaScript-compatible .NET patterns). Where `pwsh` is on the PATH, the scripts are also parsed
 * by PowerShell's own parser, and the file-based check runs against fixture directories.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Language, type Node, Parser } from 'web-tree-sitter';
import { planChecks } from '../../src/modes/image-test/plan.js';
import { loadProfile } from '../../src/modes/image-test/profiles/index.js';
import {
  EC2LAUNCH_SECRET_FILES,
  SECRET_PATTERNS,
} from '../../src/modes/image-test/profiles/windows-baseline/ec2launch.js';
import { windowsBaseline } from '../../src/modes/image-test/profiles/windows-baseline/index.js';

let parser: Parser;
beforeAll(async () => {
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
  parser = new Parser();
  parser.setLanguage(await Language.load(wasm));
});

/** The scripts as SendCommand sends them (the allowed ports set first). */
async function sentScripts(): Promise<Record<string, string>> {
  const plan = await planChecks(
    { smoke: [], compliance: ['baseline'], allowedPorts: [3389, 5985] },
    'Windows',
    '/',
  );
  return Object.fromEntries(plan.checks.map((entry) => [entry.check.name, entry.check.script]));
}

const READ_ONLY = new Set([
  'Get-CimInstance',
  'Get-LocalUser',
  'Get-Service',
  'Get-NetFirewallProfile',
  'Get-NetTCPConnection',
  'Get-Process',
  'Get-Content',
  'Test-Path',
  'Join-Path',
  'Where-Object',
  'ForEach-Object',
  'Sort-Object',
  'Write-Output',
]);
const AUTOMATIC = new Set(['$_', '$null', '$true', '$false']);
const SCOPES = new Set(['env', 'script', 'global', 'local', 'private', 'using']);

function nodes(root: Node, type: string): Node[] {
  return root.descendantsOfType(type).filter((n): n is Node => n !== null);
}

describe('Windows baseline: PowerShell structure', () => {
  it('is the baseline Windows AMIs get, with the allowed ports set in $env: first', async () => {
    expect(await loadProfile('baseline', '/', 'Windows')).toBe(windowsBaseline);
    const scripts = await sentScripts();
    expect(Object.keys(scripts)).toEqual([
      'no-build-time-local-passwords',
      'windows-update-not-disabled',
      'no-ec2launch-secrets',
      'ssm-agent-running',
      'firewall-on',
      'only-expected-ports-listening',
    ]);
    for (const script of Object.values(scripts)) {
      expect(script.split('\n')[0]).toBe("$env:AMI_ACTION_ALLOWED_PORTS = '3389 5985'");
    }
  });

  it('every script parses without an error node', async () => {
    for (const [name, script] of Object.entries(await sentScripts())) {
      const tree = parser.parse(script);
      const broken = tree ? nodes(tree.rootNode, 'ERROR').map((n) => n.text.slice(0, 60)) : ['no tree'];
      expect({ name, broken, hasError: tree?.rootNode.hasError }).toEqual({
        name,
        broken: [],
        hasError: false,
      });
    }
  });

  it('calls only read-only cmdlets', async () => {
    for (const [name, script] of Object.entries(await sentScripts())) {
      const root = parser.parse(script)!.rootNode;
      const commands = nodes(root, 'command_name').map((n) => n.text);
      expect(commands.length, name).toBeGreaterThan(0);
      expect(
        commands.filter((command) => !READ_ONLY.has(command)),
        name,
      ).toEqual([]);
    }
  });

  it('reads only variables it set (or automatic and environment ones)', async () => {
    for (const [name, script] of Object.entries(await sentScripts())) {
      const root = parser.parse(script)!.rootNode;
      const defined = new Map<string, number>();
      for (const left of nodes(root, 'left_assignment_expression')) {
        for (const v of nodes(left, 'variable'))
          defined.set(
            v.text.toLowerCase(),
            Math.min(defined.get(v.text.toLowerCase()) ?? Infinity, v.startIndex),
          );
      }
      for (const loop of nodes(root, 'foreach_statement')) {
        const v = loop.children.find((c) => c?.type === 'variable');
        if (v) defined.set(v.text.toLowerCase(), v.startIndex);
      }
      const undefinedReads = nodes(root, 'variable')
        .map((v) => ({ text: v.text.replace(/^\$\{(.*)\}$/, '$$$1').toLowerCase(), at: v.startIndex }))
        .filter(({ text }) => !AUTOMATIC.has(text) && !text.startsWith('$env:'))
        .filter(({ text, at }) => !(defined.has(text) && (defined.get(text) as number) <= at))
        .map(({ text }) => text);
      expect(undefinedReads, name).toEqual([]);
    }
  });

  it('no expandable string holds $name: (PowerShell would read a scope-qualified variable)', async () => {
    for (const [name, script] of Object.entries(await sentScripts())) {
      const root = parser.parse(script)!.rootNode;
      for (const text of nodes(root, 'expandable_string_literal').map((n) => n.text)) {
        const scoped = [...text.matchAll(/\$([A-Za-z_]\w*):/g)].map((m) => m[1]);
        expect(
          scoped.filter((scope) => !SCOPES.has(scope.toLowerCase())),
          `${name}: ${text}`,
        ).toEqual([]);
      }
    }
  });

  it('exits 0 or 1 (or with the variable that counts problems), and says what it found', async () => {
    for (const [name, script] of Object.entries(await sentScripts())) {
      const root = parser.parse(script)!.rootNode;
      const exits = nodes(root, 'flow_control_statement')
        .filter((n) => n.child(0)?.type === 'exit')
        .map((n) => n.text.replace(/^exit\s*/, ''));
      expect(exits.length, name).toBeGreaterThan(0);
      expect(
        exits.filter((code) => !['0', '1', '$bad'].includes(code)),
        name,
      ).toEqual([]);
      expect(
        nodes(root, 'command_name').filter((n) => n.text === 'Write-Output').length,
        name,
      ).toBeGreaterThan(1);
    }
  });

  it('reads the allowed ports and the fixture root only where it should', async () => {
    const scripts = await sentScripts();
    expect(scripts['only-expected-ports-listening'].split('\n').slice(1).join('\n')).toContain(
      '$env:AMI_ACTION_ALLOWED_PORTS',
    );
    expect(scripts['no-ec2launch-secrets']).toContain('$env:AMI_ACTION_ROOT');
    for (const path of EC2LAUNCH_SECRET_FILES) expect(scripts['no-ec2launch-secrets']).toContain(`'${path}'`);
  });
});

describe('Windows baseline: the EC2Launch password patterns', () => {
  const keeps = (text: string) =>
    SECRET_PATTERNS.filter(({ pattern, flags }) => new RegExp(pattern, `${flags}i`).test(text)).map(
      (p) => p.what,
    );

  it.each([
    [
      'agent-config.yml, random password',
      'tasks:\n  - task: setAdminAccount\n    inputs:\n      name: Administrator\n      password:\n        type: random\n',
      [],
    ],
    [
      'agent-config.yml, static password',
      'tasks:\n  - task: setAdminAccount\n    inputs:\n      password:\n        type: static\n        data: Hunter2!\n',
      ['a static password (EC2Launch v2 setAdminAccount)'],
    ],
    ['a password on its line', 'adminPassword: "Hunter2!"\n', ['a password value']],
    ['LaunchConfig.json, random', '{"adminPasswordType": "Random", "adminPassword": ""}', []],
    [
      'LaunchConfig.json, kept',
      '{"adminPasswordType": "Specify", "adminPassword": "Hunter2!"}',
      ['adminPassword (EC2Launch v1)'],
    ],
    [
      'unattend.xml, deleted by Sysprep',
      '<AdministratorPassword>\n  <Value>*SENSITIVE*DATA*DELETED*</Value>\n</AdministratorPassword>',
      [],
    ],
    [
      'unattend.xml, kept',
      '<AdministratorPassword>\n  <Value>SHVudGVyMiE=</Value>\n  <PlainText>false</PlainText>\n</AdministratorPassword>',
      ['a Sysprep answer file password'],
    ],
  ])('%s', (_, text, found) => {
    expect(keeps(text)).toEqual(found);
  });
});

const hasPwsh = (() => {
  try {
    execFileSync('pwsh', ['-NoProfile', '-Command', '$PSVersionTable.PSVersion.Major'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPwsh)('Windows baseline under pwsh', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it("parses with PowerShell's own parser", async () => {
    for (const [name, script] of Object.entries(await sentScripts())) {
      const out = spawnSync(
        'pwsh',
        [
          '-NoProfile',
          '-Command',
          '$e = $null; [void][System.Management.Automation.Language.Parser]::ParseInput($env:SCRIPT, [ref]$null, [ref]$e); $e | ForEach-Object { $_.Message }',
        ],
        { env: { ...process.env, SCRIPT: script }, encoding: 'utf8' },
      );
      expect(out.stdout.trim(), name).toBe('');
    }
  });

  it('no-ec2launch-secrets passes on a clean root and fails on one with a kept password', async () => {
    const script = (await sentScripts())['no-ec2launch-secrets'];
    const run = (files: Record<string, string>) => {
      const root = mkdtempSync(join(tmpdir(), 'windows-root-'));
      roots.push(root);
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      return spawnSync('pwsh', ['-NoProfile', '-Command', script], {
        env: { ...process.env, AMI_ACTION_ROOT: root },
        encoding: 'utf8',
      });
    };
    expect(run({ 'Windows/Panther/Unattend.xml': '<Value>*SENSITIVE*DATA*DELETED*</Value>' }).status).toBe(0);
    const bad = run({
      'ProgramData/Amazon/EC2-Windows/Launch/Config/LaunchConfig.json': '{"adminPassword": "Hunter2!"}',
    });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('LaunchConfig.json keeps adminPassword (EC2Launch v1)');
  });
});
