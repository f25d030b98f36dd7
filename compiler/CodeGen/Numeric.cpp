//===- Numeric.cpp - constants, integer and float arithmetic, conversions ---===//
//
// Scalar numeric instructions with their exact wasm semantics: division and
// remainder trap (and rem_s of INT_MIN by -1 is 0), shift counts are masked,
// rotates are funnel shifts, fmin/fmax are llvm.minimum/maximum, abs, neg
// and copysign only touch the sign bit, nearest rounds half to even, and
// trapping float-to-int conversions check the exact representable range.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/SIMDLowering.h"
#include "CodeGen/Translator.h"

#include "llvm/IR/Intrinsics.h"

#include <cmath>

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

Value *FunctionTranslator::emitDivRem(Opcode Op, Value *A, Value *Bv) {
  Type *T = A->getType();
  unsigned Bits = T->getIntegerBitWidth();
  Value *Zero = ConstantInt::get(T, 0);
  trapIf(B.CreateICmpEQ(Bv, Zero), WELD_TRAP_INT_DIV_BY_ZERO);
  Value *MinusOne = ConstantInt::getAllOnesValue(T);
  Value *IntMin = ConstantInt::get(T, APInt::getSignedMinValue(Bits));
  switch (Op) {
  case Opcode::I32DivS:
  case Opcode::I64DivS:
    trapIf(B.CreateAnd(B.CreateICmpEQ(A, IntMin), B.CreateICmpEQ(Bv, MinusOne)),
           WELD_TRAP_INT_OVERFLOW);
    return B.CreateSDiv(A, Bv);
  case Opcode::I32DivU:
  case Opcode::I64DivU:
    return B.CreateUDiv(A, Bv);
  case Opcode::I32RemS:
  case Opcode::I64RemS: {
    // INT_MIN % -1 is 0 in wasm but undefined in LLVM: divide by 1 instead.
    Value *IsM1 = B.CreateICmpEQ(Bv, MinusOne);
    Value *Div = B.CreateSelect(IsM1, ConstantInt::get(T, 1), Bv);
    return B.CreateSRem(A, Div);
  }
  case Opcode::I32RemU:
  case Opcode::I64RemU:
    return B.CreateURem(A, Bv);
  default:
    llvm_unreachable("not a division");
  }
}

Value *FunctionTranslator::emitMinMax(Intrinsic::ID ID, Value *L, Value *R) {
  // llvm.minimum/maximum may return a NaN operand unchanged, but wasm wants
  // an arithmetic (quiet) NaN: when either operand is NaN, return L + R,
  // which is one.
  Value *Nan = B.CreateFAdd(L, R);
  Value *Unordered = B.CreateFCmpUNO(L, R);
  Type *Ty = L->getType();
  // 32-bit targets' instruction selectors cannot expand llvm.minimum.f64
  // (the sign test needs a legal i64), so spell it out there: the smaller
  // or larger operand, and for equal operands (+0 and -0) the OR or AND of
  // their bits, which picks -0 for min and +0 for max.
  if (Ty->isDoubleTy() &&
      Triple(MT.LM.getTargetTriple()).isArch32Bit()) {
    bool IsMin = ID == Intrinsic::minimum;
    Type *IntTy = B.getInt64Ty();
    Value *LB = B.CreateBitCast(L, IntTy), *RB = B.CreateBitCast(R, IntTy);
    Value *Equal = B.CreateBitCast(
        IsMin ? B.CreateOr(LB, RB) : B.CreateAnd(LB, RB), Ty);
    Value *Less = B.CreateFCmpOLT(L, R);
    Value *Pick = IsMin ? B.CreateSelect(Less, L, R) : B.CreateSelect(Less, R, L);
    Pick = B.CreateSelect(B.CreateFCmpOEQ(L, R), Equal, Pick);
    return B.CreateSelect(Unordered, Nan, Pick);
  }
  Value *MM = callIntrinsic(ID, {Ty}, {L, R});
  return B.CreateSelect(Unordered, Nan, MM);
}

