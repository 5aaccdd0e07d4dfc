#include "extract/tokenizer.h"

#include <algorithm>

#include "extract/lexicon.h"
#include "text/utf8.h"

namespace quotewire::extract {

uint32_t Token::lex() const {
  return info ? info->flags : 0;
}

namespace {

bool is_quote_mark(char32_t c) {
  switch (c) {
    case U'"':
    case U'\'':
    case U'\u201C':  // “
    case U'\u201D':  // ”
    case U'\u2018':  // ‘
    case U'\u2019':  // ’
    case U'\u00AB':  // «
    case U'\u00BB':  // »
    case U'\u201E':  // „
    case U'\u201A':  // ‚
    case U'\u2039':  // ‹
    case U'\u203A':  // ›
    case U'\u201F':  // ‟
      return true;
    default:
      return false;
  }
}

bool is_apostrophe(char32_t c) {
  return c == U'\'' || c == U'\u2019';
}
bool is_ascii_letter(char c) {
  const unsigned lower = static_cast<unsigned char>(c) | 0x20u;
  return lower >= 'a' && lower <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

class Scanner {
 public:
  Scanner(std::string_view text, const Lexicon& lexicon, std::vector<Token>& out, std::string& keys)
      : text_(text), lexicon_(lexicon), out_(out), keys_(keys) {}

  void run() {
    size_t pos = 0;
    uint16_t pending = kSpaceBefore | kParagraphStart;
    while (pos < text_.size()) {
      auto cp = text::utf8::decode(text_, pos);
      if (text::utf8::is_space(cp.value)) {
        pending |= kSpaceBefore;
        if (cp.value == U'\n') newline_at(pos + 1, pending);
        pos += cp.length;
        continue;
      }
      size_t end;
      if (is_digit(text_[pos])) {
        end = scan_number(pos);
        emit(pos, end, TokenKind::number, 0, pending);
        end = scan_possessive(end);  // "Radio 4's Today programme"
      } else if (text::utf8::is_word_char(cp.value)) {
        end = scan_word(pos, pending);
      } else if (is_quote_mark(cp.value)) {
        end = pos + cp.length;
        char32_t mark = cp.value;
        // '' and `` stand for double quotation marks in some feeds (NYT). Closing a quotation
        // inside one, three marks are the inner ' and then the outer ''.
        const bool inner_close = cp.value == U'\'' && pos > 0 && text_[pos - 1] != ' ' &&
                                 text_.compare(pos, 3, "'''") == 0;
        if (cp.value == U'\'' && !inner_close && end < text_.size() && text_[end] == '\'') {
          ++end;
          mark = U'"';
        }
        emit(pos, end, TokenKind::quote, mark, pending);
      } else if (text_[pos] == '`' && pos + 1 < text_.size() && text_[pos + 1] == '`') {
        end = pos + 2;
        emit(pos, end, TokenKind::quote, U'\u201C', pending);
      } else {
        end = scan_punct(pos, cp);
        emit(pos, end, TokenKind::punct, cp.value, pending);
      }
      pending = 0;
      pos = end;
    }
  }

 private:
  // A line break starts a new paragraph unless the next line goes on in lower case (text
  // hard-wrapped inside a paragraph).
  void newline_at(size_t next, uint16_t& pending) {
    while (next < text_.size() && (text_[next] == ' ' || text_[next] == '\t')) ++next;
    if (next < text_.size() && text_[next] >= 'a' && text_[next] <= 'z') return;
    pending |= kParagraphStart;
  }

  size_t scan_number(size_t pos) {
    size_t i = pos;
    while (i < text_.size()) {
      if (is_digit(text_[i])) {
        ++i;
      } else if ((text_[i] == ',' || text_[i] == '.' || text_[i] == ':' || text_[i] == '/') &&
                 i + 1 < text_.size() && is_digit(text_[i + 1])) {
        i += 2;
      } else if (is_ascii_letter(text_[i])) {  // "3rd", "1990s"
        ++i;
      } else {
        break;
      }
    }
    return i;
  }

  bool word_char_at(size_t i) const {
    return i < text_.size() && text::utf8::is_word_char(text::utf8::decode(text_, i).value);
  }

  // Letters and full stops alternating ("U.S.", "D.N.C.", "a.m.") or one capital and a stop.
  size_t scan_initials(size_t pos) const {
    size_t i = pos, letters = 0;
    while (i + 1 < text_.size() && is_ascii_letter(text_[i]) && text_[i + 1] == '.') {
      i += 2;
      ++letters;
    }
    if (word_char_at(i)) return pos;  // "U.Sx": not initials
    if (letters >= 2 || (letters == 1 && text_[pos] >= 'A' && text_[pos] <= 'Z')) return i;
    return pos;
  }

  // Where a top-level domain that starts at `pos` ends ("com" in "Mic.com"), or `pos`.
  size_t domain_end(size_t pos) const {
    static constexpr std::string_view domains[] = {"com", "org", "net", "gov", "edu",
                                                   "io",  "co",  "uk",  "tv",  "info"};
    size_t end = pos;
    while (end < text_.size() && text_[end] >= 'a' && text_[end] <= 'z') ++end;
    if (word_char_at(end)) return pos;
    const std::string_view tld = text_.substr(pos, end - pos);
    return std::find(std::begin(domains), std::end(domains), tld) != std::end(domains) ? end : pos;
  }

  size_t scan_word(size_t pos, uint16_t pending) {
    size_t initials_end = scan_initials(pos);
    if (initials_end > pos) {
      emit(pos, initials_end, TokenKind::word, 0, pending | kInitials | kAbbreviated);
      return initials_end;
    }
    size_t i = pos;
    uint16_t extra = 0;
    while (i < text_.size()) {
      auto cp = text::utf8::decode(text_, i);
      if (text::utf8::is_word_char(cp.value)) {
        i += cp.length;
        continue;
      }
      // Inside a word an apostrophe or hyphen joins ("don’t", "O’Neill", "EU-led"), except the
      // possessive "’s", which is split off so that "Russia’s" still matches "Russia".
      if ((is_apostrophe(cp.value) || cp.value == U'-') && word_char_at(i + cp.length)) {
        if (is_apostrophe(cp.value)) {
          size_t s = i + cp.length;
          if ((text_[s] == 's' || text_[s] == 'S') && !word_char_at(s + 1)) break;
        } else {
          extra |= kHyphenated;
        }
        i += cp.length;
        continue;
      }
      // A site's name: "Mic.com", "Amazon.co.uk", not a sentence's full stop.
      if (cp.value == U'.' && i > pos) {
        if (const size_t end = domain_end(i + 1); end > i + 1) {
          i = end;
          extra |= kDomain;
          continue;
        }
      }
      break;
    }
    // Keep the full stop of a known abbreviation ("Mr.", "Jan.", "Calif."); the folded form is
    // tried at the end of the keys buffer and taken back.
    if (i < text_.size() && text_[i] == '.') {
      const size_t mark = keys_.size();
      text::utf8::append_folded(keys_, text_.substr(pos, i + 1 - pos));
      const bool abbreviation = lexicon_.is_abbreviation(std::string_view(keys_).substr(mark));
      keys_.resize(mark);
      if (abbreviation) {
        ++i;
        extra |= kAbbreviated;
      }
    }
    emit(pos, i, TokenKind::word, 0, pending | extra);
    return scan_possessive(i);
  }

  // The possessive: "’s" after the token just emitted; after a pronoun it is "is" or "has" ("he’s
  // said"), and its key says so, so the grammar lists know it as an auxiliary. Returns where
  // scanning goes on.
  size_t scan_possessive(size_t i) {
    if (i >= text_.size()) return i;
    auto cp = text::utf8::decode(text_, i);
    size_t s = i + cp.length;
    if (!is_apostrophe(cp.value) || s >= text_.size() || (text_[s] != 's' && text_[s] != 'S') ||
        word_char_at(s + 1)) {
      return i;
    }
    // Not after capitals: "the WHO’s committee" is the organisation's.
    if (contracts(token_key(out_.back(), keys_)) && !out_.back().has(kAllCaps)) {
      emit_as(i, s + 1, "is");
    } else {
      emit(i, s + 1, TokenKind::word, 0, kPossessive);
    }
    return s + 1;
  }

  size_t scan_punct(size_t pos, text::utf8::CodePoint cp) const {
    size_t end = pos + cp.length;
    // Runs of the same ASCII mark are one token: "--", "...", "!!".
    if (cp.length == 1) {
      while (end < text_.size() && text_[end] == text_[pos]) ++end;
    }
    return end;
  }

  // Words whose "’s" is a verb, not a possessive: "he’s", "it’s", "that’s", "there’s".
  static bool contracts(std::string_view word) {
    for (const std::string_view w : {"he", "she", "it", "that", "there", "who", "what", "here"}) {
      if (word == w) return true;
    }
    return false;
  }

  // A word token whose key is `key` rather than its folded text.
  void emit_as(size_t start, size_t end, std::string_view key) {
    Token t;
    t.start = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(end);
    t.flags = kContraction;
    t.key_begin = static_cast<uint32_t>(keys_.size());
    keys_.append(key);
    t.key_length = static_cast<uint32_t>(key.size());
    t.info = lexicon_.word(key);
    out_.push_back(t);
  }

  void emit(size_t start, size_t end, TokenKind kind, char32_t mark, uint16_t flags) {
    Token t;
    t.start = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(end);
    t.kind = kind;
    t.mark = mark;
    t.flags = flags;
    t.key_begin = static_cast<uint32_t>(keys_.size());
    std::string_view text = text_.substr(start, end - start);
    if (kind == TokenKind::word || kind == TokenKind::number) {
      text::utf8::append_folded(keys_, text);
      if (kind == TokenKind::word) classify_case(t, text);
    } else {
      keys_.append(text);
    }
    t.key_length = static_cast<uint32_t>(keys_.size()) - t.key_begin;
    if (kind == TokenKind::word) t.info = lexicon_.word(token_key(t, keys_));
    out_.push_back(t);
  }

  static void classify_case(Token& t, std::string_view text) {
    size_t letters = 0, upper = 0;
    bool first = true;
    for (size_t i = 0; i < text.size();) {
      auto cp = text::utf8::decode(text, i);
      i += cp.length;
      if (!text::utf8::is_word_char(cp.value) || (cp.value >= U'0' && cp.value <= U'9')) continue;
      ++letters;
      bool up = text::utf8::is_upper(cp.value);
      upper += up;
      if (first && up) t.flags |= kCapitalised;
      first = false;
    }
    if (letters >= 2 && upper == letters) t.flags |= kAllCaps;
    if (upper > 0) t.flags |= kHasUpper;
  }

  std::string_view text_;
  const Lexicon& lexicon_;
  std::vector<Token>& out_;
  std::string& keys_;
};

}  // namespace

void tokenize(std::string_view text, const Lexicon& lexicon, std::vector<Token>& out,
              std::string& keys) {
  Scanner(text, lexicon, out, keys).run();
}

}  // namespace quotewire::extract
