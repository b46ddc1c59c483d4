// The frame every page shares (header, language switch, function list, footer), the agent
// panel, and small components. Pages render their main part from their own state.
import { h, replaceContent } from './dom.js';
import { t, getLanguage, setLanguage } from './i18n.js';
import { createSiteApi } from './site-api.js';
import { AgentSession } from './agent-session.js';
import { DEFAULT_AGENT_URLS } from './agent-client.js';
import { certificateStatus, commonName, formatDate, formatDateTime, pinNotes } from './format.js';

const NAV = [
  { id: 'home', href: './', key: 'nav.home' },
  { id: 'renew', href: 'renew.html', key: 'nav.renew' },
  { id: 'download', href: 'download.html', key: 'nav.download' },
];

/**
 * @typedef {Object} PageContext
 * @property {ReturnType<typeof createSiteApi>} api
 * @property {import('./site-api.js').SiteInfo|null} site
 * @property {AgentSession|null} session
 * @property {import('./agent-session.js').AgentView} agent
 * @property {function(): void} rerender
 */

/**
 * Builds the page and keeps it in step with the language, the site info and the agent.
 * @param {{active: string, titleKey: string, needsAgent: boolean,
 *   renderMain: function(PageContext): any, onAgentChange?: function(PageContext): void}} options
 * @returns {Promise<PageContext>}
 */
export async function startPage({ active, titleKey, needsAgent, renderMain, onAgentChange }) {
  const root = document.getElementById('app');
  /** @type {PageContext} */
  const ctx = {
    api: createSiteApi(),
    site: null,
    session: null,
    agent: { phase: 'checking', tokens: [], info: null },
    siteError: null,
    rerender: () => render(),
  };
  let scheduled = false;

  function render() {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      document.documentElement.lang = getLanguage() === 'zh' ? 'zh-CN' : 'en';
      document.title = `${t(titleKey)} · ${t('site.title')}`;
      replaceContent(root, frame(active, ctx, renderMain(ctx)));
    });
  }

  document.addEventListener('languagechange', render);
  render();

  try {
    ctx.site = await ctx.api.site();
  } catch (e) {
    ctx.siteError = e;
  }
  if (needsAgent) {
    const urls = ctx.site && Array.isArray(ctx.site.agentUrls) && ctx.site.agentUrls.length
      ? ctx.site.agentUrls : [...DEFAULT_AGENT_URLS];
    ctx.session = new AgentSession({
      urls,
      onChange: (view) => {
        ctx.agent = view;
        if (onAgentChange) onAgentChange(ctx);
        render();
      },
    });
    ctx.session.start();
  }
  render();
  return ctx;
}

function frame(active, ctx, main) {
  const lang = getLanguage();
  const other = lang === 'zh' ? 'en' : 'zh';
  return [
    h('a', { class: 'skip', href: '#main' }, lang === 'zh' ? '跳到正文' : 'Skip to content'),
    h('header', { class: 'masthead' },
      h('div', { class: 'wrap masthead-row' },
        h('a', { class: 'brand', href: './' },
          h('span', { class: 'emblem', 'aria-hidden': 'true' }, '证'),
          h('span', { class: 'brand-text' },
            h('span', { class: 'brand-title' }, t('site.title')),
            h('span', { class: 'brand-sub' }, t('site.subtitle')))),
        h('button', {
          class: 'lang-switch', type: 'button', lang: other === 'zh' ? 'zh-CN' : 'en',
          'aria-label': t('lang.switchLabel'), onclick: () => setLanguage(other),
        }, t('lang.switch')))),
    h('div', { class: 'wrap layout' },
      h('nav', { class: 'sidebar', 'aria-label': t('nav.label') },
        h('h2', { class: 'sidebar-title' }, t('nav.label')),
        h('ul', null, NAV.map((item) => h('li', null,
          h('a', { href: item.href, class: item.id === active ? 'active' : null,
            'aria-current': item.id === active ? 'page' : null }, t(item.key)))))),
      h('main', { id: 'main', tabindex: '-1' },
        ctx.siteError ? siteErrorBox() : null,
        main)),
    h('footer', { class: 'footer' },
      h('div', { class: 'wrap' },
        h('p', null, t('footer.help', footerParams(ctx.site))),
        h('p', null, t('footer.contact')),
        h('p', { class: 'muted' }, t('footer.browsers')))),
  ];
}

