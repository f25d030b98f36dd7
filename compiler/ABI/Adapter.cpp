//===- Adapter.cpp - fused canonical-ABI adapters as LLVM IR --------------===//
//
// One CallEmitter emits one component-level call: from a lowering (core code
// of the caller) or from the host (an export entry point) to a lifted core
// function or to a host import. Values go directly from the caller's
// representation (flat core values, or memory) to the callee's in one
// type-directed walk (CanonicalABI.md's lift_flat/load then lower_flat/store
// fused): nothing is materialized in between, so after inlining LLVM sees
// plain loads, stores and checks. The host side is a component whose memory
// is native memory with 64-bit pointers and whose realloc is malloc.
//
//===----------------------------------------------------------------------===//

#include "ABI/Program.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/MDBuilder.h"

using namespace llvm;
using namespace weld::component;

namespace weld::abi {

namespace {

/// One side of a call.
struct Side {
  bool Host = false;
  /// The component instance (invalid for the host).
  ComponentInstanceIndex Inst;
  /// Instance whose view of resource types this side's types use.
  ComponentInstanceIndex ResInst;
  const ResolvedOptions *Opts = nullptr;
  /// The weld_memory * of the memory option (wasm sides).
  Value *MemObj = nullptr;
  /// Block offset of the handle-table slot.
  uint64_t TableSlot = 0;
};

/// Where a value is read from or written to.
struct Cursor {
  enum Kind { FlatIn, FlatOut, Mem } K = Mem;
  SmallVector<Value *, 16> *Vals = nullptr;
  unsigned Pos = 0;
  /// Mem: the address (i64) in the side's memory.
  Value *Addr = nullptr;
};

class CallEmitter {
public:
  CallEmitter(ProgramTranslator &PT, llvm::Function *F)
      : PT(PT), Types(PT.Types), F(F), B(PT.Ctx) {
    B.SetInsertPoint(BasicBlock::Create(PT.Ctx, "entry", F));
    Block = F->getArg(0);
  }

  Error adapter(const AdapterDef &A);
  Error exportEntry(const ExportFuncDef &E);

private:
  struct Callee {
    const LiftDef *Lift = nullptr;
    uint32_t HostImport = 0;
  };
  /// Values one call carries between its steps.
  struct CallState {
    /// The caller's flat arguments (core parameters of the lowering).
    SmallVector<Value *, 16> ArgVals;
    SmallVector<Value *, 16> CalleeArgs;
    Value *HostArgBuf = nullptr, *HostResBuf = nullptr, *Ret = nullptr;
    /// Where the callee's results are read from.
    Cursor RS;
  };
  /// One call, in the canonical ABI's order: enter (reentrance checks),
  /// pass the parameters, call, return the results, post-return, exit.
  Error transfer(Side &CS, TypeId CT, SmallVector<Value *, 16> CallerArgs,
                 Value *HostArgs, Value *HostResults, Callee Target);
  std::vector<uint32_t> enter(Side &CS, Side &DS);
  void passParams(Side &CS, const TypeNode &CN, Value *HostArgs, Side &DS,
                  const TypeNode &DN, CallState &St);
  Error callTarget(Side &DS, const TypeNode &DN, Callee Target,
                   CallState &St);
  Value *returnResults(Side &CS, const TypeNode &CN, Value *HostResults,
                       Side &DS, const TypeNode &DN, CallState &St);
  void postReturn(Side &DS, Callee Target, Value *Ret);
  void setupSide(Side &S);

  // Values.
  void copy(TypeId ST, Side &SS, Cursor &S, TypeId DT, Side &DS, Cursor &D);
  void copyTuple(ArrayRef<TypeId> ST, Side &SS, Cursor &S,
                 ArrayRef<TypeId> DT, Side &DS, Cursor &D);
  void copyScalar(TypeKind K, Side &SS, Cursor &S, Side &DS, Cursor &D);
  void copyString(Side &SS, Cursor &S, Side &DS, Cursor &D);
  void copyList(TypeId SE, Side &SS, Cursor &S, TypeId DE, Side &DS,
                Cursor &D);
  void copyVariant(TypeId ST, Side &SS, Cursor &S, TypeId DT, Side &DS,
                   Cursor &D);
  void copyFlags(uint32_t N, Side &SS, Cursor &S, Side &DS, Cursor &D);
  void copyHandle(TypeId ST, Side &SS, Cursor &S, TypeId DT, Side &DS,
                  Cursor &D);
  void freeNative(TypeId T, Value *A);
  void freeNativeTuple(ArrayRef<TypeId> Ts, Value *A);
  void forEach(Value *Base, Value *Count, uint64_t Stride,
               function_ref<void(Value *)> Body);

  // Layout.
  bool wide(const Side &S) const { return S.Host; }
  uint64_t sizeOf(TypeId T, const Side &S) const {
    return wide(S) ? Types.abi(T).Size64 : Types.abi(T).Size32;
  }
  uint32_t alignOf(TypeId T, const Side &S) const {
    return wide(S) ? Types.abi(T).Align64 : Types.abi(T).Align32;
  }
  void cases(TypeId T, SmallVectorImpl<TypeId> &Out) const;
  uint64_t payloadOffset(TypeId T, const Side &S) const;
  void flat(TypeId T, const Side &S, SmallVectorImpl<Type *> &Out) const;
  bool plain(TypeId T) const;

  // Memory.
  Value *addr(Side &S, Value *A);
  Value *load(Side &S, Value *A, Type *T);
  void store(Side &S, Value *A, Value *V);
  void checkAlign(Value *P, uint64_t Align);
  void checkRange(Side &S, Value *P, Value *Len);
  Value *realloc(Side &S, Value *Align, Value *Size);
  Value *offset(Value *A, uint64_t Off) {
    return Off ? B.CreateAdd(A, B.getInt64(Off)) : A;
  }

  // Cursors.
  Value *read(Cursor &C, Side &S, Type *MemTy, uint64_t Off = 0);
  void write(Cursor &C, Side &S, Value *V, Type *MemTy, uint64_t Off = 0);
  std::pair<Value *, Value *> readPair(Cursor &C, Side &S);
  void writePair(Cursor &C, Side &S, Value *P, Value *L);

  // Control.
  Value *at(uint64_t Off) { return B.CreateConstInBoundsGEP1_64(PT.I8, Block, Off); }
  void trapIf(Value *Cond, weld_trap_kind K);
  void enterExit(ArrayRef<uint32_t> Insts, bool Enter);
  void setFlag(uint64_t Off, bool V) { B.CreateStore(B.getInt8(V), at(Off)); }

