import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{F as s,M as r,N as m,O as o,j as p,y as i}from"./chunk-JJEHIFU3.js";import{a as e}from"./chunk-MZGHBXLJ.js";var a=class extends r(m,o,"DeregisterImage",p){static{e(this,"DeregisterImageCommand")}};var c=class extends r(m,o,"EnableImageDeprecation",i){static{e(this,"EnableImageDeprecationCommand")}};var f=class extends r(m,o,"ModifyImageAttribute",s){static{e(this,"ModifyImageAttributeCommand")}};export{a,c as b,f as c};
