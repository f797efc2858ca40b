// Builds dist/: the static site (index.html, app.js, style.css, selfeval.js, selfeval.wasm)
// and dist/selfeval.html, one self-contained file with the wasm inlined that works
// opened straight from disk (file://) and makes no request.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = join(root, 'build/wasm/wasm');
const webDir = join(root, 'web');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const read = (p) => readFileSync(p, 'utf8');
const html = read(join(webDir, 'index.html'));
const css = read(join(webDir, 'style.css'));
// The page script: web/src/*.js in name order, concatenated (the one-file page cannot load
// ES modules from file://, and office browsers get one plain ES2019 script).
const app = readdirSync(join(webDir, 'src')).filter((f) => f.endsWith('.js')).sort()
  .map((f) => `/* ---- ${f} ---- */\n` + read(join(webDir, 'src', f))).join('\n');

// The static site: separate files, loaded by tags.
for (const f of ['selfeval.js', 'selfeval.wasm']) copyFileSync(join(wasmDir, f), join(dist, f));
writeFileSync(join(dist, 'style.css'), css);
writeFileSync(join(dist, 'app.js'), app);
const site = html
  .replace('<!--STYLE-->', '<link rel="stylesheet" href="style.css">')
  .replace('<!--SCRIPTS-->', '<script src="selfeval.js"></script>\n<script src="app.js"></script>');
writeFileSync(join(dist, 'index.html'), site);

// The one-file page. A "</script" inside inlined code would end the tag early.
const inline = (code) => code.replace(/<\/script/gi, '<\\/script');
const single = html
  .replace('<!--STYLE-->', () => `<style>\n${css}</style>`)
  .replace('<!--SCRIPTS-->', () =>
    `<script>\n${inline(read(join(wasmDir, 'selfeval.single.js')))}</script>\n<script>\n${inline(app)}</script>`);
writeFileSync(join(dist, 'selfeval.html'), single);
console.log(`dist/ written: index.html, selfeval.html (${(single.length / 1024).toFixed(0)} KiB)`);
