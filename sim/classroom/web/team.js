// A team's screen: its state's own figures, its private brief, the round's decisions.
// The team's token is kept in this browser, so a reloaded page resumes.
"use strict";

const C = Classroom;
const $ = (id) => document.getElementById(id);
const T = { token: localStorage.getItem("regimesim-team-token"), chart: null, map: null, features: null, round: null };

const showError = C.showError;

const team = (method, path, body) => C.api(method, path, body, { "X-Team-Token": T.token });

async function find() {
  const code = $("code").value.trim().toUpperCase();
  try {
    const cl = await C.api("GET", `/api/class/${encodeURIComponent(code)}`);
    const sel = $("state");
    sel.innerHTML = "";
    for (const t of cl.teams) {
      const o = new Option(t.name + (t.joined ? " (taken)" : ""), t.team || t.state);
      o.disabled = t.joined;
      sel.add(o);
    }
    $("pick-state").hidden = false;
  } catch (e) {
    showError(e);
  }
}

async function join() {
  try {
    const r = await C.api("POST", "/api/join", { code: $("code").value.trim().toUpperCase(), team: $("state").value });
    T.token = r.token;
    localStorage.setItem("regimesim-team-token", r.token);
    await show();
  } catch (e) {
    showError(e);
  }
}

async function show() {
  const me = await team("GET", "/api/team");
  $("join").hidden = true;
  $("dashboard").hidden = false;
  $("who").textContent = `${me.name}: class ${me.code}, month ${me.month} of ${me.steps}`;
  $("brief").textContent = me.brief;
  if (me.role === "firms") return TeamFirms.show(me, team);  // a group of firms: team_firms.js
  $("retaliate-row").hidden = !me.targeted;
  $("round-title").textContent = `Your decisions for round ${me.round}` +
    (me.round_left_s >= 0 ? ` (${me.round_left_s} s left)` : "");
  $("status").textContent = me.decided ? "Decided; waiting for the month to advance" : "";
  if (T.round !== me.round) {  // a new round, or the page reloaded: the form shows what stands
    T.round = me.round;
    fillForm(me.decided ? me.decision : {}, me.dashboard);
  }
  const own = me.dashboard.output_loss.map(([month, value]) => ({ month, value, run: "with the controls" }))
    .concat(me.dashboard.output_loss.map(([month]) => ({ month, value: 0, run: "baseline" })));
  if (!T.chart) T.chart = (await vegaEmbed("#own-chart", C.chartSpec(420, 200, me.steps, "output_loss"), C.EMBED)).view;
  await T.chart.data("series", own).runAsync();
  const s = await C.api("GET", `/api/sessions/${me.session}`);
  const v = s.variants[me.variant];
  if (!T.features) T.features = await C.countries();
  if (!T.map) T.map = (await vegaEmbed("#map", C.mapSpec(440, 230, T.features), C.EMBED)).view;
  const m = C.mapValues(v, T.features);
  await T.map.data("states", m.states).data("flows", m.flows).runAsync();
}

// The form as the team decided this round, or else at what its state does now
// (Classroom.fillSliders).
function fillForm(decision, now) {
  $("d-coalition").value = decision.coalition || "stay";
  $("d-vote").value = decision.vote || "abstain";
  $("d-retaliate").checked = decision.retaliate === true;
  C.fillSliders([["d-enforcement", "d-enforce-on", "enforcement", now.enforcement_effort],
                 ["d-divert", "d-divert-on", "divert", now.divert],
                 ["d-over", "d-over-on", "over_comply", now.over_comply]], decision);
}

async function submit() {
  const decision = { coalition: $("d-coalition").value, vote: $("d-vote").value };
  if ($("d-enforce-on").checked) decision.enforcement = Number($("d-enforcement").value);
  if ($("d-divert-on").checked) decision.divert = Number($("d-divert").value);
  if ($("d-over-on").checked) decision.over_comply = Number($("d-over").value);
  if ($("d-retaliate").checked) decision.retaliate = true;
  try {
    await team("POST", "/api/team/decision", { decision });
    $("status").textContent = "Decided; waiting for the month to advance";
  } catch (e) {
    showError(e);
  }
}

C.followSliders(["d-enforcement", "d-divert", "d-over"]);
$("find").addEventListener("click", find);
$("join-go").addEventListener("click", join);
$("submit").addEventListener("click", submit);
if (T.token) show().catch((e) => {
  if (e.status === 403) localStorage.removeItem("regimesim-team-token");
  showError(e);
});
setInterval(() => { if (T.token && !$("dashboard").hidden) show().catch(() => {}); }, 2500);
