#include "sink/kafka_output.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/durable_file.h"
#include "sink/database.h"
#include "sink/updates.h"
#include "transport/clock.h"

namespace quotewire::sink {

void KafkaOutputProbe::export_to(metrics::Exposition& out) const {
  out.counter("quotewire_sink_kafka_produced_total",
              "Messages handed to Kafka (statements and, if configured, actors)", produced);
  out.counter("quotewire_sink_kafka_delivered_total", "Messages Kafka confirmed", delivered);
  out.counter("quotewire_sink_kafka_failed_total",
              "Messages Kafka did not take (sent again from the cursor)", failed);
  out.gauge(
      "quotewire_sink_kafka_cursor",
      "Every statement up to this sequence is in Kafka (compare quotewire_sink_last_sequence)",
      static_cast<double>(cursor));
}
namespace {

// The cursor file: which topic it is for, and how far that topic has every statement.
uint64_t load_cursor(const std::string& path, const std::string& topic) {
  std::ifstream in(path);
  if (!in) return 0;  // a first start: everything in the database goes out
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  try {
    const auto cursor = nlohmann::json::parse(text);
    if (cursor.at("topic").get<std::string>() != topic) {
      spdlog::info("sink: Kafka cursor {} is for topic {}; sending everything to {}", path,
                   cursor.at("topic").get<std::string>(), topic);
      return 0;
    }
    return cursor.at("delivered").get<uint64_t>();
  } catch (const nlohmann::json::exception& e) {
    throw kafka::KafkaError(fmt::format(
        "Kafka cursor {} is damaged ({}); remove it to send everything again", path, e.what()));
  }
}

}  // namespace

KafkaOutput::KafkaOutput(KafkaOutputConfig config, std::string db_path)
    : config_(std::move(config)), db_path_(std::move(db_path)) {
  if (config_.cursor.empty() && is_postgresql(db_path_)) {
    // No file beside a PostgreSQL database to default to, and the URI may hold a password.
    throw kafka::KafkaError("with a PostgreSQL database, give the Kafka cursor file");
  }
  if (config_.cursor.empty()) config_.cursor = db_path_ + ".kafka-cursor";
  produced_ = saved_cursor_ = load_cursor(config_.cursor, config_.statements_topic);
  probe_.cursor = produced_;
  create_producer();
}

KafkaOutput::~KafkaOutput() = default;

void KafkaOutput::create_producer() {
  kafka::Properties properties{{"bootstrap.servers", config_.brokers}};
  properties.insert(properties.end(), config_.properties.begin(), config_.properties.end());
  // Last, so no setting undoes it: retries never duplicate or reorder within a partition.
  properties.emplace_back("enable.idempotence", "true");
  auto conf = kafka::make_conf("quotewire-sink", properties);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaOutput::on_delivery);
  rd_kafka_conf_set_opaque(conf.get(), this);
  producer_ = kafka::make_handle(RD_KAFKA_PRODUCER, std::move(conf));
}

void KafkaOutput::offer(const std::vector<pb::ActorUpdate>& updates) {
  std::lock_guard lock(mutex_);
  if (gap_) return;  // the catch-up from the database will read them
  if (queue_.size() + updates.size() > config_.max_queue) {
    spdlog::warn(
        "sink: Kafka is behind by more than {} statements; reading them from the "
        "database once it catches up",
        config_.max_queue);
    queue_.clear();
    gap_ = true;
    return;
  }
  queue_.insert(queue_.end(), updates.begin(), updates.end());
}

void KafkaOutput::on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* self) {
  auto* output = static_cast<KafkaOutput*>(self);
  const auto seq = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(message->_private));
  if (auto it = output->outstanding_.find(seq); it != output->outstanding_.end()) {
    output->outstanding_.erase(it);
  }
  if (message->err) {
    ++output->probe_.failed;
    output->failed_at_ = std::min(output->failed_at_, seq);
    spdlog::error("sink: Kafka refused statement {}: {}; sending again from there", seq,
                  rd_kafka_err2str(message->err));
  } else {
    ++output->probe_.delivered;
  }
}

