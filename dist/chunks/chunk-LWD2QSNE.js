import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{C as m,D as o,E as t,g as r}from"./chunk-Y522FQMG.js";import{a as e}from"./chunk-MZGHBXLJ.js";var p=class extends m(o,t,"DeregisterImage",r){static{e(this,"DeregisterImageCommand")}};export{p as a};
