// The teacher's screen: columns of variants, each beside its baseline, stepped together.
"use strict";

const C = Classroom;
const $ = (id) => document.getElementById(id);
// Play and the class's rounds run on the server; this screen polls the session, as
// every other screen does, so all show the same month.
const S = { id: null, token: null, view: null, columns: [], metric: "denial_effectiveness", features: null,
            stepping: false, polling: false };

const showError = C.showError;

const teacher = (method, path, body) =>
  C.api(method, `/api/sessions/${S.id}${path}`, body, { "X-Teacher-Token": S.token });

async function init() {
  const lib = await C.api("GET", "/api/scenarios");
  ["pick0", "pick1", "pick2"].forEach((id, k) => {
    const sel = $(id);
    if (k > 0) sel.add(new Option("(none)", ""));
    for (const s of lib.scenarios) sel.add(new Option(s.name, s.id));
    sel.value = lib.default[k] || (k === 0 && lib.scenarios[0] ? lib.scenarios[0].id : "");
  });
  for (const [key, words] of Object.entries(C.METRICS)) $("metric").add(new Option(words, key));
  $("metric").value = S.metric;
  S.features = await C.countries();
  const m = location.hash.match(/session=([0-9a-f]+)/);
  if (m && localStorage.getItem("regimesim-teacher-" + m[1])) {
    S.id = m[1];
    S.token = localStorage.getItem("regimesim-teacher-" + m[1]);
    try {
      render(await C.api("GET", `/api/sessions/${S.id}`));
    } catch (e) {
      S.id = null;
      showError(e);
    }
  }
}

async function start() {
  const variants = ["pick0", "pick1", "pick2"].map((id) => $(id).value).filter((v) => v);
  $("start").disabled = true;
  $("start").textContent = "Loading…";
  try {
    const s = await C.api("POST", "/api/sessions", { variants });
    S.id = s.id;
    S.token = s.teacher_token;
    localStorage.setItem("regimesim-teacher-" + s.id, s.teacher_token);
    location.hash = "session=" + s.id;
    render(s.view);
  } catch (e) {
    showError(e);
  } finally {
    $("start").disabled = false;
    $("start").textContent = "Start";
  }
}

function columnKey(view) { return view.variants.map((v) => v.label).join("|"); }

function buildColumns(view) {
  const main = $("columns");
  main.innerHTML = "";
  S.columns = [];
  const n = view.variants.length;
  const width = Math.floor((window.innerWidth - 24 * (n + 1)) / n);
  view.variants.forEach((v, k) => {
    const col = document.createElement("section");
    col.className = "column";
    col.innerHTML = `
      <h2 class="label"></h2>
      <div class="issuer"></div>
      <div class="headline"><span class="figure"></span> <span class="words"></span></div>
      <div class="chart"></div>
      <div class="map"></div>
      <div class="change">
        <select class="kind">
          <option value="join">joins</option><option value="leave">leaves</option>
          <option value="enforcement">enforcement effort</option><option value="concern">security concern</option>
          <option value="approval">licence approval</option><option value="diversion">diversion propensity</option>
          <option value="over_compliance">its exporters' over-compliance</option>
          <option value="retaliate">retaliates (licences on what it dominates)</option>
        </select>
        <select class="state"></select>
        <input class="value" type="range" min="0" max="1" step="0.05" value="0.5">
        <output class="shown">0.50</output>
        <button class="apply">Apply</button>
        <button class="branch" title="continue from this month with the change, beside the unchanged run">Branch</button>
      </div>`;
    main.appendChild(col);
    const chartWidth = Math.max(260, width - 90);
    const c = { el: col, chart: null, map: null };
    S.columns.push(c);
    // The chart and the map share what the column's fixed rows leave (their boxes flex,
    // classroom.css), so nothing scrolls on a projector of 720 lines or more: measured
    // once every column is laid out; the chart's legend, axes and axis title take about 120 pixels.
    c.embed = () => {
      const chartHeight = Math.max(70, col.querySelector(".chart").clientHeight - 122);
      const mapHeight = Math.max(70, col.querySelector(".map").clientHeight - 30);
      c.embedChart = () => vegaEmbed(col.querySelector(".chart"),
        C.chartSpec(chartWidth, chartHeight, v.steps, S.metric), C.EMBED)
        .then((r) => { c.chart = r.view; updateColumn(k); });
      c.embedChart();
      vegaEmbed(col.querySelector(".map"), C.mapSpec(width - 30, mapHeight, S.features), C.EMBED)
        .then((r) => { c.map = r.view; updateColumn(k); });
    };
    const states = col.querySelector(".state");
    for (const s of v.states.slice().sort((a, b) => a.name.localeCompare(b.name))) states.add(new Option(s.name, s.code));
    states.value = "JPN";
    if (!states.value) states.selectedIndex = 0;
    const kind = col.querySelector(".kind"), slider = col.querySelector(".value"), shown = col.querySelector(".shown");
    const sync = () => {
      const k2 = kind.value;
      states.hidden = k2 === "approval" || k2 === "diversion";
      slider.hidden = shown.hidden = k2 === "join" || k2 === "leave";
      if (k2 === "retaliate") slider.value = 0.5;  // the share of its licences granted
      if (k2 === "approval" && v.controls[0]) slider.value = v.controls[0].approval;
      if (k2 === "diversion") slider.value = S.view.variants[k] ? S.view.variants[k].diversion : 0;
      shown.textContent = Number(slider.value).toFixed(2);
    };
    kind.addEventListener("change", sync);
    slider.addEventListener("input", () => (shown.textContent = Number(slider.value).toFixed(2)));
    slider.addEventListener("change", () => change(k, false));
    col.querySelector(".apply").addEventListener("click", () => change(k, false));
    col.querySelector(".branch").addEventListener("click", () => change(k, true));
    sync();
  });
  for (const c of S.columns) c.embed();
}

