//===- SIMDInt.cpp - SIMD-128 constants, lanes, bitwise and integer ops ----===//
//
// The v128 instructions that see integer lanes or no lanes at all. Most map
// onto one generic LLVM vector operation that the x86 back end selects to a
// single SSE instruction (comparisons, saturating arithmetic, min/max,
// bitmask); the wasm-specific ones are spelled out in the generic form the
// back end recognizes: avgr_u as the widened (a + b + 1) >> 1 (pavg),
// narrow as a clamp and truncate (packss/packus), dot as a widened multiply
// and pairwise add (pmaddwd), swizzle as a permute of per-lane extracts
// (pshufb) with out-of-range lanes zeroed by a select.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/SIMDLowering.h"

#include "llvm/IR/Intrinsics.h"

#include <optional>

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

/// The predicate of an integer lane comparison.
static std::optional<CmpInst::Predicate> intPredicate(Opcode Op) {
  switch (Op) {
  case Opcode::I8x16Eq: case Opcode::I16x8Eq: case Opcode::I32x4Eq:
  case Opcode::I64x2Eq:
    return ICmpInst::ICMP_EQ;
  case Opcode::I8x16Ne: case Opcode::I16x8Ne: case Opcode::I32x4Ne:
  case Opcode::I64x2Ne:
    return ICmpInst::ICMP_NE;
  case Opcode::I8x16LtS: case Opcode::I16x8LtS: case Opcode::I32x4LtS:
  case Opcode::I64x2LtS:
    return ICmpInst::ICMP_SLT;
  case Opcode::I8x16LtU: case Opcode::I16x8LtU: case Opcode::I32x4LtU:
    return ICmpInst::ICMP_ULT;
  case Opcode::I8x16GtS: case Opcode::I16x8GtS: case Opcode::I32x4GtS:
  case Opcode::I64x2GtS:
    return ICmpInst::ICMP_SGT;
  case Opcode::I8x16GtU: case Opcode::I16x8GtU: case Opcode::I32x4GtU:
    return ICmpInst::ICMP_UGT;
  case Opcode::I8x16LeS: case Opcode::I16x8LeS: case Opcode::I32x4LeS:
  case Opcode::I64x2LeS:
    return ICmpInst::ICMP_SLE;
  case Opcode::I8x16LeU: case Opcode::I16x8LeU: case Opcode::I32x4LeU:
    return ICmpInst::ICMP_ULE;
  case Opcode::I8x16GeS: case Opcode::I16x8GeS: case Opcode::I32x4GeS:
  case Opcode::I64x2GeS:
    return ICmpInst::ICMP_SGE;
  case Opcode::I8x16GeU: case Opcode::I16x8GeU: case Opcode::I32x4GeU:
    return ICmpInst::ICMP_UGE;
  default:
    return std::nullopt;
  }
}

/// The LLVM instruction of a lane-wise modular add, sub or mul.
static std::optional<Instruction::BinaryOps> intBinaryOp(Opcode Op) {
  switch (Op) {
  case Opcode::I8x16Add: case Opcode::I16x8Add: case Opcode::I32x4Add:
  case Opcode::I64x2Add:
    return Instruction::Add;
  case Opcode::I8x16Sub: case Opcode::I16x8Sub: case Opcode::I32x4Sub:
  case Opcode::I64x2Sub:
    return Instruction::Sub;
  case Opcode::I16x8Mul: case Opcode::I32x4Mul: case Opcode::I64x2Mul:
    return Instruction::Mul;
  default:
    return std::nullopt;
  }
}

