//===- FunctionTranslator.cpp - one wasm function body to LLVM IR ---------===//
//
// Walks a validated body once with InstrReader. This file holds the driver,
// the operand stack and locals, structured control flow and calls; the
// other instruction families are in Numeric.cpp, Memory.cpp, TableRef.cpp
// and SIMD.cpp. Validation guarantees the stack shapes, so mismatches here
// are internal errors (asserts).
//
//===----------------------------------------------------------------------===//

#include "CodeGen/Translator.h"
#include "Core/InstrReader.h"

#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;
using namespace weld::core;

namespace weld::codegen {

FunctionTranslator::FunctionTranslator(ModuleTranslator &MT,
                                       uint32_t FuncIndex)
    : MT(MT), M(MT.M), FnIndex(FuncIndex), Func(M.Funcs[FuncIndex]),
      Sig(M.funcType(core::FuncIndex(FuncIndex))),
      Fn(MT.functionBody(FuncIndex)), B(MT.Ctx) {}

bool FunctionTranslator::isX86() const {
  Triple T(MT.LM.getTargetTriple());
  return T.isX86();
}

SmallVector<Value *, 4> FunctionTranslator::popN(size_t N) {
  assert(Stack.size() >= N && "operand stack underflow");
  SmallVector<Value *, 4> Values(Stack.end() - N, Stack.end());
  Stack.resize(Stack.size() - N);
  return Values;
}

Value *FunctionTranslator::vmctxAddr(uint64_t Offset) {
  return B.CreateConstInBoundsGEP1_64(MT.I8, Vmctx, Offset);
}

Value *FunctionTranslator::loadInvariantPtr(uint64_t Offset) {
  LoadInst *L = rt(B.CreateLoad(MT.Ptr, vmctxAddr(Offset)));
  L->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(MT.Ctx, {}));
  return L;
}

Value *FunctionTranslator::loadAt(Type *T, Value *Base, uint64_t Offset) {
  Value *P = Offset ? B.CreateConstInBoundsGEP1_64(MT.I8, Base, Offset) : Base;
  return rt(B.CreateLoad(T, P));
}

void FunctionTranslator::storeAt(Value *V, Value *Base, uint64_t Offset) {
  Value *P = Offset ? B.CreateConstInBoundsGEP1_64(MT.I8, Base, Offset) : Base;
  rt(B.CreateStore(V, P));
}

Value *FunctionTranslator::callIntrinsic(Intrinsic::ID ID,
                                         ArrayRef<Type *> Types,
                                         ArrayRef<Value *> Args) {
  llvm::Function *F = Intrinsic::getOrInsertDeclaration(&MT.LM, ID, Types);
  return B.CreateCall(F, Args);
}

void FunctionTranslator::emitTrap(weld_trap_kind Kind) {
  B.CreateCall(MT.builtin(Builtin::weld_trap), {Vmctx, i32(Kind)});
  B.CreateUnreachable();
}

void FunctionTranslator::trapIf(Value *Cond, weld_trap_kind Kind) {
  BasicBlock *&TB = TrapBlocks[Kind];
  if (!TB) {
    IRBuilderBase::InsertPointGuard Guard(B);
    TB = BasicBlock::Create(MT.Ctx, "trap", Fn);
    B.SetInsertPoint(TB);
    emitTrap(Kind);
  }
  BasicBlock *Cont = BasicBlock::Create(MT.Ctx, "cont", Fn);
  MDBuilder MDB(MT.Ctx);
  B.CreateCondBr(Cond, TB, Cont, MDB.createUnlikelyBranchWeights());
  B.SetInsertPoint(Cont);
}