/** The renewal rules as the site states them (GET /api/site), with the old defaults. */
export function footerParams(site) {
  return {
    before: site && site.renewal ? site.renewal.daysBefore : 90,
    after: site && site.renewal ? site.renewal.daysAfter : 300,
    validity: site && site.renewal ? site.renewal.validityDays : 1820,
  };
}

function siteErrorBox() {
  return h('div', { class: 'alert bad', role: 'alert' },
    h('p', { class: 'alert-title' }, t('site.error.title')),
    h('p', null, t('site.error.text')));
}

// ---- components ------------------------------------------------------------------------

/**
 * The step indicator: numbered steps, the current one marked.
 * @param {string[]} keys i18n keys of the step names
 * @param {number} current index of the current step
 */
export function steps(keys, current) {
  return h('ol', { class: 'steps', 'aria-label': t('steps.label') },
    keys.map((key, i) => h('li', {
      class: i < current ? 'done' : i === current ? 'current' : 'todo',
      'aria-current': i === current ? 'step' : null,
    }, h('span', { class: 'step-num', 'aria-hidden': 'true' }, i < current ? '✓' : String(i + 1)),
    h('span', { class: 'step-name' }, t(key)))));
}

/**
 * What the page knows about the agent: nothing when connected (a quiet line), else the panel
 * for the outcome (allow in the browser, unblock, install, update).
 * @param {PageContext} ctx
 * @param {{quiet?: boolean}} [options]
 */
