import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{C as m,D as o,E as t,c as r}from"./chunk-Y522FQMG.js";import{a as e}from"./chunk-MZGHBXLJ.js";var p=class extends m(o,t,"CreateTags",r){static{e(this,"CreateTagsCommand")}};export{p as a};
