// The console's shell: hash routes to pages, the login gate, and polling for live figures.
import { api, logout, loggedIn } from './api.js';
import { h, status } from './dom.js';
import { showLogin } from './login.js';

const PAGES = {
  overview: () => import('../pages/overview.js'),
  exchanges: () => import('../pages/exchanges.js'),
  exchange: () => import('../pages/exchange.js'),
  queues: () => import('../pages/queues.js'),
  queue: () => import('../pages/queue.js'),
  topics: () => import('../pages/topics.js'),
  topic: () => import('../pages/topic.js'),
  groups: () => import('../pages/groups.js'),
  group: () => import('../pages/group.js'),
  connections: () => import('../pages/connections.js'),
  users: () => import('../pages/users.js'),
  policies: () => import('../pages/policies.js'),
  definitions: () => import('../pages/definitions.js'),
};
const POLL_MS = 3000;
const main = document.getElementById('main');
let current = null;
let navigations = 0;

/** "#/queue/%2F/orders" → { page: "queue", params: ["/", "orders"] } */
function parse(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '');
  const page = PAGES[parts[0]] ? parts[0] : 'overview';
  return { page, params: parts.slice(1).map(decodeURIComponent) };
}

async function show() {
  if (!loggedIn()) {
    enterLoggedOut();
    return;
  }
  const { page, params } = parse(location.hash);
  if (current && current.dispose) current.dispose();
  current = null;
  status('');
  const section = page.replace(/^(exchange|queue|topic|group)$/, '$1s');
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.getAttribute('href') === `#/${section}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const token = ++navigations;
  const module = await PAGES[page]();
  if (token !== navigations) return; // another navigation overtook this one
  main.replaceChildren();
  delete main.dataset.page;
  current = module.render(main, params) || {};
  await refresh();
  if (token !== navigations) return;
  main.dataset.page = page; // shown with its first figures (tests and screenshots wait for this)
  main.focus();
}

async function refresh() {
  if (!current || !current.refresh) return;
  try {
    await current.refresh();
  } catch (e) {
    if (e.status !== 401) status(`${e.status ? e.status + ' ' : ''}${e.message}`, 'error');
  }
}

function enterLoggedOut() {
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  current = null;
  showLogin(main, enterLoggedIn);
}

async function enterLoggedIn(me) {
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('who').replaceChildren(h('span', {}, `${me.name} (${me.tags.join(', ') || 'no tags'})`));
  await show();
}

document.getElementById('logout').addEventListener('click', () => {
  logout();
  enterLoggedOut();
});
window.addEventListener('hashchange', show);
window.addEventListener('tributary:unauthorized', enterLoggedOut);
setInterval(() => {
  if (document.visibilityState === 'visible' && loggedIn()) refresh();
}, POLL_MS);

if (loggedIn()) {
  api.get('/api/whoami').then(enterLoggedIn, enterLoggedOut);
} else {
  enterLoggedOut();
}
