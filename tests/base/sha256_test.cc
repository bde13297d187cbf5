#include "base/sha256.h"

#include <gtest/gtest.h>

#include "tests/testutil/temp_dir.h"

namespace docket {
namespace {

TEST(Sha256Test, KnownVectors) {
  Sha256 empty;
  EXPECT_EQ(empty.HexDigest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 abc;
  abc.Update("abc");
  EXPECT_EQ(abc.HexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // Two blocks, fed in uneven pieces.
  Sha256 two;
  std::string msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  two.Update(msg.substr(0, 7));
  two.Update(msg.substr(7));
  EXPECT_EQ(two.HexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, FileMatchesMemory) {
  testing::TempDir dir;
  std::string data(200000, 'x');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7);
  testing::WriteFile(dir / "f", data);
  Sha256 h;
  h.Update(data);
  auto file = Sha256File(dir / "f");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(*file, h.HexDigest());
  EXPECT_FALSE(Sha256File(dir / "missing").ok());
}

}  // namespace
}  // namespace docket
