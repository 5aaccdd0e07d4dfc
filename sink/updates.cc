#include "sink/updates.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sink/store.h"
#include "transport/topics.h"

namespace quotewire::sink {
namespace {

pb::QuoteKind kind_from_name(const std::string& name) {
  if (name == "direct") return pb::DIRECT;
  if (name == "indirect") return pb::INDIRECT;
  return pb::MIXED;
}

// The statements with a link of `kind` to the actors `condition` selects (on l.actor_id).
std::string linked_seqs(View kind, std::string_view condition) {
  return fmt::format("SELECT l.seq FROM statement_links l WHERE l.kind = '{}' AND {}",
                     kind == View::for_actor ? "for" : "about", condition);
}

// Actor ids are [a-z0-9-], all below '~': a prefix is one range of the postings' key.
constexpr std::string_view kPrefixRange = "l.actor_id >= ?1 AND l.actor_id < ?1 || '~'";

}  // namespace

pb::EntityType type_from_name(const std::string& name) {
  if (name == "PERSON") return pb::PERSON;
  if (name == "ORG") return pb::ORG;
  if (name == "LOCATION") return pb::LOCATION;
  return pb::MISC;
}

std::string view_condition(View view, std::string_view actor) {
  const std::string one = fmt::format("l.actor_id = {}", actor);
  switch (view) {
    case View::by:
      break;
    case View::for_actor:
    case View::about:
      return fmt::format("seq IN ({})", linked_seqs(view, one));
    case View::by_or_for:
      return fmt::format("seq IN (SELECT seq FROM statements WHERE actor_id = {} UNION {})", actor,
                         linked_seqs(View::for_actor, one));
  }
  return fmt::format("actor_id = {}", actor);
}

void read_updates(Database& db, const UpdateQuery& query,
                  const std::function<void(pb::ActorUpdate&)>& each) {
  // The running count is each actor's count as of the statement. Where the filter keeps whole
  // histories of speakers (one actor, a prefix, all) it is a window over them (filtered
  // afterwards, so a snapshot from `since` carries the counts the live updates carried); for
  // statements of many speakers picked otherwise (one article, a roll-up) an index-backed count
  // per row.
  std::string filter = "TRUE";
  std::string running = "count(actor_id) OVER (PARTITION BY actor_id ORDER BY seq)";
  constexpr std::string_view kCountPerRow =
      "(SELECT count(*) FROM statements t WHERE t.actor_id = statements.actor_id AND "
      "t.seq <= statements.seq)";
  std::string key = query.prefix;
  const bool for_prefix = query.prefix.starts_with(transport::kForTopic);
  if (!query.article_id.empty()) {
    // The article's statements are a run of sequences (schema.h: articles.first_seq).
    filter =
        "seq BETWEEN (SELECT first_seq FROM articles WHERE article_id = ?1) AND "
        "(SELECT first_seq + quote_count - 1 FROM articles WHERE article_id = ?1)";
    running = kCountPerRow;
    key = query.article_id;
  } else if (!query.actor_id.empty()) {
    filter = view_condition(query.view, "?1");
    if (query.view != View::by) running = kCountPerRow;
    key = query.actor_id;
  } else if (for_prefix || query.prefix.starts_with(transport::kAboutTopic)) {
    filter = fmt::format("seq IN ({})",
                         linked_seqs(for_prefix ? View::for_actor : View::about, kPrefixRange));
    running = kCountPerRow;
    key = query.prefix.substr(query.prefix.find(':') + 1);
  } else if (!query.prefix.empty()) {
    filter = "substr(actor_id, 1, length(?1)) = ?1";
  }
  const std::string about = query.about.empty()
                                ? std::string()
                                : fmt::format(" AND s.{}", view_condition(View::about, "?5"));
  auto rows = db.prepare(fmt::format(
      "SELECT s.seq, s.actor_id, coalesce(a.name, ''), coalesce(a.type, ''), s.running, s.speaker,"
      " s.mention, s.role, s.text, s.kind, s.cue, s.start, s.\"end\", s.article_id, s.source, "
      "s.url,"
      " s.published_ms, s.links FROM (SELECT *, {0} AS running FROM statements WHERE {1}) s"
      " LEFT JOIN actors a ON a.actor_id = s.actor_id"
      " WHERE s.seq > ?2 AND (?3 = 0 OR s.seq <= ?3){2}"
      " AND (?6 = 0 OR {3} >= ?6) AND (?7 = 0 OR {3} < ?7) ORDER BY s.seq {4} LIMIT ?4",
      running, filter, about, kSeenMs, query.newest_first ? "DESC" : "ASC"));
  rows.bind(1, key)
      .bind(2, static_cast<int64_t>(query.since))
      .bind(3, static_cast<int64_t>(query.up_to))
      .bind(4, query.limit == 0 ? kNoLimit : static_cast<int64_t>(query.limit))
      .bind(5, query.about)
      .bind(6, query.from_ms)
      .bind(7, query.until_ms);
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
    // What was published with it beyond the columns: affiliations, carried ones, subjects.
    if (!rows.is_null(17)) u.MergeFromString(rows.text(17));
    each(u);
  }
}

