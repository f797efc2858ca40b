// Builds signed submissions the way an attacker or another producer would: any header,
// any submission, sealed with a key made here (node:crypto's Ed25519, independent of the
// libsodium that selfeval signs with). Used by the verifier's trust tests.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, runCli } from './helpers.mjs';

// RFC 8785 for what submissions hold (strings, integers, booleans, null, objects, arrays):
// members sorted by UTF-16 code units, JSON.stringify for the scalars.
export function jcs(v) {
  if (Array.isArray(v)) return '[' + v.map(jcs).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + jcs(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

// A key pair: a fresh one, or the one of a 32-byte seed (hex) for files that must come out
// the same every time they are generated.
export function makeKey(seedHex) {
  const { privateKey, publicKey } = seedHex === undefined ? generateKeyPairSync('ed25519') : (() => {
    const priv = createPrivateKey({ key: Buffer.from('302e020100300506032b657004220420' + seedHex, 'hex'), format: 'der', type: 'pkcs8' });
    return { privateKey: priv, publicKey: createPublicKey(priv) };
  })();
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
  const kid = b64url(createHash('sha256').update(raw).digest());
  const hex = createHash('sha256').update(raw).digest('hex');
  return { privateKey, publicKey: b64url(raw), kid, fingerprint: hex.match(/.{4}/g).join(' ') };
}

// A registry entry for a key (everything the strict format requires).
export function entry(key, unit, over = {}) {
  return { unit, role: 'unit', alg: 'Ed25519', public_key: key.publicKey, kid: key.kid, status: 'active',
    valid_from: '2023-01-01', valid_to: '2030-12-31', ...over };
}
export function registry(...entries) { return { format: 'selfeval.registry.v1', keys: entries }; }

const scratch = mkdtempSync(join(tmpdir(), 'selfeval-envelopes-'));
let written = 0;
const templateHash = new Map();
function hashOf(templateFile) {
  if (!templateHash.has(templateFile)) {
    const r = runCli(['canonicalize', templateFile]);
    const canonical = r.stdout;  // exactly the canonical bytes
    templateHash.set(templateFile, b64url(createHash('sha256').update(canonical, 'utf8').digest()));
  }
  return templateHash.get(templateFile);
}

// The submission selfeval would build for these answers (scored by the native CLI).
export function submissionFor(answers, key, { created = '2023-06-01T09:00:00Z',
  templateFile = join(root, 'schemas/templates/project-self-assessment.json') } = {}) {
  const tmpl = JSON.parse(readFileSync(templateFile, 'utf8'));
  const file = join(scratch, `answers-${++written}.json`);
  writeFileSync(file, JSON.stringify(answers));
  const result = JSON.parse(runCli(['score', '--template', templateFile, '--answers', file]).stdout);
  return {
    format: 'selfeval.submission.v1', engine_version: result.engine_version,
    template: { id: tmpl.id, version: tmpl.version, sha256: hashOf(templateFile) },
    unit: answers.unit || {}, year: answers.year ?? null, answers, result, created,
    signer: { alg: 'Ed25519', public_key: key.publicKey },
  };
}

// Seals a submission: `header` is an object (made canonical) or raw header text.
export function seal(submission, key, header) {
  const h = header === undefined
    ? jcs({ alg: 'Ed25519', b64: false, crit: ['b64'], kid: key.kid, typ: 'selfeval-submission+json' })
    : typeof header === 'string' ? header : jcs(header);
  const protectedB64 = b64url(Buffer.from(h, 'utf8'));
  const signature = sign(null, Buffer.from(protectedB64 + '.' + jcs(submission), 'utf8'), key.privateKey);
  return { submission, jws: { protected: protectedB64, signature: b64url(signature) } };
}

export const seed001 = () => JSON.parse(readFileSync(join(root, 'tests/golden/seed001-project/answers.json'), 'utf8'));
