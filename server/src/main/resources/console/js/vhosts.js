// The virtual hosts the user may see, for the forms' vhost pickers.
import { api } from './api.js';
import { select } from './dom.js';

export async function vhostNames() {
  const list = await api.get('/api/vhosts');
  return list.map((v) => v.name);
}

/** A vhost <select>, filled once the list arrives. */
export function vhostSelect(name = 'vhost') {
  const el = select(name, ['/'], '/');
  vhostNames().then((names) => {
    el.replaceChildren(...select(name, names, '/').children);
  }, () => {});
  return el;
}
