// quotewire top: the dashboard in a terminal, for an operator on a server without a browser.
// Polls the sink's /api/stats and redraws in place.
#include <fmt/format.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "apps/app.h"

namespace quotewire::app {
namespace {

std::string bar(double value, double max, int width) {
  const int n = max > 0 ? static_cast<int>(value / max * width + 0.5) : 0;
  std::string out;
  for (int i = 0; i < width; ++i) out += i < n ? "█" : "·";
  return out;
}

std::string clip(const std::string& s, size_t width) {
  size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && points++ == width) break;
  }
  return i < s.size() ? s.substr(0, i) : s;
}

int64_t count(const nlohmann::json& j, const char* key) {
  return j.value(key, int64_t{0});
}

// A producer's counts and, for a feed follower, its polls, pages, errors and slowest hosts.
std::string producer_lines(const nlohmann::json& p) {
  if (p.value("unreachable", false)) {
    return fmt::format("\nproducer  {} unreachable\n", p.value("url", std::string("?")));
  }
  std::string out =
      fmt::format("\nproducer  {}   published {}   stored {}   in flight {}   input errors {}\n",
                  clip(p.value("id", std::string("?")), 30), count(p, "published"),
                  count(p, "stored"), count(p, "in_flight"), count(p, "input_errors"));
  if (!p.contains("feeds")) return out;
  const auto& f = p["feeds"];
  const auto& polled = f["polled"];
  const auto& items = f["items"];
  out += fmt::format(
      "feeds     {} followed   polls {} new / {} unchanged / {} failed   {:.1f} MB received\n",
      count(f, "feeds"), count(polled, "fetched"), count(polled, "not_modified"),
      count(polled, "failed"), static_cast<double>(count(f, "bytes")) / 1e6);
  // A first crawl queues every item's page at once: how far through it the follower is.
  const int64_t fetched = count(f, "pages_fetched"), queued = count(f, "pages_queued");
  out += fmt::format("pages     {} fetched, {} queued {}\n", fetched, queued,
                     bar(static_cast<double>(fetched), static_cast<double>(fetched + queued), 20));
  out += fmt::format("items     {} published, {} new versions, {} duplicates, {} dead letters\n",
                     count(items, "published"), count(items, "new_version"),
                     count(items, "duplicate"), count(items, "dead_lettered"));
  std::string errors;
  for (const auto& [reason, n] : f["errors"].items()) {
    errors += fmt::format("{}{} {}", errors.empty() ? "" : ", ", reason, n.get<int64_t>());
  }
  if (!errors.empty()) out += fmt::format("errors    {}\n", clip(errors, 110));
  std::string hosts;
  for (const auto& h : f["slowest_hosts"]) {
    hosts += fmt::format("{}{} {:.0f} ms", hosts.empty() ? "" : ", ", h["host"].get<std::string>(),
                         h["p90_s"].get<double>() * 1000);
  }
  if (!hosts.empty()) out += fmt::format("slowest   {} (p90)\n", clip(hosts, 110));
  return out;
}

