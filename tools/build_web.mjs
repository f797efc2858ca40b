// Builds dist/:
//   index.html, app.js, style.css, selfeval.js, selfeval.wasm   the static site (runs under a strict CSP)
//   selfeval-worker.js  the engine worker of large forms, for the static site
//   selfeval.html       one self-contained file, wasm inlined: works opened from disk (file://)
//   selfeval-form.js    the <selfeval-form> web component for a plain <script> tag
//   selfeval-form.mjs   the same as an ES module
//   embed.html, embed.js, embed.css   the iframe mode (postMessage, origin allow list)
//   examples/           the mock portal embedding both ways (docs/examples)
//   review.html         the bureau's workbench (汇总复核台), one self-contained file for file://
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { sm2VendorScript } from './lib/sm2_vendor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = join(root, 'build/wasm/wasm');
const webDir = join(root, 'web');
const dist = join(root, 'dist');
mkdirSync(join(dist, 'examples'), { recursive: true });

const read = (p) => readFileSync(p, 'utf8');
const src = (f) => `/* ---- ${f} ---- */\n` + read(join(webDir, f));
const html = read(join(webDir, 'index.html'));
// The form's styles serve the page and the element; print.css only the page.
const css = ['style.css', 'form.css', 'print.css'].map((f) => read(join(webDir, f))).join('\n');
// The page script: web/src/*.js in name order, concatenated (the one-file page cannot load
// ES modules from file://, and office browsers get one plain ES2019 script).
// The engine worker's own code travels as text (web/src/06_engine_host.js starts it).
// Both engine workers (this one and the workbench's) start their instance with start_instance.js.
const workerStart = read(join(webDir, 'worker/start_instance.js'));
const workerMain = workerStart + '\n' + read(join(webDir, 'worker/engine_worker.js'));
const workerText = `SE.ENGINE_WORKER = ${JSON.stringify(workerMain)};`;
// The SM2 library of the 国密 profile comes first (web/src/34_sm2.js wraps it).
const app = '/* ---- sm-crypto-v2 (tools/lib/sm2_vendor.mjs) ---- */\n' + sm2VendorScript(root) + '\n'
  + readdirSync(join(webDir, 'src')).filter((f) => f.endsWith('.js')).sort().map((f) => src('src/' + f)).join('\n')
  + '\n' + workerText + '\n';

// The static site: separate files, loaded by tags.
for (const f of ['selfeval.js', 'selfeval.wasm']) copyFileSync(join(wasmDir, f), join(dist, f));
writeFileSync(join(dist, 'selfeval-worker.js'), read(join(wasmDir, 'selfeval.js')) + '\n' + workerMain);
writeFileSync(join(dist, 'style.css'), css);
writeFileSync(join(dist, 'app.js'), app);
const site = html
  .replace('<!--STYLE-->', '<link rel="stylesheet" href="style.css">')
  .replace('<!--SCRIPTS-->', '<script src="selfeval.js"></script>\n<script src="app.js"></script>');
writeFileSync(join(dist, 'index.html'), site);

// The wasm for the one-file page and the element: gzip'd, then base64 (SE.loadEngine in
// web/src/05_wasm_loader.js unpacks it). gzip of plain base64 would be ~1.3x larger.
const wasmGz = `var SE = window.SE || (window.SE = {});\nSE.WASM_GZ = "${gzipSync(readFileSync(join(wasmDir, 'selfeval.wasm')), { level: 9 }).toString('base64')}";`;

// The one-file page. A "</script" inside inlined code would end the tag early.
// The glue inside a function: its source text also starts the engine worker of a large form
// (web/src/06_engine_host.js), so the page carries it once.
const engineJs = `function seEngineGlue() {\n${read(join(wasmDir, 'selfeval.js'))}\nreturn createSelfeval;\n}\nvar createSelfeval = seEngineGlue();`;
const inline = (code) => code.replace(/<\/script/gi, '<\\/script');
const single = html
  .replace('<!--STYLE-->', () => `<style>\n${css}</style>`)
  .replace('<!--SCRIPTS-->', () => `<script>\n${inline(engineJs)}\n${wasmGz}</script>\n<script>\n${inline(app)}</script>`);
