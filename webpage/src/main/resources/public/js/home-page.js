// The start page: the two functions (更新用户证书, 下载用户证书) and the keys plugged in, with
// the status of their certificates (manual 1.1–1.3), live.
import { h } from './dom.js';
import { t } from './i18n.js';
import { worstStatus } from './format.js';
import { startPage, agentPanel, tokenList, footerParams } from './shell.js';

function render(ctx) {
  const params = footerParams(ctx.site);
  const worst = ctx.agent.phase === 'connected' ? worstStatus(ctx.agent.tokens) : 'none';
  return [
    h('h1', { class: 'page-title' }, t('home.heading')),
    h('div', { class: 'functions' },
      h('section', { class: 'function' },
        h('span', { class: 'function-icon renew', 'aria-hidden': 'true' }, '↻'),
        h('h2', null, t('nav.renew')),
        h('p', null, t('home.renew.text', params)),
        h('a', { class: 'btn primary', href: 'renew.html' }, t('nav.renew'))),
      h('section', { class: 'function' },
        h('span', { class: 'function-icon download', 'aria-hidden': 'true' }, '↓'),
        h('h2', null, t('nav.download')),
        h('p', null, t('home.download.text')),
        h('a', { class: 'btn primary', href: 'download.html' }, t('nav.download')))),
    h('section', { class: 'panel keys' },
      h('h2', null, t('home.keys')),
      agentPanel(ctx),
      worst === 'expiring' ? h('p', { class: 'alert warn' }, t('home.hint.expiring')) : null,
      worst === 'expired' ? h('p', { class: 'alert bad' }, t('home.hint.expired', params)) : null,
      ctx.agent.phase === 'connected' ? tokenList(ctx.agent.tokens) : null),
  ];
}

startPage({ active: 'home', titleKey: 'nav.home', needsAgent: true, renderMain: render });
