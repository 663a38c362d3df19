import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as t}from"./chunk-BBVCPFEE.js";import{z as o}from"./chunk-MKEKZCR7.js";import{C as e}from"./chunk-X4WMP54D.js";var i=e(o,t,"NextToken","NextToken","MaxResults");export{i as a};