writeFileSync(join(dist, 'selfeval.html'), single);

// The web component: the engine (wasm inlined, nothing to fetch), the shared view, the
// element, and its styles as a string for a constructable stylesheet.
const elementCss = read(join(webDir, 'form.css')) + '\n' + read(join(webDir, 'embed/element.css'));
// The wasm is handed over as wasmBinary: Emscripten's one-file build would first try to
// fetch() its data: URL, which a strict connect-src refuses.
const element = [
  '/* selfeval <selfeval-form> web component (README: Embedding). */',
  engineJs,
  wasmGz,
  `SE.ELEMENT_CSS = ${JSON.stringify(elementCss)};`,
  // The SM2 library signs with an SM2 key (README: 国密 profile), as on the page.
  '/* ---- sm-crypto-v2 (tools/lib/sm2_vendor.mjs) ---- */\n' + sm2VendorScript(root),
  ...['src/00_i18n.js', 'src/05_wasm_loader.js', 'src/06_engine_host.js', 'src/20_form_view.js', 'src/22_form_controller.js',
    'src/25_report_view.js', 'src/30_grid_keys.js', 'src/34_sm2.js', 'embed/selfeval_form.js'].map(src),
  workerText,
].join('\n');
writeFileSync(join(dist, 'selfeval-form.js'), element);
writeFileSync(join(dist, 'selfeval-form.mjs'), element + '\nexport default window.SelfevalForm;\nexport const SelfevalForm = window.SelfevalForm;\n');
copyFileSync(join(webDir, 'embed/embed.html'), join(dist, 'embed.html'));
copyFileSync(join(webDir, 'embed/bridge.js'), join(dist, 'embed.js'));
copyFileSync(join(webDir, 'embed/embed.css'), join(dist, 'embed.css'));

// The bureau's workbench: one file, the same wasm (inlined once; its worker starts from the
// page's compiled module), fflate for .zip archives (README: For finance bureaus), the form
// view the units use for the read-only drill-down.
const reviewDir = join(webDir, 'review');
const fflate = read(join(root, 'node_modules/fflate/umd/index.js'));
const reviewCss = [read(join(webDir, 'style.css')), read(join(webDir, 'form.css')), read(join(reviewDir, 'review.css'))].join('\n');
// The worker checks SM2-SM3 signatures with the page's SM2 library (the one the form page signs
// with), over the bytes the core prepares; both scripts expect a window, which a worker is not.
const reviewSm2 = '(function (window) {\n' + sm2VendorScript(root) + '\n' + src('src/34_sm2.js') + '\n})(self);';
const reviewApp = [
  ...['src/00_i18n.js', 'src/05_wasm_loader.js', 'src/20_form_view.js'].map(src),
  ...readdirSync(join(reviewDir, 'src')).filter((f) => f.endsWith('.js')).sort().map((f) => src('review/src/' + f)),
  `SE.REVIEW_WORKER = ${JSON.stringify(workerStart + '\n' + reviewSm2 + '\n' + read(join(reviewDir, 'zip_names.js')) + '\n' + read(join(reviewDir, 'review_worker.js')))};`,
  `SE.FFLATE = ${JSON.stringify(fflate)};`,
].join('\n');
const review = read(join(reviewDir, 'review.html'))
  .replace('<!--STYLE-->', () => `<style>\n${reviewCss}</style>`)
  .replace('<!--SCRIPTS-->', () => `<script>\n${inline(engineJs)}\n${wasmGz}</script>\n<script>\n${inline(reviewApp)}</script>`);
writeFileSync(join(dist, 'review.html'), review);

// The mock portal and its example answers.
for (const f of readdirSync(join(root, 'docs/examples'))) copyFileSync(join(root, 'docs/examples', f), join(dist, 'examples', f));
copyFileSync(join(root, 'tests/golden/seed001-project/answers.json'), join(dist, 'examples/seed001.answers.json'));
console.log(`dist/ written: index.html, selfeval.html (${(single.length / 1024).toFixed(0)} KiB), review.html (${(review.length / 1024).toFixed(0)} KiB), selfeval-form.js, embed.html, examples/`);