uint64_t latest_sequence(Database& db) {
  auto row = db.prepare("SELECT coalesce(max(seq), 0) FROM statements");
  row.step();
  return static_cast<uint64_t>(row.int64(0));
}

std::vector<std::string> topics_of(const pb::ActorUpdate& u) {
  std::vector<std::string> topics{u.actor_id().empty() ? std::string(transport::kUnattributedTopic)
                                                       : u.actor_id()};
  auto add = [&](std::string_view prefix, const std::string& id) {
    std::string topic = fmt::format("{}{}", prefix, id);
    if (!id.empty() && std::find(topics.begin(), topics.end(), topic) == topics.end()) {
      topics.push_back(std::move(topic));
    }
  };
  std::vector<std::string_view> for_ids;
  for (const auto* list : {&u.quote().speaker_affiliations(), &u.carried_affiliations()}) {
    for (const auto& f : *list) {
      add(transport::kForTopic, f.actor_id());
      for_ids.push_back(f.actor_id());
    }
  }
  for (const auto& subject : u.quote().subjects()) {
    if (std::find(for_ids.begin(), for_ids.end(), subject.actor_id()) == for_ids.end()) {
      add(transport::kAboutTopic, subject.actor_id());
    }
  }
  return topics;
}

namespace {

nlohmann::json affiliation_json(const pb::Affiliation& f, const std::string& article_id) {
  return {{"actor_id", f.actor_id()},
          {"name", f.name()},
          {"type", type_name(f.type())},
          {"relation", f.relation()},
          {"evidence", f.evidence()},
          {"confidence", std::round(f.confidence() * 100) / 100},
          {"learned_in", f.learned_in().empty() ? article_id : f.learned_in()},
          {"carried", !f.learned_in().empty()}};
}

}  // namespace

nlohmann::json to_json(const pb::ActorUpdate& u) {
  const auto& q = u.quote();
  auto for_actors = nlohmann::json::array();
  for (const auto& f : q.speaker_affiliations()) {
    for_actors.push_back(affiliation_json(f, u.article_id()));
  }
  for (const auto& f : u.carried_affiliations()) {
    for_actors.push_back(affiliation_json(f, u.article_id()));
  }
  auto about = nlohmann::json::array();
  for (const auto& subject : q.subjects()) {
    about.push_back({{"actor_id", subject.actor_id()},
                     {"name", subject.name()},
                     {"type", type_name(subject.type())},
                     {"via", subject.via()}});
  }
  nlohmann::json speaker = nullptr;
  if (!u.actor_id().empty()) {
    speaker = {{"actor_id", u.actor_id()},          {"name", u.actor_name()},
               {"type", type_name(u.actor_type())}, {"mention", q.speaker_mention()},
               {"role", q.speaker_role()},          {"statement_count", u.statement_count()}};
  }
  if (u.retracted()) {
    // Enough to find the statement delivered before, and what took its place.
    return {{"seq", u.sequence()}, {"retracted", true}, {"replaced_by", u.replaced_by()},
            {"speaker", speaker},  {"text", q.text()},  {"article_id", u.article_id()}};
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
          {"published_ms", u.published_unix_ms()},
          {"for", std::move(for_actors)},
          {"about", std::move(about)}};
}

}  // namespace quotewire::sink
