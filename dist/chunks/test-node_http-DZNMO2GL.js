import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./test-chunk-KADOXB54.js";import"./test-chunk-3AXPYLFI.js";export default a();
