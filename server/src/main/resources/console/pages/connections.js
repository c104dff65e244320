// AMQP connections (close one, with a reason) and their channels.
import { api, enc } from '../js/api.js';
import { act, button, fill, h, table } from '../js/dom.js';
import { num, yesNo } from '../js/format.js';

async function close(c, after) {
  const reason = prompt(`Close connection ${c.name}? Reason given to the client:`, 'Closed via management console');
  if (reason === null) return;
  // RabbitMQ's API takes the reason in the X-Reason header
  await act(() => api.del(`/api/connections/${enc(c.name)}`, { 'X-Reason': reason }), `Connection ${c.name} closed`);
  await after();
}

export function render(main) {
  const connections = h('div');
  const channels = h('div');
  main.append(h('h1', {}, 'Connections and channels'),
    h('section', { class: 'card', 'aria-labelledby': 'connections-title' }, h('h2', { id: 'connections-title' }, 'Connections'), connections),
    h('section', { class: 'card', 'aria-labelledby': 'channels-title' }, h('h2', { id: 'channels-title' }, 'Channels'), channels));

  async function refresh() {
    fill(connections, table('AMQP connections', [
      ['Name', (c) => c.name], ['User', (c) => c.user], ['Virtual host', (c) => c.vhost], ['Protocol', (c) => c.protocol],
      ['Channels', (c) => num(c.channels)], ['Client', (c) => (c.client_properties || {}).product || ''],
      ['Connected', (c) => new Date(c.connected_at).toLocaleString()],
      ['', (c) => button('Close', () => close(c, refresh), { class: 'danger', 'aria-label': `Close connection ${c.name}` })],
    ], await api.get('/api/connections'), 'No AMQP connections.'));
    fill(channels, table('Channels', [
      ['Channel', (c) => c.name], ['User', (c) => c.user], ['Virtual host', (c) => c.vhost], ['Consumers', (c) => num(c.consumer_count)],
      ['Unacked', (c) => num(c.messages_unacknowledged)], ['Prefetch', (c) => num(c.prefetch_count)], ['Confirm', (c) => yesNo(c.confirm)],
      ['Transactional', (c) => yesNo(c.transactional)],
    ], await api.get('/api/channels'), 'No channels.'));
  }
  return { refresh };
}
