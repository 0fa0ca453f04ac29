#include "http/router/router.hpp"

#include <stdexcept>

#include "http/context/query.hpp"

namespace gongdan::http {

std::string_view PathParams::get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (key == name) return value;
  }
  return {};
}

std::vector<std::string_view> Router::split(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

std::size_t Router::add(std::string_view method, std::string_view path_template) {
  if (path_template.empty() || path_template.front() != '/') throw std::invalid_argument("route must start with /");
  std::vector<Segment> segments;
  for (const std::string_view piece : split(path_template)) {
    if (piece.size() >= 2 && piece.front() == '{' && piece.back() == '}') {
      segments.push_back({std::string(piece.substr(1, piece.size() - 2)), true});
    } else {
      segments.push_back({std::string(piece), false});
    }
  }
  const std::size_t index = count_++;
  // Templates of the same shape (parameter names aside) end at the same node: one pattern, one
  // more method.
  Node* node = &root_;
  for (const Segment& segment : segments) {
    std::unique_ptr<Node>& child = segment.parameter ? node->parameter : node->literals[segment.text];
    if (!child) child = std::make_unique<Node>();
    node = child.get();
  }
  if (node->pattern) {
    patterns_[*node->pattern].methods.emplace_back(std::string(method), index);
    return index;
  }
  node->pattern = patterns_.size();
  patterns_.push_back({std::move(segments), {{std::string(method), index}}});
  return index;
}

const Router::Pattern* Router::find(const Node& node, const std::vector<std::string>& segments, std::size_t at) const {
  if (at == segments.size()) return node.pattern ? &patterns_[*node.pattern] : nullptr;
  if (const auto literal = node.literals.find(segments[at]); literal != node.literals.end()) {
    if (const Pattern* found = find(*literal->second, segments, at + 1)) return found;
  }
  if (node.parameter && !segments[at].empty()) return find(*node.parameter, segments, at + 1);
  return nullptr;
}

RouteMatch Router::match(std::string_view method, std::string_view raw_path) const {
  RouteMatch result;
  const std::vector<std::string_view> raw = split(raw_path);
  if (raw.empty()) return result;
  std::vector<std::string> decoded;
  decoded.reserve(raw.size());
  for (const std::string_view segment : raw) {
    auto text = percent_decode(segment);
    if (!text) return result;  // a malformed escape names no resource
    decoded.push_back(std::move(*text));
  }

  const Pattern* best = find(root_, decoded, 0);
  if (best == nullptr) return result;

  for (const auto& [route_method, index] : best->methods) {
    if (route_method != method) continue;
    result.kind = RouteMatch::Kind::kFound;
    result.route = index;
    for (std::size_t i = 0; i < decoded.size(); ++i) {
      if (best->segments[i].parameter) result.params.add(best->segments[i].text, std::move(decoded[i]));
    }
    return result;
  }
  result.kind = RouteMatch::Kind::kMethodNotAllowed;
  for (const auto& [route_method, index] : best->methods) result.allowed.push_back(route_method);
  return result;
}

std::string Router::allow_header(const std::vector<std::string>& methods) {
  std::string header;
  for (const std::string& m : methods) {
    if (!header.empty()) header += ", ";
    header += m;
  }
  return header;
}

}  // namespace gongdan::http
