// The fault suite (Kafka system tests / Jepsen style): run the real processes on loopback, cause
// one fault while thousands of articles are in flight, heal it, and check the invariants:
//   acknowledged - stored = ∅, stored ⊆ published, aggregates = a fault-free run's,
//   duplicates applied = 0 (delivered: counted, allowed), the producer's memory and lag stay
//   bounded while a consumer stalls, throughput back within 10 s of the heal.
// One table row per scenario and run, then "N passed, N failed"; exit status 1 on any failure.
//
//   fault_suite [--runs 5] [--articles 10000] [--seed 42] [--scenario NAME]... [--keep DIR]
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <httplib.h>

#include "sink/database.h"
#include "sink/queries.h"
#include "tests/support/corpus.h"
#include "tests/support/postgres.h"
#include "tests/support/process.h"
#include "tests/support/prometheus.h"
#include "transport/clock.h"
#include "transport/security.h"

// AddressSanitizer's own memory makes RSS meaningless as a bound (g++ and clang say so apart).
#if defined(__SANITIZE_ADDRESS__)
#define QW_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QW_UNDER_ASAN 1
#endif
#endif

namespace quotewire::fault {
namespace {

using namespace std::chrono_literals;
using testing::Process;
using transport::unix_ms;

constexpr const char* kCrashMarker = "POISON-PILL-CRASH";
constexpr const char* kHangMarker = "POISON-PILL-HANG";
constexpr int64_t kHeartbeatMs = 200;  // × liveness 3: a silent worker is dead after 600 ms
constexpr int kWindow = 1000;

struct Options {
  int runs = 5;
  size_t articles = 10000;
  uint32_t seed = 42;
  std::vector<std::string> scenarios;
  std::string keep;  // keep each run's directory (logs, databases) under here
};

int run_command(const std::string& command) {
  return std::system(command.c_str());
}

// Machines on one machine: network namespaces, each host joined to the hub by its own veth
// link (10.77.N.1 on the hub's side, 10.77.N.2 on host N's), so one host's link can be cut
// while the others carry on.
class Hosts {
 public:
  // Null, with the reason, where namespaces cannot be made (not root, no permission).
  static std::unique_ptr<Hosts> create(int count, std::string& why_not) {
    if (geteuid() != 0) {
      why_not = "needs root for ip netns";
      return nullptr;
    }
    auto hosts = std::unique_ptr<Hosts>(new Hosts(count));
    if (!hosts->build()) {
      why_not = "ip netns / veth set-up failed (no permission for namespaces here?)";
      return nullptr;
    }
    return hosts;
  }
  ~Hosts() {
    for (int n = 0; n <= count_; ++n)
      run_command(fmt::format("ip netns delete {} 2>/dev/null", ns(n)));
  }
  Hosts(const Hosts&) = delete;
  Hosts& operator=(const Hosts&) = delete;

  std::string hub() const { return ns(0); }
  std::string host(int n) const { return ns(n); }
  static std::string hub_address(int n) { return fmt::format("10.77.{}.1", n); }
  // Takes host N's end of its link down (packets to and from it are lost) or up again.
  void set_link(int n, bool up) const {
    if (run_command(
            fmt::format("ip -n {} link set {} {}", ns(n), link(n, 'b'), up ? "up" : "down")) != 0) {
      throw std::runtime_error(
          fmt::format("could not set host {}'s link {}", n, up ? "up" : "down"));
    }
  }

 private:
  explicit Hosts(int count) : count_(count), prefix_(fmt::format("qw{}", getpid())) {}
  std::string ns(int n) const {
    return n == 0 ? prefix_ + "hub" : fmt::format("{}h{}", prefix_, n);
  }
  // Interface names stay within the kernel's 15 characters.
  std::string link(int n, char side) const { return fmt::format("{}{}{}", prefix_, side, n); }

  bool build() const {
    for (int n = 0; n <= count_; ++n) {
      if (run_command(fmt::format("ip netns add {} && ip -n {} link set lo up", ns(n), ns(n))) !=
          0) {
        return false;
      }
    }
    for (int n = 1; n <= count_; ++n) {
      const std::string a = link(n, 'a'), b = link(n, 'b');
      if (run_command(fmt::format(
              "ip link add {a} netns {hub} type veth peer name {b} netns {host} && "
              "ip -n {hub} addr add 10.77.{n}.1/24 dev {a} && ip -n {hub} link set {a} up && "
              "ip -n {host} addr add 10.77.{n}.2/24 dev {b} && ip -n {host} link set {b} up",
              fmt::arg("a", a), fmt::arg("b", b), fmt::arg("hub", ns(0)), fmt::arg("host", ns(n)),
              fmt::arg("n", n))) != 0) {
        return false;
      }
    }
    return true;
  }

  int count_;
  std::string prefix_;
};

// Where each role of a run lives: its network namespace ("" = this one), the address the
// servers bind and the address each client reaches them by, and the CURVE flags of each.
// Loopback and no keys unless a scenario says otherwise.
struct Placement {
  std::string hub_ns;  // broker and sink
  std::array<std::string, 2> worker_ns;
  std::string producer_ns;
  std::string bind_host = "127.0.0.1";
  std::array<std::string, 2> worker_route{"127.0.0.1", "127.0.0.1"};
  std::string producer_route = "127.0.0.1";
  std::vector<std::string> server_security, worker_security, producer_security;
  const Hosts* hosts = nullptr;  // when the roles live on separate hosts