void FunctionTranslator::keepAlive(Value *V) {
  // In guard mode a load traps by faulting, so a load whose value nobody
  // uses must still happen; LLVM would delete it. An empty asm that takes
  // the value keeps it. Only values the wasm code discards are handled
  // (drop, operands left behind by branches); explicit mode checks bounds
  // separately and needs nothing.
  if (MT.Opts.Bounds != BoundsChecks::Guard)
    return;
  if (auto *Cast = dyn_cast<CastInst>(V))
    V = Cast->getOperand(0); // extending narrow loads
  auto *L = dyn_cast<LoadInst>(V);
  if (!L || isa<AllocaInst>(L->getPointerOperand()) ||
      L->getMetadata(LLVMContext::MD_tbaa) == MT.TBAARuntime ||
      L->getType()->isPointerTy())
    return;
  Triple T(MT.LM.getTargetTriple());
  const char *VecConstraint = T.isX86() ? "x" : T.isAArch64() ? "w" : nullptr;
  const char *Constraint = L->getType()->isIntegerTy() ? "r" : VecConstraint;
  if (!Constraint)
    return;
  FunctionType *AT = FunctionType::get(B.getVoidTy(), {L->getType()}, false);
  CallInst *Use = CallInst::Create(
      InlineAsm::get(AT, "", Constraint, /*hasSideEffects=*/true), {L});
  // Right after the load: it must fault before anything that follows
  // (a trap, a call) could happen instead.
  Use->insertAfter(L->getIterator());
}

void FunctionTranslator::markUnreachable() {
  Unreachable = true;
  // Operands left behind by a branch, return or trap are discarded.
  for (size_t I = Frames.back().Height; I < Stack.size(); ++I)
    keepAlive(Stack[I]);
  Stack.resize(Frames.back().Height);
}

void FunctionTranslator::blockSignature(const BlockType &BT,
                                        SmallVectorImpl<ValType> &Params,
                                        SmallVectorImpl<ValType> &Results) {
  switch (BT.Kind) {
  case BlockType::Empty:
    return;
  case BlockType::Value:
    Results.push_back(BT.Type);
    return;
  case BlockType::TypeIdx: {
    const FuncType &T = M.Types[BT.Index];
    Params.append(T.Params.begin(), T.Params.end());
    Results.append(T.Results.begin(), T.Results.end());
    return;
  }
  }
}

//===-- Prologue ------------------------------------------------------------===//

void FunctionTranslator::emitPrologue() {
  Entry = BasicBlock::Create(MT.Ctx, "entry", Fn);
  B.SetInsertPoint(Entry);
  Vmctx = Fn->getArg(0);
  // Stack limit first, before anything is written to the frame: the
  // store's limit is read through the vmctx header, so that instances
  // linked together share it.
  Value *Store = rt(B.CreateLoad(MT.Ptr, Vmctx));
  Value *Limit = rt(B.CreateLoad(MT.I64, Store));
  Value *Sp = B.CreatePtrToInt(B.CreateStackSave(), MT.I64);
  trapIf(B.CreateICmpULT(Sp, Limit), WELD_TRAP_STACK_EXHAUSTED);
  // Allocas stay in the entry block so that mem2reg promotes them.
  IRBuilder<> AllocaB(Entry, Entry->begin());
  // Locals: parameters first, then the declared ones, zero-initialised.
  for (unsigned I = 0; I < Sig.Params.size(); ++I) {
    AllocaInst *A = AllocaB.CreateAlloca(MT.llvmType(Sig.Params[I]));
    B.CreateStore(Fn->getArg(I + 1), A);
    Locals.push_back(A);
    LocalTypes.push_back(Sig.Params[I]);
  }
  for (const LocalDecl &D : Func.Locals)
    for (uint32_t I = 0; I < D.Count; ++I) {
      AllocaInst *A = AllocaB.CreateAlloca(MT.llvmType(D.Type));
      B.CreateStore(MT.zeroValue(D.Type), A);
      Locals.push_back(A);
      LocalTypes.push_back(D.Type);
    }
  // Memory bases never move (see runtime/Memory.cpp): load them once.
  for (uint32_t I = 0; I < M.Memories.size(); ++I) {
    Value *Obj = loadInvariantPtr(MT.Layout.memorySlot(I));
    LoadInst *Base = rt(B.CreateLoad(MT.Ptr, Obj));
    Base->setMetadata(LLVMContext::MD_invariant_load,
                      MDNode::get(MT.Ctx, {}));
    MemObjects.push_back(Obj);
    MemBases.push_back(Base);
  }
}

