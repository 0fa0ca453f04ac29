#include "logging/buffered_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <string>

#include <gtest/gtest.h>
#include <spdlog/logger.h>

namespace gongdan::logging {
namespace {

using namespace std::chrono_literals;

/// A pipe whose reading end never blocks: what the sink has written so far, and no more.
class Pipe {
 public:
  Pipe() {
    EXPECT_EQ(::pipe(fds_.data()), 0);
    EXPECT_EQ(::fcntl(fds_[0], F_SETFL, O_NONBLOCK), 0);
  }
  ~Pipe() {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  int writer() const { return fds_[1]; }
  std::string read_all() {
    std::string text;
    std::array<char, 4096> chunk{};
    for (ssize_t n = 0; (n = ::read(fds_[0], chunk.data(), chunk.size())) > 0;) {
      text.append(chunk.data(), static_cast<std::size_t>(n));
    }
    return text;
  }

 private:
  std::array<int, 2> fds_{-1, -1};
};

spdlog::logger logger_on(std::shared_ptr<BufferedSink> sink) {
  spdlog::logger logger("test", std::move(sink));
  logger.set_pattern("%l %v");
  return logger;
}

TEST(BufferedSink, InfoLinesWaitForTheIntervalThenGoOutInOrder) {
  Pipe pipe;
  auto logger = logger_on(std::make_shared<BufferedSink>(pipe.writer(), 200ms));
  logger.info("GET /healthz 200");
  logger.info("GET /api/v1/me 200");
  EXPECT_EQ(pipe.read_all(), "") << "an info line is not written at once";
  std::string seen;
  for (int i = 0; i < 100 && seen.empty(); ++i) {
    std::this_thread::sleep_for(20ms);
    seen = pipe.read_all();
  }
  EXPECT_EQ(seen, "info GET /healthz 200\ninfo GET /api/v1/me 200\n");
}

TEST(BufferedSink, AWarningGoesOutAtOnceWithTheLinesBeforeIt) {
  Pipe pipe;
  auto logger = logger_on(std::make_shared<BufferedSink>(pipe.writer(), 1h));
  logger.info("before");
  logger.warn("disk almost full");
  EXPECT_EQ(pipe.read_all(), "info before\nwarning disk almost full\n");
  logger.error("failed");
  EXPECT_EQ(pipe.read_all(), "error failed\n");
}

TEST(BufferedSink, AFullBufferIsWrittenWithoutWaiting) {
  Pipe pipe;
  auto logger = logger_on(std::make_shared<BufferedSink>(pipe.writer(), 1h, 64));
  logger.info("0123456789012345678901234567890");
  EXPECT_EQ(pipe.read_all(), "");
  logger.info("0123456789012345678901234567890");
  EXPECT_EQ(pipe.read_all().size(), 2 * std::string("info 0123456789012345678901234567890\n").size())
      << "both lines, once 64 bytes had gathered";
}

TEST(BufferedSink, DestroyingTheSinkWritesWhatIsLeft) {
  Pipe pipe;
  {
    auto logger = logger_on(std::make_shared<BufferedSink>(pipe.writer(), 1h));
    logger.info("stopping");
  }
  EXPECT_EQ(pipe.read_all(), "info stopping\n");
}

TEST(BufferedSink, FlushWritesAtOnce) {
  Pipe pipe;
  auto logger = logger_on(std::make_shared<BufferedSink>(pipe.writer(), 1h));
  logger.info("now");
  logger.flush();
  EXPECT_EQ(pipe.read_all(), "info now\n");
}

}  // namespace
}  // namespace gongdan::logging
