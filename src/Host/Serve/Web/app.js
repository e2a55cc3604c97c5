// genre stream live page: draws the last half hour from /api/history at once, then follows /events
// (Server-Sent Events): the settled genre in its colour, ten bars, a chart of the smoothed probabilities with
// the genre changes marked, and a list of those changes. No libraries: everything is served by genre serve.
// A service with several streams: without ?stream= the page shows every stream as a card (all view), each
// linking to /?stream=<name>, which shows that one stream as above.
// Works with SSE messages with or without an `event:` name, and reads only fields every version has
// (`current`, `smoothed`, `status`), so the top smoothed genre is worked out here from `smoothed`.
'use strict';

const keepMs = 30 * 60 * 1000;
const state = {
  labels: [], points: [], changes: [], sorted: true, updates: 0, last: null,
  offset: 0, // server clock minus this browser's clock (ms), from /api/history
  connected: false, source: null, opened: 0, spanSeconds: 300,
};
const $ = id => document.getElementById(id);
// The one stream shown (?stream=name); without it the first, or every stream when the service has several.
const chosen = new URLSearchParams(location.search).get('stream');
const streamQuery = chosen ? '?stream=' + encodeURIComponent(chosen) : '';
const nowPath = chosen ? '/api/streams/' + encodeURIComponent(chosen) : '/api/now';
const historyPath = '/api/history' + streamQuery;
const eventsPath = '/events' + streamQuery;

function percent(p) { return Math.round(100 * p) + '%'; }

function clock(seconds) {
  const s = Math.floor(seconds);
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

function timeOfDay(serverMs, seconds) {
  const d = new Date(serverMs - state.offset);
  const two = n => String(n).padStart(2, '0');
  return two(d.getHours()) + ':' + two(d.getMinutes()) + (seconds ? ':' + two(d.getSeconds()) : '');
}

function style(label) { return genreStyle(label, Math.max(0, state.labels.indexOf(label))); }

/** The genre with the highest smoothed probability. */
function topOf(smoothed) {
  let top = null;
  for (const label of Object.keys(smoothed)) if (top === null || smoothed[label] > smoothed[top]) top = label;
  return top;
}

function ensureLabels(labels) {
  if (state.labels.join() === labels.join()) return;
  state.labels = labels;
  const bars = $('bars');
  const legend = $('legend');
  bars.textContent = '';
  legend.textContent = '';
  labels.forEach(label => {
    const colour = style(label).colour;
    const li = document.createElement('li');
    li.dataset.genre = label;
    li.innerHTML = '<span class="name"></span><span class="track"><span class="bar"></span></span><span class="pct">0%</span>';
    li.querySelector('.name').textContent = label;
    li.querySelector('.bar').style.background = colour;
    bars.appendChild(li);
    const item = document.createElement('li');
    item.innerHTML = '<i></i>';
    item.querySelector('i').style.background = colour;
    if (style(label).dash.length) item.classList.add('dashed');
    item.append(label);
    legend.appendChild(item);
  });
}

function showBars(smoothed, top, current) {
  const bars = $('bars');
  const rows = [...bars.children];
  rows.forEach(li => {
    const p = smoothed[li.dataset.genre] || 0;
    li.querySelector('.bar').style.width = (100 * p).toFixed(1) + '%';
    li.querySelector('.pct').textContent = percent(p);
    li.dataset.p = p;
    li.classList.toggle('top', li.dataset.genre === top);
    li.classList.toggle('settled', li.dataset.genre === current);
  });
  const order = state.sorted ? rows.slice().sort((a, b) => b.dataset.p - a.dataset.p) : rows.slice().sort((a, b) => state.labels.indexOf(a.dataset.genre) - state.labels.indexOf(b.dataset.genre));
  order.forEach(li => bars.appendChild(li));
}

const timeSteps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800].map(s => s * 1000);

