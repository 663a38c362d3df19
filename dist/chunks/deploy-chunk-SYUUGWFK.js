import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as t}from"./deploy-chunk-Y2JKP5EB.js";var s=class extends Error{constructor(o){super(`Refused before any change (nothing was changed):
${o.map(r=>`- ${r}`).join(`
`)}`);this.refusals=o;this.name="RefusedError"}refusals;static{t(this,"RefusedError")}};function a(e){return`${e.kind==="wait"?"wait for ":""}${e.title}`}t(a,"stepLabel");function d(e,n,o){return{title:e,kind:"change",calls:n,run:o}}t(d,"change");function p(e,n){return{title:e,kind:"wait",run:n}}t(p,"wait");function l(e){let n=e.steps.find(i=>i.status==="failed"),o=e.undone.length?`; undone: ${e.undone.map(i=>i.message).join("; ")}`:"",r=e.undoFailures.length?`; COULD NOT UNDO: ${e.undoFailures.join("; ")}`:"";return`${n?`${a(n)}: `:""}${e.error?.message??"failed"}${o}${r}`}t(l,"describeFailure");export{s as a,a as b,d as c,p as d,l as e};
