// Overview: message rates chart, totals, listeners, node health.
import { api } from '../js/api.js';
import { rateChart, ratesOf } from '../js/chart.js';
import { fill, h, table } from '../js/dom.js';
import { bytes, duration, num, rate, yesNo } from '../js/format.js';

const figure = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, value));

export function render(main) {
  const chart = rateChart('Message rates, last 10 minutes');
  const totals = h('div');
  const objects = h('div');
  const listeners = h('div');
  const nodes = h('div');
  main.append(h('h1', {}, 'Overview'),
    h('section', { class: 'card', 'aria-labelledby': 'rates-title' }, h('h2', { id: 'rates-title' }, 'Message rates'), chart.el, totals),
    h('section', { class: 'card', 'aria-labelledby': 'totals-title' }, h('h2', { id: 'totals-title' }, 'Totals'), objects),
    h('section', { class: 'card', 'aria-labelledby': 'listeners-title' }, h('h2', { id: 'listeners-title' }, 'Listeners'), listeners),
    h('section', { class: 'card', 'aria-labelledby': 'nodes-title' }, h('h2', { id: 'nodes-title' }, 'Node health'), nodes));

  return {
    async refresh() {
      const o = await api.get('/api/overview?msg_rates_age=600&msg_rates_incr=5&lengths_age=600&lengths_incr=5');
      const m = o.message_stats || {};
      const q = o.queue_totals || {};
      chart.update([
        ['publish', '#0b6bcb', ratesOf(m.publish_details)],
        ['deliver / get', '#1a7f37', ratesOf(m.deliver_get_details)],
        ['ack', '#8250df', ratesOf(m.ack_details)],
        ['Kafka produce', '#bc4c00', ratesOf(m.produce_details)],
      ]);
      fill(totals, h('dl', { class: 'figures', id: 'overview-rates' },
        figure('Publish', rate(m.publish_details)), figure('Deliver / get', rate(m.deliver_get_details)),
        figure('Ack', rate(m.ack_details)), figure('Kafka produce', rate(m.produce_details)),
        figure('Kafka fetch', `${bytes((m.fetch_bytes_details || {}).rate)}/s`),
        figure('Ready', num(q.messages_ready)), figure('Unacked', num(q.messages_unacknowledged)), figure('Total', num(q.messages))));
      const t = o.object_totals || {};
      fill(objects, h('dl', { class: 'figures' },
        ['connections', 'channels', 'consumers', 'exchanges', 'queues', 'topics'].map((k) => figure(k[0].toUpperCase() + k.slice(1), num(t[k])))));
      fill(listeners, table('Listeners', [['Protocol', (l) => l.protocol], ['Address', (l) => l.ip_address], ['Port', (l) => l.port]],
        o.listeners || []));
      let list = [];
      try {
        list = await api.get('/api/nodes');
      } catch (e) {
        fill(nodes, h('p', { class: 'empty' }, 'Node details need the monitoring tag.'));
        return;
      }
      fill(nodes, table('Nodes', [
        ['Node', (n) => n.name], ['Running', (n) => yesNo(n.running)],
        ['Memory', (n) => `${bytes(n.mem_used)} of ${bytes(n.mem_limit)}${n.mem_alarm ? ' — ALARM' : ''}`],
        ['Disk free', (n) => `${bytes(n.disk_free)} (limit ${bytes(n.disk_free_limit)})${n.disk_free_alarm ? ' — ALARM' : ''}`],
        ['File descriptors', (n) => `${num(n.fd_used)} / ${num(n.fd_total)}`], ['Processors', (n) => n.processors],
        ['Uptime', (n) => duration(n.uptime)], ['Version', (n) => n.product_version]], list));
    },
    dispose: chart.dispose,
  };
}