// One screen from the stats JSON; the sparkline shows stored/s over the last minute.
std::string screen(const nlohmann::json& s, const std::string& url) {
  std::string out = fmt::format("quotewire top — {}\n\n", url);
  const auto& secs = s["seconds"];
  double peak = 1;
  const size_t from = secs.size() > 60 ? secs.size() - 60 : 0;
  for (size_t i = from; i < secs.size(); ++i)
    peak = std::max(peak, secs[i]["stored"].get<double>());
  std::string spark;
  static const char* levels[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  for (size_t i = from; i < secs.size(); ++i) {
    spark += levels[static_cast<int>(secs[i]["stored"].get<double>() / peak * 8 + 0.5)];
  }
  const auto last =
      secs.empty() ? nlohmann::json{{"stored", 0}, {"p50_s", 0.0}, {"p99_s", 0.0}} : secs.back();
  const auto& t = s["totals"];
  const auto& sink = s["sink"];
  out += fmt::format("stored/s  {:>7}  [{}] peak {:.0f}/s (last minute)\n",
                     last["stored"].get<int64_t>(), spark, peak);
  out += fmt::format("latency   p50 {:>7.1f} ms   p99 {:>7.1f} ms   (end to end, this second)\n",
                     last["p50_s"].get<double>() * 1000, last["p99_s"].get<double>() * 1000);
  out += fmt::format("totals    {} articles, {} statements, {} actors, {} dead letters\n",
                     t["articles"].get<int64_t>(), t["statements"].get<int64_t>(),
                     t["actors"].get<int64_t>(), t["dead_letters"].get<int64_t>());
  out += fmt::format("errors    {} store errors, {} rejected frames, {} duplicates ignored\n",
                     sink["store_errors"].get<int64_t>(), sink["rejected_frames"].get<int64_t>(),
                     sink["duplicates"].get<int64_t>());
  const auto& broker = s["broker"];
  if (broker.is_object()) {
    out += fmt::format("broker    queue {}   in flight {}   redeliveries {}\n\n",
                       broker["queue_depth"].get<int64_t>(), broker["in_flight"].get<int64_t>(),
                       broker["redeliveries"].get<int64_t>());
    out += fmt::format("{:<40} {:>9} {:>9}  load\n", "WORKER", "HOLDING", "SILENT");
    for (const auto& w : broker["workers"]) {
      out += fmt::format("{:<40} {:>9} {:>7}ms  {}\n", clip(w["id"].get<std::string>(), 40),
                         w["holding"].get<int64_t>(), w["silent_ms"].get<int64_t>(),
                         bar(w["holding"].get<double>(), w["capacity"].get<double>(), 20));
    }
  } else {
    out += "broker    (unknown: start the sink with --broker-http to see queue and workers)\n";
  }
  for (const auto& p : s.value("producers", nlohmann::json::array())) out += producer_lines(p);
  out += "\nLATEST STATEMENTS\n";
  int shown = 0;
  for (const auto& u : s["recent"]) {
    if (shown++ == 8) break;
    const std::string who = u["speaker"].is_object() ? u["speaker"]["name"].get<std::string>()
                                                     : std::string("(unattributed)");
    out += fmt::format("  {:<28} {}\n", clip(who, 28), clip(u["text"].get<std::string>(), 90));
  }
  return out;
}

}  // namespace

void add_top_command(CLI::App& app) {
  struct Options {
    std::string sink = "http://127.0.0.1:8080";
    double interval_s = 1.0;
    int iterations = 0;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("top", "Watch throughput, latency, workers and statements live");
  cmd->add_option("--sink-http", options->sink, "the sink's HTTP address")->capture_default_str();
  cmd->add_option("--interval", options->interval_s, "seconds between refreshes")
      ->check(CLI::Range(0.1, 60.0))
      ->capture_default_str();
  cmd->add_option("-n,--iterations", options->iterations, "stop after this many (0: until ^C)");
  cmd->callback([options] {
    auto stop = install_stop_signals();
    httplib::Client client(options->sink);
    client.set_connection_timeout(1, 0);
    client.set_read_timeout(2, 0);
    const bool tty = isatty(STDOUT_FILENO);
    for (int i = 0; !stop.stop_requested() && (options->iterations == 0 || i < options->iterations);
         ++i) {
      auto res = client.Get("/api/stats");
      std::string text;
      if (!res || res->status != 200) {
        text = fmt::format("quotewire top — {} unreachable ({}), retrying…\n", options->sink,
                           res ? std::to_string(res->status) : httplib::to_string(res.error()));
      } else {
        auto stats = nlohmann::json::parse(res->body, nullptr, false);
        text =
            stats.is_discarded() ? "malformed stats from the sink\n" : screen(stats, options->sink);
      }
      // Redraw in place on a terminal; plain successive frames when piped.
      fmt::print("{}{}", tty ? "\x1b[H\x1b[2J" : (i ? "\n" : ""), text);
      std::fflush(stdout);
      std::this_thread::sleep_for(std::chrono::duration<double>(options->interval_s));
    }
  });
}

}  // namespace quotewire::app
