// Kafka consumer groups: state, protocol, lag.
import { api, enc } from '../js/api.js';
import { fill, h, table } from '../js/dom.js';
import { num } from '../js/format.js';

export function render(main) {
  const list = h('div');
  main.append(h('h1', {}, 'Consumer groups'), h('section', { class: 'card' }, list));
  return {
    async refresh() {
      fill(list, table('Consumer groups', [
        ['Group', (g) => h('a', { href: `#/group/${enc(g.group_id)}` }, g.group_id)], ['Type', (g) => g.type],
        ['Protocol type', (g) => g.protocol_type], ['State', (g) => g.state], ['Lag', (g) => num(g.lag)],
      ], await api.get('/api/consumer-groups')));
    },
  };
}
