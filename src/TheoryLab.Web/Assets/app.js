// The explorer's pages. Every request goes to this server, which holds the token in a cookie since the first load.
const $ = id => document.getElementById(id);

async function api(path, init) {
  const response = await fetch(path, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `${response.status}`);
  return body;
}

// Pages.
for (const button of document.querySelectorAll('nav button')) {
  button.addEventListener('click', () => show(button.dataset.page));
}
function show(page) {
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('current', b.dataset.page === page);
  for (const s of document.querySelectorAll('.page')) s.classList.toggle('current', s.id === page);
  if (page === 'runs') loadRuns();
  if (page === 'report') loadReport();
}

// A slider's value beside it.
for (const output of document.querySelectorAll('output')) {
  const input = $(output.htmlFor.value);
  const update = () => { output.textContent = input.value; };
  input.addEventListener('input', update);
  update();
}

// Live figures: each redraws on input; an answer that a later request has overtaken is dropped.
function live(inputs, draw) {
  let latest = 0;
  const run = async () => {
    const mine = ++latest;
    try {
      const data = await draw.fetch();
      if (mine === latest) draw.render(data);
    } catch (e) {
      if (mine === latest) draw.fail(e);
    }
  };
  for (const id of inputs) $(id).addEventListener('input', run);
  return run;
}

const phase = live(['activation', 'sigma-b2-max', 'sigma-w2-max', 'phase-grid'], {
  fetch: () => api(`/api/phase-diagram?activation=${$('activation').value}&sigma_b2_max=${$('sigma-b2-max').value}` +
    `&sigma_w2_max=${$('sigma-w2-max').value}&phase_grid=${$('phase-grid').value}`),
  render: d => {
    const canvas = $('phase');
    Plot.heatmap(canvas, d.sigmaW2, d.sigmaB2, d.chi1, { x: d.critical.sigmaW2, y: d.critical.sigmaB2 }, 'σ_w²', 'σ_b²');
    const top = d.critical.sigmaW2[d.critical.sigmaW2.length - 1];
    canvas.dataset.sigmaB2Max = d.sigmaB2[d.sigmaB2.length - 1];
    canvas.dataset.criticalAtTop = top ?? 'none';
    $('phase-status').textContent = `${d.activation}: ${d.sigmaB2.length} × ${d.sigmaW2.length} cells and the critical line computed in ` +
      `${d.milliseconds.toFixed(1)} ms; at σ_b² = ${canvas.dataset.sigmaB2Max} the edge of chaos is at σ_w² = ${top === null ? 'none in range' : top.toFixed(3)}.`;
  },
  fail: e => { $('phase-status').textContent = e.message; },
});

const depth = live(['activation', 'sigma-b2', 'sigma-w2-max'], {
  fetch: () => api(`/api/depth-scales?activation=${$('activation').value}&sigma_b2=${$('sigma-b2').value}&sigma_w2_max=${$('sigma-w2-max').value}&sweep_points=120`),
  render: d => {
    Plot.lines($('depth'), [{ x: d.sigmaW2, y: d.xiC, colour: '#2166ac' }], 'σ_w²', 'ξ_c (layers)', 60, d.critical === null ? [] : [d.critical]);
    $('depth').dataset.sigmaB2 = d.sigmaB2;
  },
  fail: e => { $('depth').getContext('2d').fillText(e.message, 60, 30); },
});

const sawtooth = live(['sawtooth-depth'], {
  fetch: () => api(`/api/sawtooth?depth=${$('sawtooth-depth').value}`),
  render: d => {
    Plot.lines($('sawtooth'), [{ x: d.x, y: d.y, colour: '#b2182b' }], 'x', `Δ^${d.depth}(x)`, 1);
    $('sawtooth-status').textContent = `${d.pieces} linear pieces from ${d.depth} hidden layers of 2 ReLU units.`;
  },
  fail: e => { $('sawtooth-status').textContent = e.message; },
});

