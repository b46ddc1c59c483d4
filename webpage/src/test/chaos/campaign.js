// The crash campaign (docs/chaos.md). Each run: a fresh SoftHSM2 token with an expiring
// certificate (the site's `demo` command provisions it), the agent and the site started, the
// renewal page's sequence driven through the real agent-client.js and site-api.js, and at one
// step chosen by a seeded PRNG the agent or the site is killed with SIGKILL. The victim is then
// restarted and the page's resume path runs (a fresh createRenewal: `pending` → write the same
// certificate, else a new renewal), and the token and the issued certificates are checked.
//
// renew-page.js keeps its sequence inside a DOM page module, so `renewOnce` below reproduces
// renew() / write() / record() of renew-page.js step for step (same calls, same order, the
// same writeIssued from gm-pair.js); keep them in step when the page changes.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import WebSocketImpl from 'ws';
import { AgentClient, spkiSha256 } from '../../main/resources/public/js/agent-client.js';
import { createSiteApi } from '../../main/resources/public/js/site-api.js';
import { writeIssued } from '../../main/resources/public/js/gm-pair.js';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const runs = Number(args.runs ?? 20);
const seed = Number(args.seed ?? 1);
const repo = args.repo;
const work = args.work;
const module = args.module ?? '/usr/lib/softhsm/libsofthsm2.so';
const chaosModule = args['chaos-module'];
const PIN = '123456';
const SITE_PORT = Number(args['site-port'] ?? 18480);
const AGENT_PORT = Number(args['agent-port'] ?? 28473);
const ORIGIN = `http://localhost:${SITE_PORT}`;

/** mulberry32: small, seeded, the same sequence on every machine. */
function prng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const STEPS = ['verifyPin', 'createRenewal', 'signCsr', 'proveKey', 'issue', 'writeCert', 'complete']
  .flatMap((s) => [`before ${s}`, `after ${s}`]);
const VICTIMS = (args.victims ?? 'agent,site,token').split(',');
/** The chaos token's faults (pkcs11/src/test/c/chaos/chaos.c), each armed just before its step. */
export const TOKEN_FAULTS = [
  ['before verifyPin', 'fail C_Login 1 CKR_DEVICE_ERROR'],
  ['before signCsr', 'remove during C_GenerateKeyPair 1'],
  ['before signCsr', 'fail C_GenerateKeyPair 1 CKR_DEVICE_MEMORY'],
  ['before proveKey', 'remove before C_Sign 1'],
  ['before writeCert', 'fail C_CreateObject 1 CKR_DEVICE_ERROR'],
  ['before writeCert', 'remove during C_CreateObject 1'],
  ['before writeCert', 'remove after C_CreateObject 1'],
  ['before writeCert', 'fail C_DestroyObject 1 CKR_DEVICE_ERROR during'],
  ['before writeCert', 'remove during C_DestroyObject 1'],
  ['before writeCert', 'full'],
];

class Killed extends Error {}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

function start(cmd, argv, env, logFile) {
  const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  child.on('exit', () => { try { writeFileSync(logFile, out, { flag: 'a' }); } catch { /* run folder gone */ } });
  child.output = () => out;
  return child;
}

async function until(what, check, child, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    if (child.exitCode !== null) throw new Error(`${what} exited: ${child.output().slice(-2000)}`);
    await sleep(100);
  }
  throw new Error(`${what} did not start in ${ms} ms`);
}