//===-- Driver ----------------------------------------------------------------===//

Error FunctionTranslator::translate() {
  emitPrologue();
  ControlFrame F;
  F.Kind = ControlFrame::Function;
  F.Results.append(Sig.Results.begin(), Sig.Results.end());
  F.Height = 0;
  Frames.push_back(std::move(F));

  InstrReader R(Func.Code, Func.CodeOffset);
  Instr I;
  while (!R.atEnd()) {
    if (Error E = R.read(I))
      return E;
    if (Error E = translateInstr(I))
      return E;
    if (Frames.empty())
      break;
  }
  if (!Frames.empty())
    return createStringError("function %u: body ended inside a block",
                             FnIndex);
  return Error::success();
}

Error FunctionTranslator::noTailCalls() const {
  return createStringError(
      "function " + Twine(FnIndex) +
      ": return_call is not supported for target " +
      MT.LM.getTargetTriple().str() +
      " (its LLVM backend has no guaranteed tail calls)");
}

Error FunctionTranslator::translateInstr(const Instr &I) {
  if (Unreachable) {
    // Dead code: only the block structure matters.
    switch (I.Op) {
    case Opcode::Block:
    case Opcode::Loop:
    case Opcode::If:
      ++DeadDepth;
      return Error::success();
    case Opcode::Else:
      if (DeadDepth == 0)
        emitElse();
      return Error::success();
    case Opcode::End:
      if (DeadDepth > 0)
        --DeadDepth;
      else
        emitEnd();
      return Error::success();
    default:
      return Error::success();
    }
  }

  switch (I.Op) {
  case Opcode::Unreachable:
    emitTrap(WELD_TRAP_UNREACHABLE);
    markUnreachable();
    return Error::success();
  case Opcode::Nop:
    return Error::success();
  case Opcode::Block:
    beginBlock(I, ControlFrame::Block);
    return Error::success();
  case Opcode::Loop:
    beginBlock(I, ControlFrame::Loop);
    return Error::success();
  case Opcode::If:
    beginBlock(I, ControlFrame::If);
    return Error::success();
  case Opcode::Else:
    emitElse();
    return Error::success();
  case Opcode::End:
    emitEnd();
    return Error::success();
  case Opcode::Br:
    emitBr(I.Index);
    return Error::success();
  case Opcode::BrIf:
    emitBrIf(I.Index);
    return Error::success();
  case Opcode::BrTable:
    emitBrTable(I);
    return Error::success();
  case Opcode::Return:
    emitReturn();
    return Error::success();
  case Opcode::Call:
    emitCall(I.Index, /*Tail=*/false);
    return Error::success();
  case Opcode::ReturnCall:
    if (!MT.guaranteedTailCalls())
      return noTailCalls();
    emitCall(I.Index, /*Tail=*/true);
    return Error::success();
  case Opcode::CallIndirect:
    emitCallIndirect(I.Index, I.Index2, /*Tail=*/false);
    return Error::success();
  case Opcode::ReturnCallIndirect:
    if (!MT.guaranteedTailCalls())
      return noTailCalls();
    emitCallIndirect(I.Index, I.Index2, /*Tail=*/true);
    return Error::success();
  case Opcode::Drop:
    keepAlive(pop());
    return Error::success();
  case Opcode::Select:
  case Opcode::SelectT: {
    Value *Cond = pop();
    Value *F = pop();
    Value *T = pop();
    push(B.CreateSelect(B.CreateICmpNE(Cond, i32(0)), T, F));
    return Error::success();
  }
  case Opcode::LocalGet:
    push(B.CreateLoad(MT.llvmType(LocalTypes[I.Index]), Locals[I.Index]));
    return Error::success();
  case Opcode::LocalSet:
    B.CreateStore(pop(), Locals[I.Index]);
    return Error::success();
  case Opcode::LocalTee:
    B.CreateStore(Stack.back(), Locals[I.Index]);
    return Error::success();
  default:
    break;
  }
  if (translateNumeric(I) || translateMemory(I) || translateTableRef(I) ||
      translateSimd(I))
    return Error::success();
  return createStringError("instruction '%s' at 0x%llx is not supported by "
                           "the code generator yet",
                           opcodeName(I.Op).str().c_str(),
                           (unsigned long long)I.Offset);
}

