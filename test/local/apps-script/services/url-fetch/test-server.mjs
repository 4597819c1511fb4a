// A tiny HTTP server for the HTTP transport tests, run in a child process (never in the thread that
// blocks on Atomics.wait). Prints "<http port> <https port>" on stdout.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

function answer(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const echo = () => JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (url.pathname === '/delay') {
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ path: url.search, at: Date.now() }));
      }, Number(url.searchParams.get('ms') ?? 200));
      return;
    }
    if (url.pathname === '/cookies') {
      res.writeHead(200, [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2'], ['Content-Type', 'text/plain']]);
      res.end('cookies');
      return;
    }
    if (url.pathname === '/redirect') {
      res.writeHead(302, { Location: '/echo?from=redirect' });
      res.end();
      return;
    }
    if (url.pathname === '/error') {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"bad","code":100}}');
      return;
    }
    if (url.pathname === '/reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(echo());
  });
}

// Plain HTTP, and HTTPS with a self-signed test-only certificate (for validateHttpsCertificates).
const plain = http.createServer(answer);
const secure = https.createServer(
  { key: readFileSync(new URL('./test-only-key.pem', import.meta.url)), cert: readFileSync(new URL('./test-only-cert.pem', import.meta.url)) },
  answer,
);
const portOf = (server) => server.address().port;
plain.listen(0, '127.0.0.1', () => {
  secure.listen(0, '127.0.0.1', () => process.stdout.write(`${portOf(plain)} ${portOf(secure)}\n`));
});
