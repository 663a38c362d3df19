import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./rollback-chunk-5QOOXPMC.js";import"./rollback-chunk-AUR36NDF.js";export default a();
