import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{A as t,B as o,x as m,z as r}from"./chunk-SOMT7HN5.js";import{a as e}from"./chunk-MZGHBXLJ.js";var s=class extends r(t,o,"TerminateInstances",m){static{e(this,"TerminateInstancesCommand")}};export{s as a};
