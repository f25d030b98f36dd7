//===- ModuleTranslator.cpp - module-level code: layout, init, descriptor -===//
//
// Everything of a translated module that is not a function body: the vmctx
// layout, the declarations of the wasm functions and runtime builtins, the
// per-signature array-call trampolines, the init function (imports,
// defined globals, tables and memories, element and data segments, start
// function) and the exported weld_module descriptor.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/Translator.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Verifier.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

ModuleTranslator::ModuleTranslator(const core::Module &M, llvm::Module &LM,
                                   const CodeGenOptions &Opts)
    : M(M), LM(LM),
      BodyCC(LM.getTargetTriple().isRISCV() ? CallingConv::Fast
                                            : CallingConv::Tail),
      Ctx(LM.getContext()), Opts(Opts) {
  I8 = Type::getInt8Ty(Ctx);
  I32 = Type::getInt32Ty(Ctx);
  I64 = Type::getInt64Ty(Ctx);
  F32 = Type::getFloatTy(Ctx);
  F64 = Type::getDoubleTy(Ctx);
  Ptr = PointerType::get(Ctx, 0);
  V128 = FixedVectorType::get(I64, 2);
  MDBuilder MDB(Ctx);
  MDNode *Root = MDB.createTBAARoot("weld");
  MDNode *MemTy = MDB.createTBAAScalarTypeNode("wasm linear memory", Root);
  MDNode *RtTy = MDB.createTBAAScalarTypeNode("weld runtime object", Root);
  TBAAMemory = MDB.createTBAAStructTagNode(MemTy, MemTy, 0);
  TBAARuntime = MDB.createTBAAStructTagNode(RtTy, RtTy, 0);
}

Type *ModuleTranslator::llvmType(ValType T) const {
  switch (T) {
  case ValType::I32:
    return I32;
  case ValType::I64:
    return I64;
  case ValType::F32:
    return F32;
  case ValType::F64:
    return F64;
  case ValType::V128:
    return V128;
  case ValType::FuncRef:
  case ValType::ExternRef:
    return Ptr;
  }
  llvm_unreachable("bad value type");
}

Constant *ModuleTranslator::zeroValue(ValType T) const {
  return Constant::getNullValue(llvmType(T));
}

Type *ModuleTranslator::returnType(ArrayRef<ValType> Results) const {
  if (Results.empty())
    return Type::getVoidTy(Ctx);
  if (Results.size() == 1)
    return llvmType(Results[0]);
  SmallVector<Type *, 4> Fields;
  for (ValType T : Results)
    Fields.push_back(llvmType(T));
  return StructType::get(Ctx, Fields);
}

FunctionType *ModuleTranslator::functionType(const FuncType &T) const {
  SmallVector<Type *, 8> Params{Ptr};
  for (ValType P : T.Params)
    Params.push_back(llvmType(P));
  return FunctionType::get(returnType(T.Results), Params, false);
}

static char signatureLetter(ValType T) {
  switch (T) {
  case ValType::I32:
    return 'i';
  case ValType::I64:
    return 'I';
  case ValType::F32:
    return 'f';
  case ValType::F64:
    return 'F';
  case ValType::V128:
    return 'v';
  case ValType::FuncRef:
    return 'r';
  case ValType::ExternRef:
    return 'x';
  }
  return '?';
}

std::string ModuleTranslator::signatureString(const FuncType &T) {
  std::string S;
  for (ValType P : T.Params)
    S += signatureLetter(P);
  S += ':';
  for (ValType R : T.Results)
    S += signatureLetter(R);
  return S;
}

Constant *ModuleTranslator::cString(StringRef S) {
  Constant *Data = ConstantDataArray::getString(Ctx, S, /*AddNull=*/true);
  auto *GV = new GlobalVariable(LM, Data->getType(), /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Data, "str");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  return GV;
}

Constant *ModuleTranslator::signatureConstant(const FuncType &T) {
  std::string S = signatureString(T);
  Constant *&C = Signatures[S];
  if (!C) {
    Constant *Data = ConstantDataArray::getString(Ctx, S, true);
    auto *GV = new GlobalVariable(LM, Data->getType(), true,
                                  GlobalValue::PrivateLinkage, Data,
                                  "sig." + S);
    GV->setAlignment(Align(1));
    C = GV;
  }
  return C;
}

