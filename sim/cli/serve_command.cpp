// regimesim serve [SCENARIO...]: the classroom (sim/classroom/, docs/SERVE.md), a local
// web server whose page steps scenarios month by month beside their baselines, and
// lets teams play states. It binds the loopback address unless told otherwise.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "classroom/api_routes.hpp"
#include "cli/commands.hpp"

namespace regimesim::cli {
namespace {

struct ServeOptions {
  std::vector<std::string> files;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string library = "scenarios";
  int threads = 48;
};

bool loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int serve(const ServeOptions& o) {
  classroom::ScenarioLibrary library(o.library, o.files);
  if (library.entries().empty()) {
    std::cerr << "error: no scenario to serve: give SCENARIO files, or --library a folder of them (such as the "
                 "repository's scenarios/)\n";
    return kExitBadInput;
  }
  classroom::SessionTable sessions;
  httplib::Server server;
  // A worker per open connection: a class of 40 browsers keeps 40 connections alive.
  server.new_task_queue = [n = o.threads] { return new httplib::ThreadPool(static_cast<std::size_t>(n)); };
  server.set_payload_max_length(classroom::kMaxBody);
  server.set_keep_alive_timeout(5);
  server.set_read_timeout(5);
  server.set_write_timeout(5);
  // A view is written as headers then a body of some 50 kB: with Nagle's algorithm the
  // last segment waited for the client's delayed acknowledgement, about 40 ms on every answer.
  server.set_tcp_nodelay(true);
  classroom::add_api_routes(server, library, sessions);
  classroom::add_page_routes(server);

  if (!loopback(o.host))
    std::cerr << "warning: listening on " << o.host << ", not the loopback address: anyone who can reach this "
              << "machine can open the page and change its sessions\n";
  const int port = o.port == 0 ? server.bind_to_any_port(o.host) : (server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    std::cerr << "error: cannot listen on " << o.host << ":" << o.port << " (in use, or not an address of this machine)\n";
    return kExitFailure;
  }
  const std::string shown = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::cout << "Serving on http://" << shown << ":" << port << "/  (Ctrl-C stops)" << std::endl;

  // Ctrl-C sets g_stop_requested (main.cpp); the server stops between requests.
  g_stop_polled = true;
  std::thread watcher([&] {
    while (!g_stop_requested && !server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    while (!g_stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  // The sessions' clock: Play and the class's rounds advance here, not in a browser,
  // so every screen polling a session sees the same month.
  std::thread clock([&] {
    while (!g_stop_requested) {
      sessions.tick_all();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  server.listen_after_bind();
  g_stop_requested = true;  // listening ended by itself: let the watcher go
  watcher.join();
  clock.join();
  std::cout << "Stopped." << std::endl;
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the classroom: step scenarios month by month in a browser, teams playing states (docs/SERVE.md)");
  cmd->add_option("scenario", o->files, "Scenario files to offer beside the library's")->check(CLI::ExistingFile);
  cmd->add_option("--host", o->host, "Address to listen on (default the loopback address, 127.0.0.1)");
  cmd->add_option("--port", o->port, "Port to listen on; 0 picks a free one (default 8080)")->check(CLI::Range(0, 65535));
  cmd->add_option("--library", o->library, "Folder of scenarios to offer, with its tutorial/ (default scenarios)");
  cmd->callback([o, &action] { action = [o] { return serve(*o); }; });
}

}  // namespace regimesim::cli
