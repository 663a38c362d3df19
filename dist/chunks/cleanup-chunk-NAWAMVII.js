import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{b as r,c as i}from"./cleanup-chunk-Y7C3WTG3.js";var o=i((p,e)=>{e.exports=r("node:assert")});export{o as a};
