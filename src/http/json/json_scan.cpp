#include "http/json/json_scan.hpp"

#include "core/utf8.hpp"
#include "http/text.hpp"

namespace gongdan::http {

namespace {

// Enough to point a client at its mistakes. Without a cap, a 1 MiB body of `"\xFF",` items names
// hundreds of thousands of fields, each a copy of its (possibly long) path: memory exhaustion.
constexpr std::size_t kMaxReportedFields = 20;

// A recursive-descent walker; recursion is bounded by max_depth.
class Scanner {
 public:
  Scanner(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) {}

  JsonScan run() {
    skip_space();
    bool ok = value(0);
    skip_space();
    if (pos_ != text_.size()) ok = false;
    result_.well_formed = ok && !result_.too_deep;
    return std::move(result_);
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // The path is kept as views into the text and spelled out only for a field that is reported:
  // copying it for every member would make `{"<500 KiB key>": [1, 1, ...]}` quadratic (CPU).
  struct Segment {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
  };

  std::string path_text() const {
    std::string out;
    for (const Segment& segment : path_) {
      if (segment.is_index) {
        out += "[" + std::to_string(segment.index) + "]";
      } else {
        if (!out.empty()) out += '.';
        out += segment.key;
      }
    }
    return out;
  }

  void report() {
    if (result_.invalid_utf8_fields.size() < kMaxReportedFields) result_.invalid_utf8_fields.push_back(path_text());
  }

  bool value(std::size_t depth) {
    if (pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      if (depth >= max_depth_) {
        result_.too_deep = true;
        return false;
      }
      return c == '{' ? object(depth + 1) : array(depth + 1);
    }
    if (c == '"') {
      std::string_view raw;
      bool valid = true;
      if (!string(raw, valid)) return false;
      if (!valid) report();
      return true;
    }
    return scalar();
  }

  // Numbers, true, false, null: the real parser checks their spelling.
  bool scalar() {
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      const bool part = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                        c == '+' || c == '.';
      if (!part) break;
      ++pos_;
    }
    return pos_ > start;
  }

  bool object(std::size_t depth) {
    ++pos_;  // '{'
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return false;
      std::string_view key;
      bool key_valid = true;
      if (!string(key, key_valid)) return false;
      path_.push_back({key, 0, false});
      if (!key_valid) report();
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return false;
      ++pos_;
      skip_space();
      if (!value(depth)) return false;
      path_.pop_back();
      const Next next = after_item('}');
      if (next != Next::kMore) return next == Next::kDone;
    }
  }

  bool array(std::size_t depth) {
    ++pos_;  // '['
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (std::size_t index = 0;; ++index) {
      skip_space();
      path_.push_back({{}, index, true});
      if (!value(depth)) return false;
      path_.pop_back();
      const Next next = after_item(']');
      if (next != Next::kMore) return next == Next::kDone;
    }
  }

  // What follows an object member or array item: a comma (more), the closing bracket, or junk.
  enum class Next { kMore, kDone, kMalformed };
  Next after_item(char close) {
    skip_space();
    if (pos_ >= text_.size()) return Next::kMalformed;
    if (text_[pos_] == ',' || text_[pos_] == close) return text_[pos_++] == ',' ? Next::kMore : Next::kDone;
    return Next::kMalformed;
  }

  // Reads a string at pos_ (on its opening quote). `raw` is its text between the quotes;
  // `valid` turns false on ill-formed UTF-8 or a bad surrogate escape. False when unterminated.
  bool string(std::string_view& raw, bool& valid) {
    const std::size_t start = ++pos_;
    bool pending_high = false;  // the previous escape was a high surrogate
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        if (pending_high) valid = false;
        raw = text_.substr(start, pos_ - start);
        ++pos_;
        if (valid && !core::is_valid_utf8(raw)) valid = false;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;  // raw control characters are not JSON
      if (c != '\\') {
        if (pending_high) valid = false;
        pending_high = false;
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= text_.size()) return false;
      const char e = text_[pos_ + 1];
      if (e != 'u') {
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') return false;
        if (pending_high) valid = false;
        pending_high = false;
        pos_ += 2;
        continue;
      }
      if (pos_ + 6 > text_.size()) return false;
      int unit = 0;
      for (std::size_t i = pos_ + 2; i < pos_ + 6; ++i) {
        const int h = hex_value(text_[i]);
        if (h < 0) return false;
        unit = unit * 16 + h;
      }
      pos_ += 6;
      const bool high = unit >= 0xD800 && unit <= 0xDBFF;
      const bool low = unit >= 0xDC00 && unit <= 0xDFFF;
      if (pending_high) {
        if (!low) valid = false;
        pending_high = false;
      } else if (low) {
        valid = false;
      } else {
        pending_high = high;
      }
    }
    return false;
  }

  std::string_view text_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;
  std::vector<Segment> path_;  // where the walker is: keys and array indices from the root
  JsonScan result_;
};

}  // namespace

JsonScan scan_json(std::string_view text, std::size_t max_depth) { return Scanner(text, max_depth).run(); }

}  // namespace gongdan::http
