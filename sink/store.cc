#include "sink/store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <set>
#include <string_view>

#include "sink/schema.h"
#include "sink/updates.h"
#include "transport/clock.h"

namespace quotewire::sink {

std::string_view type_name(pb::EntityType type) {
  switch (type) {
    case pb::PERSON:
      return "PERSON";
    case pb::ORG:
      return "ORG";
    case pb::LOCATION:
      return "LOCATION";
    default:
      return "MISC";
  }
}

std::string_view kind_name(pb::QuoteKind kind) {
  switch (kind) {
    case pb::DIRECT:
      return "direct";
    case pb::INDIRECT:
      return "indirect";
    default:
      return "mixed";
  }
}

namespace {

bool prepare_database(Database& db, const StoreSettings& settings) {
  db.exec("PRAGMA journal_mode=WAL");
  db.exec(settings.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA cache_size=-32768");  // 32 MiB: the actor tables and indexes stay in memory
  db.exec(kSchema);
  int64_t version = kSchemaVersion;  // a new database
  {
    auto row = db.prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'");
    if (row.step()) version = row.int64(0);
  }
  if (version > kSchemaVersion) {
    throw StoreError(SQLITE_ERROR,
                     fmt::format("{}: schema version {} is newer than this quotewire's ({})",
                                 settings.path, version, kSchemaVersion));
  }
  if (version < kSchemaVersion) {
    spdlog::info("sink: migrating {} from schema version {} to {}", settings.path, version,
                 kSchemaVersion);
    Transaction migration(db);
    if (version == 1) db.exec(kMigrationFrom1);
    if (version <= 2) db.exec(kMigrationFrom2);
    db.exec(kMigrationFrom3);
    migration.commit();
  }
  if (settings.max_db_bytes > 0) {
    auto page_size = db.prepare("PRAGMA page_size");
    page_size.step();
    db.exec(fmt::format("PRAGMA max_page_count = {}",
                        std::max<int64_t>(1, settings.max_db_bytes / page_size.int64(0))));
  }
  db.exec(fmt::format("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '{}')",
                      kSchemaVersion));
  return true;
}

// The display name kept is the longest seen (ties: the smaller string), so it does not depend
// on the order in which articles arrive: better_name() within a batch, and in SQL across batches,
// if_better_name(name, column): an upsert's new `column` when its `name` is better.
bool better_name(const std::string& candidate, const std::string& current) {
  return candidate.size() > current.size() ||
         (candidate.size() == current.size() && candidate < current);
}

std::string if_better_name(std::string_view name, std::string_view column) {
  return fmt::format(
      "CASE WHEN length(excluded.{0}) > length({0}) OR (length(excluded.{0}) = length({0}) AND "
      "excluded.{0} < {0}) THEN excluded.{1} ELSE {1} END",
      name, column);
}

}  // namespace

Store::Store(const StoreSettings& settings)
    : db_(settings.path, Database::Mode::read_write),
      schema_ready_(prepare_database(db_, settings)),
      known_article_(db_.prepare("SELECT 1 FROM articles WHERE article_id = ?1 "
                                 "UNION ALL SELECT 1 FROM dead_letters WHERE article_id = ?1")),
      insert_article_(db_.prepare(
          "INSERT INTO articles(article_id, producer_id, sequence, source, url, title, "
          "published_ms, sent_ms, stored_ms, worker_id, extract_us, entity_count, quote_count, "
          "entities, first_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
      insert_statement_(db_.prepare(
          "INSERT INTO statements(article_id, actor_id, speaker, mention, role, text, kind, cue, "
          "start, end, source, url, published_ms, stored_ms, links) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")),
      upsert_actor_(db_.prepare(
          fmt::format("INSERT INTO actors(actor_id, name, type, statement_count, first_seen_ms, "
                      "last_seen_ms, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                      "ON CONFLICT(actor_id) DO UPDATE SET name = {}, type = {}, "
                      "statement_count = statement_count + excluded.statement_count, "
                      "first_seen_ms = min(first_seen_ms, excluded.first_seen_ms), "
                      "last_seen_ms = max(last_seen_ms, excluded.last_seen_ms), "
                      "last_seq = max(last_seq, excluded.last_seq) "
                      "RETURNING name, statement_count",
                      if_better_name("name", "name"), if_better_name("name", "type")))),
      upsert_role_(
          db_.prepare("INSERT INTO actor_roles(actor_id, role, count) VALUES (?, ?, ?) "
                      "ON CONFLICT(actor_id, role) DO UPDATE SET count = count + excluded.count")),
      upsert_topic_(db_.prepare(fmt::format(
          "INSERT INTO actor_topics(actor_id, topic_id, topic_name, topic_type, count) "
          "VALUES (?, ?, ?, ?, ?) "
          "ON CONFLICT(actor_id, topic_id) DO UPDATE SET count = count + excluded.count, "
          "topic_name = {}, topic_type = {}",
          if_better_name("topic_name", "topic_name"), if_better_name("topic_name", "topic_type")))),
      insert_posting_(db_.prepare("INSERT INTO link_postings(kind, actor_id, first_seq, last_seq, "
                                  "seqs) VALUES (?,?,?,?,?)")),
      upsert_linked_actor_(db_.prepare(fmt::format(
          "INSERT INTO linked_actors(actor_id, name, type, for_count, about_count, "
          "first_seen_ms, last_seen_ms, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
          "ON CONFLICT(actor_id) DO UPDATE SET name = {}, type = {}, "
          "for_count = for_count + excluded.for_count, "
          "about_count = about_count + excluded.about_count, "
          "first_seen_ms = min(first_seen_ms, excluded.first_seen_ms), "
          "last_seen_ms = max(last_seen_ms, excluded.last_seen_ms), "
          "last_seq = max(last_seq, excluded.last_seq)",
          if_better_name("name", "name"), if_better_name("name", "type")))),
      select_affiliations_(
          db_.prepare("SELECT actor_id, name, type, relation, evidence, article_id, confidence "
                      "FROM affiliations WHERE person_id = ? ORDER BY confidence DESC, actor_id")),
      // The latest statement's relation and evidence win: roles change over time.
      upsert_affiliation_(db_.prepare(
          "INSERT INTO affiliations(person_id, actor_id, name, type, relation, evidence, "
          "article_id, confidence, count, first_seen_ms, last_seen_ms, last_seq) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(person_id, actor_id) DO UPDATE SET "
          "name = excluded.name, type = excluded.type, relation = excluded.relation, "
          "evidence = excluded.evidence, article_id = excluded.article_id, "
          "confidence = excluded.confidence, count = count + excluded.count, "
          "first_seen_ms = min(first_seen_ms, excluded.first_seen_ms), "
          "last_seen_ms = max(last_seen_ms, excluded.last_seen_ms), "
          "last_seq = excluded.last_seq")),
      insert_dead_letter_(db_.prepare(
          "INSERT INTO dead_letters(article_id, producer_id, sequence, reason, attempts, "
          "worker_id, source, url, title, body, stored_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)")),
      // Redeliveries are allowed and change nothing, but an operator wants to know how many
      // there were; kept in the database so the count survives restarts.
      count_duplicates_(db_.prepare(
          "INSERT INTO meta(key, value) VALUES ('duplicates_delivered', ?1) "
          "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + excluded.value")),
      checkpointer_(db_.handle(), settings.path, settings.checkpoints) {}

bool Store::known(const std::string& article_id) {
  known_article_.bind(1, article_id);
  const bool found = known_article_.step();
  known_article_.reset();
  return found;
}

AppliedBatch Store::apply(const std::vector<pb::Envelope*>& items) {
  AppliedBatch out;
  const int64_t now = transport::unix_ms();
  BatchDeltas deltas;
  Transaction transaction(db_);
  for (pb::Envelope* item : items) {
    pb::Ack& ack = out.acks.emplace_back();
    if (item->has_extraction()) {
      auto& x = *item->mutable_extraction();
      ack.set_article_id(x.article_id());
      ack.set_producer_id(x.producer_id());
      ack.set_sequence(x.sequence());
      if (known(x.article_id())) {
        ack.set_status(pb::DUPLICATE);
        continue;
      }
      if (!take_version(x, out, deltas)) {
        // Older than the version stored (acknowledgements come in any order): known, and
        // nothing of it counts.
        x.clear_quotes();
        x.clear_entities();
      }
      apply_extraction(x, now, out, deltas);
      ack.set_status(pb::STORED);
    } else {
      const auto& letter = item->dead_letter();
      ack.set_article_id(letter.article().article_id());
      ack.set_producer_id(letter.article().producer_id());
      ack.set_sequence(letter.article().sequence());
      ack.set_reason(letter.reason());
      if (known(letter.article().article_id())) {
        ack.set_status(pb::DUPLICATE);
        continue;
      }
      apply_dead_letter(letter, now);
      ack.set_status(pb::DEAD_LETTERED);
    }
  }
  write_deltas(deltas, out);
  const auto duplicates = std::count_if(out.acks.begin(), out.acks.end(), [](const pb::Ack& a) {
    return a.status() == pb::DUPLICATE;
  });
  if (duplicates > 0) count_duplicates_.bind(1, static_cast<int64_t>(duplicates)).run();
  transaction.commit();
  // Committed: the quotes move into their updates rather than being copied (this runs for every
  // statement). A batch that failed has thrown above and left its extractions as they were.
  auto update = out.updates.begin();
  for (size_t i = 0; i < items.size(); ++i) {
    if (out.acks[i].status() != pb::STORED) continue;
    for (auto& q : *items[i]->mutable_extraction()->mutable_quotes()) {
      (update++)->mutable_quote()->Swap(&q);
    }
  }
  return out;
}

namespace {

// A JSON string literal. The text is valid UTF-8 (protobuf checks string fields on parse), so
// only quotes, backslashes and control characters need escaping.
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  size_t plain = 0;  // the start of the run of characters that need no escape
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
    if (c < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    } else {
      out += '\\';
      out += static_cast<char>(c);
    }
    plain = i + 1;
  }
  out.append(text, plain);
  out += '"';
}

void append_number(std::string& out, uint32_t n) {
  char digits[10];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

// Written directly rather than through nlohmann::json objects (or fmt): this runs for every
// stored article, and building the objects was a fifth of the sink's time.
std::string entities_json(const pb::Extraction& x) {
  std::string out = "[";
  out.reserve(static_cast<size_t>(x.entities_size()) * 112);
  for (const auto& e : x.entities()) {
    if (out.size() > 1) out += ',';
    out += "{\"text\":";
    append_json_string(out, e.text());
    out += ",\"type\":\"";
    out += type_name(e.type());
    out += "\",\"start\":";
    append_number(out, e.start());
    out += ",\"end\":";
    append_number(out, e.end());
    out += ",\"actor_id\":";
    append_json_string(out, e.actor_id());
    out += ",\"name\":";
    append_json_string(out, e.name());
    out += '}';
  }
  out += ']';
  return out;
}

constexpr std::string_view kFor = "for";
constexpr std::string_view kAbout = "about";

}  // namespace

std::vector<pb::Affiliation>& Store::known_affiliations(const std::string& person,
                                                        BatchDeltas& deltas) {
  auto [known, first_time] = deltas.known_affiliations.try_emplace(person);
  if (first_time) {
    select_affiliations_.bind(1, person);
    while (select_affiliations_.step()) {
      pb::Affiliation& f = known->second.emplace_back();
      f.set_actor_id(select_affiliations_.text(0));
      f.set_name(select_affiliations_.text(1));
      f.set_type(type_from_name(select_affiliations_.text(2)));
      f.set_relation(select_affiliations_.text(3));
      f.set_evidence(select_affiliations_.text(4));
      f.set_learned_in(select_affiliations_.text(5));
      f.set_confidence(static_cast<float>(select_affiliations_.real(6)));
    }
    select_affiliations_.reset();
  }
  return known->second;
}

void Store::carry_affiliations(const pb::Quote& q, pb::ActorUpdate& update, BatchDeltas& deltas) {
  // Named without a role that ties them to anything: what they were learned to speak for.
  if (q.speaker_type() == pb::PERSON && !q.speaker_actor_id().empty() &&
      q.speaker_affiliations().empty()) {
    for (const auto& f : known_affiliations(q.speaker_actor_id(), deltas)) {
      *update.add_carried_affiliations() = f;
    }
  }
}

void Store::apply_links(const pb::Extraction& x, int64_t seen_ms, const pb::Quote& q,
                        const pb::ActorUpdate& update, BatchDeltas& deltas) {
  const auto seq = static_cast<int64_t>(update.sequence());
  std::vector<std::string_view> for_ids;
  auto link = [&](std::string_view kind, const std::string& actor_id, const std::string& name,
                  pb::EntityType type) {
    const bool for_link = kind == kFor;
    // Named twice, or about an actor it is also for: a statement for an actor is its position,
    // not a view of it from outside.
    if (actor_id.empty() || std::find(for_ids.begin(), for_ids.end(), actor_id) != for_ids.end()) {
      return;
    }
    if (for_link) for_ids.push_back(actor_id);
    deltas.links.push_back({kind, actor_id, seq});
    LinkedDelta& linked = deltas.linked[actor_id];
    if (linked.for_count + linked.about_count == 0 || better_name(name, linked.name)) {
      linked.name = name;
      linked.type = type;
    }
    ++(for_link ? linked.for_count : linked.about_count);
    linked.first_seen_ms = std::min(linked.first_seen_ms, seen_ms);
    linked.last_seen_ms = std::max(linked.last_seen_ms, seen_ms);
    linked.last_seq = seq;
  };
  for (const auto* list : {&q.speaker_affiliations(), &update.carried_affiliations()}) {
    for (const auto& f : *list) link(kFor, f.actor_id(), f.name(), f.type());
  }
  const size_t about_from = deltas.links.size();
  for (const auto& subject : q.subjects()) {
    // Subjects named twice: once (the for_ids check covers affiliations only).
    const bool again = std::any_of(
        deltas.links.begin() + static_cast<std::ptrdiff_t>(about_from), deltas.links.end(),
        [&](const LinkRow& l) { return l.actor_id == subject.actor_id(); });
    if (!again) link(kAbout, subject.actor_id(), subject.name(), subject.type());
  }
  // Persons only: an organisation's or state's own name already says what it speaks for.
  if (q.speaker_type() != pb::PERSON || q.speaker_actor_id().empty()) return;
  const std::string& person = q.speaker_actor_id();
  for (const auto& f : q.speaker_affiliations()) {
    if (f.confidence() < kLearnedConfidence || f.actor_id().empty()) continue;
    LearnedDelta& learned = deltas.learned[{person, f.actor_id()}];
    learned.latest = f;
    learned.latest.set_learned_in(x.article_id());
    ++learned.count;
    learned.first_seen_ms = std::min(learned.first_seen_ms, seen_ms);
    learned.last_seen_ms = std::max(learned.last_seen_ms, seen_ms);
    learned.last_seq = seq;
    // Later statements in this batch carry it too, surest first as the database orders them.
    auto& known = known_affiliations(person, deltas);
    auto same = std::find_if(known.begin(), known.end(), [&](const pb::Affiliation& k) {
      return k.actor_id() == f.actor_id();
    });
    if (same == known.end()) same = known.insert(known.end(), pb::Affiliation());
    *same = learned.latest;
    std::stable_sort(known.begin(), known.end(), [](const auto& a, const auto& b) {
      return a.confidence() > b.confidence() ||
             (a.confidence() == b.confidence() && a.actor_id() < b.actor_id());
    });
  }
}

namespace {

// What was published with a statement beyond its columns (its affiliations, carried ones and
// subjects), kept as the protobuf fields of an ActorUpdate so a snapshot sends them unchanged.
std::string links_blob(pb::Quote& q, pb::ActorUpdate& update) {
  if (q.speaker_affiliations().empty() && q.subjects().empty() &&
      update.carried_affiliations().empty()) {
    return {};
  }
  // Moved out and back rather than copied: this runs for every statement.
  pb::ActorUpdate links;
  auto swap_fields = [&] {
    links.mutable_quote()->mutable_speaker_affiliations()->Swap(q.mutable_speaker_affiliations());
    links.mutable_quote()->mutable_subjects()->Swap(q.mutable_subjects());
    links.mutable_carried_affiliations()->Swap(update.mutable_carried_affiliations());
  };
  swap_fields();
  std::string out = links.SerializeAsString();
  swap_fields();
  return out;
}

}  // namespace

void Store::apply_extraction(pb::Extraction& x, int64_t now_ms, AppliedBatch& out,
                             BatchDeltas& deltas) {
  const int64_t seen = x.published_unix_ms() > 0 ? x.published_unix_ms() : now_ms;
  int64_t first_seq = 0;  // the article row, written last, points at its statements
  for (auto& q : *x.mutable_quotes()) {
    const bool attributed = !q.speaker_actor_id().empty();
    pb::ActorUpdate& update = out.updates.emplace_back();
    update.set_actor_id(q.speaker_actor_id());
    update.set_actor_type(q.speaker_type());
    update.set_article_id(x.article_id());
    update.set_source(x.source());
    update.set_url(x.url());
    update.set_published_unix_ms(x.published_unix_ms());
    carry_affiliations(q, update, deltas);
    insert_statement_.bind(1, x.article_id());
    if (attributed) {
      insert_statement_.bind(2, q.speaker_actor_id());
    } else {
      insert_statement_.bind_null(2);
    }
    const std::string links = links_blob(q, update);  // bound, not copied: lives past run()
    if (!links.empty()) {
      insert_statement_.bind_blob(15, links);
    } else {
      insert_statement_.bind_null(15);
    }
    insert_statement_.bind(3, q.speaker_name())
        .bind(4, q.speaker_mention())
        .bind(5, q.speaker_role())
        .bind(6, q.text())
        .bind(7, kind_name(q.kind()))
        .bind(8, q.cue())
        .bind(9, q.start())
        .bind(10, q.end())
        .bind(11, x.source())
        .bind(12, x.url())
        .bind(13, x.published_unix_ms())
        .bind(14, now_ms)
        .run();
    const int64_t seq = sqlite3_last_insert_rowid(db_.handle());
    if (first_seq == 0) first_seq = seq;
    update.set_sequence(static_cast<uint64_t>(seq));
    apply_links(x, seen, q, update, deltas);
    if (!attributed) continue;

    ActorDelta& actor = deltas.actors[q.speaker_actor_id()];
    const std::string& name = q.speaker_name().empty() ? q.speaker_mention() : q.speaker_name();
    if (actor.statements == 0 || better_name(name, actor.name)) {
      actor.name = name;
      actor.type = q.speaker_type();
    }
    ++actor.statements;
    actor.first_seen_ms = std::min(actor.first_seen_ms, seen);
    actor.last_seen_ms = std::max(actor.last_seen_ms, seen);
    actor.last_seq = seq;
    actor.updates.push_back(out.updates.size() - 1);

    if (!q.speaker_role().empty()) ++deltas.roles[{q.speaker_actor_id(), q.speaker_role()}];
    // Topics: distinct entities named inside the statement, other than the speaker.
    std::set<std::string> topics;
    for (const auto& e : x.entities()) {
      if (e.start() < q.start() || e.end() > q.end() || e.actor_id().empty() ||
          e.actor_id() == q.speaker_actor_id() || !topics.insert(e.actor_id()).second) {
        continue;
      }
      TopicDelta& topic = deltas.topics[{q.speaker_actor_id(), e.actor_id()}];
      const std::string& name = e.name().empty() ? e.text() : e.name();
      if (topic.count++ == 0 || better_name(name, topic.name)) {
        topic.name = name;
        topic.type = e.type();
      }
    }
  }
  insert_article_.bind(1, x.article_id())
      .bind(2, x.producer_id())
      .bind(3, static_cast<int64_t>(x.sequence()))
      .bind(4, x.source())
      .bind(5, x.url())
      .bind(6, x.title())
      .bind(7, x.published_unix_ms())
      .bind(8, x.sent_unix_ms())
      .bind(9, now_ms)
      .bind(10, x.worker_id())
      .bind(11, static_cast<int64_t>(x.extract_micros()))
      .bind(12, static_cast<int64_t>(x.entities_size()))
      .bind(13, static_cast<int64_t>(x.quotes_size()))
      .bind(14, entities_json(x))
      .bind(15, first_seq)
      .run();
}

void Store::write_deltas(BatchDeltas& deltas, AppliedBatch& out) {
  for (auto& [id, actor] : deltas.actors) {
    upsert_actor_.bind(1, id)
        .bind(2, actor.name)
        .bind(3, type_name(actor.type))
        .bind(4, actor.statements)
        .bind(5, actor.first_seen_ms)
        .bind(6, actor.last_seen_ms)
        .bind(7, actor.last_seq);
    upsert_actor_.step();
    const std::string name = upsert_actor_.text(0);
    const int64_t total = upsert_actor_.int64(1);
    upsert_actor_.reset();
    // Each update carries the count as of its own statement.
    const int64_t before = total - actor.statements;
    for (size_t i = 0; i < actor.updates.size(); ++i) {
      pb::ActorUpdate& update = out.updates[actor.updates[i]];
      update.set_actor_name(name);
      update.set_statement_count(static_cast<uint64_t>(before + static_cast<int64_t>(i) + 1));
    }
  }
  for (const auto& [key, count] : deltas.roles) {
    upsert_role_.bind(1, key.first).bind(2, key.second).bind(3, count).run();
  }
  for (const auto& [key, topic] : deltas.topics) {
    upsert_topic_.bind(1, key.first)
        .bind(2, key.second)
        .bind(3, topic.name)
        .bind(4, type_name(topic.type))
        .bind(5, topic.count)
        .run();
  }
  // One row per actor and kind for the whole batch, not one per link: an article has a dozen
  // links, and a row each cost the sink a third of its throughput (docs/PERFORMANCE.md).
  auto& links = deltas.links;
  std::sort(links.begin(), links.end());
  for (auto group = links.begin(); group != links.end();) {
    const auto end = std::find_if(group, links.end(), [&](const LinkRow& l) {
      return l.kind != group->kind || l.actor_id != group->actor_id;
    });
    std::string seqs = "[";
    for (auto l = group; l != end; ++l) {
      fmt::format_to(std::back_inserter(seqs), "{}{}", l == group ? "" : ",", l->seq);
    }
    seqs += ']';
    insert_posting_.bind(1, group->kind)
        .bind(2, group->actor_id)
        .bind(3, group->seq)
        .bind(4, (end - 1)->seq)
        .bind(5, seqs)
        .run();
    group = end;
  }
  for (const auto& [id, linked] : deltas.linked) {
    upsert_linked_actor_.bind(1, id)
        .bind(2, linked.name)
        .bind(3, type_name(linked.type))
        .bind(4, linked.for_count)
        .bind(5, linked.about_count)
        .bind(6, linked.first_seen_ms)
        .bind(7, linked.last_seen_ms)
        .bind(8, linked.last_seq)
        .run();
  }
  for (const auto& [key, learned] : deltas.learned) {
    const pb::Affiliation& f = learned.latest;
    upsert_affiliation_.bind(1, key.first)
        .bind(2, key.second)
        .bind(3, f.name())
        .bind(4, type_name(f.type()))
        .bind(5, f.relation())
        .bind(6, f.evidence())
        .bind(7, f.learned_in())
        .bind_real(8, f.confidence())
        .bind(9, learned.count)
        .bind(10, learned.first_seen_ms)
        .bind(11, learned.last_seen_ms)
        .bind(12, learned.last_seq)
        .run();
  }
}

void Store::apply_dead_letter(const pb::DeadLetter& letter, int64_t now_ms) {
  const auto& a = letter.article();
  insert_dead_letter_.bind(1, a.article_id())
      .bind(2, a.producer_id())
      .bind(3, static_cast<int64_t>(a.sequence()))
      .bind(4, letter.reason())
      .bind(5, static_cast<int64_t>(a.attempt()))
      .bind(6, letter.worker_id())
      .bind(7, a.source())
      .bind(8, a.url())
      .bind(9, a.title())
      .bind(10, a.body())
      .bind(11, now_ms)
      .run();
}

}  // namespace quotewire::sink
