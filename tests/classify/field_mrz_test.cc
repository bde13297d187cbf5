// Machine-readable zones: the ICAO specimen, and a real OCR'd passport page
// (tests/classify/fixtures, from samples/corpus/train) with two characters
// swapped for their OCR confusables, repaired by the check digits.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "classify/extract.h"
#include "classify/fields/mrz.h"
#include "tests/classify/fixture_pages.h"
#include "tests/testutil/samples.h"

namespace docket::fields {
namespace {

using testing::LoadFixturePages;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}

// Replaces `from` by `to` in the page text and in the word holding it.
void Corrupt(Page* page, const std::string& from, const std::string& to) {
  size_t p = page->text.find(from);
  ASSERT_NE(p, std::string::npos) << from;
  page->text.replace(p, from.size(), to);
  for (Word& w : page->words) {
    size_t q = w.text.find(from);
    if (q != std::string::npos) w.text.replace(q, from.size(), to);
  }
}

TEST(Mrz, IcaoSpecimenTd3) {
  auto m = FindMrz({"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, "TD3");
  EXPECT_EQ(m->number, "L898902C3");
  EXPECT_EQ(m->nationality, "UTO");
  EXPECT_EQ(m->birth_date, "1974-08-12");
  EXPECT_EQ(m->expiry_date, "2012-04-15");
  EXPECT_EQ(m->surname, "ERIKSSON");
  EXPECT_EQ(m->given_names, "ANNA MARIA");
  EXPECT_TRUE(m->number_ok && m->birth_ok && m->expiry_ok && m->composite_ok);
  EXPECT_EQ(m->repairs, 0);
}

TEST(Mrz, WrongDigitFailsItsCheck) {
  // 740812 -> 740813: a digit read as another digit cannot be repaired,
  // and the zone says so instead of accepting it.
  auto m = FindMrz({"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408132F1204159ZE184226B<<<<<10"});
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->birth_ok);
  EXPECT_FALSE(m->composite_ok);
}

TEST(Mrz, PassportWithTwoConfusedCharactersIsRepaired) {
  std::vector<Page> pages = LoadFixturePages("passport_photo.pages.json");
  ASSERT_EQ(pages.size(), 1u);
  // As read: 4972483096USA8603197M3210086<<<<<<<<<<<<<<Q2 (already one
  // confusion: Q for the 0 of the optional data's check digit).
  Corrupt(&pages[0], "4972483096USA8603197", "49724B3096USA86O3197");  // 8 -> B in the number, 0 -> O in the birth date
  auto m = FindMrz(Lines(pages[0].text));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, "TD3");
  EXPECT_EQ(m->number, "497248309");
  EXPECT_EQ(m->birth_date, "1986-03-19");
  EXPECT_EQ(m->expiry_date, "2032-10-08");
  EXPECT_EQ(m->nationality, "USA");
  EXPECT_TRUE(m->number_ok && m->birth_ok && m->expiry_ok && m->composite_ok);
  EXPECT_GE(m->repairs, 3);  // B, O and Q

  FieldSet f = ExtractFields("kyc", pages);
  EXPECT_EQ(f["id_number"].value, "497248309");
  EXPECT_GE(f["id_number"].confidence, 0.95);
  EXPECT_EQ(f["date_of_birth"].value, "1986-03-19");
  EXPECT_EQ(f["id_type"].value, "passport");
  EXPECT_EQ(f["nationality"].value, "USA");
  EXPECT_EQ(f["full_name"].value, "LUCAS PIETER SCHMIDT");
}

TEST(Mrz, IdCardNumberRepairedByItsCheckDigit) {
  // OCR read the document number HD584CEH0 as HD584CEHO on a photographed
  // Belgian card (TD1); only the 0 makes check digit 2 hold.
  std::vector<Page> pages = LoadFixturePages("id_card_photo.pages.json");
  auto m = FindMrz(Lines(pages[0].text));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format, "TD1");
  EXPECT_EQ(m->number, "HD584CEH0");
  EXPECT_TRUE(m->composite_ok);
  FieldSet f = ExtractFields("kyc", pages);
  EXPECT_EQ(f["id_number"].value, "HD584CEH0");
  EXPECT_EQ(f["id_type"].value, "national_id");
  EXPECT_EQ(f["date_of_birth"].value, "1996-11-29");
  EXPECT_EQ(f["expiry_date"].value, "2030-12-02");
}

// Found by fuzz/mrz (fuzz/regressions/mrz): "730230" was read as 1973-02-30;
// here with the check digit that holds for it (1).
TEST(Mrz, DateThatIsNoCalendarDateIsNotRead) {
  auto m = FindMrz({"P<GBRHARPER<<BENJAMIN<DANIEL<<<<<<<<<<<<<<<<", "112TD37982GBR7302301M3209251<<<<<<<<<<<<<<02"});
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->birth_ok);  // the check digit does hold
  EXPECT_EQ(m->birth_date, "");
  EXPECT_EQ(m->expiry_date, "2032-09-25");
}

}  // namespace
}  // namespace docket::fields
