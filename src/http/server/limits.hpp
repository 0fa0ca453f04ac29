#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace gongdan::http {

// Every limit of the network layer, each with the threat it stops.

inline constexpr std::uint32_t kMaxHeaderBytes = 16U * 1024;        // header floods exhausting memory
inline constexpr std::uint64_t kMaxJsonBodyBytes = 1024ULL * 1024;  // huge JSON exhausting memory and CPU
inline constexpr std::uint64_t kMaxMultipartBodyBytes =
    5ULL * 20 * 1024 * 1024 + 1024ULL * 1024;  // uploads beyond 5 files x 20 MiB + the JSON part: disk and memory
inline constexpr std::chrono::seconds kReadTimeout{30};  // slowloris: connections that send a header slowly or idle
inline constexpr std::uint64_t kMinTransferBytesPerSecond = 32ULL * 1024;  // slow POST / slow read holding a connection
inline constexpr std::chrono::seconds kWriteTimeout{30};  // base time to write a response, plus size at the rate above
inline constexpr std::size_t kMaxConnections = 10'000;    // connection floods exhausting file descriptors
inline constexpr std::size_t kMaxInFlightRequests = 1'024;  // request floods growing the worker queue without bound
inline constexpr std::chrono::seconds kLingerTimeout{2};    // a refused upload cannot keep its connection long
inline constexpr std::uint64_t kMaxLingerBytes = kMaxMultipartBodyBytes;  // nor make us read without end
inline constexpr std::chrono::seconds kShutdownGrace{10};  // a stuck request cannot stall shutdown forever

// Live updates (GET /api/v1/ws).
inline constexpr std::size_t kMaxLiveFrameBytes =
    std::size_t{4} * 1024;                                        // client frames are tiny: memory and parser abuse
inline constexpr std::chrono::seconds kLiveHandshakeTimeout{10};  // a half-done upgrade holding a connection
inline constexpr std::chrono::seconds kLiveIdleTimeout{40};  // a vanished peer (pinged after half of it) stays a viewer
inline constexpr std::size_t kMaxLiveQueuedFrames = 256;     // a consumer that never reads growing our memory
inline constexpr std::size_t kMaxLiveSocketsPerUser = 16;    // one account holding sockets without bound
inline constexpr std::chrono::seconds kLiveTickInterval{1};  // how often expired typing flags are dropped

}  // namespace gongdan::http