function drawChart() {
  const canvas = $('chart');
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (!width || !height) return;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const left = 38, right = 8, top = 16, bottom = 20;
  const w = width - left - right, h = height - top - bottom;
  g.font = '11px system-ui, sans-serif';
  g.fillStyle = '#8a98a6';
  g.strokeStyle = '#26313b';
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let q = 0; q <= 4; q++) {
    const y = top + h - h * q / 4;
    g.beginPath();
    g.moveTo(left, y);
    g.lineTo(left + w, y);
    g.stroke();
    g.fillText(25 * q + '%', left - 6, y);
  }
  const points = state.points;
  canvas.dataset.points = points.length;
  if (points.length < 2) return;
  // The time axis grows with the data, from half a minute up to the span chosen.
  const end = points[points.length - 1].t;
  const spanMs = 1000 * Math.min(state.spanSeconds, Math.max(30, (end - points[0].t) / 1000));
  const span = spanMs / 1000;
  $('chart-minutes').textContent = span >= 60 ? (span / 60).toFixed(span % 60 ? 1 : 0) + ' minutes' : Math.round(span) + ' seconds';
  const x = t => left + w - (end - t) / spanMs * w;
  // Time axis: clock times at a round step, about one label per 90 px.
  const step = timeSteps.find(s => s / spanMs * w >= 90) || timeSteps[timeSteps.length - 1];
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (let t = Math.ceil((end - spanMs) / step) * step; t <= end; t += step) {
    const px = x(t);
    g.beginPath();
    g.moveTo(px, top + h);
    g.lineTo(px, top + h + 4);
    g.stroke();
    // A label cut by the chart's right edge is left out (its tick stays).
    const label = timeOfDay(t, step < 60000);
    if (px + g.measureText(label).width / 2 <= width) g.fillText(label, px, top + h + 6);
  }
  g.save();
  g.beginPath();
  g.rect(left, 0, w, height);
  g.clip();
  state.labels.forEach(label => {
    const s = style(label);
    g.strokeStyle = s.colour;
    g.setLineDash(s.dash);
    g.lineWidth = 2;
    g.beginPath();
    let drawing = false;
    points.forEach(p => {
      if (p.t < end - spanMs - 5000) return;
      const px = x(p.t), py = top + h - (p.s[label] || 0) * h;
      if (!drawing) { g.moveTo(px, py); drawing = true; } else g.lineTo(px, py);
    });
    g.stroke();
  });
  // Marks: where the settled genre changed, in the colour of the genre it changed to.
  g.setLineDash([3, 3]);
  g.textAlign = 'left';
  g.textBaseline = 'top';
  let marks = 0;
  state.changes.forEach(c => {
    if (c.t < end - spanMs || c.t > end + 2000) return;
    const px = x(c.t);
    g.strokeStyle = style(c.to).colour;
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(px, top);
    g.lineTo(px, top + h);
    g.stroke();
    g.fillStyle = style(c.to).colour;
    g.fillText(c.to, Math.min(px + 3, left + w - 40), 2);
    marks++;
  });
  g.restore();
  canvas.dataset.marks = marks;
}

function showChanges() {
  const list = $('changes');
  list.textContent = '';
  state.changes.slice().reverse().slice(0, 50).forEach(c => {
    const li = document.createElement('li');
    const when = document.createElement('time');
    when.dateTime = new Date(c.t - state.offset).toISOString();
    when.textContent = timeOfDay(c.t, true);
    const to = document.createElement('b');
    to.textContent = c.to;
    to.style.color = style(c.to).colour;
    li.append(when, ' ', c.from ? c.from + ' → ' : 'first: ', to, ' ' + percent(c.confidence));
    list.appendChild(li);
  });
  $('no-changes').hidden = state.changes.length > 0;
}

/** Server time of an event: its own timestamp when it has one, else when it arrived. */
function stamp(e) {
  const t = e.timestamp ? Date.parse(e.timestamp) : NaN;
  return Number.isFinite(t) ? t : Date.now() + state.offset;
}

function addPoint(t, smoothed) {
  const points = state.points;
  if (points.length && t <= points[points.length - 1].t) return;
  points.push({ t, s: smoothed });
  while (points.length && points[0].t < t - keepMs) points.shift();
}

function addChange(c) {
  const changes = state.changes;
  if (changes.length && c.t <= changes[changes.length - 1].t) return;
  changes.push(c);
  while (changes.length && changes[0].t < c.t - keepMs) changes.shift();
}

