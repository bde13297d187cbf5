// Passwords (libsodium Argon2id), the users file, roles, sessions.
#include <gtest/gtest.h>

#include "server/password.h"
#include "server/request_parsing.h"
#include "server/sessions.h"
#include "server/users.h"

namespace docket::server {
namespace {

TEST(Password, HashesAreSaltedArgon2idAndVerifyOnlyTheRightPassword) {
  auto a = HashPassword("correct horse");
  auto b = HashPassword("correct horse");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->rfind("$argon2id$", 0), 0u);
  EXPECT_NE(*a, *b);  // a fresh salt each time
  EXPECT_TRUE(VerifyPassword("correct horse", *a));
  EXPECT_FALSE(VerifyPassword("correct horsf", *a));
  EXPECT_FALSE(VerifyPassword("", *a));
  EXPECT_FALSE(VerifyPassword("correct horse", "$argon2id$garbage"));
  EXPECT_FALSE(VerifyPassword("correct horse", ""));
}

TEST(Password, TokensAreRandomHexAndComparedWhole) {
  std::string t = RandomHex(32);
  EXPECT_EQ(t.size(), 64u);
  EXPECT_EQ(t.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(t, RandomHex(32));
  EXPECT_TRUE(ConstantTimeEquals(t, t));
  EXPECT_FALSE(ConstantTimeEquals(t, t.substr(0, 63)));
  EXPECT_FALSE(ConstantTimeEquals(t, std::string(64, '0')));
  EXPECT_FALSE(ConstantTimeEquals("", ""));  // an empty token never matches
}

TEST(Users, ParseAndSerializeRoundTrip) {
  auto hash = HashPassword("pw-12345678");
  ASSERT_TRUE(hash.ok());
  std::vector<User> users = {{"zoe", Role::kAdmin, *hash}, {"asha", Role::kClerk, *hash},
                             {"lena", Role::kLoanProcessor, *hash}};
  auto back = ParseUsers(SerializeUsers(users));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[0].name, "asha");  // sorted by name
  EXPECT_EQ((*back)[1].role, Role::kLoanProcessor);
  EXPECT_EQ((*back)[2].password_hash, *hash);
}

TEST(Users, MistakesInTheFileAreErrorsNotIgnored) {
  const std::string h = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
  EXPECT_FALSE(ParseUsers("not json").ok());
  EXPECT_FALSE(ParseUsers("[]").ok());
  EXPECT_FALSE(ParseUsers(R"({"users": [], "extra": 1})").ok());
  EXPECT_FALSE(ParseUsers(R"({"users": [{"name": "a", "role": "boss", "password_hash": ")" + h + R"("}]})").ok());
  EXPECT_FALSE(ParseUsers(R"({"users": [{"name": "a", "role": "clerk", "password_hash": "plain"}]})").ok());
  EXPECT_FALSE(ParseUsers(R"({"users": [{"name": "a b", "role": "clerk", "password_hash": ")" + h + R"("}]})").ok());
  EXPECT_FALSE(ParseUsers(R"({"users": [{"name": "a", "password_hash": ")" + h + R"("}]})").ok());
  EXPECT_FALSE(ParseUsers(R"({"users": [{"name": "a", "role": "clerk", "password_hash": ")" + h +
                          R"(", "pasword": "x"}]})").ok());
  std::string dup = R"({"name": "a", "role": "clerk", "password_hash": ")" + h + R"("})";
  EXPECT_FALSE(ParseUsers(R"({"users": [)" + dup + "," + dup + "]}").ok());
  EXPECT_TRUE(ParseUsers(R"({"users": [)" + dup + "]}").ok());
}

TEST(Roles, AClerkCorrectsALoanProcessorPullsAnAdminDoesAll) {
  EXPECT_TRUE(Allowed(Role::kClerk, Permission::kView));
  EXPECT_TRUE(Allowed(Role::kClerk, Permission::kCorrect));
  EXPECT_FALSE(Allowed(Role::kClerk, Permission::kPull));
  EXPECT_FALSE(Allowed(Role::kClerk, Permission::kAdmin));
  EXPECT_TRUE(Allowed(Role::kLoanProcessor, Permission::kView));
  EXPECT_FALSE(Allowed(Role::kLoanProcessor, Permission::kCorrect));
  EXPECT_TRUE(Allowed(Role::kLoanProcessor, Permission::kPull));
  for (Permission p : {Permission::kView, Permission::kCorrect, Permission::kPull, Permission::kAdmin}) {
    EXPECT_TRUE(Allowed(Role::kAdmin, p));
  }
  EXPECT_FALSE(ParseRole("Clerk").ok());
  EXPECT_EQ(*ParseRole("loan_processor"), Role::kLoanProcessor);
}

TEST(Sessions, LiveUntilIdleTooLongOrRemoved) {
  SessionStore store(SessionOptions{std::chrono::seconds(60), 100});
  Session s = store.Create("asha");
  EXPECT_EQ(s.id.size(), 64u);
  EXPECT_NE(s.id, s.csrf_token);
  ASSERT_TRUE(store.Find(s.id));
  EXPECT_EQ(store.Find(s.id)->user, "asha");
  EXPECT_FALSE(store.Find(""));
  EXPECT_FALSE(store.Find(std::string(64, '0')));
  store.AdvanceClockForTest(std::chrono::seconds(59));
  EXPECT_TRUE(store.Find(s.id));  // touched: another 60 s
  store.AdvanceClockForTest(std::chrono::seconds(61));
  EXPECT_FALSE(store.Find(s.id));
  Session t = store.Create("lena");
  store.RemoveUser("lena");
  EXPECT_FALSE(store.Find(t.id));
}

TEST(Sessions, AFloodOfAnonymousVisitsCannotPushOutLoggedInClerks) {
  SessionStore store(SessionOptions{std::chrono::seconds(3600), 50});
  Session clerk = store.Create("asha");
  for (int i = 0; i < 500; ++i) store.Create();
  EXPECT_LE(store.size(), 50u);
  EXPECT_TRUE(store.Find(clerk.id));
}

TEST(RequestParsing, FormsQueriesCookiesAndEscaping) {
  auto q = ParseQuery("q=steel+chairs&x=%2Fa%2Fb&q=second&empty=&bad=%zz");
  EXPECT_EQ(q["q"], "steel chairs");
  EXPECT_EQ(q["x"], "/a/b");
  EXPECT_EQ(q["empty"], "");
  EXPECT_EQ(q["bad"], "%zz");
  EXPECT_EQ(UrlDecode(UrlEncode("vendor:\"a b\" & c/d")), "vendor:\"a b\" & c/d");
  EXPECT_EQ(CookieValue("a=1; docket_session=abc; b=2", "docket_session"), "abc");
  EXPECT_EQ(CookieValue("xdocket_session=abc", "docket_session"), "");
  EXPECT_EQ(HtmlEscape("<script>\"'&"), "&lt;script&gt;&quot;&#39;&amp;");
  EXPECT_EQ(ParseCount("20", 5, 100), 20);
  EXPECT_EQ(ParseCount("-1", 5, 100), 5);
  EXPECT_EQ(ParseCount("1000", 5, 100), 5);
  EXPECT_EQ(ParseCount("99999999999999", 5, 100), 5);
}

}  // namespace
}  // namespace docket::server
