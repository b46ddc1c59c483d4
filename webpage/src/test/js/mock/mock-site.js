// A mock of the site (static pages + /api/*) and of the agent (JSON-RPC over ws, plain), on one
// port, for looking at the pages locally: node webpage/src/test/js/mock/mock-site.js [port]
// Scenarios: POST /__mock/reset?scenario=NAME (see SCENARIOS). Never used by the unit tests.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attachWebSocket } from './ws-server.js';

const PUBLIC = fileURLToPath(new URL('../../../main/resources/public/', import.meta.url));
const port = Number(process.argv[2] || 8765);
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const b64 = (s) => Buffer.from(s).toString('base64');

const SCENARIOS = ['default', 'agentpin', 'noagent', 'nokeys', 'valid', 'pending', 'wrongpin', 'lockedcode', 'expired', 'refuseissue', 'writefail'];

function makeCert(id, cn, daysLeft, spanDays = 1820) {
  const notAfter = Date.now() + daysLeft * DAY;
  return {
    certId: id,
    label: cn,
    subject: `CN=${cn},OU=事业单位登记管理局,O=山东省机构编制委员会办公室,L=济南,ST=山东,C=CN`,
    issuer: 'CN=Shandong RA Sub CA,O=SDCA,C=CN',
    serialNumber: `5a3e${id}9b17c04d2e`,
    notBefore: iso(notAfter - spanDays * DAY),
    notAfter: iso(notAfter),
    keyAlgorithm: 'RSA-2048',
    status: daysLeft < 0 ? 'expired' : daysLeft <= 90 ? 'expiring' : 'valid',
    daysLeft,
    hasPrivateKey: true,
    der: b64(`der-${id}`),
  };
}

let world;
function reset(scenario = 'default') {
  const pin = { minLength: 6, maxLength: 16, countLow: false, finalTry: false, locked: false };
  const days = scenario === 'valid' ? 400 : scenario === 'expired' ? -40 : 30;
  world = {
    scenario,
    retries: 6,
    tokens: scenario === 'nokeys' ? [] : [
      {
        tokenId: 't-demo', label: 'UKey Demo', manufacturer: 'SoftHSM project', model: 'SoftHSM v2',
        serialNumber: '9f1c2a77', loggedIn: false, pin: { ...pin },
        certificates: [makeCert('a1', '山东省某某事业单位', days)],
      },
      {
        tokenId: 't-blank', label: 'UKey 2', manufacturer: 'Longmai', model: 'mToken GM3000',
        serialNumber: '0c44e1d3', loggedIn: false, pin: { ...pin }, certificates: [],
      },
    ],
    keys: new Map(),
    pendingIssued: null,
    codeAttempts: 5,
    conns: new Set(),
  };
  if (scenario === 'pending') {
    world.pendingIssued = issued('CN=山东省某某事业单位,OU=事业单位登记管理局,O=山东省机构编制委员会办公室,L=济南,ST=山东,C=CN', 1820, 'pk-pending');
  }
  if (scenario === 'wrongpin') world.retries = 2;
}

function issued(subject, days, keyId) {
  const now = Date.now();
  return {
    certificate: b64(`issued-${keyId}`), serialNumber: `7d${keyId.replace(/\W/g, '').slice(0, 6)}e0a41f93c2b8`,
    subject, notBefore: iso(now), notAfter: iso(now + days * DAY), validityDays: days,
  };
}

