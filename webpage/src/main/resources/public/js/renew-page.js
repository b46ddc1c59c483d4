// 更新用户证书: choose the certificate → the site checks it → PIN (in the agent's window) → 更新
// → new key and request, the old key's proof bound to them (protocol v2 proveKey) → the new certificate.
// Every fact comes from the agent (listTokens) or the site; nothing survives a reload (manual 5.6).
import { h } from './dom.js';
import { t, getLanguage } from './i18n.js';
import { explainAgentError, explainSiteError } from './explain.js';
import { SiteError } from './site-api.js';
import { AgentError, spkiSha256 } from './agent-client.js';
import { formatDate, formatDateTime, pinLengthOk } from './format.js';
import {
  startPage, steps, agentPanel, tokenList, facts, alertBox, progress, pinEntry, keepKeyNote,
  takePin, statusBadge, subjectView, issuedCertificateView,
} from './shell.js';

const STEPS = ['renew.step.intro', 'renew.step.choose', 'renew.step.confirm', 'renew.step.done'];
const STAGES = ['renew.progress.login', 'renew.progress.key', 'renew.progress.proof',
  'renew.progress.issue', 'renew.progress.write', 'renew.progress.record'];
const PENDING_STAGES = ['renew.progress.login', 'renew.progress.write', 'renew.progress.record'];
/** The site's challenge lives 5 minutes; fetch a fresh one when ours is older than this. */
const CHALLENGE_REFRESH_MS = 4 * 60 * 1000;

const state = {
  step: 0,
  chooserOpen: false,
  picked: null, // "tokenId/certId" selected in the chooser
  checking: false,
  chosen: null, // {tokenId, certId, cert}
  renewal: null,
  receivedAt: 0,
  error: null, // {explanation, extra: string[]}
  working: false,
  stages: STAGES,
  stage: -1,
  writeFailed: false,
  result: null,
  recordFailed: false,
};

let ctx;

const client = () => ctx.session.client;
const allCerts = () => ctx.agent.tokens.flatMap((token) => token.certificates.map((cert) => ({ token, cert })));
const chosenToken = () => state.chosen && ctx.agent.tokens.find((tk) => tk.tokenId === state.chosen.tokenId);

function set(patch) {
  Object.assign(state, patch);
  ctx.rerender();
}

function fail(err, extra = []) {
  const lang = getLanguage();
  let explanation;
  if (err instanceof SiteError) explanation = explainSiteError(err, lang, ctx.site);
  else if (err instanceof AgentError) explanation = explainAgentError(err, lang);
  else explanation = explainAgentError({ reason: 'INTERNAL_ERROR' }, lang);
  set({ error: { explanation, extra }, working: false, checking: false, stage: -1 });
  requestAnimationFrame(() => { const box = document.querySelector('.alert[role=alert]'); if (box) box.focus(); });
}

// ---- actions -------------------------------------------------------------------------------

function openChooser() {
  const certs = allCerts();
  const only = certs.length === 1 ? `${certs[0].token.tokenId}/${certs[0].cert.certId}` : null;
  set({ chooserOpen: true, picked: state.picked || only, error: null });
  requestAnimationFrame(() => {
    const first = document.querySelector('.chooser input[type=radio]:checked, .chooser input[type=radio], .chooser button');
    if (first) first.focus();
  });
}

async function confirmChoice() {
  const found = allCerts().find(({ token, cert }) => `${token.tokenId}/${cert.certId}` === state.picked);
  if (!found) {
    set({ chooserError: true });
    return;
  }
  const chosen = { tokenId: found.token.tokenId, certId: found.cert.certId, cert: found.cert };
  set({ chooserOpen: false, chooserError: false, checking: true, error: null, chosen });
  try {
    const renewal = await ctx.api.createRenewal(found.cert.der);
    set({ renewal, receivedAt: Date.now(), checking: false, step: 2, writeFailed: false });
  } catch (e) {
    fail(e);
  }
}

/** Logs in unless this connection already is; without a PIN the agent asks in its own window. */
async function login(tokenId, pin) {
  const token = ctx.agent.tokens.find((tk) => tk.tokenId === tokenId);
  if (!pin && token && token.loggedIn) return;
  await client().verifyPin(tokenId, pin || undefined);
}

function readPin() {
  const pin = takePin();
  const token = chosenToken();
  if (token && !pinLengthOk(pin, token.pin)) {
    fail(new AgentError('PIN_INVALID', '', { data: { minLength: token.pin.minLength, maxLength: token.pin.maxLength } }));
    return null;
  }
  return pin;
}

