// A firm team's screen (a state's makers of some items): its sales, its sales to the
// controls' targets, its market share and its competitors' sales, each beside the
// world without controls, and its firms' two decisions. team.js calls show().
"use strict";

const TeamFirms = (() => {
  const C = Classroom;
  const $ = (id) => document.getElementById(id);
  const F = { charts: {}, round: null, send: null };

  // [month, value, baseline] points as the chart's two lines.
  const lines = (points) => points.flatMap(([month, value, baseline]) => [
    { month, value, run: "with the controls" }, { month, value: baseline, run: "baseline" }]);

  // Which charts show a share (so as a percentage): chartSpec formats by metric name.
  const CHARTS = [["firm-sales", "sales", "gross_output"], ["firm-targets", "sales_to_targets", "gross_output"],
                  ["firm-share", "market_share", "output_loss"], ["firm-rivals", "competitors_sales", "gross_output"]];

  async function show(me, send) {
    F.send = send;
    $("own-panel").hidden = true;
    $("firm-summary").hidden = false;
    $("state-decision").hidden = true;
    $("firm-dashboard").hidden = false;
    $("firm-decision").hidden = false;
    const d = me.dashboard;
    $("firm-round-title").textContent = `Your firms' decisions for round ${me.round}` +
      (me.round_left_s >= 0 ? ` (${me.round_left_s} s left)` : "");
    $("f-status").textContent = me.decided ? "Decided; waiting for the month to advance" : "";
    if (F.round !== me.round) {  // a new round, or a reloaded page: the round's decision, else what the firms do now
      F.round = me.round;
      C.fillSliders([["f-over", "f-over-on", "over_comply", d.over_comply], ["f-fronts", "f-fronts-on", "fronts", d.fronts]],
                    me.decided ? me.decision : {});
    }
    // This month's figures in words, and what each competing state gained (or lost).
    const last = (k) => (d[k].length ? d[k][d[k].length - 1] : null);
    const lost = last("revenue_lost"), share = last("market_share"), sales = last("sales_to_targets");
    const pct = (v) => (100 * v).toFixed(1) + "%";
    $("firm-figures").textContent = lost
      ? `Month ${lost[0]}: revenue lost against the world without controls ${pct(lost[1])}; ` +
        `sales to the targets (${d.targets.join(", ") || "none"}) ${Number(sales[1]).toPrecision(3)}, baseline ` +
        `${Number(sales[2]).toPrecision(3)}; market share ${pct(share[1])}, baseline ${pct(share[2])}.`
      : `Targets: ${d.targets.join(", ") || "none"}. The figures start with the first month.`;
    $("firm-gains").tBodies[0].innerHTML = d.competitors_gain_by_state.slice(0, 5).map((g) =>
      `<tr><td>${C.escapeHtml(g.name)}</td><td>${g.gain > 0 ? "+" : ""}${Number(g.gain).toPrecision(3)}</td>` +
      `<td>${Number(g.baseline).toPrecision(3)}</td></tr>`).join("") || "<tr><td colspan=3>no change yet</td></tr>";
    for (const [el, key, format] of CHARTS) {
      if (!F.charts[el]) F.charts[el] = (await vegaEmbed("#" + el, C.chartSpec(420, 160, me.steps, format), C.EMBED)).view;
      await F.charts[el].data("series", lines(d[key])).runAsync();
    }
    const s = await C.api("GET", `/api/sessions/${me.session}`);
    const T = TeamFirms.map;
    if (!T.features) T.features = await C.countries();
    if (!T.view) T.view = (await vegaEmbed("#map", C.mapSpec(440, 230, T.features), C.EMBED)).view;
    const m = C.mapValues(s.variants[me.variant], T.features);
    await T.view.data("states", m.states).data("flows", m.flows).runAsync();
  }

  async function submit() {
    const decision = {};
    if ($("f-over-on").checked) decision.over_comply = Number($("f-over").value);
    if ($("f-fronts-on").checked) decision.fronts = Number($("f-fronts").value);
    try {
      await F.send("POST", "/api/team/decision", { decision });
      $("f-status").textContent = "Decided; waiting for the month to advance";
    } catch (e) {
      C.showError(e);
    }
  }

  // The page's elements come before this script (team.html).
  C.followSliders(["f-over", "f-fronts"]);
  $("f-submit").addEventListener("click", submit);

  return { show, map: {} };
})();