  static Placement all_in(const std::string& ns) {
    return {.hub_ns = ns, .worker_ns = {ns, ns}, .producer_ns = ns};
  }
};

// The processes of one run: sink (or two, sharing a PostgreSQL database), broker, two workers,
// one producer; a supervisor restarts workers that exit, as systemd would.
class Cluster {
 public:
  static constexpr int kMaxSinks = 2;

  Cluster(std::filesystem::path dir, std::filesystem::path corpus, Placement placement)
      : dir_(std::move(dir)), corpus_(std::move(corpus)), at_(std::move(placement)) {}

  std::vector<std::string> sink_args;    // extra flags
  std::vector<std::string> worker_args;  // extra flags
  int sinks = 1;                         // workers are given every one's endpoint
  std::string note;                      // what the fault showed, for the scenario's row

  // The run's store: a new database on a PostgreSQL server of its own instead of a SQLite file.
  void use_postgres() {
    postgres_.emplace();
    db_ = postgres_->create_database();
  }

  void start_sink(int i = 0) {
    const auto& ports = sink_ports_[static_cast<size_t>(i)];
    std::vector<std::string> args{"sink",
                                  "--db",
                                  db(),
                                  "--results",
                                  bind(ports.results),
                                  "--updates",
                                  bind(ports.updates),
                                  "--snapshots",
                                  bind(ports.snapshots),
                                  "--http",
                                  "off",
                                  "--log-level",
                                  "warn"};
    args.insert(args.end(), sink_args.begin(), sink_args.end());
    args.insert(args.end(), at_.server_security.begin(), at_.server_security.end());
    sinks_[i] = spawn(args, sink_log_name(i), at_.hub_ns);
  }
  void start_broker() {
    std::vector<std::string> args{"broker",
                                  "--frontend",
                                  bind(frontend_),
                                  "--backend",
                                  bind(backend_),
                                  "--http",
                                  "off",
                                  "--heartbeat-ms",
                                  std::to_string(kHeartbeatMs),
                                  "--log-level",
                                  "warn"};
    args.insert(args.end(), at_.server_security.begin(), at_.server_security.end());
    broker_ = spawn(args, "broker", at_.hub_ns);
  }
  void start_worker(int i) {
    const std::string& route = at_.worker_route[static_cast<size_t>(i)];
    std::vector<std::string> args{"worker", "--broker", testing::tcp_endpoint(route, backend_)};
    for (int s = 0; s < sinks; ++s) {
      args.insert(args.end(), {"--sink", testing::tcp_endpoint(
                                             route, sink_ports_[static_cast<size_t>(s)].results)});
    }
    args.insert(args.end(),
                {"--id", fmt::format("w{}", i), "--heartbeat-ms", std::to_string(kHeartbeatMs),
                 "--sink-timeout-ms", "1000", "--log-level", "warn"});
    args.insert(args.end(), worker_args.begin(), worker_args.end());
    args.insert(args.end(), at_.worker_security.begin(), at_.worker_security.end());
    workers_[i] = spawn(args, fmt::format("worker-{}", i), at_.worker_ns[static_cast<size_t>(i)]);
  }
  void start_publisher() {
    std::vector<std::string> args{"publish",
                                  "--broker",
                                  testing::tcp_endpoint(at_.producer_route, frontend_),
                                  "--producer-id",
                                  "fault-suite",
                                  "--retry-ms",
                                  "2000",
                                  "--window",
                                  std::to_string(kWindow),
                                  "--ack-log",
                                  (dir_ / "acks.log").string(),
                                  "--http",
                                  std::to_string(publisher_port_),
                                  "--log-level",
                                  "warn"};
    args.insert(args.end(), at_.producer_security.begin(), at_.producer_security.end());
    args.push_back(corpus_.string());
    publisher_ = spawn(args, "publish", at_.producer_ns);
  }
  void start_all() {
    for (int i = 0; i < sinks; ++i) start_sink(i);
    start_broker();
    start_worker(0);
    start_worker(1);
    start_publisher();
  }

  // Restarts workers that exited (after a crash or the watchdog), half a second later.
  void supervise() {
    for (auto& [i, worker] : workers_) {
      if (worker && !worker->running()) {
        if (!died_at_.contains(i)) died_at_[i] = transport::steady_ms();
        if (transport::steady_ms() - died_at_[i] >= 500) {
          died_at_.erase(i);
          ++restarts_;
          start_worker(i);
        }
      }
    }
  }

  // Waits for `condition`, supervising meanwhile.
  bool wait(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      supervise();
      sample_publisher();
      std::this_thread::sleep_for(20ms);
    }
    return true;
  }

