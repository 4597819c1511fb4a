// The node:http adapter: serves a Simulator on a port (0 picks a free one) and applies the latency fault.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, type PlatformScenario, type Simulator, type SimulatorOptions } from './handler';

export interface SimulatorServer {
  url: string;
  simulator: Simulator;
  close(): Promise<void>;
}

export async function startSimulatorServer(options: { port?: number; host?: string; scenario: PlatformScenario } & Omit<SimulatorOptions, 'scenario' | 'baseUrl'>): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1';
  const simulator = createSimulator({ ...options });
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      let answer;
      try {
        answer = simulator.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body });
      } catch (error) {
        answer = { status: 500, headers: { 'content-type': 'text/plain' }, body: `simulator failure: ${(error as Error).message}` };
      }
      const send = () => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  // Keep idle connections open until the client closes them. A client whose event loop is busy (the
  // local Apps Script runtime runs a whole simulated month synchronously, minutes of real time)
  // cannot notice a server closing its idle keep-alive socket; Node's default (close after 5 s) made
  // its next request on that socket fail with "fetch failed" (other side closed). Clients close
  // their own idle sockets, so nothing piles up.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  simulator.baseUrl = url;
  return {
    url,
    simulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
