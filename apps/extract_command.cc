// quotewire extract [--json | --jsonl] [FILE|-]: run the extractor on one article, or on every
// article of a JSON Lines file (one result line per input line, for scoring whole corpora in one
// process).
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>

#include "apps/app.h"
#include "extract/extractor.h"
#include "extract/json.h"
#include "web/page.h"

namespace quotewire::app {
namespace {

struct ExtractOptions {
  std::string input = "-";
  bool json = false;
  bool jsonl = false;
  ExtractorFiles files;
  std::string log_level = "warn";
};

std::string read_input(const std::string& path) {
  if (path == "-") {
    return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure{fmt::format("cannot read {}", path), 2};
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string clip(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut) + "…";
}

void print_table(const extract::Extraction& x) {
  fmt::print("Entities ({})\n", x.entities.size());
  for (const auto& e : x.entities) {
    fmt::print("  {:<9} {:<40} [{}, {})\n", extract::to_string(e.type), e.text, e.start, e.end);
  }
  fmt::print("\nStatements ({})\n", x.quotes.size());
  for (const auto& q : x.quotes) {
    std::string who = q.speaker ? q.speaker->name : "(unknown speaker)";
    if (q.speaker && !q.speaker->role.empty()) who += ", " + q.speaker->role;
    fmt::print("  {} — {} [{}, cue \"{}\"]\n    {}\n", who, extract::to_string(q.kind), q.start,
               q.cue, clip(q.text, 160));
  }
}

// One result line per input line: {"id", ...the extraction} or {"id", "error"}; a bad line does
// not stop the others.
void run_jsonl(const extract::Extractor& extractor, const std::string& input) {
  std::istringstream lines(input);
  std::string line;
  for (uint64_t number = 1; std::getline(lines, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json out = {{"id", nullptr}};
    try {
      const auto article = nlohmann::json::parse(line);
      if (article.contains("id")) out["id"] = article["id"];
      const auto text =
          article.contains("text") ? article["text"] : article.value("body", nlohmann::json());
      if (!text.is_string()) throw std::runtime_error("no \"text\" or \"body\" string");
      out.update(extract::to_json(extractor.extract(text.get<std::string>())));
    } catch (const std::exception& e) {
      out["error"] = fmt::format("line {}: {}", number, e.what());
    }
    std::cout << out.dump() << '\n';
  }
}

void run_extract(const ExtractOptions& options) {
  apply_log_level(options.log_level);
  // The built-in models and lists are shared; the user's own files get an extractor of its own.
  const auto own = load_extractor(options.files);
  const extract::Extractor& extractor = own ? *own : extract::Extractor::shared();
  std::string body = read_input(options.input);
  if (options.jsonl) {
    run_jsonl(extractor, body);
    return;
  }
  const std::string where = options.input == "-" ? "stdin" : options.input;
  // A saved page (*.html, *.htm, or content that starts like HTML): its article's text is what
  // the extractor reads, and the article's metadata is printed with what was found in it.
  std::optional<web::PageArticle> page;
  if (options.input.ends_with(".html") || options.input.ends_with(".htm") ||
      web::looks_like_html(body)) {
    try {
      page = web::read_page(body);
    } catch (const std::runtime_error& e) {
      throw Failure{fmt::format("{}: {}", where, e.what()), 3};
    }
    body = page->body();
  }
  extract::Extraction result;
  try {
    result = extractor.extract(body);
  } catch (const extract::InvalidText& e) {
    throw Failure{fmt::format("{}: {}", where, e.what()), 3};
  }
  if (options.json) {
    nlohmann::json out = extract::to_json(result);
    if (page) {
      out["article"] = {{"title", page->title},      {"body", body},
                        {"url", page->url},          {"published", page->published},
                        {"authors", page->authors},  {"site", page->site},
                        {"language", page->language}};
    }
    std::cout << out.dump() << '\n';
  } else {
    if (page) fmt::print("{}\n{}\n\n", page->title, page->url);
    print_table(result);
  }
}

}  // namespace

void add_extract_command(CLI::App& app) {
  auto options = std::make_shared<ExtractOptions>();
  auto* cmd = app.add_subcommand("extract", "Find entities, quotes and speakers in one article");
  cmd->add_option("input", options->input, "article file (plain UTF-8), or - for stdin")
      ->capture_default_str();
  cmd->add_flag("--json", options->json, "print one JSON object (the scripting contract)");
  cmd->add_flag("--jsonl", options->jsonl,
                "input is JSON Lines of articles ({\"id\", \"text\"}); print one JSON line each")
      ->excludes("--json");
  cmd->add_option("--ner-model", options->files.ner_model,
                  "entity model file to use instead of the built-in one (quotewire train ner)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--attribution-model", options->files.attribution_model,
                  "attribution model file to use instead of the built-in one (quotewire train "
                  "attribution)")
      ->check(CLI::ExistingFile);
  add_aliases_flag(*cmd, options->files.aliases);
  add_log_flag(*cmd, options->log_level);
  cmd->callback([options] { run_extract(*options); });
}

}  // namespace quotewire::app
