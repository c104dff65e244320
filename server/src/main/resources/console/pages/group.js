// One consumer group: members with their assignments, committed offsets and lag per partition.
import { api, enc } from '../js/api.js';
import { fill, h, table } from '../js/dom.js';
import { num } from '../js/format.js';

const assignment = (a) => (a || []).map((p) => `${p.topic}-${p.partition}`).join(', ');

export function render(main, [id]) {
  const info = h('div');
  const members = h('div');
  const offsets = h('div');
  main.append(h('h1', {}, `Consumer group ${id}`), h('p', {}, h('a', { href: '#/groups' }, '← All groups')),
    h('section', { class: 'card' }, info),
    h('section', { class: 'card', 'aria-labelledby': 'members-title' }, h('h2', { id: 'members-title' }, 'Members'), members),
    h('section', { class: 'card', 'aria-labelledby': 'offsets-title' }, h('h2', { id: 'offsets-title' }, 'Offsets and lag'), offsets));
  return {
    async refresh() {
      const g = await api.get(`/api/consumer-groups/${enc(id)}`);
      fill(info, h('dl', { class: 'figures' }, [['State', g.state], ['Type', g.type], ['Protocol', g.protocol || '–'],
        ['Lag', num(g.lag)]].map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))));
      fill(members, table('Members', [
        ['Member', (m) => m.member_id], ['Client', (m) => m.client_id], ['Host', (m) => m.client_host || ''],
        ['Assignment', (m) => assignment(m.assignment)],
      ], g.members || [], 'No members.'));
      fill(offsets, table('Offsets', [
        ['Topic', (o) => o.topic], ['Partition', (o) => o.partition], ['Committed', (o) => num(o.committed_offset)],
        ['High watermark', (o) => num(o.high_watermark)], ['Lag', (o) => num(o.lag)],
      ], g.offsets || [], 'No committed offsets.'));
    },
  };
}
