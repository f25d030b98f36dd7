//===- SimdValidator.cpp - Immediates of SIMD-128 instructions ------------===//
//
// Operand types of every SIMD instruction come from Opcodes.def; what is
// left are the immediates that must be in range: lane indices (bounded by
// the lane count of the shape in the opcode's name, or by the access size of
// a lane load or store) and the 16 lane selectors of i8x16.shuffle.
//
//===----------------------------------------------------------------------===//

#include "Core/ValidatorImpl.h"

using namespace llvm;

namespace weld::core {

unsigned laneCount(Opcode Op) {
  const OpcodeInfo &Info = opcodeInfo(Op);
  if (Info.Imm == ImmKind::MemArgLane)
    return 16 / Info.AccessBytes;
  if (Info.Imm != ImmKind::Lane)
    return 0;
  StringRef Name = Info.Name;
  if (Name.starts_with("i8x16"))
    return 16;
  if (Name.starts_with("i16x8"))
    return 8;
  if (Name.starts_with("i32x4") || Name.starts_with("f32x4"))
    return 4;
  if (Name.starts_with("i64x2") || Name.starts_with("f64x2"))
    return 2;
  llvm_unreachable("lane instruction without a shape");
}

Error checkSimdImmediates(const Instr &I) {
  if (unsigned Lanes = laneCount(I.Op)) {
    if (I.Lane >= Lanes)
      return errorAt(I.Offset, "invalid lane index " + Twine(unsigned(I.Lane)) +
                                   " (the shape has " + Twine(Lanes) +
                                   " lanes)");
    return Error::success();
  }
  if (I.Op == Opcode::I8x16Shuffle)
    for (uint8_t L : I.V128)
      if (L >= 32)
        return errorAt(I.Offset, "invalid lane index " + Twine(unsigned(L)) +
                                     " in i8x16.shuffle (at most 31)");
  return Error::success();
}

} // namespace weld::core