async function renew() {
  const pin = readPin();
  if (pin === null) return;
  const { tokenId, certId, cert } = state.chosen;
  set({ working: true, error: null, stages: STAGES, stage: 0 });
  try {
    await login(tokenId, pin);

    let renewal = state.renewal;
    if (Date.now() - state.receivedAt > CHALLENGE_REFRESH_MS) {
      renewal = await ctx.api.createRenewal(cert.der);
      set({ renewal, receivedAt: Date.now() });
      if (renewal.pending) {
        set({ working: false, stage: -1 });
        return;
      }
    }

    set({ stage: 1 });
    const { keyId, csr } = await client().signCsr(tokenId, renewal.profile.keyAlgorithm, renewal.profile.subject);

    let issued;
    try {
      // The old key proves possession for this site's challenge, bound to the new key: the
      // agent adds this page's origin itself, and the site checks all three (docs/protocol.md).
      set({ stage: 2 });
      const binding = await spkiSha256(csr);
      const { signature } = await client().proveKey(tokenId, certId, renewal.challenge, { binding });
      set({ stage: 3 });
      issued = await ctx.api.issueRenewal(renewal.renewalId, signature, csr);
    } catch (e) {
      // No certificate for the new key: take it off the token again (design: never leave litter).
      const removed = await client().deleteKey(tokenId, keyId).then(() => true, () => false);
      // The challenge may be spent or expired: fetch a fresh one so that the next 更新 can work.
      if (e instanceof SiteError) refreshChallenge();
      fail(e, removed ? [t('hint.keyRemoved')] : []);
      return;
    }
    await write(tokenId, certId, issued, renewal.renewalId, 4);
  } catch (e) {
    fail(e);
  }
}

/** Finishes an interrupted renewal: the site already issued `pending` (manual 5.5). */
async function finishPending() {
  const pin = readPin();
  if (pin === null) return;
  const { tokenId, certId } = state.chosen;
  set({ working: true, error: null, stages: PENDING_STAGES, stage: 0 });
  try {
    await login(tokenId, pin);
    await write(tokenId, certId, state.renewal.pending, state.renewal.renewalId, 1);
  } catch (e) {
    fail(e);
  }
}

async function write(tokenId, certId, issued, renewalId, stage) {
  set({ stage });
  try {
    await client().writeCert(tokenId, issued.certificate, { replaces: certId });
  } catch (e) {
    // Issued but not on the key: the same certificate is written on the next try, never reissued.
    set({ renewal: { ...state.renewal, pending: issued }, writeFailed: true });
    fail(e);
    return;
  }
  set({ stage: stage + 1 });
  const recorded = await record(renewalId, issued.serialNumber);
  set({ working: false, stage: -1, step: 3, result: issued, recordFailed: !recorded, error: null });
  client().logout(tokenId).catch(() => {});
  ctx.session.refresh();
}

async function record(renewalId, serialNumber) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await ctx.api.completeRenewal(renewalId, serialNumber);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
  return false;
}

async function retryRecord() {
  const ok = await record(state.renewal.renewalId, state.result.serialNumber);
  set({ recordFailed: !ok });
}

function refreshChallenge() {
  ctx.api.createRenewal(state.chosen.cert.der)
    .then((renewal) => set({ renewal, receivedAt: Date.now() }), () => {});
}

// ---- views ---------------------------------------------------------------------------------

function render(c) {
  ctx = c;
  return [
    h('h1', { class: 'page-title' }, t('renew.title')),
    steps(STEPS, state.step),
    agentPanel(ctx, { quiet: state.step !== 1 }),
    [introView, chooseView, confirmView, doneView][state.step](),
    state.chooserOpen ? chooserView() : null,
  ];
}

function errorView() {
  return state.error ? alertBox(state.error.explanation, state.error.extra.map((x) => h('p', { class: 'alert-hint' }, x))) : null;
}

function introView() {
  const p = rules();
  return h('section', { class: 'panel' },
    h('h2', null, t('renew.step.intro')),
    h('ul', { class: 'rules' }, ['renew.intro.1', 'renew.intro.2', 'renew.intro.3', 'renew.intro.4']
      .map((key) => h('li', null, t(key, p)))),
    h('div', { class: 'actions' },
      h('button', { class: 'btn primary', type: 'button', onclick: () => set({ step: 1 }) }, t('button.next'))));
}

function rules() {
  const r = (ctx.site && ctx.site.renewal) || { daysBefore: 90, daysAfter: 300, validityDays: 1820 };
  return { before: r.daysBefore, after: r.daysAfter, validity: r.validityDays };
}