  ProgramTranslator &PT;
  TypeStore &Types;
  llvm::Function *F;
  IRBuilder<> B;
  Value *Block;
  /// The borrow scope of the call (when the parameters contain borrows).
  Value *Scope = nullptr;
  std::string Unsupported;
};

} // namespace

//===-- Helpers ---------------------------------------------------------===//

void CallEmitter::trapIf(Value *Cond, weld_trap_kind K) {
  BasicBlock *Trap = BasicBlock::Create(PT.Ctx, "trap", F);
  BasicBlock *Cont = BasicBlock::Create(PT.Ctx, "cont", F);
  MDBuilder MDB(PT.Ctx);
  B.CreateCondBr(Cond, Trap, Cont, MDB.createUnlikelyBranchWeights());
  B.SetInsertPoint(Trap);
  B.CreateCall(PT.trapFn(), {Block, B.getInt32(K)});
  B.CreateUnreachable();
  B.SetInsertPoint(Cont);
}

void CallEmitter::enterExit(ArrayRef<uint32_t> Insts, bool Enter) {
  for (uint32_t I : Insts) {
    if (Enter) {
      Value *Flag = B.CreateLoad(PT.I8, at(PT.Layout.mayEnter(I)));
      trapIf(B.CreateICmpEQ(Flag, B.getInt8(0)), WELD_TRAP_CANNOT_ENTER);
    }
    setFlag(PT.Layout.mayEnter(I), !Enter);
  }
}

void CallEmitter::cases(TypeId T, SmallVectorImpl<TypeId> &Out) const {
  const TypeNode &N = Types.get(T);
  switch (N.Kind) {
  case TypeKind::Option:
    Out.push_back(TypeId());
    Out.push_back(N.Elems[0]);
    return;
  case TypeKind::Enum:
    Out.append(N.Names.size(), TypeId());
    return;
  default:
    Out.append(N.Elems.begin(), N.Elems.end());
    return;
  }
}

static unsigned discriminantSize(size_t Cases) {
  return Cases <= 256 ? 1 : Cases <= 65536 ? 2 : 4;
}

uint64_t CallEmitter::payloadOffset(TypeId T, const Side &S) const {
  SmallVector<TypeId, 8> Cs;
  cases(T, Cs);
  uint32_t MaxAlign = 1;
  for (TypeId C : Cs)
    if (C.valid())
      MaxAlign = std::max(MaxAlign, alignOf(C, S));
  return alignTo(discriminantSize(Cs.size()), MaxAlign);
}

void CallEmitter::flat(TypeId T, const Side &S,
                       SmallVectorImpl<Type *> &Out) const {
  std::vector<CoreValType> V;
  Types.flatten(T, wide(S) ? CoreValType::i64() : CoreValType::i32(), V,
                ~size_t(0) >> 1);
  for (const CoreValType &C : V)
    Out.push_back(C.Code == 0x7e   ? PT.I64
                  : C.Code == 0x7d ? PT.F32
                  : C.Code == 0x7c ? PT.F64
                                   : PT.I32);
}

/// Values whose bytes mean the same on both sides and need no checks.
bool CallEmitter::plain(TypeId T) const {
  const TypeNode &N = Types.get(T);
  switch (N.Kind) {
  case TypeKind::U8:
  case TypeKind::S8:
  case TypeKind::U16:
  case TypeKind::S16:
  case TypeKind::U32:
  case TypeKind::S32:
  case TypeKind::U64:
  case TypeKind::S64:
  case TypeKind::F32:
  case TypeKind::F64:
    return true;
  case TypeKind::Record:
  case TypeKind::Tuple:
  case TypeKind::FixedList:
    for (TypeId E : N.Elems)
      if (!plain(E))
        return false;
    return true;
  default:
    return false;
  }
}

Value *CallEmitter::addr(Side &S, Value *A) {
  if (S.Host)
    return B.CreateIntToPtr(A, PT.Ptr);
  Value *Base = B.CreateLoad(PT.Ptr, S.MemObj);
  return B.CreateGEP(PT.I8, Base, A);
}

Value *CallEmitter::load(Side &S, Value *A, Type *T) {
  return B.CreateAlignedLoad(T, addr(S, A), Align(1));
}

void CallEmitter::store(Side &S, Value *A, Value *V) {
  B.CreateAlignedStore(V, addr(S, A), Align(1));
}

void CallEmitter::checkAlign(Value *P, uint64_t Al) {
  if (Al <= 1)
    return;
  trapIf(B.CreateICmpNE(B.CreateAnd(P, B.getInt64(Al - 1)), B.getInt64(0)),
         WELD_TRAP_UNALIGNED_POINTER);
}

void CallEmitter::checkRange(Side &S, Value *P, Value *Len) {
  if (S.Host)
    return;
  Value *Size = B.CreateLoad(PT.I64, B.CreateConstInBoundsGEP1_64(
                                         PT.I8, S.MemObj, codegen::rtoff::MemorySize));
  trapIf(B.CreateICmpUGT(B.CreateAdd(P, Len), Size),
         WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
}

Value *CallEmitter::realloc(Side &S, Value *Al, Value *Size) {
  if (S.Host)
    return B.CreateCall(PT.canonBuiltin(CanonBuiltin::weld_host_realloc),
                        {Block, B.getInt64(0), B.getInt64(0), Al, Size});
  FuncTarget T;
  if (S.Opts && S.Opts->Realloc)
    T = PT.resolveFunc(*S.Opts->Realloc);
  if (!T.Fn) {
    Unsupported = "a realloc that is not a core function";
    return B.getInt64(0);
  }
  // realloc runs with may_leave cleared (CanonicalABI.md, reallocate).
  setFlag(PT.Layout.mayLeave(S.Inst.V), false);
  Value *R = B.CreateCall(T.Fn, {at(T.Offset), B.getInt32(0), B.getInt32(0),
                                 B.CreateTrunc(Al, PT.I32),
                                 B.CreateTrunc(Size, PT.I32)});
  setFlag(PT.Layout.mayLeave(S.Inst.V), true);
  return B.CreateZExt(R, PT.I64);
}

Value *CallEmitter::read(Cursor &C, Side &S, Type *MemTy, uint64_t Off) {
  if (C.K == Cursor::FlatIn)
    return (*C.Vals)[C.Pos++];
  return load(S, offset(C.Addr, Off), MemTy);
}

void CallEmitter::write(Cursor &C, Side &S, Value *V, Type *MemTy,
                        uint64_t Off) {
  if (C.K == Cursor::FlatOut) {
    C.Vals->push_back(V);
    return;
  }
  if (V->getType() != MemTy)
    V = B.CreateTrunc(V, MemTy);
  store(S, offset(C.Addr, Off), V);
}

std::pair<Value *, Value *> CallEmitter::readPair(Cursor &C, Side &S) {
  Type *PT_ = wide(S) ? PT.I64 : PT.I32;
  unsigned W = wide(S) ? 8 : 4;
  Value *P = read(C, S, PT_, 0);
  Value *L = read(C, S, PT_, W);
  return {B.CreateZExt(P, PT.I64), B.CreateZExt(L, PT.I64)};
}

void CallEmitter::writePair(Cursor &C, Side &S, Value *P, Value *L) {
  Type *T = wide(S) ? PT.I64 : PT.I32;
  unsigned W = wide(S) ? 8 : 4;
  if (C.K == Cursor::FlatOut) {
    C.Vals->push_back(B.CreateZExtOrTrunc(P, T));
    C.Vals->push_back(B.CreateZExtOrTrunc(L, T));
    return;
  }
  write(C, S, P, T, 0);
  write(C, S, L, T, W);
}

//===-- Values ----------------------------------------------------------===//

void CallEmitter::copyScalar(TypeKind K, Side &SS, Cursor &S, Side &DS,
                             Cursor &D) {
  Type *MemTy;
  bool Signed = false;
  switch (K) {
  case TypeKind::Bool:
  case TypeKind::U8:
    MemTy = PT.I8;
    break;
  case TypeKind::S8:
    MemTy = PT.I8;
    Signed = true;
    break;
  case TypeKind::U16:
    MemTy = B.getInt16Ty();
    break;
  case TypeKind::S16:
    MemTy = B.getInt16Ty();
    Signed = true;
    break;
  case TypeKind::S64:
  case TypeKind::U64:
    MemTy = PT.I64;
    break;
  case TypeKind::F32:
    MemTy = PT.F32;
    break;
  case TypeKind::F64:
    MemTy = PT.F64;
    break;
  default:
    MemTy = PT.I32;
    break;
  }
  Value *V = read(S, SS, MemTy);
  // Narrow integers: keep the low bits (lift_flat_unsigned/signed) and
  // widen back to i32 as lower_flat does.
  if (MemTy->isIntegerTy() && MemTy->getIntegerBitWidth() < 32) {
    if (V->getType() != MemTy)
      V = B.CreateTrunc(V, MemTy);
    V = Signed ? B.CreateSExt(V, PT.I32) : B.CreateZExt(V, PT.I32);
  }
  if (K == TypeKind::Bool)
    V = B.CreateZExt(B.CreateICmpNE(V, B.getInt32(0)), PT.I32);
  if (K == TypeKind::Char) {
    Value *TooBig = B.CreateICmpUGE(V, B.getInt32(0x110000));
    Value *Surrogate = B.CreateICmpULT(B.CreateSub(V, B.getInt32(0xD800)),
                                       B.getInt32(0x800));
    trapIf(B.CreateOr(TooBig, Surrogate), WELD_TRAP_INVALID_CHAR);
  }
  write(D, DS, V, MemTy);
}

/// Strings go through the runtime (weld_canon_string): it validates the
/// source encoding, transcodes, and calls the destination's realloc in the
/// order CanonicalABI.md's store_string prescribes.
void CallEmitter::copyString(Side &SS, Cursor &S, Side &DS, Cursor &D) {
  auto [P, L] = readPair(S, SS);
  StructType *TT = StructType::get(
      PT.Ctx, {PT.Ptr, PT.I64, PT.I64, PT.I64, PT.Ptr, PT.Ptr, PT.Ptr, PT.I32,
               PT.I32, PT.I64, PT.I64});
  AllocaInst *T;
  {
    IRBuilder<> EB(&F->getEntryBlock(), F->getEntryBlock().begin());
    T = EB.CreateAlloca(TT);
  }
  auto Field = [&](unsigned I) { return B.CreateStructGEP(TT, T, I); };
  Value *Null = ConstantPointerNull::get(cast<PointerType>(PT.Ptr));
  B.CreateStore(SS.Host ? Null : B.CreateLoad(PT.Ptr, SS.MemObj), Field(0));
  B.CreateStore(SS.Host ? (Value *)B.getInt64(~0ull)
                        : B.CreateLoad(PT.I64, B.CreateConstInBoundsGEP1_64(
                                                   PT.I8, SS.MemObj, 8)),
                Field(1));
  B.CreateStore(P, Field(2));
  B.CreateStore(L, Field(3));
  B.CreateStore(DS.Host ? Null : DS.MemObj, Field(4));
  B.CreateStore(PT.reallocThunk(DS.Host ? nullptr : DS.Opts, DS.Inst),
                Field(5));
  B.CreateStore(Block, Field(6));
  B.CreateStore(B.getInt32(SS.Host ? 0 : SS.Opts->Encoding), Field(7));
  B.CreateStore(B.getInt32(DS.Host ? 0 : DS.Opts->Encoding), Field(8));
  B.CreateCall(PT.canonBuiltin(CanonBuiltin::weld_canon_string), {Block, T});
  writePair(D, DS, B.CreateLoad(PT.I64, Field(9)),
            B.CreateLoad(PT.I64, Field(10)));
}

void CallEmitter::copyList(TypeId SE, Side &SS, Cursor &S, TypeId DE,
                           Side &DS, Cursor &D) {
  auto [P, L] = readPair(S, SS);
  uint64_t SSize = sizeOf(SE, SS), DSize = sizeOf(DE, DS);
  checkAlign(P, alignOf(SE, SS));
  checkRange(SS, P, B.CreateMul(L, B.getInt64(SSize)));
  Value *Bytes = B.CreateMul(L, B.getInt64(DSize));
  if (!DS.Host)
    trapIf(B.CreateICmpUGE(Bytes, B.getInt64(1ull << 32)),
           WELD_TRAP_LIST_TOO_LONG);
  Value *DP = realloc(DS, B.getInt64(alignOf(DE, DS)), Bytes);
  checkAlign(DP, alignOf(DE, DS));
  checkRange(DS, DP, Bytes);
  if (plain(SE) && SSize == DSize) {
    B.CreateMemCpy(addr(DS, DP), MaybeAlign(1), addr(SS, P), MaybeAlign(1),
                   Bytes);
  } else {
    BasicBlock *Pre = B.GetInsertBlock();
    BasicBlock *Head = BasicBlock::Create(PT.Ctx, "list.head", F);
    BasicBlock *Body = BasicBlock::Create(PT.Ctx, "list.body", F);
    BasicBlock *Exit = BasicBlock::Create(PT.Ctx, "list.exit", F);
    B.CreateBr(Head);
    B.SetInsertPoint(Head);
    PHINode *I = B.CreatePHI(PT.I64, 2);
    I->addIncoming(B.getInt64(0), Pre);
    B.CreateCondBr(B.CreateICmpULT(I, L), Body, Exit);
    B.SetInsertPoint(Body);
    Cursor SC, DC;
    SC.Addr = B.CreateAdd(P, B.CreateMul(I, B.getInt64(SSize)));
    DC.Addr = B.CreateAdd(DP, B.CreateMul(I, B.getInt64(DSize)));
    copy(SE, SS, SC, DE, DS, DC);
    I->addIncoming(B.CreateAdd(I, B.getInt64(1)), B.GetInsertBlock());
    B.CreateBr(Head);
    B.SetInsertPoint(Exit);
  }
  writePair(D, DS, DP, L);
}

/// Reinterprets a joined flat value as the case's flat type (lift_flat_variant).
static Value *fromJoined(IRBuilder<> &B, Value *V, Type *Want) {
  Type *Have = V->getType();
  if (Have == Want)
    return V;
  if (Have->isIntegerTy(64) && !Want->isIntegerTy(64)) {
    if (Want->isDoubleTy())
      return B.CreateBitCast(V, Want);
    V = B.CreateTrunc(V, B.getInt32Ty());
  }
  return V->getType() == Want ? V : B.CreateBitCast(V, Want);
}

/// Widens or reinterprets a case's flat value as the joined type.
static Value *toJoined(IRBuilder<> &B, Value *V, Type *Want) {
  Type *Have = V->getType();
  if (Have == Want)
    return V;
  if (Want->isIntegerTy(64)) {
    if (Have->isDoubleTy())
      return B.CreateBitCast(V, Want);
    if (Have->isFloatTy())
      V = B.CreateBitCast(V, B.getInt32Ty());
    return B.CreateZExt(V, Want);
  }
  return B.CreateBitCast(V, Want);
}

void CallEmitter::copyVariant(TypeId ST, Side &SS, Cursor &S, TypeId DT,
                              Side &DS, Cursor &D) {
  SmallVector<TypeId, 8> SC, DC;
  cases(ST, SC);
  cases(DT, DC);
  unsigned SDisc = discriminantSize(SC.size());
  unsigned DDisc = discriminantSize(DC.size());
  Type *SDiscTy = B.getIntNTy(SDisc * 8), *DDiscTy = B.getIntNTy(DDisc * 8);
  // The source's discriminant and payload.
  SmallVector<Value *, 16> SJoined;
  Value *Disc;
  Value *SPayload = nullptr;
  if (S.K == Cursor::FlatIn) {
    Disc = (*S.Vals)[S.Pos++];
    SmallVector<Type *, 16> All;
    flat(ST, SS, All);
    for (size_t I = 1; I < All.size(); ++I)
      SJoined.push_back((*S.Vals)[S.Pos++]);
  } else {
    Disc = B.CreateZExt(load(SS, S.Addr, SDiscTy), PT.I32);
    SPayload = offset(S.Addr, payloadOffset(ST, SS));
  }
  trapIf(B.CreateICmpUGE(Disc, B.getInt32(SC.size())),
         WELD_TRAP_INVALID_DISCRIMINANT);
  // The destination's joined flat slots.
  SmallVector<Type *, 16> DJoinedTys;
  SmallVector<AllocaInst *, 16> Slots;
  Value *DPayload = nullptr;
  if (D.K == Cursor::FlatOut) {
    SmallVector<Type *, 16> All;
    flat(DT, DS, All);
    IRBuilder<> EB(&F->getEntryBlock(), F->getEntryBlock().begin());
    for (size_t I = 1; I < All.size(); ++I) {
      DJoinedTys.push_back(All[I]);
      Slots.push_back(EB.CreateAlloca(All[I]));
    }
  } else {
    store(DS, D.Addr, B.CreateTrunc(Disc, DDiscTy));
    DPayload = offset(D.Addr, payloadOffset(DT, DS));
  }
  BasicBlock *Merge = BasicBlock::Create(PT.Ctx, "variant.end", F);
  BasicBlock *Bad = BasicBlock::Create(PT.Ctx, "variant.bad", F);
  SwitchInst *Sw = B.CreateSwitch(Disc, Bad, SC.size());
  for (size_t C = 0; C < SC.size(); ++C) {
    BasicBlock *Case = BasicBlock::Create(PT.Ctx, "variant.case", F);
    Sw->addCase(B.getInt32(C), Case);
    B.SetInsertPoint(Case);
    SmallVector<Value *, 16> In, Out;
    Cursor CS, CD;
    if (S.K == Cursor::FlatIn) {
      CS.K = Cursor::FlatIn;
      CS.Vals = &In;
      if (SC[C].valid()) {
        SmallVector<Type *, 16> Want;
        flat(SC[C], SS, Want);
        for (size_t I = 0; I < Want.size(); ++I)
          In.push_back(fromJoined(B, SJoined[I], Want[I]));
      }
    } else {
      CS.Addr = SPayload;
    }
    if (D.K == Cursor::FlatOut) {
      CD.K = Cursor::FlatOut;
      CD.Vals = &Out;
    } else {
      CD.Addr = DPayload;
    }
    if (SC[C].valid() && C < DC.size() && DC[C].valid())
      copy(SC[C], SS, CS, DC[C], DS, CD);
    if (D.K == Cursor::FlatOut)
      for (size_t I = 0; I < Slots.size(); ++I)
        B.CreateStore(I < Out.size() ? toJoined(B, Out[I], DJoinedTys[I])
                                     : Constant::getNullValue(DJoinedTys[I]),
                      Slots[I]);
    B.CreateBr(Merge);
  }
  B.SetInsertPoint(Bad);
  B.CreateUnreachable();
  B.SetInsertPoint(Merge);
  if (D.K == Cursor::FlatOut) {
    D.Vals->push_back(Disc);
    for (size_t I = 0; I < Slots.size(); ++I)
      D.Vals->push_back(B.CreateLoad(DJoinedTys[I], Slots[I]));
  }
}

void CallEmitter::copyFlags(uint32_t N, Side &SS, Cursor &S, Side &DS,
                            Cursor &D) {
  if (N == 0)
    return;
  Type *MemTy = B.getIntNTy(N <= 8 ? 8 : N <= 16 ? 16 : 32);
  Value *V = read(S, SS, MemTy);
  if (V->getType() != PT.I32)
    V = B.CreateZExt(V, PT.I32);
  if (N < 32)
    V = B.CreateAnd(V, B.getInt32((1u << N) - 1));
  write(D, DS, V, MemTy);
}

void CallEmitter::copyHandle(TypeId ST, Side &SS, Cursor &S, TypeId DT,
                             Side &DS, Cursor &D) {
  const TypeNode &SN = Types.get(ST);
  ResourceIndex R = PT.G.resource(SS.ResInst, Types.get(SN.Elems[0]).Res);
  if (!R.valid())
    R = PT.G.resource(DS.ResInst, Types.get(Types.get(DT).Elems[0]).Res);
  if (!R.valid()) {
    Unsupported = "a resource type whose definition is not known statically";
    return;
  }
  Value *H = read(S, SS, PT.I32);
  if (PT.wasiKind(R.V) >= 0) {
    // WASI host handles pass through unchanged (see WasiBinding).
    write(D, DS, H, PT.I32);
    return;
  }
  Value *Rt = B.getInt32(R.V + 1);
  Value *STable = at(SS.TableSlot), *DTable = at(DS.TableSlot);
  Value *Out;
  if (SN.Kind == TypeKind::Own) {
    Value *Rep = B.CreateCall(
        PT.canonBuiltin(CanonBuiltin::weld_resource_lift_own),
        {Block, STable, Rt, H});
    Out = B.CreateCall(PT.canonBuiltin(CanonBuiltin::weld_resource_lower_own),
                       {Block, DTable, Rt, Rep});
  } else {
    Value *Rep = B.CreateCall(
        PT.canonBuiltin(CanonBuiltin::weld_resource_lift_borrow),
        {Block, STable, Rt, H, Scope});
    // A borrow given to the resource's own instance is its rep.
    const ResourceDef &RD = PT.G.Resources[R.V];
    if (!DS.Host && RD.Impl.valid() && RD.Impl == DS.Inst)
      Out = Rep;
    else
      Out = B.CreateCall(
          PT.canonBuiltin(CanonBuiltin::weld_resource_lower_borrow),
          {Block, DTable, Rt, Rep, Scope});
  }
  write(D, DS, Out, PT.I32);
}

void CallEmitter::copyTuple(ArrayRef<TypeId> ST, Side &SS, Cursor &S,
                            ArrayRef<TypeId> DT, Side &DS, Cursor &D) {
  uint64_t SOff = 0, DOff = 0;
  for (size_t I = 0; I < ST.size() && I < DT.size(); ++I) {
    Cursor FS = S, FD = D;
    if (S.K == Cursor::Mem) {
      SOff = alignTo(SOff, alignOf(ST[I], SS));
      FS.Addr = offset(S.Addr, SOff);
      SOff += sizeOf(ST[I], SS);
    }
    if (D.K == Cursor::Mem) {
      DOff = alignTo(DOff, alignOf(DT[I], DS));
      FD.Addr = offset(D.Addr, DOff);
      DOff += sizeOf(DT[I], DS);
    }
    copy(ST[I], SS, FS, DT[I], DS, FD);
    if (S.K == Cursor::FlatIn)
      S.Pos = FS.Pos;
  }
}

//===-- Releasing host arguments ----------------------------------------===//

void CallEmitter::forEach(Value *Base, Value *Count, uint64_t Stride,
                          function_ref<void(Value *)> Body) {
  BasicBlock *Pre = B.GetInsertBlock();
  BasicBlock *Head = BasicBlock::Create(PT.Ctx, "each.head", F);
  BasicBlock *Loop = BasicBlock::Create(PT.Ctx, "each.body", F);
  BasicBlock *Exit = BasicBlock::Create(PT.Ctx, "each.exit", F);
  B.CreateBr(Head);
  B.SetInsertPoint(Head);
  PHINode *I = B.CreatePHI(PT.I64, 2);
  I->addIncoming(B.getInt64(0), Pre);
  B.CreateCondBr(B.CreateICmpULT(I, Count), Loop, Exit);
  B.SetInsertPoint(Loop);
  Body(B.CreateAdd(Base, B.CreateMul(I, B.getInt64(Stride))));
  I->addIncoming(B.CreateAdd(I, B.getInt64(1)), B.GetInsertBlock());
  B.CreateBr(Head);
  B.SetInsertPoint(Exit);
}

void CallEmitter::freeNativeTuple(ArrayRef<TypeId> Ts, Value *A) {
  uint64_t Off = 0;
  for (TypeId T : Ts) {
    const ABIInfo &I = Types.abi(T);
    Off = alignTo(Off, I.Align64);
    freeNative(T, offset(A, Off));
    Off += I.Size64;
  }
}

/// Frees the strings and lists of a value of type T at native address A
/// (the host layout). The adapter allocated them with malloc for a host
/// import's arguments; the host only borrows them for the call.
void CallEmitter::freeNative(TypeId T, Value *A) {
  if (!Types.abi(T).NeedsMemory)
    return;
  const TypeNode &N = Types.get(T);
  FunctionCallee Free = PT.LM.getOrInsertFunction(
      "weld_component_free", FunctionType::get(B.getVoidTy(), {PT.Ptr}, false));
  auto Load64 = [&](Value *Addr) {
    return B.CreateLoad(PT.I64, B.CreateIntToPtr(Addr, PT.Ptr));
  };
  switch (N.Kind) {
  case TypeKind::String:
    B.CreateCall(Free, {B.CreateIntToPtr(Load64(A), PT.Ptr)});
    return;
  case TypeKind::List:
  case TypeKind::Map: {
    TypeId E = N.Elems[0];
    if (N.Kind == TypeKind::Map) {
      TypeNode Entry;
      Entry.Kind = TypeKind::Tuple;
      Entry.Elems = N.Elems;
      E = Types.intern(std::move(Entry));
    }
    Value *P = Load64(A);
    if (Types.abi(E).NeedsMemory)
      forEach(P, Load64(offset(A, 8)), Types.abi(E).Size64,
              [&](Value *EA) { freeNative(E, EA); });
    B.CreateCall(Free, {B.CreateIntToPtr(P, PT.Ptr)});
    return;
  }
  case TypeKind::FixedList:
    forEach(A, B.getInt64(N.Length), Types.abi(N.Elems[0]).Size64,
            [&](Value *EA) { freeNative(N.Elems[0], EA); });
    return;
  case TypeKind::Record:
  case TypeKind::Tuple:
    return freeNativeTuple(N.Elems, A);
  case TypeKind::Variant:
  case TypeKind::Option:
  case TypeKind::Result: {
    SmallVector<TypeId, 8> Cs;
    cases(T, Cs);
    Side Host;
    Host.Host = true;
    uint64_t PayOff = payloadOffset(T, Host);
    Type *DiscTy = B.getIntNTy(8 * discriminantSize(Cs.size()));
    Value *Disc = B.CreateLoad(DiscTy, B.CreateIntToPtr(A, PT.Ptr));
    BasicBlock *Exit = BasicBlock::Create(PT.Ctx, "free.exit", F);
    SwitchInst *Sw = B.CreateSwitch(Disc, Exit);
    for (size_t C = 0; C < Cs.size(); ++C) {
      if (!Cs[C].valid() || !Types.abi(Cs[C]).NeedsMemory)
        continue;
      BasicBlock *Case = BasicBlock::Create(PT.Ctx, "free.case", F);
      Sw->addCase(cast<ConstantInt>(ConstantInt::get(DiscTy, C)), Case);
      B.SetInsertPoint(Case);
      freeNative(Cs[C], offset(A, PayOff));
      B.CreateBr(Exit);
    }
    B.SetInsertPoint(Exit);
    return;
  }
  default:
    return;
  }
}

void CallEmitter::copy(TypeId ST, Side &SS, Cursor &S, TypeId DT, Side &DS,
                       Cursor &D) {
  const TypeNode &N = Types.get(ST);
  switch (N.Kind) {
  case TypeKind::String:
    return copyString(SS, S, DS, D);
  case TypeKind::List:
    return copyList(N.Elems[0], SS, S, Types.get(DT).Elems[0], DS, D);
  case TypeKind::Map: {
    // A map is passed as a list of (key, value) tuples.
    auto Entry = [&](TypeId M) {
      TypeNode T;
      T.Kind = TypeKind::Tuple;
      T.Elems = Types.get(M).Elems;
      return Types.intern(std::move(T));
    };
    TypeId SE = Entry(ST), DE = Entry(DT);
    return copyList(SE, SS, S, DE, DS, D);
  }
  case TypeKind::FixedList: {
    SmallVector<TypeId, 8> SE(N.Length, N.Elems[0]);
    SmallVector<TypeId, 8> DE(N.Length, Types.get(DT).Elems[0]);
    return copyTuple(SE, SS, S, DE, DS, D);
  }
  case TypeKind::Record:
  case TypeKind::Tuple:
    return copyTuple(N.Elems, SS, S, Types.get(DT).Elems, DS, D);
  case TypeKind::Variant:
  case TypeKind::Option:
  case TypeKind::Result:
  case TypeKind::Enum:
    return copyVariant(ST, SS, S, DT, DS, D);
  case TypeKind::Flags:
    return copyFlags(N.Names.size(), SS, S, DS, D);
  case TypeKind::Own:
  case TypeKind::Borrow:
    return copyHandle(ST, SS, S, DT, DS, D);
  case TypeKind::ErrorContext:
  case TypeKind::Stream:
  case TypeKind::Future:
    Unsupported = std::string("values of type ") + Types.describe(ST);
    return;
  default:
    return copyScalar(N.Kind, SS, S, DS, D);
  }
}

//===-- Calls -----------------------------------------------------------===//

void CallEmitter::setupSide(Side &S) {
  if (S.Host) {
    S.TableSlot = PT.Layout.HostTable;
    S.ResInst = {0};
    return;
  }
  S.ResInst = S.Inst;
  S.TableSlot = PT.Layout.table(S.Inst.V);
  if (S.Opts && S.Opts->Memory)
    S.MemObj = B.CreateLoad(PT.Ptr, at(PT.memorySlot(*S.Opts->Memory)));
}

/// The instances a call from Caller (invalid: the host) into Callee
/// enters: the callee and its ancestors the caller is not inside.
static std::vector<uint32_t> enteringSet(const Graph &G,
                                         ComponentInstanceIndex Callee,
                                         ComponentInstanceIndex Caller) {
  std::vector<uint32_t> Out;
  for (ComponentInstanceIndex I = Callee; I.valid();
       I = G.ComponentInstances[I.V].Parent)
    if (!Caller.valid() || !G.isAncestorOrSelf(I, Caller))
      Out.push_back(I.V);
  return Out;
}

static uint64_t tupleSize(TypeStore &Types, ArrayRef<TypeId> Ts, bool Wide,
                          uint32_t &Al) {
  uint64_t Off = 0;
  Al = 1;
  for (TypeId T : Ts) {
    const ABIInfo &I = Types.abi(T);
    uint32_t A = Wide ? I.Align64 : I.Align32;
    Off = alignTo(Off, A) + (Wide ? I.Size64 : I.Size32);
    Al = std::max(Al, A);
  }
  return alignTo(Off, Al);
}

std::vector<uint32_t> CallEmitter::enter(Side &CS, Side &DS) {
  if (!CS.Host)
    trapIf(B.CreateICmpEQ(B.CreateLoad(PT.I8, at(PT.Layout.mayLeave(CS.Inst.V))),
                          B.getInt8(0)),
           WELD_TRAP_CANNOT_LEAVE);
  // A caller already inside the callee's instance (the same instance, or
  // a component nested in it) would reenter it: the spec traps, and since
  // both sides are known statically the adapter traps unconditionally,
  // which also covers start functions run during instantiation.
  if (!CS.Host && !DS.Host && PT.G.isAncestorOrSelf(DS.Inst, CS.Inst))
    trapIf(B.getTrue(), WELD_TRAP_CANNOT_ENTER);
  std::vector<uint32_t> Entered;
  if (!DS.Host)
    Entered = enteringSet(PT.G, DS.Inst, CS.Host ? ComponentInstanceIndex()
                                                   : CS.Inst);
  enterExit(Entered, true);
  return Entered;
}

void CallEmitter::passParams(Side &CS, const TypeNode &CN, Value *HostArgs,
                             Side &DS, const TypeNode &DN, CallState &St) {
  // Caller side: host memory, the caller's memory (beyond 16 flat
  // values) or its flat values.
  Cursor PS;
  uint32_t Al;
  size_t ParamFlat = 0;
  for (TypeId P : CN.Elems)
    ParamFlat += Types.abi(P).FlatCount;
  if (CS.Host) {
    PS.Addr = B.CreatePtrToInt(HostArgs, PT.I64);
  } else if (ParamFlat > MaxFlatParams) {
    uint64_t Size = tupleSize(Types, CN.Elems, false, Al);
    PS.Addr = B.CreateZExt(St.ArgVals[0], PT.I64);
    checkAlign(PS.Addr, Al);
    checkRange(CS, PS.Addr, B.getInt64(Size));
  } else {
    PS.K = Cursor::FlatIn;
    PS.Vals = &St.ArgVals;
  }
  // Callee side: the host's argument buffer, the callee's memory through
  // its realloc, or flat values.
  Cursor PD;
  if (DS.Host) {
    IRBuilder<> EB(&F->getEntryBlock(), F->getEntryBlock().begin());
    uint64_t Size = tupleSize(Types, DN.Elems, true, Al);
    St.HostArgBuf = EB.CreateAlloca(ArrayType::get(PT.I8, Size + 8));
    cast<AllocaInst>(St.HostArgBuf)->setAlignment(Align(16));
    SmallVector<TypeId, 1> R;
    if (DN.Result.valid())
      R.push_back(DN.Result);
    Size = tupleSize(Types, R, true, Al);
    St.HostResBuf = EB.CreateAlloca(ArrayType::get(PT.I8, Size + 8));
    cast<AllocaInst>(St.HostResBuf)->setAlignment(Align(16));
    PD.Addr = B.CreatePtrToInt(St.HostArgBuf, PT.I64);
  } else if (ParamFlat > MaxFlatParams) {
    uint64_t Size = tupleSize(Types, DN.Elems, false, Al);
    PD.Addr = realloc(DS, B.getInt64(Al), B.getInt64(Size));
    checkAlign(PD.Addr, Al);
    checkRange(DS, PD.Addr, B.getInt64(Size));
    St.CalleeArgs.push_back(B.CreateTrunc(PD.Addr, PT.I32));
  } else {
    PD.K = Cursor::FlatOut;
    PD.Vals = &St.CalleeArgs;
  }
  copyTuple(CN.Elems, CS, PS, DN.Elems, DS, PD);
}

Error CallEmitter::callTarget(Side &DS, const TypeNode &DN, Callee Target,
                              CallState &St) {
  if (DS.Host) {
    Value *Table = B.CreateLoad(PT.Ptr, at(BlockLayout::HeaderImports));
    Value *Fn = B.CreateLoad(
        PT.Ptr, B.CreateConstInBoundsGEP1_64(PT.Ptr, Table, Target.HostImport));
    Value *Ctx = B.CreateLoad(PT.Ptr, at(BlockLayout::HeaderHostCtx));
    B.CreateCall(FunctionType::get(B.getVoidTy(), {PT.Ptr, PT.Ptr, PT.Ptr}, false),
                 Fn, {Ctx, St.HostArgBuf, St.HostResBuf});
    freeNativeTuple(DN.Elems, B.CreatePtrToInt(St.HostArgBuf, PT.I64));
    St.RS.Addr = B.CreatePtrToInt(St.HostResBuf, PT.I64);
    return Error::success();
  }
  FuncTarget T = PT.resolveFunc(Target.Lift->Callee);
  if (!T.Fn)
    return createStringError("not supported yet: lifting a function that "
                             "is not core code");
  SmallVector<Value *, 16> CallArgs{at(T.Offset)};
  FunctionType *FT = T.Fn->getFunctionType();
  for (size_t I = 0; I < St.CalleeArgs.size() && I + 1 < FT->getNumParams();
       ++I)
    CallArgs.push_back(St.CalleeArgs[I]);
  St.Ret = B.CreateCall(T.Fn, CallArgs);
  size_t ResFlat = DN.Result.valid() ? Types.abi(DN.Result).FlatCount : 0;
  if (ResFlat > MaxFlatResults) {
    uint32_t Al;
    St.RS.Addr = B.CreateZExt(St.Ret, PT.I64);
    SmallVector<TypeId, 1> R{DN.Result};
    uint64_t Size = tupleSize(Types, R, false, Al);
    checkAlign(St.RS.Addr, Al);
    checkRange(DS, St.RS.Addr, B.getInt64(Size));
  } else {
    St.RS.K = Cursor::FlatIn;
  }
  return Error::success();
}

Value *CallEmitter::returnResults(Side &CS, const TypeNode &CN,
                                  Value *HostResults, Side &DS,
                                  const TypeNode &DN, CallState &St) {
  if (!CN.Result.valid())
    return nullptr;
  SmallVector<Value *, 16> Src, Out;
  Cursor &RS = St.RS;
  if (RS.K == Cursor::FlatIn) {
    if (St.Ret && !St.Ret->getType()->isVoidTy())
      Src.push_back(St.Ret);
    RS.Vals = &Src;
    RS.Pos = 0;
  }
  Cursor RD;
  size_t ResFlat = Types.abi(CN.Result).FlatCount;
  if (CS.Host) {
    RD.Addr = B.CreatePtrToInt(HostResults, PT.I64);
  } else if (ResFlat > MaxFlatResults) {
    // The caller passed the address for the results as its last argument.
    uint32_t Al;
    RD.Addr = B.CreateZExt(St.ArgVals.back(), PT.I64);
    SmallVector<TypeId, 1> R{CN.Result};
    uint64_t Size = tupleSize(Types, R, false, Al);
    checkAlign(RD.Addr, Al);
    checkRange(CS, RD.Addr, B.getInt64(Size));
  } else {
    RD.K = Cursor::FlatOut;
    RD.Vals = &Out;
  }
  copy(DN.Result, DS, RS, CN.Result, CS, RD);
  return Out.empty() ? nullptr : Out[0];
}

void CallEmitter::postReturn(Side &DS, Callee Target, Value *Ret) {
  if (DS.Host || !Target.Lift->Options.PostReturn)
    return;
  FuncTarget PR = PT.resolveFunc(*Target.Lift->Options.PostReturn);
  if (!PR.Fn)
    return;
  // post-return runs with the callee's may_leave cleared.
  setFlag(PT.Layout.mayLeave(DS.Inst.V), false);
  SmallVector<Value *, 2> PRArgs{at(PR.Offset)};
  if (Ret && !Ret->getType()->isVoidTy())
    PRArgs.push_back(Ret);
  B.CreateCall(PR.Fn, PRArgs);
  setFlag(PT.Layout.mayLeave(DS.Inst.V), true);
}

Error CallEmitter::transfer(Side &CS, TypeId CT, SmallVector<Value *, 16> Args,
                            Value *HostArgs, Value *HostResults,
                            Callee Target) {
  const TypeNode &CN = Types.get(CT);
  Side DS;
  TypeId DT = CT;
  if (Target.Lift) {
    DS.Inst = Target.Lift->Instance;
    DS.Opts = &Target.Lift->Options;
    DT = Target.Lift->Type;
  } else {
    DS.Host = true;
  }
  setupSide(CS);
  setupSide(DS);
  const TypeNode &DN = Types.get(DT);
  std::vector<uint32_t> Entered = enter(CS, DS);
  bool Borrows = false;
  for (TypeId P : CN.Elems)
    Borrows |= Types.abi(P).ContainsBorrow;
  if (Borrows) {
    IRBuilder<> EB(&F->getEntryBlock(), F->getEntryBlock().begin());
    Type *ScopeTy = ArrayType::get(PT.I64, 4);
    Scope = EB.CreateAlloca(ScopeTy);
    B.CreateStore(Constant::getNullValue(ScopeTy), Scope);
  }
  CallState St;
  St.ArgVals.assign(Args.begin(), Args.end());
  passParams(CS, CN, HostArgs, DS, DN, St);
  if (Error E = callTarget(DS, DN, Target, St))
    return E;
  if (Borrows)
    B.CreateCall(PT.canonBuiltin(CanonBuiltin::weld_scope_finish),
                 {Block, Scope});
  Value *CallerRet = returnResults(CS, CN, HostResults, DS, DN, St);
  postReturn(DS, Target, St.Ret);
  enterExit(Entered, false);
  if (!Unsupported.empty())
    return createStringError("not supported yet: " + Unsupported);
  Type *RetTy = F->getReturnType();
  if (RetTy->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(CallerRet ? CallerRet : Constant::getNullValue(RetTy));
  return Error::success();
}

Error CallEmitter::adapter(const AdapterDef &A) {
  Side CS;
  CS.Inst = A.Instance;
  CS.Opts = &A.Options;
  Callee T;
  if (A.Callee.K == FuncDef::Lifted)
    T.Lift = &PT.G.Lifts[A.Callee.Index];
  else
    T.HostImport = A.Callee.Index;
  SmallVector<Value *, 16> Args;
  for (unsigned I = 1; I < F->arg_size(); ++I)
    Args.push_back(F->getArg(I));
  return transfer(CS, A.Type, Args, nullptr, nullptr, T);
}

Error CallEmitter::exportEntry(const ExportFuncDef &E) {
  Side CS;
  CS.Host = true;
  Callee T;
  if (E.Func.K != FuncDef::Lifted)
    return createStringError("not supported yet: re-exporting host import `" +
                             E.Name + "`");
  T.Lift = &PT.G.Lifts[E.Func.Index];
  return transfer(CS, E.Type, {}, F->getArg(1), F->getArg(2), T);
}

//===-- Realloc thunks --------------------------------------------------===//

llvm::Function *ProgramTranslator::reallocThunk(const ResolvedOptions *O,
                                                ComponentInstanceIndex Inst) {
  llvm::Function *&Fn = Thunks[{O, Inst.V}];
  if (Fn)
    return Fn;
  FunctionType *FT = FunctionType::get(I64, {Ptr, I64, I64, I64, I64}, false);
  Fn = llvm::Function::Create(FT, GlobalValue::InternalLinkage,
                              "realloc.thunk", LM);
  IRBuilder<> B(BasicBlock::Create(Ctx, "entry", Fn));
  Value *Block = Fn->getArg(0);
  FuncTarget T;
  if (O && O->Realloc)
    T = resolveFunc(*O->Realloc);
  if (!O || !T.Fn) {
    B.CreateRet(B.CreateCall(canonBuiltin(CanonBuiltin::weld_host_realloc),
                             {Block, Fn->getArg(1), Fn->getArg(2),
                              Fn->getArg(3), Fn->getArg(4)}));
    return Fn;
  }
  auto At = [&](uint64_t Off) {
    return B.CreateConstInBoundsGEP1_64(I8, Block, Off);
  };
  B.CreateStore(B.getInt8(0), At(Layout.mayLeave(Inst.V)));
  Value *R = B.CreateCall(
      T.Fn, {At(T.Offset), B.CreateTrunc(Fn->getArg(1), I32),
             B.CreateTrunc(Fn->getArg(2), I32), B.CreateTrunc(Fn->getArg(3), I32),
             B.CreateTrunc(Fn->getArg(4), I32)});
  B.CreateStore(B.getInt8(1), At(Layout.mayLeave(Inst.V)));
  B.CreateRet(B.CreateZExt(R, I64));
  return Fn;
}

Error emitAdapters(ProgramTranslator &PT) {
  for (size_t I = 0; I < PT.G.Adapters.size(); ++I) {
    CallEmitter E(PT, PT.AdapterFns[I]);
    if (Error Err = E.adapter(PT.G.Adapters[I]))
      return Err;
  }
  return Error::success();
}

Error emitExports(ProgramTranslator &PT) {
  FunctionType *FT = FunctionType::get(Type::getVoidTy(PT.Ctx),
                                       {PT.Ptr, PT.Ptr, PT.Ptr}, false);
  for (size_t I = 0; I < PT.G.Exports.size(); ++I) {
    auto *Fn = llvm::Function::Create(FT, GlobalValue::InternalLinkage,
                                      "export." + Twine(I), PT.LM);
    PT.ExportFns.push_back(Fn);
    CallEmitter E(PT, Fn);
    if (Error Err = E.exportEntry(PT.G.Exports[I]))
      return Err;
  }
  return Error::success();
}

} // namespace weld::abi
