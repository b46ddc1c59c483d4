// The world one browser's flows run in, all real and all in one temporary folder: SoftHSM2
// tokens (a clerk's key holding a certificate of the old CA that expires in 30 days, and a
// blank key), the update site and the agent (protocol v2) as child processes on free ports, the
// agent's local root trusted the way `certs install` does it for a user, and the browser itself,
// headless, from Debian's packages. The agent runs either headless with `pagePin: true` (the
// pages show a PIN field) or with a display of its own, a private Xvfb server, where the test
// types the PIN into the agent's Swing dialog with xdotool and allows its consent dialogs.
// Every wait is bounded; close() stops everything.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, cpSync, existsSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const AGENT_JAR = join(REPO, 'agent/target/ukey-agent.jar');
export const SITE_JAR = join(REPO, 'webpage/target/update-site.jar');
export const SHOTS = join(REPO, 'webpage/target/e2e-screenshots');
const LOGS = join(REPO, 'webpage/target/e2e-logs');

export const SOFTHSM_MODULE = process.env.UKEY_E2E_SOFTHSM_MODULE || '/usr/lib/softhsm/libsofthsm2.so';
export const BROWSERS = {
  chromium: process.env.UKEY_E2E_CHROMIUM || '/usr/bin/chromium',
  firefox: process.env.UKEY_E2E_FIREFOX || '/usr/bin/firefox-esr',
};

export const PIN = '123456';
const SO_PIN = '12345678';
export const CLERK_TOKEN = 'Clerk Key';
export const BLANK_TOKEN = 'Blank Key';
export const CLERK_SUBJECT = 'CN=张三,O=某单位,C=CN';
export const DOWNLOAD_SUBJECT = 'CN=李四,O=某单位,C=CN';
const CLERK_KEY_ID = '01';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SITE_CA_PASSWORD = 'e2e-site-ca';
/** The agent's dialog titles (agent/src/main/resources/…/messages_zh.properties), in Chinese as the agent runs here. */
export const PIN_DIALOG_TITLE = 'UKey 口令';
export const CONSENT_DIALOG_TITLE = '允许修改您的 UKey？';

/**
 * The most any wait on a page or the site may take: an upper bound for a hung browser or
 * server, far beyond what a loaded 2-core machine needs. Every wait polls for its state and
 * ends as soon as it is reached.
 */
export const WAIT_MS = 120_000;

/** Every child still running, stopped hard if the test process exits without close(). */
const children = new Set();
process.on('exit', () => {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* gone */ }
  }
});

