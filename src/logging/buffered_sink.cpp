#include "logging/buffered_sink.hpp"

#include <unistd.h>

#include <cerrno>
#include <memory>

#include <spdlog/spdlog.h>

namespace gongdan::logging {
namespace {

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const auto written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return;  // a closed pipe or a full disk: the lines are lost, the server goes on
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

}  // namespace

BufferedSink::BufferedSink(int fd, std::chrono::milliseconds interval, std::size_t capacity)
    : fd_(fd), interval_(interval), capacity_(capacity), flusher_([this] { flush_periodically(); }) {}

BufferedSink::~BufferedSink() {
  {
    const std::lock_guard lock(timer_mutex_);
    stopping_ = true;
  }
  timer_.notify_one();
  flusher_.join();
  flush();
}

void BufferedSink::sink_it_(const spdlog::details::log_msg& message) {
  formatter_->format(message, pending_);
  if (message.level >= spdlog::level::warn || pending_.size() >= capacity_) flush_();
}

void BufferedSink::flush_() {
  if (pending_.size() == 0) return;
  write_all(fd_, pending_.data(), pending_.size());
  pending_.clear();
}

void BufferedSink::flush_periodically() {
  std::unique_lock lock(timer_mutex_);
  while (!timer_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    flush();
    lock.lock();
  }
}

void buffer_stdout_log_unless_terminal() {
  if (::isatty(STDOUT_FILENO) != 0) return;
  auto logger = std::make_shared<spdlog::logger>("", std::make_shared<BufferedSink>(STDOUT_FILENO));
  logger->set_level(spdlog::default_logger()->level());
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace gongdan::logging
