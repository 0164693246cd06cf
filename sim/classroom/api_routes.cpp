#include "classroom/api_routes.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "model/scenario_error.hpp"

namespace regimesim::classroom {
namespace {

using nlohmann::json;
using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

void send(httplib::Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(), "application/json");
}

void fail(httplib::Response& res, int status, const std::string& message) { send(res, {{"error", message}}, status); }

// Every route through one door: what a client did wrong becomes its 4xx, anything
// else a 500 with the message; the server goes on either way.
Handler guarded(Handler h) {
  return [h](const httplib::Request& req, httplib::Response& res) {
    try {
      h(req, res);
    } catch (const BadRequest& e) {
      fail(res, e.status, e.what());
    } catch (const json::exception& e) {
      fail(res, 400, std::string("the request body is not the JSON expected: ") + e.what());
    } catch (const ScenarioError& e) {
      fail(res, 400, e.what());
    } catch (const std::exception& e) {
      fail(res, 500, std::string("internal error: ") + e.what());
    }
  };
}

json body_of(const httplib::Request& req) {
  if (req.body.empty()) return json::object();
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded()) throw BadRequest(400, "the request body is not valid JSON");
  if (!j.is_object()) throw BadRequest(400, "the request body must be a JSON object");
  return j;
}

std::size_t index_of(const std::string& text) {
  if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos)
    throw BadRequest(400, "variant: '" + text + "' is not a column number");
  return std::stoul(text);
}

// A session's teacher acts with its token (X-Teacher-Token); anyone may read it.
void require_teacher(const httplib::Request& req, const Session& s) {
  if (req.get_header_value("X-Teacher-Token") != s.teacher_token())
    throw BadRequest(403, "this needs the session's teacher token (header X-Teacher-Token)");
}

template <typename F>
void with_session(SessionTable& sessions, const std::string& id, F f) {
  auto s = sessions.find(id);
  std::lock_guard lock(s->mutex());
  f(*s);
}

void send_view(httplib::Response& res, const Session& s) { res.set_content(*s.view(), "application/json"); }

}  // namespace