/// The intrinsic of a lane-wise saturating or min/max operation.
static Intrinsic::ID intBinaryIntrinsic(Opcode Op) {
  switch (Op) {
  case Opcode::I8x16AddSatS: case Opcode::I16x8AddSatS:
    return Intrinsic::sadd_sat;
  case Opcode::I8x16AddSatU: case Opcode::I16x8AddSatU:
    return Intrinsic::uadd_sat;
  case Opcode::I8x16SubSatS: case Opcode::I16x8SubSatS:
    return Intrinsic::ssub_sat;
  case Opcode::I8x16SubSatU: case Opcode::I16x8SubSatU:
    return Intrinsic::usub_sat;
  case Opcode::I8x16MinS: case Opcode::I16x8MinS: case Opcode::I32x4MinS:
    return Intrinsic::smin;
  case Opcode::I8x16MinU: case Opcode::I16x8MinU: case Opcode::I32x4MinU:
    return Intrinsic::umin;
  case Opcode::I8x16MaxS: case Opcode::I16x8MaxS: case Opcode::I32x4MaxS:
    return Intrinsic::smax;
  case Opcode::I8x16MaxU: case Opcode::I16x8MaxU: case Opcode::I32x4MaxU:
    return Intrinsic::umax;
  default:
    return Intrinsic::not_intrinsic;
  }
}

Value *SimdLowering::emitInt(const Instr &I, ArrayRef<Value *> A) {
  if (Value *R = laneOp(I, A))
    return R;
  if (Value *R = integerArith(I, A))
    return R;
  return widening(I, A);
}

Value *SimdLowering::swizzle(Value *Vec, Value *Idx) {
  // Lane K is Vec[Idx[K]], or 0 when Idx[K] >= 16. An extract with an
  // out-of-range index is poison, but the select never picks those lanes;
  // the build vector of extracts is what the x86 back end turns into one
  // pshufb (other targets get their own variable permute or a scalar loop).
  Value *V = as(Vec, I8), *X = as(Idx, I8);
  Value *Gathered = PoisonValue::get(shape(I8));
  for (uint64_t K = 0; K < 16; ++K) {
    Value *Index = B.CreateExtractElement(X, K);
    Gathered = B.CreateInsertElement(
        Gathered, B.CreateExtractElement(V, Index), K);
  }
  Value *InRange = B.CreateICmpULT(X, ConstantInt::get(shape(I8), 16));
  return toV128(
      B.CreateSelect(InRange, Gathered, Constant::getNullValue(shape(I8))));
}

Value *SimdLowering::laneOp(const Instr &I, ArrayRef<Value *> A) {
  Type *L = laneType(I.Op);
  switch (I.Op) {
  case Opcode::V128Const: {
    Constant *Bytes = ConstantDataVector::get(B.getContext(),
                                              ArrayRef<uint8_t>(I.V128));
    return toV128(Bytes);
  }
  case Opcode::I8x16Shuffle: {
    // Indices 0-15 select from the first operand, 16-31 from the second,
    // exactly as shufflevector numbers the lanes of its two inputs.
    SmallVector<int, 16> Mask(I.V128.begin(), I.V128.end());
    return toV128(B.CreateShuffleVector(as(A[0], I8), as(A[1], I8), Mask));
  }
  case Opcode::I8x16Swizzle:
    return swizzle(A[0], A[1]);

  case Opcode::I8x16Splat: case Opcode::I16x8Splat: case Opcode::I32x4Splat:
  case Opcode::I64x2Splat: case Opcode::F32x4Splat: case Opcode::F64x2Splat: {
    // i8 and i16 lanes take the low bits of an i32.
    Value *S = A[0]->getType() == L ? A[0] : B.CreateTrunc(A[0], L);
    return toV128(B.CreateVectorSplat(shape(L)->getNumElements(), S));
  }

  case Opcode::I8x16ExtractLaneS: case Opcode::I16x8ExtractLaneS:
    return B.CreateSExt(B.CreateExtractElement(as(A[0], L), I.Lane), I32);
  case Opcode::I8x16ExtractLaneU: case Opcode::I16x8ExtractLaneU:
    return B.CreateZExt(B.CreateExtractElement(as(A[0], L), I.Lane), I32);
  case Opcode::I32x4ExtractLane: case Opcode::I64x2ExtractLane:
  case Opcode::F32x4ExtractLane: case Opcode::F64x2ExtractLane:
    return B.CreateExtractElement(as(A[0], L), I.Lane);
  case Opcode::I8x16ReplaceLane: case Opcode::I16x8ReplaceLane:
  case Opcode::I32x4ReplaceLane: case Opcode::I64x2ReplaceLane:
  case Opcode::F32x4ReplaceLane: case Opcode::F64x2ReplaceLane: {
    Value *S = A[1]->getType() == L ? A[1] : B.CreateTrunc(A[1], L);
    return toV128(B.CreateInsertElement(as(A[0], L), S, I.Lane));
  }

  case Opcode::V128Not:
    return B.CreateNot(A[0]);
  case Opcode::V128And:
    return B.CreateAnd(A[0], A[1]);
  case Opcode::V128Andnot:
    return B.CreateAnd(A[0], B.CreateNot(A[1]));
  case Opcode::V128Or:
    return B.CreateOr(A[0], A[1]);
  case Opcode::V128Xor:
    return B.CreateXor(A[0], A[1]);
  case Opcode::V128Bitselect:
    // Bits of the first operand where the mask is 1, of the second where
    // it is 0.
    return B.CreateOr(B.CreateAnd(A[0], A[2]),
                      B.CreateAnd(A[1], B.CreateNot(A[2])));
  case Opcode::V128AnyTrue: {
    Value *Wide = B.CreateBitCast(A[0], B.getInt128Ty());
    return B.CreateZExt(B.CreateICmpNE(Wide, B.getIntN(128, 0)), I32);
  }
  default:
    return nullptr;
  }
}

