// Every string exists in both languages, with the same parameters, and every key the pages use exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { messages, t, LANGUAGES } from '../../main/resources/public/js/i18n.js';

const JS_DIR = fileURLToPath(new URL('../../main/resources/public/js/', import.meta.url));
const params = (text) => [...new Set([...text.matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((m) => m[1]))].sort();

test('whenAKeyExistsInOneLanguage_thenItExistsInTheOther', () => {
  const zh = Object.keys(messages.zh).sort();
  const en = Object.keys(messages.en).sort();
  assert.deepEqual(zh.filter((k) => !en.includes(k)), [], 'missing in en');
  assert.deepEqual(en.filter((k) => !zh.includes(k)), [], 'missing in zh');
  assert.deepEqual(LANGUAGES, ['zh', 'en']);
});

test('whenAStringHasParameters_thenBothLanguagesUseTheSameOnes', () => {
  for (const key of Object.keys(messages.zh)) {
    assert.deepEqual(params(messages.en[key]), params(messages.zh[key]), key);
    assert.ok(messages.zh[key].trim() && messages.en[key].trim(), `${key} is empty`);
  }
});

test('whenTheChineseTextIsShown_thenItIsChinese', () => {
  // Catch a copy-paste of English into the Chinese table (product names and codes aside).
  for (const [key, text] of Object.entries(messages.zh)) {
    if (key === 'lang.switch' || key === 'field.key') continue;
    assert.match(text, /[\u4e00-\u9fff]/, key);
  }
});

test('whenThePagesUseAKey_thenItExists', () => {
  const used = new Set();
  const prefixes = Object.keys(messages.zh).map((k) => k.split('.')[0]);
  const keyLike = new RegExp(`['"\`]((?:${[...new Set(prefixes)].join('|')})(?:\\.[\\w]+)+)['"\`]`, 'g');
  for (const file of readdirSync(JS_DIR).filter((f) => f.endsWith('.js') && f !== 'i18n.js')) {
    const source = readFileSync(JS_DIR + file, 'utf8');
    for (const m of source.matchAll(keyLike)) used.add(m[1]);
  }
  const ignore = (k) => /\.(js|html|css)$/.test(k);
  const missing = [...used].filter((k) => !ignore(k) && !(k in messages.zh));
  assert.deepEqual(missing, []);
  assert.ok(used.size > 80, `found only ${used.size} keys: the scan is broken`);
});

test('whenTheOldButtonsAreShown_thenTheyKeepTheirOldLabels', () => {
  const labels = ['nav.renew', 'nav.download', 'button.next', 'button.choose', 'button.ok', 'button.renew', 'button.download']
    .map((k) => messages.zh[k]);
  assert.deepEqual(labels, ['更新用户证书', '下载用户证书', '下一步', '选择证书', '确定', '更新', '下载']);
});

test('whenParamsAreGiven_thenTheyAreFilledInAndAMissingKeyShowsItself', () => {
  assert.equal(t('status.expiring', { days: 30 }, 'zh'), '即将到期，剩余 30 天');
  assert.equal(t('status.expiring', { days: 30 }, 'en'), 'Expires soon: 30 days left');
  assert.equal(t('no.such.key', undefined, 'en'), 'no.such.key');
  assert.equal(t('status.expiring', {}, 'zh'), '即将到期，剩余 {days} 天');
  assert.equal(t('status.expired', { days: 1 }, 'en'), 'Expired 1 day ago');
  assert.equal(t('hint.attemptsLeft', { n: 0 }, 'en'), '0 attempts left.');
});
