// 4. Size: raw and gzip -9 of dist/selfeval.html and of every file in dist/.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from '../tests/node/helpers.mjs';

export function sizes() {
  const dist = join(root, 'dist');
  const out = {};
  const walk = (rel) => {
    for (const name of readdirSync(join(dist, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(join(dist, r)).isDirectory()) { walk(r); continue; }
      const bytes = readFileSync(join(dist, r));
      out[r] = { raw: bytes.length, gzip9: gzipSync(bytes, { level: 9 }).length };
    }
  };
  walk('');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try { console.log(JSON.stringify(sizes(), null, 1)); } catch (e) { console.error(String(e.stack || e).slice(0, 2000)); process.exit(1); }
}
