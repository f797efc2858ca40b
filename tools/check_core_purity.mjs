// The core is pure C++: no Emscripten, no file or stream I/O (it takes and returns strings;
// the CLI reads files, the page hands over bytes), and its folders depend one way (LAYERS: a
// folder includes only from the folders listed for it). Checks every source under core/ (or
// the folder given) and exits 1 naming each line that breaks a rule.
//   node tools/check_core_purity.mjs [DIR]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const dir = process.argv[2] || join(root, 'core');
const rules = [
  [/#\s*include\s*[<"]emscripten/, 'includes an Emscripten header'],
  [/\bEM_(ASM|JS)\b|\bEMSCRIPTEN_KEEPALIVE\b/, 'uses an Emscripten macro'],
  [/#\s*include\s*<(fstream|iostream|filesystem)>/, 'includes a file or stream I/O header'],
  [/\bstd::(i|o)?fstream\b|\bstd::(cin|cout|cerr|clog)\b|\bstd::filesystem\b/, 'does file or stream I/O'],
  // stdio's file and console functions (snprintf into a buffer is fine); a name that only
  // ends in one (selfeval_xls_fopen, an in-memory stand-in) is not a call to it.
  [/(?<![\w.:])(fopen|freopen|fdopen|popen|printf|fprintf|puts|fputs|fwrite|fread)\s*\(|std::fopen\s*\(/, 'calls a file or console function'],
  [/#\s*include\s*<(fcntl\.h|unistd\.h|sys\/stat\.h|dirent\.h)>/, 'includes a POSIX file header'],
  [/(?<![\w.])(stdin|stdout|stderr)\b/, 'uses a standard stream'],
];
// Which folders each folder may include from (besides itself); the API facade at the root may
// include anything, and nothing includes it.
const LAYERS = {
  base: [],
  target: ['base'],
  model: ['base', 'target'],
  rules: ['base', 'target', 'model'],
  forms: ['base', 'target', 'model', 'rules'],
  signing: ['base', 'target', 'model', 'rules', 'forms'],
  spreadsheet: ['base'],
  report: ['base', 'spreadsheet'],
  office: ['base', 'target', 'model', 'rules', 'forms', 'spreadsheet', 'report'],
  session: ['base', 'target', 'model', 'rules', 'forms', 'signing', 'spreadsheet', 'report', 'office', 'review'],
  review: ['base', 'target', 'model', 'rules', 'forms', 'signing', 'spreadsheet'],
};
const problems = [];
const layerOf = (p) => relative(dir, p).split('/')[0];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) { walk(p); continue; }
    if (!/\.(c|cc|cpp|h|hpp|in)$/.test(name)) continue;
    readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');  // comments may name what the code avoids
      for (const [re, why] of rules) if (re.test(code)) problems.push(`${relative(root, p)}:${i + 1}: ${why}: ${line.trim()}`);
      const inc = /#\s*include\s*"([^"]+)"/.exec(code);
      if (!inc) return;
      const from = layerOf(p), to = inc[1].includes('/') ? inc[1].split('/')[0] : '';
      if (inc[1] === 'api.hpp' && from in LAYERS) problems.push(`${relative(root, p)}:${i + 1}: includes the API facade, which only the CLI and the bindings use: ${line.trim()}`);
      else if (from in LAYERS && to in LAYERS && to !== from && !LAYERS[from].includes(to))
        problems.push(`${relative(root, p)}:${i + 1}: ${from}/ may not include ${to}/ (the folders depend one way: README, Architecture): ${line.trim()}`);
    });
  }
};
walk(dir);
if (problems.length) {
  console.error('core/ must stay pure (no Emscripten, no file or stream I/O) and layered:\n' + problems.join('\n'));
  process.exit(1);
}
console.log(`core purity: ${relative(root, dir) || '.'} clean`);