  // The publisher's resident memory (VmRSS) and lag, sampled while it runs.
  void sample_publisher() {
    if (!publisher_ || !publisher_->running()) return;
    if (transport::steady_ms() >= next_lag_sample_ms_) {
      next_lag_sample_ms_ = transport::steady_ms() + 200;
      httplib::Client client("127.0.0.1", publisher_port_);
      client.set_connection_timeout(0, 200000);
      if (auto res = client.Get("/metrics"); res && res->status == 200) {
        auto m = testing::prometheus_samples(res->body);
        max_publisher_lag_ =
            std::max(max_publisher_lag_, static_cast<int64_t>(m["quotewire_producer_lag"]));
      }
    }
    std::ifstream status(fmt::format("/proc/{}/status", publisher_->pid()));
    for (std::string line; std::getline(status, line);) {
      if (line.starts_with("VmRSS:")) {
        max_publisher_rss_kb_ = std::max(max_publisher_rss_kb_, std::stol(line.substr(6)));
      }
    }
  }

  int64_t stored() {
    try {
      // One connection for all the polls: each PostgreSQL connection costs a server process.
      if (!queries_) queries_.emplace(db_);
      const auto t = queries_->totals();
      return t.articles + t.dead_letters;
    } catch (const std::exception&) {
      queries_.reset();  // opened again next time: the database may not be there yet, or be back
      return 0;
    }
  }

