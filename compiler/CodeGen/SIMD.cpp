//===- SIMD.cpp - SIMD-128 instructions as LLVM vector operations ----------===//
//
// v128 values are <2 x i64> in LLVM IR (ModuleTranslator::V128); each
// instruction bitcasts to the lane shape it works on. This file dispatches
// every 0xfd-prefixed instruction: the memory accesses are built here
// because they need the function's memories and bounds checks; the others
// are pure computations, popped and pushed here by their signature and
// built by SimdLowering (SIMDInt.cpp, SIMDFloat.cpp).
//
// Memory accesses follow the scalar ones (Memory.cpp): effectiveAddress
// gives the checked (explicit mode) or guard-protected address, every access
// is align 1 because wasm alignment is only a hint, every access carries the
// linear-memory TBAA tag of the scalar ones (so that LLVM keeps globals and
// memory sizes in registers across vector stores), and the narrower loads
// (extending, splat, zero-filling, lane) load exactly the bytes the
// instruction reads so an access that ends past the memory traps exactly
// when the spec says.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/SIMDLowering.h"
#include "CodeGen/Translator.h"

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

//===-- SimdLowering helpers ----------------------------------------------===//

SimdLowering::SimdLowering(IRBuilder<> &B, FixedVectorType *V128,
                           const Triple &T)
    : B(B), V128(V128), X86(T.isX86()), NativeMinMax(T.isAArch64()), I8(B.getInt8Ty()), I16(B.getInt16Ty()),
      I32(B.getInt32Ty()), I64(B.getInt64Ty()), F32(B.getFloatTy()),
      F64(B.getDoubleTy()) {}

Type *SimdLowering::laneType(Opcode Op) const {
  StringRef Name = opcodeName(Op);
  if (Name.starts_with("i8x16."))
    return I8;
  if (Name.starts_with("i16x8."))
    return I16;
  if (Name.starts_with("i32x4."))
    return I32;
  if (Name.starts_with("i64x2."))
    return I64;
  if (Name.starts_with("f32x4."))
    return F32;
  if (Name.starts_with("f64x2."))
    return F64;
  return nullptr;
}

FixedVectorType *SimdLowering::shape(Type *Lane) const {
  return FixedVectorType::get(Lane, 128 / Lane->getScalarSizeInBits());
}

Value *SimdLowering::as(Value *V, Type *Lane) {
  Type *T = shape(Lane);
  return V->getType() == T ? V : B.CreateBitCast(V, T);
}

Value *SimdLowering::toV128(Value *V) {
  return V->getType() == V128 ? V : B.CreateBitCast(V, V128);
}

Value *SimdLowering::half(Value *V, bool High) {
  unsigned N = cast<FixedVectorType>(V->getType())->getNumElements() / 2;
  SmallVector<int, 16> Mask;
  for (unsigned K = 0; K < N; ++K)
    Mask.push_back(int(High ? N + K : K));
  return B.CreateShuffleVector(V, Mask);
}

Value *SimdLowering::evenOdd(Value *V, bool Odd) {
  unsigned N = cast<FixedVectorType>(V->getType())->getNumElements() / 2;
  SmallVector<int, 16> Mask;
  for (unsigned K = 0; K < N; ++K)
    Mask.push_back(int(2 * K + (Odd ? 1 : 0)));
  return B.CreateShuffleVector(V, Mask);
}

Value *SimdLowering::extend(Value *V, Type *WideLane, bool Signed) {
  auto *VT = cast<FixedVectorType>(V->getType());
  Type *T = FixedVectorType::get(WideLane, VT->getNumElements());
  return Signed ? B.CreateSExt(V, T) : B.CreateZExt(V, T);
}

//===-- Dispatch and memory accesses --------------------------------------===//

/// Number of operands in an Opcodes.def signature ("vv:v" has 2).
static unsigned paramCount(StringRef Signature) {
  size_t Colon = Signature.find(':');
  assert(Colon != StringRef::npos && "SIMD instructions have fixed types");
  return unsigned(Colon);
}

