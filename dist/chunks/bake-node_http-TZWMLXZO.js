import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./bake-chunk-5G3L6ONA.js";import"./bake-chunk-WH5M2KKN.js";export default a();
