import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as i}from"./chunk-6MZZCEHI.js";import{a as n}from"./chunk-MZGHBXLJ.js";function p(e,t,o){i.addHeading(e,3),i.addTable([t.map(r=>({data:r,header:!0})),...o.map(r=>r.map(s=>String(s??"")))])}n(p,"summaryTable");function u(e){i.addRaw(e,!0)}n(u,"summaryLine");var a=class extends Error{constructor(o){super(`Refused before any change (nothing was changed):
${o.map(r=>`- ${r}`).join(`
`)}`);this.refusals=o;this.name="RefusedError"}refusals;static{n(this,"RefusedError")}};function m(e){return`${e.kind==="wait"?"wait for ":""}${e.title}`}n(m,"stepLabel");function f(e,t,o){return{title:e,kind:"change",calls:t,run:o}}n(f,"change");function g(e,t){return{title:e,kind:"wait",run:t}}n(g,"wait");export{p as a,u as b,a as c,m as d,f as e,g as f};
