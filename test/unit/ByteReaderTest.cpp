//===- ByteReaderTest.cpp - LEB128 and bounds of the byte reader ----------===//

#include "Support/ByteReader.h"

#include "gtest/gtest.h"

#include <vector>

using namespace weld;

namespace {

template <typename T> T expectOk(llvm::Expected<T> V) {
  EXPECT_TRUE(bool(V)) << llvm::toString(V.takeError());
  return V ? *V : T();
}

std::string expectErr(llvm::Error E) {
  EXPECT_TRUE(bool(E));
  return llvm::toString(std::move(E));
}

TEST(ByteReader, UnsignedLEB) {
  std::vector<uint8_t> B = {0xe5, 0x8e, 0x26, 0x7f};
  ByteReader R(B);
  EXPECT_EQ(expectOk(R.readVarU32()), 624485u);
  EXPECT_EQ(expectOk(R.readVarU32()), 127u);
  EXPECT_TRUE(R.atEnd());
}

TEST(ByteReader, UnsignedTooLongOrLarge) {
  std::vector<uint8_t> TooLong = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  ByteReader R1(TooLong);
  EXPECT_NE(expectErr(R1.readVarU32().takeError()).find("too long"),
            std::string::npos);
  // Fifth byte may carry only 4 bits for a u32.
  std::vector<uint8_t> TooLarge = {0xff, 0xff, 0xff, 0xff, 0x1f};
  ByteReader R2(TooLarge);
  EXPECT_NE(expectErr(R2.readVarU32().takeError()).find("too large"),
            std::string::npos);
  std::vector<uint8_t> Max = {0xff, 0xff, 0xff, 0xff, 0x0f};
  ByteReader R3(Max);
  EXPECT_EQ(expectOk(R3.readVarU32()), 0xffffffffu);
}

TEST(ByteReader, SignedLEB) {
  std::vector<uint8_t> B = {0x7f, 0x80, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x07,
                            0x80, 0x80, 0x80, 0x80, 0x78};
  ByteReader R(B);
  EXPECT_EQ(expectOk(R.readVarS32()), -1);
  EXPECT_EQ(expectOk(R.readVarS32()), -128);
  EXPECT_EQ(expectOk(R.readVarS32()), INT32_MAX);
  EXPECT_EQ(expectOk(R.readVarS32()), INT32_MIN);
}

TEST(ByteReader, SignedUnusedBitsMustBeSignExtension) {
  std::vector<uint8_t> Bad = {0xff, 0xff, 0xff, 0xff, 0x4f};
  ByteReader R(Bad);
  EXPECT_NE(expectErr(R.readVarS32().takeError()).find("too large"),
            std::string::npos);
  std::vector<uint8_t> S64Min = {0x80, 0x80, 0x80, 0x80, 0x80,
                                 0x80, 0x80, 0x80, 0x80, 0x7f};
  ByteReader R2(S64Min);
  EXPECT_EQ(expectOk(R2.readVarS64()), INT64_MIN);
}

TEST(ByteReader, ErrorsCarryAbsoluteOffset) {
  std::vector<uint8_t> B = {0x80};
  ByteReader R(B, 0x40);
  llvm::Error E = R.readVarU32().takeError();
  EXPECT_EQ(renderError(std::move(E), "m.wasm"),
            "weld: error: m.wasm:0x40: unexpected end of LEB128 integer\n");
}

TEST(ByteReader, HugeCountFailsBeforeAllocation) {
  std::vector<uint8_t> B = {0xff, 0xff, 0xff, 0xff, 0x0f, 0x00};
  ByteReader R(B);
  EXPECT_FALSE(bool(R.readCount(1)) ? true : false);
}

TEST(ByteReader, Utf8) {
  std::vector<uint8_t> Good = {'a', 0xc3, 0xa9, 0xe2, 0x82, 0xac};
  EXPECT_TRUE(isValidUTF8(Good));
  std::vector<uint8_t> Surrogate = {0xed, 0xa0, 0x80};
  EXPECT_FALSE(isValidUTF8(Surrogate));
  std::vector<uint8_t> Overlong = {0xc0, 0x80};
  EXPECT_FALSE(isValidUTF8(Overlong));
}

} // namespace
