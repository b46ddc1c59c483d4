// A tiny DOM builder and a re-render that keeps what the user is typing.

/**
 * Builds an element. `attrs`: `class`, `text`, `html` is never supported (no innerHTML, so no
 * injection from server or token strings); `on<Event>` functions become listeners; `false`,
 * `null` and `undefined` attributes are left out; children may be nested arrays, strings or nodes.
 * @param {string} tag
 * @param {Object<string, any>|null} [attrs]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'text') {
      el.textContent = String(value);
    } else if (name === 'value') {
      el.value = value;
    } else if (name === 'checked') {
      el.checked = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces the children of `container` with `nodes`, carrying over the values of named inputs
 * (so a live token update does not wipe a half-typed PIN) and the focus.
 * @param {HTMLElement} container
 * @param {Node|Node[]} nodes
 */
export function replaceContent(container, nodes) {
  const kept = new Map();
  for (const input of container.querySelectorAll('input[name]:not([type=radio]):not([type=checkbox])')) {
    kept.set(input.name, input.value);
  }
  const active = document.activeElement;
  const focusName = active && container.contains(active) && active.getAttribute('name');
  const selection = focusName && typeof active.selectionStart === 'number'
    ? [active.selectionStart, active.selectionEnd] : null;

  container.replaceChildren(...(Array.isArray(nodes) ? nodes : [nodes]).filter(Boolean));

  for (const input of container.querySelectorAll('input[name]:not([type=radio]):not([type=checkbox])')) {
    if (kept.has(input.name) && !input.hasAttribute('data-reset')) input.value = kept.get(input.name);
  }
  if (focusName) {
    const again = container.querySelector(`[name="${CSS.escape(focusName)}"]`);
    if (again && !again.disabled) {
      again.focus();
      if (selection && typeof again.setSelectionRange === 'function') {
        try { again.setSelectionRange(selection[0], selection[1]); } catch { /* not a text input */ }
      }
    }
  }
}
