//===- Decoder.cpp - Core WebAssembly binary decoder ----------------------===//
//
// Reads the sections of a core module in their required order, each through
// a ByteReader bounded by the section size, so that a section that says it
// is shorter or longer than its contents is an error, and every vector
// count is checked against the bytes that remain before anything is
// allocated. Function bodies are split off unread (the validator walks
// them); constant expressions are decoded here.
//
//===----------------------------------------------------------------------===//

#include "Core/Decoder.h"
#include "Core/InstrReader.h"

using namespace llvm;

namespace weld::core {

StringRef externKindName(ExternKind K) {
  switch (K) {
  case ExternKind::Func:
    return "func";
  case ExternKind::Table:
    return "table";
  case ExternKind::Memory:
    return "memory";
  case ExternKind::Global:
    return "global";
  }
  return "?";
}

namespace {

enum SectionId : uint8_t {
  CustomId = 0,
  TypeId = 1,
  ImportId = 2,
  FunctionId = 3,
  TableId = 4,
  MemoryId = 5,
  GlobalId = 6,
  ExportId = 7,
  StartId = 8,
  ElemId = 9,
  CodeId = 10,
  DataId = 11,
  DataCountId = 12,
  TagId = 13,
};

/// Position of a section id in the required order; 0 for unknown ids.
unsigned sectionRank(uint8_t Id) {
  switch (Id) {
  case TypeId:
    return 1;
  case ImportId:
    return 2;
  case FunctionId:
    return 3;
  case TableId:
    return 4;
  case MemoryId:
    return 5;
  case TagId:
    return 6;
  case GlobalId:
    return 7;
  case ExportId:
    return 8;
  case StartId:
    return 9;
  case ElemId:
    return 10;
  case DataCountId:
    return 11;
  case CodeId:
    return 12;
  case DataId:
    return 13;
  default:
    return 0;
  }
}

/// Assigns *V to Dst or returns its error (for compact section readers).
template <typename T, typename U> Error assign(Expected<T> V, U &Dst) {
  if (!V)
    return V.takeError();
  Dst = std::move(*V);
  return Error::success();
}

class ModuleDecoder {
public:
  ModuleDecoder(ArrayRef<uint8_t> Bytes, uint64_t Base)
      : R(Bytes, Base), M(std::make_unique<Module>()) {
    M->Bytes = Bytes;
    M->BaseOffset = Base;
  }

  Expected<std::unique_ptr<Module>> run();

private:
  Error readHeader();
  Error readSection(uint8_t Id, ByteReader &S);
  Error readCustom(ByteReader &S, uint64_t Offset);
  Error readTypes(ByteReader &S);
  Error readImports(ByteReader &S);
  Error readFunctions(ByteReader &S);
  Error readTables(ByteReader &S);
  Error readMemories(ByteReader &S);
  Error readGlobals(ByteReader &S);
  Error readExports(ByteReader &S);
  Error readStart(ByteReader &S);
  Error readElems(ByteReader &S);
  Error readElem(ByteReader &S, ElemSegment &E);
  Error readDataCount(ByteReader &S);
  Error readCode(ByteReader &S);
  Error readBody(ByteReader &S, Function &F);
  Error readDatas(ByteReader &S);

