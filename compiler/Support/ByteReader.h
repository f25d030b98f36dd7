//===- ByteReader.h - Bounded reader of WebAssembly binaries ----*- C++ -*-===//
//
// Every binary decoder in weld (core modules, components) reads through this
// class. It never reads past its end, rejects over-long and out-of-range
// LEB128 encodings as the spec requires, and reports each failure with the
// absolute byte offset in the input file.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_SUPPORT_BYTEREADER_H
#define WELD_SUPPORT_BYTEREADER_H

#include "Support/Diagnostics.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace weld {

class ByteReader {
public:
  /// Reads Bytes, whose first byte is at absolute offset Base of the file.
  ByteReader(llvm::ArrayRef<uint8_t> Bytes, uint64_t Base = 0)
      : Bytes(Bytes), Base(Base) {}

  /// Absolute offset of the next byte.
  uint64_t offset() const { return Base + Pos; }
  /// Position relative to the start of this reader.
  size_t pos() const { return Pos; }
  size_t remaining() const { return Bytes.size() - Pos; }
  bool atEnd() const { return Pos == Bytes.size(); }
  llvm::ArrayRef<uint8_t> data() const { return Bytes; }
  uint64_t base() const { return Base; }

  llvm::Expected<uint8_t> readU8();
  llvm::Expected<uint8_t> peekU8() const;
  llvm::Expected<uint32_t> readVarU32();
  llvm::Expected<uint64_t> readVarU64();
  llvm::Expected<int32_t> readVarS32();
  llvm::Expected<int64_t> readVarS33();
  llvm::Expected<int64_t> readVarS64();
  /// Reads 4 raw little-endian bytes (an f32 bit pattern).
  llvm::Expected<uint32_t> readFixedU32();
  /// Reads 8 raw little-endian bytes (an f64 bit pattern).
  llvm::Expected<uint64_t> readFixedU64();
  /// Reads N raw bytes.
  llvm::Expected<llvm::ArrayRef<uint8_t>> readBytes(size_t N);
  /// Reads a length-prefixed UTF-8 name and validates the encoding.
  llvm::Expected<std::string> readName();
  /// Reads a vector length and checks that at least Count*MinElemSize bytes
  /// remain, so that a huge count fails before anything is allocated.
  llvm::Expected<uint32_t> readCount(size_t MinElemSize = 1);

  /// Makes a reader over the next N bytes and skips them here.
  llvm::Expected<ByteReader> subReader(size_t N);

  /// An error at the current offset.
  llvm::Error error(const llvm::Twine &Msg) const {
    return errorAt(offset(), Msg);
  }

private:
  llvm::Expected<uint64_t> readUnsigned(unsigned Bits);
  llvm::Expected<int64_t> readSigned(unsigned Bits);

  llvm::ArrayRef<uint8_t> Bytes;
  uint64_t Base;
  size_t Pos = 0;
};

/// True when S is well-formed UTF-8 (no surrogates, no over-long forms).
bool isValidUTF8(llvm::ArrayRef<uint8_t> S);

} // namespace weld

#endif