function onGenre(e, t) {
  ensureLabels(Object.keys(e.smoothed));
  const smoothed = e.smoothed;
  const status = e.status || (e.silent ? 'silence' : 'music');
  const top = topOf(smoothed);
  const settled = e.current || null;
  const unknown = status === 'unknown';
  const shown = unknown ? 'unknown' : (settled || top);
  const headline = $('current');
  headline.textContent = shown;
  headline.dataset.genre = shown;
  headline.classList.toggle('silent', e.silent || unknown);
  headline.style.color = e.silent || unknown ? '' : style(shown).colour;
  // During the hold the bars already lead with another genre: say so rather than contradict them.
  const changing = status === 'music' && !e.silent && settled !== null && top !== settled;
  const note = $('changing');
  note.hidden = !changing;
  note.dataset.to = changing ? top : '';
  if (changing) {
    note.textContent = 'changing to ';
    const to = document.createElement('b');
    to.textContent = top;
    to.style.color = style(top).colour;
    note.append(to, ' ' + percent(smoothed[top]));
  }
  $('confidence').textContent = unknown ? 'not one of the ten genres' : percent(smoothed[shown] || 0) + ' confident';
  $('silence').hidden = !e.silent;
  $('level').value = Math.max(-80, e.level);
  $('level-text').textContent = e.level.toFixed(1) + ' dBFS';
  $('time').textContent = clock(e.time);
  showBars(smoothed, top, settled);
  addPoint(t === undefined ? stamp(e) : t, smoothed);
  state.last = e;
  drawChart();
  state.updates++;
  document.body.dataset.updates = state.updates;
}

function onChange(e) {
  addChange({ t: stamp(e), from: e.from, to: e.to, confidence: e.confidence });
  showChanges();
  drawChart();
}

function showBadge() {
  const badge = $('state');
  const s = state.source;
  badge.dataset.state = s || 'connecting';
  badge.dataset.connection = state.connected ? 'connected' : (state.opened ? 'reconnecting' : 'connecting');
  badge.textContent = !state.connected ? badge.dataset.connection
    : s === 'started' || s === 'recovered' || s === null ? 'connected'
    : s === 'lost' ? 'source lost' : s;
}

function onSource(e) {
  state.source = e.state;
  showBadge();
  if (e.state === 'started') $('source').textContent = e.detail;
  // A lost source says why (no audio server, an unknown device, a missing file) until it starts again.
  $('reason').textContent = e.state === 'lost' ? e.detail : '';
  $('reason').hidden = e.state !== 'lost';
  $('dropped').textContent = (e.dropped || 0).toFixed(1);
}

function onNow(now) {
  $('source').textContent = now.source;
  if (now.source_state) onSource({ state: now.source_state, detail: now.source_detail || now.source, dropped: now.dropped });
}

/** Draws what the service kept (the last half hour), adding only what is newer than what is drawn. */
function onHistory(history) {
  state.offset = history.now_unix_ms - Date.now();
  if (history.labels.length) ensureLabels(history.labels);
  history.unix_ms.forEach((t, n) => {
    const s = {};
    history.labels.forEach((label, k) => { s[label] = history.smoothed[n][k]; });
    addPoint(t, s);
  });
  history.changes.forEach(c => addChange({ t: c.unix_ms, from: c.from, to: c.to, confidence: c.confidence }));
  showChanges();
  drawChart();
}

function load(path) { return fetch(path, { cache: 'no-store' }).then(r => { if (!r.ok) throw new Error(path + ': ' + r.status); return r.json(); }); }

function onEvent(m) {
  const e = JSON.parse(m.data);
  if (!state.connected) { state.connected = true; showBadge(); }
  if (e.type === 'genre') onGenre(e);
  else if (e.type === 'change') onChange(e);
  else if (e.type === 'source') onSource(e);
  else if (e.type === 'silence') $('silence').hidden = e.state !== 'silence';
}

function connect() {
  const events = new EventSource(eventsPath);
  // Unnamed messages, and the same events if the service names them (event: genre, …).
  ['message', 'genre', 'change', 'silence', 'source'].forEach(name => events.addEventListener(name, onEvent));
  events.onopen = () => {
    state.connected = true;
    state.opened++;
    showBadge();
    // After a reconnection (the service restarted, or the network came back): its state and what was missed.
    if (state.opened > 1) {
      load(nowPath).then(onNow).catch(() => {});
      load(historyPath).then(onHistory).catch(() => {});
    }
  };
  events.onerror = () => {
    state.connected = false;
    showBadge();
    // A refusal (503: too many clients) closes the stream for good: try again later.
    if (events.readyState === EventSource.CLOSED) setTimeout(connect, 5000);
  };
}

