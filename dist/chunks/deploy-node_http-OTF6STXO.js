import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./deploy-chunk-5SSPQ3KS.js";import"./deploy-chunk-Y2JKP5EB.js";export default a();
