import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./none-chunk-66IBITBL.js";import"./none-chunk-WIYWCA66.js";export default a();