//===-- Control flow ----------------------------------------------------------===//

void FunctionTranslator::beginBlock(const Instr &I, ControlFrame::KindTy Kind) {
  ControlFrame F;
  F.Kind = Kind;
  blockSignature(I.Block, F.Params, F.Results);
  Value *Cond = Kind == ControlFrame::If ? pop() : nullptr;
  assert(Stack.size() >= F.Params.size());
  F.Height = Stack.size() - F.Params.size();
  F.Merge = BasicBlock::Create(MT.Ctx, "merge", Fn);
  {
    IRBuilderBase::InsertPointGuard Guard(B);
    B.SetInsertPoint(F.Merge);
    for (ValType T : F.Results)
      F.MergePhis.push_back(B.CreatePHI(MT.llvmType(T), 2));
  }
  switch (Kind) {
  case ControlFrame::Loop: {
    F.Header = BasicBlock::Create(MT.Ctx, "loop", Fn);
    BasicBlock *Pred = B.GetInsertBlock();
    B.CreateBr(F.Header);
    B.SetInsertPoint(F.Header);
    for (unsigned P = 0; P < F.Params.size(); ++P) {
      PHINode *Phi = B.CreatePHI(MT.llvmType(F.Params[P]), 2);
      Phi->addIncoming(Stack[F.Height + P], Pred);
      F.HeaderPhis.push_back(Phi);
      Stack[F.Height + P] = Phi;
    }
    break;
  }
  case ControlFrame::If: {
    BasicBlock *Then = BasicBlock::Create(MT.Ctx, "then", Fn);
    F.Else = BasicBlock::Create(MT.Ctx, "else", Fn);
    B.CreateCondBr(B.CreateICmpNE(Cond, i32(0)), Then, F.Else);
    F.IfParams.append(Stack.begin() + F.Height, Stack.end());
    B.SetInsertPoint(Then);
    break;
  }
  default:
    break;
  }
  Frames.push_back(std::move(F));
}

void FunctionTranslator::branchTo(ControlFrame &F, ArrayRef<Value *> Values) {
  BasicBlock *From = B.GetInsertBlock();
  if (F.Kind == ControlFrame::Loop) {
    for (unsigned I = 0; I < Values.size(); ++I)
      F.HeaderPhis[I]->addIncoming(Values[I], From);
    B.CreateBr(F.Header);
    return;
  }
  for (unsigned I = 0; I < Values.size(); ++I)
    F.MergePhis[I]->addIncoming(Values[I], From);
  B.CreateBr(F.Merge);
}

void FunctionTranslator::emitElse() {
  ControlFrame &F = Frames.back();
  assert(F.Kind == ControlFrame::If && F.Else);
  if (!Unreachable) {
    SmallVector<Value *, 4> Results = popN(F.Results.size());
    branchTo(F, Results);
  }
  Stack.resize(F.Height);
  Stack.append(F.IfParams.begin(), F.IfParams.end());
  B.SetInsertPoint(F.Else);
  F.Else = nullptr;
  Unreachable = false;
  DeadDepth = 0;
}

