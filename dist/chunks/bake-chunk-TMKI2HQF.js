import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as e,b as r}from"./bake-chunk-Q55AW6UZ.js";var p=r((s,i)=>{i.exports=e("node:path")});var q=r((t,o)=>{o.exports=e("node:os")});export{q as a,p as b};