function refusal(res, status, reason, zh, en, details = {}) {
  json(res, status, { reason, message: { zh, en }, details });
}

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function body(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

const renewals = new Map();

async function api(req, res, path) {
  if (path === '/api/site') {
    return json(res, 200, {
      agentUrls: world.scenario === 'noagent' ? ['ws://127.0.0.1:1/v2'] : [`ws://127.0.0.1:${port}/v2`],
      installerUrl: 'downloads/ukey-bridge-setup.exe',
      renewal: { daysBefore: 90, daysAfter: 300, validityDays: 1820 },
      download: { validityDays: 1822 },
    });
  }
  const b = req.method === 'POST' ? await body(req) : {};
  if (path === '/api/renewals') {
    const cert = world.tokens.flatMap((t) => t.certificates).find((c) => c.der === b.certificate);
    if (!cert) return refusal(res, 404, 'UNKNOWN_CERTIFICATE', '本系统没有签发过这张证书。', 'This certificate was not issued here.');
    const notAfter = Date.parse(cert.notAfter);
    const windowStart = iso(notAfter - 90 * DAY);
    const windowEnd = iso(notAfter + 300 * DAY);
    if (Date.now() < notAfter - 90 * DAY) {
      // Like the real site, the message itself states the window.
      return refusal(res, 409, 'OUTSIDE_RENEWAL_WINDOW',
        `所选证书不在更新期内，只能在${windowStart.slice(0, 10)}至${windowEnd.slice(0, 10)}之间更新。`,
        `This certificate can be renewed from ${windowStart.slice(0, 10)} to ${windowEnd.slice(0, 10)} only.`,
        { notAfter: cert.notAfter, windowStart, windowEnd });
    }
    const id = `r-${Math.random().toString(36).slice(2, 10)}`;
    renewals.set(id, { cert });
    return json(res, 200, {
      renewalId: id, challenge: b64('challenge-32-bytes-challenge-32-b'), expiresAt: iso(Date.now() + 300_000),
      proofAlgorithm: 'SHA256withRSA',
      profile: { subject: cert.subject, validityDays: 1820, keyAlgorithm: 'EC-P256' },
      window: { start: windowStart, end: windowEnd },
      pending: world.pendingIssued,
    });
  }
  let m = path.match(/^\/api\/renewals\/([^/]+)\/(certificate|completion)$/);
  if (m) {
    const r = renewals.get(m[1]);
    if (!r) return refusal(res, 404, 'UNKNOWN_RENEWAL', '没有这次更新。', 'No such renewal.');
    if (m[2] === 'certificate') {
      if (world.scenario === 'refuseissue') {
        return refusal(res, 403, 'PROOF_INVALID', '身份证明未通过验证。', 'The proof of possession does not verify.');
      }
      const keyId = keyIdOfCsr(b.csr);
      const out = issued(r.cert.subject, 1820, keyId);
      world.keys.set(keyId, out);
      await sleep(600);
      return json(res, 200, out);
    }
    world.pendingIssued = null;
    return json(res, 200, { completed: true });
  }
  if (path === '/api/downloads' || path === '/api/downloads/certificate') {
    if (world.scenario === 'lockedcode') {
      return refusal(res, 423, 'CODE_LOCKED', '授权码错误次数过多，已锁定。', 'Too many wrong codes; the authorization is locked.');
    }
    if (b.authorizationCode !== 'ABCD-1234') {
      world.codeAttempts--;
      // Like the real site, the message itself says how many tries are left.
      return refusal(res, 403, 'CODE_INVALID', `参考号或授权码不正确，还可以再试${world.codeAttempts}次。`,
        `Reference number or authorization code is wrong (${world.codeAttempts} tries left).`,
        { attemptsLeft: world.codeAttempts });
    }
    const subject = 'CN=李四,OU=财务科,O=山东省某某中心,L=济南,ST=山东,C=CN';
    if (path === '/api/downloads') {
      return json(res, 200, { subject, validityDays: 1822, keyAlgorithm: 'EC-P256', expiresAt: iso(Date.now() + 12 * DAY) });
    }
    const keyId = keyIdOfCsr(b.csr);
    const out = issued(subject, 1822, keyId);
    world.keys.set(keyId, out);
    await sleep(600);
    return json(res, 200, out);
  }
  if (path === '/api/downloads/completion') return json(res, 200, { completed: true });
  return refusal(res, 404, 'BAD_REQUEST', '没有这个接口。', 'No such endpoint.');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the mock agent ------------------------------------------------------------------------

function rpcError(code, reason, message, extra = {}) {
  return { code, message, data: { reason, ...extra } };
}

/**
 * A stand-in request the pages can take apart like a real one (spkiSha256): SEQUENCE { SEQUENCE {
 * INTEGER 0, SEQUENCE {}, SEQUENCE { OCTET STRING keyId } } }.
 */
function mockCsr(keyId) {
  const tlv = (tag, content) => Buffer.concat([Buffer.from([tag, content.length]), content]);
  const spki = tlv(0x30, tlv(0x04, Buffer.from(keyId)));
  return tlv(0x30, tlv(0x30, Buffer.concat([tlv(0x02, Buffer.from([0])), tlv(0x30, Buffer.alloc(0)), spki]))).toString('base64');
}

/** The key id of a mockCsr: the OCTET STRING that ends it. */
function keyIdOfCsr(csr) {
  const der = Buffer.from(csr || '', 'base64');
  for (let i = der.length - 2; i >= 0; i--) {
    if (der[i] === 0x04 && der[i + 1] === der.length - i - 2) return der.subarray(i + 2).toString();
  }
  return '';
}

async function agentCall(conn, method, params) {
  const token = params && params.tokenId ? world.tokens.find((t) => t.tokenId === params.tokenId) : null;
  const needToken = () => { if (!token) throw rpcError(1001, 'TOKEN_NOT_FOUND', 'No such token'); };
  const needLogin = () => { needToken(); if (!conn.logins.has(token.tokenId)) throw rpcError(1004, 'LOGIN_REQUIRED', 'Login required'); };
  switch (method) {
    case 'getInfo':
      // 'agentpin': the agent asks in its own window (the mock "types" 123456 after a moment).
      return { agent: 'UKey Bridge', version: '0.2.0-mock', protocol: 2, pinEntry: world.scenario === 'agentpin' ? 'agent' : 'page',
        capabilities: ['listTokens', 'verifyPin', 'proveKey', 'signCsr', 'writeCert', 'deleteKey', 'logout', 'RSA-2048', 'EC-P256'] };
    case 'listTokens':
      return { tokens: view(conn) };
    case 'verifyPin':
      needToken();
      await sleep(300);
      if (world.scenario === 'agentpin') {
        if (params.pin) throw rpcError(1014, 'PIN_ENTRY_IN_AGENT', 'The PIN is asked in the agent');
        await sleep(1500);
        params = { ...params, pin: '123456' };
      }
      if (!params.pin) throw rpcError(-32602, 'INVALID_PARAMS', 'pin needed', { field: 'pin' });
      if (params.pin.length < 6 || params.pin.length > 16) throw rpcError(1013, 'PIN_INVALID', 'PIN length', { minLength: 6, maxLength: 16 });
      if (world.retries <= 0) throw rpcError(1003, 'PIN_LOCKED', 'Locked');
      if (params.pin !== '123456') {
        world.retries--;
        token.pin.countLow = true;
        token.pin.finalTry = world.retries === 1;
        token.pin.locked = world.retries === 0;
        if (world.retries === 0) throw rpcError(1003, 'PIN_LOCKED', 'Locked');
        throw rpcError(1002, 'PIN_INCORRECT', 'Wrong PIN', { retriesLeft: world.retries, finalTry: world.retries === 1 });
      }
      conn.logins.add(token.tokenId);
      return { loggedIn: true };
    case 'proveKey':
      needLogin();
      return { signature: b64(`proof-${params.challenge}-${params.binding}`), algorithm: 'SHA256withECDSA' };
    case 'signCsr': {
      needLogin();
      await sleep(900);
      const keyId = Math.random().toString(16).slice(2, 12);
      token.pendingKeys = [...(token.pendingKeys || []), keyId];
      return { keyId, csr: mockCsr(keyId) };
    }
    case 'writeCert': {
      needLogin();
      await sleep(700);
      if (world.scenario === 'writefail' && !world.failedOnce) {
        world.failedOnce = true;
        conn.logins.clear();
        throw rpcError(1001, 'TOKEN_NOT_FOUND', 'Token removed');
      }
      const keyId = Buffer.from(params.certificate, 'base64').toString().replace('issued-', '');
      const out = world.keys.get(keyId) || (world.pendingIssued && world.pendingIssued.certificate === params.certificate ? world.pendingIssued : null);
      if (!out) throw rpcError(1007, 'CERT_KEY_MISMATCH', 'No key pairs with it');
      const cert = { ...makeCert(keyId.slice(0, 6), out.subject.match(/CN=([^,]+)/)[1], out.validityDays), subject: out.subject,
        serialNumber: out.serialNumber, notBefore: out.notBefore, notAfter: out.notAfter, der: out.certificate };
      token.certificates = token.certificates.filter((c) => c.certId !== params.replaces);
      token.certificates.push(cert);
      setTimeout(broadcast, 200);
      return { certId: cert.certId };
    }
    case 'deleteKey':
      needLogin();
      world.deletedKeys = [...(world.deletedKeys || []), params.keyId];
      return { deleted: true };
    case 'logout':
      needToken();
      conn.logins.delete(token.tokenId);
      return { loggedIn: false };
    default:
      throw rpcError(-32601, 'METHOD_NOT_FOUND', 'Unknown method');
  }
}

function view(conn) {
  return world.tokens.map(({ pendingKeys, ...t }) => ({ ...t, pin: { ...t.pin }, loggedIn: conn.logins.has(t.tokenId) }));
}

function broadcast() {
  for (const conn of world.conns) conn.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'tokensChanged', params: { tokens: view(conn) } }));
}