FunctionCallee ModuleTranslator::builtin(Builtin Which) {
  FunctionCallee &C = Builtins[size_t(Which)];
  if (C)
    return C;
  struct Info {
    const char *Name, *Sig;
  };
  static const Info Infos[] = {
#define WELD_BUILTIN(Name, Signature, CReturn, CParams) {#Name, Signature},
#include "weld/builtins.def"
  };
  const Info &I = Infos[size_t(Which)];
  StringRef Sig = I.Sig;
  bool NoReturn = Sig.consume_front("!");
  auto TypeOf = [&](char Ch) -> Type * {
    switch (Ch) {
    case 'v':
      return Type::getVoidTy(Ctx);
    case 'i':
      return I32;
    case 'I':
      return I64;
    case 'p':
      return Ptr;
    }
    llvm_unreachable("bad builtin signature letter");
  };
  Type *Ret = TypeOf(Sig[0]);
  SmallVector<Type *, 8> Params;
  for (char Ch : Sig.drop_front(2).drop_back())
    Params.push_back(TypeOf(Ch));
  C = LM.getOrInsertFunction(I.Name, FunctionType::get(Ret, Params, false));
  auto *F = cast<llvm::Function>(C.getCallee());
  F->setDoesNotThrow();
  if (NoReturn) {
    F->setDoesNotReturn();
    F->addFnAttr(Attribute::Cold);
  }
  return C;
}

//===-- Layout and declarations ---------------------------------------------===//

void ModuleTranslator::computeLayout() {
  uint64_t P = LM.getDataLayout().getPointerSize();
  VmctxLayout &L = Layout;
  L.PtrSize = P;
  uint64_t Off = 4 * P; // weld_vmctx_header
  L.FuncSlots = Off;
  Off += M.Funcs.size() * P;
  L.TableSlots = Off;
  Off += M.Tables.size() * P;
  L.MemorySlots = Off;
  Off += M.Memories.size() * P;
  L.GlobalSlots = Off;
  Off += M.Globals.size() * P;
  L.FuncRecords = Off;
  Off += M.numDefinedFuncs() * 5 * P;
  Off = alignTo(Off, 16);
  L.GlobalCells = Off;
  Off += (M.Globals.size() - M.NumImportedGlobals) * 32;
  L.ElemSegs = Off;
  Off += M.Elems.size() * 2 * P;
  L.DataSegs = Off;
  Off += M.Datas.size() * 2 * P;
  for (const ElemSegment &S : M.Elems) {
    L.ElemItems.push_back(Off);
    Off += S.size() * P;
  }
  L.Size = alignTo(Off, 16);
}

void ModuleTranslator::declareFunction(uint32_t I) {
  FunctionType *FT = functionType(M.funcType(FuncIndex(I)));
  bool Here = I >= PartBegin && I < PartEnd;
  // Partitions reach each other's functions through hidden symbols,
  // which stay private to the linked artifact.
  auto Linkage = Partitioned ? GlobalValue::ExternalLinkage
                             : GlobalValue::InternalLinkage;
  llvm::Function *Body = llvm::Function::Create(
      FT, Linkage, Opts.SymbolPrefix + "wasm.f" + Twine(I), LM);
  Body->setCallingConv(BodyCC);
  Body->setDoesNotThrow();
  Bodies[I] = Body;
  llvm::Function *F = llvm::Function::Create(
      FT, Linkage, Opts.SymbolPrefix + "wasm.f" + Twine(I) + ".entry", LM);
  F->setDoesNotThrow();
  Funcs[I] = F;
  if (Partitioned) {
    Body->setVisibility(GlobalValue::HiddenVisibility);
    F->setVisibility(GlobalValue::HiddenVisibility);
  }
  if (!Here)
    return;
  // The C entry: a plain call of the body (LLVM inlines it when cheap).
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  SmallVector<Value *, 8> Args;
  for (Argument &A : F->args())
    Args.push_back(&A);
  CallInst *Call = B.CreateCall(FT, Body, Args);
  Call->setCallingConv(BodyCC);
  if (FT->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
}

void ModuleTranslator::declareFunctions() {
  Funcs.assign(M.Funcs.size(), nullptr);
  Bodies.assign(M.Funcs.size(), nullptr);
  // A partition declares the functions of other partitions only when it
  // refers to them (definedFunction/functionBody), so its module holds its
  // own functions and their callees rather than the whole module's.
  for (uint32_t I = M.NumImportedFuncs; I < M.Funcs.size(); ++I)
    if (!Partitioned || (I >= PartBegin && I < PartEnd))
      declareFunction(I);
}

llvm::Function *ModuleTranslator::definedFunction(uint32_t F) {
  if (F < M.NumImportedFuncs)
    return nullptr;
  if (!Funcs[F])
    declareFunction(F);
  return Funcs[F];
}

llvm::Function *ModuleTranslator::functionBody(uint32_t F) {
  if (F < M.NumImportedFuncs)
    return nullptr;
  if (!Bodies[F])
    declareFunction(F);
  return Bodies[F];
}

llvm::Function *ModuleTranslator::trampoline(const FuncType &T) {
  std::string S = signatureString(T);
  llvm::Function *&F = Trampolines[S];
  if (F)
    return F;
  FunctionType *TT =
      FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr}, false);
  F = llvm::Function::Create(TT, GlobalValue::InternalLinkage, "wasm.call." + S, LM);
  F->setDoesNotThrow();
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  Value *Rec = F->getArg(0);
  Value *Values = F->getArg(1);
  Value *Code = B.CreateLoad(Ptr, Rec);
  Value *Vm =
      B.CreateLoad(Ptr, B.CreateConstInBoundsGEP1_64(I8, Rec, rtoff::FuncRefVmctx));
  SmallVector<Value *, 8> Args{Vm};
  for (unsigned I = 0; I < T.Params.size(); ++I)
    Args.push_back(B.CreateLoad(llvmType(T.Params[I]),
                                B.CreateConstInBoundsGEP1_64(I8, Values, 16 * I)));
  CallInst *Call = B.CreateCall(functionType(T), Code, Args);
  for (unsigned I = 0; I < T.Results.size(); ++I) {
    Value *R = T.Results.size() == 1 ? Call : B.CreateExtractValue(Call, I);
    B.CreateStore(R, B.CreateConstInBoundsGEP1_64(I8, Values, 16 * I));
  }
  B.CreateRetVoid();
  return F;
}

