#include "storage/files/magic_file_type_detector.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace gongdan::storage {
namespace {

// A complete 1×1 PNG.
const unsigned char kPngBytes[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff,
    0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};
const std::string kPng(reinterpret_cast<const char*>(kPngBytes), sizeof kPngBytes);

const std::string kPdf =
    "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
    "endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

// The 64-byte header of an x86-64 executable, padded.
std::string elf_executable() {
  std::string bytes(128, '\0');
  const unsigned char header[] = {
      0x7f, 'E', 'L', 'F', 2, 1, 1,    0, 0, 0, 0, 0,
      0,    0,   0,   0,   2, 0, 0x3e, 0, 1, 0, 0, 0};  // e_type EXEC, e_machine x86-64, version 1
  std::copy(std::begin(header), std::end(header), bytes.begin());
  bytes[52] = 64;  // e_ehsize
  return bytes;
}

class MagicFileTypeDetectorTest : public ::testing::Test {
 protected:
  MagicFileTypeDetector detector_;
};

TEST_F(MagicFileTypeDetectorTest, KnowsCommonTypesByContent) {
  EXPECT_EQ(detector_.detect(kPng), "image/png");
  EXPECT_EQ(detector_.detect(kPdf), "application/pdf");
  EXPECT_EQ(detector_.detect("2026-11-25 19:11:40 E/chat: connection reset\n"), "text/plain");
  EXPECT_EQ(detector_.detect("应用启动就闪退，日志如下：\n"), "text/plain");
}

TEST_F(MagicFileTypeDetectorTest, RecognisesProgramsWhateverTheyAreCalled) {
  const std::string type = detector_.detect(elf_executable());
  EXPECT_TRUE(type.starts_with("application/x-")) << type;
  EXPECT_NE(type.find("exec"), std::string::npos) << type;
}

TEST_F(MagicFileTypeDetectorTest, AnswersFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> types(8);
  for (std::size_t i = 0; i < types.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < 20; ++j) types[i] = detector_.detect(i % 2 == 0 ? kPng : kPdf);
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t i = 0; i < types.size(); ++i) EXPECT_EQ(types[i], i % 2 == 0 ? "image/png" : "application/pdf");
}

}  // namespace
}  // namespace gongdan::storage
