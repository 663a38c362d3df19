import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./test-chunk-NVFBO3UG.js";import"./test-chunk-ZEPOA7QD.js";export default a();
