import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{b as r,c as i}from"./bake-chunk-WH5M2KKN.js";var o=i((p,e)=>{e.exports=r("node:child_process")});export{o as a};