void FunctionTranslator::emitEnd() {
  ControlFrame &F = Frames.back();
  if (F.Kind == ControlFrame::Function) {
    if (!Unreachable)
      emitReturn();
    Frames.pop_back();
    return;
  }
  if (!Unreachable) {
    SmallVector<Value *, 4> Results = popN(F.Results.size());
    for (unsigned I = 0; I < Results.size(); ++I)
      F.MergePhis[I]->addIncoming(Results[I], B.GetInsertBlock());
    B.CreateBr(F.Merge);
  }
  if (F.Kind == ControlFrame::If && F.Else) {
    // An if without else passes its parameters through (they equal the
    // results by validation).
    B.SetInsertPoint(F.Else);
    for (unsigned I = 0; I < F.IfParams.size(); ++I)
      F.MergePhis[I]->addIncoming(F.IfParams[I], F.Else);
    B.CreateBr(F.Merge);
  }
  Stack.resize(F.Height);
  B.SetInsertPoint(F.Merge);
  if (pred_empty(F.Merge)) {
    // Nothing reaches the end: what follows is dead code.
    for (PHINode *Phi : F.MergePhis)
      Phi->eraseFromParent();
    Unreachable = true;
    DeadDepth = 0;
  } else {
    for (PHINode *Phi : F.MergePhis)
      push(Phi);
    Unreachable = false;
  }
  Frames.pop_back();
  if (Unreachable) {
    // Keep the block well-formed; it has no predecessors.
    B.CreateUnreachable();
    // Truncate to the enclosing frame, whose code is now dead.
    Stack.resize(Frames.back().Height);
  }
}

void FunctionTranslator::emitBr(uint32_t Depth) {
  ControlFrame &F = Frames[Frames.size() - 1 - Depth];
  if (F.Kind == ControlFrame::Function) {
    emitReturn();
    return;
  }
  SmallVector<Value *, 4> Values(Stack.end() - F.labelTypes().size(),
                                 Stack.end());
  branchTo(F, Values);
  markUnreachable();
}

void FunctionTranslator::emitBrIf(uint32_t Depth) {
  Value *Cond = B.CreateICmpNE(pop(), i32(0));
  ControlFrame &F = Frames[Frames.size() - 1 - Depth];
  BasicBlock *Taken = BasicBlock::Create(MT.Ctx, "br_if", Fn);
  BasicBlock *Cont = BasicBlock::Create(MT.Ctx, "cont", Fn);
  B.CreateCondBr(Cond, Taken, Cont);
  B.SetInsertPoint(Taken);
  if (F.Kind == ControlFrame::Function) {
    buildReturn();
  } else {
    SmallVector<Value *, 4> Values(Stack.end() - F.labelTypes().size(),
                                   Stack.end());
    branchTo(F, Values);
  }
  B.SetInsertPoint(Cont);
}

void FunctionTranslator::emitBrTable(const Instr &I) {
  Value *Index = pop();
  // One edge block per distinct target keeps phis simple: each target gets
  // exactly one incoming edge from this br_table.
  SmallVector<uint32_t, 8> Depths(I.Targets.begin(), I.Targets.end());
  uint32_t Default = I.Index;
  std::map<uint32_t, BasicBlock *> Edges;
  auto EdgeFor = [&](uint32_t Depth) {
    BasicBlock *&E = Edges[Depth];
    if (!E)
      E = BasicBlock::Create(MT.Ctx, "br_table", Fn);
    return E;
  };
  SwitchInst *SI = B.CreateSwitch(Index, EdgeFor(Default), Depths.size());
  for (unsigned C = 0; C < Depths.size(); ++C)
    SI->addCase(B.getInt32(C), EdgeFor(Depths[C]));
  SmallVector<Value *, 32> Saved(Stack.begin(), Stack.end());
  for (auto &[Depth, Edge] : Edges) {
    B.SetInsertPoint(Edge);
    // emitBr marks the code unreachable and truncates the stack; the other
    // edges still need the values.
    Stack.assign(Saved.begin(), Saved.end());
    Unreachable = false;
    emitBr(Depth);
  }
  markUnreachable();
}