// A log₁₀ slider's value as the number it stands for, to 4 significant digits (1e-5, not 0.000009999999999999999).
const power10 = id => Number((10 ** Number($(id).value)).toPrecision(4)).toString();
const short = v => v === null ? 'none' : Number(v.toPrecision(3)).toString();

const jacobian = live(['jacobian-activation', 'jacobian-weights', 'jacobian-depth', 'jacobian-sigma-w2', 'jacobian-sigma-b2'], {
  fetch: () => api(`/api/jacobian-spectrum?activation=${$('jacobian-activation').value}&weights=${$('jacobian-weights').value}` +
    `&depth=${2 ** Number($('jacobian-depth').value)}&sigma_w2=${$('jacobian-sigma-w2').value}&sigma_b2=${encodeURIComponent(power10('jacobian-sigma-b2'))}`),
  render: d => {
    Plot.lines($('jacobian-moments'), [
      { x: d.depths, y: d.variance, colour: '#0072B2' },
      { x: d.depths, y: d.otherVariance, colour: '#D55E00', dashed: true },
    ], 'depth L', 'variance of λ', undefined, [], { xLog: true, yLog: true });
    const density = $('jacobian-density');
    const depth = d.depths[d.depths.length - 1];
    density.dataset.depth = depth;
    // A point mass has no density: an empty frame around it, with its one singular value marked.
    if (d.isPointMass) Plot.lines(density, [{ x: [0, 2 * d.sigmaMax], y: [0, 0], colour: 'transparent' }], 'singular value σ of J', 'density', 1, [d.sigmaMax]);
    else Plot.lines(density, [{ x: d.density.sigma, y: d.density.density, colour: '#0072B2' }], 'singular value σ of J', 'density', undefined, [d.sigmaMax]);
    const last = d.variance.length - 1;
    $('jacobian-status').textContent = `${d.activation}, ${d.weights} weights, L = ${depth}, σ_w² = ${short(d.sigmaW2)}${d.atEdgeOfChaos ? ' (the edge of chaos)' : ''}, ` +
      `σ_b² = ${short(d.sigmaB2)}: q* = ${short(d.qStar)}, χ₁ = ${short(d.chi1)}; mean λ = χ₁^L = ${short(d.mean[last])}, variance ${short(d.variance[last])} ` +
      `(${d.otherWeights}: ${short(d.otherVariance[last])}), largest singular value ${short(d.sigmaMax)}` +
      (d.isPointMass ? ', every singular value equal (a point mass)' : '') + (d.zeroFraction > 0 ? `, a fraction ${short(d.zeroFraction)} of them 0` : '') +
      `; computed in ${d.milliseconds.toFixed(1)} ms.`;
  },
  fail: e => { $('jacobian-status').textContent = e.message; },
});

const yarotsky = live(['yarotsky-m'], {
  fetch: () => api(`/api/yarotsky-square?m=${$('yarotsky-m').value}`),
  render: d => {
    // x² on a grid finer than f_m's knots, so that it shows as the curve f_m interpolates.
    const xs = Array.from({ length: 257 }, (_, i) => i / 256);
    Plot.lines($('yarotsky'), [{ x: xs, y: xs.map(x => x * x), colour: '#2166ac' }, { x: d.x, y: d.f, colour: '#b2182b' }], 'x', `f_${d.m}(x) and x²`, 1);
    const ms = d.maxError.map((_, k) => k + 1);
    Plot.lines($('yarotsky-error'), [{ x: ms, y: d.theory, colour: '#444' }, { x: ms, y: d.maxError, colour: '#b2182b', markers: true }],
      'm', 'sup |f_m − x²|', undefined, [], { yLog: true });
    $('yarotsky').dataset.m = d.m;
    $('yarotsky-status').textContent = `f_${d.m}: ${d.pieces} linear pieces from ${d.m} hidden layers of 3 ReLU units; sup |f_${d.m} − x²| = ` +
      `${d.maxError[d.m - 1].toExponential(4)} on its pieces, theory 2^(−${2 * d.m + 2}) = ${d.theory[d.m - 1].toExponential(4)}; computed in ${d.milliseconds.toFixed(1)} ms.`;
  },
  fail: e => { $('yarotsky-status').textContent = e.message; },
});

