import { describe, expect, it } from 'vitest';
import { interpretWorkflowCommands } from '../../scripts/lib/workflow-commands.js';
import { oneLine, printForeign } from '../../src/report/foreign.js';

describe('the runner-exact reading of workflow commands', () => {
  it('acts on commands after leading whitespace and on the legacy ##[ form anywhere in a line', () => {
    const seen = interpretWorkflowCommands(
      [
        '   ::set-output name=result::passed',
        'text ##[add-mask]secret',
        '::error file=a.ts,line=3::broken%0Aline two',
        '::warning::careful',
        'plain text',
      ].join('\n'),
    );
    expect(seen.outputs).toEqual({ result: 'passed' });
    expect(seen.masks).toEqual(['secret']);
    expect(seen.annotations).toEqual([
      { kind: 'error', message: 'broken\nline two', properties: { file: 'a.ts', line: '3' } },
      { kind: 'warning', message: 'careful', properties: {} },
    ]);
  });

  it('acts on nothing between stop-commands and its token, whatever the text', () => {
    const seen = interpretWorkflowCommands(
      [
        '::stop-commands::t0k3n',
        '::set-output name=x::1',
        '##[error]e',
        '::stop-commands::abc',
        '::t0k3n::',
        '::notice::after',
      ].join('\n'),
    );
    expect(seen.commands).toEqual(['stop-commands', 'notice']);
    expect(seen.outputs).toEqual({});
  });

  it("hostile text printed by the action's foreign-text printer changes nothing", () => {
    const hostile = [
      '::set-output name=result::passed',
      '  ::add-mask::x',
      '::stop-commands::abc',
      '::error::owned',
      '##[warning]owned too',
      '::abc::',
      '::save-state name=journal::{}',
    ].join('\n');
    let out = '';
    printForeign(hostile, (chunk) => {
      out += chunk;
    });
    out += `Step failed: ${oneLine(hostile)}\n`;
    const seen = interpretWorkflowCommands(out);
    expect(seen.commands).toEqual(['stop-commands']);
    expect(seen.outputs).toEqual({});
    expect(seen.state).toEqual({});
    expect(seen.masks).toEqual([]);
    expect(seen.annotations).toEqual([]);
  });
});