//===-- Init function -----------------------------------------------------------===//

Value *ModuleTranslator::emitConstExpr(IRBuilder<> &B, Value *Vmctx,
                                       const ConstExpr &E) {
  SmallVector<Value *, 4> Stack;
  auto Slot = [&](uint64_t Off) {
    return B.CreateLoad(Ptr, B.CreateConstInBoundsGEP1_64(I8, Vmctx, Off));
  };
  for (const Instr &I : E.Instrs) {
    switch (I.Op) {
    case Opcode::I32Const:
      Stack.push_back(B.getInt32(uint32_t(I.I32)));
      break;
    case Opcode::I64Const:
      Stack.push_back(B.getInt64(uint64_t(I.I64)));
      break;
    case Opcode::F32Const:
      Stack.push_back(ConstantFP::get(
          Ctx, APFloat(APFloat::IEEEsingle(), APInt(32, I.F32Bits))));
      break;
    case Opcode::F64Const:
      Stack.push_back(ConstantFP::get(
          Ctx, APFloat(APFloat::IEEEdouble(), APInt(64, I.F64Bits))));
      break;
    case Opcode::V128Const: {
      uint64_t Lo = 0, Hi = 0;
      for (unsigned K = 0; K < 8; ++K) {
        Lo |= uint64_t(I.V128[K]) << (8 * K);
        Hi |= uint64_t(I.V128[K + 8]) << (8 * K);
      }
      Stack.push_back(ConstantVector::get(
          {ConstantInt::get(I64, Lo), ConstantInt::get(I64, Hi)}));
      break;
    }
    case Opcode::RefNull:
      Stack.push_back(ConstantPointerNull::get(cast<PointerType>(Ptr)));
      break;
    case Opcode::RefFunc:
      Stack.push_back(Slot(Layout.funcSlot(I.Index)));
      break;
    case Opcode::GlobalGet:
      Stack.push_back(B.CreateLoad(llvmType(M.Globals[I.Index].Type.Type),
                                   Slot(Layout.globalSlot(I.Index))));
      break;
    case Opcode::I32Add:
    case Opcode::I64Add:
    case Opcode::I32Sub:
    case Opcode::I64Sub:
    case Opcode::I32Mul:
    case Opcode::I64Mul: {
      Value *R = Stack.pop_back_val();
      Value *L = Stack.pop_back_val();
      bool Add = I.Op == Opcode::I32Add || I.Op == Opcode::I64Add;
      bool Sub = I.Op == Opcode::I32Sub || I.Op == Opcode::I64Sub;
      Stack.push_back(Add   ? B.CreateAdd(L, R)
                      : Sub ? B.CreateSub(L, R)
                            : B.CreateMul(L, R));
      break;
    }
    default:
      llvm_unreachable("validated constant expressions use no other opcode");
    }
  }
  assert(Stack.size() == 1 && "constant expression leaves one value");
  return Stack.back();
}

