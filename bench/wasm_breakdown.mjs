// Where the bytes of a wasm module go: code size per function, grouped by the owner its
// (demangled-looking) name suggests. Needs a build with --profiling-funcs for the names.
//   node bench/wasm_breakdown.mjs build/wasm-profile/wasm/selfeval.wasm [--top 40]
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 25;
let p = 8;
const uleb = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
const str = () => { const n = uleb(); const s = bytes.toString('utf8', p, p + n); p += n; return s; };
let importedFuncs = 0;
const bodies = [];
const names = new Map();
const sections = {};
while (p < bytes.length) {
  const id = bytes[p++];
  const size = uleb();
  const end = p + size;
  let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id];
  if (id === 2) {
    for (let n = uleb(); n > 0; n--) {
      str(); str();
      const kind = bytes[p++];
      if (kind === 0) { uleb(); importedFuncs++; } else if (kind === 1) { p++; const f = uleb(); uleb(); if (f & 1) uleb(); }
      else if (kind === 2) { const f = uleb(); uleb(); if (f & 1) uleb(); } else { p += 2; }
    }
  } else if (id === 10) {
    for (let n = uleb(), i = 0; i < n; i++) { const s = uleb(); bodies.push(s); p += s; }
  } else if (id === 0) {
    const name = str();
    label = 'custom:' + name;
    if (name === 'name') {
      while (p < end) {
        const sub = bytes[p++]; const len = uleb(); const subEnd = p + len;
        if (sub === 1) for (let n = uleb(); n > 0; n--) { const idx = uleb(); names.set(idx, str()); }
        p = subEnd;
      }
    }
  }
  sections[label] = (sections[label] || 0) + size;
  p = end;
}
const owner = (n) => {
  if (!n) return '(unnamed)';
  if (/nlohmann/.test(n)) return 'nlohmann::json';
  if (/fmt::|^fmt_/.test(n)) return 'fmt';
  if (/spreadsheet/.test(n)) return 'selfeval::spreadsheet';
  if (/selfeval::rules/.test(n)) return 'selfeval::rules';
  if (/selfeval/.test(n)) return 'selfeval (other)';
  if (/emscripten|embind|_embind/.test(n)) return 'embind';
  if (/crypto_|sodium|randombytes|ge25519|fe25519|sc25519/.test(n)) return 'libsodium';
  if (/std::|__cxx|__cxa|__gxx|__2::/.test(n)) return 'libc++ / runtime';
  return 'libc / other';
};
const groups = {};
const funcs = bodies.map((s, i) => ({ size: s, name: names.get(i + importedFuncs) || '' }));
for (const f of funcs) groups[owner(f.name)] = (groups[owner(f.name)] || 0) + f.size;
console.log('sections (bytes):', sections);
console.log('code by owner:');
for (const [k, v] of Object.entries(groups).sort((a, b) => b[1] - a[1])) console.log(String(v).padStart(9), k);
console.log(`largest ${top} functions:`);
for (const f of funcs.sort((a, b) => b.size - a.size).slice(0, top)) console.log(String(f.size).padStart(9), f.name.slice(0, 150));
if (process.argv.includes('--owner')) {
  const want = process.argv[process.argv.indexOf('--owner') + 1];
  console.log(`largest functions of ${want}:`);
  for (const f of funcs.filter((f) => owner(f.name) === want).sort((a, b) => b.size - a.size).slice(0, top)) console.log(String(f.size).padStart(9), f.name.slice(0, 150));
}
