// One topic: partitions with their offsets, configs (set, reset), add partitions.
import { api, enc } from '../js/api.js';
import { act, button, field, fill, h, input, table } from '../js/dom.js';
import { bytes, num } from '../js/format.js';

export function render(main, [name]) {
  const path = `/api/topics/${enc(name)}`;
  const partitions = h('div');
  const configs = h('div');
  main.append(h('h1', {}, `Topic ${name}`), h('p', {}, h('a', { href: '#/topics' }, '← All topics')),
    h('section', { class: 'card', 'aria-labelledby': 'partitions-title' }, h('h2', { id: 'partitions-title' }, 'Partitions'), partitions,
      partitionsForm(path, () => refresh())),
    h('section', { class: 'card', 'aria-labelledby': 'configs-title' }, h('h2', { id: 'configs-title' }, 'Configuration'), configs,
      configForm(path, () => refresh())));

  async function refresh() {
    const t = await api.get(path);
    fill(partitions, table('Partitions', [
      ['Partition', (p) => p.partition], ['Log start offset', (p) => num(p.log_start_offset)], ['Log end offset', (p) => num(p.log_end_offset)],
      ['High watermark', (p) => num(p.high_watermark)], ['Last stable offset', (p) => num(p.last_stable_offset)],
      ['Records', (p) => num(p.messages)], ['Size', (p) => bytes(p.size_bytes)], ['Segments', (p) => p.segments], ['Leader', (p) => p.leader],
    ], t.partition_details));
    fill(configs, table('Configuration', [
      ['Name', (c) => c.name], ['Value', (c) => c.value], ['Source', (c) => c.source],
      ['', (c) => (c.source === 'topic' ? button('Reset', async () => {
        await act(() => api.put(`${path}/configs`, { [c.name]: null }), `${c.name} reset to the default`);
        await refresh();
      }, { class: 'secondary', 'aria-label': `Reset ${c.name}` }) : '')],
    ], t.configs));
  }
  return { refresh };
}

function partitionsForm(path, after) {
  const count = input('partitions', { type: 'number', min: 1 });
  const form = h('form', { class: 'inline' }, field('Partitions (grow to)', count), h('button', { type: 'submit' }, 'Add partitions'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await act(() => api.put(path, { partitions: Number(count.value) }), 'Partitions added');
    await after();
  });
  return form;
}

function configForm(path, after) {
  const name = input('config', { placeholder: 'retention.ms', required: true });
  const value = input('value', { required: true });
  const form = h('form', { class: 'inline' }, field('Config', name), field('Value', value), h('button', { type: 'submit' }, 'Set'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (await act(() => api.put(`${path}/configs`, { [name.value]: value.value }).then(() => true), `${name.value} set`)) form.reset();
    await after();
  });
  return form;
}
