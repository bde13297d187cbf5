// The check-digit rules against REFERENCE.md's published specimens.
#include <gtest/gtest.h>

#include "classify/fields/validators.h"

namespace docket::fields {
namespace {

TEST(Validators, Gstin) {
  EXPECT_TRUE(ValidGstin("27AAPFU0939F1ZV"));
  EXPECT_FALSE(ValidGstin("27AAPFU0939F1ZW"));  // check character off by one
  EXPECT_FALSE(ValidGstin("27AAPFU0939F1YV"));  // no 'Z'
  EXPECT_FALSE(ValidGstin("27AAPFU0939F1Z"));
}

TEST(Validators, Pan) {
  EXPECT_TRUE(ValidPan("ABCPE1234F"));
  EXPECT_FALSE(ValidPan("ABCXE1234F"));  // X is no holder type
  EXPECT_FALSE(ValidPan("ABCPE12345"));
  EXPECT_FALSE(ValidPan("abcpe1234f"));
}

TEST(Validators, AadhaarVerhoeff) {
  EXPECT_TRUE(ValidAadhaar("234123412346"));
  EXPECT_FALSE(ValidAadhaar("234123412347"));
  EXPECT_FALSE(ValidAadhaar("134123412346"));  // cannot start with 0 or 1
  EXPECT_FALSE(ValidAadhaar("23412341234"));
}

TEST(Validators, Iban) {
  EXPECT_TRUE(ValidIban("GB82WEST12345698765432"));
  EXPECT_FALSE(ValidIban("GB82WEST12345698765433"));
  EXPECT_FALSE(ValidIban("GB82 WEST"));
}

TEST(Validators, IcaoCheckDigits) {
  // TD3 specimen line 2: L898902C36UTO7408122F1204159ZE184226B<<<<<10
  EXPECT_EQ(IcaoCheckDigit("L898902C3"), 6);
  EXPECT_EQ(IcaoCheckDigit("740812"), 2);
  EXPECT_EQ(IcaoCheckDigit("120415"), 9);
  EXPECT_EQ(IcaoCheckDigit("ZE184226B<<<<<"), 1);
  EXPECT_EQ(IcaoCheckDigit("L898902C36" "7408122" "120415" "9ZE184226B<<<<<1"), 0);
  EXPECT_EQ(IcaoCheckDigit("l8"), -1);
}

}  // namespace
}  // namespace docket::fields