/// Bounds (exclusive unless noted) of the floats that truncate into an
/// integer type; see the conversion rules of the spec.
static void truncRange(Type *From, unsigned Bits, bool Signed, double &Lo,
                       double &Hi, bool &LoInclusive) {
  bool IsF32 = From->isFloatTy();
  if (Signed) {
    Hi = std::ldexp(1.0, Bits - 1);
    // -2^(N-1) itself converts; for f64 and i32 the next float below it,
    // -2^31 - 1, is exactly representable and is the exclusive bound.
    if (!IsF32 && Bits == 32) {
      Lo = -std::ldexp(1.0, 31) - 1.0;
      LoInclusive = false;
    } else {
      Lo = -std::ldexp(1.0, Bits - 1);
      LoInclusive = true;
    }
  } else {
    Hi = std::ldexp(1.0, Bits);
    Lo = -1.0;
    LoInclusive = false;
  }
}

Value *FunctionTranslator::emitTruncTrapping(Value *X, Type *To, bool Signed) {
  Type *From = X->getType();
  trapIf(B.CreateFCmpUNO(X, X), WELD_TRAP_INVALID_CONVERSION);
  double Lo, Hi;
  bool LoInclusive;
  truncRange(From, To->getIntegerBitWidth(), Signed, Lo, Hi, LoInclusive);
  Value *LoV = ConstantFP::get(From, Lo);
  Value *HiV = ConstantFP::get(From, Hi);
  Value *AboveLo = LoInclusive ? B.CreateFCmpOGE(X, LoV) : B.CreateFCmpOGT(X, LoV);
  Value *InRange = B.CreateAnd(AboveLo, B.CreateFCmpOLT(X, HiV));
  trapIf(B.CreateNot(InRange), WELD_TRAP_INT_OVERFLOW);
  return Signed ? B.CreateFPToSI(X, To) : B.CreateFPToUI(X, To);
}

