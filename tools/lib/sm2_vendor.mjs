// The page's SM2 library: sm-crypto-v2 (MIT; SM2 on @noble/curves' audited short-Weierstrass
// arithmetic, SM3 on @noble/hashes' Merkle–Damgård core), its UMD bundle exactly as the lockfile
// pins it, made to parse as ES2019 (the page's target) by two mechanical rewrites found with
// acorn: each optional chain `a?.b` becomes `(function (o) { return o == null ? void 0 : o.b; })(a)`,
// and the one dynamic `import("crypto")` — Node's fallback when there is no Web Crypto, dead in
// a browser — becomes a rejected promise. Nothing else is touched. README, "国密 profile".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';

export const SM2_PACKAGE = 'sm-crypto-v2';
export const SM2_VERSION = '1.15.1';

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  if (visit(node) === false) return;
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (Array.isArray(v)) v.forEach((c) => walk(c, visit));
    else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v, visit);
  }
}

// The one optional link of a chain (the library has no chain with two).
function optionalLink(chain) {
  const links = [];
  walk(chain.expression, (n) => {
    if (n.type === 'ChainExpression' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return false;
    if ((n.type === 'MemberExpression' || n.type === 'CallExpression') && n.optional) links.push(n);
    return true;
  });
  if (links.length !== 1) throw new Error(`sm2 vendor: a chain with ${links.length} optional links`);
  return links[0];
}

export function es2019(src) {
  const ast = parse(src, { ecmaVersion: 2022, sourceType: 'script' });
  const edits = [];
  walk(ast, (n) => {
    if (n.type === 'ChainExpression') {
      const link = optionalLink(n);
      const base = link.type === 'MemberExpression' ? link.object : link.callee;
      let rest = src.slice(base.end, n.end).replace(/^\s*\?\./, '');
      rest = rest.startsWith('[') || rest.startsWith('(') ? rest : '.' + rest;
      edits.push([n.start, n.end,
        `(function (o) { return o == null ? void 0 : o${rest}; })(${src.slice(base.start, base.end)})`]);
      return false;
    }
    if (n.type === 'ImportExpression') {
      edits.push([n.start, n.end, 'Promise.reject(new Error("no dynamic import in the page"))']);
      return false;
    }
    return true;
  });
  let out = src;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  parse(out, { ecmaVersion: 2019, sourceType: 'script' });  // throws if anything newer is left
  return { code: out, edits: edits.length };
}

// The script the page carries: the library, its licence line, and SE.sm2lib set to it.
export function sm2VendorScript(root) {
  const dir = join(root, 'node_modules', SM2_PACKAGE);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.version !== SM2_VERSION) throw new Error(`sm2 vendor: ${SM2_PACKAGE} ${pkg.version} installed, ${SM2_VERSION} expected (npm ci)`);
  const { code } = es2019(readFileSync(join(dir, 'dist/index.umd.js'), 'utf8'));
  return `/* ${SM2_PACKAGE} ${SM2_VERSION} (MIT licence, https://www.npmjs.com/package/${SM2_PACKAGE}), bundling @noble/curves (MIT);\n` +
    '   made ES2019 by tools/lib/sm2_vendor.mjs. */\n' +
    '(function () {\nvar define, exports, module;\n' + code + '\n})();\n' +
    '(function () { var SE = window.SE || (window.SE = {}); SE.sm2lib = globalThis.SmCryptoV2; try { delete globalThis.SmCryptoV2; } catch (e) { globalThis.SmCryptoV2 = undefined; } })();\n';
}
