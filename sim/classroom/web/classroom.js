// What the teacher's and the teams' pages share: the API, the world map and the charts.
"use strict";

const Classroom = (() => {
  async function api(method, path, body, headers = {}) {
    const opts = { method, headers: { ...headers } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const res = await fetch(path, opts);
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
    if (!res.ok) {
      const err = new Error((data && data.error) || res.statusText);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  // Where each state of the default world sits: its ISO 3166 numeric code (the map's
  // feature id) and a point to draw flows from. The aggregates (X..) have no outline.
  const PLACES = {
    ARG: ["032", -64, -34], AUS: ["036", 134, -25], AUT: ["040", 14.5, 47.5], BEL: ["056", 4.5, 50.6],
    BGR: ["100", 25, 42.7], BLR: ["112", 28, 53.5], BRA: ["076", -52, -10], CAN: ["124", -100, 58],
    CHE: ["756", 8.2, 46.8], CHN: ["156", 104, 35], CYP: ["196", 33, 35], CZE: ["203", 15.5, 49.8],
    DEU: ["276", 10.4, 51], DNK: ["208", 9.5, 56], ESP: ["724", -3.7, 40.2], EST: ["233", 25, 58.7],
    FIN: ["246", 26, 64], FRA: ["250", 2.5, 46.5], GBR: ["826", -2, 54], GRC: ["300", 22, 39],
    HRV: ["191", 15.5, 45.2], HUN: ["348", 19.5, 47.2], IND: ["356", 79, 22], IRL: ["372", -8, 53.2],
    ISL: ["352", -19, 65], ITA: ["380", 12.5, 42.8], JPN: ["392", 138, 36], KAZ: ["398", 67, 48],
    KOR: ["410", 128, 36.5], LTU: ["440", 24, 55.3], LUX: ["442", 6.1, 49.8], LVA: ["428", 24.8, 56.9],
    MEX: ["484", -102, 23.6], MLT: ["470", 14.4, 35.9], NLD: ["528", 5.3, 52.2], NOR: ["578", 9, 61],
    NZL: ["554", 172, -41], POL: ["616", 19.4, 52], PRT: ["620", -8, 39.6], ROU: ["642", 25, 46],
    RUS: ["643", 90, 61], SRB: ["688", 20.8, 44], SVK: ["703", 19.5, 48.7], SVN: ["705", 14.8, 46.1],
    SWE: ["752", 16, 62], TUR: ["792", 35, 39], UKR: ["804", 31, 49], USA: ["840", -98, 39],
    ZAF: ["710", 24, -29], IDN: ["360", 118, -2], SAU: ["682", 45, 24], ARE: ["784", 54, 24],
    ARM: ["051", 45, 40.2], BGD: ["050", 90, 24], CHL: ["152", -71, -33], COL: ["170", -74, 4],
    EGY: ["818", 30, 27], ETH: ["231", 39.5, 9], GEO: ["268", 43.5, 42.2], HKG: ["344", 114.2, 22.3],
    IRN: ["364", 53, 32.5], ISR: ["376", 35, 31.4], KGZ: ["417", 74.7, 41.4], MYS: ["458", 102, 4],
    NGA: ["566", 8, 9.5], PAK: ["586", 69, 30], PHL: ["608", 122, 12], PRK: ["408", 127, 40],
    SGP: ["702", 103.8, 1.35], THA: ["764", 101, 15], TWN: ["158", 121, 23.7], VNM: ["704", 106, 16],
    XEU: [null, 20, 43], XME: [null, 42, 32], XAF: [null, 20, 5], XLA: [null, -70, -10],
    XAS: [null, 80, 45], XOC: [null, 150, -7], XLD: [null, 25, -12],
  };

  // The headline metrics, as a teacher says them (docs/METRICS.md has the formulas).
  const METRICS = {
    denial_effectiveness: "Denied: share of the target's baseline receipts cut",
    substitution_share: "Of what still arrives: share from non-controllers",
    target_indigenous_share: "Of what still arrives: share made at home",
    controller_revenue_loss: "Controllers' export volume lost",
    collateral_denial: "Bystanders' baseline trade blocked",
    output_loss: "World output lost",
    leakage: "Controlled goods leaked through fronts",
    switching_cost: "Buyers' cost of switching suppliers",
  };
  const SHARES = new Set(["denial_effectiveness", "substitution_share", "target_indigenous_share",
                          "controller_revenue_loss", "output_loss"]);

  let atlas = null;
  async function countries() {
    if (!atlas) {
      const topo = await (await fetch("/assets/countries-110m.json")).json();
      atlas = topojson.feature(topo, topo.objects.countries).features
        .filter((f) => f.id !== "010");  // Antarctica: no state of the model, and half the map
    }
    return atlas;
  }

  const EMBED = { mode: "vega-lite", actions: { export: true, source: false, compiled: false, editor: false }, renderer: "svg" };

  function chartSpec(width, height, steps, metric) {
    const share = SHARES.has(metric);
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width, height, background: "white", padding: { left: 16, top: 10, right: 4, bottom: 4 },
      data: { name: "series" },
      mark: { type: "line", strokeWidth: 3, point: { size: 40 } },
      encoding: {
        x: { field: "month", type: "quantitative", title: "month", scale: { domain: [0, steps - 1] },
             axis: { labelFontSize: 14, titleFontSize: 14, tickMinStep: 1 } },
        y: { field: "value", type: "quantitative", title: null, scale: { zero: true },
             axis: { labelFontSize: 14, format: share ? ".0%" : ".3~g", tickCount: 5 } },
        color: { field: "run", type: "nominal", title: null,
                 scale: { domain: ["with the controls", "baseline"], range: ["#c0392b", "#7f8c8d"] },
                 legend: { orient: "top", labelFontSize: 14, symbolStrokeWidth: 3 } },
        strokeDash: { field: "run", type: "nominal", legend: null,
                      scale: { domain: ["with the controls", "baseline"], range: [[1, 0], [6, 4]] } },
        tooltip: [{ field: "month" }, { field: "value", format: share ? ".1%" : ".4~g" }, { field: "run" }],
      },
      config: { view: { stroke: null } },
    };
  }

  function seriesValues(variant, metric) {
    const out = [];
    for (const [month, value, baseline] of variant.series[metric] || []) {
      out.push({ month, value, run: "with the controls" });
      out.push({ month, value: baseline, run: "baseline" });
    }
    return out;
  }

  function mapSpec(width, height, features) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width, height, background: "white",
      projection: { type: "naturalEarth1" },
      layer: [
        { data: { values: features }, mark: { type: "geoshape", fill: "#eeeeee", stroke: "#ffffff", strokeWidth: 0.5 } },
        { data: { name: "states" }, mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.5 },
          encoding: {
            color: { field: "loss", type: "quantitative", title: "output lost",
                     scale: { scheme: "redblue", reverse: true, domainMid: 0, domain: [-0.02, 0.02], clamp: true },
                     legend: { format: "+.1%", orient: "bottom-left", labelFontSize: 14, titleFontSize: 14, gradientLength: 120 } },
            tooltip: [{ field: "name", title: "state" }, { field: "loss", title: "output lost", format: "+.3%" }],
          } },
        { data: { name: "flows" }, mark: { type: "rule", strokeCap: "round", opacity: 0.75 },
          encoding: {
            longitude: { field: "lon" }, latitude: { field: "lat" },
            longitude2: { field: "lon2" }, latitude2: { field: "lat2" },
            strokeWidth: { field: "value", type: "quantitative", scale: { range: [1, 7] }, legend: null },
            color: { field: "kind", type: "nominal", title: null,
                     scale: { domain: ["controlled", "uncontrolled"], range: ["#8e44ad", "#f39c12"] },
                     legend: { orient: "bottom-right", labelFontSize: 14 } },
            tooltip: [{ field: "from" }, { field: "to" }, { field: "value", format: ".3~g" }, { field: "baseline", format: ".3~g" }],
          } },
      ],
      config: { view: { stroke: null } },
    };
  }

  // The map's data for a variant: states coloured by output lost (negative: gained),
  // and this month's flows of controlled items between states.
  function mapValues(variant, features) {
    const loss = new Map(variant.states.map((s) => [PLACES[s.code] && PLACES[s.code][0], s]));
    const states = [];
    for (const f of features) {
      const s = loss.get(f.id);
      // A fresh object, not a spread: Vega tags each datum it ingests with an id, and a
      // copy carrying the outline's tag would be taken for the same datum.
      if (s) states.push({ type: "Feature", id: f.id, geometry: f.geometry, loss: s.output_loss, name: s.name });
    }
    const flows = [];
    for (const fl of variant.flows) {
      const a = PLACES[fl.from], b = PLACES[fl.to];
      if (!a || !b || fl.value <= 0) continue;
      flows.push({ lon: a[1], lat: a[2], lon2: b[1], lat2: b[2], value: fl.value, baseline: fl.baseline,
                   from: fl.from, to: fl.to, kind: fl.controlled ? "controlled" : "uncontrolled" });
    }
    return { states, flows };
  }

  function formatValue(metric, v) {
    if (v === undefined || v === null) return "–";
    return SHARES.has(metric) ? (100 * v).toFixed(1) + "%" : Number(v).toPrecision(3);
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  // A red line at the bottom for a few seconds: what a request got wrong.
  function showError(e) {
    const box = document.getElementById("error");
    box.textContent = e.message || String(e);
    box.hidden = false;
    clearTimeout(showError.t);
    showError.t = setTimeout(() => (box.hidden = true), 6000);
  }

  // A decision's slider, with the figure shown beside it (as two decimals).
  function setSlider(id, v) {
    document.getElementById(id).value = v;
    document.getElementById(id + "-shown").textContent = Number(v).toFixed(2);
  }
  // The figure beside each slider follows it as the student drags.
  function followSliders(ids) {
    for (const id of ids) document.getElementById(id).addEventListener("input", (e) => setSlider(id, e.target.value));
  }
  // A form's sliders as the team decided this round (after a reload too), or else at what
  // it does now, with nothing ticked: a slider never shows a value nobody chose.
  // rows: [slider id, tick id, the decision's key, the value that stands now].
  function fillSliders(rows, decision) {
    for (const [id, tick, key, standing] of rows) {
      const chosen = typeof decision[key] === "number";
      const v = chosen ? decision[key] : standing;
      if (typeof v === "number") setSlider(id, v);
      document.getElementById(tick).checked = chosen;
    }
  }

  return { api, showError, setSlider, followSliders, fillSliders, PLACES, METRICS, SHARES, countries, chartSpec, seriesValues, mapSpec, mapValues, EMBED, formatValue, escapeHtml };
})();
