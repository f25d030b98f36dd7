//===- SIMDLowering.h - SIMD-128 value computations -------------*- C++ -*-===//
//
// The SIMD-128 instructions that only compute (everything except memory
// accesses) are pure functions of their operands, so they are built here
// without the operand stack: FunctionTranslator::translateSimd (SIMD.cpp)
// pops the operands a signature names, asks SimdLowering for the result
// and pushes it. Every v128 enters and leaves as the module's carrier type
// (ModuleTranslator::V128); each instruction bitcasts to the lane shape it
// works on, and LLVM folds the bitcasts away.
//
// The instructions are split by lane kind: SIMDInt.cpp (constants,
// shuffles, lane access, bitwise and integer lanes) and SIMDFloat.cpp
// (float lanes and the conversions between lane kinds).
//
//===----------------------------------------------------------------------===//

#ifndef WELD_CODEGEN_SIMDLOWERING_H
#define WELD_CODEGEN_SIMDLOWERING_H

#include "Core/Instr.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/TargetParser/Triple.h"

namespace weld::codegen {

/// True when the float arithmetic L Op R (Op an fadd, fsub, fmul or fdiv
/// of scalars or vectors) needs llvm.canonicalize on its result to stay an
/// arithmetic NaN: an operand is a constant LLVM may fold the operation
/// away with (in any lane: ±0, infinities and NaNs, and for fmul and the
/// divisor of fdiv ±1; a dividend only when it is a NaN), leaving a
/// signaling NaN operand unquieted or merely negated. Other constants
/// (x * 0.01, x - 1.0, 1.0 / x) keep a real operation, which quiets NaNs
/// in hardware, so they need nothing.
/// Constant expressions (v128.const is a bitcast of bytes) are folded
/// with DL first.
bool needsCanonicalize(llvm::Instruction::BinaryOps Op, llvm::Value *L,
                       llvm::Value *R, const llvm::DataLayout &DL);

class SimdLowering {
public:
  /// The target triple picks between equivalent lowerings: the one its
  /// back end selects best (x86 would scalarize some generic forms) or
  /// can select at all (32-bit back ends fail on llvm.minimum of f64).
  SimdLowering(llvm::IRBuilder<> &B, llvm::FixedVectorType *V128,
               const llvm::Triple &T);

  /// The result of the non-memory instruction I applied to Args (its
  /// operands in wasm order), or null when I is not one of SIMDInt.cpp's
  /// instructions.
  llvm::Value *emitInt(const core::Instr &I, llvm::ArrayRef<llvm::Value *> Args);
  /// Likewise for SIMDFloat.cpp's instructions.
  llvm::Value *emitFloat(const core::Instr &I,
                         llvm::ArrayRef<llvm::Value *> Args);

  /// The lane type named by the prefix of Op's text name ("i16x8.add" is
  /// i16, "f64x2.splat" is double); null for the "v128." instructions. For
  /// conversions this is the lane type of the result.
  llvm::Type *laneType(core::Opcode Op) const;
  /// The 128-bit vector of Lane (i8 gives <16 x i8>).
  llvm::FixedVectorType *shape(llvm::Type *Lane) const;
  /// V (any 128-bit vector) reinterpreted as lanes of type Lane.
  llvm::Value *as(llvm::Value *V, llvm::Type *Lane);
  /// V (any 128-bit vector) reinterpreted as the v128 carrier type.
  llvm::Value *toV128(llvm::Value *V);
  /// The low (High = false) or high half of the lanes of vector V.
  llvm::Value *half(llvm::Value *V, bool High);
  /// Vector V with lanes widened to WideLane by sign or zero extension.
  llvm::Value *extend(llvm::Value *V, llvm::Type *WideLane, bool Signed);
  /// The even (Odd = false) or odd lanes of vector V.
  llvm::Value *evenOdd(llvm::Value *V, bool Odd);

  llvm::IRBuilder<> &B;
  llvm::FixedVectorType *V128;
  /// The target is x86 (32 or 64 bits).
  bool X86;
  /// llvm.minimum/maximum select to one instruction with wasm's semantics
  /// (AArch64 fmin/fmax).
  bool NativeMinMax;
  llvm::Type *I8, *I16, *I32, *I64, *F32, *F64;

private:
  llvm::Value *swizzle(llvm::Value *Vec, llvm::Value *Idx);
  llvm::Value *narrow(llvm::Value *A, llvm::Value *Bv, llvm::Type *Lane,
                      bool Signed);
  llvm::Value *shift(core::Opcode Op, llvm::Value *V, llvm::Value *Count);
  llvm::Value *laneOp(const core::Instr &I, llvm::ArrayRef<llvm::Value *> A);
  llvm::Value *integerArith(const core::Instr &I,
                            llvm::ArrayRef<llvm::Value *> A);
  llvm::Value *widening(const core::Instr &I, llvm::ArrayRef<llvm::Value *> A);
  llvm::Value *conversion(const core::Instr &I,
                          llvm::ArrayRef<llvm::Value *> A);
  llvm::Value *truncSat(llvm::Value *V, unsigned Lanes, bool Signed);
  llvm::Value *minMax(llvm::Value *X, llvm::Value *Y, bool IsMin);
};

} // namespace weld::codegen

#endif
