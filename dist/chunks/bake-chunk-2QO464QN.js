import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as r,b as i}from"./bake-chunk-Q55AW6UZ.js";var o=i((p,e)=>{e.exports=r("node:async_hooks")});export{o as a};
