import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{d as p,k as s,l as a,m as i}from"./chunk-7NQJOYTT.js";import{A as m,B as t,C as o,g as r}from"./chunk-CZI5HGBP.js";import{a as e}from"./chunk-MZGHBXLJ.js";var c=class extends m(t,o,"DeregisterImage",r){static{e(this,"DeregisterImageCommand")}};var f=class extends s(a,i,"GetParameter",p){static{e(this,"GetParameterCommand")}};export{c as a,f as b};
