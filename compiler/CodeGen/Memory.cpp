//===- Memory.cpp - loads, stores and memory instructions -----------------===//
//
// An access computes base + zext(addr) + offset in 64 bits. In guard mode
// that address always lies inside the memory's 8 GiB reservation, so a stray
// access faults on a guard page and the runtime turns it into a trap; in
// explicit mode every access compares the end address with the current size
// (a load from the memory object, which LLVM can hoist out of loops that do
// not call). Wasm alignment is only a hint: every access is align 1.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/Translator.h"

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

Value *FunctionTranslator::memoryObject(uint32_t Mem) {
  return MemObjects[Mem];
}

Value *FunctionTranslator::effectiveAddress(uint32_t Mem, Value *Addr,
                                            uint64_t Offset, unsigned Bytes) {
  Value *EA = B.CreateZExt(Addr, MT.I64);
  if (Offset)
    EA = B.CreateAdd(EA, i64(Offset), "", /*HasNUW=*/true);
  if (MT.Opts.Bounds == BoundsChecks::Explicit) {
    Value *Size = loadAt(MT.I64, MemObjects[Mem], rtoff::MemorySize);
    Value *End = B.CreateAdd(EA, i64(Bytes), "", /*HasNUW=*/true);
    trapIf(B.CreateICmpUGT(End, Size), WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  }
  return B.CreateInBoundsGEP(MT.I8, MemBases[Mem], EA);
}

bool FunctionTranslator::translateMemory(const Instr &I) {
  // Loads: (value type, bytes in memory, sign-extend).
  auto Load = [&](Type *T, unsigned Bytes, bool Signed) {
    Value *P = effectiveAddress(I.Mem.Memory, pop(), I.Mem.Offset, Bytes);
    Type *MemT = T;
    if (T->isIntegerTy() && T->getIntegerBitWidth() != Bytes * 8)
      MemT = B.getIntNTy(Bytes * 8);
    LoadInst *L = linear(B.CreateAlignedLoad(MemT, P, Align(1)));
    if (MemT == T) {
      push(L);
      return;
    }
    push(Signed ? B.CreateSExt(L, T) : B.CreateZExt(L, T));
  };
  auto Store = [&](unsigned Bytes) {
    Value *V = pop();
    Value *P = effectiveAddress(I.Mem.Memory, pop(), I.Mem.Offset, Bytes);
    if (V->getType()->isIntegerTy() &&
        V->getType()->getIntegerBitWidth() != Bytes * 8)
      V = B.CreateTrunc(V, B.getIntNTy(Bytes * 8));
    linear(B.CreateAlignedStore(V, P, Align(1)));
  };
  Type *I32T = MT.I32, *I64T = MT.I64;

  switch (I.Op) {
  case Opcode::I32Load: Load(I32T, 4, false); return true;
  case Opcode::I64Load: Load(I64T, 8, false); return true;
  case Opcode::F32Load: Load(MT.F32, 4, false); return true;
  case Opcode::F64Load: Load(MT.F64, 8, false); return true;
  case Opcode::I32Load8S: Load(I32T, 1, true); return true;
  case Opcode::I32Load8U: Load(I32T, 1, false); return true;
  case Opcode::I32Load16S: Load(I32T, 2, true); return true;
  case Opcode::I32Load16U: Load(I32T, 2, false); return true;
  case Opcode::I64Load8S: Load(I64T, 1, true); return true;
  case Opcode::I64Load8U: Load(I64T, 1, false); return true;
  case Opcode::I64Load16S: Load(I64T, 2, true); return true;
  case Opcode::I64Load16U: Load(I64T, 2, false); return true;
  case Opcode::I64Load32S: Load(I64T, 4, true); return true;
  case Opcode::I64Load32U: Load(I64T, 4, false); return true;
  case Opcode::I32Store: case Opcode::F32Store: case Opcode::I64Store32:
    Store(4);
    return true;
  case Opcode::I64Store: case Opcode::F64Store:
    Store(8);
    return true;
  case Opcode::I32Store8: case Opcode::I64Store8:
    Store(1);
    return true;
  case Opcode::I32Store16: case Opcode::I64Store16:
    Store(2);
    return true;

  case Opcode::MemorySize: {
    Value *Size = loadAt(MT.I64, memoryObject(I.Index), rtoff::MemorySize);
    push(B.CreateTrunc(B.CreateLShr(Size, i64(16)), I32T));
    return true;
  }
  case Opcode::MemoryGrow: {
    Value *Delta = B.CreateZExt(pop(), I64T);
    Value *Old = B.CreateCall(MT.builtin(Builtin::weld_memory_grow),
                              {memoryObject(I.Index), Delta});
    push(B.CreateTrunc(Old, I32T));
    return true;
  }
  case Opcode::MemoryFill: {
    Value *N = B.CreateZExt(pop(), I64T);
    Value *Val = pop();
    Value *D = B.CreateZExt(pop(), I64T);
    B.CreateCall(MT.builtin(Builtin::weld_memory_fill),
                 {Vmctx, memoryObject(I.Index), D, Val, N});
    return true;
  }
  case Opcode::MemoryCopy: {
    Value *N = B.CreateZExt(pop(), I64T);
    Value *S = B.CreateZExt(pop(), I64T);
    Value *D = B.CreateZExt(pop(), I64T);
    B.CreateCall(MT.builtin(Builtin::weld_memory_copy),
                 {Vmctx, memoryObject(I.Index), memoryObject(I.Index2), D, S,
                  N});
    return true;
  }
  case Opcode::MemoryInit: {
    Value *N = B.CreateZExt(pop(), I64T);
    Value *S = B.CreateZExt(pop(), I64T);
    Value *D = B.CreateZExt(pop(), I64T);
    uint64_t Seg = MT.Layout.dataSeg(I.Index);
    Value *Data = rt(B.CreateLoad(MT.Ptr, vmctxAddr(Seg)));
    Value *Len = rt(B.CreateLoad(I64T, vmctxAddr(Seg + MT.Layout.PtrSize)));
    B.CreateCall(MT.builtin(Builtin::weld_memory_init),
                 {Vmctx, memoryObject(I.Index2), Data, Len, D, S, N});
    return true;
  }
  case Opcode::DataDrop:
    rt(B.CreateStore(
        i64(0), vmctxAddr(MT.Layout.dataSeg(I.Index) + MT.Layout.PtrSize)));
    return true;
  default:
    return false;
  }
}

} // namespace weld::codegen
