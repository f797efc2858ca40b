// Shared helpers for the node tests: the wasm module, the native CLI, repo paths.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cli = join(root, 'build/native/selfeval');
const require = createRequire(import.meta.url);

// The wasm bytes are handed over (wasmBinary), so nothing is fetched: runs under any node.
export async function loadEngine() {
  const create = require(join(root, 'build/wasm/wasm/selfeval.js'));
  const Module = await create({ wasmBinary: readFileSync(join(root, 'build/wasm/wasm/selfeval.wasm')) });
  return { Module, engine: new Module.Engine() };
}

export function readText(rel) { return readFileSync(join(root, rel), 'utf8'); }

// Runs the native CLI; returns { status, stdout, stderr } without throwing. `env` adds
// variables (SELFEVAL_PASSPHRASE …) to the environment.
export function runCli(args, input, env) {
  try {
    const stdout = execFileSync(cli, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024,
      env: env ? { ...process.env, ...env } : process.env });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}
