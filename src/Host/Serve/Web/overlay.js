// genre stream overlay for OBS's browser source (or any compositor): the settled genre in its colour on a
// transparent page; with ?bars=1 also the smoothed probabilities as bars (?bars=1&top=3: the three most likely).
'use strict';

const query = new URLSearchParams(location.search);
// The stream shown: ?stream=name, else the service's first (the only one of a single-source service).
let stream = query.get('stream');
const withBars = ['1', 'true', 'yes', 'on'].includes((query.get('bars') || '').toLowerCase());
const topCount = Math.min(10, Math.max(1, Number(query.get('top')) || 10));
const $ = id => document.getElementById(id);
let labels = [];
let updates = 0;

function percent(p) { return Math.round(100 * p) + '%'; }
function style(label) { return genreStyle(label, Math.max(0, labels.indexOf(label))); }

function show(e) {
  labels = Object.keys(e.smoothed);
  const smoothed = e.smoothed;
  const status = e.status || (e.silent ? 'silence' : 'music');
  let top = null;
  for (const label of labels) if (top === null || smoothed[label] > smoothed[top]) top = label;
  const settled = e.current || null;
  const shown = status === 'unknown' ? 'unknown' : (settled || top);
  const quiet = e.silent || status === 'unknown';
  const genre = $('genre');
  genre.textContent = shown;
  genre.dataset.genre = shown;
  genre.dataset.state = e.silent ? 'silence' : status;
  genre.classList.toggle('quiet', quiet);
  genre.style.color = quiet ? '' : style(shown).colour;
  const changing = status === 'music' && !e.silent && settled !== null && top !== settled;
  const note = $('changing');
  note.hidden = !changing;
  note.dataset.to = changing ? top : '';
  note.textContent = changing ? 'changing to ' + top : '';
  if (withBars) {
    const bars = $('bars');
    bars.hidden = false;
    bars.textContent = '';
    labels.slice().sort((a, b) => smoothed[b] - smoothed[a]).slice(0, topCount).forEach(label => {
      const li = document.createElement('li');
      li.dataset.genre = label;
      li.innerHTML = '<span class="name"></span><span class="track"><span class="bar"></span></span><span class="pct"></span>';
      li.querySelector('.name').textContent = label;
      li.querySelector('.bar').style.background = style(label).colour;
      li.querySelector('.bar').style.width = (100 * smoothed[label]).toFixed(1) + '%';
      li.querySelector('.pct').textContent = percent(smoothed[label]);
      bars.appendChild(li);
    });
  }
  document.body.dataset.updates = ++updates;
}

function onEvent(m) {
  const e = JSON.parse(m.data);
  if (e.type === 'genre') show(e);
}

function connect() {
  const events = new EventSource('/events' + (stream ? '?stream=' + encodeURIComponent(stream) : ''));
  ['message', 'genre'].forEach(name => events.addEventListener(name, onEvent));
  events.onerror = () => { if (events.readyState === EventSource.CLOSED) setTimeout(connect, 5000); };
}

fetch(stream ? '/api/streams/' + encodeURIComponent(stream) : '/api/now', { cache: 'no-store' }).then(r => r.json()).then(now => {
  stream = stream || now.stream || null;
  if (now.latest) show(now.latest);
}).catch(() => {}).finally(connect);