  ByteReader R;
  std::unique_ptr<Module> M;
  /// Entries of the function section (defined functions).
  uint32_t NumDeclaredFuncs = 0;
  bool SawCode = false;
};

Expected<Limits> readLimits(ByteReader &S, bool IsMemory) {
  // The flags are one byte, not a LEB128 integer.
  uint64_t Off = S.offset();
  auto Flags = S.readU8();
  if (!Flags)
    return Flags.takeError();
  if (*Flags == 2 || *Flags == 3)
    return errorAt(Off, "not supported yet: threads");
  if (*Flags >= 4 && *Flags <= 7)
    return errorAt(Off, "not supported yet: memory64");
  if (IsMemory && *Flags >= 8 && *Flags <= 15)
    return errorAt(Off, "not supported yet: custom-page-sizes");
  if (*Flags > 1)
    return errorAt(Off, "malformed limits flags");
  Limits L;
  if (Error E = assign(S.readVarU32(), L.Min))
    return std::move(E);
  if (*Flags == 1) {
    uint64_t Max;
    if (Error E = assign(S.readVarU32(), Max))
      return std::move(E);
    L.Max = Max;
  }
  return L;
}

Expected<TableType> readTableType(ByteReader &S) {
  auto B = S.peekU8();
  if (!B)
    return B.takeError();
  if (*B == 0x40)
    return S.error("not supported yet: function-references");
  TableType T;
  if (Error E = assign(readRefType(S), T.ElemType))
    return std::move(E);
  if (Error E = assign(readLimits(S, false), T.Size))
    return std::move(E);
  return T;
}

Expected<GlobalType> readGlobalType(ByteReader &S) {
  GlobalType G;
  if (Error E = assign(readValType(S), G.Type))
    return std::move(E);
  uint64_t Off = S.offset();
  auto Mut = S.readU8();
  if (!Mut)
    return Mut.takeError();
  if (*Mut > 1)
    return errorAt(Off, "malformed mutability");
  G.Mutable = *Mut == 1;
  return G;
}

Expected<std::unique_ptr<Module>> ModuleDecoder::run() {
  if (Error E = readHeader())
    return std::move(E);
  unsigned LastRank = 0;
  while (!R.atEnd()) {
    uint64_t Off = R.offset();
    uint8_t Id = *R.readU8();
    auto Size = R.readVarU32();
    if (!Size)
      return Size.takeError();
    auto S = R.subReader(*Size);
    if (!S)
      return S.takeError();
    if (Id == CustomId) {
      if (Error E = readCustom(*S, Off))
        return std::move(E);
      continue;
    }
    unsigned Rank = sectionRank(Id);
    if (Rank == 0)
      return errorAt(Off, "malformed section id " + Twine(unsigned(Id)));
    if (Rank == LastRank)
      return errorAt(Off, "duplicate section (id " + Twine(unsigned(Id)) + ")");
    if (Rank < LastRank)
      return errorAt(Off, "section out of order (id " + Twine(unsigned(Id)) +
                              ")");
    LastRank = Rank;
    if (Error E = readSection(Id, *S))
      return std::move(E);
    if (!S->atEnd())
      return S->error("section size mismatch: " + Twine(S->remaining()) +
                      " bytes left over");
  }
  if (!SawCode && NumDeclaredFuncs != 0)
    return R.error("function and code section have inconsistent lengths");
  if (M->DataCount && *M->DataCount != M->Datas.size())
    return R.error("data count and data section have inconsistent lengths");
  return std::move(M);
}

Error ModuleDecoder::readHeader() {
  auto Magic = R.readBytes(4);
  if (!Magic || !(*Magic == ArrayRef<uint8_t>({0x00, 0x61, 0x73, 0x6d}))) {
    consumeError(Magic.takeError());
    return errorAt(R.base(), "magic header not detected");
  }
  uint64_t Off = R.offset();
  auto Version = R.readFixedU32();
  if (!Version) {
    consumeError(Version.takeError());
    return errorAt(Off, "unexpected end: no binary version");
  }
  if (*Version == 0x1000d)
    return errorAt(Off, "this is a component, not a core module");
  if (*Version != 1)
    return errorAt(Off, "unknown binary version " + Twine(*Version));
  return Error::success();
}

Error ModuleDecoder::readSection(uint8_t Id, ByteReader &S) {
  switch (Id) {
  case TypeId:
    return readTypes(S);
  case ImportId:
    return readImports(S);
  case FunctionId:
    return readFunctions(S);
  case TableId:
    return readTables(S);
  case MemoryId:
    return readMemories(S);
  case TagId:
    return S.error("not supported yet: exception-handling");
  case GlobalId:
    return readGlobals(S);
  case ExportId:
    return readExports(S);
  case StartId:
    return readStart(S);
  case ElemId:
    return readElems(S);
  case DataCountId:
    return readDataCount(S);
  case CodeId:
    return readCode(S);
  case DataId:
    return readDatas(S);
  default:
    llvm_unreachable("ranked section id");
  }
}

/// Reads the "name" section leniently: a malformed one is ignored, as the
/// spec asks of custom sections.
static void readNames(ByteReader S, Module &M) {
  auto Fail = [&](Error E) {
    consumeError(std::move(E));
    M.FuncNames.clear();
    M.ModuleName.clear();
  };
  while (!S.atEnd()) {
    auto Id = S.readU8();
    if (!Id)
      return Fail(Id.takeError());
    auto Size = S.readVarU32();
    if (!Size)
      return Fail(Size.takeError());
    auto Sub = S.subReader(*Size);
    if (!Sub)
      return Fail(Sub.takeError());
    if (*Id == 0) {
      auto Name = Sub->readName();
      if (!Name)
        return Fail(Name.takeError());
      M.ModuleName = *Name;
    } else if (*Id == 1) {
      auto N = Sub->readCount(2);
      if (!N)
        return Fail(N.takeError());
      for (uint32_t I = 0; I < *N; ++I) {
        auto Idx = Sub->readVarU32();
        if (!Idx)
          return Fail(Idx.takeError());
        auto Name = Sub->readName();
        if (!Name)
          return Fail(Name.takeError());
        M.FuncNames[*Idx] = *Name;
      }
    }
  }
}

Error ModuleDecoder::readCustom(ByteReader &S, uint64_t Offset) {
  CustomSection C;
  C.Offset = Offset;
  if (Error E = assign(S.readName(), C.Name))
    return E;
  auto Data = S.readBytes(S.remaining());
  C.Data = *Data;
  if (C.Name == "name")
    readNames(ByteReader(C.Data, S.offset() - C.Data.size()), *M);
  M->Customs.push_back(std::move(C));
  return Error::success();
}

static Error readValTypes(ByteReader &S, SmallVectorImpl<ValType> &List) {
  auto Count = S.readCount(1);
  if (!Count)
    return Count.takeError();
  for (uint32_t K = 0; K < *Count; ++K) {
    auto V = readValType(S);
    if (!V)
      return V.takeError();
    List.push_back(*V);
  }
  return Error::success();
}

Error ModuleDecoder::readTypes(ByteReader &S) {
  // A function type takes 3 bytes, but a gc type can take 2, and those
  // deserve "not supported yet" rather than "unexpected end".
  auto N = S.readCount(2);
  if (!N)
    return N.takeError();
  M->Types.reserve(*N);
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t Off = S.offset();
    auto Form = S.readU8();
    if (!Form)
      return Form.takeError();
    if (*Form == 0x4e || *Form == 0x50 || *Form == 0x4f || *Form == 0x5e ||
        *Form == 0x5f)
      return errorAt(Off, "not supported yet: gc");
    if (*Form != 0x60)
      return errorAt(Off, "malformed function type: expected 0x60");
    FuncType T;
    if (Error E = readValTypes(S, T.Params))
      return E;
    if (Error E = readValTypes(S, T.Results))
      return E;
    M->Types.push_back(std::move(T));
  }
  return Error::success();
}

Error ModuleDecoder::readImports(ByteReader &S) {
  auto N = S.readCount(4);
  if (!N)
    return N.takeError();
  M->Imports.reserve(*N);
  for (uint32_t I = 0; I < *N; ++I) {
    Import Imp;
    Imp.Offset = S.offset();
    if (Error E = assign(S.readName(), Imp.Module))
      return E;
    if (Error E = assign(S.readName(), Imp.Name))
      return E;
    uint64_t KindOff = S.offset();
    auto Kind = S.readU8();
    if (!Kind)
      return Kind.takeError();
    switch (*Kind) {
    case 0: {
      uint32_t T;
      if (Error E = assign(S.readVarU32(), T))
        return E;
      Imp.Type = TypeIndex(T);
      Imp.Index = M->Funcs.size();
      Function F;
      F.Type = Imp.Type;
      F.Imported = true;
      F.DeclOffset = Imp.Offset;
      M->Funcs.push_back(std::move(F));
      ++M->NumImportedFuncs;
      break;
    }
    case 1:
      if (Error E = assign(readTableType(S), Imp.Table))
        return E;
      Imp.Index = M->Tables.size();
      M->Tables.push_back({Imp.Table, true, Imp.Offset});
      ++M->NumImportedTables;
      break;
    case 2:
      if (Error E = assign(readLimits(S, true), Imp.Memory.Pages))
        return E;
      Imp.Index = M->Memories.size();
      M->Memories.push_back({Imp.Memory, true, Imp.Offset});
      ++M->NumImportedMemories;
      break;
    case 3:
      if (Error E = assign(readGlobalType(S), Imp.Global))
        return E;
      Imp.Index = M->Globals.size();
      M->Globals.push_back({Imp.Global, true, {}, Imp.Offset});
      ++M->NumImportedGlobals;
      break;
    case 4:
      return errorAt(KindOff, "not supported yet: exception-handling");
    default:
      return errorAt(KindOff, "malformed import kind " + Twine(*Kind));
    }
    Imp.Kind = ExternKind(*Kind);
    M->Imports.push_back(std::move(Imp));
  }
  return Error::success();
}

Error ModuleDecoder::readFunctions(ByteReader &S) {
  auto N = S.readCount(1);
  if (!N)
    return N.takeError();
  NumDeclaredFuncs = *N;
  M->Funcs.reserve(M->Funcs.size() + *N);
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t Off = S.offset();
    uint32_t T;
    if (Error E = assign(S.readVarU32(), T))
      return E;
    Function F;
    F.Type = TypeIndex(T);
    F.DeclOffset = Off;
    M->Funcs.push_back(std::move(F));
  }
  return Error::success();
}

