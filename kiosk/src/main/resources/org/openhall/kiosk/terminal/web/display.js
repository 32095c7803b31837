'use strict';
// The hall screen (/display) and the screen above one window (/display?window=3). Live over /api/events: a
// "state" event carries the whole picture (waiting per category, windows, the latest calls), a "call" event each
// new call, which is shown at once and spoken. After a lost connection the screen keeps the last good state,
// marked stale, and fetches everything again when the daemon answers. Every list is bounded: a week on the wall
// does not grow it.

const params = new URLSearchParams(location.search);
const ONLY = params.get('window');                 // the screen above one window, or null for the hall
const SPEAKS = ONLY === null || params.get('voice') === 'on';
const MAX_WAITING_CALLS = 20;                      // calls queued for speech beyond this drop the oldest queued
const MAX_LOG = 50;
const HEALTH_MS = 10000;

let settings = { voice: 'zh', repeat: 2, recent: 6 };
let view = { queue: [], windows: [], calls: [] };  // the last good state
let events = null;

const $ = id => document.getElementById(id);

// ---- speech: one call at a time, in arrival order, each `repeat` times, never cut off ----
const speech = { queue: [], current: null, log: [], busy: false };
window.kioskSpeech = speech; // for tests and for a technician's console
const shown = [];                // when each call reached the screen (bounded), for the latency figures
window.kioskShown = shown;

function announce(call) {
  if (!SPEAKS || (ONLY !== null && call.window !== ONLY)) return;
  speech.queue.push({ number: call.number, window: call.window, recall: call.recall, queuedAt: Date.now(), plays: [] });
  while (speech.queue.length > MAX_WAITING_CALLS) speech.queue.shift();
  if (!speech.busy) speakAll();
}

async function speakAll() {
  speech.busy = true;
  while (speech.queue.length > 0) {
    const item = speech.queue.shift();
    speech.current = item;
    for (let i = 0; i < settings.repeat; i++) await play(item);
    item.doneAt = Date.now();
    speech.current = null;
    speech.log.push(item);
    while (speech.log.length > MAX_LOG) speech.log.shift();
  }
  speech.busy = false;
}

function play(item) {
  return new Promise(resolve => {
    const entry = { startedAt: null, endedAt: null, error: null };
    item.plays.push(entry);
    const audio = new Audio('/api/voice?number=' + encodeURIComponent(item.number) + '&window=' + encodeURIComponent(item.window));
    let done = false;
    const finish = error => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      entry.endedAt = Date.now();
      entry.error = error || null;
      audio.removeAttribute('src');
      audio.load(); // releases the decoder
      resolve();
    };
    // a failed play still takes a slot, so the flash and the pacing stay the same without sound
    const failLater = error => setTimeout(() => finish(error), 2500);
    // only a broken player gets here: the longest announcement (zh+en) lasts about 10 s
    const guard = setTimeout(() => finish('timeout'), 30000);
    audio.addEventListener('playing', () => { if (entry.startedAt === null) entry.startedAt = Date.now(); });
    audio.addEventListener('ended', () => finish(null));
    audio.addEventListener('error', () => failLater('error'));
    audio.play().catch(e => failLater(String(e && e.name || e)));
  });
}

// ---- rendering ----
function calls() {
  return ONLY === null ? view.calls : view.calls.filter(c => c.window === ONLY);
}

function windowOf(id) {
  return view.windows.find(w => w.id === id);
}

