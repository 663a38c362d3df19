import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./bake-chunk-LAWDWOGS.js";import"./bake-chunk-Q55AW6UZ.js";export default a();
