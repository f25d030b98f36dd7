//===- FunctionValidator.cpp - Validation of function bodies --------------===//
//
// The spec's validation algorithm (its appendix): an operand stack whose
// entries may be Unknown after unreachable code, and a stack of control
// frames, each remembering its label types, the operand height at entry and
// whether the rest of the block is unreachable. Instructions with a fixed
// signature in Opcodes.def are typed generically; the others below, in one
// switch over the opcode.
//
//===----------------------------------------------------------------------===//

#include "Core/InstrReader.h"
#include "Core/ValidatorImpl.h"

using namespace llvm;

namespace weld::core {

namespace {

/// An operand type: a ValType, or Unknown (the bottom type of unreachable
/// code, which matches everything).
using StackType = uint8_t;
constexpr StackType Unknown = 0;

StackType st(ValType T) { return StackType(T); }

bool isNumOrUnknown(StackType T) {
  return T == Unknown || T == st(ValType::I32) || T == st(ValType::I64) ||
         T == st(ValType::F32) || T == st(ValType::F64);
}
bool isRefOrUnknown(StackType T) {
  return T == Unknown || T == st(ValType::FuncRef) ||
         T == st(ValType::ExternRef);
}

/// Parsed operand signatures of the fixed-type opcodes.
struct Signature {
  bool Fixed = false;
  uint8_t NumParams = 0, NumResults = 0;
  ValType Params[3] = {};
  ValType Results[1] = {};
};

ValType sigLetter(char C) {
  switch (C) {
  case 'i':
    return ValType::I32;
  case 'I':
    return ValType::I64;
  case 'f':
    return ValType::F32;
  case 'F':
    return ValType::F64;
  default:
    return ValType::V128;
  }
}

struct SignatureTable {
  Signature Sigs[NumOpcodes];
  SignatureTable() {
    for (unsigned Op = 0; Op < NumOpcodes; ++Op) {
      StringRef S = opcodeInfo(Opcode(Op)).Signature;
      if (S.empty())
        continue;
      auto [P, R] = S.split(':');
      Signature &G = Sigs[Op];
      G.Fixed = true;
      assert(P.size() <= 3 && R.size() <= 1 && "signature too long");
      for (char C : P)
        G.Params[G.NumParams++] = sigLetter(C);
      for (char C : R)
        G.Results[G.NumResults++] = sigLetter(C);
    }
  }
};

const Signature &signature(Opcode Op) {
  static const SignatureTable Table;
  return Table.Sigs[unsigned(Op)];
}

/// Storage for one-element result lists of block types.
const ValType SingleTypes[] = {ValType::I32,  ValType::I64,     ValType::F32,
                               ValType::F64,  ValType::V128,    ValType::FuncRef,
                               ValType::ExternRef};

ArrayRef<ValType> single(ValType T) {
  for (const ValType &S : SingleTypes)
    if (S == T)
      return ArrayRef<ValType>(&S, 1);
  llvm_unreachable("value type");
}

struct ControlFrame {
  Opcode Op;
  ArrayRef<ValType> Params, Results;
  size_t Height;
  bool Unreachable = false;
  ArrayRef<ValType> labelTypes() const {
    return Op == Opcode::Loop ? Params : Results;
  }
};

class FunctionValidator {
public:
  FunctionValidator(const ValidationContext &Ctx, FuncIndex Func)
      : Ctx(Ctx), M(Ctx.M), Func(M.Funcs[Func.Value]),
        Type(M.funcType(Func)), Reader(this->Func.Code, this->Func.CodeOffset) {
  }

  Error run();

private:
  Error fail(const Twine &Msg) { return errorAt(Cur.Offset, Msg); }
  Error mismatch(ArrayRef<StackType> Want, StackType Got);