$('sorted').addEventListener('change', ev => {
  state.sorted = ev.target.checked;
  if (state.last) showBars(state.last.smoothed, topOf(state.last.smoothed), state.last.current || null);
});
$('span').addEventListener('change', ev => {
  state.spanSeconds = Number(ev.target.value);
  drawChart();
});
window.addEventListener('resize', drawChart);
/** The links to every stream (and to all of them) when the service has several. */
function showStreamLinks(names) {
  const nav = $('streams');
  nav.hidden = names.length < 2;
  nav.textContent = '';
  [null, ...names].forEach(name => {
    const a = document.createElement('a');
    a.href = name === null ? '/' : '/?stream=' + encodeURIComponent(name);
    a.textContent = name === null ? 'all streams' : name;
    if (name === chosen) a.setAttribute('aria-current', 'page');
    nav.appendChild(a);
  });
}

/** The all view's card of one stream, made when first needed. */
function card(name) {
  let li = document.querySelector('#cards li[data-stream="' + CSS.escape(name) + '"]');
  if (li) return li;
  li = document.createElement('li');
  li.dataset.stream = name;
  li.dataset.genre = '';
  li.innerHTML = '<a></a><div class="genre">…</div><div class="meta"><span class="confidence">–</span><span class="level">– dBFS</span></div><div class="detail"></div>';
  const a = li.querySelector('a');
  a.href = '/?stream=' + encodeURIComponent(name);
  a.textContent = name;
  $('cards').appendChild(li);
  return li;
}

function onCardGenre(e) {
  const li = card(e.stream);
  const labels = Object.keys(e.smoothed);
  const unknown = e.status === 'unknown';
  const shown = e.silent ? 'silence' : unknown ? 'unknown' : (e.current || topOf(e.smoothed));
  const genre = li.querySelector('.genre');
  genre.textContent = shown;
  li.dataset.genre = shown;
  const colour = e.silent || unknown ? '' : genreStyle(shown, Math.max(0, labels.indexOf(shown))).colour;
  genre.style.color = colour;
  li.style.borderLeftColor = colour;
  li.querySelector('.confidence').textContent = e.silent || unknown ? '' : percent(e.smoothed[shown] || 0);
  li.querySelector('.level').textContent = e.level.toFixed(1) + ' dBFS';
  state.updates++;
  document.body.dataset.updates = state.updates;
}

function onCardSource(e) {
  const li = card(e.stream);
  li.dataset.state = e.state;
  li.querySelector('.detail').textContent = (e.state === 'started' ? '' : e.state + ': ') + (e.detail || '');
}

/** Every stream at once: a card each, following /events (all streams). */
function showAll(streams) {
  document.body.dataset.view = 'all';
  $('one').hidden = true;
  $('all').hidden = false;
  $('source').textContent = streams.length + ' streams';
  streams.forEach(s => {
    card(s.stream);
    if (s.source_state) onCardSource({ stream: s.stream, state: s.source_state, detail: s.source_detail || s.source });
    if (s.latest) onCardGenre(s.latest);
  });
  const events = new EventSource('/events');
  const onAll = m => {
    const e = JSON.parse(m.data);
    if (!e.stream) return;
    if (e.type === 'genre') onCardGenre(e);
    else if (e.type === 'source') onCardSource(e);
  };
  ['message', 'genre', 'source'].forEach(name => events.addEventListener(name, onAll));
  events.onopen = () => { state.connected = true; state.opened++; showBadge(); };
  events.onerror = () => {
    state.connected = false;
    showBadge();
    if (events.readyState === EventSource.CLOSED) setTimeout(() => location.reload(), 5000);
  };
}

function showOne() {
  document.body.dataset.view = 'one';
  Promise.allSettled([load(nowPath), load(historyPath)]).then(([now, history]) => {
    if (now.status === 'fulfilled') onNow(now.value);
    if (history.status === 'fulfilled') onHistory(history.value);
    // The latest step, drawn at the time it was kept (it is also the history's last point).
    if (now.status === 'fulfilled' && now.value.latest) {
      const points = state.points;
      onGenre(now.value.latest, points.length ? points[points.length - 1].t : undefined);
    }
  }).finally(connect);
}

load('/api/streams').then(list => {
  const names = list.streams.map(s => s.stream);
  showStreamLinks(names);
  if (!chosen && names.length > 1) showAll(list.streams);
  else showOne();
}).catch(() => showOne());