void FunctionTranslator::buildReturn() {
  SmallVector<Value *, 4> Values(Stack.end() - Sig.Results.size(),
                                 Stack.end());
  Type *RT = Fn->getReturnType();
  if (RT->isVoidTy())
    B.CreateRetVoid();
  else if (Values.size() == 1)
    B.CreateRet(Values[0]);
  else {
    Value *Agg = PoisonValue::get(RT);
    for (unsigned I = 0; I < Values.size(); ++I)
      Agg = B.CreateInsertValue(Agg, Values[I], I);
    B.CreateRet(Agg);
  }
}

void FunctionTranslator::emitReturn() {
  buildReturn();
  markUnreachable();
}

//===-- Calls -------------------------------------------------------------------===//
//
// Defined functions call each other's tailcc bodies, so return_call between
// them is a guaranteed tail call whatever the signatures. Calls through a
// funcref record (imports, call_indirect) use the C entry, except that
// return_call(_indirect) takes the record's tailcc entry when it has one
// (host functions have none and get a plain call).

CallInst *FunctionTranslator::emitCallInst(FunctionType *FT, Value *Callee,
                                           Value *CalleeVmctx,
                                           ArrayRef<Value *> Params,
                                           CallingConv::ID CC, bool Tail) {
  SmallVector<Value *, 8> Args{CalleeVmctx};
  Args.append(Params.begin(), Params.end());
  CallInst *Call = B.CreateCall(FT, Callee, Args);
  Call->setCallingConv(CC);
  // Ordinary calls must stay calls: turning self-recursion into a loop
  // (tail recursion elimination) would make unbounded recursion spin
  // instead of exhausting the stack as wasm requires.
  Call->setTailCallKind(Tail ? CallInst::TCK_Tail : CallInst::TCK_NoTail);
  return Call;
}

void FunctionTranslator::pushResults(Value *Call, const FuncType &T) {
  unsigned N = T.Results.size();
  if (N == 1)
    push(Call);
  else
    for (unsigned I = 0; I < N; ++I)
      push(B.CreateExtractValue(Call, I));
}