function changeOf(k) {
  const col = S.columns[k].el;
  const kind = col.querySelector(".kind").value;
  const body = { kind };
  if (kind !== "approval" && kind !== "diversion") body.state = col.querySelector(".state").value;
  if (kind !== "join" && kind !== "leave") body.value = Number(col.querySelector(".value").value);
  return body;
}

async function change(k, asBranch) {
  try {
    const c = changeOf(k);
    render(asBranch ? await teacher("POST", `/variants/${k}/branch`, { change: c })
                    : await teacher("POST", `/variants/${k}/change`, c));
  } catch (e) {
    showError(e);
  }
}

function updateColumn(k) {
  const v = S.view && S.view.variants[k], c = S.columns[k];
  if (!v || !c) return;
  const el = c.el;
  el.querySelector(".label").textContent = v.label;
  el.querySelector(".issuer").textContent = v.controls.map((x) => `${x.issuer}: ${x.members.join(" ")}`).join(" · ") || "no control";
  const series = v.series[S.metric] || [];
  const last = series[series.length - 1];
  el.querySelector(".figure").textContent = last ? C.formatValue(S.metric, last[1]) : "–";
  // With a counter-control in the run there is no world figure of what the controls aim
  // at (docs/METRICS.md): the column reads its first control's, and says so.
  const group = (v.series_group || {})[S.metric];
  el.querySelector(".words").textContent = C.METRICS[S.metric] +
    (group && group !== "WORLD" ? ` (${group.slice("control:".length)} alone: read apart from its counter-control)` : "");
  if (c.chart) c.chart.data("series", C.seriesValues(v, S.metric)).runAsync();
  if (c.map) {
    const m = C.mapValues(v, S.features);
    c.map.data("states", m.states).data("flows", m.flows).runAsync();
  }
}

function render(view) {
  S.view = view;
  $("setup").hidden = true;
  $("transport").hidden = false;
  if (columnKey(view) !== S.columnKey) {
    S.columnKey = columnKey(view);
    buildColumns(view);
  }
  view.variants.forEach((_, k) => updateColumn(k));
  const v0 = view.variants[0];
  $("month").textContent = `${v0.month} of ${v0.steps} months run`;
  $("play").textContent = view.playing ? "Pause" : "Play";
  $("play").classList.toggle("playing", !!view.playing);
  const log = $("log");
  const events = [];
  view.variants.forEach((v) => v.events.forEach((e, i) => events.push({ e, v: v.label, i })));
  const byMonth = (s) => Number((s.match(/^month (\d+)/) || [0, 0])[1]);
  events.sort((a, b) => byMonth(b.e) - byMonth(a.e) || b.i - a.i);
  log.innerHTML = events.slice(0, 40).map((x) =>
    `<li><b>${C.escapeHtml(view.variants.length > 1 ? x.v + ":" : "")}</b> ${C.escapeHtml(x.e)}</li>`).join("");
  renderClass(view);
}