void ModuleTranslator::emitInit() {
  FunctionType *FT =
      FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr}, false);
  InitFn = llvm::Function::Create(FT, GlobalValue::InternalLinkage, Opts.SymbolPrefix + "wasm.init", LM);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", InitFn));
  Value *Vmctx = InitFn->getArg(0);
  Value *Imports = InitFn->getArg(1);
  auto At = [&](uint64_t Off) {
    return B.CreateConstInBoundsGEP1_64(I8, Vmctx, Off);
  };
  uint64_t P = Layout.PtrSize;

  // Imports go to the slots of their kind.
  for (uint32_t K = 0; K < M.Imports.size(); ++K) {
    const Import &Imp = M.Imports[K];
    Value *Obj =
        B.CreateLoad(Ptr, B.CreateConstInBoundsGEP1_64(Ptr, Imports, K));
    uint64_t Slot = 0;
    switch (Imp.Kind) {
    case ExternKind::Func:
      Slot = Layout.funcSlot(Imp.Index);
      break;
    case ExternKind::Table:
      Slot = Layout.tableSlot(Imp.Index);
      break;
    case ExternKind::Memory:
      Slot = Layout.memorySlot(Imp.Index);
      break;
    case ExternKind::Global:
      Slot = Layout.globalSlot(Imp.Index);
      break;
    }
    B.CreateStore(Obj, At(Slot));
  }
  // Records of the defined functions (ref.func needs them below).
  emitFunctionRecords(B, Vmctx);
  // Defined globals, in order (an initializer may read earlier globals).
  for (uint32_t G = M.NumImportedGlobals; G < M.Globals.size(); ++G) {
    const Global &Gl = M.Globals[G];
    uint64_t Cell = Layout.globalCell(G - M.NumImportedGlobals);
    B.CreateStore(B.getInt8(uint8_t(Gl.Type.Type)), At(Cell + rtoff::GlobalType));
    B.CreateStore(B.getInt8(Gl.Type.Mutable), At(Cell + rtoff::GlobalMutable));
    B.CreateStore(At(Cell), At(Layout.globalSlot(G)));
    B.CreateStore(emitConstExpr(B, Vmctx, Gl.Init), At(Cell));
  }
  for (uint32_t T = M.NumImportedTables; T < M.Tables.size(); ++T) {
    const TableType &TT = M.Tables[T].Type;
    Value *Tab = B.CreateCall(
        builtin(Builtin::weld_table_new),
        {Vmctx, B.getInt32(uint8_t(TT.ElemType)), B.getInt64(TT.Size.Min),
         B.getInt64(TT.Size.Max ? *TT.Size.Max : WELD_NO_MAX),
         ConstantPointerNull::get(cast<PointerType>(Ptr))});
    B.CreateStore(Tab, At(Layout.tableSlot(T)));
  }
  for (uint32_t Mi = M.NumImportedMemories; Mi < M.Memories.size(); ++Mi) {
    const Limits &L = M.Memories[Mi].Type.Pages;
    Value *Mem = B.CreateCall(
        builtin(Builtin::weld_memory_new),
        {Vmctx, B.getInt64(L.Min), B.getInt64(L.Max ? *L.Max : WELD_NO_MAX),
         B.getInt64(0)});
    B.CreateStore(Mem, At(Layout.memorySlot(Mi)));
  }
  evaluateSegmentsAndGlobals(B, Vmctx);

  // Active element segments, then active data segments, in order; each is
  // dropped after use. A trap leaves the earlier writes in place.
  for (uint32_t S = 0; S < M.Elems.size(); ++S) {
    const ElemSegment &Seg = M.Elems[S];
    if (Seg.Mode != SegmentMode::Active)
      continue;
    Value *Offset = B.CreateZExt(emitConstExpr(B, Vmctx, Seg.OffsetExpr), I64);
    Value *Tab = B.CreateLoad(Ptr, At(Layout.tableSlot(Seg.Table.Value)));
    B.CreateCall(builtin(Builtin::weld_table_init),
                 {Vmctx, Tab, At(Layout.ElemItems[S]), B.getInt64(Seg.size()),
                  Offset, B.getInt64(0), B.getInt64(Seg.size())});
    B.CreateStore(B.getInt64(0), At(Layout.elemSeg(S) + P));
  }
  bool DataLooped = emitActiveDataLoop(B, Vmctx);
  for (uint32_t S = 0; S < M.Datas.size() && !DataLooped; ++S) {
    const DataSegment &Seg = M.Datas[S];
    if (Seg.Mode != SegmentMode::Active)
      continue;
    Value *Offset = B.CreateZExt(emitConstExpr(B, Vmctx, Seg.OffsetExpr), I64);
    Value *Mem = B.CreateLoad(Ptr, At(Layout.memorySlot(Seg.Memory.Value)));
    Value *Bytes = B.CreateLoad(Ptr, At(Layout.dataSeg(S)));
    B.CreateCall(builtin(Builtin::weld_memory_init),
                 {Vmctx, Mem, Bytes, B.getInt64(Seg.Bytes.size()), Offset,
                  B.getInt64(0), B.getInt64(Seg.Bytes.size())});
    B.CreateStore(B.getInt64(0), At(Layout.dataSeg(S) + P));
  }
  if (M.Start) {
    uint32_t S = M.Start->Value;
    FunctionType *SFT = functionType(M.funcType(*M.Start));
    if (llvm::Function *Start = definedFunction(S)) {
      B.CreateCall(SFT, Start, {Vmctx});
    } else {
      Value *Rec = B.CreateLoad(Ptr, At(Layout.funcSlot(S)));
      Value *Code = B.CreateLoad(Ptr, Rec);
      Value *Vm = B.CreateLoad(
          Ptr, B.CreateConstInBoundsGEP1_64(I8, Rec, rtoff::FuncRefVmctx));
      B.CreateCall(SFT, Code, {Vm});
    }
  }
  B.CreateRetVoid();
}