/// Returns the result of a tailcc tail call directly (the callee's results
/// are the caller's by validation).
static void returnTailCall(IRBuilder<> &B, CallInst *Call) {
  if (Call->getFunctionType() == B.GetInsertBlock()->getParent()->getFunctionType())
    Call->setTailCallKind(CallInst::TCK_MustTail);
  if (Call->getType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
}

void FunctionTranslator::finishCall(FunctionType *FT, Value *Callee,
                                    Value *CalleeVmctx, const FuncType &T,
                                    bool Tail, CallingConv::ID CC) {
  SmallVector<Value *, 4> Params = popN(T.Params.size());
  CallInst *Call = emitCallInst(FT, Callee, CalleeVmctx, Params, CC, Tail);
  if (Tail && CC == CallingConv::Tail && MT.guaranteedTailCalls()) {
    returnTailCall(B, Call);
    markUnreachable();
    return;
  }
  pushResults(Call, T);
  if (Tail)
    emitReturn();
}

void FunctionTranslator::emitRecordCall(Value *Rec, FunctionType *FT,
                                        const FuncType &T, bool Tail) {
  Value *CalleeVmctx = loadAt(MT.Ptr, Rec, rtoff::FuncRefVmctx);
  if (!Tail) {
    Value *Code = loadAt(MT.Ptr, Rec, rtoff::FuncRefCode);
    finishCall(FT, Code, CalleeVmctx, T, false, CallingConv::C);
    return;
  }
  SmallVector<Value *, 4> Params = popN(T.Params.size());
  Value *TailCode = loadAt(MT.Ptr, Rec, rtoff::FuncRefTailCode);
  BasicBlock *HasTail = BasicBlock::Create(MT.Ctx, "tail_entry", Fn);
  BasicBlock *NoTail = BasicBlock::Create(MT.Ctx, "c_entry", Fn);
  MDBuilder MDB(MT.Ctx);
  B.CreateCondBr(B.CreateIsNull(TailCode), NoTail, HasTail,
                 MDB.createUnlikelyBranchWeights());
  B.SetInsertPoint(HasTail);
  returnTailCall(B, emitCallInst(FT, TailCode, CalleeVmctx, Params,
                                 CallingConv::Tail, true));
  B.SetInsertPoint(NoTail);
  Value *Code = loadAt(MT.Ptr, Rec, rtoff::FuncRefCode);
  pushResults(emitCallInst(FT, Code, CalleeVmctx, Params, CallingConv::C, true),
              T);
  emitReturn();
}

void FunctionTranslator::emitCall(uint32_t Callee, bool Tail) {
  const FuncType &T = M.funcType(core::FuncIndex(Callee));
  FunctionType *FT = MT.functionType(T);
  if (llvm::Function *F = MT.functionBody(Callee)) {
    finishCall(FT, F, Vmctx, T, Tail, MT.BodyCC);
    return;
  }
  if (Callee < MT.StaticImports.size() && MT.StaticImports[Callee].Fn) {
    const ModuleTranslator::StaticCallee &SC = MT.StaticImports[Callee];
    Value *CalleeVmctx =
        SC.VmctxDelta ? B.CreateGEP(MT.I8, Vmctx, i64(SC.VmctxDelta)) : Vmctx;
    finishCall(FT, SC.Fn, CalleeVmctx, T, Tail, SC.Fn->getCallingConv());
    return;
  }
  // An import: call through its funcref record.
  emitRecordCall(loadInvariantPtr(MT.Layout.funcSlot(Callee)), FT, T, Tail);
}

void FunctionTranslator::emitCallIndirect(uint32_t TypeIdx, uint32_t Table,
                                          bool Tail) {
  const FuncType &T = M.Types[TypeIdx];
  FunctionType *FT = MT.functionType(T);
  Value *Index = B.CreateZExt(pop(), MT.I64);
  Value *Tab = tableObject(Table);
  Value *Size = loadAt(MT.I64, Tab, rtoff::TableSize);
  trapIf(B.CreateICmpUGE(Index, Size), WELD_TRAP_UNDEFINED_ELEMENT);
  Value *Elems = loadAt(MT.Ptr, Tab, rtoff::TableElements);
  Value *Rec =
      rt(B.CreateLoad(MT.Ptr, B.CreateInBoundsGEP(MT.Ptr, Elems, Index)));
  trapIf(B.CreateIsNull(Rec), WELD_TRAP_UNINITIALIZED_ELEMENT);
  // Signatures are canonical strings: equal pointers are the fast path,
  // a string comparison covers records from other modules.
  Value *Sig = loadAt(MT.Ptr, Rec, rtoff::FuncRefSignature);
  Value *Want = MT.signatureConstant(T);
  BasicBlock *Slow = BasicBlock::Create(MT.Ctx, "sig_slow", Fn);
  BasicBlock *Ok = BasicBlock::Create(MT.Ctx, "sig_ok", Fn);
  MDBuilder MDB(MT.Ctx);
  B.CreateCondBr(B.CreateICmpEQ(Sig, Want), Ok, Slow,
                 MDB.createLikelyBranchWeights());
  B.SetInsertPoint(Slow);
  Value *Eq = B.CreateCall(MT.builtin(Builtin::weld_signature_equal),
                           {Sig, Want});
  trapIf(B.CreateICmpEQ(Eq, i32(0)), WELD_TRAP_INDIRECT_CALL_TYPE_MISMATCH);
  B.CreateBr(Ok);
  B.SetInsertPoint(Ok);
  emitRecordCall(Rec, FT, T, Tail);
}

} // namespace weld::codegen