async function step() {
  if (S.stepping) return;
  S.stepping = true;
  try {
    render(await teacher("POST", "/step", {}));
  } catch (e) {
    showError(e);
  } finally {
    S.stepping = false;
  }
}

// Play asks the server to step at the chosen speed; Pause asks it to stop.
async function play() {
  try {
    render(S.view.playing ? await teacher("POST", "/pause", {})
                          : await teacher("POST", "/play", { interval_ms: Number($("speed").value) }));
  } catch (e) {
    showError(e);
  }
}

// --- role play ---
function renderClass(view) {
  const cl = view.class;
  $("class-box").hidden = !cl;
  $("open-class").hidden = !!cl;
  if (!cl) return;
  $("class-code").textContent = cl.code;
  $("round").textContent = `round ${cl.round}: ${cl.teams.filter((t) => t.decided).length} of ${cl.teams.filter((t) => t.joined).length} teams decided`;
  $("teams").tBodies[0].innerHTML = cl.teams.map((t) =>
    `<tr class="${t.decided ? "decided" : ""}"><td>${C.escapeHtml(t.name)}${t.role === "firms" ? " <small>(firms)</small>" : ""}</td>` +
    `<td>${t.joined ? "yes" : "waiting"}</td>` +
    `<td>${t.decided ? C.escapeHtml(t.decision) : t.joined ? "deciding…" : ""}</td></tr>`).join("");
  $("debrief-csv").href = `/api/sessions/${S.id}/debrief.csv`;
  showDebrief(cl.debrief);
  // A round the server advanced may have skipped a decision: say so once, in red.
  if (S.skippedRound !== cl.round) {
    S.skippedRound = cl.round;
    if (cl.skipped.length) showError("Not applied: " + cl.skipped.join("; "));
  }
  $("auto-advance").checked = cl.auto_advance;
  $("timer").textContent = cl.round_left_s >= 0 ? `${cl.round_left_s} s left` : "";
}

async function advance() {
  if (S.advancing) return;
  S.advancing = true;
  try {
    render((await teacher("POST", "/class/advance", {})).view);  // the view names what was skipped
  } catch (e) {
    showError(e);
  } finally {
    S.advancing = false;
  }
}

// The server steps while playing, and teams' decisions arrive: the screen polls the
// session, often while it plays or a class runs.
async function poll() {
  const v = S.view;
  const due = v && (v.playing || v.class) ? (v.playing ? 300 : 1000) : 3000;
  setTimeout(poll, due);
  if (!S.id || !v || S.polling) return;
  S.polling = true;
  try { render(await C.api("GET", `/api/sessions/${S.id}`)); } catch (e) { /* the next poll tries again */ }
  S.polling = false;
}
setTimeout(poll, 1000);

// --- debrief: the decisions, their effects against the run without them, exports ---
const signed = (metric, x) => (x === null || x === undefined ? "–" : (x > 0 ? "+" : "") + C.formatValue(metric, x));
// Each figure, and in brackets that decision's effect once measured (GET /debrief).
function showDebrief(rows) {
  const cell = (metric, value, effect) =>
    `<td>${C.formatValue(metric, value)} <small>(${signed(metric, effect)})</small></td>`;
  $("debrief").tBodies[0].innerHTML = rows.map((r) =>
    `<tr><td>${r.round}</td><td>${r.month}</td><td>${r.state}</td><td>${C.escapeHtml(r.decision)}</td>` +
    cell("denial_effectiveness", r.denial_effectiveness, r.denial_effectiveness_effect) +
    cell("controller_revenue_loss", r.controller_revenue_loss, r.controller_revenue_loss_effect) +
    cell("output_loss", r.own_output_loss, r.own_output_loss_effect) + "</tr>").join("");
}
async function openDebrief() {
  $("debrief-dialog").showModal();
  $("debrief-status").textContent = "Measuring each decision against the session replayed without it…";
  try {
    const d = await C.api("GET", `/api/sessions/${S.id}/debrief`);
    showDebrief(d.debrief);
    $("debrief-status").textContent = d.debrief.length
      ? `Effects at month ${d.debrief[0].effect_month}.` : "No decision yet: the debrief fills as rounds advance.";
  } catch (e) {
    $("debrief-status").textContent = "";
    showError(e);
  }
  // The class's column's chart, printed beside the table.
  const c = S.columns[S.view.class.variant];
  $("debrief-chart").innerHTML = c && c.chart
    ? `<p class="note">${C.escapeHtml(S.view.variants[S.view.class.variant].label)}: ${C.escapeHtml(C.METRICS[S.metric])}</p>` +
      (await c.chart.toSVG())
    : "";
}

