// 下载用户证书: reference number + authorization code → 下一步 → check the authorized subject
// and validity (manual 4.5) → a blank key, PIN (in the agent's window) → 下载 → the certificate on the key.
import { h } from './dom.js';
import { t, getLanguage } from './i18n.js';
import { explainAgentError, explainSiteError } from './explain.js';
import { SiteError } from './site-api.js';
import { AgentError } from './agent-client.js';
import { formatDateTime, isBlankToken, pinLengthOk } from './format.js';
import {
  startPage, steps, agentPanel, tokenList, facts, alertBox, progress, pinEntry, keepKeyNote, takePin, subjectView,
  issuedCertificateView,
} from './shell.js';

const STEPS = ['download.step.code', 'download.step.confirm', 'download.step.key', 'download.step.done'];
const STAGES = ['download.progress.login', 'download.progress.key', 'download.progress.issue',
  'download.progress.write', 'download.progress.record'];
const RETRY_STAGES = ['download.progress.login', 'download.progress.write', 'download.progress.record'];

const state = {
  step: 0,
  referenceNumber: '',
  authorizationCode: '',
  checking: false,
  authorization: null,
  tokenId: null,
  error: null,
  fieldError: null,
  working: false,
  stages: STAGES,
  stage: -1,
  issued: null, // issued but not yet written: the next 下载 writes this one
  result: null,
  recordFailed: false,
};

let ctx;
const client = () => ctx.session.client;
const selectedToken = () => ctx.agent.tokens.find((tk) => tk.tokenId === state.tokenId) || null;

function set(patch) {
  Object.assign(state, patch);
  ctx.rerender();
}

function fail(err, extra = []) {
  const lang = getLanguage();
  const explanation = err instanceof SiteError ? explainSiteError(err, lang, ctx.site)
    : explainAgentError(err instanceof AgentError ? err : { reason: 'INTERNAL_ERROR' }, lang);
  set({ error: { explanation, extra }, working: false, checking: false, stage: -1 });
  requestAnimationFrame(() => { const box = document.querySelector('.alert[role=alert]'); if (box) box.focus(); });
}

/** Why a key cannot take the download, or null. */
function unusable(token) {
  if (token.pin && token.pin.locked) return t('download.key.locked');
  if (!isBlankToken(token)) return t('download.key.notBlank');
  return null;
}

// ---- actions -------------------------------------------------------------------------------

async function checkCode(ev) {
  ev.preventDefault();
  const form = ev.currentTarget;
  const referenceNumber = form.elements.referenceNumber.value.trim();
  const authorizationCode = form.elements.authorizationCode.value.trim();
  if (!referenceNumber || !authorizationCode) {
    set({ fieldError: t('download.fieldsNeeded'), error: null });
    return;
  }
  set({ checking: true, error: null, fieldError: null, referenceNumber, authorizationCode });
  try {
    const authorization = await ctx.api.checkDownload(referenceNumber, authorizationCode);
    set({ authorization, checking: false, step: 1 });
  } catch (e) {
    fail(e);
  }
}

async function download() {
  const token = selectedToken();
  if (!token || unusable(token) && !state.issued) {
    set({ fieldError: t('download.key.pick') });
    return;
  }
  const pin = takePin();
  if (!pinLengthOk(pin, token.pin)) {
    fail(new AgentError('PIN_INVALID', '', { data: { minLength: token.pin.minLength, maxLength: token.pin.maxLength } }));
    return;
  }
  const tokenId = token.tokenId;
  const retry = !!state.issued;
  set({ working: true, error: null, fieldError: null, stages: retry ? RETRY_STAGES : STAGES, stage: 0 });
  try {
    if (pin || !token.loggedIn) await client().verifyPin(tokenId, pin || undefined);
    let issued = state.issued;
    if (!issued) {
      set({ stage: 1 });
      const { keyId, csr } = await client().signCsr(tokenId, state.authorization.keyAlgorithm, state.authorization.subject);
      set({ stage: 2 });
      try {
        issued = await ctx.api.issueDownload(state.referenceNumber, state.authorizationCode, csr);
      } catch (e) {
        const removed = await client().deleteKey(tokenId, keyId).then(() => true, () => false);
        fail(e, removed ? [t('hint.keyRemoved')] : []);
        return;
      }
    }
    set({ stage: retry ? 1 : 3 });
    try {
      await client().writeCert(tokenId, issued.certificate);
    } catch (e) {
      // Issued for the key on this token: keep it and write it on the next click.
      set({ issued });
      fail(e);
      return;
    }
    set({ stage: retry ? 2 : 4 });
    const recorded = await record(issued.serialNumber);
    set({ working: false, stage: -1, step: 3, result: issued, issued: null, recordFailed: !recorded,
      authorizationCode: '' });
    client().logout(tokenId).catch(() => {});
    ctx.session.refresh();
  } catch (e) {
    fail(e);
  }
}

async function record(serialNumber) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await ctx.api.completeDownload(state.referenceNumber, serialNumber);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
  return false;
}

