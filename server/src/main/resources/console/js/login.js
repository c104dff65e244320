// The login form: Basic credentials checked against /api/whoami, kept for this tab.
import { login } from './api.js';
import { field, h, input, status } from './dom.js';

export function showLogin(main, onLoggedIn) {
  const user = input('username', { id: 'login-username', autocomplete: 'username', required: true });
  const password = input('password', { id: 'login-password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Log in'),
    field('Username', user),
    field('Password', password),
    h('button', { type: 'submit', id: 'login-submit' }, 'Log in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const me = await login(user.value, password.value);
      status(`Logged in as ${me.name}`);
      onLoggedIn(me);
    } catch (err) {
      status(err.status === 401 ? 'Login failed: wrong username or password' : `Login failed: ${err.message}`, 'error');
      password.select();
    }
  });
  main.replaceChildren(h('div', { class: 'login' }, form));
  user.focus();
}
