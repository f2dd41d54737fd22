// common/file_bytes.h: a file's bytes as stored, or nothing when it cannot
// be opened.
#include "common/file_bytes.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/common/temp_dir.h"

namespace nc {
namespace {

TEST(ReadFileBytes, GivesEveryByteUnchangedNulAndCrlfIncluded) {
  testing::TempDir dir;
  const std::string bytes("a\r\nb\0c\xff", 7);
  std::ofstream(dir / "page.html", std::ios::binary) << bytes;
  const std::optional<std::string> read = ReadFileBytes((dir / "page.html").string());
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, bytes);
}

TEST(ReadFileBytes, AnEmptyFileIsEmptyAndAMissingOneIsNothing) {
  testing::TempDir dir;
  std::ofstream(dir / "empty", std::ios::binary).flush();
  EXPECT_EQ(ReadFileBytes((dir / "empty").string()), std::optional<std::string>(""));
  EXPECT_EQ(ReadFileBytes((dir / "missing").string()), std::nullopt);
}

}  // namespace
}  // namespace nc