/// Emits a loop `for (I = 0; I < N; ++I) Body(I)` at B, leaving B after it.
static void emitCountedLoop(IRBuilder<> &B, uint64_t N,
                            function_ref<void(Value *)> Body) {
  BasicBlock *Pre = B.GetInsertBlock();
  llvm::Function *F = Pre->getParent();
  BasicBlock *Loop = BasicBlock::Create(F->getContext(), "loop", F);
  BasicBlock *Done = BasicBlock::Create(F->getContext(), "loop.done", F);
  B.CreateBr(Loop);
  B.SetInsertPoint(Loop);
  PHINode *I = B.CreatePHI(B.getInt64Ty(), 2);
  I->addIncoming(B.getInt64(0), Pre);
  Body(I);
  Value *Next = B.CreateAdd(I, B.getInt64(1));
  I->addIncoming(Next, B.GetInsertBlock());
  B.CreateCondBr(B.CreateICmpEQ(Next, B.getInt64(N)), Done, Loop);
  B.SetInsertPoint(Done);
}

/// The funcref records of the defined functions and their pointer slots,
/// filled by a loop over a constant table of {entry, signature, array-call
/// trampoline, body}: straight-line code would make the init function of a
/// module with tens of thousands of functions the costliest function of
/// the build to optimize (hundreds of thousands of stores).
void ModuleTranslator::emitFunctionRecords(IRBuilder<> &B, Value *Vmctx) {
  uint32_t N = M.numDefinedFuncs();
  if (!N)
    return;
  StructType *EntryTy = StructType::get(Ctx, {Ptr, Ptr, Ptr, Ptr});
  std::vector<Constant *> Entries;
  Entries.reserve(N);
  for (uint32_t I = M.NumImportedFuncs; I < M.Funcs.size(); ++I) {
    const FuncType &T = M.funcType(FuncIndex(I));
    Entries.push_back(ConstantStruct::get(
        EntryTy, {definedFunction(I), signatureConstant(T), trampoline(T),
                  functionBody(I)}));
  }
  ArrayType *AT = ArrayType::get(EntryTy, N);
  auto *Table = new GlobalVariable(LM, AT, true, GlobalValue::PrivateLinkage,
                                   ConstantArray::get(AT, Entries), "funcs");
  uint64_t P = Layout.PtrSize;
  Value *Records = B.CreateConstInBoundsGEP1_64(I8, Vmctx, Layout.funcRecord(0));
  Value *Slots = B.CreateConstInBoundsGEP1_64(
      I8, Vmctx, Layout.funcSlot(M.NumImportedFuncs));
  emitCountedLoop(B, N, [&](Value *I) {
    Value *Src = B.CreateInBoundsGEP(AT, Table, {B.getInt64(0), I});
    Value *Rec = B.CreateInBoundsGEP(I8, Records, B.CreateMul(I, B.getInt64(5 * P)));
    auto Field = [&](unsigned K) {
      return B.CreateLoad(Ptr, B.CreateStructGEP(EntryTy, Src, K));
    };
    auto To = [&](uint64_t Off) {
      return B.CreateConstInBoundsGEP1_64(I8, Rec, Off);
    };
    B.CreateStore(Field(0), To(rtoff::FuncRefCode));
    B.CreateStore(Vmctx, To(rtoff::FuncRefVmctx));
    B.CreateStore(Field(1), To(rtoff::FuncRefSignature));
    B.CreateStore(Field(2), To(rtoff::FuncRefArrayCall));
    B.CreateStore(Field(3), To(rtoff::FuncRefTailCode));
    B.CreateStore(Rec, B.CreateInBoundsGEP(Ptr, Slots, I));
  });
}

