//===- InstrReader.h - Decodes core instructions one at a time --*- C++ -*-===//
//
// Function bodies stay bytes in the Module; the validator and the code
// generator walk them with this reader, one Instr at a time. The reader
// checks the encoding only (opcodes, immediates, LEB128 bounds); typing is
// the validator's job. Instructions of proposals weld does not support are
// reported as "not supported yet: PROPOSAL".
//
// Typical use:
//   InstrReader R(F.Code, F.CodeOffset);
//   Instr I;
//   while (!R.atEnd()) {
//     if (Error E = R.read(I)) return E;
//     ... I.Op, I.Offset, immediates ...
//   }
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CORE_INSTRREADER_H
#define WELD_CORE_INSTRREADER_H

#include "Core/Instr.h"
#include "Support/ByteReader.h"

#include "llvm/Support/Error.h"

#include <vector>

namespace weld::core {

class InstrReader {
public:
  /// Reads the instructions in Code, whose first byte is at absolute file
  /// offset Offset.
  InstrReader(llvm::ArrayRef<uint8_t> Code, uint64_t Offset)
      : R(Code, Offset) {}
  /// Continues reading where Reader is (used for constant expressions).
  explicit InstrReader(ByteReader Reader) : R(Reader) {}

  bool atEnd() const { return R.atEnd(); }
  /// Absolute offset of the next instruction.
  uint64_t offset() const { return R.offset(); }
  /// The underlying byte reader (positioned after the last instruction).
  const ByteReader &bytes() const { return R; }

  /// Decodes the next instruction into I (every field is reset).
  /// I.Targets stays valid until the next call.
  llvm::Error read(Instr &I);

private:
  llvm::Error readPrefixed(uint8_t Prefix, Instr &I);
  llvm::Error readImmediates(Instr &I);
  llvm::Error readMemArg(MemArg &M);

  ByteReader R;
  std::vector<uint32_t> TargetStorage;
};

/// Decodes a value type byte at R ("invalid value type" otherwise; types of
/// unsupported proposals say so).
llvm::Expected<ValType> readValType(ByteReader &R);
/// Decodes a reference type (funcref or externref).
llvm::Expected<ValType> readRefType(ByteReader &R);

/// Looks up a prefixed or plain opcode; std::nullopt when weld has none.
std::optional<Opcode> lookupOpcode(uint8_t Prefix, uint32_t Code);

} // namespace weld::core

#endif
