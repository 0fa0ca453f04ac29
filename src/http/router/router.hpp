#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongdan::http {

/// Decoded path parameters of a matched route, e.g. number → 261125-7K3QZ8.
class PathParams {
 public:
  void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
  /// The value of `name`, or "" when the route has no such parameter.
  std::string_view get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

/// What matching a method and a path against the route table found.
struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  std::size_t route = 0;             // index given by Router::add, when found
  PathParams params;                 // when found
  std::vector<std::string> allowed;  // the path's methods, when the method is wrong
};

/// Matches requests against path templates such as /api/v1/tickets/{number}. A literal segment
/// wins over a parameter (/tickets/lookup before /tickets/{number}); a known path with another
/// method is "method not allowed", not "not found".
class Router {
 public:
  /// Registers a route; returns its index (0, 1, ...). Templates start with '/'.
  std::size_t add(std::string_view method, std::string_view path_template);

  /// `raw_path` is the path as sent (percent-encoded, no query string).
  RouteMatch match(std::string_view method, std::string_view raw_path) const;

  /// The `Allow` header value for a list of methods.
  static std::string allow_header(const std::vector<std::string>& methods);

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter's name
    bool parameter = false;
  };
  struct Pattern {
    std::vector<Segment> segments;
    std::vector<std::pair<std::string, std::size_t>> methods;  // method → route index
  };

  // The patterns as a tree of segments: a path walks it once instead of being compared with every
  // pattern, 3% of a status lookup's instructions (callgrind).
  struct Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    std::unique_ptr<Node> parameter;
    std::optional<std::size_t> pattern;  // the pattern that ends here, an index into patterns_
  };

  static std::vector<std::string_view> split(std::string_view path);
  // The pattern that fits `segments` from `at` on below `node`: literal children are tried before
  // the parameter, so the first fit found is the one whose first differing segment is literal.
  const Pattern* find(const Node& node, const std::vector<std::string>& segments, std::size_t at) const;

  std::vector<Pattern> patterns_;
  Node root_;
  std::size_t count_ = 0;
};

}  // namespace gongdan::http