// ρ near 1 (large κ) reads as 1 − something, which four digits of ρ itself would round away.
const rate = r => 1 - r < 1e-3 ? `1 − ${(1 - r).toExponential(2)}` : r.toPrecision(4);
const methodColours = { gd: '#0072B2', heavy_ball: '#D55E00', nesterov: '#009E73' };
const momentum = live(['momentum-kappa', 'momentum-tolerance'], {
  fetch: () => api(`/api/momentum-rates?condition_numbers=${encodeURIComponent(power10('momentum-kappa'))}&tolerance=${encodeURIComponent(power10('momentum-tolerance'))}`),
  render: d => {
    const at = d.at[0];
    Plot.lines($('momentum'), d.methods.map(m => ({ x: d.kappa, y: m.iterations, colour: methodColours[m.key] })),
      'condition number κ', 'iterations to ε', undefined, [Math.log10(at.kappa)], { xLog: true, yLog: true });
    $('momentum').dataset.kappa = at.kappa;
    $('momentum-status').textContent = `At κ = ${short(at.kappa)}, ε = ${d.tolerance.toExponential(0)}: ` + at.methods.map(m =>
      `${d.methods.find(n => n.key === m.key).label} ρ = ${rate(m.rate)}, ${Math.ceil(m.iterations)} iterations`).join('; ') + '.';
  },
  fail: e => { $('momentum-status').textContent = e.message; },
});

// Experiments: the form comes from the options' schema; the server checks it with the same schema as the CLI.
let experiments = [];
function current() { return experiments.find(e => e.id === $('experiment').value); }

function renderForm() {
  const e = current(), quick = $('quick').checked;
  $('experiment-summary').textContent = e.summary;
  $('experiment-papers').textContent = 'Papers: ' + e.papers.join(', ');
  const body = $('options').tBodies[0];
  body.replaceChildren(...e.options.map(o => {
    const row = document.createElement('tr');
    const input = o.choices ? document.createElement('select') : document.createElement('input');
    if (o.choices) input.append(...o.choices.map(c => new Option(c, c)));
    input.name = o.name;
    input.value = quick ? o.quick : o.default;
    input.dataset.baseline = input.value;
    const cells = [o.name, input, o.range + (o.unit ? ` (${o.unit})` : ''), o.default, o.quick, `${o.type}: ${o.meaning}`];
    row.append(...cells.map(c => { const td = document.createElement('td'); td.append(c); return td; }));
    return row;
  }));
}

// The options a sweep can vary: those of one value (a grid varies single values; lists are held with --set).
function renderSweepOptions() {
  const e = current();
  $('sweep-option').replaceChildren(...e.options.filter(o => !o.type.startsWith('list')).map(o => new Option(o.name, o.name)));
}

$('experiment').addEventListener('change', renderSweepOptions);
$('experiment').addEventListener('change', renderForm);
$('quick').addEventListener('change', renderForm);

$('launch-form').addEventListener('submit', async event => {
  event.preventDefault();
  $('launch-error').textContent = '';
  // The last run's progress and findings go at once, so nothing on the page is mistaken for this run's.
  $('progress').textContent = '';
  showFindings([], []);
  $('run-figures').replaceChildren();
  $('run-add-to-report').hidden = true;
  $('run-report-status').textContent = '';
  const options = changedOptions();
  try {
    const launch = await api('/api/launches', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ experiment: current().id, quick: $('quick').checked, seed: Number($('seed').value), options }),
    });
    follow(launch);
  } catch (e) {
    $('launch-error').textContent = e.message;
  }
});