  // A SQLite file, or a postgresql:// URI after use_postgres().
  const std::string& db() const { return db_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::unique_ptr<Process>& sink(int i = 0) { return sinks_[i]; }
  std::string sink_log(int i = 0) const {
    return testing::read_file(dir_ / (sink_log_name(i) + ".log"));
  }
  testing::PostgresServer& postgres() { return *postgres_; }
  // Every role's process, for stopping them all.
  std::vector<std::unique_ptr<Process>*> servers_and_workers() {
    std::vector<std::unique_ptr<Process>*> out;
    for (auto& [i, p] : sinks_) out.push_back(&p);
    out.push_back(&broker_);
    for (auto& [i, p] : workers_) out.push_back(&p);
    return out;
  }
  std::unique_ptr<Process>& broker() { return broker_; }
  std::unique_ptr<Process>& worker(int i) { return workers_[i]; }
  std::unique_ptr<Process>& publisher() { return publisher_; }
  int restarts() const { return restarts_; }
  long max_publisher_rss_kb() const { return max_publisher_rss_kb_; }
  int64_t max_publisher_lag() const { return max_publisher_lag_; }
  int publisher_port() const { return publisher_port_; }
  const Hosts& hosts() const { return *at_.hosts; }

 private:
  std::string bind(int port) const { return testing::tcp_endpoint(at_.bind_host, port); }
  static std::string sink_log_name(int i) { return i == 0 ? "sink" : fmt::format("sink-{}", i); }

  std::unique_ptr<Process> spawn(std::vector<std::string> args, const std::string& name,
                                 const std::string& netns) {
    const auto log = dir_ / (name + ".log");
    if (netns.empty()) return std::make_unique<Process>(args, log);
    args.insert(args.begin(), {"netns", "exec", netns, QUOTEWIRE_BINARY});
    return std::make_unique<Process>(args, log, std::filesystem::path(), "/usr/sbin/ip");
  }

  std::filesystem::path dir_;
  std::filesystem::path corpus_;
  Placement at_;
  std::string db_ = (dir_ / "sink.db").string();
  std::optional<testing::PostgresServer> postgres_;  // outlives the processes using it
  std::optional<sink::Queries> queries_;
  struct SinkPorts {
    int results = testing::free_port();
    int updates = testing::free_port();
    int snapshots = testing::free_port();
  };
  std::array<SinkPorts, kMaxSinks> sink_ports_;
  int frontend_ = testing::free_port();
  int backend_ = testing::free_port();
  int publisher_port_ = testing::free_port();
  std::map<int, std::unique_ptr<Process>> sinks_;
  std::unique_ptr<Process> broker_, publisher_;
  std::map<int, std::unique_ptr<Process>> workers_;
  std::map<int, int64_t> died_at_;
  int restarts_ = 0;
  long max_publisher_rss_kb_ = 0;
  int64_t max_publisher_lag_ = 0;
  int64_t next_lag_sample_ms_ = 0;
};

// When the fault began and when it was healed (unix ms), for the throughput windows.
struct Timeline {
  int64_t start = 0, fault = 0, heal = 0, end = 0;
};

struct Scenario {
  std::string name;
  std::string description;
  // Set-up before start (extra flags), then the fault and its heal while articles flow.
  std::function<void(Cluster&)> configure = [](Cluster&) {};
  std::function<void(Cluster&, Timeline&, std::mt19937&)> inject;
  bool runs_to_completion = true;  // false: the fault ends the run (SIGINT)
  // Where the processes run: loopback here, loopback in a namespace with netem on it, or
  // four hosts (namespaces joined by veth links, everything over CURVE).
  enum class Network { loopback, netem, hosts } network = Network::loopback;
  bool postgres = false;  // the store is a PostgreSQL database of the run's own
  // What it checks besides the invariants, once the processes have stopped (their logs).
  std::function<void(Cluster&, std::vector<std::string>& failures)> check =
      [](Cluster&, std::vector<std::string>&) {};
};

struct Row {
  std::string scenario;
  int run = 0;
  int64_t published = 0, acknowledged = 0, stored = 0, lost = 0, dup_delivered = 0, dup_applied = 0,
          dead_lettered = 0;
  double recovery_s = 0, before = 0, during = 0, after = 0;
  bool passed = true;
  std::vector<std::string> failures;
  std::string note;
};

void kill_and_wait(std::unique_ptr<Process>& p, int sig = SIGKILL) {
  p->signal(sig);
  p->wait(5s);
}

// Waits until `fraction` of the corpus is stored: the fault then hits a stream in full flow.
void until_share_stored(Cluster& c, size_t articles, double fraction) {
  c.wait([&] { return c.stored() >= static_cast<int64_t>(articles * fraction); }, 120s);
}

// The sink's log tells an operator of a database outage once, with its reason (again only when
// the reason changes), and once that it is over; not a line per batch re-sent meanwhile.
void expect_outage_logged(const std::string& log, const std::string& reason,
                          std::vector<std::string>& failures) {
  std::vector<std::string> errors;
  int ends = 0;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (const auto at = line.find("sink: cannot store results"); at != line.npos) {
      errors.push_back(line.substr(at));
    }
    ends += line.find("sink: the database takes results again") != line.npos;
  }
  if (std::none_of(errors.begin(), errors.end(),
                   [&](const std::string& e) { return e.find(reason) != e.npos; })) {
    failures.push_back(fmt::format("the sink's log does not say \"{}\"", reason));
  }
  if (std::adjacent_find(errors.begin(), errors.end()) != errors.end()) {
    failures.push_back("the sink's log repeats its outage message");
  }
  if (ends != 1) failures.push_back(fmt::format("the sink's log ends {} outages, not 1", ends));
}

// A fault in full flow that lasts 3 s: `cause` once a fifth of the corpus is stored, `heal` after.
std::function<void(Cluster&, Timeline&, std::mt19937&)> three_seconds_of(
    size_t articles, std::function<void(Cluster&)> cause, std::function<void(Cluster&)> heal) {
  return [=](Cluster& c, Timeline& t, std::mt19937&) {
    until_share_stored(c, articles, 0.2);
    t.fault = unix_ms();
    cause(c);
    c.wait([] { return false; }, 3s);
    heal(c);
    t.heal = unix_ms();
  };
}

std::vector<Scenario> scenarios(size_t articles) {
  std::vector<Scenario> all;
  all.push_back({.name = "kill-worker",
                 .description = "kill -9 one of two workers; its supervisor restarts it",
                 .inject = [articles](Cluster& c, Timeline& t, std::mt19937&) {
                   until_share_stored(c, articles, 0.2);
                   t.fault = unix_ms();
                   c.worker(0)->signal(SIGKILL);
                   c.wait([&] { return !c.worker(0)->running(); }, 5s);
                   c.wait([&] { return c.worker(0)->running() && c.restarts() > 0; }, 10s);
                   t.heal = unix_ms();
                 }});
  all.push_back({.name = "kill-worker-5x",
                 .description = "kill -9 a worker five times in a row",
                 .inject = [articles](Cluster& c, Timeline& t, std::mt19937& random) {
                   until_share_stored(c, articles, 0.1);
                   t.fault = unix_ms();
                   for (int k = 0; k < 5; ++k) {
                     const int restarts = c.restarts();
                     c.worker(0)->signal(SIGKILL);
                     c.wait([&] { return c.restarts() > restarts; }, 10s);
                     std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 400));
                   }
                   t.heal = unix_ms();
                 }});
  all.push_back({.name = "stop-worker",
                 .description = "SIGSTOP a worker past the liveness window, then SIGCONT",
                 .inject = [articles](Cluster& c, Timeline& t, std::mt19937&) {
                   until_share_stored(c, articles, 0.2);
                   t.fault = unix_ms();
                   c.worker(0)->signal(SIGSTOP);
                   c.wait([] { return false; }, std::chrono::milliseconds(kHeartbeatMs * 3 + 1500));
                   c.worker(0)->signal(SIGCONT);  // its late results must not double-count
                   t.heal = unix_ms();
                 }});
  all.push_back({.name = "kill-broker",
                 .description = "kill -9 the broker, restart it a second later",
                 .inject = [articles](Cluster& c, Timeline& t, std::mt19937&) {
                   until_share_stored(c, articles, 0.2);
                   t.fault = unix_ms();
                   kill_and_wait(c.broker());
                   c.wait([] { return false; }, 1s);
                   c.start_broker();
                   t.heal = unix_ms();
                 }});
  all.push_back({.name = "kill-sink",
                 .description = "kill -9 the sink, restart it a second later",
                 .inject = [articles](Cluster& c, Timeline& t, std::mt19937&) {
                   until_share_stored(c, articles, 0.2);
                   t.fault = unix_ms();
                   kill_and_wait(c.sink());
                   c.wait([] { return false; }, 1s);
                   c.start_sink();
                   t.heal = unix_ms();
                 }});
  all.push_back({.name = "sigint-all",
                 .description = "SIGINT to every process with work in flight",
                 .inject =
                     [articles](Cluster& c, Timeline& t, std::mt19937&) {
                       until_share_stored(c, articles, 0.3);
                       t.fault = t.heal = unix_ms();
                       std::vector<Process*> all{c.publisher().get(), c.worker(0).get(),
                                                 c.worker(1).get(), c.broker().get(),
                                                 c.sink().get()};
                       for (auto* p : all) p->signal(SIGINT);
                       for (auto* p : all) {
                         if (p->wait(3s) < 0) {
                           throw std::runtime_error(
                               fmt::format("pid {} still running 3 s after SIGINT", p->pid()));
                         }
                       }
                     },
                 .runs_to_completion = false});
  all.push_back({.name = "slow-sink",
                 .description = "the sink takes 100 ms per commit: backpressure to the producer",
                 .configure =
                     [](Cluster& c) {
                       c.sink_args = {"--fault-commit-delay-ms", "100"};
                     },
                 .inject =
                     [](Cluster& c, Timeline& t, std::mt19937&) {
                       t.fault = unix_ms();
                       c.wait([&] { return !c.publisher()->running(); }, 600s);
                       t.heal = unix_ms();
                     }});
  all.push_back({.name = "poison",
                 .description = "an article that crashes, and one that hangs, every extractor",
                 .configure =
                     [](Cluster& c) {
                       c.worker_args = {"--fault-crash-on",     kCrashMarker,
                                        "--fault-hang-on",      kHangMarker,
                                        "--extract-timeout-ms", "1000"};
                     },
                 .inject =
                     [](Cluster& c, Timeline& t, std::mt19937&) {
                       t.fault = unix_ms();
                       c.wait([&] { return !c.publisher()->running(); }, 600s);
                       t.heal = unix_ms();
                     }});
  all.push_back({.name = "netem",
                 .description = "20 ms ± 10 ms delay and 2% loss on loopback (tc netem, netns)",
                 .inject =
                     [](Cluster& c, Timeline& t, std::mt19937&) {
                       t.fault = unix_ms();
                       c.wait([&] { return !c.publisher()->running(); }, 600s);
                       t.heal = unix_ms();
                     },
                 .network = Scenario::Network::netem});
  all.push_back({.name = "cut-link",
                 .description = "broker+sink, two worker hosts and a producer host over CURVE; "
                                "one worker host's link down for 3 s",
                 .inject = three_seconds_of(
                     articles, [](Cluster& c) { c.hosts().set_link(1, false); },
                     [](Cluster& c) { c.hosts().set_link(1, true); }),
                 .network = Scenario::Network::hosts});
  all.push_back({.name = "pg-sink-kill",
                 .description = "two sinks on one PostgreSQL database, workers given both; kill -9 "
                                "one, restart it a second later",
                 .configure = [](Cluster& c) { c.sinks = 2; },
                 .inject =
                     [articles](Cluster& c, Timeline& t, std::mt19937&) {
                       until_share_stored(c, articles, 0.2);
                       t.fault = unix_ms();
                       kill_and_wait(c.sink(0));
                       // The other sink carries on alone: workers re-send what the dead one
                       // held to it.
                       const int64_t at_kill = c.stored();
                       const auto all = static_cast<int64_t>(articles);
                       if (!c.wait([&] { return c.stored() > std::min(at_kill, all - 1); }, 5s)) {
                         throw std::runtime_error("nothing stored within 5 s of the kill");
                       }
                       c.note = fmt::format("the other sink stored again {} ms after the kill",
                                            unix_ms() - t.fault);
                       c.wait([] { return false; }, 1s);
                       c.start_sink(0);  // as its supervisor would
                       t.heal = unix_ms();
                     },
                 .postgres = true});
  all.push_back({.name = "pg-restart",
                 .description = "PostgreSQL stopped (immediate) mid-run, started 3 s later",
                 .inject = three_seconds_of(
                     articles, [](Cluster& c) { c.postgres().stop(); },
                     [](Cluster& c) { c.postgres().start(); }),
                 .postgres = true,
                 .check = [](Cluster& c, std::vector<std::string>& failures) {
                   expect_outage_logged(c.sink_log(), "PostgreSQL connection lost", failures);
                 }});
  // A full disk takes the same path (the server refuses the transaction, nothing is
  // acknowledged, the batch comes again), without ending the sessions.
  all.push_back({.name = "pg-read-only",
                 .description = "the PostgreSQL database refuses writes for 3 s (read-only, "
                                "sessions ended), then takes them again",
                 .inject = three_seconds_of(
                     articles, [](Cluster& c) { c.postgres().set_read_only(c.db(), true, true); },
                     [](Cluster& c) { c.postgres().set_read_only(c.db(), false, false); }),
                 .postgres = true,
                 .check = [](Cluster& c, std::vector<std::string>& failures) {
                   expect_outage_logged(c.sink_log(), "read-only transaction", failures);
                 }});
  return all;
}

