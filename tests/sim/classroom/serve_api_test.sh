#!/usr/bin/env bash
# regimesim serve end to end: starts the server on a free loopback port (--port 0) and
# drives its JSON API with curl as a script or a page would; bad requests must get a
# 4xx with a message and leave the server answering. Usage: serve_api_test.sh BIN SRC
set -u
bin=$1; src=$2
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
tut=$src/scenarios/tutorial

"$bin" serve "$tut/small-circle-unilateral.yaml" "$tut/small-circle-coalition.yaml" "$tut/small-circle-regime.yaml" \
  --library "$tut" --port 0 > "$work/out.txt" 2> "$work/err.txt" &
pid=$!
for _ in $(seq 100); do grep -q "Serving on" "$work/out.txt" && break; sleep 0.1; done
url=$(sed -n 's|^Serving on \(http://[^ ]*\)/.*|\1|p' "$work/out.txt")
expect "prints 'Serving on http://127.0.0.1:PORT/' with the port it got" "echo '$url' | grep -Eq '^http://127\.0\.0\.1:[1-9][0-9]*$'"
expect "no warning on the loopback address" "[ ! -s $work/err.txt ]"

# what curl got: status, and the body in $work/body
call() {  # METHOD PATH [BODY] [HEADER]
  local args=(-s -o "$work/body" -w '%{http_code}' -X "$1" "$url$2")
  [ $# -ge 3 ] && [ -n "$3" ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  [ $# -ge 4 ] && args+=(-H "$4")
  curl "${args[@]}"
}
field() { python3 -c "import json,sys; d=json.load(open('$work/body')); print(eval(sys.argv[1]))" "$1"; }

expect "the teacher's page" "[ \$(call GET /) = 200 ] && grep -q 'Export controls, month by month' $work/body"
expect "the team's page" "[ \$(call GET /team) = 200 ] && grep -q 'Join your class' $work/body"
expect "the chart library, embedded" "[ \$(call GET /assets/vega-lite.min.js) = 200 ] && [ \$(wc -c < $work/body) -gt 100000 ]"
expect "the world map, embedded" "[ \$(call GET /assets/countries-110m.json) = 200 ] && grep -q 'Topology' $work/body"
expect "an unknown page is a 404 with a message" "[ \$(call GET /nowhere) = 404 ] && grep -q 'docs/SERVE.md' $work/body"

expect "the library lists the tutorial and the files given, those first by default" \
  "[ \$(call GET /api/scenarios) = 200 ] && [ \"\$(field 'd[\"default\"][1]')\" = '$tut/small-circle-coalition.yaml' ] && field '[s[\"id\"] for s in d[\"scenarios\"]]' | grep -q \"'embargo.yaml'\""

expect "a session of the three default columns" "[ \$(call POST /api/sessions '{}') = 201 ] && [ \"\$(field 'len(d[\"view\"][\"variants\"])')\" = 3 ]"
sid=$(field 'd["id"]'); tok=$(field 'd["teacher_token"]')
T="X-Teacher-Token: $tok"
expect "step: every column one month on" "[ \$(call POST /api/sessions/$sid/step '{}' \"$T\") = 200 ] && [ \"\$(field '[v[\"month\"] for v in d[\"variants\"]]')\" = '[1, 1, 1]' ]"
expect "step without the teacher's token: 403" "[ \$(call POST /api/sessions/$sid/step '{}') = 403 ] && grep -q 'teacher token' $work/body"
expect "step with a wrong token: 403" "[ \$(call POST /api/sessions/$sid/step '{}' 'X-Teacher-Token: nope') = 403 ]"
expect "malformed JSON: 400 with a message" "[ \$(call POST /api/sessions/$sid/step '{\"months\": ' \"$T\") = 400 ] && grep -q 'not valid JSON' $work/body"
expect "a body that is not an object: 400" "[ \$(call POST /api/sessions/$sid/step '[1,2]' \"$T\") = 400 ]"
expect "a wrongly typed field: 400" "[ \$(call POST /api/sessions/$sid/step '{\"months\": \"many\"}' \"$T\") = 400 ]"
expect "an unknown session: 404" "[ \$(call GET /api/sessions/0123456789ab) = 404 ] && grep -q 'not open' $work/body"
head -c 200000 /dev/zero | tr '\0' 'x' > "$work/huge"
code=$(curl -s -o "$work/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "$T" --data-binary @"$work/huge" "$url/api/sessions/$sid/step")
expect "a huge body: 413" "[ $code = 413 ]"
expect "an unknown change: 400 naming what is valid" "[ \$(call POST /api/sessions/$sid/variants/0/change '{\"kind\":\"nuke\"}' \"$T\") = 400 ] && grep -q 'valid: join, leave' $work/body"
expect "a column that does not exist: 400" "[ \$(call POST /api/sessions/$sid/variants/7/change '{\"kind\":\"diversion\",\"value\":0.5}' \"$T\") = 400 ]"
expect "after all that the server still answers" "[ \$(call GET /api/sessions/$sid) = 200 ]"

expect "Japan joins the unilateral control from month 1, logged in plain words" \
  "[ \$(call POST /api/sessions/$sid/variants/0/change '{\"kind\":\"join\",\"state\":\"JPN\"}' \"$T\") = 200 ] && field 'd[\"variants\"][0][\"events\"]' | grep -q 'month 1: Japan joins the controls (teacher)'"
expect "joining twice is a 409" "[ \$(call POST /api/sessions/$sid/variants/0/change '{\"kind\":\"join\",\"state\":\"JPN\"}' \"$T\") = 409 ]"
expect "a branch opens a fourth column beside its parent" \
  "[ \$(call POST /api/sessions/$sid/variants/1/branch '{\"change\":{\"kind\":\"join\",\"state\":\"KOR\"}}' \"$T\") = 200 ] && [ \"\$(field 'len(d[\"variants\"])')\" = 4 ] && field 'd[\"variants\"][2][\"label\"]' | grep -q 'Republic of Korea joins'"
expect "play and pause are kept with the session" \
  "[ \$(call POST /api/sessions/$sid/play '{\"interval_ms\": 700}' \"$T\") = 200 ] && [ \"\$(field 'd[\"playing\"], d[\"interval_ms\"]')\" = '(True, 700)' ] && [ \$(call POST /api/sessions/$sid/pause '{}' \"$T\") = 200 ] && [ \"\$(field 'd[\"playing\"]')\" = False ]"
# Play runs on the server: the month moves with no Step request, the same in every column.
call POST /api/sessions/$sid/play '{"interval_ms": 150}' "$T" > /dev/null
sleep 1.2
expect "playing, the server steps by itself (every column the same month, 3 or more)" \
  "[ \$(call GET /api/sessions/$sid) = 200 ] && field 'len(set(v[\"month\"] for v in d[\"variants\"])) == 1 and d[\"variants\"][0][\"month\"] >= 3' | grep -q True"
call POST /api/sessions/$sid/pause '{}' "$T" > /dev/null
paused=$(field 'd["variants"][0]["month"]'); sleep 0.5; call GET /api/sessions/$sid > /dev/null
expect "paused, it stays at month $paused" "[ \"\$(field 'd[\"variants\"][0][\"month\"]')\" = '$paused' ]"
expect "play at a speed out of range: 400" "[ \$(call POST /api/sessions/$sid/play '{\"interval_ms\": 5}' \"$T\") = 400 ]"
expect "reset: month 0, no changes" "[ \$(call POST /api/sessions/$sid/reset '{}' \"$T\") = 200 ] && [ \"\$(field '[v[\"month\"] for v in d[\"variants\"]]')\" = '[0, 0, 0, 0]' ] && [ \"\$(field 'd[\"variants\"][0][\"changes\"]')\" = '[]' ]"

# Retaliation: China, targeted, answers with licences on what it dominates. In this
# world it makes all the chips and none of the equipment, so the plan keeps chips alone,
# to the states that apply a control aimed at it (the United States, on column 0).
expect "the teacher makes China retaliate, logged in plain words" \
  "[ \$(call POST /api/sessions/$sid/variants/0/change '{\"kind\":\"retaliate\",\"state\":\"CHN\"}' \"$T\") = 200 ] && field 'd[\"variants\"][0][\"events\"]' | grep -q 'China retaliates: .* to United States (teacher)'"
expect "stepped, its counter-control starts on what China dominates, and only that" \
  "[ \$(call POST /api/sessions/$sid/step '{}' \"$T\") = 200 ] && field 'd[\"variants\"][0][\"events\"]' | grep -q 'month 0: in force from now, retaliation_by_CHN: licence_requirement by CHN to USA on what it dominates: chips'"
expect "its counter-control is a column's control, China its issuer" \
  "field '[(c[\"id\"], c[\"members\"]) for c in d[\"variants\"][0][\"controls\"]]' | grep -q \"('retaliation_by_CHN', \\['CHN'\\])\""
expect "retaliating twice: 409" "[ \$(call POST /api/sessions/$sid/variants/0/change '{\"kind\":\"retaliate\",\"state\":\"CHN\"}' \"$T\") = 409 ] && grep -q 'retaliated already' $work/body"
expect "a state no control aims at cannot retaliate: 409" "[ \$(call POST /api/sessions/$sid/variants/0/change '{\"kind\":\"retaliate\",\"state\":\"JPN\"}' \"$T\") = 409 ] && grep -q 'nothing to answer' $work/body"
expect "a retaliation's approval outside 0 to 1: 400" "[ \$(call POST /api/sessions/$sid/variants/1/change '{\"kind\":\"retaliate\",\"state\":\"CHN\",\"value\":2}' \"$T\") = 400 ]"
call POST /api/sessions/$sid/reset '{}' "$T" > /dev/null

# The API's figures are the command line's for the same scenario and seed.
call POST /api/sessions/$sid/step '{"months": 24}' "$T" > /dev/null
api_denial=$(field '"%.10g" % d["variants"][1]["series"]["denial_effectiveness"][-1][1]')
"$bin" run "$tut/small-circle-coalition.yaml" --out "$work/run" > /dev/null
cli_denial=$(python3 -c "
import csv
rows = [r for r in csv.DictReader(open('$work/run/timeseries.csv')) if r['metric'] == 'denial_effectiveness' and r['state'] == 'WORLD' and r['item'] == 'all']
print('%.10g' % float(rows[-1]['value']))")
expect "the last month's denial is the command line's ($api_denial, $cli_denial)" "[ '$api_denial' = '$cli_denial' ]"
expect "a step past the end changes nothing" "[ \$(call POST /api/sessions/$sid/step '{}' \"$T\") = 200 ] && [ \"\$(field 'd[\"variants\"][1][\"month\"]')\" = 24 ]"
call POST /api/sessions/$sid/reset '{}' "$T" > /dev/null

# Role play: a class on the coalition's column, two teams.
expect "the teacher opens a class (advanced by hand)" "[ \$(call POST /api/sessions/$sid/class '{\"variant\":1,\"teams\":[\"KOR\",\"CHN\"],\"auto_advance\":false}' \"$T\") = 200 ]"
code=$(field 'd["class"]["code"]')
expect "the code is five letters and digits" "echo '$code' | grep -Eq '^[A-Z2-9]{5}$'"
expect "the class lists its teams" "[ \$(call GET /api/class/$code) = 200 ] && [ \"\$(field '[t[\"state\"] for t in d[\"teams\"]]')\" = \"['KOR', 'CHN']\" ]"
expect "a wrong code: 404" "[ \$(call POST /api/join '{\"code\":\"ZZZZZ\",\"state\":\"KOR\"}') = 404 ]"
expect "Korea's team joins" "[ \$(call POST /api/join \"{\\\"code\\\":\\\"$code\\\",\\\"state\\\":\\\"KOR\\\"}\") = 201 ]"
kor=$(field 'd["token"]')
expect "a second browser for Korea is refused: 409" "[ \$(call POST /api/join \"{\\\"code\\\":\\\"$code\\\",\\\"state\\\":\\\"KOR\\\"}\") = 409 ]"
expect "Korea's dashboard and private brief" "[ \$(call GET /api/team '' \"X-Team-Token: $kor\") = 200 ] && field 'd[\"brief\"]' | grep -q 'You are Republic of Korea'"
expect "a wrong team token: 403" "[ \$(call GET /api/team '' 'X-Team-Token: forged') = 403 ] && [ \$(call POST /api/team/decision '{\"decision\":{\"coalition\":\"join\"}}' 'X-Team-Token: forged') = 403 ]"
expect "the teacher's token is no team's" "[ \$(call POST /api/team/decision '{\"decision\":{\"coalition\":\"join\"}}' \"X-Team-Token: $tok\") = 403 ]"
expect "a decision that is no decision: 400" "[ \$(call POST /api/team/decision '{\"decision\":{\"launch\":1}}' \"X-Team-Token: $kor\") = 400 ]"
expect "Korea decides to join" "[ \$(call POST /api/team/decision '{\"decision\":{\"coalition\":\"join\",\"enforcement\":0.9}}' \"X-Team-Token: $kor\") = 200 ]"
expect "the teacher's screen shows every team's status" "[ \$(call GET /api/sessions/$sid) = 200 ] && [ \"\$(field '[(t[\"state\"], t[\"joined\"], t[\"decided\"]) for t in d[\"class\"][\"teams\"]]')\" = \"[('KOR', True, True), ('CHN', False, False)]\" ] && [ \"\$(field 'd[\"class\"][\"all_decided\"]')\" = True ]"
expect "advancing applies the decision and steps the month" "[ \$(call POST /api/sessions/$sid/class/advance '{}' \"$T\") = 200 ] && [ \"\$(field 'd[\"view\"][\"variants\"][1][\"month\"]')\" = 1 ] && field 'd[\"view\"][\"variants\"][1][\"events\"]' | grep -q \"Republic of Korea joins the controls (Republic of Korea's team)\""
expect "the debrief as CSV" "[ \$(call GET /api/sessions/$sid/debrief.csv) = 200 ] && grep -q '^1,0,KOR,\"joins the coalition; sets enforcement to 0.90\",' $work/body"
expect "a reloaded team page resumes with its token in round 2" "[ \$(call GET /api/team '' \"X-Team-Token: $kor\") = 200 ] && [ \"\$(field 'd[\"round\"], d[\"decided\"]')\" = '(2, False)' ]"

team() { call "$1" "$2" "${3:-}" "X-Team-Token: $4"; }
expect "China's team joins" "[ \$(call POST /api/join \"{\\\"code\\\":\\\"$code\\\",\\\"state\\\":\\\"CHN\\\"}\") = 201 ]"
chn=$(field 'd["token"]')
expect "retaliate as a word: 400" "[ \$(team POST /api/team/decision '{\"decision\":{\"retaliate\":\"yes\"}}' $chn) = 400 ]"
expect "China's team decides to retaliate" "[ \$(team POST /api/team/decision '{\"decision\":{\"retaliate\":true}}' $chn) = 200 ]"
expect "Korea's cannot: no control aims at it (409)" "[ \$(team POST /api/team/decision '{\"decision\":{\"retaliate\":true}}' $kor) = 409 ]"
expect "the round's retaliation applies, in the team's name, against the circle Korea joined" "[ \$(call POST /api/sessions/$sid/class/advance '{}' \"$T\") = 200 ] && field 'd[\"view\"][\"variants\"][1][\"events\"]' | grep -q \"China retaliates: .* to United States, Netherlands, Japan, Republic of Korea (China's team)\""
expect "China cannot retaliate twice: 409" "[ \$(team POST /api/team/decision '{\"decision\":{\"retaliate\":0.2}}' $chn) = 409 ]"
for _ in 1 2 3; do call POST /api/sessions/$sid/class/advance '{}' "$T" > /dev/null; done
expect "at month 5, Korea's team decides again" "[ \$(team POST /api/team/decision '{\"decision\":{\"coalition\":\"stay\",\"enforcement\":0.9}}' $kor) = 200 ] && [ \$(call POST /api/sessions/$sid/class/advance '{}' \"$T\") = 200 ] && [ \"\$(field 'd[\"view\"][\"variants\"][1][\"month\"]')\" = 6 ]"
expect "the debrief lists the three decisions with their effects" "[ \$(call GET /api/sessions/$sid/debrief) = 200 ] && [ \"\$(field '[(r[\"month\"], r[\"state\"]) for r in d[\"debrief\"]]')\" = \"[(0, 'KOR'), (1, 'CHN'), (5, 'KOR')]\" ]"
cp "$work/body" "$work/debrief.json"
call GET /api/sessions/$sid > /dev/null && cp "$work/body" "$work/view.json"
# Each decision alone, at month 5 (the last month run). Without Korea's joining (with its
# enforcement) at month 0, what is left is China's retaliation on chips, which China
# alone buys, so it moves nothing, and Korea's enforcement again at month 5 as a
# bystander: the command line's run of the same scenario. Korea's joining the embargo
# before its start at month 4 adds its tenth of the supply to what is denied from then
# on. Korea's month-5 decision sets the effort it has already: exactly no effect.
python3 - "$work/debrief.json" "$work/run/timeseries.csv" "$work/view.json" > "$work/effects.txt" <<'PY'
import csv, json, sys
rows = json.load(open(sys.argv[1]))["debrief"]
cli = {int(r["step"]): float(r["value"]) for r in csv.DictReader(open(sys.argv[2]))
       if r["metric"] == "denial_effectiveness" and r["state"] == "WORLD" and r["item"] == "all"}
session = {p[0]: p[1] for p in json.load(open(sys.argv[3]))["variants"][1]["series"]["denial_effectiveness"]}
kor0, chn1, kor5 = rows
ok = all(r["effect_month"] == 5 for r in rows)
ok &= abs(session[5] - kor0["denial_effectiveness_effect"] - cli[5]) < 1e-9 and kor0["denial_effectiveness_effect"] > 0
ok &= abs(chn1["denial_effectiveness_effect"]) < 1e-9 and abs(chn1["controller_revenue_loss_effect"]) < 1e-9
ok &= kor5["denial_effectiveness_effect"] == 0 and kor5["controller_revenue_loss_effect"] == 0 and kor5["own_output_loss_effect"] == 0
print(ok)
PY
expect "each effect is the session less the session without that decision (Korea's join against the command line's run; $(cat $work/effects.txt))" "[ \"\$(cat $work/effects.txt)\" = 'True' ]"
expect "the debrief CSV carries the effects" "[ \$(call GET /api/sessions/$sid/debrief.csv) = 200 ] && head -1 $work/body | grep -q 'denial_effectiveness_effect,controller_revenue_loss_effect,own_output_loss_effect,effect_month' && [ \$(wc -l < $work/body) = 4 ]"
expect "the server advances by itself once every team decided (auto_advance)" \
  "[ \$(call POST /api/sessions/$sid/class/settings '{\"auto_advance\":true}' \"$T\") = 200 ] && team POST /api/team/decision '{\"decision\":{}}' $kor > /dev/null && team POST /api/team/decision '{\"decision\":{}}' $chn > /dev/null && sleep 0.5 && call GET /api/sessions/$sid > /dev/null && [ \"\$(field 'd[\"variants\"][1][\"month\"], d[\"class\"][\"round\"]')\" = '(7, 8)' ]"
call POST /api/sessions/$sid/class/settings '{"auto_advance":false}' "$T" > /dev/null
expect "a decision the month no longer allows is skipped, and the view says why" \
  "[ \$(team POST /api/team/decision '{\"decision\":{\"coalition\":\"leave\"}}' $kor) = 200 ] && [ \$(call POST /api/sessions/$sid/variants/1/change '{\"kind\":\"leave\",\"state\":\"KOR\"}' \"$T\") = 200 ] && [ \$(call POST /api/sessions/$sid/class/advance '{}' \"$T\") = 200 ] && field 'd[\"view\"][\"class\"][\"skipped\"]' | grep -q \"Republic of Korea's team: KOR does not apply control\""
expect "settings without auto_advance: 400" "[ \$(call POST /api/sessions/$sid/class/settings '{\"auto_advance\":1}' \"$T\") = 400 ]"
expect "a debrief of a session without a class: 404" "[ \$(call POST /api/sessions '{\"variants\":[\"embargo.yaml\"]}') = 201 ] && [ \$(call GET /api/sessions/\$(field 'd[\"id\"]')/debrief) = 404 ]"

# A round on a timer: the server advances it when the time is up, teams or not.
call POST /api/sessions '{"variants":["embargo.yaml"]}' > /dev/null
sid2=$(field 'd["id"]'); T2="X-Teacher-Token: $(field 'd["teacher_token"]')"
call POST /api/sessions/$sid2/class '{"teams":["KOR"],"round_seconds":1}' "$T2" > /dev/null
sleep 1.6  # (the round may advance while the team joins: the countdown starts again)
call POST /api/join "{\"code\":\"$(call GET /api/sessions/$sid2 > /dev/null; field 'd["class"]["code"]')\",\"state\":\"KOR\"}" > /dev/null
kor2=$(field 'd["token"]')
expect "a team's page shows the server's countdown" "[ \$(team GET /api/team '' $kor2) = 200 ] && [ \"\$(field '0 <= d[\"round_left_s\"] <= 1')\" = True ]"
expect "a 1-second round advanced by the server's clock" "[ \$(call GET /api/sessions/$sid2) = 200 ] && [ \"\$(field 'd[\"variants\"][0][\"month\"] >= 1 and d[\"class\"][\"round_left_s\"] >= 0')\" = True ]"

# A vote acts on the run: the tutorial's Netherlands vetoes equipment in the regime
# (regime-consensus.md); its team votes support before the list is taken, and the veto
# is gone from its column, while the same scenario beside it keeps it.
call POST /api/sessions '{"variants":["regime-consensus.yaml","regime-consensus.yaml"]}' > /dev/null
sid3=$(field 'd["id"]'); T3="X-Teacher-Token: $(field 'd["teacher_token"]')"
call POST /api/sessions/$sid3/class '{"variant":1,"teams":["NLD"],"auto_advance":false}' "$T3" > /dev/null
code3=$(field 'd["class"]["code"]')
call POST /api/join "{\"code\":\"$code3\",\"state\":\"NLD\"}" > /dev/null
nld=$(field 'd["token"]')
expect "the Dutch team votes to support the listing" "[ \$(team POST /api/team/decision '{\"decision\":{\"vote\":\"support\"}}' $nld) = 200 ] && [ \$(call POST /api/sessions/$sid3/class/advance '{}' \"$T3\") = 200 ]"
call POST /api/sessions/$sid3/step '{"months": 7}' "$T3" > /dev/null
expect "its vote is logged, and its veto is gone from its column only" \
  "field 'd[\"variants\"][1][\"events\"]' | grep -q \"Netherlands' security concern is set to 1.00 (Netherlands' team)\" && ! field 'd[\"variants\"][1][\"events\"]' | grep -q 'Netherlands blocks the listing' && field 'd[\"variants\"][0][\"events\"]' | grep -q 'Netherlands blocks the listing of equipment'"
expect "a vote after the list was taken: 409" "[ \$(team POST /api/team/decision '{\"decision\":{\"vote\":\"block\"}}' $nld) = 409 ]"
# The Dutch team plays its firms too: its exporters' over-compliance, its own state's only.
expect "over-compliance above 1: 400" "[ \$(team POST /api/team/decision '{\"decision\":{\"over_comply\":1.5}}' $nld) = 400 ]"
expect "the Dutch team's exporters over-comply from the round's month, logged in plain words, the Netherlands' only" \
  "[ \$(team POST /api/team/decision '{\"decision\":{\"over_comply\":0.5}}' $nld) = 200 ] && [ \$(call POST /api/sessions/$sid3/class/advance '{}' \"$T3\") = 200 ] && field 'd[\"view\"][\"variants\"][1][\"events\"]' | grep -q \"Netherlands' exporters decline legal sales to targeted states with probability 0.50 (Netherlands' team)\" && [ \"\$(field 'd[\"view\"][\"variants\"][1][\"over_compliance_by_state\"], d[\"view\"][\"variants\"][0][\"over_compliance_by_state\"]')\" = \"({'NLD': 0.5}, {})\" ]"

# Firm teams: a state's makers of some items, played apart from the state, on the
# unilateral column (the US alone embargoes equipment to China from month 4). At
# baseline the Dutch makers sell China 3.5 a month and the Korean ones 1 (35 and 10 of
# the 10 it buys), every unit of it to the target.
call POST /api/sessions "{\"variants\":[\"$tut/small-circle-unilateral.yaml\"]}" > /dev/null
sid4=$(field 'd["id"]'); T4="X-Teacher-Token: $(field 'd["teacher_token"]')"
bad='{"teams":["NLD"],"firm_teams":[{"state":"NLD","items":["chips"]}]}'
expect "a firm team of makers its state has none of: 400, and no class opened" \
  "[ \$(call POST /api/sessions/$sid4/class '$bad' \"$T4\") = 400 ] && grep -q 'no firm of NLD makes chips' $work/body && [ \$(call GET /api/sessions/$sid4) = 200 ] && [ \"\$(field '\"class\" in d')\" = False ]"
open='{"teams":["NLD","CHN"],"firm_teams":[{"state":"NLD","items":["equipment"],"name":"Dutch tool makers"},{"state":"KOR","category":"semiconductor_equipment"}],"auto_advance":false}'
expect "the teacher opens a class with two firm teams beside the states' teams" \
  "[ \$(call POST /api/sessions/$sid4/class '$open' \"$T4\") = 200 ] && [ \"\$(field '[(t[\"team\"], t[\"role\"]) for t in d[\"class\"][\"teams\"]]')\" = \"[('NLD', 'state'), ('CHN', 'state'), ('NLD-firms', 'firms'), ('KOR-firms', 'firms')]\" ]"
code4=$(field 'd["class"]["code"]')
expect "the class lists the firm teams to join, by id and name" \
  "[ \$(call GET /api/class/$code4) = 200 ] && field '[(t[\"team\"], t[\"role\"], t[\"name\"]) for t in d[\"teams\"]][2:]' | grep -q \"('NLD-firms', 'firms', 'Dutch tool makers'), ('KOR-firms', 'firms', \\\"Republic of Korea's makers of Chip-making equipment\\\")\""
join4() { call POST /api/join "{\"code\":\"$code4\",\"$1\":\"$2\"}"; }
expect "the Dutch tool makers join" "[ \$(join4 team NLD-firms) = 201 ] && [ \"\$(field 'd[\"role\"], d[\"state\"]')\" = \"('firms', 'NLD')\" ]"
nlf=$(field 'd["token"]')
expect "a second browser for them: 409" "[ \$(join4 team NLD-firms) = 409 ]"
expect "the Korean makers join" "[ \$(join4 team KOR-firms) = 201 ]"
krf=$(field 'd["token"]')
expect "the Dutch state's team joins, apart from its firms" "[ \$(join4 state NLD) = 201 ] && [ \"\$(field 'd[\"role\"]')\" = state ]"
nls=$(field 'd["token"]')
expect "the Dutch tool makers' page: its role, a brief from the scenario, its own dashboard" \
  "[ \$(team GET /api/team '' $nlf) = 200 ] && [ \"\$(field 'd[\"role\"], d[\"items\"], d[\"targeted\"], d[\"dashboard\"][\"targets\"]')\" = \"('firms', ['equipment'], False, ['CHN'])\" ] && field 'd[\"brief\"]' | grep -q \"^You are Dutch tool makers: 1 firm of Netherlands making Chip-making equipment, 35% of the world's output\" && field 'd[\"brief\"]' | grep -q 'Your buyers there: China 100%'"
for key in '"coalition":"leave"' '"vote":"block"' '"enforcement":0.9' '"divert":0.5' '"retaliate":true'; do
  expect "a firm team cannot make its state's decision {$key}: 403" \
    "[ \$(team POST /api/team/decision '{\"decision\":{$key}}' $nlf) = 403 ] && grep -q 'a firm team decides for its firms only' $work/body"
done
expect "a forged team token: 403" "[ \$(team POST /api/team/decision '{\"decision\":{\"over_comply\":1}}' forged) = 403 ]"
expect "the Dutch state's team cannot set its firms' over-compliance while they play: 409" \
  "[ \$(team POST /api/team/decision '{\"decision\":{\"over_comply\":1}}' $nls) = 409 ] && grep -q 'Dutch tool makers (team NLD-firms) decide their own' $work/body"
expect "... and its firm team's token is no state team's: it cannot join the coalition for it (403)" \
  "[ \$(team POST /api/team/decision '{\"decision\":{\"coalition\":\"join\"}}' $krf) = 403 ]"
for _ in 1 2 3 4; do call POST /api/sessions/$sid4/class/advance '{}' "$T4" > /dev/null; done
expect "at month 4 the Korean makers over-comply fully, the Dutch ones refuse fronts" \
  "[ \$(team POST /api/team/decision '{\"decision\":{\"over_comply\":1}}' $krf) = 200 ] && [ \$(team POST /api/team/decision '{\"decision\":{\"fronts\":0}}' $nlf) = 200 ] && [ \$(call GET /api/sessions/$sid4) = 200 ] && [ \"\$(field '[(t[\"team\"], t[\"joined\"], t[\"decided\"]) for t in d[\"class\"][\"teams\"]]')\" = \"[('NLD', True, False), ('CHN', False, False), ('NLD-firms', True, True), ('KOR-firms', True, True)]\" ]"
expect "the round applies them in the teams' names" \
  "[ \$(call POST /api/sessions/$sid4/class/advance '{}' \"$T4\") = 200 ] && field 'd[\"view\"][\"variants\"][0][\"events\"]' | grep -q \"month 4: Republic of Korea's makers of equipment decline legal sales to targeted states with probability 1.00 (Republic of Korea's makers of Chip-making equipment's team)\" && field 'd[\"view\"][\"variants\"][0][\"events\"]' | grep -q \"month 4: Netherlands' makers of equipment take orders through fronts with probability 0.00 (Dutch tool makers' team)\""
call POST /api/sessions/$sid4/class/advance '{}' "$T4" > /dev/null
# Korea applies no control, so its sales were legal: sold 1 a month to China until
# month 3, nothing from month 4, the month the round closed; its baseline stays 1. The
# Dutch makers, who decline nothing, go on selling to China.
expect "from that month the Korean makers sell nothing to the target (their dashboard, a reload resuming it)" \
  "[ \$(team GET /api/team '' $krf) = 200 ] && [ \"\$(field '[(round(v, 9), b) for t, v, b in d[\"dashboard\"][\"sales_to_targets\"]]')\" = '[(1.0, 1.0), (1.0, 1.0), (1.0, 1.0), (1.0, 1.0), (0.0, 1.0), (0.0, 1.0)]' ] && [ \"\$(field 'd[\"round\"], d[\"decided\"], d[\"dashboard\"][\"over_comply\"]')\" = '(7, False, 1.0)' ]"
expect "their revenue lost is all of it; the Dutch makers still sell to China" \
  "[ \"\$(field '[round(v, 9) for t, v in d[\"dashboard\"][\"revenue_lost\"][4:]]')\" = '[1.0, 1.0]' ] && [ \$(team GET /api/team '' $nlf) = 200 ] && [ \"\$(field 'd[\"dashboard\"][\"sales_to_targets\"][5][1] > 0, d[\"dashboard\"][\"fronts\"]')\" = '(True, 0.0)' ]"
# Korea's only firm is its tool maker and China its only buyer: refusing it, Korea loses
# all its output, where without the refusal it gains a quarter (China's buyers turn to it
# under the main three's embargo): an effect of 1 - (-0.25) = 1.25 on its output loss. What
# China receives falls a month later, as shipments take a month: by month 5, the month the
# effects are measured at, it misses Korea's tenth of its equipment (denial +0.1). The
# Dutch refusal of fronts changes nothing here: no front sits in this world.
expect "the debrief measures a firm team's decisions as a team's, against the run without them" \
  "[ \$(call GET /api/sessions/$sid4/debrief) = 200 ] && [ \"\$(field '[(r[\"state\"], r[\"month\"], round(r[\"own_output_loss_effect\"], 9), round(r[\"denial_effectiveness_effect\"], 9), r[\"effect_month\"]) for r in d[\"debrief\"]]')\" = \"[('NLD-firms', 4, 0.0, 0.0, 5), ('KOR-firms', 4, 1.25, 0.1, 5)]\" ]"

codes=""
for _ in $(seq 4); do codes="$codes $(call POST /api/sessions '{"variants":["embargo.yaml"]}')"; done
expect "sessions are bounded: 8 open, the 9th asked is refused with 503 ($codes)" \
  "[ '$codes' = ' 201 201 201 503' ] && grep -q 'holds 8 sessions' $work/body"
expect "the server still answers the first session" "[ \$(call GET /api/sessions/$sid) = 200 ]"

# A control and its counter-control in one run (the library's retaliation scenario, on
# the default world): the recorder writes no world row of the four metrics of what the
# controls aim at (docs/METRICS.md), so the column reads those of its first control and
# names them; the other four are the world's. Both as the command line records them.
"$bin" serve --library "$src/scenarios" --port 0 > "$work/out3.txt" 2> /dev/null &
pid3=$!
for _ in $(seq 100); do grep -q "Serving on" "$work/out3.txt" && break; sleep 0.1; done
url3=$(sed -n 's|^Serving on \(http://[^ ]*\)/.*|\1|p' "$work/out3.txt")
"$bin" run "$src/scenarios/retaliation-critical-minerals.yaml" --steps 15 --flows none --out "$work/retaliation" > /dev/null
python3 - "$url3" "$work/retaliation/timeseries.csv" > "$work/groups.txt" <<'PY'
import csv, json, sys, urllib.request
url = sys.argv[1]
def call(method, path, body, token=None):
    req = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode())
    if token: req.add_header("X-Teacher-Token", token)
    return json.load(urllib.request.urlopen(req, timeout=300))
s = call("POST", "/api/sessions", {"variants": ["retaliation-critical-minerals.yaml"]})
v = call("POST", f"/api/sessions/{s['id']}/step", {"months": 15}, s["teacher_token"])["variants"][0]
cli = {(r["state"], r["metric"], int(r["step"])): float(r["value"]) for r in csv.DictReader(open(sys.argv[2])) if r["item"] == "all"}
apart = {"denial_effectiveness", "substitution_share", "target_indigenous_share", "controller_revenue_loss"}
ok = True
for metric, points in v["series"].items():
    group = "control:chip-equipment" if metric in apart else "WORLD"
    ok &= v["series_group"][metric] == group and len(points) == 15
    ok &= all(cli[(group, metric, step)] == value for step, value, _ in points)
    ok &= not any(("WORLD", metric, step) in cli for step in range(15)) if metric in apart else True
print(ok)
PY
kill "$pid3"; wait "$pid3" 2> /dev/null
expect "a counter-control in the run: the column reads its first control's rows of what the controls aim at, and says so, the world's of the rest, exactly as the command line ($(cat $work/groups.txt))" "[ \"\$(cat $work/groups.txt)\" = True ]"

kill -INT "$pid"; wait "$pid"; rc=$?; pid=""
expect "Ctrl-C stops it cleanly (exit 0, 'Stopped.')" "[ $rc -eq 0 ] && grep -q '^Stopped.' $work/out.txt"
expect "and the port is closed" "! curl -s -o /dev/null --max-time 2 $url/"

"$bin" serve --library "$tut" --host 192.0.2.1 --port 0 > "$work/out2.txt" 2> "$work/err2.txt"; rc=$?
expect "another --host warns it is not the loopback address (and an address not here fails, exit 1)" \
  "[ $rc -eq 1 ] && grep -q 'not the loopback address' $work/err2.txt && grep -q 'cannot listen' $work/err2.txt"
"$bin" serve "$work/missing.yaml" --port 0 > /dev/null 2>&1; rc=$?
expect "a missing scenario file: exit 2" "[ $rc -eq 2 ]"
exit $fail
