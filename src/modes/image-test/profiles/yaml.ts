// yaml is a CommonJS package: imported statically here, so the bundler maps its named exports, and this
// module is what the profile loader imports lazily.
export { parse as parseYaml } from 'yaml';
