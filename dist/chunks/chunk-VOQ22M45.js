import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{M as m,N as o,O as t,d as r}from"./chunk-JJEHIFU3.js";import{a as e}from"./chunk-MZGHBXLJ.js";var p=class extends m(o,t,"CreateTags",r){static{e(this,"CreateTagsCommand")}};export{p as a};
