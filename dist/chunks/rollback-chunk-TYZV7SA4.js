import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
var o={post:"isPost",mode:"mode",journal:"journal"};export{o as a};
