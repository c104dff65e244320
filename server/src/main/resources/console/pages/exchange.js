// One exchange: its figures, bindings (add, remove), publish a test message, delete.
import { api, enc } from '../js/api.js';
import { bindForm, bindingsTable } from '../js/bindings.js';
import { act, button, field, fill, h, input, json, select, textarea } from '../js/dom.js';
import { args, yesNo } from '../js/format.js';

export function render(main, [vhost, name]) {
  const path = `/api/exchanges/${enc(vhost)}/${enc(name || 'amq.default')}`;
  const info = h('div');
  const bindings = h('div');
  main.append(h('h1', {}, `Exchange ${name || '(AMQP default)'}`, h('small', {}, ` in ${vhost}`)),
    h('p', {}, h('a', { href: '#/exchanges' }, '← All exchanges')),
    h('section', { class: 'card' }, info),
    h('section', { class: 'card', 'aria-labelledby': 'bindings-title' }, h('h2', { id: 'bindings-title' }, 'Bindings from this exchange'),
      bindings, h('h2', {}, 'Add a binding'), bindForm(vhost, { type: 'exchange', name }, () => refresh())),
    h('section', { class: 'card', 'aria-labelledby': 'publish-title' }, h('h2', { id: 'publish-title' }, 'Publish a message'), publishForm(path)),
    name && !name.startsWith('amq.') ? h('section', { class: 'card' }, button('Delete this exchange', async () => {
      if (!confirm(`Delete exchange ${name}?`)) return;
      if (await act(() => api.del(path).then(() => true), `Exchange ${name} deleted`)) location.hash = '#/exchanges';
    }, { class: 'danger' })) : null);

  async function refresh() {
    const x = await api.get(path);
    fill(info, h('dl', { class: 'figures' },
      [['Type', x.type], ['Durable', yesNo(x.durable)], ['Auto-delete', yesNo(x.auto_delete)], ['Internal', yesNo(x.internal)],
        ['Policy', x.policy || '–'], ['Arguments', args(x.arguments) || '–']].map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))));
    fill(bindings, bindingsTable(await api.get(`${path}/bindings/source`), refresh));
  }
  return { refresh };
}

function publishForm(path) {
  const key = input('routing_key', { id: 'publish-key' });
  const payload = textarea('payload', { id: 'publish-payload', rows: 4 });
  const mode = select('delivery_mode', ['1 (transient)', '2 (persistent)'], '2 (persistent)');
  mode.id = 'publish-mode';
  const headers = textarea('headers', { id: 'publish-headers', placeholder: '{"x-custom": "value"}' });
  const form = h('form', { class: 'inline', id: 'publish-form' },
    field('Routing key', key), field('Payload', payload), field('Delivery mode', mode), field('Headers (JSON)', headers),
    h('button', { type: 'submit', id: 'publish-submit' }, 'Publish message'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await act(async () => {
      const properties = { delivery_mode: mode.value.startsWith('2') ? 2 : 1, headers: json(headers.value) };
      return api.post(`${path}/publish`, { properties, routing_key: key.value, payload: payload.value, payload_encoding: 'string' });
    }, (r) => (r.routed ? 'Message published and routed' : 'Message published but not routed to any queue'));
  });
  return form;
}
