// The self-service terminal. Plain JS, no build step, nothing loaded from outside the daemon.
// State arrives by Server-Sent Events (/api/events); actions are POSTs to the local API.
'use strict';

const TEXT = {
  zh: {
    title: '自助取号', choose: '请选择业务，取号', priority: '优先取号', priorityWho: '老年人 · 残疾人 · 孕妇',
    rate: '评价服务', rateSub: '对窗口服务打分', priorityTitle: '优先服务',
    priorityExplain: '老年人、残疾人和孕妇可优先办理。请选择业务：', back: '返回', yourNumber: '您的号码',
    done: '完成', home: '返回首页', whichWindow: '请选择为您服务的窗口',
    waiting: n => n === 0 ? '现在无人等候' : n + ' 人等候',
    ahead: n => n === 0 ? '前面没有人，请留意叫号' : '前面还有 ' + n + ' 人',
    wait: m => m == null ? '' : '预计等候约 ' + Math.max(1, m) + ' 分钟',
    priorityTicket: '优先号', notPrinted: '号票没有打印出来，请记住您的号码，或到服务台补打。',
    takePaper: '请取走打印的号票。', countdown: s => s + ' 秒后自动返回首页',
    window: w => w + ' 号窗口', howWas: w => '您对 ' + w + ' 号窗口的服务满意吗？',
    thanks: '感谢您的评价！', thanksText: '您的意见帮助我们改进服务。',
    whyBad: '请告诉我们哪里不满意（可多选）', skip: '跳过', send: '提交评价',
    reasons: { waiting_time: '等候时间长', attitude: '服务态度不好', not_done_once: '没有一次办成',
      unclear_requirements: '告知不清楚', other: '其他' },
    paused: '暂停取号', busy: '正在出票，请稍候…',
    online: '联网正常', offline: '网络中断，取号不受影响', daemonLost: '正在重新连接，请稍候…',
    printer: {
      paper_out: '打印机缺纸，暂时不能取号。请到服务台取号。',
      cover_open: '打印机盖没有关好，暂时不能取号。请到服务台取号。',
      offline: '打印机没有连接，暂时不能取号。请到服务台取号。',
      error: '打印机故障，暂时不能取号。请到服务台取号。'
    },
    sorry: '很抱歉', noTicket: '没有取到号。',
    err: {
      too_soon: ['请稍候', '这个窗口刚刚评价过。请过几秒钟再评价。'],
      no_invite: ['暂时不能评价', '这个窗口目前没有可评价的服务。'],
      bad_request: ['无法完成', '这个选项暂时不能使用，请到服务台咨询。'],
      network: ['连接中断', '暂时无法连接，请稍后再试，或到服务台咨询。'],
      other: ['出了点问题', '暂时无法完成，请稍后再试，或到服务台咨询。']
    },
    levels: { very_satisfied: '非常满意', satisfied: '满意', basically_satisfied: '基本满意',
      dissatisfied: '不满意', very_dissatisfied: '非常不满意' }
  },
  en: {
    title: 'Take a ticket', choose: 'Choose a service to take a ticket', priority: 'Priority ticket',
    priorityWho: 'Elderly · Disabled · Pregnant', rate: 'Rate our service', rateSub: 'Tell us how we did',
    priorityTitle: 'Priority service',
    priorityExplain: 'Elderly, disabled and pregnant people are served first. Choose a service:',
    back: 'Back', yourNumber: 'Your number', done: 'Done', home: 'Back to start',
    whichWindow: 'Which window served you?',
    waiting: n => n === 0 ? 'No one waiting' : n + (n === 1 ? ' person' : ' people') + ' waiting',
    ahead: n => n === 0 ? 'You are next: watch for your number' : n + (n === 1 ? ' person' : ' people') + ' ahead of you',
    wait: m => m == null ? '' : 'Estimated wait: about ' + Math.max(1, m) + ' min',
    priorityTicket: 'Priority', notPrinted: 'The ticket could not be printed. Please remember your number, or ask at the service desk.',
    takePaper: 'Please take your printed ticket.', countdown: s => 'Back to start in ' + s + ' s',
    window: w => 'Window ' + w, howWas: w => 'How was the service at window ' + w + '?',
    thanks: 'Thank you for your rating!', thanksText: 'Your opinion helps us improve.',
    whyBad: 'What went wrong? (choose any)', skip: 'Skip', send: 'Send rating',
    reasons: { waiting_time: 'Long wait', attitude: 'Attitude', not_done_once: 'Not done in one visit',
      unclear_requirements: 'Unclear requirements', other: 'Other' },
    paused: 'Not available now', busy: 'Printing your ticket…',
    online: 'Online', offline: 'Network down: tickets still work', daemonLost: 'Reconnecting, please wait…',
    printer: {
      paper_out: 'The ticket printer is out of paper. Please ask at the service desk.',
      cover_open: 'The ticket printer cover is open. Please ask at the service desk.',
      offline: 'The ticket printer is not connected. Please ask at the service desk.',
      error: 'The ticket printer has a fault. Please ask at the service desk.'
    },
    sorry: 'Sorry', noTicket: 'No ticket was issued.',
    err: {
      too_soon: ['Please wait', 'This window was rated a moment ago. Please try again in a few seconds.'],
      no_invite: ['Nothing to rate yet', 'There is no service to rate at this window yet.'],
      bad_request: ['Not possible', 'This choice is not available now. Please ask at the service desk.'],
      network: ['No connection', 'The terminal cannot be reached now. Please try again, or ask at the service desk.'],
      other: ['Something went wrong', 'Please try again, or ask at the service desk.']
    },
    levels: { very_satisfied: 'Very satisfied', satisfied: 'Satisfied', basically_satisfied: 'Basically satisfied',
      dissatisfied: 'Dissatisfied', very_dissatisfied: 'Very dissatisfied' }
  }
};
// after a bad rating (score 1-2) the resident may say why; the codes are those of rating.submitted "reasons"
const REASONS = ['waiting_time', 'attitude', 'not_done_once', 'unclear_requirements', 'other'];
const BAD = ['dissatisfied', 'very_dissatisfied'];
let pendingRating = null; // a bad rating waiting for its reasons: sent on submit, skip or idle, never lost
const LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
// mouth curve per level: control-point y of a quadratic from (30,66) to (70,66); below 66 = frown
const MOUTH = { very_satisfied: 88, satisfied: 80, basically_satisfied: 72, dissatisfied: 56, very_dissatisfied: 46 };
const BLOCKING = ['paper_out', 'cover_open', 'offline', 'error'];

