#include "domain/search/search_tokens.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace gongdan::domain {
namespace {

enum class Kind { kSeparator, kWord, kCjk };

bool is_cjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // extension A
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // compatibility ideographs
         (cp >= 0x20000 && cp <= 0x2FFFF) ||  // extensions B-F, compatibility supplement
         (cp >= 0x3005 && cp <= 0x3007) ||    // 々 〆 〇: ideographic marks used as characters
         (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||    // Katakana phonetic extensions
         (cp >= 0xFF66 && cp <= 0xFF9F) ||    // half-width Katakana
         (cp >= 0xAC00 && cp <= 0xD7AF) ||    // Hangul syllables
         (cp >= 0x1100 && cp <= 0x11FF) ||    // Hangul Jamo
         (cp >= 0x3130 && cp <= 0x318F);      // Hangul compatibility Jamo
}

// Non-ASCII code points that separate words: punctuation, symbols, spaces, emoji. Letters of
// other alphabets (é, ж, ก) are word characters.
bool is_separator(char32_t cp) {
  return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 ||  // C1 controls, Latin-1 punctuation, × ÷
         (cp >= 0x2000 && cp <= 0x2BFF) ||         // general punctuation, symbols, arrows, box drawing
         (cp >= 0x3000 && cp <= 0x303F) ||         // CJK punctuation: 。、「」【】
         (cp >= 0xFE00 && cp <= 0xFE6F) ||         // variation selectors, vertical and small forms
         (cp >= 0xFF00 && cp <= 0xFF65) ||         // full-width forms not folded to ASCII
         (cp >= 0xFFA0 && cp <= 0xFFFF) ||         // half-width Hangul fillers, specials
         (cp >= 0xE000 && cp <= 0xF8FF) ||         // private use
         (cp >= 0x1F000 && cp <= 0x1FAFF) ||       // emoji and pictographs
         cp >= 0xE0000;                            // tags, private use planes
}

// The kind of `cp`, with full-width ASCII (U+FF01-FF5E) folded to ASCII and ASCII letters
// lower-cased in `cp`.
Kind classify(char32_t& cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ? Kind::kWord : Kind::kSeparator;
  }
  if (is_cjk(cp)) return Kind::kCjk;
  return is_separator(cp) ? Kind::kSeparator : Kind::kWord;
}

// The first kMaxSearchWordBytes of a word, never splitting a character.
std::string_view cut_word(std::string_view word) {
  if (word.size() <= kMaxSearchWordBytes) return word;
  std::size_t end = kMaxSearchWordBytes;
  while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) --end;
  return word.substr(0, end);
}

enum class Mode {
  kIndex,  // bigrams plus each CJK run's last character
  kQuery,  // bigrams; a run of one CJK character is reported as such
};

// Cuts `text` into tokens; `emit(token, lone_cjk)` where lone_cjk marks a one-character CJK run.
template <typename Emit>
void tokenize(std::string_view text, Mode mode, Emit&& emit) {
  std::string word;
  std::string pair;
  std::string_view previous;  // the last CJK character of the current run, as bytes of `text`
  std::size_t run_length = 0;
  const auto end_word = [&] {
    if (!word.empty()) emit(cut_word(word), false);
    word.clear();
  };
  const auto end_run = [&] {
    if (run_length == 1 || (run_length > 1 && mode == Mode::kIndex)) emit(previous, run_length == 1);
    run_length = 0;
    previous = {};
  };
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp = 0;
    std::size_t length = core::decode_utf8(text, pos, cp);
    Kind kind = Kind::kSeparator;
    if (length == 0) {
      length = 1;  // a malformed byte separates runs and is dropped
    } else {
      kind = classify(cp);
    }
    const std::string_view bytes = text.substr(pos, length);
    pos += length;
    if (kind != Kind::kWord) end_word();
    if (kind != Kind::kCjk) end_run();
    if (kind == Kind::kWord) {
      if (cp < 0x80) {
        word += static_cast<char>(cp);  // folded and lower-cased
      } else {
        word += bytes;
      }
    } else if (kind == Kind::kCjk) {
      if (!previous.empty()) {
        pair.assign(previous);
        pair += bytes;
        emit(std::string_view(pair), false);
      }
      previous = bytes;
      ++run_length;
    }
  }
  end_word();
  end_run();
}

std::uint64_t hash_of(std::string_view token) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
  for (const char c : token) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return hash;
}

}  // namespace

void for_each_index_token(std::string_view text, const std::function<void(std::string_view)>& emit) {
  tokenize(text, Mode::kIndex, [&](std::string_view token, bool) { emit(token); });
}

std::vector<SearchTerm> search_query_terms(std::string_view query) {
  std::vector<SearchTerm> terms;
  tokenize(query, Mode::kQuery, [&](std::string_view token, bool lone_cjk) {
    SearchTerm term{std::string(token), lone_cjk};
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
  });
  return terms;
}

SearchDocument SearchDocument::from_text(std::string_view text) {
  SearchDocument document;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t space = std::min(text.find(' ', start), text.size());
    if (space > start) document.insert(text.substr(start, space - start));
    start = space + 1;
  }
  return document;
}

bool SearchDocument::add(std::string_view text) {
  bool added = false;
  tokenize(text, Mode::kIndex, [&](std::string_view token, bool) { added = insert(token) || added; });
  return added;
}

bool SearchDocument::insert(std::string_view token) {
  if (token.empty() || count_ >= kMaxDocumentTokens) return false;
  if ((count_ + 1) * 2 > slots_.size()) grow();
  const auto hash = static_cast<std::uint32_t>(hash_of(token));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.length == 0) {
      if (!text_.empty()) text_ += ' ';
      slot.offset = static_cast<std::uint32_t>(text_.size());
      slot.length = static_cast<std::uint32_t>(token.size());
      slot.hash = hash;
      text_ += token;
      ++count_;
      return true;
    }
    if (slot.hash == hash && std::string_view(text_).substr(slot.offset, slot.length) == token) return false;
  }
}

void SearchDocument::grow() {
  std::vector<Slot> old = std::move(slots_);
  // Room for 128 tokens before the first growth (the table stays at most half full): a short
  // ticket's; an ordinary one, of one to three hundred, grows it once or twice.
  slots_.assign(std::max<std::size_t>(256, old.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.length == 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].length != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace gongdan::domain