export function agentPanel(ctx, { quiet = false } = {}) {
  const view = ctx.agent;
  const session = ctx.session;
  const installer = ctx.site && ctx.site.installerUrl;
  switch (view.phase) {
    case 'checking':
    case 'connecting':
      return h('p', { class: 'agent-line busy', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('agent.connecting'));
    case 'reconnecting':
      return h('p', { class: 'agent-line warn', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('agent.reconnecting'));
    case 'connected':
      return quiet ? null : h('p', { class: 'agent-line ok', role: 'status' },
        h('span', { class: 'dot', 'aria-hidden': 'true' }), t('agent.connected', { version: (view.info && view.info.version) || '?' }));
    case 'prompt':
      return h('section', { class: 'panel notice', role: 'region', 'aria-label': t('agent.prompt.title') },
        h('h2', null, t('agent.prompt.title')),
        h('p', null, t('agent.prompt.text')),
        h('div', { class: 'actions' },
          h('button', { class: 'btn primary', type: 'button', onclick: () => session.connect(true) }, t('agent.prompt.button'))));
    case 'denied':
      return h('section', { class: 'panel alert-panel', role: 'alert' },
        h('h2', null, t('agent.denied.title')),
        // Browsers refuse local network access to pages not served over HTTPS, whatever the user says.
        h('p', null, globalThis.isSecureContext === false ? t('agent.insecure.text') : t('agent.denied.text')),
        h('div', { class: 'actions' },
          h('button', { class: 'btn', type: 'button', onclick: () => session.connect(true) }, t('agent.retry'))));
    case 'outdated':
      return h('section', { class: 'panel alert-panel', role: 'alert' },
        h('h2', null, t('agent.old.title')),
        h('p', null, t('agent.old.text')),
        h('div', { class: 'actions' },
          installer ? h('a', { class: 'btn primary', href: installer, download: '' }, t('agent.missing.download')) : null,
          h('button', { class: 'btn', type: 'button', onclick: () => session.connect(true) }, t('agent.retry'))));
    default:
      return h('section', { class: 'panel alert-panel', role: 'alert' },
        h('h2', null, t('agent.missing.title')),
        h('p', null, t('agent.missing.text')),
        h('p', null, t('agent.missing.steps')),
        h('div', { class: 'actions' },
          installer ? h('a', { class: 'btn primary', href: installer, download: '' }, t('agent.missing.download')) : null,
          h('button', { class: 'btn', type: 'button', onclick: () => session.connect(true) }, t('agent.retry'))));
  }
}

/** A subject shown as its common name, with the full RFC 4514 string below. */
export function subjectView(subject) {
  return h('span', null, h('strong', null, commonName(subject)), h('br'), h('small', null, subject));
}

/** A status badge for a certificate (manual 1.1–1.3). */
export function statusBadge(cert) {
  const s = certificateStatus(cert);
  return h('span', { class: `badge ${s.tone}` }, t(s.key, s.params));
}

/**
 * The keys and their certificates. With `pick` 'cert' or 'token', rows are radio buttons.
 * @param {import('./agent-client.js').Token[]} tokens
 * @param {{pick?: 'cert'|'token', name?: string, selected?: string|null,
 *   onSelect?: function(string): void, disabledReason?: function(any): string|null,
 *   emptyText?: string}} [options]
 */
export function tokenList(tokens, { pick, name = 'pick', selected = null, onSelect, disabledReason, emptyText } = {}) {
  if (!tokens.length) return h('p', { class: 'empty' }, emptyText || t('tokens.none'));
  return h('ul', { class: 'tokens' }, tokens.map((token) => {
    const notes = pinNotes(token);
    const tokenDisabled = disabledReason ? disabledReason(token) : null;
    const head = h('div', { class: 'token-head' },
      h('span', { class: 'token-icon', 'aria-hidden': 'true' }),
      h('span', { class: 'token-name' }, token.label || token.model || 'UKey'),
      h('span', { class: 'token-meta' }, [token.manufacturer, token.model].filter(Boolean).join(' · '),
        token.serialNumber ? ` · ${t('tokens.serial', { serial: token.serialNumber })}` : ''),
      notes.map((k) => h('span', { class: 'badge warn' }, t(k))));
    const certs = token.certificates || [];
    const body = certs.length
      ? h('ul', { class: 'certs' }, certs.map((cert) => certRow(token, cert, { pick, name, selected, onSelect, disabled: tokenDisabled })))
      : h('p', { class: 'blank' }, t('tokens.blank'));

    if (pick === 'token') {
      const value = token.tokenId;
      const id = `${name}-${value}`;
      return h('li', { class: `token pickable${selected === value ? ' selected' : ''}${tokenDisabled ? ' disabled' : ''}` },
        h('label', { for: id, class: 'token-pick' },
          h('input', { type: 'radio', id, name, value, checked: selected === value, disabled: !!tokenDisabled,
            onchange: () => onSelect && onSelect(value) }),
          h('div', { class: 'token-pick-body' }, head, body,
            tokenDisabled ? h('p', { class: 'disabled-reason' }, tokenDisabled) : null)));
    }
    return h('li', { class: 'token' }, head, body);
  }));
}

function certRow(token, cert, { pick, name, selected, onSelect, disabled }) {
  const content = [
    h('span', { class: 'cert-name' }, commonName(cert.subject)),
    h('span', { class: 'cert-dates' }, t('tokens.validTo', { date: formatDate(cert.notAfter) })),
    statusBadge(cert),
    h('span', { class: 'cert-subject' }, cert.subject),
  ];
  if (pick !== 'cert') return h('li', { class: `cert ${certificateStatus(cert).kind}` }, content);
  const value = `${token.tokenId}/${cert.certId}`;
  const id = `${name}-${value}`;
  return h('li', { class: `cert pickable ${certificateStatus(cert).kind}${selected === value ? ' selected' : ''}` },
    h('label', { for: id },
      h('input', { type: 'radio', id, name, value, checked: selected === value, disabled: !!disabled,
        onchange: () => onSelect && onSelect(value) }),
      h('span', { class: 'cert-body' }, content)));
}

/**
 * A definition list of facts: rows of [i18n key, value]; rows with empty values are left out.
 * @param {Array<[string, any]>} rows
 */
export function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([key, value]) => h('div', { class: 'fact' }, h('dt', null, t(key)), h('dd', null, value))));
}

/**
 * A refusal or failure: why, and what to do.
 * @param {import('./explain.js').Explanation} explanation
 * @param {...any} extra more nodes (e.g. a note that the new key was removed)
 */
export function alertBox(explanation, ...extra) {
  return h('div', { class: `alert ${explanation.tone}`, role: 'alert', tabindex: '-1' },
    h('p', { class: 'alert-title' }, explanation.title),
    h('p', null, explanation.text),
    extra,
    explanation.hints.map((hint) => h('p', { class: 'alert-hint' }, hint)));
}

/**
 * The stages of an operation, with the current one marked.
 * @param {string[]} keys
 * @param {number} current
 */