/** Runs a command to its end (bounded); rejects with its output when it fails. */
export function run(cmd, args, { env = process.env, cwd, timeoutMs = WAIT_MS } = {}) {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    execFile(cmd, args, { env, cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${cmd} ${args.join(' ')} failed (${err.killed ? `killed after ${timeoutMs} ms` : `exit ${err.code}`}):\n${stdout}\n${stderr}`));
        } else {
          if (process.env.UKEY_E2E_VERBOSE) console.error(`${Date.now() - started} ms: ${cmd} ${args.slice(0, 4).join(' ')}`);
          resolvePromise({ stdout, stderr });
        }
      });
  });
}

/** A TCP port nobody listens on now (the child binds it a moment later). */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/**
 * Starts a long-running child, its output teed to `log`, and resolves once a line of its
 * stdout matches `ready`. Rejects (and kills it) when it exits first or takes too long.
 */
function startDaemon(name, cmd, args, { env, cwd, log, ready, timeoutMs = WAIT_MS }) {
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const out = createWriteStream(log);
  let seen = '';
  const exited = new Promise((r) => child.once('exit', (code, signal) => { children.delete(child); r({ code, signal }); }));
  const handle = {
    name,
    child,
    log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited, sleep(10_000).then(() => null)]);
      if (!done) {
        child.kill('SIGKILL');
        await Promise.race([exited, sleep(5_000)]);
      }
    },
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms; its output:\n${seen}`));
    }, timeoutMs);
    const onData = (chunk) => {
      out.write(chunk);
      seen += chunk.toString();
      if (ready.test(seen)) {
        clearTimeout(timer);
        resolvePromise(handle);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { out.write(chunk); seen += chunk.toString(); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready; its output:\n${seen}`));
    });
  });
}

/** pkcs11-tool on one token of this world's SoftHSM2. */
export function pkcs11Tool(world, tokenLabel, args, options = {}) {
  return run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', tokenLabel, ...args],
    { env: world.env, ...options });
}

/**
 * The objects on a token as pkcs11-tool --list-objects --login shows them:
 * [{kind: 'cert'|'private'|'public'|…, label, id, serial?, subject?}].
 */
export async function listObjects(world, tokenLabel) {
  const { stdout } = await pkcs11Tool(world, tokenLabel, ['--login', '--pin', PIN, '--list-objects']);
  const objects = [];
  let current = null;
  for (const line of stdout.split('\n')) {
    const head = /^(Certificate|Private Key|Public Key|Secret Key|Data) Object/.exec(line);
    if (head) {
      current = { kind: { Certificate: 'cert', 'Private Key': 'private', 'Public Key': 'public', 'Secret Key': 'secret', Data: 'data' }[head[1]], text: line };
      objects.push(current);
      continue;
    }
    if (!current) continue;
    current.text += `\n${line}`;
    const field = /^\s+(label|ID|serial|subject):\s+(.*)$/.exec(line);
    if (field) current[field[1] === 'ID' ? 'id' : field[1]] = field[2].trim();
  }
  return { objects, text: stdout };
}

/** The certificate with CKA_ID `id` on a token, read back by pkcs11-tool, as openssl shows it. */
export async function readCertificate(world, tokenLabel, id) {
  const der = join(world.dir, `read-${id}.der`);
  await pkcs11Tool(world, tokenLabel, ['--read-object', '--type', 'cert', '--id', id, '--output-file', der]);
  const { stdout } = await run('openssl', ['x509', '-inform', 'DER', '-in', der, '-noout', '-serial', '-subject', '-issuer',
    '-startdate', '-enddate', '-nameopt', 'utf8,rfc2253,-esc_msb']);
  const field = (name) => new RegExp(`^${name}=(.*)$`, 'm').exec(stdout)[1].trim();
  const { stdout: certKey } = await run('openssl', ['x509', '-inform', 'DER', '-in', der, '-noout', '-pubkey']);
  const pub = join(world.dir, `read-${id}-pub.der`);
  await pkcs11Tool(world, tokenLabel, ['--read-object', '--type', 'pubkey', '--id', id, '--output-file', pub]);
  const { stdout: tokenKey } = await run('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', pub]);
  return {
    serial: field('serial').toLowerCase().replace(/^0+(?=.)/, ''),
    subject: field('subject'),
    issuer: field('issuer'),
    notBefore: new Date(field('notBefore')),
    notAfter: new Date(field('notAfter')),
    publicKeyMatchesToken: certKey.trim() === tokenKey.trim(),
  };
}

/**
 * Builds the world for one browser ('chromium' or 'firefox') and launches it.
 * @param {{agentDialogs?: boolean}} [options] agentDialogs: the agent runs on an Xvfb display
 *   and asks the PIN in its own dialog (else headless with pagePin: true)
 * @returns {Promise<World>}
 */
export async function createWorld(browserName, { agentDialogs = false } = {}) {
  for (const [what, path] of [['the agent (mvn package)', AGENT_JAR], ['the site (mvn package)', SITE_JAR],
    [`${browserName} (scripts/setup.sh)`, BROWSERS[browserName]], ['SoftHSM2 (scripts/setup.sh)', SOFTHSM_MODULE]]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: build or install ${what} first`);
  }
  const dir = mkdtempSync(join(tmpdir(), `ukey-e2e-${browserName}-`));
  const world = {
    browserName, dir, processes: [], browser: null, failed: false, agentDialogs,
    env: { ...process.env, SOFTHSM2_CONF: join(dir, 'softhsm2.conf') },
  };
  world.close = () => closeWorld(world);
  try {
    await makeTokens(world);
    await makeClerkCertificate(world);
    if (agentDialogs) await startXvfb(world);
    await startSiteAndAgent(world);
    await trustAgentRoot(world);
    await launchBrowser(world);
  } catch (e) {
    world.failed = true;
    await world.close();
    throw e;
  }
  return world;
}

