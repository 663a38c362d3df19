import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./deploy-chunk-C5PA7XH4.js";import"./deploy-chunk-Y2JKP5EB.js";export default a();