Error ModuleDecoder::readTables(ByteReader &S) {
  auto N = S.readCount(3);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    Table T;
    T.Offset = S.offset();
    if (Error E = assign(readTableType(S), T.Type))
      return E;
    M->Tables.push_back(T);
  }
  return Error::success();
}

Error ModuleDecoder::readMemories(ByteReader &S) {
  auto N = S.readCount(2);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    Memory Mem;
    Mem.Offset = S.offset();
    if (Error E = assign(readLimits(S, true), Mem.Type.Pages))
      return E;
    M->Memories.push_back(Mem);
  }
  return Error::success();
}

Error ModuleDecoder::readGlobals(ByteReader &S) {
  auto N = S.readCount(3);
  if (!N)
    return N.takeError();
  for (uint32_t I = 0; I < *N; ++I) {
    Global G;
    G.Offset = S.offset();
    if (Error E = assign(readGlobalType(S), G.Type))
      return E;
    if (Error E = assign(readConstExpr(S), G.Init))
      return E;
    M->Globals.push_back(std::move(G));
  }
  return Error::success();
}

Error ModuleDecoder::readExports(ByteReader &S) {
  auto N = S.readCount(3);
  if (!N)
    return N.takeError();
  M->Exports.reserve(*N);
  for (uint32_t I = 0; I < *N; ++I) {
    Export Ex;
    Ex.Offset = S.offset();
    if (Error E = assign(S.readName(), Ex.Name))
      return E;
    uint64_t KindOff = S.offset();
    auto Kind = S.readU8();
    if (!Kind)
      return Kind.takeError();
    if (*Kind == 4)
      return errorAt(KindOff, "not supported yet: exception-handling");
    if (*Kind > 3)
      return errorAt(KindOff, "malformed export kind " + Twine(*Kind));
    Ex.Kind = ExternKind(*Kind);
    if (Error E = assign(S.readVarU32(), Ex.Index))
      return E;
    M->Exports.push_back(std::move(Ex));
  }
  return Error::success();
}

