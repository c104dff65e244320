// Policies: pattern-applied queue arguments (max-length, message-ttl, dead-letter-exchange, ...).
import { api, enc } from '../js/api.js';
import { act, button, field, fill, h, input, json, select, table, textarea } from '../js/dom.js';
import { vhostSelect } from '../js/vhosts.js';

export function render(main) {
  const list = h('div');
  main.append(h('h1', {}, 'Policies'), h('section', { class: 'card' }, list),
    h('section', { class: 'card', 'aria-labelledby': 'add-policy' }, h('h2', { id: 'add-policy' }, 'Add or update a policy'),
      policyForm(() => refresh())));

  async function refresh() {
    fill(list, table('Policies', [
      ['Virtual host', (p) => p.vhost], ['Name', (p) => p.name], ['Pattern', (p) => h('code', {}, p.pattern)], ['Apply to', (p) => p['apply-to']],
      ['Priority', (p) => p.priority], ['Definition', (p) => h('code', {}, JSON.stringify(p.definition))],
      ['', (p) => button('Delete', async () => {
        await act(() => api.del(`/api/policies/${enc(p.vhost)}/${enc(p.name)}`), `Policy ${p.name} deleted`);
        await refresh();
      }, { class: 'danger', 'aria-label': `Delete policy ${p.name}` })],
    ], await api.get('/api/policies'), 'No policies.'));
  }
  return { refresh };
}

function policyForm(after) {
  const vhost = vhostSelect();
  const name = input('name', { required: true });
  const pattern = input('pattern', { required: true, placeholder: '^orders\\.' });
  const applyTo = select('apply-to', ['queues', 'classic_queues', 'streams', 'exchanges', 'all'], 'queues');
  const priority = input('priority', { type: 'number', value: '0' });
  const definition = textarea('definition', { required: true, placeholder: '{"max-length": 10000, "message-ttl": 60000}' });
  const form = h('form', { class: 'inline' }, field('Virtual host', vhost), field('Name', name), field('Pattern', pattern),
    field('Apply to', applyTo), field('Priority', priority), field('Definition (JSON)', definition), h('button', { type: 'submit' }, 'Save policy'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ok = await act(async () => {
      await api.put(`/api/policies/${enc(vhost.value)}/${enc(name.value)}`,
        { pattern: pattern.value, 'apply-to': applyTo.value, priority: Number(priority.value), definition: json(definition.value) });
      return true;
    }, `Policy ${name.value} saved`);
    if (ok) form.reset();
    await after();
  });
  return form;
}
