// Users (add, change tags or password, delete) and their virtual-host permissions.
import { api, enc } from '../js/api.js';
import { act, button, field, fill, h, input, table } from '../js/dom.js';
import { vhostSelect } from '../js/vhosts.js';

export function render(main) {
  const users = h('div');
  const permissions = h('div');
  main.append(h('h1', {}, 'Users and permissions'),
    h('section', { class: 'card', 'aria-labelledby': 'users-title' }, h('h2', { id: 'users-title' }, 'Users'), users,
      h('h2', {}, 'Add or update a user'), userForm(() => refresh())),
    h('section', { class: 'card', 'aria-labelledby': 'perm-title' }, h('h2', { id: 'perm-title' }, 'Permissions'), permissions,
      h('h2', {}, 'Set permissions'), permissionForm(() => refresh())));

  async function refresh() {
    fill(users, table('Users', [
      ['Name', (u) => u.name], ['Tags', (u) => u.tags.join(', ')],
      ['', (u) => button('Delete', async () => {
        if (!confirm(`Delete user ${u.name}?`)) return;
        await act(() => api.del(`/api/users/${enc(u.name)}`), `User ${u.name} deleted`);
        await refresh();
      }, { class: 'danger', 'aria-label': `Delete user ${u.name}` })],
    ], await api.get('/api/users')));
    fill(permissions, table('Permissions', [
      ['User', (p) => p.user], ['Virtual host', (p) => p.vhost], ['Configure', (p) => h('code', {}, p.configure)],
      ['Write', (p) => h('code', {}, p.write)], ['Read', (p) => h('code', {}, p.read)],
      ['', (p) => button('Clear', async () => {
        await act(() => api.del(`/api/permissions/${enc(p.vhost)}/${enc(p.user)}`), `Permissions of ${p.user} in ${p.vhost} cleared`);
        await refresh();
      }, { class: 'danger', 'aria-label': `Clear permissions of ${p.user} in ${p.vhost}` })],
    ], await api.get('/api/permissions')));
  }
  return { refresh };
}

function userForm(after) {
  const name = input('name', { required: true, autocomplete: 'off' });
  const password = input('password', { type: 'password', autocomplete: 'new-password' });
  const tags = input('tags', { placeholder: 'management, monitoring' });
  const form = h('form', { class: 'inline' }, field('Name', name), field('Password (empty: keep)', password),
    field('Tags (comma separated)', tags), h('button', { type: 'submit' }, 'Save user'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { tags: tags.value };
    if (password.value) body.password = password.value;
    if (await act(() => api.put(`/api/users/${enc(name.value)}`, body).then(() => true), `User ${name.value} saved`)) form.reset();
    await after();
  });
  return form;
}

function permissionForm(after) {
  const user = input('user', { required: true });
  const vhost = vhostSelect();
  const configure = input('configure', { value: '.*' });
  const write = input('write', { value: '.*' });
  const read = input('read', { value: '.*' });
  const form = h('form', { class: 'inline' }, field('User', user), field('Virtual host', vhost), field('Configure', configure),
    field('Write', write), field('Read', read), h('button', { type: 'submit' }, 'Set permissions'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await act(() => api.put(`/api/permissions/${enc(vhost.value)}/${enc(user.value)}`,
      { configure: configure.value, write: write.value, read: read.value }), `Permissions of ${user.value} set`);
    await after();
  });
  return form;
}