async function makeTokens(world) {
  mkdirSync(join(world.dir, 'tokens'));
  writeFileSync(world.env.SOFTHSM2_CONF,
    `directories.tokendir = ${join(world.dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  for (const label of [CLERK_TOKEN, BLANK_TOKEN]) {
    await run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', SO_PIN, '--pin', PIN], { env: world.env });
  }
}

/**
 * The clerk's current certificate, as the old system left it: a key pair made on the key
 * (never leaves it), a certificate from the old CA for that public key expiring in 30 days,
 * written beside the key under the same CKA_ID, and imported into the site (`ra import-cert`).
 */
async function makeClerkCertificate(world) {
  const d = world.dir;
  const file = (name) => join(d, name);
  await pkcs11Tool(world, CLERK_TOKEN, ['--login', '--pin', PIN, '--keypairgen', '--key-type', 'EC:prime256v1',
    '--id', CLERK_KEY_ID, '--label', 'Clerk']);
  await pkcs11Tool(world, CLERK_TOKEN, ['--read-object', '--type', 'pubkey', '--id', CLERK_KEY_ID, '--output-file', file('clerk-pub.der')]);
  await run('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', file('clerk-pub.der'), '-out', file('clerk-pub.pem')]);

  // The old CA: a self-signed root whose key stays in this folder.
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', file('old-ca.key'), '-out', file('old-ca.pem'), '-days', '3650', '-utf8',
    '-subj', '/C=CN/O=山东省数字证书认证中心/CN=Old Shandong CA']);
  // openssl takes the subject (UTF-8) from a request; -force_pubkey puts the token's key in the certificate.
  await run('openssl', ['req', '-new', '-utf8', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', file('throwaway.key'), '-subj', '/C=CN/O=某单位/CN=张三', '-out', file('subject.csr')]);
  writeFileSync(file('clerk-ext.cnf'), 'basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\n');
  await run('openssl', ['x509', '-req', '-in', file('subject.csr'), '-force_pubkey', file('clerk-pub.pem'),
    '-CA', file('old-ca.pem'), '-CAkey', file('old-ca.key'), '-days', '30', '-extfile', file('clerk-ext.cnf'),
    '-out', file('clerk-old.pem')]);
  await run('openssl', ['x509', '-in', file('clerk-old.pem'), '-outform', 'DER', '-out', file('clerk-old.der')]);
  const { stdout } = await run('openssl', ['x509', '-in', file('clerk-old.pem'), '-noout', '-serial']);
  world.oldSerial = stdout.trim().replace(/^serial=/, '').toLowerCase().replace(/^0+(?=.)/, '');
  world.oldCertificateDer = readFileSync(file('clerk-old.der'));
  await pkcs11Tool(world, CLERK_TOKEN, ['--login', '--pin', PIN, '--write-object', file('clerk-old.der'),
    '--type', 'cert', '--id', CLERK_KEY_ID, '--label', 'Clerk']);
}

async function startSiteAndAgent(world) {
  const d = world.dir;
  world.sitePort = await freePort();
  do world.agentPort = await freePort(); while (world.agentPort === world.sitePort);
  do world.otherSitePort = await freePort(); while ([world.sitePort, world.agentPort].includes(world.otherSitePort));
  // Exactly what the browser sends as Origin for pages of http://127.0.0.1:PORT.
  world.origin = `http://127.0.0.1:${world.sitePort}`;
  // A second site whose siteOrigin names another origin than the one its pages are served from
  // (a proxy's public name, misconfigured): the agent binds proofs to where the pages really are.
  world.otherOrigin = `http://127.0.0.1:${world.otherSitePort}`;
  world.otherSiteConfig = join(d, 'other-site.json');
  writeFileSync(world.otherSiteConfig, JSON.stringify({
    port: world.otherSitePort, dataDir: 'other-site-data', siteOrigin: 'https://update.example.gov.cn',
    agentUrl: `wss://127.0.0.1:${world.agentPort}/v2`, caKeystorePassword: SITE_CA_PASSWORD, trustedIssuers: ['old-ca.pem'],
  }, null, 2));
  world.siteConfig = join(d, 'site.json');
  writeFileSync(world.siteConfig, JSON.stringify({
    port: world.sitePort,
    dataDir: 'site-data',
    agentUrl: `wss://127.0.0.1:${world.agentPort}/v2`,
    // What the agent binds the renewal's proof to: the pages' origin, as a deployment configures it.
    siteOrigin: world.origin,
    caKeystorePassword: SITE_CA_PASSWORD,
    trustedIssuers: ['old-ca.pem'],
  }, null, 2));
  const ra = (...args) => run('java', ['-jar', SITE_JAR, 'ra', ...args, '--config', world.siteConfig], { env: world.env, cwd: d });
  const seedSite = async () => {
    // The RA side, as an operator does it: admit the old certificate, authorize a download.
    await ra('import-cert', join(d, 'clerk-old.pem'));
    await run('java', ['-jar', SITE_JAR, 'ra', 'import-cert', join(d, 'clerk-old.pem'), '--config', world.otherSiteConfig],
      { env: world.env, cwd: d });
    const { stdout } = await ra('issue-code', '--subject', DOWNLOAD_SUBJECT, '--json');
    world.authorization = JSON.parse(stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop());
  };
  await Promise.all([seedSite(), run('java', ['-jar', AGENT_JAR, 'certs', 'create', '--dir', join(d, 'tls')], { env: world.env })]);

  // The site first: it makes its CA on its first start, and the agent must know that CA as the
  // issuer allowed to replace the old CA's certificate for this origin (v2 writeCert's check).
  const sites = await Promise.all([[world.siteConfig, 'site.out'], [world.otherSiteConfig, 'other-site.out']].map(([config, log]) =>
    startDaemon('site', 'java', ['-jar', SITE_JAR, 'serve', '--config', config],
      { env: world.env, cwd: d, log: join(d, log), ready: /^Update site: http/m })
      .then((h) => { world.processes.push(h); return h; })));
  [world.site, world.otherSite] = sites;
  await run('openssl', ['pkcs12', '-in', join(d, 'site-data/ca.p12'), '-nokeys', '-passin', `pass:${SITE_CA_PASSWORD}`,
    '-out', join(d, 'site-ca.pem')]);

  writeFileSync(join(d, 'agent.json'), JSON.stringify({
    port: world.agentPort,
    allowedOrigins: [world.origin, world.otherOrigin],
    pkcs11Modules: [SOFTHSM_MODULE],
    tlsDir: 'tls',
    dataDir: 'agent-data',
    replaceIssuers: { [world.origin]: ['site-ca.pem'] },
    // Headless the agent has no PIN dialog: the pages ask (protocol v2 refuses a page PIN otherwise).
    ...(world.agentDialogs ? {} : { pagePin: true }),
  }, null, 2));
  // With a display: a Chinese desktop (the dialogs in Chinese) in a UTF-8 locale every Debian has,
  // so that the window titles reach X (and xdotool) intact.
  const agentEnv = world.agentDialogs ? displayEnv(world) : world.env;
  const desktop = world.agentDialogs ? ['-Duser.language=zh', '-Duser.country=CN'] : [];
  world.agent = await startDaemon('agent', 'java',
    [...desktop, '-jar', AGENT_JAR, 'run', ...(world.agentDialogs ? [] : ['--headless']), '--config', join(d, 'agent.json')],
    { env: agentEnv, cwd: d, log: join(d, 'agent.out'), ready: /agent listening on wss:/ });
  world.processes.push(world.agent);
  world.siteUrl = `${world.origin}/`;
}

/** A private X server for the agent's dialogs; its display number comes from Xvfb itself (-displayfd). */
async function startXvfb(world) {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = new Promise((r) => child.once('exit', () => { children.delete(child); r(); }));
  world.processes.push({
    name: 'Xvfb',
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
    },
  });
  world.display = await new Promise((resolvePromise, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report its display within 30 s')), 30_000);
    child.stdio[3].on('data', (chunk) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolvePromise(`:${text.trim()}`);
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code})`)); });
  });
}

function displayEnv(world) {
  return { ...world.env, DISPLAY: world.display, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
}

/** xdotool on the agent's display. */
function xdotool(world, args, timeoutMs = 60_000) {
  return run('xdotool', args, { env: displayEnv(world), timeoutMs });
}

/**
 * Waits (xdotool search --sync: until the window exists, bounded) for the agent's visible dialog
 * whose title is `title`, then until the X keyboard focus is inside it (Java moves it to the
 * dialog's own focus window when the dialog asks for the focus; keys typed before are lost).
 * No window manager runs: focusing the dialog from outside would take the focus from Java.
 * Returns its X window id.
 */
export async function agentDialog(world, title, timeoutMs = 30_000) {
  const { stdout } = await xdotool(world, ['search', '--sync', '--onlyvisible', '--name', `^${title}$`]);
  const id = stdout.trim().split('\n').pop();
  const end = Date.now() + timeoutMs;
  for (;;) {
    const focus = (await xdotool(world, ['getwindowfocus', '-f'])).stdout.trim();
    const { stdout: tree } = await run('xwininfo', ['-tree', '-id', id], { env: displayEnv(world) });
    if (focus === id || new RegExp(`\\b0x0*${Number(focus).toString(16)}\\b`).test(tree)) return id;
    if (Date.now() > end) throw new Error(`the keyboard focus never reached the agent's dialog "${title}"`);
    await sleep(50);
  }
}

