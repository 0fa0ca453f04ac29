#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gongdan::http {

/// What a structural pre-scan of a JSON text found, before the real parser sees it.
struct JsonScan {
  bool well_formed = false;  // brackets, strings, commas and colons in order (scalars loosely)
  bool too_deep = false;     // nested deeper than the limit given to scan_json
  /// JSON paths (`subject`, `environment.os`, `files[2]`) of the strings holding ill-formed UTF-8
  /// or unpaired \u surrogates; a bad key names itself. At most the first 20 are listed.
  std::vector<std::string> invalid_utf8_fields;
};

/// Walks a JSON text without building it, to name the fields whose strings hold bad bytes
/// (nlohmann only reports a byte offset) and to refuse deep nesting before any recursion.
JsonScan scan_json(std::string_view text, std::size_t max_depth);

}  // namespace gongdan::http
