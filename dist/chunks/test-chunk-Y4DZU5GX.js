import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{b as r,c as i}from"./test-chunk-ZEPOA7QD.js";var o=i((p,e)=>{e.exports=r("node:util")});export{o as a};