/** Types the PIN into the agent's PIN dialog, as a person would, and presses Enter (its OK). */
export async function typePinInAgentDialog(world, pin) {
  const id = await agentDialog(world, PIN_DIALOG_TITLE);
  await xdotool(world, ['type', '--delay', '30', pin]);
  await xdotool(world, ['key', 'Return']);
  await waitForWindowGone(world, id);
}

/** Allows the agent's consent dialog: Enter denies there, so Shift+Tab onto 允许 and Space presses it. */
export async function allowInAgentDialog(world) {
  const id = await agentDialog(world, CONSENT_DIALOG_TITLE);
  await xdotool(world, ['key', 'shift+Tab', 'space']);
  await waitForWindowGone(world, id);
}

/** Until the window is no longer visible (the dialog took the answer), polled, bounded. */
async function waitForWindowGone(world, id, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { stdout } = await xdotool(world, ['search', '--onlyvisible', '--name', '.']).catch(() => ({ stdout: '' }));
    if (!stdout.split('\n').includes(id)) return;
    if (Date.now() > end) throw new Error(`the agent's dialog ${id} is still open after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/**
 * Makes the browser trust the agent's local root for real, through `certs install` into a
 * home of the test's own (the NSS database Chromium reads, and a Firefox profile found via
 * profiles.ini): no flag that weakens certificate checks.
 */
async function trustAgentRoot(world) {
  world.home = join(world.dir, 'home');
  mkdirSync(world.home);
  if (world.browserName === 'firefox') {
    const profiles = join(world.home, '.mozilla/firefox');
    world.firefoxProfile = join(profiles, 'e2e.default');
    mkdirSync(world.firefoxProfile, { recursive: true });
    writeFileSync(join(profiles, 'profiles.ini'),
      '[Profile0]\nName=e2e\nIsRelative=1\nPath=e2e.default\nDefault=1\n\n[General]\nStartWithLastProfile=1\nVersion=2\n');
    // An empty certificate database, as Firefox makes on its first start.
    await run('certutil', ['-N', '-d', `sql:${world.firefoxProfile}`, '--empty-password']);
  }
  const { stdout } = await run('java', ['-jar', AGENT_JAR, 'certs', 'install', '--dir', join(world.dir, 'tls'),
    '--home', world.home, '--no-system'], { env: userEnv(world.env, world.home) });
  const wanted = world.browserName === 'firefox' ? /installed\s+Firefox profile/ : /installed\s+Chrome\/Chromium NSS database/;
  if (!wanted.test(stdout)) throw new Error(`certs install did not trust the root for ${world.browserName}:\n${stdout}`);
}

async function launchBrowser(world) {
  world.browser = await launch(world.browserName, {
    home: world.home, profile: world.firefoxProfile || join(world.dir, 'chromium-profile'), env: world.env,
  });
}

/**
 * The same browser with a home and profile of its own that trust nothing of ours: what a
 * machine without the agent's root sees (and proof that no flag lets the browser skip checks).
 */
export async function launchUntrustedBrowser(world) {
  const home = mkdtempSync(join(world.dir, 'untrusted-home-'));
  return launch(world.browserName, { home, profile: join(home, 'profile'), env: world.env });
}

/**
 * The environment of a user whose home is `home`: XDG_* variables dropped, so that the browser
 * looks where `certs install --home` wrote (Chromium's NSS database under ~/.local/share).
 */
function userEnv(env, home) {
  const clean = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('XDG_')));
  return { ...clean, HOME: home, LANG: 'zh_CN.UTF-8' };
}

/** Debian's Chromium or Firefox ESR, headless, HOME and profile as given; certificate checks untouched. */
function launch(browserName, { home, profile, env }) {
  mkdirSync(profile, { recursive: true });
  const common = {
    executablePath: BROWSERS[browserName],
    headless: true,
    acceptInsecureCerts: false,
    defaultViewport: { width: 1280, height: 900 },
    env: userEnv(env, home),
    protocolTimeout: WAIT_MS,
    timeout: WAIT_MS,
  };
  if (browserName === 'chromium') {
    return puppeteer.launch({
      ...common,
      browser: 'chrome',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', `--user-data-dir=${profile}`, '--lang=zh-CN'],
    });
  }
  return puppeteer.launch({
    ...common,
    browser: 'firefox',
    userDataDir: profile,
    extraPrefsFirefox: { 'intl.locale.requested': 'zh-CN', 'intl.accept_languages': 'zh-CN, zh, en' },
  });
}

async function closeWorld(world) {
  if (world.browser) {
    await Promise.race([world.browser.close().catch(() => {}), sleep(15_000)]);
    try { world.browser.process()?.kill('SIGKILL'); } catch { /* gone */ }
  }
  await Promise.all(world.processes.map((p) => p.stop()));
  const logs = join(LOGS, world.browserName);
  rmSync(logs, { recursive: true, force: true });
  if (world.failed) {
    // Keep what explains the failure beside the screenshots; the temporary folder too.
    mkdirSync(logs, { recursive: true });
    for (const name of ['agent.out', 'site.out', 'other-site.out', 'agent-data/logs']) {
      const from = join(world.dir, name);
      if (existsSync(from)) cpSync(from, join(logs, name.replace(/\//g, '-')), { recursive: true });
    }
    console.error(`e2e (${world.browserName}): kept ${world.dir}; logs in ${logs}`);
  } else {
    rmSync(world.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

// ---- pages -------------------------------------------------------------------------------

/** Screenshots of one flow, numbered in order: SHOTS/<browser>/<flow>-<nn>-<step>.png. */
export function screenshots(world, flow) {
  const folder = join(SHOTS, world.browserName);
  mkdirSync(folder, { recursive: true });
  let n = 0;
  let last = Date.now();
  const taken = [];
  const shoot = async (page, step) => {
    n += 1;
    if (process.env.UKEY_E2E_VERBOSE) console.error(`${world.browserName} ${flow} ${step}: ${Date.now() - last} ms`);
    last = Date.now();
    const path = join(folder, `${flow}-${String(n).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path, fullPage: true });
    taken.push(path);
    return path;
  };
  shoot.taken = taken;
  return shoot;
}

