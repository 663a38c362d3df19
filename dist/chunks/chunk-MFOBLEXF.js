import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as n}from"./chunk-MZGHBXLJ.js";var r=class extends Error{constructor(o){super(`Refused before any change (nothing was changed):
${o.map(i=>`- ${i}`).join(`
`)}`);this.refusals=o;this.name="RefusedError"}refusals;static{n(this,"RefusedError")}};function a(e){return`${e.kind==="wait"?"wait for ":""}${e.title}`}n(a,"stepLabel");function s(e,t,o){return{title:e,kind:"change",calls:t,run:o}}n(s,"change");function d(e,t){return{title:e,kind:"wait",run:t}}n(d,"wait");export{r as a,a as b,s as c,d};
