#include "sink/updates.h"

#include <fmt/format.h>

#include "sink/store.h"

namespace quotewire::sink {
namespace {

pb::QuoteKind kind_from_name(const std::string& name) {
  if (name == "direct") return pb::DIRECT;
  if (name == "indirect") return pb::INDIRECT;
  return pb::MIXED;
}

}  // namespace

pb::EntityType type_from_name(const std::string& name) {
  if (name == "PERSON") return pb::PERSON;
  if (name == "ORG") return pb::ORG;
  if (name == "LOCATION") return pb::LOCATION;
  return pb::MISC;
}

void read_updates(Database& db, const UpdateQuery& query,
                  const std::function<void(pb::ActorUpdate&)>& each) {
  // The running count is each actor's count as of the statement. Over a range of sequences it
  // is a window over the actors' whole history (filtered afterwards, so a snapshot from `since`
  // carries the counts the live updates carried); for one article's few statements an
  // index-backed count per row is cheaper than a window over the whole table.
  std::string filter = "TRUE";
  std::string running = "count(actor_id) OVER (PARTITION BY actor_id ORDER BY seq)";
  std::string key = query.prefix;
  if (!query.article_id.empty()) {
    // The article's statements are a run of sequences (schema.h: articles.first_seq).
    filter =
        "seq BETWEEN (SELECT first_seq FROM articles WHERE article_id = ?1) AND "
        "(SELECT first_seq + quote_count - 1 FROM articles WHERE article_id = ?1)";
    running =
        "(SELECT count(*) FROM statements t WHERE t.actor_id = statements.actor_id AND "
        "t.seq <= statements.seq)";
    key = query.article_id;
  } else if (!query.actor_id.empty()) {
    filter = "actor_id = ?1";
    key = query.actor_id;
  } else if (!query.prefix.empty()) {
    filter = "substr(actor_id, 1, length(?1)) = ?1";
  }
  auto rows = db.prepare(fmt::format(
      "SELECT s.seq, s.actor_id, coalesce(a.name, ''), coalesce(a.type, ''), s.running, s.speaker,"
      " s.mention, s.role, s.text, s.kind, s.cue, s.start, s.end, s.article_id, s.source, s.url,"
      " s.published_ms FROM (SELECT *, {} AS running FROM statements WHERE {}) s"
      " LEFT JOIN actors a ON a.actor_id = s.actor_id"
      " WHERE s.seq > ?2 AND (?3 = 0 OR s.seq <= ?3) ORDER BY s.seq LIMIT ?4",
      running, filter));
  rows.bind(1, key)
      .bind(2, static_cast<int64_t>(query.since))
      .bind(3, static_cast<int64_t>(query.up_to))
      .bind(4, query.limit == 0 ? int64_t{-1} : static_cast<int64_t>(query.limit));
  while (rows.step()) {
    pb::ActorUpdate u;
    u.set_sequence(static_cast<uint64_t>(rows.int64(0)));
    u.set_actor_id(rows.text(1));
    u.set_actor_name(rows.text(2));
    u.set_actor_type(type_from_name(rows.text(3)));
    u.set_statement_count(rows.is_null(1) ? 0 : static_cast<uint64_t>(rows.int64(4)));
    auto* q = u.mutable_quote();
    q->set_speaker_actor_id(rows.text(1));
    q->set_speaker_name(rows.text(5));
    q->set_speaker_mention(rows.text(6));
    q->set_speaker_role(rows.text(7));
    q->set_speaker_type(u.actor_type());
    q->set_text(rows.text(8));
    q->set_kind(kind_from_name(rows.text(9)));
    q->set_cue(rows.text(10));
    q->set_start(static_cast<uint32_t>(rows.int64(11)));
    q->set_end(static_cast<uint32_t>(rows.int64(12)));
    u.set_article_id(rows.text(13));
    u.set_source(rows.text(14));
    u.set_url(rows.text(15));
    u.set_published_unix_ms(rows.int64(16));
    each(u);
  }
}

uint64_t latest_sequence(Database& db) {
  auto row = db.prepare("SELECT coalesce(max(seq), 0) FROM statements");
  row.step();
  return static_cast<uint64_t>(row.int64(0));
}

nlohmann::json to_json(const pb::ActorUpdate& u) {
  const auto& q = u.quote();
  nlohmann::json speaker = nullptr;
  if (!u.actor_id().empty()) {
    speaker = {{"actor_id", u.actor_id()},          {"name", u.actor_name()},
               {"type", type_name(u.actor_type())}, {"mention", q.speaker_mention()},
               {"role", q.speaker_role()},          {"statement_count", u.statement_count()}};
  }
  return {{"seq", u.sequence()},
          {"speaker", speaker},
          {"text", q.text()},
          {"kind", kind_name(q.kind())},
          {"cue", q.cue()},
          {"start", q.start()},
          {"end", q.end()},
          {"article_id", u.article_id()},
          {"source", u.source()},
          {"url", u.url()},
          {"published_ms", u.published_unix_ms()}};
}

}  // namespace quotewire::sink
