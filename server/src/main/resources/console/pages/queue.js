// One queue or stream: figures, consumers, bindings, get messages, purge, delete.
import { api, enc } from '../js/api.js';
import { bindForm, bindingsTable } from '../js/bindings.js';
import { act, button, field, fill, h, input, select, table } from '../js/dom.js';
import { args, num, rate, yesNo } from '../js/format.js';

export function render(main, [vhost, name]) {
  const path = `/api/queues/${enc(vhost)}/${enc(name)}`;
  const info = h('div');
  const consumers = h('div');
  const bindings = h('div');
  const got = h('div', { class: 'messages', 'aria-live': 'polite' });
  const partitions = h('div');
  // a stream is a log: its records are read by offset, so it has partitions instead of get and purge
  const streamOnly = h('section', { class: 'card', 'aria-labelledby': 'partitions-title', hidden: true },
    h('h2', { id: 'partitions-title' }, 'Partitions'), partitions);
  const queueOnly = [
    h('section', { class: 'card', 'aria-labelledby': 'get-title' }, h('h2', { id: 'get-title' }, 'Get messages'), getForm(path, got), got),
    h('section', { class: 'card' }, button('Purge messages', async () => {
      if (!confirm(`Purge every message of ${name}?`)) return;
      await act(() => api.del(`${path}/contents`), `Queue ${name} purged`);
      await refresh();
    }, { class: 'secondary', id: 'queue-purge' }))];
  main.append(h('h1', {}, `Queue ${name}`, h('small', {}, ` in ${vhost}`)),
    h('p', {}, h('a', { href: '#/queues' }, '← All queues')),
    h('section', { class: 'card' }, info),
    h('section', { class: 'card', 'aria-labelledby': 'consumers-title' }, h('h2', { id: 'consumers-title' }, 'Consumers'), consumers),
    h('section', { class: 'card', 'aria-labelledby': 'bindings-title' }, h('h2', { id: 'bindings-title' }, 'Bindings'), bindings,
      h('h2', {}, 'Bind to an exchange'), bindForm(vhost, { type: 'queue', name }, () => refresh())),
    streamOnly, ...queueOnly,
    h('section', { class: 'card' },
      button('Delete this queue', async () => {
        if (!confirm(`Delete queue ${name}?`)) return;
        if (await act(() => api.del(path).then(() => true), `Queue ${name} deleted`)) location.hash = '#/queues';
      }, { class: 'danger' })));

  async function refresh() {
    const q = await api.get(path);
    const m = q.message_stats || {};
    const figures = [['Type', q.type], ['Ready', num(q.messages_ready)], ['Unacked', num(q.messages_unacknowledged)],
      ['Total', num(q.messages)], ['Incoming', rate(m.publish_details)], ['Deliver / get', rate(m.deliver_get_details)],
      ['Ack', rate(m.ack_details)], ['Consumers', num(q.consumers)], ['Durable', yesNo(q.durable)], ['Policy', q.policy || '–'],
      ['Arguments', args(q.arguments) || '–']];
    if (q.topic) {
      figures.push(['Topic', h('a', { href: `#/topic/${enc(q.topic)}` }, q.topic)], ['Partitions', q.partitions]);
      const t = await api.get(`/api/topics/${enc(q.topic)}`);
      fill(partitions, table('Partitions', [
        ['Partition', (p) => p.partition], ['First offset', (p) => num(p.log_start_offset)], ['Next offset', (p) => num(p.log_end_offset)],
        ['Committed (high watermark)', (p) => num(p.high_watermark)], ['Records', (p) => num(p.messages)],
      ], t.partition_details));
    }
    streamOnly.hidden = !q.topic;
    queueOnly.forEach((section) => { section.hidden = Boolean(q.topic); });
    fill(info, h('dl', { class: 'figures', id: 'queue-figures' }, figures.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))));
    const all = await api.get(`/api/consumers/${enc(vhost)}`);
    fill(consumers, table('Consumers', [
      ['Tag', (c) => c.consumer_tag], ['Channel', (c) => c.channel_details.name], ['Ack required', (c) => yesNo(c.ack_required)],
      ['Exclusive', (c) => yesNo(c.exclusive)], ['Prefetch', (c) => num(c.prefetch_count)],
    ], all.filter((c) => c.queue.name === name), 'No consumers.'));
    fill(bindings, bindingsTable(await api.get(`${path}/bindings`), refresh));
  }
  return { refresh };
}

function getForm(path, out) {
  const count = input('count', { id: 'get-count', type: 'number', min: 1, value: '1' });
  const mode = select('ackmode', ['ack_requeue_true', 'ack_requeue_false', 'reject_requeue_true', 'reject_requeue_false'], 'ack_requeue_true');
  mode.id = 'get-ackmode';
  const form = h('form', { class: 'inline', id: 'get-form' }, field('Messages', count), field('Ack mode', mode),
    h('button', { type: 'submit', id: 'get-submit' }, 'Get messages'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const messages = await act(() => api.post(`${path}/get`, { count: Number(count.value), ackmode: mode.value, encoding: 'auto', truncate: 50000 }));
    if (!messages) return;
    out.replaceChildren(messages.length ? h('ol', {}, messages.map((m) => h('li', {},
      h('p', {}, `Exchange ${m.exchange || '(AMQP default)'}, routing key ${m.routing_key}, ${m.payload_bytes} bytes${m.redelivered ? ', redelivered' : ''}`),
      h('pre', {}, m.payload_encoding === 'base64' ? `(base64) ${m.payload}` : m.payload),
      Object.keys(m.properties).length ? h('code', {}, JSON.stringify(m.properties)) : null))) : h('p', { class: 'empty' }, 'The queue is empty.'));
  });
  return form;
}
