/**
 * The bake's fingerprint without AWS: the per-input listing in tags (within AWS's 256 characters a
 * value, naming what changed, knowing when it is incomplete), the template reader (where each
 * source's AMI comes from, the files the build reads, in JSON and HCL2), and Packer's announcement
 * of the source AMI.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BakeConfig } from '../../src/inputs.js';
import {
  describeInputChanges,
  hashPath,
  type InputEntry,
  inputsHash,
  listingTags,
} from '../../src/modes/bake/fingerprint.js';
import { announcedSourceAmi, parseRecord } from '../../src/modes/bake/packer-output.js';
import { readTemplate } from '../../src/modes/bake/packer-template.js';

const entry = (name: string, content = name): InputEntry => ({ name, hash: content });

describe('inputs listing in tags', () => {
  const entries = [entry('packer/app.json'), entry('packer/scripts/setup.sh'), entry('vars')];

  it('fits every value in 256 characters and names the changed, new and removed inputs', () => {
    const many = Array.from({ length: 60 }, (_, i) => entry(`scripts/${i}.sh`));
    const tags = listingTags(many);
    expect(Object.keys(tags)).toEqual([
      'ami-action:inputs-files',
      'ami-action:inputs-files-2',
      'ami-action:inputs-files-3',
    ]);
    for (const value of Object.values(tags)) expect(value.length).toBeLessThanOrEqual(256);

    const earlier = listingTags(entries);
    const now = [
      entry('packer/app.json'),
      entry('packer/scripts/setup.sh', 'edited'),
      entry('packer/new.sh'),
    ];
    expect(describeInputChanges(earlier, now)).toBe(
      'inputs changed: packer/scripts/setup.sh; new: packer/new.sh; 1 input(s) no longer read',
    );
  });

  it('an incomplete listing (too few tags free) says which inputs it cannot compare', () => {
    const many = Array.from({ length: 30 }, (_, i) => entry(`scripts/${String(i).padStart(2, '0')}.sh`));
    const earlier = listingTags(many, 1);
    expect(Object.keys(earlier)).toEqual(['ami-action:inputs-files']);
    const now = many.map((e, i) => (i === 0 ? entry(e.name, 'edited') : e));
    now.push(entry('scripts/zz.sh'));
    expect(describeInputChanges(earlier, now)).toMatch(
      /^inputs changed: scripts\/00\.sh; not listed on the earlier AMI \(changed or new\): scripts\/21\.sh, .*scripts\/zz\.sh$/,
    );
  });

  it('an earlier AMI without a listing: only that the hash changed', () => {
    expect(describeInputChanges({}, entries)).toBe(
      'the inputs hash changed (the earlier AMI lists no inputs to compare)',
    );
  });

  it('the inputs hash does not depend on the order the inputs were found in', () => {
    expect(inputsHash(entries)).toBe(inputsHash([...entries].reverse()));
    expect(inputsHash(entries)).not.toBe(inputsHash([...entries, entry('x')]));
  });

  it('a directory hashes every file in it, by relative path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub/a.conf'), 'one');
    const before = hashPath(dir);
    writeFileSync(join(dir, 'sub/a.conf'), 'two');
    expect(hashPath(dir)).not.toBe(before);
    expect(hashPath(join(dir, 'nothing'))).toBe('missing');
  });
});

const config = (template: string, more: Partial<BakeConfig> = {}): BakeConfig =>
  ({ template, varFiles: [], vars: [], only: [], except: [], ...more }) as unknown as BakeConfig;

describe('readTemplate', () => {
  it('JSON: the source_ami_filter, and the provisioner script through template_dir', () => {
    const fixtures = resolve(import.meta.dirname, '../fixtures/packer');
    const template = readTemplate(config('filtered.json', { vars: [['region', 'eu-west-1']] }), fixtures);
    expect(template.sources).toEqual([
      {
        name: 'amazon-ebs',
        region: 'eu-west-1',
        ami: {
          kind: 'filter',
          via: 'source_ami_filter',
          filter: {
            filters: { name: 'al2023-ami-2023.*-x86_64', 'root-device-type': 'ebs' },
            owners: ['amazon'],
            mostRecent: true,
          },
        },
        copyRegions: [],
      },
    ]);
    expect(template.inputFiles).toEqual([join(fixtures, 'scripts/setup.sh')]);
    expect(readTemplate(config('ebs.json'), fixtures).sources[0].ami).toEqual({
      kind: 'id',
      imageId: 'ami-0abcdef1234567890',
    });
    expect(readTemplate(config('ebs.json', { except: ['amazon-ebs'] }), fixtures).sources).toEqual([]);
  });

  it('HCL2: variables, data sources, ami_regions, and the files provisioners name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcl-'));
    writeFileSync(
      join(dir, 'app.pkr.hcl'),
      `
variable "regions" {
  type    = list(string)
  default = ["eu-west-1", "ap-southeast-2"]
  validation {
    condition     = length(var.regions) > 0
    error_message = "Give a region."
  }
}
variable "base" { default = "ami-0123456789abcdef0" }
variable "scripts_dir" { default = "scripts" }

data "amazon-ami" "al2023" {
  filters = {
    name                = "al2023-ami-*-x86_64"
    "virtualization-type" = "hvm"
  }
  owners      = ["amazon"]
  most_recent = true
}

data "amazon-parameterstore" "latest" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
}

source "amazon-ebs" "app" {
  region         = "us-east-1"
  source_ami     = data.amazon-ami.al2023.id
  ami_regions    = var.regions
  user_data_file = "\${path.root}/user-data.sh"
}

source "amazon-ebs" "arm" {
  region     = "us-east-1"
  source_ami = data.amazon-parameterstore.latest.value
}

source "amazon-ebs" "pinned" {
  source_ami = var.base
}

source "amazon-ebs" "computed" {
  source_ami = local.computed
}

build {
  sources = ["source.amazon-ebs.app", "source.amazon-ebs.arm"]
  provisioner "shell" {
    scripts = ["\${path.root}/\${var.scripts_dir}/one.sh", "two.sh"]
  }
  provisioner "file" {
    source      = "files/"
    destination = "/tmp/files"
  }
  provisioner "file" {
    source      = "/var/log/cloud-init.log"
    destination = "logs/"
    direction   = "download"
  }
  provisioner "ansible" {
    playbook_file = local.playbook
  }
}
`,
    );
    const template = readTemplate(config('app.pkr.hcl', { vars: [['scripts_dir', 'bin']] }), dir);
    expect(template.sources.map((s) => [s.name, s.ami])).toEqual([
      [
        'amazon-ebs.app',
        {
          kind: 'filter',
          via: 'data.amazon-ami.al2023',
          filter: {
            filters: { name: 'al2023-ami-*-x86_64', 'virtualization-type': 'hvm' },
            owners: ['amazon'],
            mostRecent: true,
          },
        },
      ],
      [
        'amazon-ebs.arm',
        {
          kind: 'parameter',
          name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
          via: 'data.amazon-parameterstore.latest',
        },
      ],
      ['amazon-ebs.pinned', { kind: 'id', imageId: 'ami-0123456789abcdef0' }],
      [
        'amazon-ebs.computed',
        { kind: 'unknown', why: 'source_ami = local.computed is computed at build time' },
      ],
    ]);
    expect(template.sources[0].copyRegions).toEqual(['eu-west-1', 'ap-southeast-2']);
    expect(template.inputFiles).toEqual(
      ['bin/one.sh', 'files', 'two.sh', 'user-data.sh'].map((file) => join(dir, file)),
    );
    expect(template.unresolved).toEqual(['local.playbook']);
    expect(readTemplate(config('app.pkr.hcl', { only: ['app'] }), dir).sources.map((s) => s.name)).toEqual([
      'amazon-ebs.app',
    ]);
  });
});

describe("Packer's announcement of the source AMI", () => {
  it('is read from its ui message, with the build name', () => {
    const record = parseRecord(
      '1795897331,,ui,message,    amazon-ebs: Found Image ID: ami-0abcdef1234567890',
    );
    expect(announcedSourceAmi(record?.data[1] ?? '')).toEqual(['amazon-ebs', 'ami-0abcdef1234567890']);
    expect(announcedSourceAmi('    amazon-ebs.app: Found Image ID: ami-0b0b0b0b0b0b0b0b0')).toEqual([
      'amazon-ebs.app',
      'ami-0b0b0b0b0b0b0b0b0',
    ]);
    expect(announcedSourceAmi('    amazon-ebs: Instance ID: i-1')).toBeUndefined();
  });
});
