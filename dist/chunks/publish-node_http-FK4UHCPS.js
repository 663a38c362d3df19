import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./publish-chunk-Q4NCVTP2.js";import"./publish-chunk-PL7YWPPM.js";export default a();