Value *SimdLowering::shift(Opcode Op, Value *V, Value *Count) {
  Type *L = laneType(Op);
  unsigned Bits = L->getScalarSizeInBits();
  // The count is taken modulo the lane width.
  Value *C = B.CreateAnd(Count, B.getInt32(Bits - 1));
  C = B.CreateZExtOrTrunc(C, L);
  Value *Splat = B.CreateVectorSplat(shape(L)->getNumElements(), C);
  Value *X = as(V, L);
  switch (Op) {
  case Opcode::I8x16Shl: case Opcode::I16x8Shl: case Opcode::I32x4Shl:
  case Opcode::I64x2Shl:
    return toV128(B.CreateShl(X, Splat));
  case Opcode::I8x16ShrS: case Opcode::I16x8ShrS: case Opcode::I32x4ShrS:
  case Opcode::I64x2ShrS:
    return toV128(B.CreateAShr(X, Splat));
  default:
    return toV128(B.CreateLShr(X, Splat));
  }
}

Value *SimdLowering::integerArith(const Instr &I, ArrayRef<Value *> A) {
  Type *L = laneType(I.Op);
  if (!L || !L->isIntegerTy())
    return nullptr;
  if (auto P = intPredicate(I.Op)) {
    // Comparisons give all-ones lanes for true.
    Value *C = B.CreateICmp(*P, as(A[0], L), as(A[1], L));
    return toV128(B.CreateSExt(C, shape(L)));
  }
  if (auto Op = intBinaryOp(I.Op))
    return toV128(B.CreateBinOp(*Op, as(A[0], L), as(A[1], L)));
  Intrinsic::ID ID = intBinaryIntrinsic(I.Op);
  if (ID != Intrinsic::not_intrinsic)
    return toV128(B.CreateBinaryIntrinsic(ID, as(A[0], L), as(A[1], L)));

  Value *Zero = Constant::getNullValue(shape(L));
  switch (I.Op) {
  case Opcode::I8x16Abs: case Opcode::I16x8Abs: case Opcode::I32x4Abs:
  case Opcode::I64x2Abs:
    // abs(INT_MIN) is INT_MIN in wasm: not poison.
    return toV128(B.CreateBinaryIntrinsic(Intrinsic::abs, as(A[0], L),
                                          B.getFalse()));
  case Opcode::I8x16Neg: case Opcode::I16x8Neg: case Opcode::I32x4Neg:
  case Opcode::I64x2Neg:
    return toV128(B.CreateSub(Zero, as(A[0], L)));
  case Opcode::I8x16Popcnt:
    return toV128(B.CreateUnaryIntrinsic(Intrinsic::ctpop, as(A[0], L)));

  case Opcode::I8x16AllTrue: case Opcode::I16x8AllTrue:
  case Opcode::I32x4AllTrue: case Opcode::I64x2AllTrue: {
    Value *NonZero = B.CreateICmpNE(as(A[0], L), Zero);
    Value *Mask = B.CreateBitCast(
        NonZero, B.getIntNTy(shape(L)->getNumElements()));
    return B.CreateZExt(B.CreateICmpEQ(Mask, Constant::getAllOnesValue(
                                                 Mask->getType())),
                        I32);
  }
  case Opcode::I8x16Bitmask: case Opcode::I16x8Bitmask:
  case Opcode::I32x4Bitmask: case Opcode::I64x2Bitmask: {
    // Bit K of the result is the sign bit of lane K (movmsk).
    Value *Negative = B.CreateICmpSLT(as(A[0], L), Zero);
    Value *Mask = B.CreateBitCast(
        Negative, B.getIntNTy(shape(L)->getNumElements()));
    return B.CreateZExt(Mask, I32);
  }

  case Opcode::I8x16Shl: case Opcode::I8x16ShrS: case Opcode::I8x16ShrU:
  case Opcode::I16x8Shl: case Opcode::I16x8ShrS: case Opcode::I16x8ShrU:
  case Opcode::I32x4Shl: case Opcode::I32x4ShrS: case Opcode::I32x4ShrU:
  case Opcode::I64x2Shl: case Opcode::I64x2ShrS: case Opcode::I64x2ShrU:
    return shift(I.Op, A[0], A[1]);

  case Opcode::I8x16AvgrU: case Opcode::I16x8AvgrU: {
    // (a + b + 1) >> 1 without overflow, in lanes twice as wide (pavg).
    Type *Wide = B.getIntNTy(2 * L->getScalarSizeInBits());
    Value *X = extend(as(A[0], L), Wide, false);
    Value *Y = extend(as(A[1], L), Wide, false);
    Value *One = ConstantInt::get(X->getType(), 1);
    Value *Sum = B.CreateAdd(B.CreateAdd(X, Y), One);
    return toV128(B.CreateTrunc(B.CreateLShr(Sum, One), shape(L)));
  }
  case Opcode::I16x8Q15mulrSatS: {
    // (a * b + 2^14) >> 15 saturated; only -32768 * -32768 overflows, and
    // only upwards.
    Value *X = extend(as(A[0], L), I32, true);
    Value *Y = extend(as(A[1], L), I32, true);
    Value *P = B.CreateAdd(B.CreateMul(X, Y),
                           ConstantInt::get(X->getType(), 0x4000));
    P = B.CreateAShr(P, ConstantInt::get(X->getType(), 15));
    P = B.CreateBinaryIntrinsic(Intrinsic::smin, P,
                                ConstantInt::get(X->getType(), 0x7fff));
    return toV128(B.CreateTrunc(P, shape(L)));
  }
  default:
    return nullptr;
  }
}

