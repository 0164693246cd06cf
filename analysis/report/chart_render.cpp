#include "report/chart_render.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <boost/archive/iterators/binary_from_base64.hpp>
#include <boost/archive/iterators/transform_width.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "report/csv_table.hpp"
#include "report/page_shell.hpp"

extern char** environ;

namespace regimesim::report {
namespace fs = std::filesystem;

namespace {

bool executable(const fs::path& p) { return ::access(p.c_str(), X_OK) == 0 && !fs::is_directory(p); }

std::string decode_base64(const std::string& text) {
  using namespace boost::archive::iterators;
  using Decoder = transform_width<binary_from_base64<std::string::const_iterator>, 8, 6>;
  std::string s = text;
  while (!s.empty() && (s.back() == '=' || s.back() == '\n')) s.pop_back();  // padding is not data
  return std::string(Decoder(s.begin()), Decoder(s.end()));
}

// The text of <pre id="ID"> in Chromium's printed DOM; base64 and error messages
// hold no markup, but an error's '&', '<', '>' come back escaped.
std::string element_text(const std::string& dom, const std::string& id) {
  const std::string open = "<pre id=\"" + id + "\">";
  const auto from = dom.find(open);
  if (from == std::string::npos) return "";
  const auto start = from + open.size(), end = dom.find("</pre>", start);
  std::string t = dom.substr(start, end == std::string::npos ? std::string::npos : end - start);
  for (const auto& [coded, plain] : {std::pair<std::string, std::string>{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
    for (auto at = t.find(coded); at != std::string::npos; at = t.find(coded, at + 1)) t.replace(at, coded.size(), plain);
  return t;
}

std::string last_lines(const fs::path& file, std::size_t n) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::string out;
  for (std::size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i) out += "\n  " + lines[i];
  return out;
}

// A scratch directory of our own (mkdtemp), removed with all it holds when done.
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "regimesim-plot-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw ChartRenderError("cannot make a scratch directory in " + fs::temp_directory_path().string());
    dir = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// Runs the browser in a process group of its own, so that on a timeout its helper
// processes are stopped with it. Returns its exit status, or nullopt on a timeout.
std::optional<int> run(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err,
                       std::chrono::seconds timeout) {
  posix_spawn_file_actions_t files;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&files, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv[0].c_str(), &files, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw ChartRenderError(fmt::format("cannot start {}: {}", argv[0], std::strerror(rc)));
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pid, SIGKILL);  // helpers it left behind, if any
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::optional<std::string> find_chromium() {
  if (const char* env = std::getenv("REGIMESIM_CHROMIUM"); env && *env) {
    if (executable(env)) return std::string(env);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::size_t from = 0;
    while (from <= dirs.size()) {
      const auto colon = std::min(dirs.find(':', from), dirs.size());
      const fs::path candidate = fs::path(dirs.substr(from, colon - from)) / name;
      if (colon > from && executable(candidate)) return candidate.string();
      from = colon + 1;
    }
  }
  return std::nullopt;
}

std::string render_chart(const nlohmann::json& spec, ImageFormat format, int scale, std::chrono::seconds timeout) {
  const auto browser = find_chromium();
  if (!browser) {
    const char* env = std::getenv("REGIMESIM_CHROMIUM");
    throw ChromiumMissing(env && *env ? fmt::format("REGIMESIM_CHROMIUM names {}, which is not an executable file; "
                                                    "regimesim plot draws with headless Chromium (Debian's chromium: "
                                                    "`apt-get install chromium`, or bash scripts/install-deps.sh)", env)
                                      : "regimesim plot draws with headless Chromium, which was not found on PATH "
                                        "(Debian's chromium: `apt-get install chromium`, or bash scripts/install-deps.sh; "
                                        "or name the browser in REGIMESIM_CHROMIUM)");
  }
  Scratch scratch;
  const fs::path page = scratch.dir / "plot.html", dom = scratch.dir / "dom.html", log = scratch.dir / "chromium.log";
  {
    std::ofstream out(page, std::ios::binary);
    out << plot_page(spec, format == ImageFormat::svg ? "svg" : "png", scale);
    if (!out) throw ChartRenderError("cannot write " + page.string());
  }
  std::vector<std::string> argv{*browser, "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                                "--no-default-browser-check", "--user-data-dir=" + (scratch.dir / "profile").string(),
                                "--virtual-time-budget=30000", "--dump-dom", "file://" + page.string()};
  // Chromium refuses to sandbox itself as root (a container's usual user).
  if (::geteuid() == 0) argv.insert(argv.begin() + 1, "--no-sandbox");
  const auto status = run(argv, dom, log, timeout);
  if (!status)
    throw ChartRenderError(fmt::format("{} did not finish drawing within {} s", *browser, timeout.count()));
  const std::string printed = read_text_file(dom);
  if (const std::string error = element_text(printed, "plot-error"); !error.empty())
    throw ChartRenderError("the chart could not be drawn: " + error);
  const std::string b64 = element_text(printed, "plot-out");
  if (b64.empty())
    throw ChartRenderError(fmt::format("{} exited with status {} and drew nothing; its last words:{}", *browser, *status,
                                       last_lines(log, 5)));
  return decode_base64(b64);
}

}  // namespace regimesim::report
