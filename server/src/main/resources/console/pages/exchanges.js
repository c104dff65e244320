// Exchanges: the list, declare one (type, flags, arguments), delete.
import { api, enc } from '../js/api.js';
import { act, button, checkbox, field, fill, h, input, json, select, table, textarea } from '../js/dom.js';
import { args, yesNo } from '../js/format.js';
import { vhostSelect } from '../js/vhosts.js';

const TYPES = ['direct', 'fanout', 'topic', 'headers'];
export const path = (x) => `${enc(x.vhost)}/${enc(x.name || 'amq.default')}`;

export function render(main) {
  const list = h('div');
  const form = createForm(() => refresh());
  main.append(h('h1', {}, 'Exchanges'), h('section', { class: 'card' }, list),
    h('section', { class: 'card', 'aria-labelledby': 'add-exchange' }, h('h2', { id: 'add-exchange' }, 'Add an exchange'), form));

  async function refresh() {
    const rows = await api.get('/api/exchanges');
    fill(list, table('Exchanges', [
      ['Virtual host', (x) => x.vhost],
      ['Name', (x) => h('a', { href: `#/exchange/${path(x)}` }, x.name || '(AMQP default)')],
      ['Type', (x) => x.type], ['Durable', (x) => yesNo(x.durable)], ['Internal', (x) => yesNo(x.internal)],
      ['Arguments', (x) => h('code', {}, args(x.arguments))], ['Policy', (x) => x.policy || ''],
      ['', (x) => (x.name && !x.name.startsWith('amq.') ? button('Delete', () => remove(x), { class: 'danger', 'aria-label': `Delete exchange ${x.name}` }) : '')],
    ], rows));
  }

  async function remove(x) {
    if (!confirm(`Delete exchange ${x.name}?`)) return;
    await act(() => api.del(`/api/exchanges/${path(x)}`), `Exchange ${x.name} deleted`);
    await refresh();
  }
  return { refresh };
}

function createForm(after) {
  const vhost = vhostSelect();
  const name = input('name', { id: 'exchange-name', required: true });
  const type = select('type', TYPES, 'direct');
  type.id = 'exchange-type';
  api.get('/api/overview').then((o) => {
    type.replaceChildren(...select('type', o.exchange_types.map((t) => t.name), 'direct').children);
  }, () => {});
  const durable = checkbox('durable', true);
  const autoDelete = checkbox('auto_delete');
  const internal = checkbox('internal');
  const argsText = textarea('arguments', { id: 'exchange-arguments', placeholder: '{"alternate-exchange": "unrouted"}' });
  const form = h('form', { class: 'inline', id: 'exchange-form' },
    field('Virtual host', vhost), field('Name', name), field('Type', type), field('Durable', durable),
    field('Auto-delete', autoDelete), field('Internal', internal), field('Arguments (JSON)', argsText),
    h('button', { type: 'submit', id: 'exchange-submit' }, 'Add exchange'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ok = await act(async () => {
      const body = { type: type.value, durable: durable.checked, auto_delete: autoDelete.checked, internal: internal.checked,
        arguments: json(argsText.value) };
      await api.put(`/api/exchanges/${enc(vhost.value)}/${enc(name.value)}`, body);
      return true;
    }, `Exchange ${name.value} declared`);
    if (ok) {
      form.reset();
      await after();
    }
  });
  return form;
}
