import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{A as m,B as o,C as t,g as r}from"./chunk-K6Q423RC.js";import{a as e}from"./chunk-MZGHBXLJ.js";var p=class extends m(o,t,"DeregisterImage",r){static{e(this,"DeregisterImageCommand")}};export{p as a};
