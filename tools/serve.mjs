// Serves dist/ (make demo) under the Content-Security-Policy a portal needs for selfeval
// (README: Embedding). On 127.0.0.1 unless `--host` names another address: `--host 0.0.0.0`
// serves the page to the office network, so the browser keeps its drafts under that origin
// and not in the storage every local file shares (README: Where drafts are kept). No dependencies.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
const hostArg = process.argv.indexOf('--host');
const host = hostArg > 0 ? process.argv[hostArg + 1] : '127.0.0.1';
// The strict policy selfeval runs under: no inline script, no eval; WebAssembly only.
const CSP = ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
  "img-src 'self' data: blob:", "connect-src 'self'", "frame-src 'self'", "base-uri 'none'", "form-action 'none'"].join('; ');
// The workbench (review.html) is one file with its scripts and styles inline: it is served
// under the same policy with exactly those inline blocks allowed by their hashes, and its
// worker from the blob: it makes.
function inlinePolicy(html) {
  const hashes = (tag) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))]
    .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`).join(' ');
  return ["default-src 'none'", `script-src ${hashes('script')} 'wasm-unsafe-eval'`, `style-src ${hashes('style')}`,
    "worker-src blob:", "img-src 'self' data: blob:", "connect-src 'self'", "base-uri 'none'", "form-action 'none'"].join('; ');
}
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.png': 'image/png', '.mjs': 'text/javascript; charset=utf-8',
};

createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(root, path.endsWith('/') ? path + 'index.html' : path);
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    const policy = file === join(root, 'review.html') ? inlinePolicy(body.toString('utf8')) : CSP;
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'content-security-policy': policy,
      'x-content-type-options': 'nosniff' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  }
}).listen(port, host, () => {
  console.log(`selfeval is served at http://${host === '0.0.0.0' ? '<this computer\'s address>' : host}:${port}/`);
  console.log(`one-file page (works from disk, no server): file://${join(root, 'selfeval.html')}`);
  console.log(`the bureau's workbench: http://${host === '0.0.0.0' ? '<this computer\'s address>' : host}:${port}/review.html, or file://${join(root, 'review.html')}`);
  console.log('Ctrl+C stops the server.');
});