void KafkaOutput::produce(const pb::ActorUpdate& update, const std::string& topic) {
  const std::string value = config_.protobuf ? update.SerializeAsString() : to_json(update).dump();
  const std::string& key = update.actor_id();
  while (true) {
    const auto err = rd_kafka_producev(
        producer_.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
        RD_KAFKA_V_KEY(key.empty() ? nullptr : const_cast<char*>(key.data()), key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_OPAQUE(reinterpret_cast<void*>(static_cast<uintptr_t>(update.sequence()))),
        RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      throw kafka::KafkaError(
          fmt::format("cannot produce to {}: {}", topic, rd_kafka_err2str(err)));
    }
    rd_kafka_poll(producer_.get(), 100);  // the local queue is full: let deliveries drain it
  }
  outstanding_.insert(update.sequence());
  ++probe_.produced;
}

void KafkaOutput::catch_up() {
  {
    std::lock_guard lock(mutex_);
    gap_ = false;  // from now on the queue gets every commit; overlap is skipped by sequence
    queue_.clear();
  }
  Database db(db_path_, Database::Mode::read_only);
  uint64_t sent = 0;
  std::map<std::string, pb::ActorUpdate> latest;  // per actor, for the actor topic
  read_updates(db, {.since = produced_}, [&](pb::ActorUpdate& update) {
    produce(update, config_.statements_topic);
    if (!config_.actors_topic.empty() && !update.actor_id().empty()) {
      latest[update.actor_id()] = update;
    }
    produced_ = update.sequence();
    ++sent;
    rd_kafka_poll(producer_.get(), 0);
  });
  for (const auto& [actor, update] : latest) produce(update, config_.actors_topic);
  if (sent > 0) spdlog::info("sink: sent {} statement(s) from the database to Kafka", sent);
}

void KafkaOutput::produce_live() {
  std::vector<pb::ActorUpdate> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queue_);
  }
  std::map<std::string, const pb::ActorUpdate*> latest;
  for (const auto& update : batch) {
    if (update.sequence() <= produced_) continue;  // already read from the database
    produce(update, config_.statements_topic);
    produced_ = update.sequence();
    if (!config_.actors_topic.empty() && !update.actor_id().empty()) {
      latest[update.actor_id()] = &update;
    }
  }
  for (const auto& [actor, update] : latest) produce(*update, config_.actors_topic);
}

uint64_t KafkaOutput::cursor() const {
  uint64_t cursor = produced_;
  if (!outstanding_.empty()) cursor = std::min(cursor, *outstanding_.begin() - 1);
  if (failed_at_ != UINT64_MAX) cursor = std::min(cursor, failed_at_ - 1);
  return cursor;
}

void KafkaOutput::save_cursor(bool force) {
  const uint64_t now_cursor = cursor();
  probe_.cursor = now_cursor;
  const int64_t now = transport::steady_ms();
  if (now_cursor == saved_cursor_ || (!force && now < next_save_ms_)) return;
  next_save_ms_ = now + config_.cursor_interval_ms;
  try {
    common::write_durably(
        config_.cursor,
        nlohmann::json{{"topic", config_.statements_topic}, {"delivered", now_cursor}}.dump() +
            "\n");
    saved_cursor_ = now_cursor;
  } catch (const common::DurableFileError& e) {
    // Behind on disk means more is sent again after a restart, never less.
    spdlog::error("sink: {}", e.what());
  }
}

void KafkaOutput::run(std::stop_token stop) {
  spdlog::info("sink: statements → Kafka {} topic {}{} ({}), from sequence {}", config_.brokers,
               config_.statements_topic,
               config_.actors_topic.empty() ? "" : ", actors → " + config_.actors_topic,
               config_.protobuf ? "protobuf" : "JSON", produced_);
  while (!stop.stop_requested()) {
    bool gap;
    {
      std::lock_guard lock(mutex_);
      gap = gap_;
    }
    if (gap) {
      catch_up();
    } else {
      produce_live();
    }
    rd_kafka_poll(producer_.get(), 50);  // deliveries; also the pause between rounds
    char reason[256];
    if (rd_kafka_fatal_error(producer_.get(), reason, sizeof reason)) {
      // The idempotent producer cannot go on (fenced, sequence lost): start a new one and send
      // again from the cursor.
      spdlog::error("sink: Kafka producer failed: {}; starting a new one", reason);
      failed_at_ = std::min(failed_at_, cursor() + 1);
      outstanding_.clear();
      producer_.reset();
      create_producer();
    }
    if (failed_at_ != UINT64_MAX) {
      produced_ = failed_at_ - 1;
      failed_at_ = UINT64_MAX;
      {
        std::lock_guard lock(mutex_);
        gap_ = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(500));  // Kafka is in trouble
    }
    save_cursor(false);
  }
  rd_kafka_flush(producer_.get(), 5000);
  save_cursor(true);
  spdlog::info("sink: Kafka output stopped at sequence {} ({} delivered, {} failed)",
               probe_.cursor.load(), probe_.delivered.load(), probe_.failed.load());
}

}  // namespace quotewire::sink
