/** The HTTP server: `/_sim/*` goes to the control API, everything else to the simulated AWS. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control.js';
import { type Simulator, withDate } from './core/simulator.js';
import type { SimRequest, SimResponse } from './protocols/types.js';

async function readRequest(msg: IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of msg) chunks.push(chunk as Buffer);
  const url = new URL(msg.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(msg.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return {
    method: msg.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

export function createSimServer(sim: Simulator): Server {
  return createServer(async (msg, res) => {
    let out: SimResponse;
    try {
      const req = await readRequest(msg);
      out = req.path.startsWith('/_sim/') ? handleControl(sim, req) : await sim.handle(req);
    } catch (e) {
      console.error('simulator: request failed:', e);
      out = withDate(
        {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: String(e) }),
        },
        sim.clock,
      );
    }
    res.writeHead(out.status, { ...out.headers, 'content-length': Buffer.byteLength(out.body) });
    res.end(out.body);
  });
}

/** Listens on 127.0.0.1; port 0 picks a free one. Resolves with the real port. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
