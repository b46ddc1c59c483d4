// What the user reads when something is refused: why, and what to do. Pure; testable in Node.
import { t } from './i18n.js';
import { formatDate } from './format.js';

/**
 * @typedef {{title: string, text: string, hints: string[], tone: 'bad'|'warn'}} Explanation
 */

const AGENT_OWN_WORDS = new Set([
  'PIN_LOCKED', 'TOKEN_NOT_FOUND', 'CANCELLED_BY_USER', 'TOKEN_BUSY', 'LOGIN_REQUIRED',
  'OBJECT_NOT_FOUND', 'CERT_KEY_MISMATCH', 'UNSUPPORTED_ALGORITHM', 'TOKEN_FULL',
  'AGENT_UNAVAILABLE', 'DISCONNECTED', 'NOT_CONNECTED', 'TIMEOUT', 'PERMISSION_DENIED',
  'PERMISSION_PROMPT', 'PROTOCOL_MISMATCH', 'NOT_IN_PROTOCOL',
  // Protocol 2:
  'PIN_ENTRY_IN_AGENT', 'ISSUER_MISMATCH', 'KEY_NOT_CREATED_HERE', 'TOO_MANY_DIALOGS',
]);

/**
 * An agent error (AgentError: reason, code, data) in the user's words.
 * @param {{reason?: string, data?: any}} err
 * @param {'zh'|'en'} [lang]
 * @returns {Explanation}
 */
export function explainAgentError(err, lang) {
  const reason = (err && err.reason) || 'UNKNOWN';
  const data = (err && err.data) || {};
  const title = t('err.title.agent', undefined, lang);
  const soft = ['CANCELLED_BY_USER', 'PIN_INCORRECT', 'PIN_INVALID', 'PIN_ENTRY_IN_AGENT', 'TOO_MANY_DIALOGS'].includes(reason);
  const tone = soft ? 'warn' : 'bad';
  let text;
  switch (reason) {
    case 'PIN_INCORRECT':
      if (data.finalTry) text = t('err.agent.PIN_INCORRECT.finalTry', undefined, lang);
      else if (Number.isFinite(data.retriesLeft)) text = t('err.agent.PIN_INCORRECT', { retries: data.retriesLeft }, lang);
      else text = t('err.agent.PIN_INCORRECT.unknown', undefined, lang);
      break;
    case 'PIN_TRIES_LOW':
      // The agent did not try the page's PIN: a wrong one now could lock the key.
      text = t(data.finalTry ? 'err.agent.PIN_TRIES_LOW.finalTry' : 'err.agent.PIN_TRIES_LOW', undefined, lang);
      break;
    case 'PIN_INVALID':
      text = t('err.agent.PIN_INVALID', { min: data.minLength ?? '?', max: data.maxLength ?? '?' }, lang);
      break;
    case 'INVALID_PARAMS':
      // A headless agent cannot ask for the PIN in its own window.
      text = data.field === 'pin' ? t('err.agent.PIN_NEEDED', undefined, lang)
        : t('err.agent.other', { reason }, lang);
      break;
    case 'TOKEN_ERROR':
      text = t('err.agent.TOKEN_ERROR', { ckr: data.ckr ? ` (${data.ckr})` : '' }, lang);
      break;
    default:
      text = AGENT_OWN_WORDS.has(reason) ? t(`err.agent.${reason}`, undefined, lang)
        : t('err.agent.other', { reason }, lang);
  }
  return { title, text, hints: [], tone };
}

/**
 * A site refusal (SiteError: reason, localized {zh, en}, details) in the user's words: the
 * site's own message in the user's language when it has one, plus what to do.
 * @param {{reason?: string, localized?: {zh?: string, en?: string}|null, details?: any}} err
 * @param {'zh'|'en'} lang
 * @param {{renewal?: {daysBefore: number, daysAfter: number}}} [site]
 * @returns {Explanation}
 */
export function explainSiteError(err, lang, site) {
  const reason = (err && err.reason) || 'UNKNOWN';
  const details = (err && err.details) || {};
  const fromSite = err && err.localized && (err.localized[lang] || err.localized.zh || err.localized.en);
  const ownKey = `err.site.${reason}`;
  const params = {
    reason,
    before: site && site.renewal ? site.renewal.daysBefore : 90,
    after: site && site.renewal ? site.renewal.daysAfter : 300,
  };
  const own = t(ownKey, params, lang) !== ownKey ? t(ownKey, params, lang) : t('err.site.other', params, lang);
  const hints = [];
  switch (reason) {
    // The site's own message already states the window's dates and the tries left: the page
    // adds them only to its own words, so that the clerk does not read them twice.
    case 'OUTSIDE_RENEWAL_WINDOW':
      if (!fromSite && details.windowStart && details.windowEnd) {
        hints.push(t('hint.window', {
          start: formatDate(details.windowStart), end: formatDate(details.windowEnd),
          notAfter: formatDate(details.notAfter),
        }, lang));
      }
      hints.push(t('hint.chooseAnother', undefined, lang));
      break;
    case 'UNKNOWN_CERTIFICATE':
      hints.push(t('hint.chooseAnother', undefined, lang), t('hint.contactService', undefined, lang));
      break;
    case 'CERTIFICATE_REVOKED':
      hints.push(t('hint.contactService', undefined, lang));
      break;
    case 'CODE_INVALID':
      if (!fromSite && Number.isFinite(details.attemptsLeft)) hints.push(t('hint.attemptsLeft', { n: details.attemptsLeft }, lang));
      break;
    case 'CODE_EXPIRED':
    case 'CODE_USED':
    case 'CODE_LOCKED':
      hints.push(t('hint.contactRa', undefined, lang));
      break;
    case 'INTERNAL_ERROR':
    case 'PROOF_INVALID':
    case 'CSR_INVALID':
    case 'CSR_REUSES_OLD_KEY':
    case 'KEY_ALREADY_CERTIFIED':
    case 'UNSUPPORTED_KEY':
    case 'UNKNOWN_RENEWAL':
      hints.push(t('hint.contactService', undefined, lang));
      break;
    default:
      break;
  }
  return { title: t('err.title.site', undefined, lang), text: fromSite || own, hints, tone: 'bad' };
}
