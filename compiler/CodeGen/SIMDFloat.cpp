//===- SIMDFloat.cpp - SIMD-128 float lanes and lane conversions ----------===//
//
// Float lanes follow the scalar rules: abs and neg only touch the sign bit
// (llvm.fabs and fneg are bit operations), min and max are wasm's
// NaN-propagating ones with -0 < +0 and a quiet NaN result, nearest rounds
// half to even, and other NaN results may be any NaN the spec allows. pmin
// and pmax are the "pseudo" min/max defined as a compare and select, which
// is exactly what minps/maxps compute. Saturating truncations have wasm's
// NaN-to-0 and clamping (llvm.fpto[su]i.sat, or its x86 equivalent).
//
//===----------------------------------------------------------------------===//

#include "CodeGen/SIMDLowering.h"

#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"

#include <optional>

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

/// Whether every lane of constant C passes Pred.
template <typename PredT> static bool allLanes(Constant *C, PredT Pred) {
  if (auto *FP = dyn_cast<ConstantFP>(C))
    return Pred(FP->getValueAPF());
  if (Constant *Splat = C->getSplatValue())
    return allLanes(Splat, Pred);
  auto *VT = dyn_cast<FixedVectorType>(C->getType());
  if (!VT)
    return false;
  for (unsigned K = 0; K < VT->getNumElements(); ++K) {
    Constant *E = C->getAggregateElement(K);
    if (!E || !allLanes(E, Pred))
      return false;
  }
  return true;
}

/// No simplification turns `x op C` (or `C op x`) into x or -x when C is
/// finite and non-zero, and for a multiplication or division also not ±1.
static bool isInert(Instruction::BinaryOps Op, const APFloat &V) {
  if (!V.isFiniteNonZero())
    return false;
  if (Op == Instruction::FAdd || Op == Instruction::FSub)
    return true;
  return abs(V).compare(APFloat::getOne(V.getSemantics())) != APFloat::cmpEqual;
}

/// V as a constant with its constant expressions folded, or null.
static Constant *foldedConstant(Value *V, const DataLayout &DL) {
  auto *C = dyn_cast<Constant>(V);
  if (C && isa<ConstantExpr>(C))
    C = ConstantFoldConstant(C, DL);
  return C;
}

bool needsCanonicalize(Instruction::BinaryOps Op, Value *L, Value *R,
                       const DataLayout &DL) {
  auto Inert = [Op](const APFloat &V) { return isInert(Op, V); };
  if (Constant *C = foldedConstant(R, DL); C && !allLanes(C, Inert))
    return true;
  Constant *C = foldedConstant(L, DL);
  if (!C)
    return false;
  // A constant dividend never makes the division an identity.
  if (Op == Instruction::FDiv)
    return !allLanes(C, [](const APFloat &V) { return !V.isNaN(); });
  return !allLanes(C, Inert);
}

/// The predicate of a float lane comparison: ordered except ne, which is
/// true when either side is NaN.
static std::optional<CmpInst::Predicate> floatPredicate(Opcode Op) {
  switch (Op) {
  case Opcode::F32x4Eq: case Opcode::F64x2Eq:
    return FCmpInst::FCMP_OEQ;
  case Opcode::F32x4Ne: case Opcode::F64x2Ne:
    return FCmpInst::FCMP_UNE;
  case Opcode::F32x4Lt: case Opcode::F64x2Lt:
    return FCmpInst::FCMP_OLT;
  case Opcode::F32x4Gt: case Opcode::F64x2Gt:
    return FCmpInst::FCMP_OGT;
  case Opcode::F32x4Le: case Opcode::F64x2Le:
    return FCmpInst::FCMP_OLE;
  case Opcode::F32x4Ge: case Opcode::F64x2Ge:
    return FCmpInst::FCMP_OGE;
  default:
    return std::nullopt;
  }
}

/// The intrinsic of a lane-wise unary float operation.
static Intrinsic::ID floatUnaryIntrinsic(Opcode Op) {
  switch (Op) {
  case Opcode::F32x4Abs: case Opcode::F64x2Abs:
    return Intrinsic::fabs;
  case Opcode::F32x4Sqrt: case Opcode::F64x2Sqrt:
    return Intrinsic::sqrt;
  case Opcode::F32x4Ceil: case Opcode::F64x2Ceil:
    return Intrinsic::ceil;
  case Opcode::F32x4Floor: case Opcode::F64x2Floor:
    return Intrinsic::floor;
  case Opcode::F32x4Trunc: case Opcode::F64x2Trunc:
    return Intrinsic::trunc;
  case Opcode::F32x4Nearest: case Opcode::F64x2Nearest:
    return Intrinsic::roundeven;
  default:
    return Intrinsic::not_intrinsic;
  }
}

