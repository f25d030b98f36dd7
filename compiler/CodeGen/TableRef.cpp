//===- TableRef.cpp - globals, tables and references ----------------------===//
//
// Globals are weld_global cells: defined ones live inside the vmctx,
// imported ones are reached through their pointer slot. Tables are runtime
// objects whose element array may move when they grow, so every access
// reloads it; reads and writes check the index inline, the bulk operations
// call the runtime. A funcref is a pointer to a weld_funcref record.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/Translator.h"

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

Value *FunctionTranslator::tableObject(uint32_t Table) {
  return loadInvariantPtr(MT.Layout.tableSlot(Table));
}

Value *FunctionTranslator::globalCell(uint32_t Global) {
  if (Global >= M.NumImportedGlobals)
    return vmctxAddr(MT.Layout.globalCell(Global - M.NumImportedGlobals));
  return loadInvariantPtr(MT.Layout.globalSlot(Global));
}

bool FunctionTranslator::translateTableRef(const Instr &I) {
  Type *I64T = MT.I64;
  auto ElementAddr = [&](Value *Tab, Value *Index) {
    Value *Idx = B.CreateZExt(Index, I64T);
    Value *Size = loadAt(I64T, Tab, rtoff::TableSize);
    trapIf(B.CreateICmpUGE(Idx, Size), WELD_TRAP_OUT_OF_BOUNDS_TABLE);
    Value *Elems = loadAt(MT.Ptr, Tab, rtoff::TableElements);
    return B.CreateInBoundsGEP(MT.Ptr, Elems, Idx);
  };

  switch (I.Op) {
  case Opcode::GlobalGet:
    push(rt(B.CreateLoad(MT.llvmType(M.Globals[I.Index].Type.Type),
                         globalCell(I.Index))));
    return true;
  case Opcode::GlobalSet:
    rt(B.CreateStore(pop(), globalCell(I.Index)));
    return true;

  case Opcode::TableGet: {
    Value *Index = pop();
    push(rt(B.CreateLoad(MT.Ptr, ElementAddr(tableObject(I.Index), Index))));
    return true;
  }
  case Opcode::TableSet: {
    Value *V = pop();
    Value *Index = pop();
    rt(B.CreateStore(V, ElementAddr(tableObject(I.Index), Index)));
    return true;
  }
  case Opcode::TableSize: {
    Value *Size = loadAt(I64T, tableObject(I.Index), rtoff::TableSize);
    push(B.CreateTrunc(Size, MT.I32));
    return true;
  }
  case Opcode::TableGrow: {
    Value *Delta = B.CreateZExt(pop(), I64T);
    Value *Init = pop();
    Value *Old = B.CreateCall(MT.builtin(Builtin::weld_table_grow),
                              {tableObject(I.Index), Init, Delta});
    push(B.CreateTrunc(Old, MT.I32));
    return true;
  }
  case Opcode::TableFill: {
    Value *N = B.CreateZExt(pop(), I64T);
    Value *V = pop();
    Value *D = B.CreateZExt(pop(), I64T);
    B.CreateCall(MT.builtin(Builtin::weld_table_fill),
                 {Vmctx, tableObject(I.Index), D, V, N});
    return true;
  }
  case Opcode::TableCopy: {
    Value *N = B.CreateZExt(pop(), I64T);
    Value *S = B.CreateZExt(pop(), I64T);
    Value *D = B.CreateZExt(pop(), I64T);
    B.CreateCall(MT.builtin(Builtin::weld_table_copy),
                 {Vmctx, tableObject(I.Index), tableObject(I.Index2), D, S, N});
    return true;
  }
  case Opcode::TableInit: {
    Value *N = B.CreateZExt(pop(), I64T);
    Value *S = B.CreateZExt(pop(), I64T);
    Value *D = B.CreateZExt(pop(), I64T);
    uint64_t Seg = MT.Layout.elemSeg(I.Index);
    Value *Items = rt(B.CreateLoad(MT.Ptr, vmctxAddr(Seg)));
    Value *Len = rt(B.CreateLoad(I64T, vmctxAddr(Seg + MT.Layout.PtrSize)));
    B.CreateCall(MT.builtin(Builtin::weld_table_init),
                 {Vmctx, tableObject(I.Index2), Items, Len, D, S, N});
    return true;
  }
  case Opcode::ElemDrop:
    rt(B.CreateStore(
        i64(0), vmctxAddr(MT.Layout.elemSeg(I.Index) + MT.Layout.PtrSize)));
    return true;

  case Opcode::RefNull:
    push(ConstantPointerNull::get(cast<PointerType>(MT.Ptr)));
    return true;
  case Opcode::RefIsNull:
    push(boolToI32(B.CreateIsNull(pop())));
    return true;
  case Opcode::RefFunc:
    push(loadInvariantPtr(MT.Layout.funcSlot(I.Index)));
    return true;
  default:
    return false;
  }
}

} // namespace weld::codegen