function chooseView() {
  const connected = ctx.agent.phase === 'connected';
  return h('section', { class: 'panel' },
    h('h2', null, t('renew.step.choose')),
    h('p', null, t('renew.choose.text')),
    connected ? tokenList(ctx.agent.tokens) : null,
    errorView(),
    state.checking ? h('p', { class: 'agent-line busy', role: 'status' }, h('span', { class: 'spinner' }), t('renew.checking')) : null,
    h('div', { class: 'actions' },
      h('button', { class: 'btn', type: 'button', onclick: () => set({ step: 0, error: null }) }, t('button.back')),
      h('button', { class: 'btn primary', type: 'button', disabled: !connected || state.checking, onclick: openChooser },
        t('button.choose'))));
}

function chooserView() {
  const certs = allCerts();
  const close = () => set({ chooserOpen: false, chooserError: false });
  return h('div', { class: 'overlay', onclick: (ev) => { if (ev.target === ev.currentTarget) close(); } },
    h('div', { class: 'chooser', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'chooser-title',
      onkeydown: (ev) => { if (ev.key === 'Escape') close(); } },
    h('h2', { id: 'chooser-title' }, t('renew.choose.dialogTitle')),
    certs.length
      ? tokenList(ctx.agent.tokens.filter((tk) => tk.certificates.length), {
        pick: 'cert', name: 'cert', selected: state.picked,
        onSelect: (value) => set({ picked: value, chooserError: false }),
      })
      : h('p', { class: 'empty' }, ctx.agent.tokens.length ? t('renew.choose.none') : t('tokens.none')),
    state.chooserError ? h('p', { class: 'field-error', role: 'alert' }, t('renew.choose.pick')) : null,
    h('div', { class: 'actions' },
      h('button', { class: 'btn', type: 'button', onclick: close }, t('button.cancel')),
      h('button', { class: 'btn primary', type: 'button', disabled: !certs.length, onclick: confirmChoice }, t('button.ok')))));
}

function confirmView() {
  const { cert } = state.chosen;
  const renewal = state.renewal;
  const token = chosenToken();
  const gone = !token && ctx.agent.phase === 'connected';
  const pending = renewal.pending;
  const disabled = state.working || gone || ctx.agent.phase !== 'connected';
  return h('section', { class: 'panel' },
    h('h2', null, pending ? t('renew.pending.title') : t('renew.step.confirm')),
    h('p', null, pending ? (state.writeFailed ? t('renew.writeFailed') : t('renew.pending.text')) : t('renew.confirmText')),
    h('div', { class: 'compare' },
      h('div', { class: 'card' },
        h('h3', null, t('renew.current')),
        facts([
          ['field.subject', subjectView(cert.subject)],
          ['field.issuer', cert.issuer],
          ['field.serial', h('code', null, cert.serialNumber)],
          ['field.notBefore', formatDateTime(cert.notBefore)],
          ['field.notAfter', formatDateTime(cert.notAfter)],
          ['field.status', statusBadge(cert)],
          ['field.key', token ? token.label : null],
        ])),
      h('div', { class: 'card new' },
        h('h3', null, t('renew.profile')),
        pending
          ? facts([
            ['field.subject', subjectView(pending.subject)],
            ['field.serial', h('code', null, pending.serialNumber)],
            ['field.notBefore', formatDateTime(pending.notBefore)],
            ['field.notAfter', formatDateTime(pending.notAfter)],
            ['field.validity', t('field.validityDays', { days: pending.validityDays })],
          ])
          : facts([
            ['field.subject', subjectView(renewal.profile.subject)],
            ['field.validity', t('field.validityDays', { days: renewal.profile.validityDays })],
            ['field.keyAlgorithm', renewal.profile.keyAlgorithm],
          ]),
        renewal.window ? h('p', { class: 'muted small' }, t('renew.window', {
          start: formatDate(renewal.window.start), end: formatDate(renewal.window.end) })) : null)),
    gone ? h('div', { class: 'alert bad', role: 'alert' }, h('p', null, t('renew.tokenGone'))) : null,
    errorView(),
    pinEntry(ctx, token, { disabled, waiting: state.working && state.stage === 0 }),
    keepKeyNote(),
    state.working ? progress(state.stages, state.stage) : null,
    h('div', { class: 'actions' },
      h('button', { class: 'btn', type: 'button', disabled: state.working,
        onclick: () => set({ step: 1, error: null, renewal: null, chosen: null, writeFailed: false }) }, t('button.back')),
      h('button', { class: 'btn primary', type: 'button', disabled, onclick: pending ? finishPending : renew },
        state.working ? t('working') : pending ? t('button.finish') : t('button.renew'))));
}

function doneView() {
  return issuedCertificateView('renew', state.result, { recordFailed: state.recordFailed, onRetryRecord: retryRecord });
}

window.addEventListener('beforeunload', (ev) => {
  if (state.working) {
    ev.preventDefault();
    ev.returnValue = t('unloadWarning');
  }
});

startPage({ active: 'renew', titleKey: 'renew.title', needsAgent: true, renderMain: render });
