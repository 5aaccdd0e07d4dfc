// CurveZMQ across hosts: only listed clients get work in or results out, tampered or replayed
// bytes kill the connection instead of reaching the application, and nothing serves a
// non-loopback address without keys unless told --insecure.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "broker/broker.h"
#include "producers/publisher.h"
#include "sink/queries.h"
#include "sink/sink.h"
#include "tests/support/corpus.h"
#include "tests/support/process.h"
#include "transport/envelope.h"
#include "transport/security.h"
#include "transport/socket.h"
#include "transport/topics.h"
#include "workers/worker.h"

namespace quotewire::transport {
namespace {

using namespace std::chrono_literals;
using testing::free_port;
using testing::tcp_endpoint;
using testing::wait_until;

// A TCP relay between a client and a server that lets a test alter the client's bytes.
class Relay {
 public:
  // Called with each chunk from client to server; may change it, return extra copies, etc.
  using Tamper = std::function<std::vector<std::string>(std::string chunk, int64_t ms_open)>;

  Relay(int upstream_port, Tamper tamper) : upstream_(upstream_port), tamper_(std::move(tamper)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(listener_, 4);
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
  }
  ~Relay() {
    thread_.request_stop();
    thread_.join();
    close(listener_);
  }
  int port() const { return port_; }
  // Connections the server closed right after the relay altered what the client sent.
  int server_closes_after_tampering() const { return closes_after_tampering_; }
  int tampered() const { return tampered_; }

 private:
  void run(std::stop_token stop) {
    while (!stop.stop_requested()) {
      pollfd accept_poll{listener_, POLLIN, 0};
      if (poll(&accept_poll, 1, 50) <= 0) continue;
      const int client = accept(listener_, nullptr, nullptr);
      const int server = socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(static_cast<uint16_t>(upstream_));
      connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
      pump(client, server, stop);
      close(client);
      close(server);
    }
  }

  void pump(int client, int server, std::stop_token& stop) {
    const auto opened = std::chrono::steady_clock::now();
    bool altered = false;
    char buffer[65536];
    while (!stop.stop_requested()) {
      pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
      if (poll(fds, 2, 50) <= 0) continue;
      if (fds[0].revents) {
        const ssize_t n = read(client, buffer, sizeof buffer);
        if (n <= 0) return;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - opened)
                            .count();
        auto chunks = tamper_(std::string(buffer, static_cast<size_t>(n)), ms);
        if (chunks.size() != 1 || chunks[0] != std::string(buffer, static_cast<size_t>(n))) {
          altered = true;
          ++tampered_;
        }
        for (const auto& c : chunks) (void)!write(server, c.data(), c.size());
      }
      if (fds[1].revents) {
        const ssize_t n = read(server, buffer, sizeof buffer);
        if (n <= 0) {
          if (altered) ++closes_after_tampering_;
          return;
        }
        (void)!write(client, buffer, static_cast<size_t>(n));
      }
    }
  }

  int upstream_;
  Tamper tamper_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<int> tampered_{0};
  std::atomic<int> closes_after_tampering_{0};
  std::jthread thread_;
};

// Broker and sink on loopback TCP with CURVE, each in its own context (one ZAP handler each).
class Secured : public ::testing::Test {
 protected:
  Secured() {
    for (auto* k : {&broker_keys_, &sink_keys_, &worker_keys_, &second_worker_keys_,
                    &producer_keys_, &stranger_keys_}) {
      *k = generate_key_pair();
    }
    allow_broker(
        {worker_keys_.public_key, second_worker_keys_.public_key, producer_keys_.public_key});
    allow_sink({worker_keys_.public_key, second_worker_keys_.public_key});
    broker::BrokerConfig broker_config;
    broker_config.frontend = tcp_endpoint(free_port());
    broker_config.backend = tcp_endpoint(free_port());
    broker_config.heartbeat = {.interval_ms = 100, .liveness = 3};  // as the workers'
    broker_config.security = {.keys = broker_keys_,
                              .allowed = read_allowed_keys(broker_allowed_),
                              .allowed_path = broker_allowed_};
    broker_.emplace(broker_context_, broker_config);
    sink::SinkConfig sink_config;
    sink_port_ = free_port();
    sink_config.results = tcp_endpoint(sink_port_);
    sink_config.updates = tcp_endpoint(free_port());
    sink_config.snapshots = tcp_endpoint(free_port());
    sink_config.store.path = (dir_ / "sink.db").string();
    sink_config.security = {.keys = sink_keys_,
                            .allowed = read_allowed_keys(sink_allowed_),
                            .allowed_path = sink_allowed_};
    sink_.emplace(sink_context_, sink_config);
    broker_thread_ = std::jthread([this](std::stop_token s) { broker_->run(s); });
    sink_thread_ = std::jthread([this](std::stop_token s) { sink_->run(s); });
  }

