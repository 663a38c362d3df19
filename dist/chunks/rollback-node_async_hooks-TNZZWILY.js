import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./rollback-chunk-DQWTODTT.js";import"./rollback-chunk-GU6RZSW7.js";export default a();