function kill(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** The demo token; after a reinsertion the agent may need a moment to see it again. */
async function demoToken(client) {
  for (let i = 0; i < 100; i++) {
    const token = (await client.listTokens()).tokens.find((t) => t.label === 'UKey Demo');
    if (token) return token;
    await sleep(100);
  }
  throw new Error('the agent does not list the token');
}

class Run {
  constructor(n, dir) {
    this.n = n;
    this.dir = dir;
    this.env = { SOFTHSM2_CONF: join(dir, 'softhsm2.conf'), UKEY_CHAOS_MODULE: module, UKEY_CHAOS_CONTROL: join(dir, 'chaos.control') };
    this.serials = new Set();
  }

  async prepare() {
    mkdirSync(join(this.dir, 'tokens'), { recursive: true });
    mkdirSync(join(this.dir, 'agent'), { recursive: true });
    writeFileSync(this.env.SOFTHSM2_CONF,
      `directories.tokendir = ${join(this.dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    for (const label of ['UKey Demo', 'UKey Blank']) {
      await new Promise((resolve, reject) => {
        const p = start('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '12345678', '--pin', PIN],
          this.env, join(this.dir, 'softhsm.log'));
        p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`softhsm2-util: ${p.output()}`))));
      });
    }
    writeFileSync(join(this.dir, 'agent.json'), JSON.stringify({
      port: AGENT_PORT,
      allowedOrigins: [ORIGIN],
      pkcs11Modules: [chaosModule || module],
      tlsDir: join(work, 'tls'),
      dataDir: join(this.dir, 'agent'),
      updateSiteUrl: `${ORIGIN}/`,
      confirmWrites: false,
      pagePin: true,
    }));
  }

  async startAgent() {
    this.agent = start('java', ['-jar', join(repo, 'agent/target/ukey-agent.jar'), 'run', '--headless',
      '--config', join(this.dir, 'agent.json')], this.env, join(this.dir, 'agent.out'));
    await until('the agent', () => fetch(`https://127.0.0.1:${AGENT_PORT}/health`).then((r) => r.ok, () => false), this.agent);
  }

  async startSite(first) {
    // `demo` provisions the CA and the expiring certificate on "UKey Demo" in a fresh folder; run
    // again on the same folder after a kill it must find its records (else the test is void).
    this.site = start('java', ['-jar', join(repo, 'webpage/target/update-site.jar'), 'demo', '--dir', join(this.dir, 'site'),
      '--module', module, '--pin', PIN, '--port', String(SITE_PORT), '--agent-url', `wss://127.0.0.1:${AGENT_PORT}/v2`],
    this.env, join(this.dir, 'site.out'));
    await until('the site', () => this.site.output().includes('RA commands:'), this.site);
    if (first) this.original = await this.tokenState();
  }

  client() {
    class PageWebSocket extends WebSocketImpl {
      constructor(url) { super(url, { origin: ORIGIN }); }
    }
    const c = new AgentClient({ urls: [`wss://127.0.0.1:${AGENT_PORT}/v2`], WebSocket: PageWebSocket,
      reconnect: false, loopbackPage: true, permissions: null, retries: 1 });
    return c;
  }

  api() {
    return createSiteApi({ base: `${ORIGIN}/`, fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers || {}), Origin: ORIGIN } }) });
  }

  async tokenState() {
    const c = this.client();
    await c.connect();
    const token = await demoToken(c);
    await c.verifyPin(token.tokenId, PIN);
    const again = (await c.listTokens()).tokens.find((t) => t.tokenId === token.tokenId);
    c.close();
    return again;
  }

  /** renew-page.js renew(), or finishPending() when the site already issued; `hook` may kill. */
  async renewOnce(hook) {
    const client = this.client();
    const api = this.api();
    try {
      await client.connect();
      const token = (await client.listTokens()).tokens.find((t) => t.label === 'UKey Demo');
      const cert = token.certificates[0];
      await hook('before verifyPin');
      await client.verifyPin(token.tokenId, PIN);
      await hook('after verifyPin');
      await hook('before createRenewal');
      const renewal = await api.createRenewal(cert.der);
      await hook('after createRenewal');
      let issued = renewal.pending;
      if (!issued) {
        await hook('before signCsr');
        const { keyId, csr } = await client.signCsr(token.tokenId, renewal.profile.keyAlgorithm, renewal.profile.subject);
        await hook('after signCsr');
        try {
          const binding = await spkiSha256(csr);
          await hook('before proveKey');
          const { signature } = await client.proveKey(token.tokenId, cert.certId, renewal.challenge, { binding });
          await hook('after proveKey');
          await hook('before issue');
          issued = await api.issueRenewal(renewal.renewalId, signature, csr);
          this.serials.add(issued.serialNumber);
          this.pending = { issued, renewalId: renewal.renewalId, certId: cert.certId };
          await hook('after issue');
        } catch (e) {
          if (!(e instanceof Killed)) await client.deleteKey(token.tokenId, keyId).catch(() => {});
          throw e;
        }
      } else {
        this.serials.add(issued.serialNumber);
      }
      this.pending = { issued, renewalId: renewal.renewalId, certId: cert.certId };
      await hook('before writeCert');
      await writeIssued(client, token.tokenId, issued, { replaces: cert.certId });
      await hook('after writeCert');
      await hook('before complete');
      await api.completeRenewal(renewal.renewalId, issued.serialNumber);
      this.completed = issued.serialNumber;
      await hook('after complete');
    } finally {
      client.close();
    }
  }

  /**
   * The page is still open (neither kill reloads it) and holds what the site issued:
   * renew-page.js finishPending() writes the same certificate again, retryRecord() completes.
   */
  async finishPending() {
    const client = this.client();
    const api = this.api();
    try {
      await client.connect();
      const token = await demoToken(client);
      await client.verifyPin(token.tokenId, PIN);
      const written = (await client.listTokens()).tokens.find((t) => t.tokenId === token.tokenId).certificates
        .some((c) => c.serialNumber?.toLowerCase() === String(this.pending.issued.serialNumber).toLowerCase());
      // Written before the interruption: what is left is retryRecord(), the completion alone.
      if (!written) await writeIssued(client, token.tokenId, this.pending.issued, { replaces: this.pending.certId });
      await api.completeRenewal(this.pending.renewalId, this.pending.issued.serialNumber);
      this.completed = this.pending.issued.serialNumber;
    } finally {
      client.close();
    }
  }

  async stop() {
    await Promise.all([this.agent, this.site].filter(Boolean).map(kill));
  }
}

