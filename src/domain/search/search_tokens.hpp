#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gongdan::domain {

// Gongdan's own search tokens, the same for every storage engine (docs/workspace.md, Search).
// Text is cut into runs:
//   - Latin letters and digits (full-width ＡＢＣ１２３ folded to ASCII first) and letters of other
//     alphabets form words, ASCII lower-cased: "Alice@Example.com" -> alice, example, com;
//   - Han, Kana and Hangul runs become overlapping bigrams, so that a two-character word is found
//     inside a longer run: 应用闪退了 -> 应用 用闪 闪退 退了; a run of one character is that unigram;
//   - everything else (spaces, punctuation, symbols, emoji, malformed UTF-8) separates runs.
// A token is ASCII letters and digits, or non-ASCII characters: never a space or punctuation, so
// an engine's plain whitespace tokenizer keeps it whole.

/// Longer words are cut to this many bytes (at a character boundary), in documents and queries
/// alike: a pasted base64 blob or stack-trace hash must not bloat the index.
inline constexpr std::size_t kMaxSearchWordBytes = 64;

/// At most this many distinct tokens per document (one ticket with all its messages); tokens
/// after the cap are dropped. A ticket of ordinary length has a few hundred; the cap bounds the
/// cost of re-indexing a very long conversation on every new message.
inline constexpr std::size_t kMaxDocumentTokens = 8192;

/// Calls `emit` with every index token of `text` in order, duplicates included. Each Han, Kana
/// or Hangul run also yields its last character as a unigram, so that a one-character query (a
/// prefix search, see search_query_terms) finds every occurrence of that character.
void for_each_index_token(std::string_view text, const std::function<void(std::string_view)>& emit);

/// One term of a query. A prefix term matches every token that starts with it.
struct SearchTerm {
  std::string token;
  bool prefix = false;

  friend bool operator==(const SearchTerm&, const SearchTerm&) = default;
};

/// The terms a query is made of; a document matches when it matches every term. Tokenized like
/// a document, except that a run of one Han/Kana/Hangul character becomes a prefix term (闪 finds
/// 闪退 and a trailing 闪). Duplicates are dropped. Empty when the query has nothing searchable
/// (only spaces or punctuation): such a query matches nothing.
std::vector<SearchTerm> search_query_terms(std::string_view query);

/// The distinct tokens of one document in first-seen order, at most kMaxDocumentTokens, joined by
/// single spaces: the text an index stores for a ticket.
///   SearchDocument doc;
///   doc.add(ticket.subject);
///   doc.add(ticket.description);
///   store(doc.text());
/// Adding to a document rebuilt with from_text() gives the same text as adding everything anew.
class SearchDocument {
 public:
  SearchDocument() = default;
  /// A document from the text() of an earlier one (tokens are not tokenized again).
  static SearchDocument from_text(std::string_view text);

  /// Adds the tokens of `text`; returns true when any was new.
  bool add(std::string_view text);
  const std::string& text() const { return text_; }
  std::size_t size() const { return count_; }

 private:
  struct Slot {
    std::uint32_t offset = 0;  // of the token in text_
    std::uint32_t length = 0;  // 0: empty slot
    std::uint32_t hash = 0;    // of the token, kept for growing and for probing without comparing
  };
  bool insert(std::string_view token);
  void grow();

  std::string text_;
  std::vector<Slot> slots_;  // open addressing over the tokens in text_
  std::size_t count_ = 0;
};

}  // namespace gongdan::domain