void add_api_routes(httplib::Server& server, ScenarioLibrary& library, SessionTable& sessions) {
  server.Get("/api/scenarios", guarded([&](const httplib::Request&, httplib::Response& res) {
               send(res, {{"scenarios", library.listing()}, {"default", library.default_variants()}});
             }));

  server.Post("/api/sessions", guarded([&](const httplib::Request& req, httplib::Response& res) {
                const json body = body_of(req);
                std::vector<std::string> ids = library.default_variants();
                if (body.contains("variants")) ids = body.at("variants").get<std::vector<std::string>>();
                if (ids.empty() || ids.size() > 3) throw BadRequest(400, "variants: give 1 to 3 scenario ids from GET /api/scenarios");
                sessions.ensure_room();
                std::vector<std::unique_ptr<VariantRun>> runs;
                for (const std::string& id : ids) {
                  Scenario sc = library.scenario(id);
                  std::string label = sc.name.empty() ? id : sc.name;
                  runs.push_back(std::make_unique<VariantRun>(std::move(label), std::move(sc)));
                }
                auto s = sessions.create(std::move(runs));
                std::lock_guard lock(s->mutex());
                send(res, {{"id", s->id()}, {"teacher_token", s->teacher_token()}, {"view", json::parse(*s->view())}}, 201);
              }));

  // Polled by every page: the last view, without waiting for a step in progress.
  server.Get(R"(/api/sessions/([0-9a-f]+))", guarded([&](const httplib::Request& req, httplib::Response& res) {
               send_view(res, *sessions.find(req.matches[1]));
             }));

  server.Post(R"(/api/sessions/([0-9a-f]+)/step)", guarded([&](const httplib::Request& req, httplib::Response& res) {
                const json body = body_of(req);
                const int months = body.value("months", 1);
                if (months < 1 || months > 120) throw BadRequest(400, "months: 1 to 120");
                with_session(sessions, req.matches[1], [&](Session& s) {
                  require_teacher(req, s);
                  s.step(months);
                  send_view(res, s);
                });
              }));

  for (const char* action : {"play", "pause"})
    server.Post(std::string(R"(/api/sessions/([0-9a-f]+)/)") + action,
                guarded([&, play = std::string(action) == "play"](const httplib::Request& req, httplib::Response& res) {
                  const json body = body_of(req);
                  std::optional<int> interval;
                  if (body.contains("interval_ms")) interval = body.at("interval_ms").get<int>();
                  with_session(sessions, req.matches[1], [&](Session& s) {
                    require_teacher(req, s);
                    s.set_playing(play, interval);
                    send_view(res, s);
                  });
                }));

  server.Post(R"(/api/sessions/([0-9a-f]+)/reset)", guarded([&](const httplib::Request& req, httplib::Response& res) {
                with_session(sessions, req.matches[1], [&](Session& s) {
                  require_teacher(req, s);
                  s.reset();
                  send_view(res, s);
                });
              }));

  server.Post(R"(/api/sessions/([0-9a-f]+)/variants/([0-9]+)/change)",
              guarded([&](const httplib::Request& req, httplib::Response& res) {
                const json body = body_of(req);
                with_session(sessions, req.matches[1], [&](Session& s) {
                  require_teacher(req, s);
                  s.change(index_of(req.matches[2]), body, "teacher");
                  send_view(res, s);
                });
              }));

  server.Post(R"(/api/sessions/([0-9a-f]+)/variants/([0-9]+)/branch)",
              guarded([&](const httplib::Request& req, httplib::Response& res) {
                const json body = body_of(req);
                if (!body.contains("change")) throw BadRequest(400, "change: missing; the change the branch makes, as for /change");
                const std::string label = body.contains("label") ? body.at("label").get<std::string>() : "";
                with_session(sessions, req.matches[1], [&](Session& s) {
                  require_teacher(req, s);
                  s.branch(index_of(req.matches[2]), body.at("change"), label);
                  send_view(res, s);
                });
              }));

  // Role play: the teacher opens a class on one column; teams join with its code.
  server.Post(R"(/api/sessions/([0-9a-f]+)/class)", guarded([&](const httplib::Request& req, httplib::Response& res) {
                const json body = body_of(req);
                if (!body.contains("teams")) throw BadRequest(400, "teams: missing; the states the teams play, such as [\"USA\", \"NLD\", \"JPN\", \"CHN\"]");
                const auto states = body.at("teams").get<std::vector<std::string>>();
                const std::size_t variant = body.value("variant", 0);
                const int round_seconds = body.value("round_seconds", 0);
                const bool auto_advance = body.value("auto_advance", true);
                // Teams that play a state's makers of some items, apart from its state.
                const json firm_teams = body.value("firm_teams", json::array());
                with_session(sessions, req.matches[1], [&](Session& s) {
                  require_teacher(req, s);
                  if (s.roster()) throw BadRequest(409, "this session has a class already (code " + s.roster()->code() + ")");
                  s.open_class(variant, states, round_seconds, sessions.new_code(s.id()), auto_advance, firm_teams);
                  send_view(res, s);
                });
              }));

  // Whether the server advances the month as soon as every team that joined has decided.
  server.Post(R"(/api/sessions/([0-9a-f]+)/class/settings)", guarded([&](const httplib::Request& req, httplib::Response& res) {
                const json body = body_of(req);
                if (!body.contains("auto_advance") || !body["auto_advance"].is_boolean())
                  throw BadRequest(400, "auto_advance: missing; give true or false");
                with_session(sessions, req.matches[1], [&](Session& s) {
                  require_teacher(req, s);
                  s.set_auto_advance(body["auto_advance"].get<bool>());
                  send_view(res, s);
                });
              }));

  // The debrief with its measured effects (a replay per team; the view carries them after).
  server.Get(R"(/api/sessions/([0-9a-f]+)/debrief)", guarded([&](const httplib::Request& req, httplib::Response& res) {
               with_session(sessions, req.matches[1], [&](Session& s) {
                 if (!s.roster()) throw BadRequest(404, "this session has no class, so no debrief");
                 s.measure_debrief();
                 send(res, {{"debrief", json::parse(*s.view())["class"]["debrief"]}});
               });
             }));

  server.Post(R"(/api/sessions/([0-9a-f]+)/class/advance)", guarded([&](const httplib::Request& req, httplib::Response& res) {
                with_session(sessions, req.matches[1], [&](Session& s) {
                  require_teacher(req, s);
                  json out = s.advance_round();
                  out["view"] = json::parse(*s.view());
                  send(res, out);
                });
              }));

  server.Get(R"(/api/sessions/([0-9a-f]+)/debrief\.csv)", guarded([&](const httplib::Request& req, httplib::Response& res) {
               with_session(sessions, req.matches[1], [&](Session& s) {
                 if (!s.roster()) throw BadRequest(404, "this session has no class, so no debrief");
                 s.measure_debrief();
                 res.set_header("Content-Disposition", "attachment; filename=\"debrief.csv\"");
                 res.set_content(s.roster()->debrief_csv(), "text/csv");
               });
             }));

  server.Get(R"(/api/class/([A-Z0-9]{1,8}))", guarded([&](const httplib::Request& req, httplib::Response& res) {
               auto s = sessions.by_code(req.matches[1]);
               if (!s) throw BadRequest(404, "no class has the code " + std::string(req.matches[1]));
               std::lock_guard lock(s->mutex());
               json teams = json::array();
               for (const Team& t : s->roster()->teams())
                 teams.push_back({{"state", t.state}, {"name", t.name}, {"joined", !t.token.empty()}, {"team", t.id},
                                  {"role", t.firms() ? "firms" : "state"}});
               send(res, {{"code", s->roster()->code()}, {"teams", teams}});
             }));

  server.Post("/api/join", guarded([&](const httplib::Request& req, httplib::Response& res) {
                const json body = body_of(req);
                const std::string code = body.value("code", "");
                // A state team by its state's code ("state" or "team"), a firm team by its id ("team").
                const std::string id = body.value("team", body.value("state", ""));
                auto s = sessions.by_code(code);
                if (!s) throw BadRequest(404, "no class has the code '" + code + "'; the teacher's screen shows it");
                std::lock_guard lock(s->mutex());
                Team& team = s->roster()->join(id, sessions.new_team_token(s->id()));
                s->refresh();
                send(res, {{"session", s->id()}, {"state", team.state}, {"name", team.name}, {"token", team.token},
                           {"team", team.id}, {"role", team.firms() ? "firms" : "state"}}, 201);
              }));

  // A team's own view and decisions: its token alone says who it is.
  auto team_of = [&](const httplib::Request& req) {
    const std::string token = req.get_header_value("X-Team-Token");
    auto s = sessions.by_team_token(token);
    if (!s) throw BadRequest(403, "this needs a team's token (header X-Team-Token), given when the team joined");
    return std::make_pair(s, token);
  };
  server.Get("/api/team", guarded([&, team_of](const httplib::Request& req, httplib::Response& res) {
               auto [s, token] = team_of(req);
               std::lock_guard lock(s->mutex());
               ClassRoster& roster = *s->roster();
               Team* team = roster.by_token(token);
               if (!team) throw BadRequest(403, "this token's team is not in the class any more");
               const VariantRun& run = s->variant(s->class_variant());
               // A state some control names as a destination may retaliate (its page shows the choice).
               const auto me = run.running().world.find_state(team->state);
               const bool targeted = !team->firms() && std::any_of(run.running().controls.begin(), run.running().controls.end(), [&](const Control& c) {
                 return std::find(c.destinations.states.begin(), c.destinations.states.end(), *me) != c.destinations.states.end();
               });
               // A firm team's page: its makers' sales, and a brief of what they make and for whom.
               const bool firms = team->firms();
               send(res, {{"state", team->state},
                          {"targeted", targeted},
                          {"name", team->name},
                          {"team", team->id},
                          {"role", firms ? "firms" : "state"},
                          {"items", team->items},
                          {"brief", firms ? ClassRoster::firm_brief(*team, *run.prepared(), run.month())
                                          : ClassRoster::brief(*team, run.running(), run.month())},
                          {"round", roster.round()},
                          {"round_seconds", roster.round_seconds()},
                          {"round_left_s", s->round_left_s()},
                          {"decided", team->decision.has_value()},
                          {"decision", team->decision ? *team->decision : json()},
                          {"dashboard", firms ? run.group_view(firm_group(*team, run.running().world))
                                              : run.state_view(team->state)},
                          {"month", run.month()},
                          {"steps", run.scenario().steps},
                          {"session", s->id()},
                          {"variant", s->class_variant()},
                          {"code", roster.code()}});
             }));

  server.Post("/api/team/decision", guarded([&, team_of](const httplib::Request& req, httplib::Response& res) {
                const json body = body_of(req);
                auto [s, token] = team_of(req);
                std::lock_guard lock(s->mutex());
                Team* team = s->roster()->by_token(token);
                if (!team) throw BadRequest(403, "this token's team is not in the class any more");
                VariantRun& run = s->variant(s->class_variant());
                s->roster()->decide(*team, body.contains("decision") ? body.at("decision") : body, run.month(), run.running());
                s->refresh();
                send(res, {{"round", s->roster()->round()}, {"decided", true}, {"decision", *team->decision}});
              }));

  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own error message stands
    const std::string message = res.status == 413 ? fmt::format("the request body is over {} bytes", kMaxBody)
                                : res.status == 404 ? "no such page or API route; docs/SERVE.md lists them"
                                                    : "bad request";
    fail(res, res.status, message);
  });
}

}  // namespace regimesim::classroom