export function progress(keys, current) {
  return h('ol', { class: 'progress', 'aria-live': 'polite' },
    keys.map((key, i) => h('li', { class: i < current ? 'done' : i === current ? 'current' : 'todo' },
      h('span', { class: 'progress-mark', 'aria-hidden': 'true' }, i < current ? '✓' : i === current ? '' : '·'),
      t(key))));
}

/**
 * Where the PIN is typed. An agent that asks in its own window (protocol 2's pinEntry 'agent')
 * gets no PIN field in the page: a note before, and while verifyPin waits the line
 * "请在弹出的 UKey 助手窗口中输入口令". A headless agent that takes the PIN from the page
 * (pinEntry 'page') gets the field.
 * @param {PageContext} ctx
 * @param {{pin?: {minLength?: number, maxLength?: number}}|null} token
 * @param {{disabled?: boolean, waiting?: boolean}} [options] waiting: verifyPin is running
 */
export function pinEntry(ctx, token, { disabled = false, waiting = false } = {}) {
  const client = ctx.session && ctx.session.client;
  if (client && client.pinEntry === 'page') return pinField(token, { disabled, dialogToo: client.protocol === 1 });
  if (client && client.pinEntry === 'none') return h('p', { class: 'alert warn', role: 'note' }, t('pin.none'));
  if (waiting) {
    return h('p', { class: 'agent-line busy pin-in-agent', role: 'status' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('pin.inAgent'));
  }
  return h('p', { class: 'pin-in-agent-note' }, t('pin.inAgentNote'));
}

/**
 * The PIN field, with the token's limits; `dialogToo` (protocol 1) says the agent may ask instead.
 * @param {{pin?: {minLength?: number, maxLength?: number}}|null} token
 * @param {{disabled?: boolean, dialogToo?: boolean}} [options]
 */
function pinField(token, { disabled = false, dialogToo = false } = {}) {
  const pin = (token && token.pin) || {};
  const limits = pin.minLength && pin.maxLength ? t('pin.lengths', { min: pin.minLength, max: pin.maxLength }) : '';
  return h('div', { class: 'field pin-field' },
    h('label', { for: 'pin' }, t('pin.label')),
    h('input', { id: 'pin', name: 'pin', type: 'password', autocomplete: 'off', inputmode: 'text',
      maxlength: pin.maxLength || null, disabled, 'aria-describedby': 'pin-help', spellcheck: 'false' }),
    h('p', { id: 'pin-help', class: 'field-help' },
      [limits, t('pin.help'), dialogToo ? t('pin.helpDialog') : ''].filter(Boolean).join(getLanguage() === 'zh' ? '' : ' ')));
}

/** The note to keep the key in (manual 3.6), short. */
export function keepKeyNote() {
  return h('p', { class: 'keep-key' }, h('span', { class: 'keep-key-icon', 'aria-hidden': 'true' }, '!'), t('keepKey'));
}

/** Reads and clears the PIN field (the PIN lives in the page only for one call); '' without a field. */
export function takePin() {
  const input = /** @type {HTMLInputElement|null} */ (document.getElementById('pin'));
  if (!input) return '';
  const value = input.value;
  input.value = '';
  return value;
}

/**
 * The last step of a renewal or a download: the certificate now on the key, and a way to retry
 * recording completion with the site if that failed. {@code flow} is 'renew' or 'download'.
 */
export function issuedCertificateView(flow, result, { recordFailed, onRetryRecord }) {
  return h('section', { class: 'panel success' },
    h('h2', null, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), t(`${flow}.done.title`)),
    h('p', null, t(`${flow}.done.text`)),
    h('div', { class: 'card new' }, facts([
      ['field.subject', subjectView(result.subject)],
      ['field.serial', h('code', null, result.serialNumber)],
      ['field.notBefore', formatDateTime(result.notBefore)],
      ['field.notAfter', formatDateTime(result.notAfter)],
      ['field.validity', t('field.validityDays', { days: result.validityDays })],
    ])),
    recordFailed ? h('div', { class: 'alert warn', role: 'alert' }, h('p', null, t(`${flow}.done.recordFailed`)),
      h('button', { class: 'btn', type: 'button', onclick: onRetryRecord }, t('button.retryComplete'))) : null,
    h('div', { class: 'actions' }, h('a', { class: 'btn primary', href: './' }, t('button.home'))));
}