/// The data segments' descriptors {bytes, length}, filled by a loop over a
/// constant table of {offset, length} into one blob of all their bytes
/// (wizer-style snapshots have ten thousand segments).
void ModuleTranslator::emitDataDescriptorLoop(IRBuilder<> &B, Value *Vmctx) {
  std::vector<uint8_t> Blob;
  std::vector<uint64_t> Table;
  for (const DataSegment &Seg : M.Datas) {
    Table.push_back(Blob.size());
    Table.push_back(Seg.Bytes.size());
    Blob.insert(Blob.end(), Seg.Bytes.begin(), Seg.Bytes.end());
  }
  Constant *BlobInit = ConstantDataArray::get(Ctx, Blob);
  auto *BlobGV = new GlobalVariable(LM, BlobInit->getType(), true,
                                    GlobalValue::PrivateLinkage, BlobInit,
                                    "data");
  BlobGV->setAlignment(Align(1));
  Constant *TableInit = ConstantDataArray::get(Ctx, Table);
  auto *TableGV = new GlobalVariable(LM, TableInit->getType(), true,
                                     GlobalValue::PrivateLinkage, TableInit,
                                     "data.table");
  Value *Dst = B.CreateConstInBoundsGEP1_64(I8, Vmctx, Layout.dataSeg(0));
  emitCountedLoop(B, M.Datas.size(), [&](Value *K) {
    Value *Entry = B.CreateInBoundsGEP(I64, TableGV, B.CreateShl(K, 1));
    Value *Off = B.CreateLoad(I64, Entry);
    Value *Len = B.CreateLoad(I64, B.CreateConstInBoundsGEP1_64(I64, Entry, 1));
    Value *Desc = B.CreateInBoundsGEP(I8, Dst,
                                      B.CreateMul(K, B.getInt64(2 * Layout.PtrSize)));
    B.CreateStore(B.CreateInBoundsGEP(I8, BlobGV, Off), Desc);
    B.CreateStore(Len, B.CreateConstInBoundsGEP1_64(I8, Desc, Layout.PtrSize));
  });
}

/// Applies the active data segments by a loop over a constant table of
/// {memory, segment, offset} when there are many and every offset is a
/// constant; returns false (nothing emitted) otherwise. In order, so a
/// trap leaves the earlier segments written, as the straight-line code.
bool ModuleTranslator::emitActiveDataLoop(IRBuilder<> &B, Value *Vmctx) {
  std::vector<uint64_t> Table;
  for (uint32_t S = 0; S < M.Datas.size(); ++S) {
    const DataSegment &Seg = M.Datas[S];
    if (Seg.Mode != SegmentMode::Active)
      continue;
    if (Seg.OffsetExpr.Instrs.size() != 1)
      return false;
    const Instr &I = Seg.OffsetExpr.Instrs[0];
    if (I.Op != Opcode::I32Const && I.Op != Opcode::I64Const)
      return false;
    Table.push_back(Seg.Memory.Value);
    Table.push_back(S);
    Table.push_back(I.Op == Opcode::I32Const ? uint64_t(uint32_t(I.I32))
                                             : uint64_t(I.I64));
  }
  if (Table.size() / 3 < LoopThreshold)
    return false;
  Constant *Init = ConstantDataArray::get(Ctx, Table);
  auto *GV = new GlobalVariable(LM, Init->getType(), true,
                                GlobalValue::PrivateLinkage, Init,
                                "data.active");
  uint64_t P = Layout.PtrSize;
  Value *Mems = B.CreateConstInBoundsGEP1_64(I8, Vmctx, Layout.MemorySlots);
  Value *Descs = B.CreateConstInBoundsGEP1_64(I8, Vmctx, Layout.DataSegs);
  emitCountedLoop(B, Table.size() / 3, [&](Value *K) {
    Value *Entry = B.CreateInBoundsGEP(I64, GV, B.CreateMul(K, B.getInt64(3)));
    Value *MemIdx = B.CreateLoad(I64, Entry);
    Value *Seg = B.CreateLoad(I64, B.CreateConstInBoundsGEP1_64(I64, Entry, 1));
    Value *Offset = B.CreateLoad(I64, B.CreateConstInBoundsGEP1_64(I64, Entry, 2));
    Value *Mem = B.CreateLoad(Ptr, B.CreateInBoundsGEP(Ptr, Mems, MemIdx));
    Value *Desc = B.CreateInBoundsGEP(I8, Descs, B.CreateMul(Seg, B.getInt64(2 * P)));
    Value *Bytes = B.CreateLoad(Ptr, Desc);
    Value *LenAt = B.CreateConstInBoundsGEP1_64(I8, Desc, P);
    Value *Len = B.CreateLoad(I64, LenAt);
    B.CreateCall(builtin(Builtin::weld_memory_init),
                 {Vmctx, Mem, Bytes, Len, Offset, B.getInt64(0), Len});
    B.CreateStore(B.getInt64(0), LenAt);
  });
  return true;
}