// A network namespace with netem on its loopback; empty (and a reason) when not allowed here.
std::string make_netns(const std::string& name, std::string& why_not) {
  if (geteuid() != 0) {
    why_not = "needs root for ip netns";
    return {};
  }
  if (run_command(fmt::format("ip netns add {} 2>/dev/null", name)) != 0) {
    why_not = "ip netns add failed (no permission for namespaces here?)";
    return {};
  }
  if (run_command(fmt::format("ip netns exec {} ip link set lo up", name)) != 0 ||
      run_command(fmt::format("ip netns exec {} tc qdisc add dev lo root netem delay 20ms 10ms "
                              "loss 2% 2>/dev/null",
                              name)) != 0) {
    run_command(fmt::format("ip netns delete {}", name));
    why_not = "tc netem unavailable (kernel module sch_netem?)";
    return {};
  }
  return name;
}

std::set<std::string> stored_ids(const std::string& db) {
  std::set<std::string> ids;
  sink::Database d(db, sink::Database::Mode::read_only);
  auto rows =
      d.prepare("SELECT article_id FROM articles UNION SELECT article_id FROM dead_letters");
  while (rows.step()) ids.insert(rows.text(0));
  return ids;
}

std::map<std::string, int64_t> statements_per_article(const std::string& db) {
  std::map<std::string, int64_t> out;
  sink::Database d(db, sink::Database::Mode::read_only);
  auto rows = d.prepare("SELECT article_id, count(*) FROM statements GROUP BY article_id");
  while (rows.step()) out[rows.text(0)] = rows.int64(1);
  return out;
}

