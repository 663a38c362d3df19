import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{b as e,c as r}from"./bake-chunk-WH5M2KKN.js";var p=r((s,i)=>{i.exports=e("node:path")});var q=r((t,o)=>{o.exports=e("node:os")});export{q as a,p as b};