/** Removes the screenshots of an earlier run for this browser. */
export function clearScreenshots(browserName) {
  rmSync(join(SHOTS, browserName), { recursive: true, force: true });
}

/** A new tab that fails the flow on a page error, with its console kept for the failure message. */
export async function openPage({ browser }) {
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(WAIT_MS);
  page.consoleLines = [];
  page.on('console', (m) => page.consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.consoleLines.push(`pageerror: ${e.message}`));
  return page;
}

const TEXT_MATCH = (selector, text) => [...document.querySelectorAll(selector)]
  .find((e) => e.textContent.trim() === text && !e.disabled && e.offsetParent !== null) || null;

/** Waits (bounded) for a visible, enabled element whose whole text is `text`. */
export async function byText(page, selector, text, timeout = WAIT_MS) {
  const handle = await page.waitForFunction(TEXT_MATCH, { timeout, polling: 100 }, selector, text);
  return handle.asElement();
}

/** Clicks (a real mouse click) the visible, enabled element whose whole text is `text`. */
export function clickText(page, selector, text, options) {
  return clickFound(page, `"${text}"`, TEXT_MATCH, [selector, text], options);
}

/**
 * Clicks (a real mouse click) the element that `find` (run in the page with `args`) returns.
 * The pages re-render whenever the agent reports (a connection, a token change), so a found
 * element may be replaced by its twin before the click: then it is found again, within the time.
 */