// The options changed from the form's starting point (Quick or default values): all a launch sends.
function changedOptions() {
  const options = {};
  for (const input of $('options').querySelectorAll('input, select'))
    if (input.value !== input.dataset.baseline) options[input.name] = input.value;
  return options;
}

$('sweep-form').addEventListener('submit', async event => {
  event.preventDefault();
  $('sweep-error').textContent = '';
  $('progress').textContent = '';
  showFindings([], []);
  $('run-figures').replaceChildren();
  $('run-add-to-report').hidden = true;
  $('run-report-status').textContent = '';
  const swept = $('sweep-option').value;
  const options = changedOptions();
  delete options[swept];
  try {
    const launch = await api('/api/sweeps', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ experiment: current().id, quick: $('quick').checked, seeds: Number($('sweep-seeds').value),
        grid: { [swept]: $('sweep-values').value }, options, parallel: Number($('sweep-parallel').value) }),
    });
    follow(launch, async done => {
      const sweep = await api(`/api/sweeps/show?sweep=${encodeURIComponent(done.directory)}`);
      const seeds = (mean, error, measured) => mean === null ? 'no measured seed'
        : `${Number(mean.toPrecision(6))}${error === null ? '' : ` ± ${Number(error.toPrecision(2))}`} (${measured} seed${measured === 1 ? '' : 's'})`;
      showFindings(['finding', 'grid point', 'mean over seeds ± one standard error'],
        sweep.findings.flatMap(f => f.points.map(p => [f.name, p.point, seeds(p.mean, p.standardError, p.measured)])));
      showFigures(sweep.figures);
      const add = $('run-add-to-report');
      add.hidden = false;
      add.onclick = () => addToReport({ sweep: done.directory }, $('run-report-status'));
    }, `${launch.runs} runs, ${launch.missing} to run`);
  } catch (e) {
    $('sweep-error').textContent = e.message;
  }
});

function follow(launch, completed = showLaunchedRun, what = '') {
  $('progress').textContent = `started ${launch.directory}${what ? ` (${what})` : ''}\n`;
  const cancel = $('cancel');
  cancel.hidden = false;
  cancel.disabled = false;
  cancel.onclick = async () => {
    cancel.disabled = true;
    try { await api(`/api/launches/${launch.id}/cancel`, { method: 'POST' }); }
    catch (e) { $('launch-error').textContent = e.message; }
  };
  const events = new EventSource(`/api/launches/${launch.id}/events`);
  events.addEventListener('progress', e => { $('progress').textContent += e.data + '\n'; });
  events.addEventListener('done', async e => {
    events.close();
    cancel.hidden = true;
    const done = JSON.parse(e.data);
    $('progress').textContent += done.status === 'completed' ? 'completed.\n' : `${done.status}: ${done.error}\n`;
    if (done.status === 'completed') completed(done);
  });
}

async function showLaunchedRun(done) {
  showRun(await api(`/api/runs/show?run=${encodeURIComponent(done.directory)}`));
  const add = $('run-add-to-report');
  add.hidden = false;
  add.onclick = () => addToReport({ run: done.directory }, $('run-report-status'));
}

function showRun(run) {
  showFindings(['finding', 'value', 'meaning'], run.findings.map(f => [f.name, f.value ?? '', f.meaning]));
  showFigures(run.figures);
}

// The findings table under its heading, with these columns; with no rows, neither is shown.
function showFindings(columns, rows) {
  const table = $('findings');
  table.tHead.rows[0].replaceChildren(...columns.map(c => { const th = document.createElement('th'); th.textContent = c; return th; }));
  table.tBodies[0].replaceChildren(...rows.map(row));
  table.hidden = rows.length === 0;
  $('findings-heading').hidden = rows.length === 0;
}

function showFigures(figures) {
  $('run-figures').replaceChildren(...figures.map(path => {
    const image = document.createElement('img');
    image.src = `/api/file?path=${encodeURIComponent(path)}`;
    image.alt = path;
    return image;
  }));
}