const params = new URLSearchParams(location.search);
const IDLE_MS = 1000 * clamp(Number(params.get('idle')) || 60, 1, 600);
const TICKET_MS = Math.min(10000, IDLE_MS);
const THANKS_MS = Math.min(6000, IDLE_MS);
// a double tap on a category must not dismiss the ticket it just took
const DISMISS_GUARD_MS = 1000;

const $ = id => document.getElementById(id);
let lang = 'zh';
let state = { queue: [], printer: 'none', mqtt: 'disconnected' };
let daemonReachable = null; // null until the first state or error: no alarm while the page loads
let windows = [];
let categoryKey = '';
let current = 'start';
let shownAt = 0;
let busy = false;
let idleTimer = 0;
let autoTimer = 0;
let countdownTimer = 0;
let countdownTick = () => {};
let redraw = () => {};

function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }
function t(key) { return TEXT[lang][key]; }
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

// ---- screens ----
function show(name) {
  document.querySelectorAll('.screen').forEach(s => { s.hidden = s.id !== name; });
  current = name;
  shownAt = Date.now();
  clearTimeout(autoTimer);
  clearInterval(countdownTimer);
  countdownTick = () => {};
  const heading = $(name).querySelector('h2');
  if (heading && name !== 'start') { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
  window.scrollTo(0, 0);
  touched();
}

function goHome() {
  if (pendingRating) { const p = pendingRating; pendingRating = null; post('/api/ratings', p.body(false)); }
  busy = false;
  redraw = () => {};
  show('start');
  renderQueue();
}

function touched() {
  clearTimeout(idleTimer);
  if (current !== 'start' || lang !== 'zh') {
    idleTimer = setTimeout(() => { setLang('zh'); goHome(); }, IDLE_MS);
  }
}

function autoReturn(ms, withCountdown) {
  const until = Date.now() + ms;
  autoTimer = setTimeout(goHome, ms);
  countdownTick = () => {
    $('ticket-countdown').textContent = t('countdown')(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
  };
  if (withCountdown) { countdownTick(); countdownTimer = setInterval(countdownTick, 1000); }
}

// ---- language ----
function setLang(next) {
  lang = next;
  document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
  const toggle = $('lang');
  toggle.textContent = lang === 'zh' ? 'English' : '中文';
  toggle.lang = lang === 'zh' ? 'en' : 'zh-Hans';
  document.querySelectorAll('[data-t]').forEach(e => { e.textContent = t(e.dataset.t); });
  document.title = lang === 'zh' ? '自助服务' : 'Self-service';
  renderQueue();
  renderStatus();
  renderWindows();
  redraw();
  countdownTick();
}

// ---- start screen: categories, waiting counts, printer notice ----
function printerBlocked() { return BLOCKING.includes(state.printer); }

function renderQueue() {
  const key = state.queue.map(q => q.code + q.name + q.nameEn).join('|');
  if (key !== categoryKey) {
    categoryKey = key;
    for (const [box, priority] of [[$('categories'), false], [$('priority-categories'), true]]) {
      box.replaceChildren(...state.queue.map(q => categoryButton(q, priority)));
      box.dataset.count = String(state.queue.length);
    }
  }
  const blocked = printerBlocked() || daemonReachable !== true;
  document.querySelectorAll('button.cat').forEach(b => {
    const q = state.queue.find(x => x.code === b.dataset.code);
    b.querySelector('.cat-wait').textContent = blocked ? t('paused') : t('waiting')(q ? q.waiting : 0);
    b.disabled = blocked || busy;
  });
  $('priority').disabled = blocked || busy;
}

function categoryButton(q, priority) {
  const b = el('button', 'cat');
  b.type = 'button';
  b.dataset.code = q.code;
  b.setAttribute('aria-describedby', 'notice');
  const zh = el('span', 'cat-zh', q.name); zh.lang = 'zh-Hans';
  const en = el('span', 'cat-en', q.nameEn); en.lang = 'en';
  b.append(zh, en, el('span', 'cat-wait'));
  b.addEventListener('click', () => takeTicket(q.code, priority, b));
  return b;
}

function renderStatus() {
  const notice = $('notice');
  const reason = daemonReachable === false ? t('daemonLost') : printerBlocked() ? t('printer')[state.printer] : '';
  notice.textContent = reason;
  notice.hidden = !reason;
  const link = $('link');
  link.textContent = state.mqtt === 'connected' ? t('online') : t('offline');
  link.dataset.state = state.mqtt;
  link.hidden = daemonReachable !== true;
}

// ---- taking a ticket ----
async function takeTicket(code, priority, button) {
  if (busy) return;
  busy = true;
  renderQueue();
  button.querySelector('.cat-wait').textContent = t('busy');
  const answer = await post('/api/tickets', { category: code, priority });
  busy = false;
  if (answer.status === 201) {
    showTicket(answer.body);
  } else {
    const word = answer.body && answer.body.error || '';
    if (word.startsWith('printer_')) { state.printer = word.slice('printer_'.length); renderStatus(); }
    showProblem(t('sorry'), t('noTicket') + ' ' + (t('printer')[word.slice(8)] || t('err')[kind(answer.status)][1]));
  }
}

function showTicket(ticket) {
  redraw = () => {
    $('ticket-number').textContent = ticket.number;
    const name = lang === 'zh' ? ticket.categoryName : categoryName(ticket.category, ticket.categoryName);
    $('ticket-category').textContent = name + (ticket.priority ? ' · ' + t('priorityTicket') : '');
    $('ticket-ahead').textContent = t('ahead')(ticket.ahead);
    $('ticket-wait').textContent = t('wait')(ticket.waitMinutes);
    $('ticket-note').textContent = ticket.printed === false ? t('notPrinted') : t('takePaper');
    $('ticket-note').classList.toggle('warn', ticket.printed === false);
  };
  redraw();
  show('ticket');
  autoReturn(TICKET_MS, true);
}

function categoryName(code, fallback) {
  const q = state.queue.find(x => x.code === code);
  return q && q.nameEn ? q.nameEn : fallback;
}

// ---- rating ----
function renderWindows() {
  $('rate').hidden = windows.length === 0;
  $('window-list').replaceChildren(...windows.map(w => {
    const b = el('button', 'win', t('window')(w.window));
    b.type = 'button';
    b.dataset.window = w.window;
    b.addEventListener('click', () => chooseLevel(w.window));
    return b;
  }));
}

function startRating() {
  if (windows.length === 1) chooseLevel(windows[0].window);
  else show('windows');
}

function chooseLevel(windowId) {
  redraw = () => {
    $('levels-h').textContent = t('howWas')(windowId);
    $('level-list').replaceChildren(...LEVELS.map(level => levelButton(windowId, level)));
  };
  redraw();
  show('levels');
}

function levelButton(windowId, level) {
  const b = el('button', 'level ' + level);
  b.type = 'button';
  b.dataset.level = level;
  const label = el('span', 'level-label');
  const zh = el('span', 'level-zh', TEXT.zh.levels[level]); zh.lang = 'zh-Hans';
  label.append(zh);
  if (lang === 'en') { const en = el('span', 'level-en', TEXT.en.levels[level]); en.lang = 'en'; label.append(en); }
  b.append(face(level), label);
  b.addEventListener('click', () => rate(windowId, level));
  return b;
}

function face(level) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 100 100');
  svg.setAttribute('aria-hidden', 'true');
  const part = (tag, attrs) => {
    const p = document.createElementNS(ns, tag);
    Object.entries(attrs).forEach(([k, v]) => p.setAttribute(k, v));
    svg.append(p);
  };
  part('circle', { cx: 50, cy: 50, r: 46, class: 'face' });
  part('circle', { cx: 35, cy: 40, r: 6, class: 'eye' });
  part('circle', { cx: 65, cy: 40, r: 6, class: 'eye' });
  part('path', { d: 'M30 66 Q50 ' + MOUTH[level] + ' 70 66', class: 'mouth' });
  return svg;
}

function askReasons(windowId, level) {
  const chosen = new Set();
  pendingRating = { body: withReasons => ({ window: windowId, level, reasons: withReasons ? [...chosen] : [] }) };
  redraw = () => {
    $('reason-list').replaceChildren(...REASONS.map(code => {
      const b = el('button', 'reason', t('reasons')[code]);
      b.type = 'button';
      b.dataset.reason = code;
      b.setAttribute('aria-pressed', String(chosen.has(code)));
      b.addEventListener('click', () => {
        if (chosen.has(code)) chosen.delete(code); else chosen.add(code);
        b.setAttribute('aria-pressed', String(chosen.has(code)));
      });
      return b;
    }));
  };
  redraw();
  show('reasons');
}

function sendPending(withReasons) {
  if (!pendingRating) return;
  const body = pendingRating.body(withReasons);
  pendingRating = null;
  submitRating(body);
}

function rate(windowId, level) {
  if (busy) return;
  if (BAD.includes(level)) askReasons(windowId, level);
  else submitRating({ window: windowId, level });
}

async function submitRating(body) {
  if (busy) return;
  busy = true;
  document.querySelectorAll('button.level, button.reason, #reasons-send, #reasons-skip').forEach(b => { b.disabled = true; });
  const answer = await post('/api/ratings', body);
  document.querySelectorAll('#reasons-send, #reasons-skip').forEach(b => { b.disabled = false; });
  busy = false;
  if (answer.status === 201) {
    redraw = () => { $('message-h').textContent = t('thanks'); $('message-text').textContent = t('thanksText'); };
    redraw();
    $('message').dataset.kind = 'thanks';
    show('message');
    autoReturn(THANKS_MS, false);
  } else {
    const [title, text] = t('err')[kind(answer.status, answer.body)];
    showProblem(title, text);
  }
}

function kind(status, body) {
  if (status === 429) return 'too_soon';
  if (status === 409 && body && body.error === 'no_invite') return 'no_invite';
  if (status === 400 || status === 404) return 'bad_request';
  if (status === 0) return 'network';
  return 'other';
}

function showProblem(title, text) {
  redraw = () => {};
  $('message-h').textContent = title;
  $('message-text').textContent = text;
  $('message').dataset.kind = 'problem';
  show('message');
}

// ---- talking to the daemon ----
async function post(path, body) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15000);
  try {
    const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body), signal: abort.signal });
    let data = null;
    try { data = await r.json(); } catch (notJson) { data = null; }
    return { status: r.status, body: data };
  } catch (failed) {
    return { status: 0, body: null };
  } finally {
    clearTimeout(timer);
  }
}

