// Versions of a story (docs/FEEDS.md): a corrected page is published as version N of the story
// its first version began, and the sink keeps the statements of the highest version only. The
// earlier version's statements are deleted and everything they added to the aggregates is taken
// back, in the transaction that stores the new version, so it happens exactly once.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "sink/store.h"
#include "sink/updates.h"
#include "transport/topics.h"

namespace quotewire::sink {

bool Store::take_version(const pb::Extraction& x, AppliedBatch& out, BatchDeltas& deltas) {
  if (x.version_of().empty() || x.version() == 0) return true;
  auto stored = db_.prepare("SELECT version, article_id FROM story_versions WHERE version_of = ?");
  stored.bind(1, x.version_of());
  int64_t version = 0;
  std::string article_id;
  if (stored.step()) {
    version = stored.int64(0);
    article_id = stored.text(1);
  }
  stored.reset();
  if (version >= static_cast<int64_t>(x.version())) return false;
  if (!article_id.empty()) {
    // The batch's own aggregates go in first: the earlier version may be in this batch.
    write_deltas(deltas, out);
    deltas = BatchDeltas{.read = std::move(deltas.read)};
    retract_article(article_id, x.article_id(), out);
    // The speakers' rows as the retraction left them, for the rest of the batch.
    read_speakers(deltas);
  }
  db_.prepare(
         "INSERT INTO story_versions(version_of, version, article_id) VALUES (?1, ?2, ?3) "
         "ON CONFLICT(version_of) DO UPDATE SET version = ?2, article_id = ?3")
      .bind(1, x.version_of())
      .bind(2, static_cast<int64_t>(x.version()))
      .bind(3, x.article_id())
      .run();
  return true;
}

namespace {

using Key = std::pair<std::string, std::string>;

// Subtracts each count in `by` from `column` of the row whose two key columns hold the map's
// key, and deletes the row when it reaches zero.
void subtract(Database& db, std::string_view table, std::string_view column,
              std::string_view first_key, std::string_view second_key,
              const std::map<Key, int64_t>& by) {
  auto update = db.prepare(fmt::format("UPDATE {0} SET {1} = {1} - ?3 WHERE {2} = ?1 AND {3} = ?2",
                                       table, column, first_key, second_key));
  auto erase = db.prepare(fmt::format("DELETE FROM {0} WHERE {2} = ?1 AND {3} = ?2 AND {1} <= 0",
                                      table, column, first_key, second_key));
  for (const auto& [key, n] : by) {
    update.bind(1, key.first).bind(2, key.second).bind(3, n).run();
    erase.bind(1, key.first).bind(2, key.second).run();
  }
}

// Removes `seqs` from an actor's posting rows (link_postings): each row is rewritten without
// them, or deleted when nothing is left.
void remove_postings(Database& db, const Key& link, std::vector<int64_t> seqs) {
  auto find = db.prepare(
      "SELECT first_seq, seqs FROM link_postings WHERE kind = ?1 AND actor_id = ?2 AND "
      "first_seq <= ?3 ORDER BY first_seq DESC LIMIT 1");
  auto erase =
      db.prepare("DELETE FROM link_postings WHERE kind = ?1 AND actor_id = ?2 AND first_seq = ?3");
  auto insert = db.prepare(
      "INSERT INTO link_postings(kind, actor_id, first_seq, last_seq, seqs) VALUES (?,?,?,?,?)");
  std::sort(seqs.begin(), seqs.end());
  while (!seqs.empty()) {
    find.bind(1, link.first).bind(2, link.second).bind(3, seqs.back());
    if (!find.step()) {
      find.reset();
      return;
    }
    const int64_t first = find.int64(0);
    auto row = nlohmann::json::parse(find.text(1)).get<std::vector<int64_t>>();
    find.reset();
    std::erase_if(row, [&](int64_t s) { return std::binary_search(seqs.begin(), seqs.end(), s); });
    std::erase_if(seqs, [&](int64_t s) { return s >= first; });
    erase.bind(1, link.first).bind(2, link.second).bind(3, first).run();
    if (row.empty()) continue;
    const std::string json = nlohmann::json(row).dump();
    insert.bind(1, link.first)
        .bind(2, link.second)
        .bind(3, row.front())
        .bind(4, row.back())
        .bind(5, json)
        .run();
  }
}

}  // namespace

void Store::retract_article(const std::string& article_id, const std::string& replaced_by,
                            AppliedBatch& out) {
  auto article =
      db_.prepare("SELECT first_seq, quote_count, entities FROM articles WHERE article_id = ?");
  article.bind(1, article_id);
  if (!article.step()) return;
  const int64_t first = article.int64(0), last = first + article.int64(1) - 1;
  const auto entities = nlohmann::json::parse(article.text(2), nullptr, false);
  article.reset();
  if (last < first) return;

  std::map<std::string, int64_t> statements;  // per speaker
  std::map<Key, int64_t> roles, topics, learned;
  std::map<Key, std::vector<int64_t>> links;                  // (kind, actor) -> seqs
  std::map<std::string, std::pair<int64_t, int64_t>> linked;  // actor -> (for, about)
  auto rows = db_.prepare(
      "SELECT seq, actor_id, role, start, \"end\", links, text, kind, cue, speaker, mention "
      "FROM statements WHERE seq BETWEEN ? AND ? ORDER BY seq");
  rows.bind(1, first).bind(2, last);
  while (rows.step()) {
    pb::ActorUpdate& r = out.retractions.emplace_back();
    if (!rows.is_null(5)) r.MergeFromString(rows.text(5));  // what it was for and about
    const int64_t seq = rows.int64(0);
    r.set_sequence(static_cast<uint64_t>(seq));
    r.set_retracted(true);
    r.set_replaced_by(replaced_by);
    r.set_article_id(article_id);
    if (!rows.is_null(1)) r.set_actor_id(rows.text(1));
    pb::Quote& q = *r.mutable_quote();
    q.set_text(rows.text(6));
    q.set_cue(rows.text(8));
    q.set_speaker_name(rows.text(9));
    q.set_speaker_mention(rows.text(10));
    q.set_speaker_role(rows.text(2));
    const std::string& speaker = r.actor_id();
    if (!speaker.empty()) {
      ++statements[speaker];
      if (!q.speaker_role().empty()) ++roles[{speaker, q.speaker_role()}];
      // As apply_extraction counted them: distinct entities inside the statement.
      std::set<std::string> seen;
      const int64_t start = rows.int64(3), end = rows.int64(4);
      for (const auto& e : entities.is_array() ? entities : nlohmann::json::array()) {
        const std::string id = e.value("actor_id", "");
        if (e.value("start", int64_t{-1}) < start || e.value("end", int64_t{0}) > end ||
            id.empty() || id == speaker || !seen.insert(id).second) {
          continue;
        }
        ++topics[{speaker, id}];
      }
      for (const auto& f : q.speaker_affiliations()) {
        if (f.confidence() >= kLearnedConfidence && !f.actor_id().empty()) {
          ++learned[{speaker, f.actor_id()}];
        }
      }
    }
    // Its for / about links, as the live topics name them.
    for (const std::string& topic : topics_of(r)) {
      for (const std::string_view kind : {transport::kForTopic, transport::kAboutTopic}) {
        if (!topic.starts_with(kind)) continue;
        Key link{std::string(kind.substr(0, kind.size() - 1)), topic.substr(kind.size())};
        links[link].push_back(seq);
        auto& counts = linked[link.second];
        ++(kind == transport::kForTopic ? counts.first : counts.second);
      }
    }
  }
  rows.reset();

  db_.prepare("DELETE FROM statements WHERE seq BETWEEN ? AND ?")
      .bind(1, first)
      .bind(2, last)
      .run();
  db_.prepare("UPDATE articles SET quote_count = 0 WHERE article_id = ?").bind(1, article_id).run();
  // Speakers: counts down, first and last seen again from the statements left; gone at zero.
  auto actor = db_.prepare(
      "UPDATE actors SET statement_count = statement_count - ?2, "
      "last_seq = coalesce((SELECT max(seq) FROM statements WHERE actor_id = ?1), 0), "
      "first_seen_ms = coalesce((SELECT min(iif(published_ms > 0, published_ms, stored_ms)) "
      "FROM statements WHERE actor_id = ?1), first_seen_ms), "
      "last_seen_ms = coalesce((SELECT max(iif(published_ms > 0, published_ms, stored_ms)) "
      "FROM statements WHERE actor_id = ?1), last_seen_ms) WHERE actor_id = ?1");
  subtract(db_, "actor_roles", "count", "actor_id", "role", roles);
  subtract(db_, "actor_topics", "count", "actor_id", "topic_id", topics);
  subtract(db_, "affiliations", "count", "person_id", "actor_id", learned);
  // A speaker left without statements goes, with its roles and topics.
  auto gone = db_.prepare(
      "DELETE FROM actors WHERE actor_id = ?1 AND statement_count <= 0 RETURNING actor_id");
  auto gone_roles = db_.prepare("DELETE FROM actor_roles WHERE actor_id = ?");
  auto gone_topics = db_.prepare("DELETE FROM actor_topics WHERE actor_id = ?");
  for (const auto& [id, n] : statements) {
    actor.bind(1, id).bind(2, n).run();
    gone.bind(1, id);
    const bool deleted = gone.step();
    gone.reset();
    if (deleted) {
      gone_roles.bind(1, id).run();
      gone_topics.bind(1, id).run();
    }
  }
  for (const auto& [link, seqs] : links) remove_postings(db_, link, seqs);
  auto unlink = db_.prepare(
      "UPDATE linked_actors SET for_count = for_count - ?2, about_count = about_count - ?3 "
      "WHERE actor_id = ?1");
  auto unlinked =
      db_.prepare("DELETE FROM linked_actors WHERE actor_id = ? AND for_count + about_count <= 0");
  for (const auto& [id, counts] : linked) {
    unlink.bind(1, id).bind(2, counts.first).bind(3, counts.second).run();
    unlinked.bind(1, id).run();
  }
}

}  // namespace quotewire::sink
