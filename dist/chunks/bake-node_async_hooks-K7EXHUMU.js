import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./bake-chunk-2QO464QN.js";import"./bake-chunk-Q55AW6UZ.js";export default a();
