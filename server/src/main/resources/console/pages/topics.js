// Kafka topics: partitions, records, size, retention; create one.
import { api, enc } from '../js/api.js';
import { act, button, field, fill, h, input, select, table } from '../js/dom.js';
import { bytes, duration, num, rate } from '../js/format.js';

export function render(main) {
  const list = h('div');
  main.append(h('h1', {}, 'Topics'), h('section', { class: 'card' }, list),
    h('section', { class: 'card', 'aria-labelledby': 'add-topic' }, h('h2', { id: 'add-topic' }, 'Create a topic'), createForm(() => refresh())));

  async function refresh() {
    const rows = await api.get('/api/topics');
    fill(list, table('Topics', [
      ['Name', (t) => h('a', { href: `#/topic/${enc(t.name)}` }, t.name)], ['Partitions', (t) => t.partitions],
      ['Records', (t) => num(t.messages)], ['Size', (t) => bytes(t.size_bytes)],
      ['Produce', (t) => rate((t.message_stats || {}).produce_details)], ['Retention', (t) => duration(t.retention_ms)],
      ['Cleanup', (t) => [].concat(t.cleanup_policy || []).join(', ')],
      ['', (t) => button('Delete', async () => {
        if (!confirm(`Delete topic ${t.name} and all its records?`)) return;
        await act(() => api.del(`/api/topics/${enc(t.name)}`), `Topic ${t.name} deleted`);
        await refresh();
      }, { class: 'danger', 'aria-label': `Delete topic ${t.name}` })],
    ], rows));
  }
  return { refresh };
}

function createForm(after) {
  const name = input('name', { id: 'topic-name', required: true });
  const partitions = input('partitions', { id: 'topic-partitions', type: 'number', min: 1, value: '1' });
  const retention = input('retention.ms', { id: 'topic-retention', placeholder: '604800000' });
  const cleanup = select('cleanup.policy', ['delete', 'compact', 'compact,delete'], 'delete');
  const form = h('form', { class: 'inline', id: 'topic-form' }, field('Name', name), field('Partitions', partitions),
    field('Retention (ms)', retention), field('Cleanup policy', cleanup), h('button', { type: 'submit' }, 'Create topic'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const configs = { 'cleanup.policy': cleanup.value };
    if (retention.value) configs['retention.ms'] = retention.value;
    const ok = await act(async () => {
      await api.put(`/api/topics/${enc(name.value)}`, { partitions: Number(partitions.value), configs });
      return true;
    }, `Topic ${name.value} created`);
    if (ok) {
      form.reset();
      await after();
    }
  });
  return form;
}
