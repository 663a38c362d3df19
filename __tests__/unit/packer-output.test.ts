import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/inputs/parse.js';
import { parsePackerVersion, regionOfBuild } from '../../src/modes/bake/packer.js';
import {
  ArtifactCollector,
  announcedAmi,
  buildOfMessage,
  noteTemporaryResource,
  parseRecord,
  type TemporaryResources,
} from '../../src/modes/bake/packer-output.js';

const REAL = resolve(import.meta.dirname, '../fixtures/packer/transcripts/real-1.6.6-ebs.txt');

function collect(transcript: string) {
  const artifacts = new ArtifactCollector();
  const temporary: TemporaryResources = { instances: [], keyPairs: [], securityGroups: [] };
  const messages: string[] = [];
  for (const line of transcript.split('\n')) {
    const record = parseRecord(line);
    if (!record) continue;
    artifacts.add(record);
    if (record.type === 'ui') {
      messages.push(record.data[1] ?? '');
      noteTemporaryResource(record.data[1] ?? '', temporary);
    }
  }
  return { artifacts: artifacts.artifacts, temporary, messages };
}

describe('Packer machine-readable output', () => {
  it('reads the AMI, the temporary resources and decoded messages from a real Packer 1.6.6 transcript', () => {
    const { artifacts, temporary, messages } = collect(readFileSync(REAL, 'utf8'));
    expect(artifacts).toEqual([
      {
        build: 'amazon-ebs',
        builderId: 'mitchellh.amazonebs',
        amis: { 'us-east-1': 'ami-2421f0a12e5ceae6c' },
      },
    ]);
    expect(temporary).toEqual({
      instances: ['i-a57723aec8c997990'],
      keyPairs: ['packer_6b0b37f3-dcdc-8d2f-ad01-076e089c854c'],
      securityGroups: ['packer_6b0b37f3-a1a4-f7dc-b3e5-78dc3e1f484b'],
    });
    expect(messages).toContain('==> amazon-ebs: No volumes to clean up, skipping');
    expect(messages).toContain('\n==> Builds finished. The artifacts of successful builds are:');
  });

  it('reads several regions in one artifact and several builds', () => {
    const transcript = [
      '1,app-x86,artifact,0,builder-id,mitchellh.amazonebs',
      '1,app-x86,artifact,0,id,us-east-1:ami-0aaa%!(PACKER_COMMA)eu-west-1:ami-0bbb%!(PACKER_COMMA)ap-southeast-2:ami-0ccc',
      '1,app-x86,artifact,0,end',
      '2,app-arm,artifact,0,id,us-east-1:ami-0ddd',
      '2,app-arm,artifact,1,id,us-west-2:ami-0eee',
      'not a machine-readable line',
    ].join('\n');
    const { artifacts } = collect(transcript);
    expect(artifacts.map((a) => [a.build, a.amis])).toEqual([
      ['app-x86', { 'us-east-1': 'ami-0aaa', 'eu-west-1': 'ami-0bbb', 'ap-southeast-2': 'ami-0ccc' }],
      ['app-arm', { 'us-east-1': 'ami-0ddd' }],
      ['app-arm', { 'us-west-2': 'ami-0eee' }],
    ]);
  });

  it('decodes escaped commas and newlines in errors, and ignores an artifact without an AMI', () => {
    const error = parseRecord('3,,ui,error,Build errored: a%!(PACKER_COMMA) b\\nsecond line');
    expect(error?.data).toEqual(['error', 'Build errored: a, b\nsecond line']);
    expect(collect('4,docker,artifact,0,id,sha256:abc').artifacts).toEqual([]);
  });

  it('reads the Packer version and splits packer-args as a shell would, without expanding', () => {
    expect(parsePackerVersion('Packer v1.6.6\n')).toEqual([1, 6, 6]);
    expect(parsePackerVersion('Packer v1.11.2')).toEqual([1, 11, 2]);
    expect(parseArgs(`-on-error=abort -var 'name=my app' -var "x=\\"q\\"" $HOME;rm`)).toEqual([
      '-on-error=abort',
      '-var',
      'name=my app',
      '-var',
      'x="q"',
      '$HOME;rm',
    ]);
    expect(() => parseArgs(`-var 'open`)).toThrow(/single quote is not closed/);
  });
});

describe("the region of what Packer announces: its build's source region", () => {
  const regions = new Map([
    ['amazon-ebs.east', 'us-east-1'],
    ['amazon-ebs.west', 'eu-west-1'],
  ]);

  it('reads the build a UI line speaks for, and the AMI it announces', () => {
    expect(buildOfMessage('==> amazon-ebs.west: Creating temporary keypair: packer_1')).toBe(
      'amazon-ebs.west',
    );
    expect(buildOfMessage('    amazon-ebs: Instance ID: i-0123')).toBe('amazon-ebs');
    expect(buildOfMessage('Build finished.')).toBeUndefined();
    expect(announcedAmi('    amazon-ebs.west: AMI: ami-0abc123')).toEqual(['amazon-ebs.west', 'ami-0abc123']);
    expect(announcedAmi('    amazon-ebs: Found Image ID: ami-0abc123')).toBeUndefined();
  });

  it("records each build's leftovers in that build's region, not the region input", () => {
    expect(regionOfBuild('amazon-ebs.west', regions, 'us-east-1')).toBe('eu-west-1');
    expect(regionOfBuild('amazon-ebs.east', regions, 'eu-west-1')).toBe('us-east-1');
    // HCL2 -only names may be short; JSON builds are named by `name` or type.
    expect(regionOfBuild('west', regions, 'us-east-1')).toBe('eu-west-1');
    expect(regionOfBuild('amazon-ebs', new Map([['amazon-ebs', 'ap-south-1']]), 'us-east-1')).toBe(
      'ap-south-1',
    );
    // An unknown build: the template's only region, else the input.
    expect(regionOfBuild('other', new Map([['a', 'ap-south-1']]), 'us-east-1')).toBe('ap-south-1');
    expect(regionOfBuild('other', regions, 'us-east-2')).toBe('us-east-2');
    expect(regionOfBuild(undefined, new Map(), 'us-east-2')).toBe('us-east-2');
  });
});