Error ModuleDecoder::readStart(ByteReader &S) {
  M->StartOffset = S.offset();
  uint32_t F;
  if (Error E = assign(S.readVarU32(), F))
    return E;
  M->Start = FuncIndex(F);
  return Error::success();
}

Error ModuleDecoder::readElems(ByteReader &S) {
  auto N = S.readCount(3);
  if (!N)
    return N.takeError();
  M->Elems.reserve(*N);
  for (uint32_t I = 0; I < *N; ++I) {
    ElemSegment E;
    E.Offset = S.offset();
    if (Error Err = readElem(S, E))
      return Err;
    M->Elems.push_back(std::move(E));
  }
  return Error::success();
}

/// One element segment. Flags bit 0: passive or declarative (else active);
/// bit 1: explicit table index (active) or declarative (bit 0 set);
/// bit 2: items are expressions and the type is a reference type.
Error ModuleDecoder::readElem(ByteReader &S, ElemSegment &E) {
  uint64_t FlagsOff = S.offset();
  auto Flags = S.readVarU32();
  if (!Flags)
    return Flags.takeError();
  if (*Flags > 7)
    return errorAt(FlagsOff, "malformed elements segment kind " +
                                 Twine(*Flags));
  bool NotActive = *Flags & 1, Bit1 = *Flags & 2;
  E.UsesExprs = *Flags & 4;
  if (NotActive) {
    E.Mode = Bit1 ? SegmentMode::Declarative : SegmentMode::Passive;
  } else {
    E.Mode = SegmentMode::Active;
    if (Bit1) {
      uint32_t T;
      if (Error Err = assign(S.readVarU32(), T))
        return Err;
      E.Table = TableIndex(T);
    }
    if (Error Err = assign(readConstExpr(S), E.OffsetExpr))
      return Err;
  }
  // Flags 0 and 4 imply funcref; the others spell the kind or type.
  if (NotActive || Bit1) {
    if (E.UsesExprs) {
      if (Error Err = assign(readRefType(S), E.Type))
        return Err;
    } else {
      uint64_t KindOff = S.offset();
      auto Kind = S.readU8();
      if (!Kind)
        return Kind.takeError();
      if (*Kind != 0)
        return errorAt(KindOff, "malformed element kind " + Twine(*Kind));
    }
  }
  auto Count = S.readCount(1);
  if (!Count)
    return Count.takeError();
  for (uint32_t K = 0; K < *Count; ++K) {
    if (E.UsesExprs) {
      auto CE = readConstExpr(S);
      if (!CE)
        return CE.takeError();
      E.Exprs.push_back(std::move(*CE));
    } else {
      uint32_t F;
      if (Error Err = assign(S.readVarU32(), F))
        return Err;
      E.FuncIndices.push_back(F);
    }
  }
  return Error::success();
}