async function loadWindows() {
  try {
    const r = await fetch('/api/windows');
    if (r.ok) { windows = (await r.json()).windows || []; renderWindows(); return; }
  } catch (notYet) { /* retried below */ }
  setTimeout(loadWindows, 5000);
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('state', e => {
    state = JSON.parse(e.data);
    daemonReachable = true;
    renderQueue();
    renderStatus();
    document.body.dataset.printer = state.printer;
  });
  events.onerror = () => {
    daemonReachable = false;
    renderQueue();
    renderStatus();
    // the browser retries by itself unless the answer was not an event stream (then it gives up)
    if (events.readyState === EventSource.CLOSED) setTimeout(listen, 5000);
  };
}

// ---- wiring ----
document.addEventListener('pointerdown', touched, true);
document.addEventListener('keydown', touched, true);
document.addEventListener('DOMContentLoaded', () => {
  $('lang').addEventListener('click', () => setLang(lang === 'zh' ? 'en' : 'zh'));
  $('priority').addEventListener('click', () => show('priority-screen'));
  $('rate').addEventListener('click', startRating);
  $('reasons-send').addEventListener('click', () => sendPending(true));
  $('reasons-skip').addEventListener('click', () => sendPending(false));
  document.querySelectorAll('.back').forEach(b => b.addEventListener('click', goHome));
  const dismiss = () => { if (Date.now() - shownAt >= DISMISS_GUARD_MS) goHome(); };
  $('ticket').addEventListener('click', dismiss); // the Done button is inside
  $('message').addEventListener('click', e => {
    if ($('message').dataset.kind === 'thanks') dismiss();
    else if (e.target.closest('button.done')) dismiss();
  });
  setLang('zh');
  show('start');
  listen();
  loadWindows();
});