// Stored articles per second in [from, to), from the sink's own timestamps.
double rate(const std::string& db, int64_t from, int64_t to) {
  if (to <= from) return 0;
  sink::Database d(db, sink::Database::Mode::read_only);
  auto row = d.prepare("SELECT count(*) FROM articles WHERE stored_ms >= ?1 AND stored_ms < ?2");
  row.bind(1, from).bind(2, to);
  row.step();
  return static_cast<double>(row.int64(0)) * 1000.0 / static_cast<double>(to - from);
}

// Seconds after the heal until a 500 ms window stores at half the pre-fault rate again.
double recovery(const std::string& db, const Timeline& t, double before) {
  for (int64_t at = t.heal; at < t.end; at += 100) {
    if (rate(db, at, at + 500) >= before / 2) return static_cast<double>(at - t.heal) / 1000.0;
  }
  return static_cast<double>(t.end - t.heal) / 1000.0;
}

std::string actors_json(const std::string& db) {
  std::string out;
  testing::run_quotewire({"actors", "--db", db, "--json"}, &out);
  return out;
}

class Suite {
 public:
  explicit Suite(Options options) : options_(std::move(options)), root_(make_root()) {}

  int run() {
    prepare_corpus();
    std::vector<Row> rows;
    for (const auto& scenario : scenarios(options_.articles)) {
      if (!options_.scenarios.empty() &&
          std::find(options_.scenarios.begin(), options_.scenarios.end(), scenario.name) ==
              options_.scenarios.end()) {
        continue;
      }
      for (int r = 1; r <= options_.runs; ++r) {
        rows.push_back(run_one(scenario, r));
        print_row(rows.back());
      }
    }
    const auto failed =
        std::count_if(rows.begin(), rows.end(), [](const Row& r) { return !r.passed; });
    const auto skipped = std::count_if(rows.begin(), rows.end(), [](const Row& r) {
      return r.passed && r.note.starts_with("skipped");
    });
    fmt::print("{} passed, {} failed{}\n", static_cast<long>(rows.size()) - failed - skipped,
               failed, skipped > 0 ? fmt::format(", {} skipped", skipped) : "");
    return failed == 0 ? 0 : 1;
  }

 private:
  std::filesystem::path make_root() {
    if (!options_.keep.empty()) {
      std::filesystem::create_directories(options_.keep);
      return options_.keep;
    }
    return temp_.path();
  }

  // The corpus: sample articles with distinct ids and dates, in a seeded order, with two
  // poison articles (no statements in them, so the reference aggregates hold for all runs).
  void prepare_corpus() {
    auto articles = testing::sample_corpus(options_.articles);
    std::mt19937 random(options_.seed);
    std::shuffle(articles.begin(), articles.end(), random);
    for (const char* marker : {kCrashMarker, kHangMarker}) {
      pb::Article poison;
      poison.set_article_id(fmt::format("poison-{}", marker));
      poison.set_published_unix_ms(1735689600000);
      poison.set_body(fmt::format("This article carries {} and no statement at all.", marker));
      articles.insert(articles.begin() + static_cast<long>(random() % articles.size()), poison);
    }
    corpus_ = root_ / "corpus.jsonl";
    testing::write_jsonl(articles, corpus_);
    published_ = articles.size();
    fmt::print("corpus: {} articles (seed {}), reference run ... ", published_, options_.seed);
    std::fflush(stdout);
    reference_db_ = (root_ / "reference.db").string();
    std::string out, err;
    if (testing::run_quotewire({"run", "--workers", "2", "--db", reference_db_, corpus_.string()},
                               &out, &err, 600s) != 0) {
      throw std::runtime_error("the fault-free reference run failed: " + err);
    }
    reference_actors_ = actors_json(reference_db_);
    reference_statements_ = statements_per_article(reference_db_);
    fmt::print("done\n\n{:<15} {:>4} {:>9} {:>6} {:>6} {:>4} {:>7} {:>7} {:>5} {:>8} {:>19}  {}\n",
               "SCENARIO", "RUN", "PUBLISHED", "ACKED", "STORED", "LOST", "DUP-DLV", "DUP-APP",
               "DEAD", "RECOVERY", "ART/S BEF/DUR/AFT", "RESULT");
  }