Error ModuleDecoder::readDataCount(ByteReader &S) {
  uint32_t N;
  if (Error E = assign(S.readVarU32(), N))
    return E;
  M->DataCount = N;
  return Error::success();
}

Error ModuleDecoder::readCode(ByteReader &S) {
  SawCode = true;
  uint64_t Off = S.offset();
  auto N = S.readCount(1);
  if (!N)
    return N.takeError();
  if (*N != NumDeclaredFuncs)
    return errorAt(Off, "function and code section have inconsistent lengths");
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t BodyOff = S.offset();
    auto Size = S.readVarU32();
    if (!Size)
      return Size.takeError();
    auto Body = S.subReader(*Size);
    if (!Body)
      return Body.takeError();
    Function &F = M->Funcs[M->NumImportedFuncs + I];
    F.BodyOffset = BodyOff;
    if (Error E = readBody(*Body, F))
      return E;
  }
  return Error::success();
}

Error ModuleDecoder::readBody(ByteReader &S, Function &F) {
  auto N = S.readCount(2);
  if (!N)
    return N.takeError();
  uint64_t Total = 0;
  for (uint32_t I = 0; I < *N; ++I) {
    uint64_t Off = S.offset();
    LocalDecl D;
    if (Error E = assign(S.readVarU32(), D.Count))
      return E;
    Total += D.Count;
    if (Total > MaxLocals)
      return errorAt(Off, "too many locals (more than " + Twine(MaxLocals) +
                              ")");
    if (Error E = assign(readValType(S), D.Type))
      return E;
    if (D.Count)
      F.Locals.push_back(D);
  }
  F.NumLocals = uint32_t(Total);
  F.CodeOffset = S.offset();
  F.Code = *S.readBytes(S.remaining());
  if (F.Code.empty())
    return errorAt(F.CodeOffset, "unexpected end of function body");
  return Error::success();
}