  workers::WorkerConfig worker_config(const CurveKeyPair& keys, const std::string& sink) {
    workers::WorkerConfig c;
    c.broker = broker_->backend_endpoint();
    c.sinks = {sink};
    c.heartbeat = {.interval_ms = 100, .liveness = 3};
    c.sink_timeout_ms = 300;
    c.broker_security = {.keys = keys, .server_public_key = broker_keys_.public_key};
    c.sink_security = {.keys = keys, .server_public_key = sink_keys_.public_key};
    return c;
  }

  // A worker `id` that also serves /readyz and /healthz (a free loopback port).
  workers::WorkerConfig served_worker_config(const CurveKeyPair& keys, const std::string& id) {
    auto config = worker_config(keys, sink_->results_endpoint());
    config.worker_id = id;
    config.http = metrics::HttpSettings{};
    return config;
  }

  // GET `path` from a worker's HTTP server: status and body, or -1 without an answer.
  static std::pair<int, std::string> get(const workers::Worker& worker, const char* path) {
    httplib::Client client(worker.http_url());
    client.set_read_timeout(2, 0);
    auto response = client.Get(path);
    return response ? std::make_pair(response->status, response->body)
                    : std::make_pair(-1, std::string());
  }

  // Publishes `n` articles and waits up to `timeout` for all acknowledgements. A `batch` name
  // makes them new articles, not the same ones again.
  bool publish(size_t n, std::chrono::milliseconds timeout, const std::string& batch = "") {
    producers::PublisherConfig config;
    config.broker = broker_->frontend_endpoint();
    config.producer_id = "secure-producer";
    config.window.timeout_ms = 500;
    config.security = {.keys = producer_keys_, .server_public_key = broker_keys_.public_key};
    producers::Publisher publisher(producer_context_, config);
    struct Source : producers::ArticleSource {
      std::vector<pb::Article> articles;
      size_t i = 0;
      std::optional<pb::Article> next() override {
        if (i == articles.size()) return std::nullopt;
        return articles[i++];
      }
    } source;
    source.articles = testing::sample_corpus(n);
    for (auto& a : source.articles) a.set_article_id(batch + a.article_id());
    std::stop_source stop;
    std::jthread timer([&](std::stop_token s) {
      const auto deadline = std::chrono::steady_clock::now() + timeout;
      while (!s.stop_requested() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
      }
      stop.request_stop();
    });
    return publisher.run(source, stop.get_token());
  }

  int64_t stored() { return sink::Queries((dir_ / "sink.db").string()).totals().articles; }

  // The servers' allow-lists, as an operator edits them (one key per line); re-read while
  // they serve.
  static void write_allowed(const std::string& path, const std::vector<std::string>& lines) {
    const std::string next = path + ".new";  // whole or not at all, as an editor saves
    std::ofstream(next) << fmt::format("{}\n", fmt::join(lines, "\n"));
    std::filesystem::rename(next, path);
  }
  void allow_broker(const std::vector<std::string>& keys) { write_allowed(broker_allowed_, keys); }
  void allow_sink(const std::vector<std::string>& keys) { write_allowed(sink_allowed_, keys); }

