import { commonFields } from './common.js';
import { field } from './fields.js';
import * as z from './schema.js';

export const BUILDERS = ['packer', 'image-builder'] as const;

/** Built when its mode runs: the other modes' schemas are never constructed. */
export const bakeInputs = () =>
  z
    .object({
      ...commonFields({ timeoutSeconds: 7200 }),
      builder: field.choice(BUILDERS),
      template: field.text().optional(),
      'var-files': field.list().default([]),
      vars: field.keyValues().default([]),
      only: field.list().default([]),
      except: field.list().default([]),
      'working-directory': field.text().optional(),
      'packer-args': field.args().default([]),
      'pipeline-arn': field.arn('image-pipeline').optional(),
      'skip-if-unchanged': field.boolean().default(false),
      'name-prefix': field.namePrefix().optional(),
    })
    .superRefine((inputs, ctx) => {
      const need = (name: 'template' | 'pipeline-arn', why: string) =>
        ctx.addIssue({ code: 'custom', path: [name], message: why });
      if (inputs.builder === 'packer' && !inputs.template) {
        need(
          'template',
          'builder: packer needs the Packer template: a .pkr.hcl or .json file, or a directory.',
        );
      }
      if (inputs.builder === 'image-builder' && !inputs['pipeline-arn']) {
        need(
          'pipeline-arn',
          'builder: image-builder needs the pipeline to start, e.g. arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/my-pipeline.',
        );
      }
      if (inputs['name-prefix'] !== undefined && !inputs['skip-if-unchanged']) {
        ctx.addIssue({
          code: 'custom',
          path: ['name-prefix'],
          message:
            'bake uses name-prefix only to choose the earlier AMI to reuse: set skip-if-unchanged: true, or leave name-prefix out.',
        });
      }
    });
