import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as r,b as i}from"./cleanup-chunk-DK2W5ELB.js";var o=i((p,e)=>{e.exports=r("node:http")});export{o as a};
