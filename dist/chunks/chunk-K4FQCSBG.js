import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{d as r,l as m,m as t,n as o}from"./chunk-EV74ERDM.js";import{a as e}from"./chunk-MZGHBXLJ.js";var p=class extends m(t,o,"GetParameter",r){static{e(this,"GetParameterCommand")}};export{p as a};
