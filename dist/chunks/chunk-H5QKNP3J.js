import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as r}from"./chunk-6MZZCEHI.js";import{a as m}from"./chunk-MZGHBXLJ.js";function o(e,t,n){r.addHeading(e,3),r.addTable([t.map(a=>({data:a,header:!0})),...n.map(a=>a.map(d=>String(d??"")))])}m(o,"summaryTable");function u(e){r.addRaw(e,!0)}m(u,"summaryLine");export{o as a,u as b};
