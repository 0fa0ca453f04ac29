#pragma once

namespace gongdan::core {

/// Threads that must not wait behind blocking work: the HTTP server's I/O threads, which run the
/// quick reads themselves (docs/adr/0004). A resource shared with blocking work keeps some of
/// itself for them (storage's ReaderPool keeps read connections).
void mark_io_thread() noexcept;
/// Whether the calling thread was marked.
bool on_io_thread() noexcept;

}  // namespace gongdan::core