  void push(StackType T) { Vals.push_back(T); }
  void pushVals(ArrayRef<ValType> Ts) {
    for (ValType T : Ts)
      push(st(T));
  }
  Expected<StackType> pop();
  Expected<StackType> popExpect(ValType T);
  Error popVals(ArrayRef<ValType> Ts, SmallVectorImpl<StackType> *Popped =
                                          nullptr);
  void pushCtrl(Opcode Op, ArrayRef<ValType> In, ArrayRef<ValType> Out);
  Expected<ControlFrame> popCtrl();
  void setUnreachable();

  Error step();
  Error checkFixed(const Signature &S);
  Error checkControl();
  Error checkVariable();
  Error checkTableOp();
  Error checkMemory(uint32_t Index);
  Error checkMemArg();
  Error checkDataIndex();
  Error checkCall(const FuncType &Callee, bool Tail);
  Error checkSelect();
  Expected<const FuncType *> typeAt(uint32_t Index);
  Expected<const Table *> tableAt(uint32_t Index);
  Error blockTypes(ArrayRef<ValType> &In, ArrayRef<ValType> &Out);
  Error checkLabel(uint32_t Depth);

  const ValidationContext &Ctx;
  const Module &M;
  const Function &Func;
  const FuncType &Type;
  InstrReader Reader;
  Instr Cur;
  std::vector<ValType> Locals;
  std::vector<StackType> Vals;
  std::vector<ControlFrame> Ctrls;
};

Error FunctionValidator::mismatch(ArrayRef<StackType> Want, StackType Got) {
  std::string Msg = "type mismatch: ";
  Msg += opcodeName(Cur.Op);
  Msg += " expected ";
  for (StackType T : Want)
    Msg += T == Unknown ? "any" : valTypeName(ValType(T)).str();
  Msg += " but got ";
  Msg += Got == Unknown ? "nothing" : valTypeName(ValType(Got)).str();
  return fail(Msg);
}

Expected<StackType> FunctionValidator::pop() {
  ControlFrame &C = Ctrls.back();
  if (Vals.size() == C.Height) {
    if (C.Unreachable)
      return Unknown;
    return fail("type mismatch: " + opcodeName(Cur.Op) +
                " needs an operand but the stack is empty");
  }
  StackType T = Vals.back();
  Vals.pop_back();
  return T;
}

Expected<StackType> FunctionValidator::popExpect(ValType Want) {
  ControlFrame &C = Ctrls.back();
  if (Vals.size() == C.Height) {
    if (C.Unreachable)
      return Unknown;
    return mismatch(st(Want), Unknown);
  }
  StackType T = Vals.back();
  if (T != Unknown && T != st(Want))
    return mismatch(st(Want), T);
  Vals.pop_back();
  return T;
}

Error FunctionValidator::popVals(ArrayRef<ValType> Ts,
                                 SmallVectorImpl<StackType> *Popped) {
  if (Popped)
    Popped->assign(Ts.size(), Unknown);
  for (size_t I = Ts.size(); I-- > 0;) {
    // Popped receives the actual types (Unknown included), which br_table
    // pushes back.
    auto T = popExpect(Ts[I]);
    if (!T)
      return T.takeError();
    if (Popped)
      (*Popped)[I] = *T;
  }
  return Error::success();
}

void FunctionValidator::pushCtrl(Opcode Op, ArrayRef<ValType> In,
                                 ArrayRef<ValType> Out) {
  Ctrls.push_back({Op, In, Out, Vals.size(), false});
  pushVals(In);
}

Expected<ControlFrame> FunctionValidator::popCtrl() {
  if (Error E = popVals(Ctrls.back().Results))
    return std::move(E);
  ControlFrame C = Ctrls.back();
  if (Vals.size() != C.Height)
    return fail("type mismatch: " + Twine(Vals.size() - C.Height) +
                " values left on the stack at the end of the block");
  Ctrls.pop_back();
  return C;
}

void FunctionValidator::setUnreachable() {
  Vals.resize(Ctrls.back().Height);
  Ctrls.back().Unreachable = true;
}

Expected<const FuncType *> FunctionValidator::typeAt(uint32_t Index) {
  if (Index >= M.Types.size())
    return fail("unknown type " + Twine(Index));
  return &M.Types[Index];
}

Expected<const Table *> FunctionValidator::tableAt(uint32_t Index) {
  if (Index >= M.Tables.size())
    return fail("unknown table " + Twine(Index));
  return &M.Tables[Index];
}

Error FunctionValidator::checkMemory(uint32_t Index) {
  if (Index >= M.Memories.size())
    return fail("unknown memory " + Twine(Index));
  if (Index != 0 && !Ctx.F.MultiMemory)
    return fail("not supported yet: multi-memory");
  return Error::success();
}

Error FunctionValidator::checkMemArg() {
  if (Error E = checkMemory(Cur.Mem.Memory))
    return E;
  unsigned Bytes = opcodeInfo(Cur.Op).AccessBytes;
  if (Cur.Mem.AlignLog2 >= 32 || (1u << Cur.Mem.AlignLog2) > Bytes)
    return fail("alignment must not be larger than natural");
  return Error::success();
}

Error FunctionValidator::checkDataIndex() {
  if (!M.DataCount)
    return fail("data count section required");
  if (Cur.Index >= *M.DataCount)
    return fail("unknown data segment " + Twine(Cur.Index));
  return Error::success();
}

Error FunctionValidator::blockTypes(ArrayRef<ValType> &In,
                                    ArrayRef<ValType> &Out) {
  switch (Cur.Block.Kind) {
  case BlockType::Empty:
    In = Out = {};
    return Error::success();
  case BlockType::Value:
    In = {};
    Out = single(Cur.Block.Type);
    return Error::success();
  case BlockType::TypeIdx: {
    auto T = typeAt(Cur.Block.Index);
    if (!T)
      return T.takeError();
    In = (*T)->Params;
    Out = (*T)->Results;
    return Error::success();
  }
  }
  llvm_unreachable("block type kind");
}

Error FunctionValidator::checkLabel(uint32_t Depth) {
  if (Depth >= Ctrls.size())
    return fail("unknown label " + Twine(Depth));
  return Error::success();
}

Error FunctionValidator::checkFixed(const Signature &S) {
  for (unsigned I = S.NumParams; I-- > 0;)
    if (auto T = popExpect(S.Params[I]); !T)
      return T.takeError();
  for (unsigned I = 0; I < S.NumResults; ++I)
    push(st(S.Results[I]));
  return Error::success();
}

Error FunctionValidator::checkCall(const FuncType &Callee, bool Tail) {
  if (Tail) {
    if (!Ctx.F.TailCall)
      return fail("not supported yet: tail-call");
    if (Callee.Results != Type.Results)
      return fail("type mismatch: tail call callee's results differ from "
                  "the caller's");
  }
  if (Error E = popVals(Callee.Params))
    return E;
  if (Tail)
    setUnreachable();
  else
    pushVals(Callee.Results);
  return Error::success();
}

Error FunctionValidator::checkSelect() {
  if (Cur.Op == Opcode::SelectT) {
    if (Cur.Index != 1)
      return fail("invalid result arity");
    if (auto C = popExpect(ValType::I32); !C)
      return C.takeError();
    if (auto A = popExpect(Cur.Type); !A)
      return A.takeError();
    if (auto B = popExpect(Cur.Type); !B)
      return B.takeError();
    push(st(Cur.Type));
    return Error::success();
  }
  if (auto C = popExpect(ValType::I32); !C)
    return C.takeError();
  auto T1 = pop();
  if (!T1)
    return T1.takeError();
  auto T2 = pop();
  if (!T2)
    return T2.takeError();
  bool Num = isNumOrUnknown(*T1) && isNumOrUnknown(*T2);
  bool Vec = (*T1 == Unknown || *T1 == st(ValType::V128)) &&
             (*T2 == Unknown || *T2 == st(ValType::V128));
  if (!Num && !Vec)
    return fail("type mismatch: select without a type needs numeric or "
                "vector operands");
  if (*T1 != *T2 && *T1 != Unknown && *T2 != Unknown)
    return mismatch(*T1, *T2);
  push(*T1 == Unknown ? *T2 : *T1);
  return Error::success();
}

/// Blocks, branches, calls and returns.
Error FunctionValidator::checkControl() {
  switch (Cur.Op) {
  case Opcode::Unreachable:
    setUnreachable();
    return Error::success();
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If: {
    ArrayRef<ValType> In, Out;
    if (Error E = blockTypes(In, Out))
      return E;
    if (Cur.Op == Opcode::If)
      if (auto C = popExpect(ValType::I32); !C)
        return C.takeError();
    if (Error E = popVals(In))
      return E;
    pushCtrl(Cur.Op, In, Out);
    return Error::success();
  }
  case Opcode::Else: {
    if (Ctrls.back().Op != Opcode::If)
      return fail("else without a matching if");
    auto C = popCtrl();
    if (!C)
      return C.takeError();
    pushCtrl(Opcode::Else, C->Params, C->Results);
    return Error::success();
  }
  case Opcode::End: {
    auto C = popCtrl();
    if (!C)
      return C.takeError();
    if (C->Op == Opcode::If && C->Params != C->Results)
      return fail("type mismatch: if without else must leave its "
                  "parameters unchanged");
    pushVals(C->Results);
    return Error::success();
  }
  case Opcode::Br:
  case Opcode::BrIf: {
    if (Error E = checkLabel(Cur.Index))
      return E;
    if (Cur.Op == Opcode::BrIf)
      if (auto C = popExpect(ValType::I32); !C)
        return C.takeError();
    ArrayRef<ValType> L = Ctrls[Ctrls.size() - 1 - Cur.Index].labelTypes();
    if (Error E = popVals(L))
      return E;
    if (Cur.Op == Opcode::Br)
      setUnreachable();
    else
      pushVals(L);
    return Error::success();
  }
  case Opcode::BrTable: {
    if (auto C = popExpect(ValType::I32); !C)
      return C.takeError();
    if (Error E = checkLabel(Cur.Index))
      return E;
    ArrayRef<ValType> Default =
        Ctrls[Ctrls.size() - 1 - Cur.Index].labelTypes();
    SmallVector<StackType, 4> Popped;
    for (uint32_t Depth : Cur.Targets) {
      if (Error E = checkLabel(Depth))
        return E;
      ArrayRef<ValType> L = Ctrls[Ctrls.size() - 1 - Depth].labelTypes();
      if (L.size() != Default.size())
        return fail("type mismatch: br_table targets have different arities");
      if (Error E = popVals(L, &Popped))
        return E;
      for (StackType T : Popped)
        push(T);
    }
    if (Error E = popVals(Default))
      return E;
    setUnreachable();
    return Error::success();
  }
  case Opcode::Return:
    if (Error E = popVals(Type.Results))
      return E;
    setUnreachable();
    return Error::success();
  case Opcode::Call:
  case Opcode::ReturnCall:
    if (Cur.Index >= M.Funcs.size())
      return fail("unknown function " + Twine(Cur.Index));
    return checkCall(M.funcType(FuncIndex(Cur.Index)),
                     Cur.Op == Opcode::ReturnCall);
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect: {
    auto Tab = tableAt(Cur.Index2);
    if (!Tab)
      return Tab.takeError();
    if ((*Tab)->Type.ElemType != ValType::FuncRef)
      return fail("type mismatch: call_indirect through a table of " +
                  valTypeName((*Tab)->Type.ElemType));
    auto T = typeAt(Cur.Index);
    if (!T)
      return T.takeError();
    if (auto C = popExpect(ValType::I32); !C)
      return C.takeError();
    return checkCall(**T, Cur.Op == Opcode::ReturnCallIndirect);
  }
  default:
    llvm_unreachable("not a control instruction");
  }
}

/// Locals and globals.
Error FunctionValidator::checkVariable() {
  bool IsLocal = Cur.Op == Opcode::LocalGet || Cur.Op == Opcode::LocalSet ||
                 Cur.Op == Opcode::LocalTee;
  ValType T;
  if (IsLocal) {
    if (Cur.Index >= Locals.size())
      return fail("unknown local " + Twine(Cur.Index));
    T = Locals[Cur.Index];
  } else {
    if (Cur.Index >= M.Globals.size())
      return fail("unknown global " + Twine(Cur.Index));
    T = M.Globals[Cur.Index].Type.Type;
    if (Cur.Op == Opcode::GlobalSet && !M.Globals[Cur.Index].Type.Mutable)
      return fail("global is immutable");
  }
  switch (Cur.Op) {
  case Opcode::LocalGet:
  case Opcode::GlobalGet:
    push(st(T));
    return Error::success();
  case Opcode::LocalSet:
  case Opcode::GlobalSet:
    if (auto V = popExpect(T); !V)
      return V.takeError();
    return Error::success();
  default: // local.tee
    if (auto V = popExpect(T); !V)
      return V.takeError();
    push(st(T));
    return Error::success();
  }
}

/// table.*, elem.drop.
Error FunctionValidator::checkTableOp() {
  if (Cur.Op == Opcode::ElemDrop) {
    if (Cur.Index >= M.Elems.size())
      return fail("unknown elem segment " + Twine(Cur.Index));
    return Error::success();
  }
  uint32_t TableIdx = Cur.Op == Opcode::TableInit ? Cur.Index2 : Cur.Index;
  auto Tab = tableAt(TableIdx);
  if (!Tab)
    return Tab.takeError();
  ValType Elem = (*Tab)->Type.ElemType;
  Signature S;
  S.Fixed = true;
  auto Sig = [&](std::initializer_list<ValType> P, bool I32Result,
                 bool ElemResult) {
    for (ValType T : P)
      S.Params[S.NumParams++] = T;
    if (I32Result)
      S.Results[S.NumResults++] = ValType::I32;
    if (ElemResult)
      S.Results[S.NumResults++] = Elem;
  };
  const ValType I32 = ValType::I32;
  switch (Cur.Op) {
  case Opcode::TableGet:
    Sig({I32}, false, true);
    break;
  case Opcode::TableSet:
    Sig({I32, Elem}, false, false);
    break;
  case Opcode::TableSize:
    Sig({}, true, false);
    break;
  case Opcode::TableGrow:
    Sig({Elem, I32}, true, false);
    break;
  case Opcode::TableFill:
    Sig({I32, Elem, I32}, false, false);
    break;
  case Opcode::TableCopy: {
    auto Src = tableAt(Cur.Index2);
    if (!Src)
      return Src.takeError();
    if ((*Src)->Type.ElemType != Elem)
      return fail("type mismatch: table.copy between tables of different "
                  "types");
    Sig({I32, I32, I32}, false, false);
    break;
  }
  case Opcode::TableInit:
    if (Cur.Index >= M.Elems.size())
      return fail("unknown elem segment " + Twine(Cur.Index));
    if (M.Elems[Cur.Index].Type != Elem)
      return fail("type mismatch: table.init of a " +
                  valTypeName(M.Elems[Cur.Index].Type) +
                  " segment into a table of " + valTypeName(Elem));
    Sig({I32, I32, I32}, false, false);
    break;
  default:
    llvm_unreachable("not a table instruction");
  }
  return checkFixed(S);
}

/// One instruction: immediates first, then operand types.
Error FunctionValidator::step() {
  const OpcodeInfo &Info = opcodeInfo(Cur.Op);
  if (Info.Prefix == 0xfd) {
    if (!Ctx.F.Simd)
      return fail("not supported yet: simd");
    if (Error E = checkSimdImmediates(Cur))
      return E;
  }
  if (Info.Imm == ImmKind::MemArg || Info.Imm == ImmKind::MemArgLane)
    if (Error E = checkMemArg())
      return E;
  switch (Cur.Op) {
  case Opcode::MemorySize:
  case Opcode::MemoryGrow:
  case Opcode::MemoryFill:
    if (Error E = checkMemory(Cur.Index))
      return E;
    break;
  case Opcode::MemoryCopy:
    if (Error E = checkMemory(Cur.Index))
      return E;
    if (Error E = checkMemory(Cur.Index2))
      return E;
    break;
  case Opcode::MemoryInit:
    if (Error E = checkMemory(Cur.Index2))
      return E;
    if (Error E = checkDataIndex())
      return E;
    break;
  case Opcode::DataDrop:
    if (Error E = checkDataIndex())
      return E;
    break;
  default:
    break;
  }
  const Signature &S = signature(Cur.Op);
  if (S.Fixed)
    return checkFixed(S);

  switch (Cur.Op) {
  case Opcode::Unreachable:
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::Else:
  case Opcode::End:
  case Opcode::Br:
  case Opcode::BrIf:
  case Opcode::BrTable:
  case Opcode::Return:
  case Opcode::Call:
  case Opcode::CallIndirect:
  case Opcode::ReturnCall:
  case Opcode::ReturnCallIndirect:
    return checkControl();
  case Opcode::Drop:
    return pop().takeError();
  case Opcode::Select:
  case Opcode::SelectT:
    return checkSelect();
  case Opcode::LocalGet:
  case Opcode::LocalSet:
  case Opcode::LocalTee:
  case Opcode::GlobalGet:
  case Opcode::GlobalSet:
    return checkVariable();
  case Opcode::TableGet:
  case Opcode::TableSet:
  case Opcode::TableSize:
  case Opcode::TableGrow:
  case Opcode::TableFill:
  case Opcode::TableCopy:
  case Opcode::TableInit:
  case Opcode::ElemDrop:
    return checkTableOp();
  case Opcode::RefNull:
    push(st(Cur.Type));
    return Error::success();
  case Opcode::RefIsNull: {
    auto T = pop();
    if (!T)
      return T.takeError();
    if (!isRefOrUnknown(*T))
      return fail("type mismatch: ref.is_null expects a reference but got " +
                  valTypeName(ValType(*T)));
    push(st(ValType::I32));
    return Error::success();
  }
  case Opcode::RefFunc:
    if (Cur.Index >= M.Funcs.size())
      return fail("unknown function " + Twine(Cur.Index));
    if (!Ctx.DeclaredRefs.test(Cur.Index))
      return fail("undeclared function reference " + Twine(Cur.Index));
    push(st(ValType::FuncRef));
    return Error::success();
  default:
    llvm_unreachable("opcode without a signature or a rule");
  }
}

Error FunctionValidator::run() {
  Locals.assign(Type.Params.begin(), Type.Params.end());
  for (const LocalDecl &D : Func.Locals)
    Locals.insert(Locals.end(), D.Count, D.Type);
  Ctrls.push_back({Opcode::Block, {}, Type.Results, 0, false});
  while (!Ctrls.empty()) {
    if (Reader.atEnd())
      return errorAt(Reader.offset(),
                     "unexpected end of function body: END opcode expected");
    if (Error E = Reader.read(Cur))
      return E;
    if (Error E = step())
      return E;
  }
  if (!Reader.atEnd())
    return errorAt(Reader.offset(), "operators remaining after end of function");
  return Error::success();
}

} // namespace

Error validateFunctionBody(const ValidationContext &Ctx, FuncIndex Func) {
  return FunctionValidator(Ctx, Func).run();
}

} // namespace weld::core
