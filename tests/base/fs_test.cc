#include "base/fs.h"

#include <gtest/gtest.h>

#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

TEST(FsTest, WriteAtomicReplacesWholeAndLeavesNoTemp) {
  testing::TempDir dir;
  Fs* fs = DefaultFs();
  ASSERT_TRUE(fs->WriteAtomic(dir / "a.json", "first").ok());
  ASSERT_TRUE(fs->WriteAtomic(dir / "a.json", "second").ok());
  auto data = fs->ReadFile(dir / "a.json");
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, "second");
  auto names = fs->List(dir.path());
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"a.json"});
}

TEST(FsTest, WriteIntoMissingFolderFailsAndNamesThePath) {
  testing::TempDir dir;
  Status st = DefaultFs()->WriteAtomic(dir / "no/such/file", "x");
  EXPECT_EQ(st.code(), Status::Code::kIoError);
  EXPECT_NE(st.message().find("no/such/file"), std::string::npos);
}

TEST(FsTest, CopyAtomicCopiesBytes) {
  testing::TempDir dir;
  std::string big(3 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i % 251);
  testing::WriteFile(dir / "src", big);
  ASSERT_TRUE(DefaultFs()->CopyAtomic(dir / "src", dir / "dst").ok());
  EXPECT_EQ(*DefaultFs()->ReadFile(dir / "dst"), big);
  EXPECT_FALSE(DefaultFs()->CopyAtomic(dir / "missing", dir / "dst2").ok());
  EXPECT_FALSE(DefaultFs()->Exists(dir / "dst2"));
}

TEST(FsTest, MakeDirsRenameRemoveAndSize) {
  testing::TempDir dir;
  Fs* fs = DefaultFs();
  ASSERT_TRUE(fs->MakeDirs(dir / "x/y/z").ok());
  ASSERT_TRUE(fs->WriteAtomic(dir / "x/y/z/f", "12345").ok());
  EXPECT_EQ(*fs->FileSize(dir / "x/y/z/f"), 5u);
  ASSERT_TRUE(fs->Rename(dir / "x/y/z/f", dir / "x/g").ok());
  EXPECT_FALSE(fs->Exists(dir / "x/y/z/f"));
  EXPECT_TRUE(fs->Exists(dir / "x/g"));
  ASSERT_TRUE(fs->Remove(dir / "x/g").ok());
  EXPECT_FALSE(fs->Exists(dir / "x/g"));
  EXPECT_TRUE(fs->ReadFile(dir / "x/g").status().IsNotFound());
}

}  // namespace
}  // namespace docket
