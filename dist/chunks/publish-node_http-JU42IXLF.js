import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./publish-chunk-D7XAIZNA.js";import"./publish-chunk-DCHMB6OU.js";export default a();
