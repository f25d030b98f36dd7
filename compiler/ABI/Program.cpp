//===- Program.cpp - one LLVM module for a whole component program --------===//
//
// Lays out the instance block, translates every core instance with its own
// ModuleTranslator into the shared llvm::Module (imports known at compile
// time become direct calls with a constant vmctx offset), emits the
// resource built-ins, the block's init function and the weld_component
// descriptor. Adapter and export bodies are in Adapter.cpp.
//
//===----------------------------------------------------------------------===//

#include "ABI/Program.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace weld::component;

namespace weld::abi {

ProgramTranslator::ProgramTranslator(const Graph &G, TypeStore &Types,
                                     llvm::Module &LM,
                                     const codegen::CodeGenOptions &Opts)
    : G(G), Types(Types), LM(LM), Ctx(LM.getContext()), Opts(Opts) {
  I8 = Type::getInt8Ty(Ctx);
  I32 = Type::getInt32Ty(Ctx);
  I64 = Type::getInt64Ty(Ctx);
  F32 = Type::getFloatTy(Ctx);
  F64 = Type::getDoubleTy(Ctx);
  Ptr = PointerType::get(Ctx, 0);
}

Type *ProgramTranslator::llvmType(core::ValType T) const {
  switch (T) {
  case core::ValType::I32:
    return I32;
  case core::ValType::I64:
    return I64;
  case core::ValType::F32:
    return F32;
  case core::ValType::F64:
    return F64;
  default:
    return Ptr;
  }
}

FunctionType *ProgramTranslator::llvmType(const core::FuncType &T) const {
  SmallVector<Type *, 8> Params{Ptr};
  for (core::ValType P : T.Params)
    Params.push_back(llvmType(P));
  Type *Ret = Type::getVoidTy(Ctx);
  if (T.Results.size() == 1)
    Ret = llvmType(T.Results[0]);
  return FunctionType::get(Ret, Params, false);
}

static core::ValType coreValType(const CoreValType &T) {
  switch (T.Code) {
  case 0x7e:
    return core::ValType::I64;
  case 0x7d:
    return core::ValType::F32;
  case 0x7c:
    return core::ValType::F64;
  default:
    return core::ValType::I32;
  }
}

core::FuncType ProgramTranslator::coreType(TypeId FuncT, bool Lift) const {
  const TypeNode &N = Types.get(FuncT);
  std::vector<CoreValType> P, R;
  for (TypeId T : N.Elems)
    Types.flatten(T, CoreValType::i32(), P, MaxFlatParams + 1);
  if (N.Result.valid())
    Types.flatten(N.Result, CoreValType::i32(), R, MaxFlatResults + 1);
  core::FuncType F;
  if (P.size() > MaxFlatParams)
    F.Params.push_back(core::ValType::I32);
  else
    for (const CoreValType &T : P)
      F.Params.push_back(coreValType(T));
  if (R.size() > MaxFlatResults) {
    if (Lift)
      F.Results.push_back(core::ValType::I32);
    else
      F.Params.push_back(core::ValType::I32);
  } else {
    for (const CoreValType &T : R)
      F.Results.push_back(coreValType(T));
  }
  return F;
}

FunctionCallee ProgramTranslator::canonBuiltin(CanonBuiltin Which) {
  FunctionCallee &C = CanonBuiltins[size_t(Which)];
  if (C)
    return C;
  struct Info {
    const char *Name, *Sig;
  };
  static const Info Infos[] = {
#define WELD_CANON_BUILTIN(Name, Signature, CReturn, CParams)                  \
  {#Name, Signature},
#include "weld/canon_builtins.def"
  };
  const Info &I = Infos[size_t(Which)];
  StringRef Sig = I.Sig;
  auto TypeOf = [&](char Ch) -> Type * {
    switch (Ch) {
    case 'v':
      return Type::getVoidTy(Ctx);
    case 'i':
      return I32;
    case 'I':
      return I64;
    default:
      return Ptr;
    }
  };
  SmallVector<Type *, 8> Params;
  for (char Ch : Sig.drop_front(2).drop_back())
    Params.push_back(TypeOf(Ch));
  C = LM.getOrInsertFunction(I.Name,
                             FunctionType::get(TypeOf(Sig[0]), Params, false));
  cast<llvm::Function>(C.getCallee())->setDoesNotThrow();
  return C;
}

FunctionCallee ProgramTranslator::trapFn() {
  FunctionCallee C = LM.getOrInsertFunction(
      "weld_trap",
      FunctionType::get(Type::getVoidTy(Ctx), {Ptr, I32}, false));
  auto *F = cast<llvm::Function>(C.getCallee());
  F->setDoesNotReturn();
  F->setDoesNotThrow();
  F->addFnAttr(Attribute::Cold);
  return C;
}

Constant *ProgramTranslator::cString(StringRef S) {
  Constant *Data = ConstantDataArray::getString(Ctx, S, true);
  auto *GV = new GlobalVariable(LM, Data->getType(), true,
                                GlobalValue::PrivateLinkage, Data, "str");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  return GV;
}

//===-- Resolution ------------------------------------------------------===//

FuncTarget ProgramTranslator::resolveFunc(const CoreDef &D) const {
  switch (D.K) {
  case CoreDef::Adapter:
    return {AdapterFns[D.Index], 0};
  case CoreDef::Builtin:
    return {BuiltinFns[D.Index], 0};
  case CoreDef::InstanceExport:
    break;
  }
  const component::CoreInstanceDef &CI = G.CoreInstances[D.Index];
  for (const core::Export &E : CI.Module->Exports) {
    if (E.Kind != core::ExternKind::Func || E.Name != D.Name)
      continue;
    if (llvm::Function *F = Instances[D.Index]->definedFunction(E.Index))
      return {F, Layout.Vmctx[D.Index]};
    for (size_t K = 0; K < CI.Module->Imports.size(); ++K) {
      const core::Import &Imp = CI.Module->Imports[K];
      if (Imp.Kind == core::ExternKind::Func && Imp.Index == E.Index)
        return resolveFunc(CI.Imports[K]);
    }
  }
  return {};
}

uint64_t ProgramTranslator::memorySlot(const CoreDef &D) const {
  assert(D.K == CoreDef::InstanceExport && "memories come from instances");
  const component::CoreInstanceDef &CI = G.CoreInstances[D.Index];
  for (const core::Export &E : CI.Module->Exports)
    if (E.Kind == core::ExternKind::Memory && E.Name == D.Name)
      return Layout.Vmctx[D.Index] +
             Instances[D.Index]->Layout.memorySlot(E.Index);
  return 0;
}

//===-- Layout and declarations -----------------------------------------===//

void ProgramTranslator::computeStateLayout() {
  Layout.States = BlockLayout::HeaderSize;
  uint64_t Off = Layout.States + G.ComponentInstances.size() * 16;
  Layout.HostTable = Off;
  Off += 16;
  Layout.AdapterRecords = Off;
  Off += G.Adapters.size() * 32;
  Layout.BuiltinRecords = Off;
  Off += G.Builtins.size() * 32;
  Layout.Size = alignTo(Off, 16);
}

void ProgramTranslator::declareFunctions() {
  for (size_t I = 0; I < G.Adapters.size(); ++I) {
    FunctionType *FT = llvmType(coreType(G.Adapters[I].Type, false));
    // External until the body exists: each ModuleTranslator verifies the
    // shared module, and a bodiless internal function does not verify.
    auto *F = llvm::Function::Create(FT, GlobalValue::ExternalLinkage,
                                     "adapter." + Twine(I), LM);
    F->setDoesNotThrow();
    AdapterFns.push_back(F);
  }
  for (size_t I = 0; I < G.Builtins.size(); ++I) {
    const component::BuiltinDef &B = G.Builtins[I];
    FunctionType *FT =
        B.K == component::BuiltinDef::ResourceDrop
            ? FunctionType::get(Type::getVoidTy(Ctx), {Ptr, I32}, false)
            : FunctionType::get(I32, {Ptr, I32}, false);
    const char *Name = B.K == component::BuiltinDef::ResourceNew ? "resource.new"
                       : B.K == component::BuiltinDef::ResourceRep
                           ? "resource.rep"
                           : "resource.drop";
    auto *F = llvm::Function::Create(FT, GlobalValue::ExternalLinkage,
                                     Twine(Name) + "." + Twine(I), LM);
    F->setDoesNotThrow();
    BuiltinFns.push_back(F);
  }
}

Error ProgramTranslator::translateInstances() {
  InstanceOpts.reserve(G.CoreInstances.size());
  for (size_t I = 0; I < G.CoreInstances.size(); ++I) {
    const component::CoreInstanceDef &CI = G.CoreInstances[I];
    uint64_t Vmctx = alignTo(Layout.Size, 16);
    Layout.Vmctx.push_back(Vmctx);
    codegen::CodeGenOptions O = Opts;
    O.SymbolPrefix = "i" + std::to_string(I) + ".";
    O.EmitDescriptor = false;
    InstanceOpts.push_back(O);
    auto MT = std::make_unique<codegen::ModuleTranslator>(*CI.Module, LM,
                                                          InstanceOpts.back());
    // Planned as for two threads whatever Jobs is, so that every -j above
    // 1 gives the same objects (a sliced instance has at least 1 MiB of
    // code, so it gets one slice per 256 KiB anyway).
    SliceRanges.push_back(codegen::partitionFunctions(
        *CI.Module, Jobs > 1 ? 2 : 1, MinSlicedInstanceBytes));
    // A sliced instance keeps only its init function here; its bodies are
    // declarations defined by the slices' objects.
    if (!SliceRanges.back().empty())
      MT->setPartition(0, 0, /*Primary=*/true);
    MT->StaticImports.resize(CI.Module->Funcs.size());
    for (size_t K = 0; K < CI.Module->Imports.size(); ++K) {
      const core::Import &Imp = CI.Module->Imports[K];
      if (Imp.Kind != core::ExternKind::Func)
        continue;
      FuncTarget T = resolveFunc(CI.Imports[K]);
      if (!T.Fn)
        continue;
      MT->StaticImports[Imp.Index] = {T.Fn, int64_t(T.Offset) - int64_t(Vmctx)};
    }
    if (Error E = MT->run())
      return E;
    Layout.Size = Vmctx + alignTo(MT->Layout.Size, 16);
    Instances.push_back(std::move(MT));
  }
  return Error::success();
}

//===-- Resource built-ins ----------------------------------------------===//

void ProgramTranslator::emitBuiltin(uint32_t I) {
  const component::BuiltinDef &D = G.Builtins[I];
  llvm::Function *F = BuiltinFns[I];
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", F));
  Value *Block = F->getArg(0);
  Value *Arg = F->getArg(1);
  auto At = [&](uint64_t Off) {
    return B.CreateConstInBoundsGEP1_64(I8, Block, Off);
  };
  Value *Table = At(Layout.table(D.Instance.V));
  Value *Rt = B.getInt32(D.Resource.V + 1);
  auto TrapUnless = [&](Value *Ok, weld_trap_kind K) {
    BasicBlock *Trap = BasicBlock::Create(Ctx, "trap", F);
    BasicBlock *Cont = BasicBlock::Create(Ctx, "cont", F);
    B.CreateCondBr(Ok, Cont, Trap);
    B.SetInsertPoint(Trap);
    B.CreateCall(trapFn(), {Block, B.getInt32(K)});
    B.CreateUnreachable();
    B.SetInsertPoint(Cont);
  };
  if (D.K != component::BuiltinDef::ResourceRep)
    TrapUnless(B.CreateICmpNE(B.CreateLoad(I8, At(Layout.mayLeave(D.Instance.V))),
                              B.getInt8(0)),
               WELD_TRAP_CANNOT_LEAVE);
  switch (D.K) {
  case component::BuiltinDef::ResourceNew:
    B.CreateRet(B.CreateCall(canonBuiltin(CanonBuiltin::weld_resource_new),
                             {Block, Table, Rt, Arg}));
    return;
  case component::BuiltinDef::ResourceRep:
    B.CreateRet(B.CreateCall(canonBuiltin(CanonBuiltin::weld_resource_rep),
                             {Block, Table, Rt, Arg}));
    return;
  case component::BuiltinDef::ResourceDrop:
    break;
  }
  if (int32_t Kind = wasiKind(D.Resource.V); Kind >= 0) {
    // A WASI host handle never entered a table: the host drops it.
    FunctionCallee Drop = LM.getOrInsertFunction(
        "weld_wasi_host_drop", Type::getVoidTy(Ctx), Ptr, I32, I32);
    B.CreateCall(Drop, {B.CreateLoad(Ptr, At(BlockLayout::HeaderHostCtx)),
                        B.getInt32(Kind), Arg});
    B.CreateRetVoid();
    return;
  }
  Value *Rep = B.CreateCall(canonBuiltin(CanonBuiltin::weld_resource_drop),
                            {Block, Table, Rt, Arg});
  const component::ResourceDef &R = G.Resources[D.Resource.V];
  FuncTarget Dtor;
  if (R.Dtor)
    Dtor = resolveFunc(*R.Dtor);
  if (!Dtor.Fn) {
    B.CreateRetVoid();
    return;
  }
  BasicBlock *Call = BasicBlock::Create(Ctx, "dtor", F);
  BasicBlock *Done = BasicBlock::Create(Ctx, "done", F);
  B.CreateCondBr(B.CreateICmpSGE(Rep, B.getInt64(0)), Call, Done);
  B.SetInsertPoint(Call);
  // The destructor runs in the resource's instance like an export call:
  // entering instances the dropping one is not already inside.
  std::vector<uint32_t> Entered;
  for (ComponentInstanceIndex C = R.Impl; C.valid();
       C = G.ComponentInstances[C.V].Parent)
    if (!G.isAncestorOrSelf(C, D.Instance))
      Entered.push_back(C.V);
  for (uint32_t C : Entered) {
    Value *Flag = At(Layout.mayEnter(C));
    TrapUnless(B.CreateICmpNE(B.CreateLoad(I8, Flag), B.getInt8(0)),
               WELD_TRAP_CANNOT_ENTER);
    B.CreateStore(B.getInt8(0), Flag);
  }
  Type *RepTy = Dtor.Fn->getFunctionType()->getParamType(1);
  Value *RepArg = RepTy == I64 ? Rep : B.CreateTrunc(Rep, I32);
  B.CreateCall(Dtor.Fn, {At(Dtor.Offset), RepArg});
  for (uint32_t C : Entered)
    B.CreateStore(B.getInt8(1), At(Layout.mayEnter(C)));
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
  B.CreateRetVoid();
}

//===-- Init and descriptor ---------------------------------------------===//

void ProgramTranslator::emitInit() {
  InitFn = llvm::Function::Create(
      FunctionType::get(Type::getVoidTy(Ctx), {Ptr}, false),
      GlobalValue::InternalLinkage, "weld.component.init", LM);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", InitFn));
  Value *Block = InitFn->getArg(0);
  auto At = [&](uint64_t Off) {
    return B.CreateConstInBoundsGEP1_64(I8, Block, Off);
  };
  for (size_t C = 0; C < G.ComponentInstances.size(); ++C) {
    B.CreateStore(B.getInt8(1), At(Layout.mayEnter(C)));
    B.CreateStore(B.getInt8(1), At(Layout.mayLeave(C)));
  }
  auto Record = [&](uint64_t Off, llvm::Function *Fn, const core::FuncType &T) {
    B.CreateStore(Fn, At(Off));
    B.CreateStore(Block, At(Off + 8));
    Constant *Sig = cString(codegen::ModuleTranslator::signatureString(T));
    B.CreateStore(Sig, At(Off + 16));
  };
  for (size_t I = 0; I < G.Adapters.size(); ++I)
    Record(Layout.AdapterRecords + I * 32, AdapterFns[I],
           coreType(G.Adapters[I].Type, false));
  for (size_t I = 0; I < G.Builtins.size(); ++I) {
    core::FuncType T;
    T.Params.push_back(core::ValType::I32);
    if (G.Builtins[I].K != component::BuiltinDef::ResourceDrop)
      T.Results.push_back(core::ValType::I32);
    Record(Layout.BuiltinRecords + I * 32, BuiltinFns[I], T);
  }
  Value *Store = B.CreateLoad(Ptr, Block);
  for (size_t I = 0; I < G.CoreInstances.size(); ++I) {
    const component::CoreInstanceDef &CI = G.CoreInstances[I];
    uint64_t Vm = Layout.Vmctx[I];
    B.CreateStore(Store, At(Vm));
    size_t N = CI.Module->Imports.size();
    Value *Imports = ConstantPointerNull::get(cast<PointerType>(Ptr));
    if (N) {
      IRBuilder<> EB(&InitFn->getEntryBlock(), InitFn->getEntryBlock().begin());
      Imports = EB.CreateAlloca(ArrayType::get(Ptr, N));
    }
    for (size_t K = 0; K < N; ++K) {
      const CoreDef &D = CI.Imports[K];
      Value *Obj = nullptr;
      if (D.K == CoreDef::Adapter) {
        Obj = At(Layout.AdapterRecords + D.Index * 32);
      } else if (D.K == CoreDef::Builtin) {
        Obj = At(Layout.BuiltinRecords + D.Index * 32);
      } else {
        const component::CoreInstanceDef &From = G.CoreInstances[D.Index];
        const codegen::VmctxLayout &L = Instances[D.Index]->Layout;
        uint64_t Slot = 0;
        for (const core::Export &E : From.Module->Exports) {
          if (E.Name != D.Name)
            continue;
          switch (E.Kind) {
          case core::ExternKind::Func:
            Slot = L.funcSlot(E.Index);
            break;
          case core::ExternKind::Table:
            Slot = L.tableSlot(E.Index);
            break;
          case core::ExternKind::Memory:
            Slot = L.memorySlot(E.Index);
            break;
          case core::ExternKind::Global:
            Slot = L.globalSlot(E.Index);
            break;
          }
        }
        Obj = B.CreateLoad(Ptr, At(Layout.Vmctx[D.Index] + Slot));
      }
      B.CreateStore(Obj, B.CreateConstInBoundsGEP1_64(Ptr, Imports, K));
    }
    B.CreateCall(Instances[I]->initFunction(), {At(Vm), Imports});
  }
  B.CreateRetVoid();
}

void ProgramTranslator::emitDescriptor() {
  StructType *FuncTy = StructType::get(Ctx, {Ptr, Ptr, Ptr, I32, I32, I32, I32});
  auto C32 = [&](uint64_t V) { return ConstantInt::get(I32, V); };
  Constant *Null = ConstantPointerNull::get(cast<PointerType>(Ptr));
  auto SizeAlign = [&](ArrayRef<TypeId> Ts, uint32_t &Size, uint32_t &Al) {
    uint64_t Off = 0;
    uint32_t A = 1;
    for (TypeId T : Ts) {
      const ABIInfo &I = Types.abi(T);
      Off = alignTo(Off, I.Align64) + I.Size64;
      A = std::max(A, I.Align64);
    }
    Size = alignTo(Off, A);
    Al = A;
  };
  auto Entry = [&](StringRef Name, TypeId T, Constant *Fn) {
    const TypeNode &N = Types.get(T);
    uint32_t AS, AA, RS, RA;
    SizeAlign(N.Elems, AS, AA);
    SmallVector<TypeId, 1> R;
    if (N.Result.valid())
      R.push_back(N.Result);
    SizeAlign(R, RS, RA);
    return ConstantStruct::get(
        FuncTy, {cString(Name), cString(typeString(Types, T, &G)), Fn,
                 C32(AS), C32(AA), C32(RS), C32(RA)});
  };
  std::vector<Constant *> Exports, Imports;
  for (size_t I = 0; I < G.Exports.size(); ++I)
    Exports.push_back(Entry(G.Exports[I].Name, G.Exports[I].Type,
                            ExportFns[I] ? (Constant *)ExportFns[I] : Null));
  for (const component::HostImportDef &H : G.Imports)
    Imports.push_back(Entry(H.Name, H.Type, Null));
  auto Array = [&](std::vector<Constant *> &Elems) -> Constant * {
    if (Elems.empty())
      return Null;
    ArrayType *AT = ArrayType::get(FuncTy, Elems.size());
    return new GlobalVariable(LM, AT, true, GlobalValue::PrivateLinkage,
                              ConstantArray::get(AT, Elems), "funcs");
  };
  auto Runtime = [&](const char *Name) {
    return LM.getOrInsertFunction(Name, FunctionType::get(I32, {}, false))
        .getCallee();
  };
  Constant *Fields[] = {C32(WELD_COMPONENT_ABI_VERSION),
                        C32(Layout.Size),
                        C32(Exports.size()),
                        C32(Imports.size()),
                        Array(Exports),
                        Array(Imports),
                        InitFn,
                        cast<Constant>(Runtime("weld_component_instantiate")),
                        cast<Constant>(Runtime("weld_component_call")),
                        cast<Constant>(Runtime("weld_component_destroy")),
                        cast<Constant>(Runtime("weld_component_free"))};
  SmallVector<Type *, 12> FieldTys;
  for (Constant *C : Fields)
    FieldTys.push_back(C->getType());
  StructType *DescTy = StructType::get(Ctx, FieldTys);
  new GlobalVariable(LM, DescTy, true, GlobalValue::ExternalLinkage,
                     ConstantStruct::get(DescTy, Fields), Opts.DescriptorName);
}

Error ProgramTranslator::run() {
  computeStateLayout();
  declareFunctions();
  if (Error E = translateInstances())
    return E;
  Layout.Size = alignTo(Layout.Size, 16);
  if (Error E = emitAdapters(*this))
    return E;
  for (uint32_t I = 0; I < G.Builtins.size(); ++I)
    emitBuiltin(I);
  for (llvm::Function *F : AdapterFns)
    F->setLinkage(GlobalValue::InternalLinkage);
  for (llvm::Function *F : BuiltinFns)
    F->setLinkage(GlobalValue::InternalLinkage);
  if (Error E = emitExports(*this))
    return E;
  emitInit();
  emitDescriptor();
  std::string Msg;
  raw_string_ostream OS(Msg);
  if (verifyModule(LM, &OS))
    return createStringError("internal error: generated LLVM IR does not "
                             "verify: %s",
                             Msg.c_str());
  return Error::success();
}

std::vector<codegen::FunctionSlice> ProgramTranslator::slices() {
  std::vector<codegen::FunctionSlice> Out;
  for (size_t I = 0; I < SliceRanges.size(); ++I) {
    if (SliceRanges[I].empty())
      continue;
    const codegen::ModuleTranslator &MT = *Instances[I];
    std::vector<codegen::ExternalCallee> Imports(MT.StaticImports.size());
    for (size_t F = 0; F < MT.StaticImports.size(); ++F) {
      llvm::Function *Fn = MT.StaticImports[F].Fn;
      if (!Fn)
        continue;
      // Called from another object now: a hidden symbol, private to the
      // linked artifact.
      if (Fn->hasLocalLinkage()) {
        Fn->setLinkage(GlobalValue::ExternalLinkage);
        Fn->setVisibility(GlobalValue::HiddenVisibility);
      }
      Imports[F] = {Fn->getName().str(), Fn->getCallingConv(),
                    MT.StaticImports[F].VmctxDelta};
    }
    for (auto [Begin, End] : SliceRanges[I])
      Out.push_back({G.CoreInstances[I].Module, InstanceOpts[I], Begin, End,
                     Imports});
  }
  return Out;
}

static Error setUpModule(llvm::Module &LM, LLVMContext &Ctx,
                         const codegen::CodeGenOptions &Opts) {
  // The data layout must be known before the per-instance layouts.
  core::Module Empty;
  auto Probe = codegen::translateModule(Empty, Ctx, Opts);
  if (!Probe)
    return Probe.takeError();
  LM.setTargetTriple((*Probe)->getTargetTriple());
  LM.setDataLayout((*Probe)->getDataLayout());
  return Error::success();
}

Expected<SplitProgram>
translateComponentSplit(const Graph &G, TypeStore &Types, LLVMContext &Ctx,
                        const codegen::CodeGenOptions &Opts, unsigned Jobs,
                        const WasiBinding *Wasi) {
  codegen::initializeTargets();
  auto LM = std::make_unique<llvm::Module>("component", Ctx);
  if (Error E = setUpModule(*LM, Ctx, Opts))
    return std::move(E);
  ProgramTranslator PT(G, Types, *LM, Opts);
  PT.Wasi = Wasi;
  PT.Jobs = Jobs;
  if (Error E = PT.run())
    return std::move(E);
  SplitProgram P;
  P.Slices = PT.slices();
  P.Primary = std::move(LM);
  return std::move(P);
}

Expected<std::unique_ptr<llvm::Module>>
translateComponent(const Graph &G, TypeStore &Types, LLVMContext &Ctx,
                   const codegen::CodeGenOptions &Opts,
                   const WasiBinding *Wasi) {
  // One job plans no slices: everything is in the primary module.
  auto P = translateComponentSplit(G, Types, Ctx, Opts, /*Jobs=*/1, Wasi);
  if (!P)
    return P.takeError();
  assert(P->Slices.empty() && "one job plans no slices");
  return std::move(P->Primary);
}

} // namespace weld::abi
