// Queues and streams: depth, rates, consumers; declare one (classic or stream), delete.
import { api, enc } from '../js/api.js';
import { act, button, checkbox, field, fill, h, input, json, select, table, textarea } from '../js/dom.js';
import { num, rate } from '../js/format.js';
import { vhostSelect } from '../js/vhosts.js';

export const path = (q) => `${enc(q.vhost)}/${enc(q.name)}`;

export function render(main) {
  const list = h('div');
  main.append(h('h1', {}, 'Queues and streams'), h('section', { class: 'card' }, list),
    h('section', { class: 'card', 'aria-labelledby': 'add-queue' }, h('h2', { id: 'add-queue' }, 'Add a queue or stream'),
      createForm(() => refresh())));

  async function refresh() {
    const rows = await api.get('/api/queues');
    fill(list, table('Queues', [
      ['Virtual host', (q) => q.vhost], ['Name', (q) => h('a', { href: `#/queue/${path(q)}` }, q.name)], ['Type', (q) => q.type],
      ['Ready', (q) => num(q.messages_ready)], ['Unacked', (q) => num(q.messages_unacknowledged)],
      ['Total', (q) => h('span', { 'data-queue-depth': `${q.vhost}/${q.name}` }, num(q.messages))],
      ['Incoming', (q) => rate((q.message_stats || {}).publish_details)],
      ['Deliver / get', (q) => rate((q.message_stats || {}).deliver_get_details)],
      ['Consumers', (q) => num(q.consumers)], ['Policy', (q) => q.policy || ''],
      ['', (q) => button('Delete', async () => {
        if (!confirm(`Delete queue ${q.name}?`)) return;
        await act(() => api.del(`/api/queues/${path(q)}`), `Queue ${q.name} deleted`);
        await refresh();
      }, { class: 'danger', 'aria-label': `Delete queue ${q.name}` })],
    ], rows));
  }
  return { refresh };
}

function createForm(after) {
  const vhost = vhostSelect();
  const name = input('name', { id: 'queue-name', required: true });
  const type = select('type', ['classic', 'stream'], 'classic');
  type.id = 'queue-type';
  const durable = checkbox('durable', true);
  const autoDelete = checkbox('auto_delete');
  const argsText = textarea('arguments', { id: 'queue-arguments', placeholder: '{"x-max-length": 1000, "x-message-ttl": 60000}' });
  const form = h('form', { class: 'inline', id: 'queue-form' },
    field('Virtual host', vhost), field('Name', name), field('Type', type), field('Durable', durable), field('Auto-delete', autoDelete),
    field('Arguments (JSON)', argsText), h('button', { type: 'submit', id: 'queue-submit' }, 'Add queue'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ok = await act(async () => {
      const body = { durable: durable.checked, auto_delete: autoDelete.checked, arguments: json(argsText.value) };
      if (type.value !== 'classic') body.arguments['x-queue-type'] = type.value;
      await api.put(`/api/queues/${enc(vhost.value)}/${enc(name.value)}`, body);
      return true;
    }, `Queue ${name.value} declared`);
    if (ok) {
      form.reset();
      await after();
    }
  });
  return form;
}
