#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace gongdan::mail::testing {

/// The bytes of tests/data/mail/<name>, for unit tests. __FILE__ is relative when ccache rewrites
/// paths (CCACHE_BASEDIR), so the folder is also searched upward from the working directory.
inline std::string read_mail_fixture(const std::string& name) {
  namespace fs = std::filesystem;
  fs::path folder = fs::path(__FILE__).parent_path() / "../../../tests/data/mail";
  for (fs::path dir = fs::current_path(); !fs::exists(folder / name) && !dir.empty(); dir = dir.parent_path()) {
    folder = dir / "tests/data/mail";
    if (dir == dir.parent_path()) break;
  }
  std::ifstream in(folder / name, std::ios::binary);
  if (!in) throw std::runtime_error("missing mail fixture " + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace gongdan::mail::testing
