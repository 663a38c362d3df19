import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./cleanup-chunk-4OKOMAZ4.js";import"./cleanup-chunk-Y7C3WTG3.js";export default a();
