import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./deploy-chunk-SVJFFFGT.js";import"./deploy-chunk-R5Q2IA4A.js";export default a();