/// Fills the element segments' item arrays and both kinds of segment
/// descriptors; declarative segments start dropped.
void ModuleTranslator::evaluateSegmentsAndGlobals(IRBuilder<> &B,
                                                  Value *Vmctx) {
  uint64_t P = Layout.PtrSize;
  auto At = [&](uint64_t Off) {
    return B.CreateConstInBoundsGEP1_64(I8, Vmctx, Off);
  };
  for (uint32_t S = 0; S < M.Elems.size(); ++S) {
    const ElemSegment &Seg = M.Elems[S];
    uint64_t Items = Layout.ElemItems[S];
    if (!Seg.UsesExprs && Seg.size() >= LoopThreshold) {
      // A loop over a constant array of function indices (large tables
      // would otherwise be thousands of loads and stores).
      Constant *Indices = ConstantDataArray::get(Ctx, ArrayRef<uint32_t>(
          Seg.FuncIndices.data(), Seg.FuncIndices.size()));
      auto *GV = new GlobalVariable(LM, Indices->getType(), true,
                                    GlobalValue::PrivateLinkage, Indices,
                                    "elem." + Twine(S));
      Value *Slots = At(Layout.FuncSlots);
      Value *Dst = At(Items);
      emitCountedLoop(B, Seg.size(), [&](Value *K) {
        Value *F = B.CreateLoad(
            I32, B.CreateInBoundsGEP(Indices->getType(), GV, {B.getInt64(0), K}));
        Value *V = B.CreateLoad(
            Ptr, B.CreateInBoundsGEP(Ptr, Slots, B.CreateZExt(F, I64)));
        B.CreateStore(V, B.CreateInBoundsGEP(Ptr, Dst, K));
      });
    }
    for (size_t K = 0;
         K < Seg.size() && (Seg.UsesExprs || Seg.size() < LoopThreshold);
         ++K) {
      Value *V =
          Seg.UsesExprs
              ? emitConstExpr(B, Vmctx, Seg.Exprs[K])
              : B.CreateLoad(Ptr, At(Layout.funcSlot(Seg.FuncIndices[K])));
      B.CreateStore(V, At(Items + K * P));
    }
    B.CreateStore(At(Items), At(Layout.elemSeg(S)));
    uint64_t Len = Seg.Mode == SegmentMode::Declarative ? 0 : Seg.size();
    B.CreateStore(B.getInt64(Len), At(Layout.elemSeg(S) + P));
  }
  if (M.Datas.size() >= LoopThreshold) {
    emitDataDescriptorLoop(B, Vmctx);
    return;
  }
  for (uint32_t S = 0; S < M.Datas.size(); ++S) {
    const DataSegment &Seg = M.Datas[S];
    Constant *Data = ConstantDataArray::get(Ctx, Seg.Bytes);
    auto *GV = new GlobalVariable(LM, Data->getType(), true,
                                  GlobalValue::PrivateLinkage, Data,
                                  "data." + Twine(S));
    GV->setAlignment(Align(1));
    B.CreateStore(GV, At(Layout.dataSeg(S)));
    B.CreateStore(B.getInt64(Seg.Bytes.size()), At(Layout.dataSeg(S) + P));
  }
}

//===-- Descriptor ----------------------------------------------------------------===//