function render() {
  const list = calls();
  let newest = list[0];
  if (ONLY !== null) {
    const w = windowOf(ONLY);
    if (w) {
      $('title').textContent = w.name + ' ';
      const en = document.createElement('span');
      en.lang = 'en';
      en.textContent = w.nameEn + (w.paused ? ' · 暂停服务 Paused' : '');
      $('title').append(en);
      newest = w.called ? { number: w.called, windowName: w.name, window: w.id } : null;
    }
  }
  $('now-number').textContent = newest ? newest.number : '—';
  const w = newest ? windowOf(newest.window) : null;
  $('now-window').textContent = newest ? (ONLY === null ? '请到 ' + newest.windowName : '请 ' + newest.number + ' 号办理') : '';
  $('now-window-en').textContent = newest ? (ONLY === null ? 'Please go to ' + (w ? w.nameEn : 'Window ' + newest.window) : '') : '';

  const recent = $('recent');
  recent.replaceChildren(...list.slice(1, settings.recent + 1).map(c => {
    const li = document.createElement('li');
    if (c.recall) li.className = 'recall';
    const n = document.createElement('span');
    n.className = 'n';
    n.textContent = c.number;
    const to = document.createElement('span');
    to.className = 'w';
    to.textContent = c.windowName;
    li.append(n, to);
    return li;
  }));

  $('waiting').replaceChildren(...view.queue.map(q => {
    const li = document.createElement('li');
    const cat = document.createElement('p');
    cat.className = 'cat';
    cat.textContent = q.code + ' ' + q.name;
    const count = document.createElement('p');
    count.className = 'count';
    count.textContent = q.waiting;
    const unit = document.createElement('small');
    unit.textContent = '人';
    count.append(unit);
    li.append(cat, count);
    return li;
  }));
}

function flash() {
  const now = document.querySelector('.now');
  now.classList.remove('flash');
  void now.offsetWidth; // restarts the animation
  now.classList.add('flash');
}

function setStale(stale) {
  $('stale').hidden = !stale;
  document.body.classList.toggle('stale-state', stale);
  document.body.dataset.stale = String(stale);
}

// ---- the live connection ----
function applyState(state) {
  view = { queue: state.queue || [], windows: state.windows || [], calls: (state.calls || []).slice(0, settings.recent + 1) };
  render();
  setStale(false);
}

function onCall(call) {
  view.calls = [call].concat(view.calls).slice(0, settings.recent + 1);
  const w = windowOf(call.window);
  if (w) w.called = call.number;
  render();
  shown.push({ number: call.number, recall: call.recall, at: Date.now() });
  while (shown.length > MAX_LOG) shown.shift();
  if (ONLY === null || call.window === ONLY) flash();
  announce(call);
}

async function fetchJson(path) {
  const r = await fetch(path, { cache: 'no-store' });
  if (!r.ok) throw new Error(path + ' ' + r.status);
  return r.json();
}

/** The whole state again, by plain requests (after a reconnect, or when the stream is down). */
async function refreshAll() {
  try {
    settings = await fetchJson('/api/display');
    const [queue, recent] = await Promise.all([fetchJson('/api/queue'), fetchJson('/api/calls?limit=' + (settings.recent + 1))]);
    const windows = ONLY === null ? view.windows : [await fetchJson('/api/windows/' + encodeURIComponent(ONLY))];
    applyState({ queue: queue.categories, windows, calls: recent.calls });
    return true;
  } catch (e) {
    setStale(true);
    return false;
  }
}

function listen() {
  if (events) events.close();
  events = new EventSource('/api/events');
  events.addEventListener('state', e => applyState(JSON.parse(e.data)));
  events.addEventListener('call', e => onCall(JSON.parse(e.data)));
  events.onopen = () => refreshAll();
  events.onerror = () => {
    setStale(true);
    if (events.readyState === EventSource.CLOSED) setTimeout(listen, 3000);
  };
}

// A dead link to a remote kiosk can stay silent (no error) for minutes: ask the daemon now and then.
async function checkHealth() {
  try {
    await fetchJson('/api/health');
    if (document.body.dataset.stale === 'true' && (!events || events.readyState !== EventSource.OPEN)) listen();
  } catch (e) {
    setStale(true);
  }
}

function tick() {
  const d = new Date();
  const two = n => String(n).padStart(2, '0');
  $('clock').textContent = two(d.getHours()) + ':' + two(d.getMinutes());
  $('clock').title = d.toLocaleDateString('zh-CN', { month: 'long', day: 'numeric', weekday: 'long' });
}

document.addEventListener('DOMContentLoaded', () => {
  if (ONLY !== null) document.body.classList.add('one-window');
  tick();
  setInterval(tick, 1000);
  setStale(true);
  refreshAll().finally(listen);
  setInterval(checkHealth, HEALTH_MS);
});
