#include "core/io_thread.hpp"

namespace gongdan::core {
namespace {

thread_local bool io_thread = false;

}  // namespace

void mark_io_thread() noexcept { io_thread = true; }
bool on_io_thread() noexcept { return io_thread; }

}  // namespace gongdan::core