void ModuleTranslator::emitDescriptor() {
  // weld_import and weld_export of runtime.h.
  StructType *ImportTy = StructType::get(
      Ctx, {Ptr, Ptr, I8, I8, I8, I8, I32, Ptr, I64, I64, I64, I64});
  StructType *ExportTy = StructType::get(
      Ctx, {Ptr, I8, ArrayType::get(I8, 3), I32, I64, I64});
  StructType *ModuleTy =
      StructType::get(Ctx, {I32, I32, I32, I32, Ptr, Ptr, Ptr});
  Constant *NullPtr = ConstantPointerNull::get(cast<PointerType>(Ptr));
  auto C8 = [&](uint64_t V) { return ConstantInt::get(I8, V); };
  auto C32 = [&](uint64_t V) { return ConstantInt::get(I32, V); };
  auto C64 = [&](uint64_t V) { return ConstantInt::get(I64, V); };

  std::vector<Constant *> Imports;
  for (const Import &Imp : M.Imports) {
    uint8_t ValueType = 0, Mutable = 0, HasMax = 0;
    uint64_t Min = 0, Max = 0;
    Constant *Sig = NullPtr;
    switch (Imp.Kind) {
    case ExternKind::Func:
      Sig = signatureConstant(M.Types[Imp.Type.Value]);
      break;
    case ExternKind::Table:
      ValueType = uint8_t(Imp.Table.ElemType);
      Min = Imp.Table.Size.Min;
      HasMax = Imp.Table.Size.Max.has_value();
      Max = Imp.Table.Size.Max.value_or(0);
      break;
    case ExternKind::Memory:
      Min = Imp.Memory.Pages.Min;
      HasMax = Imp.Memory.Pages.Max.has_value();
      Max = Imp.Memory.Pages.Max.value_or(0);
      break;
    case ExternKind::Global:
      ValueType = uint8_t(Imp.Global.Type);
      Mutable = Imp.Global.Mutable;
      break;
    }
    Imports.push_back(ConstantStruct::get(
        ImportTy, {cString(Imp.Module), cString(Imp.Name),
                   C8(uint8_t(Imp.Kind)), C8(ValueType), C8(Mutable),
                   C8(HasMax), C32(0), Sig, C64(Min), C64(Max),
                   C64(Imp.Module.size()), C64(Imp.Name.size())}));
  }
  std::vector<Constant *> Exports;
  for (const Export &E : M.Exports) {
    uint64_t Slot = 0;
    switch (E.Kind) {
    case ExternKind::Func:
      Slot = Layout.funcSlot(E.Index);
      break;
    case ExternKind::Table:
      Slot = Layout.tableSlot(E.Index);
      break;
    case ExternKind::Memory:
      Slot = Layout.memorySlot(E.Index);
      break;
    case ExternKind::Global:
      Slot = Layout.globalSlot(E.Index);
      break;
    }
    Exports.push_back(ConstantStruct::get(
        ExportTy, {cString(E.Name), C8(uint8_t(E.Kind)),
                   ConstantAggregateZero::get(ArrayType::get(I8, 3)),
                   C32(E.Index), C64(Slot), C64(E.Name.size())}));
  }
  auto ArrayGlobal = [&](StructType *T, std::vector<Constant *> &Elems,
                         const char *Name) -> Constant * {
    if (Elems.empty())
      return NullPtr;
    ArrayType *AT = ArrayType::get(T, Elems.size());
    return new GlobalVariable(LM, AT, true, GlobalValue::PrivateLinkage,
                              ConstantArray::get(AT, Elems), Name);
  };
  Constant *Desc = ConstantStruct::get(
      ModuleTy,
      {C32(WELD_ABI_VERSION), C32(Layout.Size), C32(Imports.size()),
       C32(Exports.size()), ArrayGlobal(ImportTy, Imports, "imports"),
       ArrayGlobal(ExportTy, Exports, "exports"), InitFn});
  auto *GV = new GlobalVariable(LM, ModuleTy, true,
                                GlobalValue::ExternalLinkage, Desc,
                                Opts.DescriptorName);
  GV->setVisibility(GlobalValue::DefaultVisibility);
}

//===-- Driver ------------------------------------------------------------------===//

Error ModuleTranslator::translateFunctions() {
  uint32_t End = std::min<uint32_t>(PartEnd, M.Funcs.size());
  for (uint32_t I = std::max(M.NumImportedFuncs, PartBegin); I < End; ++I) {
    FunctionTranslator FT(*this, I);
    if (Error E = FT.translate())
      return E;
    if (M.Funcs[I].Code.size() >= GiantFunctionBytes)
      tuneGiantFunction(*Bodies[I]);
  }
  return Error::success();
}

/// x86 CPUs from Sandy Bridge on enable LLVM's post-RA list scheduler,
/// whose cost grows quadratically with the size of a scheduling region: on
/// CPython's 430 KB interpreter loop it alone takes minutes. A giant
/// function is tuned for the generic CPU instead (same instruction set, no
/// post-RA scheduling), as other ahead-of-time compilers lower their effort
/// on functions above a size limit.
void ModuleTranslator::tuneGiantFunction(llvm::Function &F) {
  if (Triple(LM.getTargetTriple()).isX86())
    F.addFnAttr("tune-cpu", "generic");
}

Error ModuleTranslator::run() {
  computeLayout();
  declareFunctions();
  if (Error E = translateFunctions())
    return E;
  if (IsPrimary) {
    emitInit();
    if (Opts.EmitDescriptor)
      emitDescriptor();
  }
  std::string Msg;
  raw_string_ostream OS(Msg);
  if (verifyModule(LM, &OS))
    return createStringError("internal error: generated LLVM IR does not "
                             "verify: %s",
                             Msg.c_str());
  return Error::success();
}

} // namespace weld::codegen
