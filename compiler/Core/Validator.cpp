//===- Validator.cpp - Module-level validation rules ----------------------===//
//
// Everything outside function bodies: limits, index references between
// sections, constant expressions, exports, the start function and the set
// of functions that bodies may take references to (C.refs). Bodies are
// checked by FunctionValidator.cpp once this context is known.
//
//===----------------------------------------------------------------------===//

#include "Core/Validator.h"
#include "Core/Decoder.h"
#include "Core/ValidatorImpl.h"

#include "llvm/ADT/StringSet.h"

using namespace llvm;

namespace weld::core {

namespace {

class ModuleValidator {
public:
  ModuleValidator(const Module &M, const Features &F)
      : M(M), F(F), Ctx{M, F, BitVector(M.Funcs.size())} {}

  Error run();

private:
  Error checkTableType(const TableType &T, uint64_t Offset);
  Error checkMemoryType(const MemoryType &T, uint64_t Offset);
  Error checkConstExpr(const ConstExpr &CE, ValType Expected,
                       uint32_t VisibleGlobals);
  Error checkImportsAndSpaces();
  Error checkGlobals();
  Error checkExports();
  Error checkElems();
  Error checkDatas();
  void collectRefs();

  const Module &M;
  const Features &F;
  ValidationContext Ctx;
};

Error ModuleValidator::checkTableType(const TableType &T, uint64_t Offset) {
  if (T.Size.Max && *T.Size.Max < T.Size.Min)
    return errorAt(Offset, "size minimum must not be greater than maximum");
  return Error::success();
}

Error ModuleValidator::checkMemoryType(const MemoryType &T, uint64_t Offset) {
  const Limits &L = T.Pages;
  if (L.Min > MaxMemoryPages || (L.Max && *L.Max > MaxMemoryPages))
    return errorAt(Offset, "memory size must be at most 65536 pages (4GiB)");
  if (L.Max && *L.Max < L.Min)
    return errorAt(Offset, "size minimum must not be greater than maximum");
  return Error::success();
}

/// Types a constant expression with a small stack machine. Only imported
/// immutable globals are visible to global.get (Wasm 2.0: every constant
/// expression is validated in the context C' of the imported globals).
Error ModuleValidator::checkConstExpr(const ConstExpr &CE, ValType Expected,
                                      uint32_t VisibleGlobals) {
  SmallVector<ValType, 4> Stack;
  auto PopBinary = [&](const Instr &I, ValType T) -> Error {
    if (!F.ExtendedConst)
      return errorAt(I.Offset, "constant expression required");
    if (Stack.size() < 2 || Stack.back() != T || Stack[Stack.size() - 2] != T)
      return errorAt(I.Offset, "type mismatch");
    Stack.pop_back();
    return Error::success();
  };
  for (const Instr &I : CE.Instrs) {
    switch (I.Op) {
    case Opcode::I32Const:
      Stack.push_back(ValType::I32);
      break;
    case Opcode::I64Const:
      Stack.push_back(ValType::I64);
      break;
    case Opcode::F32Const:
      Stack.push_back(ValType::F32);
      break;
    case Opcode::F64Const:
      Stack.push_back(ValType::F64);
      break;
    case Opcode::V128Const:
      if (!F.Simd)
        return errorAt(I.Offset, "not supported yet: simd");
      Stack.push_back(ValType::V128);
      break;
    case Opcode::RefNull:
      Stack.push_back(I.Type);
      break;
    case Opcode::RefFunc:
      if (I.Index >= M.Funcs.size())
        return errorAt(I.Offset, "unknown function " + Twine(I.Index));
      Stack.push_back(ValType::FuncRef);
      break;
    case Opcode::GlobalGet:
      if (I.Index >= VisibleGlobals)
        return errorAt(I.Offset, "unknown global " + Twine(I.Index));
      if (M.Globals[I.Index].Type.Mutable)
        return errorAt(I.Offset, "constant expression required");
      Stack.push_back(M.Globals[I.Index].Type.Type);
      break;
    case Opcode::I32Add:
    case Opcode::I32Sub:
    case Opcode::I32Mul:
      if (Error E = PopBinary(I, ValType::I32))
        return E;
      break;
    case Opcode::I64Add:
    case Opcode::I64Sub:
    case Opcode::I64Mul:
      if (Error E = PopBinary(I, ValType::I64))
        return E;
      break;
    default:
      return errorAt(I.Offset, "constant expression required");
    }
  }
  if (Stack.size() != 1 || Stack[0] != Expected)
    return errorAt(CE.Offset, "type mismatch in constant expression");
  return Error::success();
}

Error ModuleValidator::checkImportsAndSpaces() {
  for (const Import &I : M.Imports) {
    switch (I.Kind) {
    case ExternKind::Func:
      if (I.Type.Value >= M.Types.size())
        return errorAt(I.Offset, "unknown type " + Twine(I.Type.Value));
      break;
    case ExternKind::Table:
      if (Error E = checkTableType(I.Table, I.Offset))
        return E;
      break;
    case ExternKind::Memory:
      if (Error E = checkMemoryType(I.Memory, I.Offset))
        return E;
      break;
    case ExternKind::Global:
      break;
    }
  }
  for (uint32_t I = M.NumImportedFuncs; I < M.Funcs.size(); ++I)
    if (M.Funcs[I].Type.Value >= M.Types.size())
      return errorAt(M.Funcs[I].DeclOffset,
                     "unknown type " + Twine(M.Funcs[I].Type.Value));
  for (uint32_t I = M.NumImportedTables; I < M.Tables.size(); ++I)
    if (Error E = checkTableType(M.Tables[I].Type, M.Tables[I].Offset))
      return E;
  for (uint32_t I = M.NumImportedMemories; I < M.Memories.size(); ++I)
    if (Error E = checkMemoryType(M.Memories[I].Type, M.Memories[I].Offset))
      return E;
  if (M.Memories.size() > 1 && !F.MultiMemory)
    return errorAt(M.Memories[1].Offset, "multiple memories");
  return Error::success();
}

Error ModuleValidator::checkGlobals() {
  for (uint32_t I = M.NumImportedGlobals; I < M.Globals.size(); ++I) {
    const Global &G = M.Globals[I];
    if (Error E = checkConstExpr(G.Init, G.Type.Type, M.NumImportedGlobals))
      return E;
  }
  return Error::success();
}

Error ModuleValidator::checkExports() {
  StringSet<> Names;
  for (const Export &E : M.Exports) {
    if (!Names.insert(E.Name).second)
      return errorAt(E.Offset, "duplicate export name \"" + E.Name + "\"");
    size_t Size = 0;
    switch (E.Kind) {
    case ExternKind::Func:
      Size = M.Funcs.size();
      break;
    case ExternKind::Table:
      Size = M.Tables.size();
      break;
    case ExternKind::Memory:
      Size = M.Memories.size();
      break;
    case ExternKind::Global:
      Size = M.Globals.size();
      break;
    }
    if (E.Index >= Size)
      return errorAt(E.Offset, "unknown " +
                                   Twine(E.Kind == ExternKind::Func
                                             ? "function"
                                             : externKindName(E.Kind)) +
                                   " " + Twine(E.Index));
  }
  if (M.Start) {
    uint32_t S = M.Start->Value;
    if (S >= M.Funcs.size())
      return errorAt(M.StartOffset, "unknown function " + Twine(S));
    const FuncType &T = M.funcType(*M.Start);
    if (!T.Params.empty() || !T.Results.empty())
      return errorAt(M.StartOffset, "start function must have type [] -> []");
  }
  return Error::success();
}

Error ModuleValidator::checkElems() {
  uint32_t VisibleGlobals = M.NumImportedGlobals;
  for (const ElemSegment &S : M.Elems) {
    if (S.Mode == SegmentMode::Active) {
      if (S.Table.Value >= M.Tables.size())
        return errorAt(S.Offset, "unknown table " + Twine(S.Table.Value));
      if (M.Tables[S.Table.Value].Type.ElemType != S.Type)
        return errorAt(S.Offset, "type mismatch: element segment of type " +
                                     valTypeName(S.Type) + " for a table of " +
                                     valTypeName(M.Tables[S.Table.Value]
                                                     .Type.ElemType));
      if (Error E = checkConstExpr(S.OffsetExpr, ValType::I32, VisibleGlobals))
        return E;
    }
    for (uint32_t Func : S.FuncIndices)
      if (Func >= M.Funcs.size())
        return errorAt(S.Offset, "unknown function " + Twine(Func));
    for (const ConstExpr &CE : S.Exprs)
      if (Error E = checkConstExpr(CE, S.Type, VisibleGlobals))
        return E;
  }
  return Error::success();
}

Error ModuleValidator::checkDatas() {
  uint32_t VisibleGlobals = M.NumImportedGlobals;
  for (const DataSegment &D : M.Datas) {
    if (D.Mode != SegmentMode::Active)
      continue;
    if (D.Memory.Value >= M.Memories.size())
      return errorAt(D.Offset, "unknown memory " + Twine(D.Memory.Value));
    if (Error E = checkConstExpr(D.OffsetExpr, ValType::I32, VisibleGlobals))
      return E;
  }
  return Error::success();
}

void ModuleValidator::collectRefs() {
  auto Add = [&](uint32_t Func) {
    if (Func < Ctx.DeclaredRefs.size())
      Ctx.DeclaredRefs.set(Func);
  };
  auto AddExpr = [&](const ConstExpr &CE) {
    for (const Instr &I : CE.Instrs)
      if (I.Op == Opcode::RefFunc)
        Add(I.Index);
  };
  for (const ElemSegment &S : M.Elems) {
    for (uint32_t Func : S.FuncIndices)
      Add(Func);
    for (const ConstExpr &CE : S.Exprs)
      AddExpr(CE);
  }
  for (const Export &E : M.Exports)
    if (E.Kind == ExternKind::Func)
      Add(E.Index);
  for (const Global &G : M.Globals)
    AddExpr(G.Init);
}

Error ModuleValidator::run() {
  if (Error E = checkImportsAndSpaces())
    return E;
  if (Error E = checkGlobals())
    return E;
  if (Error E = checkExports())
    return E;
  if (Error E = checkElems())
    return E;
  if (Error E = checkDatas())
    return E;
  collectRefs();
  for (uint32_t I = M.NumImportedFuncs; I < M.Funcs.size(); ++I)
    if (Error E = validateFunctionBody(Ctx, FuncIndex(I)))
      return E;
  return Error::success();
}

} // namespace

Error validateModule(const Module &M, const Features &F) {
  return ModuleValidator(M, F).run();
}

Expected<std::unique_ptr<Module>> loadModule(ArrayRef<uint8_t> Bytes,
                                             uint64_t BaseOffset,
                                             const Features &F) {
  auto M = decodeModule(Bytes, BaseOffset);
  if (!M)
    return M.takeError();
  if (Error E = validateModule(**M, F))
    return std::move(E);
  return M;
}

} // namespace weld::core
