// FindFileMapping / ReleaseResidentPages (storage/resident_map.h): the
// mapping found is the one this process made, capped at the file's length,
// and releasing it loses no data.

#include "storage/resident_map.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace nc::storage {
namespace {

class ResidentMapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("resident_map_test." + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(ResidentMapTest, FindsTheLargestMappingCappedAtTheFileLength) {
  const std::filesystem::path file = dir_ / "data.mdb";
  const std::string content(3 * 4096 + 100, 'x');
  std::ofstream(file, std::ios::binary) << content;
  const int fd = ::open(file.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  // Reserve more than the file, as LMDB's map does.
  const size_t reserved = 64 * 4096;
  void* map = ::mmap(nullptr, reserved, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  ASSERT_NE(map, MAP_FAILED);

  const FileMapping found = FindFileMapping(file);
  EXPECT_EQ(found.address, map);
  EXPECT_EQ(found.size, content.size());

  // Dropping the pages loses nothing: they fault back in from the file.
  const char* bytes = static_cast<const char*>(map);
  EXPECT_EQ(bytes[4096 + 7], 'x');
  ReleaseResidentPages(found);
  EXPECT_EQ(std::string(bytes, content.size()), content);
  ::munmap(map, reserved);
}

TEST_F(ResidentMapTest, AFileNotMappedOrMissingGivesNothingToRelease) {
  const std::filesystem::path file = dir_ / "other.mdb";
  std::ofstream(file) << "abc";
  EXPECT_EQ(FindFileMapping(file).size, 0u);
  EXPECT_EQ(FindFileMapping(dir_ / "missing.mdb").size, 0u);
  ReleaseResidentPages(FileMapping{});  // a no-op
}

}  // namespace
}  // namespace nc::storage
