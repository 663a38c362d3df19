import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{B as m,C as o,D as t,c as r}from"./chunk-TQMBZHGI.js";import{a as e}from"./chunk-MZGHBXLJ.js";var p=class extends m(o,t,"CreateTags",r){static{e(this,"CreateTagsCommand")}};export{p as a};
