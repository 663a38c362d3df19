import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./none-chunk-M5LWCOSW.js";import"./none-chunk-TCL2MOFV.js";export default a();
