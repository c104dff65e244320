// Small DOM helpers: elements from plain calls, tables, labelled fields, the status line.

/** h('button', {type: 'button', onclick: f}, 'Delete'): attributes, on* listeners, children (text, nodes, arrays, null). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * Replaces a region's content, unless keyboard focus is inside it: a poll must not take the
 * focus (or a half-typed value) away from someone using the page.
 */
export function fill(region, ...children) {
  if (region.contains(document.activeElement) && document.activeElement !== region) return;
  region.replaceChildren();
  append(region, children);
}

/** A table: columns are [label, row => cell]; rows empty shows the empty text. */
export function table(caption, columns, rows, empty = 'Nothing here yet.') {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(([label]) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row))))))));
}

let ids = 0;

/** A labelled input (or select/textarea given as `control`). */
export function field(label, control) {
  if (!control.id) control.id = `f${++ids}`;
  return h('div', { class: control.type === 'checkbox' ? 'field check' : 'field' }, h('label', { for: control.id }, label), control);
}

export const input = (name, attrs = {}) => h('input', { name, type: 'text', ...attrs });
export const checkbox = (name, checked = false) => h('input', { name, type: 'checkbox', checked });
export const select = (name, options, value) =>
  h('select', { name }, options.map((o) => h('option', { value: o, selected: o === value ? 'selected' : null }, o)));
export const textarea = (name, attrs = {}) => h('textarea', { name, rows: 3, ...attrs });
export const button = (label, onclick, attrs = {}) => h('button', { type: 'button', onclick, ...attrs }, label);

/** Says something in the page's live region (screen readers announce it). */
export function status(message, kind = 'ok') {
  const el = document.getElementById('status');
  el.className = `status ${kind}`;
  el.textContent = message;
}

/** Runs an action, reporting success or the API's reason in the status line. */
export async function act(action, done) {
  try {
    const result = await action();
    if (done) status(typeof done === 'function' ? done(result) : done);
    return result;
  } catch (e) {
    status(`${e.status ? e.status + ' ' : ''}${e.message}`, 'error');
    return undefined;
  }
}

/** JSON from a textarea; empty is {}. Throws a readable error for bad JSON. */
export function json(text) {
  if (!text || !text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${e.message}`);
  }
}
