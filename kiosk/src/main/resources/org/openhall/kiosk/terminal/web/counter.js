'use strict';
// The clerk page of one window (/counter?window=3). The window's token is asked once and kept in this browser's
// localStorage; keys F1-F4 act like the hardware caller (next, recall, no-show, pause/resume). State comes live
// from /api/events; after a lost connection it is fetched again, the last good state shown meanwhile.

const WINDOW = new URLSearchParams(location.search).get('window') || '';
const TOKEN_KEY = 'kiosk.counter.token.' + WINDOW;
const KEYS = { F1: 'next', F2: 'recall', F3: 'no-show', F4: 'pause' };
const MESSAGES = {
  queue_empty: '没有人等候 Nobody is waiting',
  nothing_called: '本窗口没有正在办理的号 Nothing called',
  window_paused: '窗口已暂停，请先恢复 Paused: resume first',
  invalid_argument: '号码或业务不正确 Wrong number or category',
  unknown_window: '没有这个窗口 No such window',
  already_paused: '已暂停 Already paused',
  not_paused: '未暂停 Not paused',
};

let win = null;   // {id, name, nameEn, categories, paused, called}
let queue = [];
let chain = Promise.resolve();
const pending = [];  // actions pressed and not finished
const $ = id => document.getElementById(id);

function token() { return localStorage.getItem(TOKEN_KEY); }

function showLogin(show) {
  $('login').hidden = !show;
  $('desk').hidden = show;
  if (show) $('token').focus();
}

function say(text, kind) {
  $('message').textContent = text;
  $('message').dataset.kind = kind || 'info';
}

function render() {
  if (!win) return;
  $('window-name').textContent = win.name + ' ' + win.nameEn;
  document.title = win.name + ' 叫号';
  $('called').textContent = win.called || '—';
  $('state').textContent = win.paused ? '暂停 Paused' : '服务中 Open';
  $('state').dataset.paused = String(win.paused);
  $('pause-label').textContent = win.paused ? '恢复 Resume' : '暂停 Pause';
  for (const id of ['recall', 'no-show', 'complete']) $(id).disabled = !win.called;
  $('next').disabled = win.paused;
  const serves = win.categories.length ? queue.filter(q => win.categories.includes(q.code)) : queue;
  $('waiting').replaceChildren(...serves.map(q => {
    const li = document.createElement('li');
    li.textContent = q.code + ' ' + q.name;
    const b = document.createElement('b');
    b.textContent = q.waiting;
    li.append(b);
    return li;
  }));
  const select = $('category');
  if (select.options.length !== queue.length) {
    select.replaceChildren(...queue.map(q => new Option(q.code + ' ' + q.name, q.code)));
  }
}

function setStale(stale) { $('stale').hidden = !stale; }

/**
 * Actions run one after the other, in the order pressed; pressing a key again while its action is still waiting
 * or running is one press, not two.
 */
function act(action, body) {
  if (pending.includes(action)) return chain;
  pending.push(action);
  chain = chain.then(() => perform(action, body)).finally(() => pending.splice(pending.indexOf(action), 1));
  return chain;
}

async function perform(action, body) {
  if (!token()) { showLogin(true); return; }
  if (action === 'pause' && win && win.paused) action = 'resume';
  try {
    const r = await fetch('/api/windows/' + encodeURIComponent(WINDOW) + '/' + action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token() },
      body: JSON.stringify(body || {}),
    });
    const data = await r.json().catch(() => ({}));
    if (r.status === 401) {
      localStorage.removeItem(TOKEN_KEY);
      say('口令不对，请重新输入 Wrong token', 'error');
      showLogin(true);
      return;
    }
    if (!r.ok) { say(MESSAGES[data.error] || data.error || ('HTTP ' + r.status), 'error'); return; }
    say(done(action, data));
    refresh(); // not awaited: the next key press need not wait for it
  } catch (e) {
    say('连接中断 Offline', 'error');
    setStale(true);
  }
}

function done(action, data) {
  switch (action) {
    case 'next': return '已呼叫 Called ' + data.number;
    case 'recall': return '已重呼 Recalled ' + data.number;
    case 'no-show': return '已过号 No-show ' + data.number;
    case 'complete': return '已办结 Done ' + data.number;
    case 'transfer': return data.number + ' 已转到 moved to ' + data.category;
    case 'pause': return '已暂停 Paused';
    case 'resume': return '已恢复 Resumed';
    default: return '';
  }
}

async function refresh() {
  try {
    const [w, q] = await Promise.all([fetch('/api/windows/' + encodeURIComponent(WINDOW)), fetch('/api/queue')]);
    if (w.status === 404) { say(MESSAGES.unknown_window, 'error'); return; }
    if (!w.ok || !q.ok) throw new Error('state');
    win = await w.json();
    queue = (await q.json()).categories;
    render();
    setStale(false);
  } catch (e) {
    setStale(true);
  }
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('state', e => {
    const s = JSON.parse(e.data);
    queue = s.queue || queue;
    const mine = (s.windows || []).find(x => x.id === WINDOW);
    if (mine) win = mine;
    render();
    setStale(false);
  });
  events.onopen = refresh;
  events.onerror = () => {
    setStale(true);
    if (events.readyState === EventSource.CLOSED) setTimeout(listen, 3000);
  };
}

document.addEventListener('keydown', e => {
  if (KEYS[e.key] && !$('desk').hidden) {
    e.preventDefault();
    act(KEYS[e.key]);
  }
});

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('.keys button').forEach(b => b.addEventListener('click', () => act(b.dataset.action)));
  $('login').addEventListener('submit', e => {
    e.preventDefault();
    const t = $('token').value.trim();
    if (t) { localStorage.setItem(TOKEN_KEY, t); $('token').value = ''; showLogin(false); say('口令已保存 Token saved'); }
  });
  $('by-number').addEventListener('submit', e => {
    e.preventDefault();
    const n = $('number').value.trim().toUpperCase();
    if (n) act('next', { number: n }).then(() => { $('number').value = ''; });
  });
  $('transfer').addEventListener('submit', e => {
    e.preventDefault();
    act('transfer', { category: $('category').value });
  });
  showLogin(!token());
  refresh().finally(listen);
});
