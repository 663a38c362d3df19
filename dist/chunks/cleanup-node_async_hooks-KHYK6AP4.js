import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./cleanup-chunk-57L5KWVF.js";import"./cleanup-chunk-DK2W5ELB.js";export default a();