bool FunctionTranslator::translateNumeric(const Instr &I) {
  Type *I32T = MT.I32, *I64T = MT.I64, *F32T = MT.F32, *F64T = MT.F64;
  auto Bin = [&](auto Fn) {
    Value *R = pop();
    Value *L = pop();
    push(Fn(L, R));
  };
  auto Un = [&](auto Fn) { push(Fn(pop())); };
  auto Cmp = [&](CmpInst::Predicate P) {
    Bin([&](Value *L, Value *R) {
      Value *C = L->getType()->isFPOrFPVectorTy() ? B.CreateFCmp(P, L, R)
                                                   : B.CreateICmp(P, L, R);
      return boolToI32(C);
    });
  };
  auto Intr = [&](Intrinsic::ID ID, unsigned NArgs) {
    SmallVector<Value *, 2> Args = popN(NArgs);
    push(callIntrinsic(ID, {Args[0]->getType()}, Args));
  };
  auto Shift = [&](Instruction::BinaryOps Opc) {
    Bin([&](Value *L, Value *R) {
      unsigned Bits = L->getType()->getIntegerBitWidth();
      Value *Count = B.CreateAnd(R, ConstantInt::get(R->getType(), Bits - 1));
      return B.CreateBinOp(Opc, L, Count);
    });
  };
  auto Rot = [&](Intrinsic::ID ID) {
    Bin([&](Value *L, Value *R) {
      return callIntrinsic(ID, {L->getType()}, {L, L, R});
    });
  };
  auto Conv = [&](Instruction::CastOps Opc, Type *To) {
    Un([&](Value *V) { return B.CreateCast(Opc, V, To); });
  };
  auto SignExt = [&](unsigned FromBits) {
    Un([&](Value *V) {
      return B.CreateSExt(B.CreateTrunc(V, B.getIntNTy(FromBits)), V->getType());
    });
  };
  auto Sat = [&](Intrinsic::ID ID, Type *To) {
    Un([&](Value *V) { return callIntrinsic(ID, {To, V->getType()}, {V}); });
  };
  // LLVM folds x - 0.0, x * 1.0, x / 1.0 (and friends) to x, which would
  // pass a signalling NaN through unquieted; wasm requires an arithmetic
  // NaN. llvm.canonicalize quiets it and is not folded away. Constants
  // that cannot fold (x * 0.01, 1.0 / x) need nothing: canonicalize costs a
  // multiplication on x86.
  auto FArith = [&](Instruction::BinaryOps Opc, Value *L, Value *R) {
    Value *V = B.CreateBinOp(Opc, L, R);
    if (needsCanonicalize(Opc, L, R, MT.LM.getDataLayout()))
      V = callIntrinsic(Intrinsic::canonicalize, {V->getType()}, {V});
    return V;
  };
  auto DivRem = [&]() {
    Value *R = pop();
    Value *L = pop();
    push(emitDivRem(I.Op, L, R));
  };

  switch (I.Op) {
  case Opcode::I32Const:
    push(B.getInt32(uint32_t(I.I32)));
    return true;
  case Opcode::I64Const:
    push(B.getInt64(uint64_t(I.I64)));
    return true;
  case Opcode::F32Const:
    push(ConstantFP::get(MT.Ctx, APFloat(APFloat::IEEEsingle(),
                                         APInt(32, I.F32Bits))));
    return true;
  case Opcode::F64Const:
    push(ConstantFP::get(MT.Ctx, APFloat(APFloat::IEEEdouble(),
                                         APInt(64, I.F64Bits))));
    return true;

  case Opcode::I32Eqz:
  case Opcode::I64Eqz:
    Un([&](Value *V) {
      return boolToI32(B.CreateICmpEQ(V, ConstantInt::get(V->getType(), 0)));
    });
    return true;
  case Opcode::I32Eq: case Opcode::I64Eq: Cmp(CmpInst::ICMP_EQ); return true;
  case Opcode::I32Ne: case Opcode::I64Ne: Cmp(CmpInst::ICMP_NE); return true;
  case Opcode::I32LtS: case Opcode::I64LtS: Cmp(CmpInst::ICMP_SLT); return true;
  case Opcode::I32LtU: case Opcode::I64LtU: Cmp(CmpInst::ICMP_ULT); return true;
  case Opcode::I32GtS: case Opcode::I64GtS: Cmp(CmpInst::ICMP_SGT); return true;
  case Opcode::I32GtU: case Opcode::I64GtU: Cmp(CmpInst::ICMP_UGT); return true;
  case Opcode::I32LeS: case Opcode::I64LeS: Cmp(CmpInst::ICMP_SLE); return true;
  case Opcode::I32LeU: case Opcode::I64LeU: Cmp(CmpInst::ICMP_ULE); return true;
  case Opcode::I32GeS: case Opcode::I64GeS: Cmp(CmpInst::ICMP_SGE); return true;
  case Opcode::I32GeU: case Opcode::I64GeU: Cmp(CmpInst::ICMP_UGE); return true;
  // Float comparisons: ne is true for unordered operands, the rest false.
  case Opcode::F32Eq: case Opcode::F64Eq: Cmp(CmpInst::FCMP_OEQ); return true;
  case Opcode::F32Ne: case Opcode::F64Ne: Cmp(CmpInst::FCMP_UNE); return true;
  case Opcode::F32Lt: case Opcode::F64Lt: Cmp(CmpInst::FCMP_OLT); return true;
  case Opcode::F32Gt: case Opcode::F64Gt: Cmp(CmpInst::FCMP_OGT); return true;
  case Opcode::F32Le: case Opcode::F64Le: Cmp(CmpInst::FCMP_OLE); return true;
  case Opcode::F32Ge: case Opcode::F64Ge: Cmp(CmpInst::FCMP_OGE); return true;

  case Opcode::I32Clz:
  case Opcode::I64Clz:
    Un([&](Value *V) {
      return callIntrinsic(Intrinsic::ctlz, {V->getType()}, {V, B.getFalse()});
    });
    return true;
  case Opcode::I32Ctz:
  case Opcode::I64Ctz:
    Un([&](Value *V) {
      return callIntrinsic(Intrinsic::cttz, {V->getType()}, {V, B.getFalse()});
    });
    return true;
  case Opcode::I32Popcnt:
  case Opcode::I64Popcnt:
    Intr(Intrinsic::ctpop, 1);
    return true;
  case Opcode::I32Add: case Opcode::I64Add:
    Bin([&](Value *L, Value *R) { return B.CreateAdd(L, R); });
    return true;
  case Opcode::I32Sub: case Opcode::I64Sub:
    Bin([&](Value *L, Value *R) { return B.CreateSub(L, R); });
    return true;
  case Opcode::I32Mul: case Opcode::I64Mul:
    Bin([&](Value *L, Value *R) { return B.CreateMul(L, R); });
    return true;
  case Opcode::I32DivS: case Opcode::I32DivU: case Opcode::I32RemS:
  case Opcode::I32RemU: case Opcode::I64DivS: case Opcode::I64DivU:
  case Opcode::I64RemS: case Opcode::I64RemU:
    DivRem();
    return true;
  case Opcode::I32And: case Opcode::I64And:
    Bin([&](Value *L, Value *R) { return B.CreateAnd(L, R); });
    return true;
  case Opcode::I32Or: case Opcode::I64Or:
    Bin([&](Value *L, Value *R) { return B.CreateOr(L, R); });
    return true;
  case Opcode::I32Xor: case Opcode::I64Xor:
    Bin([&](Value *L, Value *R) { return B.CreateXor(L, R); });
    return true;
  case Opcode::I32Shl: case Opcode::I64Shl:
    Shift(Instruction::Shl);
    return true;
  case Opcode::I32ShrS: case Opcode::I64ShrS:
    Shift(Instruction::AShr);
    return true;
  case Opcode::I32ShrU: case Opcode::I64ShrU:
    Shift(Instruction::LShr);
    return true;
  case Opcode::I32Rotl: case Opcode::I64Rotl:
    Rot(Intrinsic::fshl);
    return true;
  case Opcode::I32Rotr: case Opcode::I64Rotr:
    Rot(Intrinsic::fshr);
    return true;

  case Opcode::F32Abs: case Opcode::F64Abs:
    Intr(Intrinsic::fabs, 1);
    return true;
  case Opcode::F32Neg: case Opcode::F64Neg:
    Un([&](Value *V) { return B.CreateFNeg(V); });
    return true;
  case Opcode::F32Ceil: case Opcode::F64Ceil:
    Intr(Intrinsic::ceil, 1);
    return true;
  case Opcode::F32Floor: case Opcode::F64Floor:
    Intr(Intrinsic::floor, 1);
    return true;
  case Opcode::F32Trunc: case Opcode::F64Trunc:
    Intr(Intrinsic::trunc, 1);
    return true;
  case Opcode::F32Nearest: case Opcode::F64Nearest:
    Intr(Intrinsic::roundeven, 1);
    return true;
  case Opcode::F32Sqrt: case Opcode::F64Sqrt:
    Intr(Intrinsic::sqrt, 1);
    return true;
  case Opcode::F32Add: case Opcode::F64Add:
    Bin([&](Value *L, Value *R) { return FArith(Instruction::FAdd, L, R); });
    return true;
  case Opcode::F32Sub: case Opcode::F64Sub:
    Bin([&](Value *L, Value *R) { return FArith(Instruction::FSub, L, R); });
    return true;
  case Opcode::F32Mul: case Opcode::F64Mul:
    Bin([&](Value *L, Value *R) { return FArith(Instruction::FMul, L, R); });
    return true;
  case Opcode::F32Div: case Opcode::F64Div:
    Bin([&](Value *L, Value *R) { return FArith(Instruction::FDiv, L, R); });
    return true;
  case Opcode::F32Min: case Opcode::F64Min:
    Bin([&](Value *L, Value *R) { return emitMinMax(Intrinsic::minimum, L, R); });
    return true;
  case Opcode::F32Max: case Opcode::F64Max:
    Bin([&](Value *L, Value *R) { return emitMinMax(Intrinsic::maximum, L, R); });
    return true;
  case Opcode::F32Copysign: case Opcode::F64Copysign:
    Intr(Intrinsic::copysign, 2);
    return true;

  case Opcode::I32WrapI64:
    Conv(Instruction::Trunc, I32T);
    return true;
  case Opcode::I64ExtendI32S:
    Conv(Instruction::SExt, I64T);
    return true;
  case Opcode::I64ExtendI32U:
    Conv(Instruction::ZExt, I64T);
    return true;
  case Opcode::I32TruncF32S: case Opcode::I32TruncF64S:
    Un([&](Value *V) { return emitTruncTrapping(V, I32T, true); });
    return true;
  case Opcode::I32TruncF32U: case Opcode::I32TruncF64U:
    Un([&](Value *V) { return emitTruncTrapping(V, I32T, false); });
    return true;
  case Opcode::I64TruncF32S: case Opcode::I64TruncF64S:
    Un([&](Value *V) { return emitTruncTrapping(V, I64T, true); });
    return true;
  case Opcode::I64TruncF32U: case Opcode::I64TruncF64U:
    Un([&](Value *V) { return emitTruncTrapping(V, I64T, false); });
    return true;
  case Opcode::I32TruncSatF32S: case Opcode::I32TruncSatF64S:
    Sat(Intrinsic::fptosi_sat, I32T);
    return true;
  case Opcode::I32TruncSatF32U: case Opcode::I32TruncSatF64U:
    Sat(Intrinsic::fptoui_sat, I32T);
    return true;
  case Opcode::I64TruncSatF32S: case Opcode::I64TruncSatF64S:
    Sat(Intrinsic::fptosi_sat, I64T);
    return true;
  case Opcode::I64TruncSatF32U: case Opcode::I64TruncSatF64U:
    Sat(Intrinsic::fptoui_sat, I64T);
    return true;
  case Opcode::F32ConvertI32S: case Opcode::F32ConvertI64S:
    Conv(Instruction::SIToFP, F32T);
    return true;
  case Opcode::F32ConvertI32U: case Opcode::F32ConvertI64U:
    Conv(Instruction::UIToFP, F32T);
    return true;
  case Opcode::F64ConvertI32S: case Opcode::F64ConvertI64S:
    Conv(Instruction::SIToFP, F64T);
    return true;
  case Opcode::F64ConvertI32U: case Opcode::F64ConvertI64U:
    Conv(Instruction::UIToFP, F64T);
    return true;
  // LLVM folds demote(promote(x)) to x, passing signalling NaNs through;
  // canonicalize keeps the NaN arithmetic as wasm requires.
  case Opcode::F32DemoteF64:
    Un([&](Value *V) {
      Value *R = B.CreateFPTrunc(V, F32T);
      return callIntrinsic(Intrinsic::canonicalize, {F32T}, {R});
    });
    return true;
  case Opcode::F64PromoteF32:
    Un([&](Value *V) {
      Value *R = B.CreateFPExt(V, F64T);
      return callIntrinsic(Intrinsic::canonicalize, {F64T}, {R});
    });
    return true;
  case Opcode::I32ReinterpretF32:
    Conv(Instruction::BitCast, I32T);
    return true;
  case Opcode::I64ReinterpretF64:
    Conv(Instruction::BitCast, I64T);
    return true;
  case Opcode::F32ReinterpretI32:
    Conv(Instruction::BitCast, F32T);
    return true;
  case Opcode::F64ReinterpretI64:
    Conv(Instruction::BitCast, F64T);
    return true;

  case Opcode::I32Extend8S: case Opcode::I64Extend8S:
    SignExt(8);
    return true;
  case Opcode::I32Extend16S: case Opcode::I64Extend16S:
    SignExt(16);
    return true;
  case Opcode::I64Extend32S:
    SignExt(32);
    return true;
  default:
    return false;
  }
}

} // namespace weld::codegen