  testing::TempDir dir_;
  const std::string broker_allowed_ = (dir_ / "broker-clients.pub").string();
  const std::string sink_allowed_ = (dir_ / "sink-clients.pub").string();
  CurveKeyPair broker_keys_, sink_keys_, worker_keys_, second_worker_keys_, producer_keys_,
      stranger_keys_;
  zmq::context_t broker_context_{1}, sink_context_{1}, worker_context_{1}, producer_context_{1};
  std::optional<broker::Broker> broker_;
  std::optional<sink::Sink> sink_;
  int sink_port_ = 0;
  std::jthread broker_thread_, sink_thread_;
};

TEST_F(Secured, ListedClientsGetEveryArticleThroughEncrypted) {
  workers::Worker worker(worker_context_, worker_config(worker_keys_, sink_->results_endpoint()));
  std::jthread thread([&](std::stop_token s) { worker.run(s); });
  EXPECT_TRUE(publish(20, 20s));
  EXPECT_EQ(stored(), 20);
}

TEST_F(Secured, AnUnlistedWorkerGetsNoArticlesAndStoresNoResults) {
  workers::Worker stranger(worker_context_,
                           worker_config(stranger_keys_, sink_->results_endpoint()));
  std::jthread thread([&](std::stop_token s) { stranger.run(s); });
  EXPECT_FALSE(publish(5, 2s));  // nobody may take them
  EXPECT_EQ(broker_->probe().dispatched, 0u);
  EXPECT_EQ(broker_->probe().workers_alive, 0);

  // Straight to the sink with a well-formed result: refused at the handshake.
  auto dealer = make_socket(worker_context_, zmq::socket_type::dealer, {.routing_id = "x"});
  secure_client(dealer, {.keys = stranger_keys_, .server_public_key = sink_keys_.public_key});
  dealer.connect(sink_->results_endpoint());
  pb::Envelope result;
  result.mutable_extraction()->set_article_id("forged");
  send(dealer, {encode(result)});
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(stored(), 0);
  EXPECT_EQ(sink_->probe().results_received, 0u);
}

// /readyz is what an orchestrator counts: a worker whose key the broker refuses stays alive
// (/healthz) but never ready; a listed one is ready once the broker answers.
TEST_F(Secured, OnlyAWorkerTheBrokerAcceptsSaysItIsReady) {
  workers::Worker listed(worker_context_, served_worker_config(worker_keys_, "listed"));
  workers::Worker stranger(worker_context_, served_worker_config(stranger_keys_, "stranger"));
  std::jthread listed_thread([&](std::stop_token s) { listed.run(s); });
  std::jthread stranger_thread([&](std::stop_token s) { stranger.run(s); });
  EXPECT_TRUE(wait_until([&] { return get(listed, "/readyz").first == 200; }, 5s));
  std::this_thread::sleep_for(1s);  // the stranger's handshakes fail meanwhile
  const auto [status, body] = get(stranger, "/readyz");
  EXPECT_EQ(status, 503);
  EXPECT_NE(body.find("has not answered"), std::string::npos) << body;
  EXPECT_EQ(get(stranger, "/healthz").first, 200);
  EXPECT_EQ(get(listed, "/readyz").first, 200);
}

// Revoking a key is an edit of the allow-list, no restart: the broker drops the worker at its
// next message (its articles go to the others), the worker turns unready, and nothing is lost
// or stored twice.
TEST_F(Secured, ARevokedWorkerIsDroppedWhileConnectedAndTheOthersDoItsWork) {
  workers::Worker first(worker_context_, served_worker_config(worker_keys_, "revoked"));
  workers::Worker second(worker_context_, served_worker_config(second_worker_keys_, "kept"));
  std::jthread first_thread([&](std::stop_token s) { first.run(s); });
  std::jthread second_thread([&](std::stop_token s) { second.run(s); });
  ASSERT_TRUE(publish(20, 20s));
  ASSERT_TRUE(wait_until([&] { return broker_->probe().workers_alive == 2; }, 5s));

  allow_broker({second_worker_keys_.public_key, producer_keys_.public_key});
  allow_sink({second_worker_keys_.public_key});
  std::pair<int, std::string> readyz;
  EXPECT_TRUE(wait_until(
      [&] {
        // Under load the worker can also turn unready for a moment because the broker is slow
        // to answer; the revocation is the reason that must show.
        readyz = get(first, "/readyz");
        return readyz.first == 503 && readyz.second.find(kKeyRevoked) != std::string::npos;
      },
      10s))
      << readyz.first << " " << readyz.second;
  // The sink's refusal can turn the worker unready before the broker has seen its next message.
  EXPECT_TRUE(wait_until(
      [&] { return broker_->probe().refused_keys >= 1 && broker_->probe().workers_alive == 1; },
      10s))
      << "refused " << broker_->probe().refused_keys << ", alive "
      << broker_->probe().workers_alive;

  const uint64_t extracted_by_revoked = first.probe().extracted;
  EXPECT_TRUE(publish(20, 20s, "after-"));
  EXPECT_EQ(first.probe().extracted, extracted_by_revoked);
  EXPECT_EQ(stored(), 40);
}

// The sink side, on a connection opened while the key was listed: from the reload on, results
// are refused with the reason, neither stored nor acknowledged.
TEST_F(Secured, TheSinkRefusesResultsFromAKeyRevokedWhileConnected) {
  auto dealer = make_socket(worker_context_, zmq::socket_type::dealer, {.routing_id = "w"});
  secure_client(dealer, {.keys = worker_keys_, .server_public_key = sink_keys_.public_key});
  dealer.connect(sink_->results_endpoint());
  auto submit = [&](const std::string& id) -> pb::Envelope {
    pb::Envelope result;
    result.mutable_extraction()->set_article_id(id);
    result.mutable_extraction()->set_producer_id("p");
    send(dealer, {encode(result)});
    zmq::pollitem_t items[] = {{dealer.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, 2s);
    auto reply = receive(dealer);
    if (!reply) return {};
    auto decoded = decode(view(reply->back()));
    auto* envelope = std::get_if<pb::Envelope>(&decoded);
    return envelope ? *envelope : pb::Envelope{};
  };
  ASSERT_TRUE(submit("listed").has_ack());
  ASSERT_EQ(stored(), 1);

  allow_sink({second_worker_keys_.public_key});
  pb::Envelope reply;
  ASSERT_TRUE(wait_until(
      [&] {
        reply = submit("sent-around-the-reload");
        return reply.has_reject();
      },
      10s));
  EXPECT_EQ(reply.reject().reason(), kKeyRevoked);
  const int64_t before = stored();
  EXPECT_TRUE(submit("after").has_reject());
  EXPECT_EQ(stored(), before);
  EXPECT_GE(sink_->probe().refused_keys, 2u);
}

// Live updates go out on a PUB socket, which never hears from its readers: the sink closes every
// subscription when a key is revoked, and only the allowed subscribers come back.
TEST_F(Secured, ARevokedSubscriberLosesTheLiveFeedAtOnce) {
  auto subscriber = [&](const CurveKeyPair& keys) {
    auto socket = make_socket(worker_context_, zmq::socket_type::sub, {});
    secure_client(socket, {.keys = keys, .server_public_key = sink_keys_.public_key});
    socket.set(zmq::sockopt::subscribe, "");
    socket.connect(sink_->updates_endpoint());
    return socket;
  };
  // The topic of the next message within `timeout`, heartbeats skipped; empty without one.
  auto next_update = [](zmq::socket_t& socket, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0}};
      zmq::poll(items, 1, 50ms);
      while (auto frames = receive(socket)) {
        const std::string topic(view(frames->front()));
        if (topic != kHeartbeatTopic) return topic;
      }
    }
    return std::string();
  };
  auto heartbeat = [](zmq::socket_t& socket) {
    zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, 5s);
    return receive(socket).has_value();
  };
  auto revoked = subscriber(worker_keys_);
  auto kept = subscriber(second_worker_keys_);
  ASSERT_TRUE(heartbeat(revoked));
  ASSERT_TRUE(heartbeat(kept));

  auto dealer = make_socket(worker_context_, zmq::socket_type::dealer, {.routing_id = "w"});
  secure_client(dealer, {.keys = second_worker_keys_, .server_public_key = sink_keys_.public_key});
  dealer.connect(sink_->results_endpoint());
  int submitted = 0;
  auto submit_statement = [&] {
    pb::Envelope result;
    result.mutable_extraction()->set_article_id(fmt::format("after-revocation-{}", submitted++));
    result.mutable_extraction()->set_producer_id("p");
    result.mutable_extraction()->add_quotes()->set_text("the port stays closed");
    send(dealer, {encode(result)});
  };

  allow_sink({second_worker_keys_.public_key});
  ASSERT_TRUE(wait_until([&] { return sink_->probe().subscriber_resets >= 1; }, 10s));
  // The kept subscriber reconnects by itself; statements stored before it is back are lost to
  // it here (the real subscriber fetches them by snapshot), so keep storing until one arrives.
  std::string topic;
  EXPECT_TRUE(wait_until(
      [&] {
        submit_statement();
        topic = next_update(kept, 200ms);
        return !topic.empty();
      },
      10s));
  EXPECT_EQ(topic, kUnattributedTopic);
  EXPECT_EQ(next_update(revoked, 500ms), "") << "a revoked key still receives statements";
  EXPECT_GE(stored(), 1);
}