function row(cells) {
  const tr = document.createElement('tr');
  tr.append(...cells.map(c => { const td = document.createElement('td'); td.append(c); return td; }));
  return tr;
}

// Runs: the index, filtered as 'theorylab runs list --where' filters it.
let runs = [], runsAsked = 0;
async function loadRuns() {
  $('runs-error').textContent = '';
  // An answer overtaken by a later request is dropped, and the ticks survive a reload.
  const mine = ++runsAsked;
  const ticked = new Set([...$('runs-table').querySelectorAll('input:checked')].map(t => t.value));
  let answer;
  try {
    answer = await api(`/api/runs?experiment=${encodeURIComponent($('runs-experiment').value)}&where=${encodeURIComponent($('runs-where').value)}`);
  } catch (e) {
    if (mine === runsAsked) $('runs-error').textContent = e.message;
    return;
  }
  if (mine !== runsAsked) return;
  runs = answer;
  $('runs-table').tBodies[0].replaceChildren(...runs.map(r => {
    const tick = document.createElement('input');
    tick.type = 'checkbox';
    tick.value = r.directory;
    tick.checked = ticked.has(r.directory);
    const findings = r.findings.map(f => `${f.name} = ${f.value ?? f.outcome}`).join('; ');
    const report = document.createElement('span');
    if (r.status === 'completed') {
      const add = document.createElement('button');
      add.textContent = 'Add to report';
      add.className = 'add-to-report';
      add.onclick = () => addToReport({ run: r.directory }, report);
      report.append(add);
    }
    return row([tick, r.experiment, r.runId, String(r.seed), r.status, r.started.slice(0, 19).replace('T', ' '), r.options.join(' '), findings, report]);
  }));
  for (const select of [$('compare-a'), $('compare-b')]) {
    const kept = select.value;
    select.replaceChildren(...runs.map(r => new Option(`${r.experiment} ${r.runId}`, r.directory)));
    if (kept) select.value = kept;
  }
}
$('runs-filter').addEventListener('click', loadRuns);
$('runs-compare').addEventListener('click', () => {
  const ticked = [...$('runs-table').querySelectorAll('input:checked')].map(t => t.value);
  if (ticked.length !== 2) { $('runs-error').textContent = `tick exactly two runs to compare (${ticked.length} ticked).`; return; }
  $('compare-a').value = ticked[0];
  $('compare-b').value = ticked[1];
  show('compare');
  compare();
});

$('runs-overlay').addEventListener('click', () => {
  const ticked = [...$('runs-table').querySelectorAll('input:checked')].map(t => t.value);
  show('compare');
  // The table above the curves compares the first two ticked runs, so it never shows runs other than those overlaid.
  if (ticked.length >= 2) {
    $('compare-a').value = ticked[0];
    $('compare-b').value = ticked[1];
    compareTable();
  }
  overlay(ticked);
});

// One colour per run (Okabe and Ito's palette, told apart by colour-blind readers too).
const runColours = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

async function overlay(directories) {
  $('overlay-error').textContent = '';
  $('overlay').replaceChildren();
  let o;
  try { o = await api('/api/runs/overlay?' + directories.map(d => `run=${encodeURIComponent(d)}`).join('&')); }
  catch (e) { $('overlay-error').textContent = e.message; return; }
  // One key for every figure, since each run keeps its colour throughout.
  $('overlay-summary').replaceChildren(`${o.runs.length} runs of ${o.experiment}: `, ...o.labels.map((label, i) => {
    const key = document.createElement('span');
    key.className = 'run-key';
    key.style.borderColor = runColours[i % runColours.length];
    key.textContent = `${label} (${o.runs[i]})`;
    return key;
  }));
  $('overlay').replaceChildren(...o.figures.map(f => {
    const figure = document.createElement('figure');
    const canvas = document.createElement('canvas');
    canvas.width = 460; canvas.height = 340;
    canvas.dataset.figure = f.name;
    canvas.dataset.runs = new Set(f.series.map(s => s.run)).size;
    const caption = document.createElement('figcaption');
    // Within a run, the figure's own series keep their styles: a solid or dashed line, or dots.
    const styles = [...new Map(f.series.map(s => [s.label, s.kind === 'line' ? (s.dashed ? 'dashed' : 'solid') : 'dots'])).entries()];
    caption.textContent = `${f.name}: ` + styles.map(([label, style]) => `${label} (${style})`).join(', ') +
      (f.left.length ? `. Not overlaid: ${f.left.join('; ')}.` : '');
    figure.append(canvas, caption);
    if (f.series.length > 0) {
      Plot.lines(canvas, f.series.map(s => ({ x: s.x, y: s.y, colour: runColours[s.run % runColours.length], dashed: s.dashed, markers: s.kind !== 'line' })),
        f.x.label, f.y.label, undefined, [], { xLog: f.x.log, yLog: f.y.log });
    }
    return figure;
  }));
}