function download(name, href) {
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
async function exportCharts(format) {
  for (const [k, c] of S.columns.entries()) {
    if (!c.chart) continue;
    const name = `column${k + 1}-${S.metric}.${format}`;
    if (format === "svg") download(name, URL.createObjectURL(new Blob([await c.chart.toSVG()], { type: "image/svg+xml" })));
    else download(name, await c.chart.toImageURL("png", 2));
  }
}

$("start").addEventListener("click", start);
$("step").addEventListener("click", step);
$("play").addEventListener("click", play);
$("speed").addEventListener("change", async () => {
  if (!S.view || !S.view.playing) return;
  try { render(await teacher("POST", "/play", { interval_ms: Number($("speed").value) })); } catch (e) { showError(e); }
});
$("reset").addEventListener("click", async () => {
  try { render(await teacher("POST", "/reset", {})); } catch (e) { showError(e); }
});
$("metric").addEventListener("change", () => {
  S.metric = $("metric").value;
  for (const c of S.columns) {  // a share and a volume take different axes
    c.chart = null;
    c.embedChart();
  }
  S.view.variants.forEach((_, k) => updateColumn(k));
});
$("open-class").addEventListener("click", () => {
  $("join-url").textContent = location.origin + "/team";
  const sel = $("class-variant");
  sel.innerHTML = "";
  S.view.variants.forEach((v, k) => sel.add(new Option(v.label, k)));
  sel.value = S.view.variants.length > 1 ? 1 : 0;
  $("class-dialog").showModal();
});
$("class-go").addEventListener("click", async () => {
  try {
    render(await teacher("POST", "/class", {
      variant: Number($("class-variant").value),
      teams: $("class-states").value.trim().toUpperCase().split(/[\s,]+/).filter((c) => c),
      firm_teams: firmTeams($("class-firms").value),
      round_seconds: Number($("class-seconds").value),
      auto_advance: $("auto-advance").checked,
    }));
  } catch (e) {
    showError(e);
  }
});
// "NLD:equipment KOR:cat=wassenaar:3B" -> [{state: "NLD", items: ["equipment"]},
// {state: "KOR", category: "wassenaar:3B"}]: the state is up to the first colon.
function firmTeams(text) {
  return text.trim().split(/\s+/).filter((w) => w).map((w) => {
    const at = w.includes(":") ? w.indexOf(":") : w.length;
    const state = w.slice(0, at), what = w.slice(at + 1);
    return what.startsWith("cat=") ? { state: state.toUpperCase(), category: what.slice(4) }
                                   : { state: state.toUpperCase(), items: what.split(",").filter((i) => i) };
  });
}
$("advance").addEventListener("click", advance);
// A projector's size differs from the laptop's the page was opened on: lay the columns
// out again for the new size.
let resizing = null;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => { if (S.view) { S.columnKey = null; render(S.view); } }, 300);
});
$("auto-advance").addEventListener("change", async () => {
  try { render(await teacher("POST", "/class/settings", { auto_advance: $("auto-advance").checked })); } catch (e) { showError(e); }
});
$("debrief-open").addEventListener("click", openDebrief);
$("debrief-svg").addEventListener("click", () => exportCharts("svg"));
$("debrief-png").addEventListener("click", () => exportCharts("png"));
$("debrief-print").addEventListener("click", () => window.print());
init().catch(showError);