async function retryRecord() {
  const ok = await record(state.result.serialNumber);
  set({ recordFailed: !ok });
}

// ---- views ---------------------------------------------------------------------------------

function render(c) {
  ctx = c;
  return [
    h('h1', { class: 'page-title' }, t('download.title')),
    steps(STEPS, state.step),
    agentPanel(ctx, { quiet: state.step !== 2 }),
    [codeView, confirmView, keyView, doneView][state.step](),
  ];
}

function errorView() {
  return state.error ? alertBox(state.error.explanation, state.error.extra.map((x) => h('p', { class: 'alert-hint' }, x))) : null;
}

function codeView() {
  return h('section', { class: 'panel' },
    h('h2', null, t('download.step.code')),
    h('p', null, t('download.intro')),
    h('form', { class: 'form', onsubmit: checkCode, novalidate: true, autocomplete: 'off' },
      h('div', { class: 'field' },
        h('label', { for: 'ref' }, t('download.ref')),
        h('input', { id: 'ref', name: 'referenceNumber', type: 'text', value: state.referenceNumber,
          autocomplete: 'off', spellcheck: 'false', required: true })),
      h('div', { class: 'field' },
        h('label', { for: 'code' }, t('download.code')),
        h('input', { id: 'code', name: 'authorizationCode', type: 'text', value: state.authorizationCode, autocomplete: 'off',
          spellcheck: 'false', required: true })),
      state.fieldError ? h('p', { class: 'field-error', role: 'alert' }, state.fieldError) : null,
      errorView(),
      state.checking ? h('p', { class: 'agent-line busy', role: 'status' }, h('span', { class: 'spinner' }), t('download.checking')) : null,
      h('div', { class: 'actions' },
        h('button', { class: 'btn primary', type: 'submit', disabled: state.checking }, t('button.next')))));
}

function authorizationFacts() {
  const a = state.authorization;
  return facts([
    ['field.subject', subjectView(a.subject)],
    ['field.validity', t('field.validityDays', { days: a.validityDays })],
    ['field.keyAlgorithm', a.keyAlgorithm],
    ['field.expiresAt', formatDateTime(a.expiresAt)],
  ]);
}

function confirmView() {
  return h('section', { class: 'panel' },
    h('h2', null, t('download.step.confirm')),
    h('p', null, t('download.confirmText')),
    h('div', { class: 'card new' }, authorizationFacts()),
    h('div', { class: 'actions' },
      h('button', { class: 'btn', type: 'button', onclick: () => set({ step: 0, error: null }) }, t('button.back')),
      h('button', { class: 'btn primary', type: 'button', onclick: () => set({ step: 2, error: null }) }, t('button.next'))));
}

function keyView() {
  const connected = ctx.agent.phase === 'connected';
  const blanks = ctx.agent.tokens.filter((tk) => !unusable(tk));
  // Pick the only blank key for the user; keep a choice once made.
  if (!state.tokenId && blanks.length === 1) state.tokenId = blanks[0].tokenId;
  const token = selectedToken();
  const usable = token && (state.issued || !unusable(token));
  return h('section', { class: 'panel' },
    h('h2', null, t('download.step.key')),
    h('div', { class: 'card new compact' }, authorizationFacts()),
    h('p', null, state.issued ? t('download.writeFailed') : t('download.key.text')),
    connected ? tokenList(ctx.agent.tokens, {
      pick: 'token', name: 'token', selected: state.tokenId,
      onSelect: (value) => set({ tokenId: value, fieldError: null }),
      disabledReason: (tk) => (state.issued ? (tk.tokenId === state.tokenId ? null : t('download.key.notBlank')) : unusable(tk)),
      emptyText: t('download.key.none'),
    }) : null,
    connected && ctx.agent.tokens.length && !blanks.length && !state.issued ? h('p', { class: 'empty' }, t('download.key.none')) : null,
    state.fieldError ? h('p', { class: 'field-error', role: 'alert' }, state.fieldError) : null,
    errorView(),
    pinEntry(ctx, token, { disabled: state.working || !usable, waiting: state.working && state.stage === 0 }),
    keepKeyNote(),
    state.working ? progress(state.stages, state.stage) : null,
    h('div', { class: 'actions' },
      h('button', { class: 'btn', type: 'button', disabled: state.working || !!state.issued,
        onclick: () => set({ step: 1, error: null }) }, t('button.back')),
      h('button', { class: 'btn primary', type: 'button', disabled: state.working || !connected || !usable, onclick: download },
        state.working ? t('working') : state.issued ? t('button.finish') : t('button.download'))));
}

function doneView() {
  return issuedCertificateView('download', state.result, { recordFailed: state.recordFailed, onRetryRecord: retryRecord });
}

window.addEventListener('beforeunload', (ev) => {
  if (state.working || state.issued) {
    ev.preventDefault();
    ev.returnValue = t('unloadWarning');
  }
});

startPage({ active: 'download', titleKey: 'download.title', needsAgent: true, renderMain: render });
