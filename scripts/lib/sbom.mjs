// The SBOM of dist/: a CycloneDX document listing every npm package esbuild bundled (from the build's
// metafile, the same list as licenses.txt), made with the CycloneDX project's own library. Written
// without a timestamp and with a serial number derived from the content, so that a rebuild of the
// same sources writes the same file (CI checks dist/ is current).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import { bundledPackageRoots } from './licenses.mjs';

export function sbomJson(metafile) {
  const bom = new CDX.Models.Bom();
  const self = JSON.parse(readFileSync('package.json', 'utf8'));
  bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Application, self.name, {
    version: self.version,
    description: 'dist/ of the ami-action GitHub Action (bundled by esbuild)',
  });
  bom.metadata.component.bomRef.value = `${self.name}@${self.version}`;
  const builder = new CDX.Contrib.FromNodePackageJson.Builders.ComponentBuilder(
    new CDX.Contrib.FromNodePackageJson.Factories.ExternalReferenceFactory(),
    new CDX.Contrib.License.Factories.LicenseFactory(),
  );
  // The same package and version may be bundled from several folders (nested copies): one component,
  // else the library gives the repeats random bom-refs and the file changes from build to build.
  const added = new Set();
  for (const root of [...bundledPackageRoots(metafile)].sort()) {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const component = builder.makeComponent(manifest);
    if (!component) continue;
    component.purl = new PackageURL('npm', component.group, component.name, component.version);
    component.bomRef.value = component.purl.toString();
    if (added.has(component.bomRef.value)) continue;
    added.add(component.bomRef.value);
    bom.components.add(component);
  }
  const serializer = new CDX.Serialize.JsonSerializer(
    new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6),
  );
  const body = serializer.serialize(bom, { sortLists: true, space: 2 });
  const document = JSON.parse(body);
  delete document.metadata.timestamp;
  const hash = createHash('sha256')
    .update(JSON.stringify(document.components ?? []))
    .digest('hex');
  document.serialNumber = `urn:uuid:${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  return `${JSON.stringify(document, null, 2)}\n`;
}