async function campaign() {
  const random = prng(seed);
  let lost = 0;
  let unfinished = 0;
  mkdirSync(work, { recursive: true });
  for (let n = 1; n <= runs; n++) {
    const victim = VICTIMS[Math.floor(random() * VICTIMS.length)];
    let step = STEPS[Math.floor(random() * STEPS.length)];
    let fault = null;
    if (victim === 'token') [step, fault] = TOKEN_FAULTS[Math.floor(random() * TOKEN_FAULTS.length)];
    const dir = join(work, `run-${n}`);
    rmSync(dir, { recursive: true, force: true });
    const run = new Run(n, dir);
    const started = Date.now();
    let verdict;
    let resumes = 0;
    try {
      await run.prepare();
      await run.startAgent();
      await run.startSite(true);
      let fired = false;
      const hook = async (at) => {
        if (fired || at !== step) return;
        fired = true;
        if (fault) {
          // The fault fires inside the step's PKCS#11 calls; the step's own error interrupts.
          writeFileSync(run.env.UKEY_CHAOS_CONTROL, `${fault}\n`);
          return;
        }
        await kill(victim === 'agent' ? run.agent : run.site);
        throw new Killed(at);
      };
      try {
        await run.renewOnce(hook);
      } catch (e) {
        if (!fired) throw e;
        if (fault) writeFileSync(run.env.UKEY_CHAOS_CONTROL, 'insert\n');
        else if (victim === 'agent') await run.startAgent(); else await run.startSite(false);
        resumes = 1;
        // A kill after the completion leaves nothing to resume: the renewal is done.
        if (run.completed) { /* nothing to resume */ } else if (run.pending) await run.finishPending();
        else await run.renewOnce(async () => {});
      }
      if (fault) writeFileSync(run.env.UKEY_CHAOS_CONTROL, 'insert\n');
      const state = await run.tokenState();
      const usable = state.certificates.filter((c) => c.hasPrivateKey === true);
      const keyless = state.certificates.filter((c) => c.hasPrivateKey !== true);
      const problems = [];
      if (usable.length === 0 || keyless.length > 0) { problems.push('certificate lost'); lost++; }
      if (run.serials.size > 1) problems.push(`${run.serials.size} certificates issued`);
      const done = run.completed && usable.some((c) => c.serialNumber?.toLowerCase() === String(run.completed).toLowerCase());
      if (!done || resumes > 1 || run.serials.size > 1) unfinished++;
      if (!done) problems.push('renewal unfinished');
      verdict = problems.length ? problems.join(', ') : 'ok';
    } catch (e) {
      unfinished++;
      verdict = `unfinished: ${e.message.split('\n')[0]}`;
    } finally {
      await run.stop();
    }
    const what = fault ? `token "${fault}" ${step}` : `kill ${victim} ${step}`;
    console.log(`run ${n}: ${what}: ${verdict} (${resumes} resume, ${Date.now() - started} ms)`);
    if (verdict === 'ok' && !args.keep) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`chaos: ${runs} runs, ${lost} certificates lost, ${unfinished} unfinished`);
  process.exitCode = lost || unfinished ? 1 : 0;
}

if (!repo || !work) {
  console.error('usage: node campaign.js --repo DIR --work DIR [--runs N] [--seed S]');
  process.exit(2);
}
await campaign();
