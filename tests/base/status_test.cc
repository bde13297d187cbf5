#include "base/status.h"

#include <gtest/gtest.h>

namespace docket {
namespace {

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, AnnotateKeepsCodeAndPrefixesContext) {
  Status s = Status::NotFound("no record x").Annotate("show");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.message(), "show: no record x");
  EXPECT_EQ(s.ToString(), "not found: show: no record x");
  EXPECT_TRUE(Status::Ok().Annotate("x").ok());
}

Result<int> Half(int v) {
  if (v % 2) return Status::Invalid("odd");
  return v / 2;
}

TEST(ResultTest, CarriesValueOrStatus) {
  auto a = Half(4);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 2);
  auto b = Half(3);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Status::Code::kInvalid);
}

}  // namespace
}  // namespace docket