  Row run_one(const Scenario& scenario, int run) {
    Row row{.scenario = scenario.name, .run = run, .published = static_cast<int64_t>(published_)};
    const auto dir = root_ / fmt::format("{}-{}", scenario.name, run);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string netns;
    std::unique_ptr<Hosts> hosts;
    Placement placement;
    if (scenario.network != Scenario::Network::loopback) {
      std::string why_not;
      if (scenario.network == Scenario::Network::netem) {
        netns = make_netns(fmt::format("qwfault{}", getpid()), why_not);
        placement = Placement::all_in(netns);
      } else if ((hosts = Hosts::create(3, why_not))) {
        placement = on_hosts(*hosts, dir);
      }
      if (netns.empty() && !hosts) {
        row.note = "skipped: " + why_not;
        return row;
      }
    }
    if (scenario.postgres && testing::PostgresServer::binaries().empty()) {
      row.note = "skipped: PostgreSQL is not installed (scripts/bootstrap --tests installs it)";
      return row;
    }
    std::mt19937 random(options_.seed + static_cast<uint32_t>(run));
    Timeline t;
    try {
      Cluster cluster(dir, corpus_, placement);
      if (scenario.postgres) cluster.use_postgres();
      scenario.configure(cluster);
      t.start = unix_ms();
      cluster.start_all();
      scenario.inject(cluster, t, random);
      if (scenario.runs_to_completion) {
        if (!cluster.wait([&] { return !cluster.publisher()->running(); }, 600s)) {
          row.failures.push_back("publisher did not finish within 600 s");
        } else if (int code = cluster.publisher()->wait(1s); code != 0) {
          row.failures.push_back(fmt::format("publisher exited {}", code));
        }
      }
      t.end = unix_ms();
      if (scenario.name == "slow-sink") check_backpressure(cluster, row);
      for (auto* p : cluster.servers_and_workers()) {
        if (*p && (*p)->running()) (*p)->signal(SIGTERM);
      }
      for (auto* p : cluster.servers_and_workers()) {
        if (*p) (*p)->wait(5s);
      }
      scenario.check(cluster, row.failures);
      check_invariants(scenario, cluster, t, row);
      if (!cluster.note.empty()) row.note = cluster.note;
    } catch (const std::exception& e) {
      row.failures.push_back(e.what());
    }
    if (!netns.empty()) run_command(fmt::format("ip netns delete {}", netns));
    row.passed = row.failures.empty();
    if (row.passed && options_.keep.empty()) std::filesystem::remove_all(dir);
    return row;
  }

  // Broker and sink on the hub, worker i on host i+1, the producer on host 3; every
  // connection over CURVE with keys made for this run, both workers and the producer listed.
  static Placement on_hosts(const Hosts& hosts, const std::filesystem::path& dir) {
    const auto keys = dir / "keys";
    std::filesystem::create_directories(keys / "clients");
    auto make = [&](const std::string& name, bool client) {
      const auto base = (keys / name).string();
      transport::write_key_files(base, transport::generate_key_pair());
      if (client) std::filesystem::copy_file(base + ".pub", keys / "clients" / (name + ".pub"));
      return base;
    };
    const auto server = make("server", false);
    const auto worker = make("worker", true);
    const auto producer = make("producer", true);
    return {
        .hub_ns = hosts.hub(),
        .worker_ns = {hosts.host(1), hosts.host(2)},
        .producer_ns = hosts.host(3),
        .bind_host = "*",
        .worker_route = {Hosts::hub_address(1), Hosts::hub_address(2)},
        .producer_route = Hosts::hub_address(3),
        .server_security = {"--curve-key", server + ".key", "--curve-allow",
                            (keys / "clients").string()},
        .worker_security = {"--curve-key", worker + ".key", "--broker-key", server + ".pub",
                            "--sink-key", server + ".pub"},
        .producer_security = {"--curve-key", producer + ".key", "--broker-key", server + ".pub"},
        .hosts = &hosts};
  }

  void check_backpressure(Cluster& c, Row& row) {
    // The producer holds at most its window however slow the sink, and its memory stays
    // bounded (not judged under AddressSanitizer, whose quarantine alone holds 256 MB).
    const long rss_mb = c.max_publisher_rss_kb() / 1024;
    row.note = fmt::format("producer peak lag {} (window {}), peak RSS {} MB",
                           c.max_publisher_lag(), kWindow, rss_mb);
    if (c.max_publisher_lag() > kWindow || c.max_publisher_lag() == 0) {
      row.failures.push_back(
          fmt::format("producer lag {} outside (0, {}]", c.max_publisher_lag(), kWindow));
    }
#ifndef QW_UNDER_ASAN
    if (rss_mb > 150) row.failures.push_back(fmt::format("producer RSS grew to {} MB", rss_mb));
#endif
  }