// An allow-list caught half-edited or emptied must neither lock everyone out nor let anyone in:
// the servers keep the keys they had, and say why.
TEST_F(Secured, AnUnreadableAllowListKeepsTheKeysFromBefore) {
  workers::Worker worker(worker_context_, worker_config(worker_keys_, sink_->results_endpoint()));
  std::jthread thread([&](std::stop_token s) { worker.run(s); });
  ASSERT_TRUE(publish(5, 20s));
  allow_broker({"# nothing here yet"});
  std::filesystem::remove(sink_allowed_);
  std::this_thread::sleep_for(2500ms);  // two reloads or more
  EXPECT_TRUE(publish(5, 20s, "after-"));
  EXPECT_EQ(stored(), 10);
  EXPECT_EQ(broker_->probe().refused_keys, 0u);
  EXPECT_EQ(sink_->probe().refused_keys, 0u);
}

TEST_F(Secured, AClientWithoutKeysCannotTalkToACurveServer) {
  auto dealer = make_socket(worker_context_, zmq::socket_type::dealer, {.routing_id = "plain"});
  dealer.connect(sink_->results_endpoint());
  pb::Envelope result;
  result.mutable_extraction()->set_article_id("plain");
  send(dealer, {encode(result)});
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(sink_->probe().results_received, 0u);
}