bool FunctionTranslator::translateSimd(const Instr &I) {
  const OpcodeInfo &Info = opcodeInfo(I.Op);
  if (Info.Prefix != 0xfd)
    return false;
  SimdLowering L(B, MT.V128, Triple(MT.LM.getTargetTriple()));

  if (!Info.AccessBytes) {
    SmallVector<Value *, 4> Args = popN(paramCount(Info.Signature));
    Value *R = L.emitInt(I, Args);
    if (!R)
      R = L.emitFloat(I, Args);
    if (!R) {
      // Not built yet: give the operands back so the caller reports it.
      for (Value *V : Args)
        push(V);
      return false;
    }
    push(R);
    return true;
  }

  // Memory accesses. Addr is the wasm address operand.
  auto Address = [&](Value *Addr, unsigned Bytes) {
    return effectiveAddress(I.Mem.Memory, Addr, I.Mem.Offset, Bytes);
  };
  auto LoadScalar = [&](Type *T, Value *Addr) -> Value * {
    unsigned Bytes = unsigned(T->getPrimitiveSizeInBits().getFixedValue()) / 8;
    return linear(B.CreateAlignedLoad(T, Address(Addr, Bytes), Align(1)));
  };
  // load8x8_s and friends: Count lanes of Lane, widened to twice the width.
  // The 64 bits are loaded as an i64 (x86 still folds the load into
  // pmovsx/pmovzx): every narrow SIMD load is then a scalar integer load,
  // which is what the dropped-load keep-alive of Drop can take as an
  // operand (a 64-bit vector has no register class there).
  auto LoadExtend = [&](Type *Lane, bool Signed) {
    unsigned Count = 64 / Lane->getScalarSizeInBits();
    Value *V = B.CreateBitCast(LoadScalar(L.I64, pop()),
                               FixedVectorType::get(Lane, Count));
    Type *Wide = B.getIntNTy(2 * Lane->getScalarSizeInBits());
    push(L.toV128(L.extend(V, Wide, Signed)));
  };
  auto LoadSplat = [&](Type *Lane) {
    Value *S = LoadScalar(Lane, pop());
    push(L.toV128(B.CreateVectorSplat(L.shape(Lane)->getNumElements(), S)));
  };
  auto LoadZero = [&](Type *Lane) {
    Value *S = LoadScalar(Lane, pop());
    Value *Zero = Constant::getNullValue(L.shape(Lane));
    push(L.toV128(B.CreateInsertElement(Zero, S, uint64_t(0))));
  };
  auto LoadLane = [&](Type *Lane) {
    Value *V = L.as(pop(), Lane);
    Value *S = LoadScalar(Lane, pop());
    push(L.toV128(B.CreateInsertElement(V, S, uint64_t(I.Lane))));
  };
  auto StoreLane = [&](Type *Lane) {
    Value *S = B.CreateExtractElement(L.as(pop(), Lane), uint64_t(I.Lane));
    Value *P = Address(pop(), Lane->getScalarSizeInBits() / 8);
    linear(B.CreateAlignedStore(S, P, Align(1)));
  };

  switch (I.Op) {
  case Opcode::V128Load:
    push(LoadScalar(MT.V128, pop()));
    return true;
  case Opcode::V128Store: {
    Value *V = pop();
    linear(B.CreateAlignedStore(V, Address(pop(), 16), Align(1)));
    return true;
  }
  case Opcode::V128Load8x8S: LoadExtend(L.I8, true); return true;
  case Opcode::V128Load8x8U: LoadExtend(L.I8, false); return true;
  case Opcode::V128Load16x4S: LoadExtend(L.I16, true); return true;
  case Opcode::V128Load16x4U: LoadExtend(L.I16, false); return true;
  case Opcode::V128Load32x2S: LoadExtend(L.I32, true); return true;
  case Opcode::V128Load32x2U: LoadExtend(L.I32, false); return true;
  case Opcode::V128Load8Splat: LoadSplat(L.I8); return true;
  case Opcode::V128Load16Splat: LoadSplat(L.I16); return true;
  case Opcode::V128Load32Splat: LoadSplat(L.I32); return true;
  case Opcode::V128Load64Splat: LoadSplat(L.I64); return true;
  case Opcode::V128Load32Zero: LoadZero(L.I32); return true;
  case Opcode::V128Load64Zero: LoadZero(L.I64); return true;
  case Opcode::V128Load8Lane: LoadLane(L.I8); return true;
  case Opcode::V128Load16Lane: LoadLane(L.I16); return true;
  case Opcode::V128Load32Lane: LoadLane(L.I32); return true;
  case Opcode::V128Load64Lane: LoadLane(L.I64); return true;
  case Opcode::V128Store8Lane: StoreLane(L.I8); return true;
  case Opcode::V128Store16Lane: StoreLane(L.I16); return true;
  case Opcode::V128Store32Lane: StoreLane(L.I32); return true;
  case Opcode::V128Store64Lane: StoreLane(L.I64); return true;
  default:
    return false;
  }
}

} // namespace weld::codegen