/// The LLVM instruction of a lane-wise float add, sub, mul or div.
static std::optional<Instruction::BinaryOps> floatBinaryOp(Opcode Op) {
  switch (Op) {
  case Opcode::F32x4Add: case Opcode::F64x2Add:
    return Instruction::FAdd;
  case Opcode::F32x4Sub: case Opcode::F64x2Sub:
    return Instruction::FSub;
  case Opcode::F32x4Mul: case Opcode::F64x2Mul:
    return Instruction::FMul;
  case Opcode::F32x4Div: case Opcode::F64x2Div:
    return Instruction::FDiv;
  default:
    return std::nullopt;
  }
}

Value *SimdLowering::emitFloat(const Instr &I, ArrayRef<Value *> A) {
  Type *L = laneType(I.Op);
  if (!L)
    return nullptr;
  if (!L->isFloatingPointTy())
    return conversion(I, A);

  if (auto P = floatPredicate(I.Op)) {
    // All-ones integer lanes of the same width for true.
    Value *C = B.CreateFCmp(*P, as(A[0], L), as(A[1], L));
    Type *IntLane = B.getIntNTy(L->getScalarSizeInBits());
    return toV128(B.CreateSExt(C, shape(IntLane)));
  }
  Intrinsic::ID ID = floatUnaryIntrinsic(I.Op);
  if (ID != Intrinsic::not_intrinsic)
    return toV128(B.CreateUnaryIntrinsic(ID, as(A[0], L)));
  if (auto Op = floatBinaryOp(I.Op)) {
    Value *X = as(A[0], L), *Y = as(A[1], L);
    Value *R = B.CreateBinOp(*Op, X, Y);
    // LLVM folds x * 1.0, x - 0.0 and the like to x, which would pass a
    // signaling NaN through unquieted where wasm wants an arithmetic NaN;
    // llvm.canonicalize quiets it and is not folded away.
    if (needsCanonicalize(*Op, X, Y,
                          B.GetInsertBlock()->getModule()->getDataLayout()))
      R = B.CreateUnaryIntrinsic(Intrinsic::canonicalize, R);
    return toV128(R);
  }

  switch (I.Op) {
  case Opcode::F32x4Neg: case Opcode::F64x2Neg:
    return toV128(B.CreateFNeg(as(A[0], L)));
  case Opcode::F32x4Min: case Opcode::F64x2Min:
    return toV128(minMax(as(A[0], L), as(A[1], L), /*IsMin=*/true));
  case Opcode::F32x4Max: case Opcode::F64x2Max:
    return toV128(minMax(as(A[0], L), as(A[1], L), /*IsMin=*/false));
  case Opcode::F32x4Pmin: case Opcode::F64x2Pmin: {
    // b < a ? b : a
    Value *X = as(A[0], L), *Y = as(A[1], L);
    return toV128(B.CreateSelect(B.CreateFCmpOLT(Y, X), Y, X));
  }
  case Opcode::F32x4Pmax: case Opcode::F64x2Pmax: {
    // a < b ? b : a
    Value *X = as(A[0], L), *Y = as(A[1], L);
    return toV128(B.CreateSelect(B.CreateFCmpOLT(X, Y), Y, X));
  }

  case Opcode::F32x4ConvertI32x4S:
    return toV128(B.CreateSIToFP(as(A[0], I32), shape(F32)));
  case Opcode::F32x4ConvertI32x4U:
    return toV128(B.CreateUIToFP(as(A[0], I32), shape(F32)));
  case Opcode::F32x4DemoteF64x2Zero: {
    // Two demoted lanes, then two zero lanes.
    Value *D = B.CreateFPTrunc(as(A[0], F64), FixedVectorType::get(F32, 2));
    Value *Zero = Constant::getNullValue(D->getType());
    return toV128(B.CreateShuffleVector(D, Zero, ArrayRef<int>{0, 1, 2, 3}));
  }
  case Opcode::F64x2PromoteLowF32x4:
    return toV128(B.CreateFPExt(half(as(A[0], F32), false), shape(F64)));
  case Opcode::F64x2ConvertLowI32x4S:
    return toV128(B.CreateSIToFP(half(as(A[0], I32), false), shape(F64)));
  case Opcode::F64x2ConvertLowI32x4U:
    return toV128(B.CreateUIToFP(half(as(A[0], I32), false), shape(F64)));
  default:
    return nullptr;
  }
}

