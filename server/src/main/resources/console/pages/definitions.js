// Definitions: export everything (RabbitMQ's JSON) and import a file.
import { api } from '../js/api.js';
import { act, field, h } from '../js/dom.js';

export function render(main) {
  const download = h('button', { type: 'button', id: 'definitions-export' }, 'Download definitions');
  download.addEventListener('click', async () => {
    const defs = await act(() => api.get('/api/definitions'), 'Definitions exported');
    if (!defs) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(defs, null, 2)], { type: 'application/json' }));
    const a = h('a', { href: url, download: 'tributary-definitions.json' });
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  });
  const file = h('input', { type: 'file', accept: 'application/json,.json', name: 'file' });
  const form = h('form', { class: 'inline' }, field('Definitions file (JSON)', file), h('button', { type: 'submit' }, 'Import definitions'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files.length) return;
    const text = await file.files[0].text();
    await act(() => api.post('/api/definitions', JSON.parse(text)), 'Definitions imported');
  });
  main.append(h('h1', {}, 'Definitions'),
    h('section', { class: 'card', 'aria-labelledby': 'export-title' }, h('h2', { id: 'export-title' }, 'Export'),
      h('p', {}, 'Virtual hosts, users, permissions, exchanges, queues, bindings and policies, in the format of RabbitMQ\'s definitions.'), download),
    h('section', { class: 'card', 'aria-labelledby': 'import-title' }, h('h2', { id: 'import-title' }, 'Import'),
      h('p', {}, 'A definitions file from Tributary or RabbitMQ; what it names is created or updated.'), form));
  return {};
}
