import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{A as o,B as t,c as r,z as m}from"./chunk-SOMT7HN5.js";import{a as e}from"./chunk-MZGHBXLJ.js";var p=class extends m(o,t,"CreateTags",r){static{e(this,"CreateTagsCommand")}};export{p as a};