Value *SimdLowering::minMax(Value *X, Value *Y, bool IsMin) {
  if (NativeMinMax) {
    // llvm.minimum/maximum is wasm's min/max except that it may hand back
    // a signaling NaN operand as it is, where wasm wants an arithmetic
    // (quiet) NaN: llvm.canonicalize quiets it and changes nothing else.
    Value *R = B.CreateBinaryIntrinsic(
        IsMin ? Intrinsic::minimum : Intrinsic::maximum, X, Y);
    return B.CreateUnaryIntrinsic(Intrinsic::canonicalize, R);
  }
  // Spelled out, since x86 expands llvm.minimum to about as many
  // instructions and 32-bit back ends cannot select it for f64: the
  // smaller (larger) operand; for equal operands, which differ only for
  // -0 and +0, the OR (AND) of their bits gives -0 (+0); a NaN operand
  // gives x + y, a quiet NaN.
  Value *Pick = IsMin ? B.CreateFCmpOLT(X, Y) : B.CreateFCmpOLT(Y, X);
  Value *R = B.CreateSelect(Pick, X, Y);
  Type *IntT = VectorType::getInteger(cast<VectorType>(X->getType()));
  Value *XBits = B.CreateBitCast(X, IntT), *YBits = B.CreateBitCast(Y, IntT);
  Value *Zeros = B.CreateBitCast(IsMin ? B.CreateOr(XBits, YBits)
                                       : B.CreateAnd(XBits, YBits),
                                 X->getType());
  R = B.CreateSelect(B.CreateFCmpOEQ(X, Y), Zeros, R);
  return B.CreateSelect(B.CreateFCmpUNO(X, Y), B.CreateFAdd(X, Y), R);
}

Value *SimdLowering::truncSat(Value *V, unsigned Lanes, bool Signed) {
  Type *To = FixedVectorType::get(I32, Lanes);
  if (!X86) {
    // Targets such as AArch64 convert with saturation natively.
    Intrinsic::ID ID = Signed ? Intrinsic::fptosi_sat : Intrinsic::fptoui_sat;
    return B.CreateIntrinsic(ID, {To, V->getType()}, {V});
  }
  // x86 has no saturating conversion, and the generic expansion of
  // fpto[su]i.sat is scalarized. Convert every lane (frozen, so lanes out
  // of range hold some value rather than poison; cvttps2dq) and then
  // replace the out-of-range and NaN lanes with compares and blends.
  Type *FT = V->getType();
  bool IsF32 = FT->getScalarType()->isFloatTy();
  auto FP = [&](double D) { return ConstantFP::get(FT, D); };
  auto Int = [&](uint64_t N) { return ConstantInt::get(To, N); };
  Value *R = B.CreateFreeze(Signed ? B.CreateFPToSI(V, To)
                                   : B.CreateFPToUI(V, To));
  // Below the range (and NaN, for unsigned) gives the minimum. -2^31 is the
  // smallest f32 that fits; an f64 fits down to -2^31 - 1, exclusive.
  Value *LowOk;
  if (!Signed)
    LowOk = B.CreateFCmpOGT(V, FP(-1.0));
  else if (IsF32)
    LowOk = B.CreateFCmpOGE(V, FP(-2147483648.0));
  else
    LowOk = B.CreateFCmpOGT(V, FP(-2147483649.0));
  R = B.CreateSelect(LowOk, R, Int(Signed ? 0x80000000u : 0));
  Value *High = B.CreateFCmpOGE(V, FP(Signed ? 2147483648.0 : 4294967296.0));
  R = B.CreateSelect(High, Int(Signed ? 0x7fffffffu : 0xffffffffu), R);
  if (Signed)
    R = B.CreateSelect(B.CreateFCmpUNO(V, V), Int(0), R);
  return R;
}

Value *SimdLowering::conversion(const Instr &I, ArrayRef<Value *> A) {
  auto WithZeroHigh = [&](Value *V) {
    // Two converted lanes, then two zero lanes.
    Value *Zero = Constant::getNullValue(V->getType());
    return toV128(B.CreateShuffleVector(V, Zero, ArrayRef<int>{0, 1, 2, 3}));
  };
  switch (I.Op) {
  case Opcode::I32x4TruncSatF32x4S:
    return toV128(truncSat(as(A[0], F32), 4, true));
  case Opcode::I32x4TruncSatF32x4U:
    return toV128(truncSat(as(A[0], F32), 4, false));
  case Opcode::I32x4TruncSatF64x2SZero:
    return WithZeroHigh(truncSat(as(A[0], F64), 2, true));
  case Opcode::I32x4TruncSatF64x2UZero:
    return WithZeroHigh(truncSat(as(A[0], F64), 2, false));
  default:
    return nullptr;
  }
}

} // namespace weld::codegen