Value *SimdLowering::narrow(Value *A, Value *Bv, Type *Lane, bool Signed) {
  // The lanes of A then those of Bv, clamped to the range of Lane (signed or
  // unsigned; the inputs are always signed) and truncated (packss/packus).
  Type *Src = B.getIntNTy(2 * Lane->getScalarSizeInBits());
  unsigned N = shape(Src)->getNumElements();
  SmallVector<int, 16> Mask;
  for (unsigned K = 0; K < 2 * N; ++K)
    Mask.push_back(int(K));
  Value *Both = B.CreateShuffleVector(as(A, Src), as(Bv, Src), Mask);
  unsigned Bits = Lane->getScalarSizeInBits();
  APInt Lo = Signed ? APInt::getSignedMinValue(Bits).sext(2 * Bits)
                    : APInt::getZero(2 * Bits);
  APInt Hi = Signed ? APInt::getSignedMaxValue(Bits).sext(2 * Bits)
                    : APInt::getMaxValue(Bits).zext(2 * Bits);
  Type *T = Both->getType();
  Value *C = B.CreateBinaryIntrinsic(Intrinsic::smax, Both,
                                     ConstantInt::get(T, Lo));
  C = B.CreateBinaryIntrinsic(Intrinsic::smin, C, ConstantInt::get(T, Hi));
  return toV128(B.CreateTrunc(C, shape(Lane)));
}