  void check_invariants(const Scenario& scenario, Cluster& c, Timeline& t, Row& row) {
    std::set<std::string> acked;
    std::ifstream acks(c.dir() / "acks.log");
    for (std::string line; std::getline(acks, line);) acked.insert(line.substr(0, line.find('\t')));
    const auto stored = stored_ids(c.db());
    const auto totals = sink::Queries(c.db()).totals();
    row.acknowledged = static_cast<int64_t>(acked.size());
    row.stored = static_cast<int64_t>(stored.size());
    row.dead_lettered = totals.dead_letters;
    row.dup_delivered = totals.duplicates_delivered;
    for (const auto& id : acked) row.lost += !stored.contains(id);
    if (row.lost)
      row.failures.push_back(fmt::format("{} acknowledged articles not stored", row.lost));

    std::set<std::string> published;
    std::ifstream corpus(corpus_);
    for (std::string line; std::getline(corpus, line);) {
      published.insert(nlohmann::json::parse(line)["id"].get<std::string>());
    }
    for (const auto& id : stored) {
      if (!published.contains(id)) row.failures.push_back("stored but never published: " + id);
    }
    for (const auto& [id, n] : statements_per_article(c.db())) {
      const auto ref = reference_statements_.find(id);
      row.dup_applied += n - (ref == reference_statements_.end() ? 0 : ref->second);
    }
    if (row.dup_applied != 0) {
      row.failures.push_back(fmt::format("{} statements applied twice", row.dup_applied));
    }

    if (scenario.runs_to_completion) {
      if (row.acknowledged != row.published) {
        row.failures.push_back(
            fmt::format("{} of {} acknowledged", row.acknowledged, row.published));
      }
      if (actors_json(c.db()) != reference_actors_) {
        row.failures.push_back("per-actor aggregates differ from the fault-free run");
      }
      const bool poisoned = scenario.name == "poison";
      if (row.dead_lettered != (poisoned ? 2 : 0)) {
        row.failures.push_back(fmt::format("{} dead letters", row.dead_lettered));
      }
    }

    // "Before" starts with the first article stored, not with the processes' start-up.
    sink::Database d(c.db(), sink::Database::Mode::read_only);
    auto first = d.prepare("SELECT coalesce(min(stored_ms), 0) FROM articles");
    first.step();
    t.start = std::max(t.start, first.int64(0));
    row.before = rate(c.db(), t.start, t.fault);
    row.during = rate(c.db(), t.fault, std::max(t.heal, t.fault + 1));
    row.after = rate(c.db(), t.heal, t.end);
    if (scenario.runs_to_completion && t.fault > t.start && row.before > 0) {
      row.recovery_s = recovery(c.db(), t, row.before);
      if (row.recovery_s > 10) {
        row.failures.push_back(fmt::format("throughput back only after {:.1f} s", row.recovery_s));
      }
    }
  }

  void print_row(const Row& r) {
    std::string result = r.passed ? (r.note.starts_with("skipped") ? "SKIP" : "ok") : "FAIL";
    std::string detail = r.note;
    for (const auto& f : r.failures) detail += (detail.empty() ? "" : "; ") + f;
    fmt::print(
        "{:<15} {:>4} {:>9} {:>6} {:>6} {:>4} {:>7} {:>7} {:>5} {:>7.1f}s "
        "{:>6.0f}/{:>5.0f}/{:>6.0f}  {} {}\n",
        r.scenario, r.run, r.published, r.acknowledged, r.stored, r.lost, r.dup_delivered,
        r.dup_applied, r.dead_lettered, r.recovery_s, r.before, r.during, r.after, result, detail);
    std::fflush(stdout);
  }

  Options options_;
  testing::TempDir temp_;
  std::filesystem::path root_;
  std::filesystem::path corpus_;
  size_t published_ = 0;
  std::string reference_db_;
  std::string reference_actors_;
  std::map<std::string, int64_t> reference_statements_;
};

}  // namespace
}  // namespace quotewire::fault

int main(int argc, char** argv) {
  quotewire::fault::Options options;
  CLI::App app{"quotewire fault suite: cause faults under load, check the invariants"};
  app.add_option("--runs", options.runs, "runs per scenario")->capture_default_str();
  app.add_option("--articles", options.articles, "articles per run")->capture_default_str();
  app.add_option("--seed", options.seed, "seed for the corpus order and fault timing")
      ->capture_default_str();
  app.add_option("--scenario", options.scenarios, "run only these (default: all)");
  app.add_option("--keep", options.keep, "keep every run's logs and databases here");
  CLI11_PARSE(app, argc, argv);
  try {
    return quotewire::fault::Suite(options).run();
  } catch (const std::exception& e) {
    fmt::print(stderr, "fault suite: {}\n", e.what());
    return 2;
  }
}
