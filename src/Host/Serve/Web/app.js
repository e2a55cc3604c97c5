// genre stream live page: follows /events (Server-Sent Events) and draws the current genre, ten bars and
// a rolling chart of the smoothed probabilities. No libraries: everything is served by genre serve.
'use strict';

const colours = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const windowSeconds = 300;
const state = { labels: [], history: [], sorted: true, updates: 0, lastSmoothed: null };
const $ = id => document.getElementById(id);

function percent(p) { return (100 * p).toFixed(0) + '%'; }

function clock(seconds) {
  const s = Math.floor(seconds);
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

function ensureLabels(labels) {
  if (state.labels.join() === labels.join()) return;
  state.labels = labels;
  const bars = $('bars');
  const legend = $('legend');
  bars.textContent = '';
  legend.textContent = '';
  labels.forEach((label, i) => {
    const li = document.createElement('li');
    li.dataset.genre = label;
    li.innerHTML = '<span class="name"></span><span class="track"><span class="bar"></span></span><span class="pct">0%</span>';
    li.querySelector('.name').textContent = label;
    li.querySelector('.bar').style.background = colours[i % colours.length];
    bars.appendChild(li);
    const item = document.createElement('li');
    item.innerHTML = '<i></i>';
    item.querySelector('i').style.background = colours[i % colours.length];
    item.append(label);
    legend.appendChild(item);
  });
}

function showBars(smoothed, top) {
  const bars = $('bars');
  const rows = [...bars.children];
  rows.forEach(li => {
    const p = smoothed[li.dataset.genre] || 0;
    li.querySelector('.bar').style.width = (100 * p).toFixed(1) + '%';
    li.querySelector('.pct').textContent = percent(p);
    li.dataset.p = p;
    li.classList.toggle('top', li.dataset.genre === top);
  });
  const order = state.sorted ? rows.slice().sort((a, b) => b.dataset.p - a.dataset.p) : rows.slice().sort((a, b) => state.labels.indexOf(a.dataset.genre) - state.labels.indexOf(b.dataset.genre));
  order.forEach(li => bars.appendChild(li));
}

function drawChart() {
  const canvas = $('chart');
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  g.strokeStyle = '#26313b';
  g.lineWidth = 1;
  for (let y = 0; y <= 4; y++) {
    g.beginPath();
    g.moveTo(0, height * y / 4);
    g.lineTo(width, height * y / 4);
    g.stroke();
  }
  const history = state.history;
  if (history.length < 2) return;
  // The time axis grows with the data, from half a minute up to the whole window.
  const end = history[history.length - 1].time;
  const span = Math.min(windowSeconds, Math.max(30, end - history[0].time));
  $('chart-minutes').textContent = span >= 60 ? (span / 60).toFixed(span % 60 ? 1 : 0) + ' minutes' : Math.round(span) + ' seconds';
  const x = t => width - (end - t) / span * width;
  state.labels.forEach((label, i) => {
    g.strokeStyle = colours[i % colours.length];
    g.lineWidth = 2;
    g.beginPath();
    history.forEach((h, n) => {
      const px = x(h.time), py = height - (h.smoothed[label] || 0) * height;
      if (n === 0) g.moveTo(px, py); else g.lineTo(px, py);
    });
    g.stroke();
  });
}

function onGenre(e) {
  ensureLabels(Object.keys(e.smoothed));
  const current = $('current');
  const unknown = e.status === 'unknown';
  const shown = unknown ? 'unknown' : (e.current || e.genre);
  current.textContent = shown;
  current.dataset.genre = shown;
  current.classList.toggle('silent', e.silent || unknown);
  $('confidence').textContent = percent(e.current ? e.current_confidence : e.confidence) + ' confident';
  $('silence').hidden = !e.silent;
  $('level').value = Math.max(-80, e.level);
  $('level-text').textContent = e.level.toFixed(1) + ' dBFS';
  $('time').textContent = clock(e.time);
  showBars(e.smoothed, shown);
  if (state.history.length && e.time < state.history[state.history.length - 1].time) state.history = [];
  state.history.push({ time: e.time, smoothed: e.smoothed });
  while (state.history.length && state.history[0].time < e.time - windowSeconds) state.history.shift();
  drawChart();
  state.updates++;
  document.body.dataset.updates = state.updates;
}

function onSource(e) {
  const badge = $('state');
  badge.textContent = e.state;
  badge.dataset.state = e.state;
  if (e.state === 'started') $('source').textContent = e.detail;
  // A lost source says why (no audio server, an unknown device, a missing file) until it starts again.
  $('reason').textContent = e.state === 'lost' ? e.detail : '';
  $('reason').hidden = e.state !== 'lost';
  $('dropped').textContent = (e.dropped || 0).toFixed(1);
}

function connect() {
  const events = new EventSource('/events');
  // Events are named (event: genre|change|silence|source), so onmessage would see none of them.
  const onEvent = m => {
    const e = JSON.parse(m.data);
    if (e.type === 'genre') onGenre(e);
    else if (e.type === 'source') onSource(e);
    else if (e.type === 'silence') $('silence').hidden = e.state !== 'silence';
  };
  for (const type of ['genre', 'change', 'silence', 'source']) events.addEventListener(type, onEvent);
  events.onerror = () => { $('state').textContent = 'reconnecting'; $('state').dataset.state = 'lost'; };
}

$('sorted').addEventListener('change', ev => {
  state.sorted = ev.target.checked;
  const last = state.history[state.history.length - 1];
  if (last) showBars(last.smoothed, $('current').dataset.genre);
});
window.addEventListener('resize', drawChart);
fetch('/api/now').then(r => r.json()).then(now => {
  $('source').textContent = now.source;
  if (now.source_state) onSource({ state: now.source_state, detail: now.source_detail || now.source, dropped: now.dropped });
  if (now.latest) onGenre(now.latest);
}).catch(() => {}).finally(connect);