Value *SimdLowering::widening(const Instr &I, ArrayRef<Value *> A) {
  Type *L = laneType(I.Op);
  if (!L || !L->isIntegerTy())
    return nullptr;
  // The lanes the instruction reads are half as wide as its result lanes.
  Type *Narrow = B.getIntNTy(L->getScalarSizeInBits() / 2);
  auto ExtendHalf = [&](Value *V, bool High, bool Signed) {
    return extend(half(as(V, Narrow), High), L, Signed);
  };
  auto ExtMul = [&](bool High, bool Signed) {
    return toV128(B.CreateMul(ExtendHalf(A[0], High, Signed),
                              ExtendHalf(A[1], High, Signed)));
  };
  auto ExtAddPairwise = [&](bool Signed) {
    Value *V = as(A[0], Narrow);
    return toV128(B.CreateAdd(extend(evenOdd(V, false), L, Signed),
                              extend(evenOdd(V, true), L, Signed)));
  };

  switch (I.Op) {
  case Opcode::I8x16NarrowI16x8S: return narrow(A[0], A[1], I8, true);
  case Opcode::I8x16NarrowI16x8U: return narrow(A[0], A[1], I8, false);
  case Opcode::I16x8NarrowI32x4S: return narrow(A[0], A[1], I16, true);
  case Opcode::I16x8NarrowI32x4U: return narrow(A[0], A[1], I16, false);

  case Opcode::I16x8ExtendLowI8x16S: case Opcode::I32x4ExtendLowI16x8S:
  case Opcode::I64x2ExtendLowI32x4S:
    return toV128(ExtendHalf(A[0], false, true));
  case Opcode::I16x8ExtendHighI8x16S: case Opcode::I32x4ExtendHighI16x8S:
  case Opcode::I64x2ExtendHighI32x4S:
    return toV128(ExtendHalf(A[0], true, true));
  case Opcode::I16x8ExtendLowI8x16U: case Opcode::I32x4ExtendLowI16x8U:
  case Opcode::I64x2ExtendLowI32x4U:
    return toV128(ExtendHalf(A[0], false, false));
  case Opcode::I16x8ExtendHighI8x16U: case Opcode::I32x4ExtendHighI16x8U:
  case Opcode::I64x2ExtendHighI32x4U:
    return toV128(ExtendHalf(A[0], true, false));

  case Opcode::I16x8ExtmulLowI8x16S: case Opcode::I32x4ExtmulLowI16x8S:
  case Opcode::I64x2ExtmulLowI32x4S:
    return ExtMul(false, true);
  case Opcode::I16x8ExtmulHighI8x16S: case Opcode::I32x4ExtmulHighI16x8S:
  case Opcode::I64x2ExtmulHighI32x4S:
    return ExtMul(true, true);
  case Opcode::I16x8ExtmulLowI8x16U: case Opcode::I32x4ExtmulLowI16x8U:
  case Opcode::I64x2ExtmulLowI32x4U:
    return ExtMul(false, false);
  case Opcode::I16x8ExtmulHighI8x16U: case Opcode::I32x4ExtmulHighI16x8U:
  case Opcode::I64x2ExtmulHighI32x4U:
    return ExtMul(true, false);

  case Opcode::I16x8ExtaddPairwiseI8x16S:
  case Opcode::I32x4ExtaddPairwiseI16x8S:
    return ExtAddPairwise(true);
  case Opcode::I16x8ExtaddPairwiseI8x16U:
  case Opcode::I32x4ExtaddPairwiseI16x8U:
    return ExtAddPairwise(false);

  case Opcode::I32x4DotI16x8S: {
    // Products of the signed 16-bit lanes in 32 bits, adjacent pairs added
    // with wrap-around (pmaddwd).
    Value *P = B.CreateMul(extend(as(A[0], I16), I32, true),
                           extend(as(A[1], I16), I32, true));
    return toV128(B.CreateAdd(evenOdd(P, false), evenOdd(P, true)));
  }
  default:
    return nullptr;
  }
}

} // namespace weld::codegen
