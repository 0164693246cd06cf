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
expect "reset: month 0, no changes" "[ \$(call POST /api/sessions/$sid/reset '{}' \"$T\") = 200 ] && [ \"\$(field '[v[\"month\"] for v in d[\"variants\"]]')\" = '[0, 0, 0, 0]' ] && [ \"\$(field 'd[\"variants\"][0][\"changes\"]')\" = '[]' ]"

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
expect "the teacher opens a class" "[ \$(call POST /api/sessions/$sid/class '{\"variant\":1,\"teams\":[\"KOR\",\"CHN\"]}' \"$T\") = 200 ]"
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

codes=""
for _ in $(seq 8); do codes="$codes $(call POST /api/sessions '{"variants":["embargo.yaml"]}')"; done
expect "sessions are bounded: 8 open, the 9th asked is refused with 503 ($codes)" \
  "[ '$codes' = ' 201 201 201 201 201 201 201 503' ] && grep -q 'holds 8 sessions' $work/body"
expect "the server still answers the first session" "[ \$(call GET /api/sessions/$sid) = 200 ]"

kill -INT "$pid"; wait "$pid"; rc=$?; pid=""
expect "Ctrl-C stops it cleanly (exit 0, 'Stopped.')" "[ $rc -eq 0 ] && grep -q '^Stopped.' $work/out.txt"
expect "and the port is closed" "! curl -s -o /dev/null --max-time 2 $url/"

"$bin" serve --library "$tut" --host 192.0.2.1 --port 0 > "$work/out2.txt" 2> "$work/err2.txt"; rc=$?
expect "another --host warns it is not the loopback address (and an address not here fails, exit 1)" \
  "[ $rc -eq 1 ] && grep -q 'not the loopback address' $work/err2.txt && grep -q 'cannot listen' $work/err2.txt"
"$bin" serve "$work/missing.yaml" --port 0 > /dev/null 2>&1; rc=$?
expect "a missing scenario file: exit 2" "[ $rc -eq 2 ]"
exit $fail