TEST_F(Secured, TamperedBytesAreRejectedAndTheResultArrivesIntactOnRetry) {
  bool done = false;
  Relay relay(sink_port_, [&](std::string chunk, int64_t ms) {
    // After the handshake, flip one bit of the first encrypted message.
    if (!done && ms > 300 && chunk.size() > 40) {
      done = true;
      chunk[chunk.size() / 2] ^= 0x01;
    }
    return std::vector<std::string>{chunk};
  });
  workers::Worker worker(worker_context_, worker_config(worker_keys_, tcp_endpoint(relay.port())));
  std::jthread thread([&](std::stop_token s) { worker.run(s); });
  std::this_thread::sleep_for(500ms);  // handshake done before the first result
  EXPECT_TRUE(publish(5, 20s));
  EXPECT_GE(relay.tampered(), 1);
  EXPECT_GE(relay.server_closes_after_tampering(), 1);  // the sink hung up on the forgery
  EXPECT_EQ(stored(), 5);
  EXPECT_EQ(sink_->probe().bad_frames, 0u);  // nothing altered reached the application
}

TEST_F(Secured, AReplayedMessageIsRejected) {
  bool done = false;
  Relay relay(sink_port_, [&](std::string chunk, int64_t ms) {
    if (!done && ms > 300 && chunk.size() > 40) {
      done = true;
      return std::vector<std::string>{chunk, chunk};  // the same encrypted bytes twice
    }
    return std::vector<std::string>{chunk};
  });
  workers::Worker worker(worker_context_, worker_config(worker_keys_, tcp_endpoint(relay.port())));
  std::jthread thread([&](std::stop_token s) { worker.run(s); });
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(publish(5, 20s));
  EXPECT_GE(relay.server_closes_after_tampering(), 1);
  EXPECT_EQ(stored(), 5);
  EXPECT_EQ(sink_->probe().bad_frames, 0u);
}

TEST(Insecure, ANonLoopbackBindWithoutKeysIsRefusedUnlessInsecure) {
  zmq::context_t context(1);
  broker::BrokerConfig config;
  config.frontend = "tcp://0.0.0.0:*";
  config.backend = "tcp://127.0.0.1:*";
  try {
    broker::Broker broker(context, config);
    FAIL() << "served 0.0.0.0 without keys";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--insecure"), std::string::npos) << e.what();
  }
  config.security.insecure = true;
  EXPECT_NO_THROW(broker::Broker(context, config));
}

TEST(Keys, KeyFilesRoundTripAndThePublicFileHoldsNoSecret) {
  testing::TempDir dir;
  const auto keys = generate_key_pair();
  write_key_files((dir / "w1").string(), keys);
  const auto back = read_key_file((dir / "w1.key").string());
  EXPECT_EQ(back.public_key, keys.public_key);
  EXPECT_EQ(back.secret_key, keys.secret_key);
  const auto pub = read_key_file((dir / "w1.pub").string());
  EXPECT_EQ(pub.public_key, keys.public_key);
  EXPECT_TRUE(pub.secret_key.empty());
  EXPECT_EQ(
      std::filesystem::status(dir / "w1.key").permissions() & std::filesystem::perms::group_read,
      std::filesystem::perms::none);
  EXPECT_EQ(read_allowed_keys(dir.path().string()), std::set<std::string>{keys.public_key});
}

}  // namespace
}  // namespace quotewire::transport