export async function clickFound(page, what, find, args, { navigates = false, timeout = WAIT_MS } = {}) {
  const end = Date.now() + timeout;
  const navigation = navigates ? page.waitForNavigation({ waitUntil: 'load', timeout }) : null;
  for (;;) {
    const handle = await page.waitForFunction(find, { timeout: Math.max(end - Date.now(), 1), polling: 100 }, ...args);
    try {
      await handle.asElement().click();
      break;
    } catch (e) {
      if (!/detached|stale|no such node|not clickable|not visible/i.test(e.message) || Date.now() > end) throw new Error(`cannot click ${what}: ${e.message}`);
    } finally {
      await handle.dispose().catch(() => {});
    }
  }
  if (navigation) await navigation;
}

/** Waits (bounded) until `fn` (run in the page) is truthy; names `what` in the failure. */
export async function waitUntil(page, what, fn, arg, timeout = WAIT_MS) {
  try {
    await page.waitForFunction(fn, { timeout, polling: 100 }, arg);
  } catch (e) {
    const text = await page.evaluate(() => document.body.innerText).catch(() => '(page gone)');
    throw new Error(`timed out waiting for ${what} (${e.message})\n--- page text ---\n${text}\n--- console ---\n${page.consoleLines.join('\n')}`);
  }
}

/** The page's visible text of one element (innerText). */
export function textOf(page, selector) {
  return page.$eval(selector, (e) => e.innerText);
}

/** The site's JSON API, from the test (what the pages cannot show: completion was recorded). */
export async function siteApi(world, path, body) {
  const res = await fetch(`${world.origin}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(WAIT_MS),
  });
  return { status: res.status, body: await res.json() };
}
