import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as n}from"./chunk-MZGHBXLJ.js";var r=class extends Error{constructor(o){super(`Refused before any change (nothing was changed):
${o.map(i=>`- ${i}`).join(`
`)}`);this.refusals=o;this.name="RefusedError"}refusals;static{n(this,"RefusedError")}};function s(e){return`${e.kind==="wait"?"wait for ":""}${e.title}`}n(s,"stepLabel");function a(e,t,o){return{title:e,kind:"change",calls:t,run:o}}n(a,"change");function d(e,t){return{title:e,kind:"wait",run:t}}n(d,"wait");export{r as a,s as b,a as c,d};
