// The bindings table and the add-binding form, shared by the exchange and queue pages.
import { api, enc } from './api.js';
import { act, button, field, h, input, json, select, table, textarea } from './dom.js';
import { args } from './format.js';

const name = (n) => n || 'amq.default';
const kind = (b) => (b.destination_type === 'queue' ? 'q' : 'e');
const bindingPath = (b) => `/api/bindings/${enc(b.vhost)}/e/${enc(name(b.source))}/${kind(b)}/${enc(b.destination)}/${enc(b.properties_key)}`;

/** The bindings table, with an unbind button on each binding that can be removed. */
export function bindingsTable(rows, after) {
  return table('Bindings', [
    ['From', (b) => b.source || '(AMQP default)'], ['To', (b) => `${b.destination_type} ${b.destination}`],
    ['Routing key', (b) => b.routing_key], ['Arguments', (b) => h('code', {}, args(b.arguments))],
    ['', (b) => (b.source ? button('Unbind', async () => {
      await act(() => api.del(bindingPath(b)), 'Binding removed');
      await after();
    }, { class: 'danger', 'aria-label': `Unbind ${b.source} from ${b.destination} (${b.routing_key})` }) : '')],
  ], rows, 'No bindings.');
}

/**
 * A form that binds `fixed` (the page's exchange as source, or its queue as destination) to what
 * the user names.
 */
export function bindForm(vhost, fixed, after) {
  const other = input('other', { id: 'binding-other', required: true });
  const type = select('destination_type', ['queue', 'exchange'], 'queue');
  type.id = 'binding-type';
  const key = input('routing_key', { id: 'binding-key' });
  const argsText = textarea('arguments', { id: 'binding-arguments', placeholder: '{"x-match": "all"}' });
  const fromExchange = fixed.type === 'exchange';
  const form = h('form', { class: 'inline', id: 'binding-form' },
    fromExchange ? field('To', type) : null,
    field(fromExchange ? 'Destination name' : 'From exchange', other),
    field('Routing key', key), field('Arguments (JSON)', argsText),
    h('button', { type: 'submit', id: 'binding-submit' }, 'Bind'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const path = fromExchange
      ? `/api/bindings/${enc(vhost)}/e/${enc(name(fixed.name))}/${type.value === 'queue' ? 'q' : 'e'}/${enc(other.value)}`
      : `/api/bindings/${enc(vhost)}/e/${enc(other.value)}/q/${enc(fixed.name)}`;
    const ok = await act(async () => {
      await api.post(path, { routing_key: key.value, arguments: json(argsText.value) });
      return true;
    }, 'Binding added');
    if (ok) {
      form.reset();
      await after();
    }
  });
  return form;
}