Error ModuleDecoder::readDatas(ByteReader &S) {
  auto N = S.readCount(2);
  if (!N)
    return N.takeError();
  M->Datas.reserve(*N);
  for (uint32_t I = 0; I < *N; ++I) {
    DataSegment D;
    D.Offset = S.offset();
    auto Flags = S.readVarU32();
    if (!Flags)
      return Flags.takeError();
    if (*Flags > 2)
      return errorAt(D.Offset, "malformed data segment kind " + Twine(*Flags));
    D.Mode = *Flags == 1 ? SegmentMode::Passive : SegmentMode::Active;
    if (*Flags == 2) {
      uint32_t Mem;
      if (Error E = assign(S.readVarU32(), Mem))
        return E;
      D.Memory = MemoryIndex(Mem);
    }
    if (*Flags != 1)
      if (Error E = assign(readConstExpr(S), D.OffsetExpr))
        return E;
    auto Len = S.readVarU32();
    if (!Len)
      return Len.takeError();
    D.BytesOffset = S.offset();
    if (Error E = assign(S.readBytes(*Len), D.Bytes))
      return E;
    M->Datas.push_back(std::move(D));
  }
  return Error::success();
}

/// Instructions that may appear in a constant expression (their types and
/// indices are checked by the validator).
bool mayBeConstant(Opcode Op) {
  switch (Op) {
  case Opcode::I32Const:
  case Opcode::I64Const:
  case Opcode::F32Const:
  case Opcode::F64Const:
  case Opcode::V128Const:
  case Opcode::RefNull:
  case Opcode::RefFunc:
  case Opcode::GlobalGet:
  case Opcode::I32Add:
  case Opcode::I32Sub:
  case Opcode::I32Mul:
  case Opcode::I64Add:
  case Opcode::I64Sub:
  case Opcode::I64Mul:
    return true;
  default:
    return false;
  }
}

} // namespace

Expected<ConstExpr> readConstExpr(ByteReader &R) {
  ConstExpr CE;
  CE.Offset = R.offset();
  InstrReader IR(R);
  Instr I;
  for (;;) {
    if (Error E = IR.read(I))
      return std::move(E);
    if (I.Op == Opcode::End)
      break;
    if (!mayBeConstant(I.Op))
      return errorAt(I.Offset, "constant expression required");
    CE.Instrs.push_back(I);
  }
  R = IR.bytes();
  return CE;
}

bool looksLikeCoreModule(ArrayRef<uint8_t> Bytes) {
  static const uint8_t Header[] = {0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0};
  return Bytes.size() >= 8 && Bytes.take_front(8) == ArrayRef(Header);
}

Expected<std::unique_ptr<Module>> decodeModule(ArrayRef<uint8_t> Bytes,
                                               uint64_t BaseOffset) {
  return ModuleDecoder(Bytes, BaseOffset).run();
}

} // namespace weld::core
