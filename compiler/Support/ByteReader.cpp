//===- ByteReader.cpp - Bounded reader of WebAssembly binaries ------------===//
//
// LEB128 decoding follows the spec's rule that an N-bit integer uses at most
// ceil(N/7) bytes and that unused bits of the last byte are zero (unsigned)
// or a sign extension (signed).
//
//===----------------------------------------------------------------------===//

#include "Support/ByteReader.h"

using namespace llvm;

namespace weld {

Expected<uint8_t> ByteReader::readU8() {
  if (Pos >= Bytes.size())
    return error("unexpected end");
  return Bytes[Pos++];
}

Expected<uint8_t> ByteReader::peekU8() const {
  if (Pos >= Bytes.size())
    return error("unexpected end");
  return Bytes[Pos];
}

Expected<uint64_t> ByteReader::readUnsigned(unsigned Bits) {
  uint64_t Start = offset();
  uint64_t Result = 0;
  unsigned Shift = 0;
  unsigned MaxBytes = (Bits + 6) / 7;
  for (unsigned I = 0;; ++I) {
    if (Pos >= Bytes.size())
      return errorAt(Start, "unexpected end of LEB128 integer");
    uint8_t B = Bytes[Pos++];
    if (I == MaxBytes - 1) {
      // Last permitted byte: no continuation, and unused bits must be zero.
      unsigned Used = Bits - Shift;
      if (B & 0x80)
        return errorAt(Start, "integer representation too long");
      if (Used < 7 && (B >> Used) != 0)
        return errorAt(Start, "integer too large");
      Result |= uint64_t(B) << Shift;
      return Result;
    }
    Result |= uint64_t(B & 0x7f) << Shift;
    Shift += 7;
    if (!(B & 0x80))
      return Result;
  }
}

Expected<int64_t> ByteReader::readSigned(unsigned Bits) {
  uint64_t Start = offset();
  int64_t Result = 0;
  unsigned Shift = 0;
  unsigned MaxBytes = (Bits + 6) / 7;
  for (unsigned I = 0;; ++I) {
    if (Pos >= Bytes.size())
      return errorAt(Start, "unexpected end of LEB128 integer");
    uint8_t B = Bytes[Pos++];
    if (I == MaxBytes - 1) {
      if (B & 0x80)
        return errorAt(Start, "integer representation too long");
      // The unused high bits must all equal the value's sign bit.
      unsigned Used = Bits - Shift; // value bits in this byte, 1..7
      if (Used < 7) {
        uint8_t Payload = B & 0x7f;
        bool Negative = (Payload >> (Used - 1)) & 1;
        uint8_t High = Payload >> Used;
        if (High != (Negative ? (0x7f >> Used) : 0))
          return errorAt(Start, "integer too large");
      }
      Result |= int64_t(uint64_t(B & 0x7f) << Shift);
      Shift += 7;
      if (Shift < 64 && (B & 0x40))
        Result |= int64_t(~uint64_t(0) << Shift);
      return Result;
    }
    Result |= int64_t(uint64_t(B & 0x7f) << Shift);
    Shift += 7;
    if (!(B & 0x80)) {
      if (Shift < 64 && (B & 0x40))
        Result |= int64_t(~uint64_t(0) << Shift);
      return Result;
    }
  }
}

Expected<uint32_t> ByteReader::readVarU32() {
  auto V = readUnsigned(32);
  if (!V)
    return V.takeError();
  return uint32_t(*V);
}
Expected<uint64_t> ByteReader::readVarU64() { return readUnsigned(64); }
Expected<int32_t> ByteReader::readVarS32() {
  auto V = readSigned(32);
  if (!V)
    return V.takeError();
  return int32_t(*V);
}
Expected<int64_t> ByteReader::readVarS33() { return readSigned(33); }
Expected<int64_t> ByteReader::readVarS64() { return readSigned(64); }

Expected<uint32_t> ByteReader::readFixedU32() {
  if (remaining() < 4)
    return error("unexpected end");
  uint32_t V = 0;
  for (int I = 0; I < 4; ++I)
    V |= uint32_t(Bytes[Pos + I]) << (8 * I);
  Pos += 4;
  return V;
}

Expected<uint64_t> ByteReader::readFixedU64() {
  if (remaining() < 8)
    return error("unexpected end");
  uint64_t V = 0;
  for (int I = 0; I < 8; ++I)
    V |= uint64_t(Bytes[Pos + I]) << (8 * I);
  Pos += 8;
  return V;
}

Expected<ArrayRef<uint8_t>> ByteReader::readBytes(size_t N) {
  if (remaining() < N)
    return error("unexpected end");
  ArrayRef<uint8_t> R = Bytes.slice(Pos, N);
  Pos += N;
  return R;
}

Expected<std::string> ByteReader::readName() {
  auto Len = readVarU32();
  if (!Len)
    return Len.takeError();
  uint64_t Start = offset();
  auto B = readBytes(*Len);
  if (!B)
    return errorAt(Start, "unexpected end");
  if (!isValidUTF8(*B))
    return errorAt(Start, "malformed UTF-8 encoding");
  return std::string(B->begin(), B->end());
}

Expected<uint32_t> ByteReader::readCount(size_t MinElemSize) {
  auto N = readVarU32();
  if (!N)
    return N.takeError();
  if (uint64_t(*N) * MinElemSize > remaining())
    return error("unexpected end: count " + Twine(*N) +
                 " exceeds the remaining bytes");
  return *N;
}

Expected<ByteReader> ByteReader::subReader(size_t N) {
  if (remaining() < N)
    return error("unexpected end: section or body size " + Twine(N) +
                 " exceeds the remaining " + Twine(remaining()) + " bytes");
  ByteReader R(Bytes.slice(Pos, N), offset());
  Pos += N;
  return R;
}

bool isValidUTF8(ArrayRef<uint8_t> S) {
  size_t I = 0, N = S.size();
  while (I < N) {
    uint8_t C = S[I];
    if (C < 0x80) {
      ++I;
      continue;
    }
    unsigned Len;
    uint32_t CP;
    if ((C & 0xe0) == 0xc0) {
      Len = 2;
      CP = C & 0x1f;
    } else if ((C & 0xf0) == 0xe0) {
      Len = 3;
      CP = C & 0x0f;
    } else if ((C & 0xf8) == 0xf0) {
      Len = 4;
      CP = C & 0x07;
    } else {
      return false;
    }
    if (I + Len > N)
      return false;
    for (unsigned K = 1; K < Len; ++K) {
      if ((S[I + K] & 0xc0) != 0x80)
        return false;
      CP = (CP << 6) | (S[I + K] & 0x3f);
    }
    if ((Len == 2 && CP < 0x80) || (Len == 3 && CP < 0x800) ||
        (Len == 4 && (CP < 0x10000 || CP > 0x10ffff)) ||
        (CP >= 0xd800 && CP <= 0xdfff))
      return false;
    I += Len;
  }
  return true;
}

} // namespace weld