async function compare() {
  if (!await compareTable()) return;
  const [a, b] = [$('compare-a').value, $('compare-b').value];
  if (a !== b) { overlay([a, b]); return; }
  // One run drawn over itself would look like two runs that agree.
  $('overlay').replaceChildren();
  $('overlay-summary').textContent = 'A and B are the same run: nothing to overlay.';
}

// The options and findings of runs A and B side by side; false where they could not be compared.
async function compareTable() {
  $('compare-error').textContent = '';
  const [a, b] = [$('compare-a').value, $('compare-b').value];
  try {
    const c = await api(`/api/runs/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
    const rows = [...c.options.map(o => ['option', o]), ...c.findings.map(f => ['finding', f])];
    $('comparison').tBodies[0].replaceChildren(...rows.map(([kind, v]) => {
      const tr = row([v.differs ? '*' : '', `${kind} ${v.name}`, v.a ?? '-', v.b ?? '-']);
      tr.classList.toggle('differs', v.differs);
      return tr;
    }));
    $('comparison').hidden = false;
    const differing = rows.filter(([, v]) => v.differs).length;
    $('compare-summary').textContent = a === b ? 'A and B are the same run: every option and finding agrees.'
      : differing === 0 ? 'The two runs agree in every option and finding.' : `${differing} differences, highlighted.`;
    return true;
  } catch (e) {
    $('compare-error').textContent = e.message;
    return false;
  }
}
$('compare-go').addEventListener('click', compare);

// The report: 'report new', 'add', 'build' and 'check' on the server's report directory, and the PDF it builds.
// What: { run: directory } or { sweep: directory }, as 'report add' takes either.
async function addToReport(what, status) {
  status.textContent = 'adding…';
  status.classList.remove('error');
  try {
    const added = await api('/api/report/add', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(what),
    });
    status.textContent = added.map(r => `${r.refreshed ? 'refreshed' : 'added'} as ${r.prefix}: ${r.figures.length} figure(s)`).join('; ');
  } catch (e) {
    status.textContent = e.message;
    status.classList.add('error');
  }
}

async function loadReport() {
  $('report-error').textContent = '';
  let report;
  try { report = await api('/api/report'); }
  catch (e) { $('report-error').textContent = e.message; return; }
  $('report-where').textContent = `Report directory: ${report.directory}`;
  $('report-new').hidden = report.exists;
  $('report-open').hidden = !report.exists;
  if (!report.exists) return;
  $('report-heading').textContent = `“${report.title}” by ${report.author.replaceAll('\n', ', ')}: ${report.runs.length} run(s).`;
  $('report-figures').tBodies[0].replaceChildren(...report.runs.flatMap(r => r.figures.map(f => {
    let preview = '';
    if (f.preview) {
      preview = document.createElement('img');
      preview.src = `/api/file?path=${encodeURIComponent(f.preview)}`;
      preview.alt = f.name;
    }
    const input = document.createElement('code');
    input.textContent = f.inputLine;
    return row([preview, `${r.experiment} ${r.runId}`, f.label, input, f.width]);
  })));
  const frame = $('report-pdf');
  frame.hidden = report.pdf === null;
  // The modification time in the address makes the frame load a rebuilt PDF rather than keep the old one.
  if (report.pdf) {
    const source = `/api/report/file?path=${report.pdf.path}&built=${encodeURIComponent(report.pdf.modified)}`;
    if (frame.getAttribute('src') !== source) frame.src = source;
  }
}

$('report-new').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await api('/api/report', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: $('report-title').value, author: $('report-author').value }),
    });
  } catch (e) { $('report-where').textContent = e.message; return; }
  loadReport();
});

function showBuild(build) {
  const state = $('report-build-state');
  state.dataset.state = build.state;
  state.textContent = build.state === 'idle' ? '' : `${build.state}${build.state === 'building' ? '…' : ''} (${build.seconds.toFixed(1)} s)`;
  $('report-build').disabled = build.state === 'building';
  const messages = [...build.errors.map(m => ['error', m]), ...build.warnings.map(m => ['warning', m])];
  $('report-messages').replaceChildren(...messages.map(([kind, m]) => {
    const li = document.createElement('li');
    li.className = kind;
    li.textContent = `${kind}: ${m}`;
    return li;
  }));
}

// A build takes LaTeX seconds to minutes: its state is polled each second until it ends.
$('report-build').addEventListener('click', async () => {
  $('report-error').textContent = '';
  try {
    let build = await api('/api/report/build', { method: 'POST' });
    showBuild(build);
    while (build.state === 'building') {
      await new Promise(resolve => setTimeout(resolve, 1000));
      build = await api('/api/report/build');
      showBuild(build);
    }
    loadReport();
  } catch (e) { $('report-error').textContent = e.message; }
});

$('report-check').addEventListener('click', async () => {
  $('report-error').textContent = '';
  try {
    const check = await api('/api/report/check');
    const verdict = r => r.status === 'passed' ? 'pass' : r.status === 'failed' ? (r.severity === 'hard' ? 'FAIL' : 'advice') : 'not checked';
    $('report-rules').tBodies[0].replaceChildren(...check.results.map(r => {
      const tr = row([r.rule, verdict(r), r.severity, r.where, r.message, r.howToFix]);
      tr.className = r.status;
      return tr;
    }));
    $('report-check-summary').textContent = (check.hasHardFailures ? 'The report breaks a hard rule.' : 'Every hard rule holds.') +
      (check.pdfPath ? '' : ' No PDF yet: the page rules are not checked until it is built.');
  } catch (e) { $('report-error').textContent = e.message; }
});

// Start: the activation choices and the experiments come from the server.
(async () => {
  experiments = (await api('/api/experiments')).flatMap(l => l.experiments.map(e => ({ ...e, lecture: l.lecture })));
  const byLecture = Object.groupBy(experiments, e => e.lecture);
  for (const [lecture, list] of Object.entries(byLecture)) {
    const group = document.createElement('optgroup');
    group.label = lecture;
    group.append(...list.map(e => new Option(`${e.id}: ${e.title}`, e.id)));
    $('experiment').append(group);
  }
  renderForm();
  renderSweepOptions();
  const activation = experiments.find(e => e.id === 'edge-of-chaos').options.find(o => o.name === 'activation');
  $('activation').append(...activation.choices.map(c => new Option(c, c)));
  $('activation').value = activation.default;
  const spectrumOptions = experiments.find(e => e.id === 'jacobian-spectrum').options;
  for (const [select, name] of [['jacobian-activation', 'activation'], ['jacobian-weights', 'weights']]) {
    const option = spectrumOptions.find(o => o.name === name);
    $(select).append(...option.choices.map(c => new Option(c, c)));
    $(select).value = option.default;
  }
  phase();
  depth();
  sawtooth();
  jacobian();
  yarotsky();
  momentum();
  loadRuns();
})();