// ---- the server ----------------------------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  try {
    if (url.pathname === '/__mock/reset') {
      reset(url.searchParams.get('scenario') || 'default');
      return json(res, 200, { scenario: world.scenario, scenarios: SCENARIOS });
    }
    if (url.pathname === '/__mock/state') return json(res, 200, { deletedKeys: world.deletedKeys || [], pending: world.pendingIssued });
    if (url.pathname === '/__mock/unplug') {
      world.tokens = world.tokens.filter((t) => t.tokenId !== url.searchParams.get('tokenId'));
      broadcast();
      return json(res, 200, { ok: true });
    }
    if (url.pathname.startsWith('/api/')) return await api(req, res, url.pathname);
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path.endsWith('/')) path += 'index.html';
    const file = join(PUBLIC, path);
    if (!file.startsWith(PUBLIC)) { res.writeHead(403); return res.end(); }
    const data = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(data);
  } catch (e) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  }
});

attachWebSocket(server, (req) => req.url === '/v2', (socket) => {
  const conn = { socket, logins: new Set() };
  world.conns.add(conn);
  socket.onclose = () => world.conns.delete(conn);
  socket.onmessage = async (text) => {
    const msg = JSON.parse(text);
    try {
      const result = await agentCall(conn, msg.method, msg.params || {});
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));
    } catch (error) {
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, error: error.code ? error : { code: -32603, message: String(error), data: { reason: 'INTERNAL_ERROR' } } }));
    }
  };
});

reset(process.env.SCENARIO || 'default');
server.listen(port, '127.0.0.1', () => console.log(`mock site and agent on http://127.0.0.1:${port}/`));
