//===- CoreInterface.cpp - Interface of an embedded core module -----------===//
//
// A deliberately small core decoder: enough to know the types of a module's
// imports and exports and to reject structurally broken modules (bad
// preamble, sections out of order or overrunning, out-of-range indices,
// duplicate export names, function/code count mismatch). Function bodies,
// element and data segments are skipped; compiler/Core validates them.
//
//===----------------------------------------------------------------------===//

#include "Component/CoreInterface.h"

#include "llvm/ADT/StringSet.h"

using namespace llvm;

namespace weld::component {

#define TRY(Var, Expr)                                                         \
  auto Var##OrErr = (Expr);                                                    \
  if (!Var##OrErr)                                                             \
    return Var##OrErr.takeError();                                             \
  auto Var = *Var##OrErr;

static bool isAbbrevRef(uint8_t B) {
  return B >= 0x69 && B <= 0x74;
}

Expected<CoreValType> readCoreRefType(ByteReader &R) {
  uint64_t Off = R.offset();
  TRY(B, R.readU8());
  if (B == 0x64 || B == 0x63) {
    TRY(P, R.peekU8());
    if (P == 0x65) { // shared abstract heap type
      (void)R.readU8();
      TRY(A, R.readU8());
      return CoreValType{B, -0x100 - int64_t(A)};
    }
    TRY(H, R.readVarS33());
    return CoreValType{B, H};
  }
  if (B == 0x65) { // shared abbreviation
    TRY(A, R.readU8());
    return CoreValType{0x63, -0x100 - int64_t(A)};
  }
  if (isAbbrevRef(B))
    return CoreValType{B, 0};
  return errorAt(Off, "invalid reference type");
}

Expected<CoreValType> readCoreValType(ByteReader &R) {
  uint64_t Off = R.offset();
  TRY(B, R.peekU8());
  if (B >= 0x7b && B <= 0x7f) {
    (void)R.readU8();
    return CoreValType{B, 0};
  }
  if (B == 0x64 || B == 0x63 || isAbbrevRef(B))
    return readCoreRefType(R);
  return errorAt(Off, "invalid value type");
}

Error readCoreLimits(ByteReader &R, CoreExternType &T, bool Memory) {
  uint64_t Off = R.offset();
  auto Flags = R.readU8();
  if (!Flags)
    return Flags.takeError();
  uint8_t F = *Flags;
  if (F & ~0x0fu)
    return errorAt(Off, Memory ? "malformed memory limits flags"
                               : "malformed table limits flags");
  T.Is64 = F & 0x04;
  T.Shared = F & 0x02;
  bool HasMax = F & 0x01;
  bool HasPage = F & 0x08;
  if (!Memory && HasPage)
    return errorAt(Off, "malformed table limits flags");
  auto ReadBound = [&]() -> Expected<uint64_t> {
    if (T.Is64)
      return R.readVarU64();
    auto V = R.readVarU32();
    if (!V)
      return V.takeError();
    return uint64_t(*V);
  };
  auto Min = ReadBound();
  if (!Min)
    return Min.takeError();
  T.Limits.Min = *Min;
  if (HasMax) {
    auto Max = ReadBound();
    if (!Max)
      return Max.takeError();
    T.Limits.Max = *Max;
  }
  if (HasPage) {
    auto P = R.readVarU32();
    if (!P)
      return P.takeError();
    if (*P > 16)
      return errorAt(Off, "invalid custom page size");
    T.PageSizeLog2 = *P;
  }
  if (T.Limits.Max && *T.Limits.Max < T.Limits.Min)
    return errorAt(Off, "size minimum must not be greater than maximum");
  if (Memory) {
    // At most 2^32 (32-bit) or 2^64 (64-bit) bytes of pages.
    unsigned AddrBits = T.Is64 ? 64 : 32;
    uint64_t MaxPages = AddrBits - T.PageSizeLog2 >= 64
                            ? UINT64_MAX
                            : uint64_t(1) << (AddrBits - T.PageSizeLog2);
    if (T.Is64 && T.PageSizeLog2 == 16)
      MaxPages = uint64_t(1) << 48;
    if (T.Limits.Min > MaxPages || (T.Limits.Max && *T.Limits.Max > MaxPages))
      return errorAt(Off, "memory size must be at most " + Twine(MaxPages) +
                              " pages");
  }
  if (T.Is64 || T.Shared || T.PageSizeLog2 != 16)
    T.UsesProposals = true;
  return Error::success();
}

Expected<TypeId> readCoreFuncType(ByteReader &R, TypeStore &Types) {
  std::vector<CoreValType> P, Res;
  TRY(NP, R.readCount());
  for (uint32_t I = 0; I < NP; ++I) {
    TRY(T, readCoreValType(R));
    P.push_back(T);
  }
  TRY(NR, R.readCount());
  for (uint32_t I = 0; I < NR; ++I) {
    TRY(T, readCoreValType(R));
    Res.push_back(T);
  }
  return Types.internCoreFunc(std::move(P), std::move(Res));
}

/// Skips a constant expression up to and including its final `end`.
static Error skipConstExpr(ByteReader &R) {
  for (;;) {
    uint64_t Off = R.offset();
    auto Op = R.readU8();
    if (!Op)
      return Op.takeError();
    switch (*Op) {
    case 0x0b:
      return Error::success();
    case 0x41: // i32.const
      if (auto V = R.readVarS32(); !V)
        return V.takeError();
      break;
    case 0x42: // i64.const
      if (auto V = R.readVarS64(); !V)
        return V.takeError();
      break;
    case 0x43:
      if (auto V = R.readFixedU32(); !V)
        return V.takeError();
      break;
    case 0x44:
      if (auto V = R.readFixedU64(); !V)
        return V.takeError();
      break;
    case 0x23: // global.get
    case 0xd2: // ref.func
      if (auto V = R.readVarU32(); !V)
        return V.takeError();
      break;
    case 0xd0: // ref.null
      if (auto V = R.readVarS33(); !V)
        return V.takeError();
      break;
    case 0x6a: case 0x6b: case 0x6c: case 0x7c: case 0x7d: case 0x7e:
      break; // extended-const arithmetic
    case 0xfd: { // v128.const
      auto Sub = R.readVarU32();
      if (!Sub)
        return Sub.takeError();
      if (*Sub != 12)
        return errorAt(Off, "constant expression required");
      if (auto V = R.readBytes(16); !V)
        return V.takeError();
      break;
    }
    case 0xfb: { // GC constant instructions
      auto Sub = R.readVarU32();
      if (!Sub)
        return Sub.takeError();
      unsigned Imms = 0;
      switch (*Sub) {
      case 0: case 1: case 6: case 7: Imms = 1; break; // struct.new[_default], array.new[_default]
      case 8: Imms = 2; break;                         // array.new_fixed
      case 0x1a: case 0x1b: case 0x1c: Imms = 0; break; // any/extern convert, ref.i31
      default: return errorAt(Off, "constant expression required");
      }
      for (unsigned I = 0; I < Imms; ++I)
        if (auto V = R.readVarU32(); !V)
          return V.takeError();
      break;
    }
    default:
      return errorAt(Off, "constant expression required");
    }
  }
}

bool coreExternMatches(const CoreExternType &A, const CoreExternType &E) {
  if (A.K != E.K)
    return false;
  auto LimitsOK = [&]() {
    if (A.Limits.Min < E.Limits.Min)
      return false;
    if (E.Limits.Max) {
      if (!A.Limits.Max || *A.Limits.Max > *E.Limits.Max)
        return false;
    }
    return true;
  };
  switch (A.K) {
  case CoreExternType::Func:
  case CoreExternType::Tag:
    return A.FuncType == E.FuncType;
  case CoreExternType::Table:
    return A.Val == E.Val && A.Is64 == E.Is64 && LimitsOK();
  case CoreExternType::Memory:
    return A.Is64 == E.Is64 && A.Shared == E.Shared &&
           A.PageSizeLog2 == E.PageSizeLog2 && LimitsOK();
  case CoreExternType::Global:
    return A.Val == E.Val && A.Mutable == E.Mutable;
  }
  return false;
}

namespace {
/// Decoding state of one module.
struct ModuleReader {
  TypeStore &Types;
  CoreModuleType M;
  /// Type index space: interned function types (invalid for GC types).
  std::vector<TypeId> TypeSpace;
  std::vector<TypeId> Funcs; // function index -> core func type
  std::vector<CoreExternType> Tables, Memories, Globals, Tags;
  uint32_t DefinedFuncs = 0;
  bool SawFunctionSection = false;
  /// Saw GC types, tags or table initializers (see UsesProposals).
  bool Proposals = false;

  explicit ModuleReader(TypeStore &T) : Types(T) {}

  Expected<TypeId> funcType(ByteReader &R) {
    uint64_t Off = R.offset();
    TRY(Idx, R.readVarU32());
    if (Idx >= TypeSpace.size())
      return errorAt(Off, "unknown type " + Twine(Idx) + ": type index out of bounds");
    if (!TypeSpace[Idx].valid() || Types.kind(TypeSpace[Idx]) != TypeKind::CoreFunc)
      return errorAt(Off, "type " + Twine(Idx) + " is not a function type");
    return TypeSpace[Idx];
  }

  Error readCompType(ByteReader &R) {
    uint64_t Off = R.offset();
    TRY(B, R.readU8());
    if (B == 0x60) {
      TRY(F, readCoreFuncType(R, Types));
      TypeSpace.push_back(F);
      return Error::success();
    }
    if (B == 0x5f || B == 0x5e) {
      uint32_t N = 1;
      if (B == 0x5f) {
        TRY(Count, R.readCount());
        N = Count;
      }
      for (uint32_t I = 0; I < N; ++I) {
        TRY(S, R.peekU8());
        if (S == 0x78 || S == 0x77)
          (void)R.readU8();
        else if (auto V = readCoreValType(R); !V)
          return V.takeError();
        TRY(Mut, R.readU8());
        if (Mut > 1)
          return errorAt(R.offset() - 1, "malformed mutability");
      }
      TypeSpace.push_back(Types.internCoreOpaque(
          B == 0x5f ? TypeKind::CoreStruct : TypeKind::CoreArray,
          std::to_string(Off)));
      return Error::success();
    }
    return errorAt(Off, "malformed composite type");
  }

  Error readSubType(ByteReader &R) {
    TRY(B, R.peekU8());
    if (B == 0x50 || B == 0x4f) {
      Proposals = true;
      (void)R.readU8();
      TRY(N, R.readCount());
      for (uint32_t I = 0; I < N; ++I)
        if (auto V = R.readVarU32(); !V)
          return V.takeError();
    }
    return readCompType(R);
  }

  Error typeSection(ByteReader &R) {
    TRY(N, R.readCount());
    for (uint32_t I = 0; I < N; ++I) {
      TRY(B, R.peekU8());
      if (B == 0x4e) {
        Proposals = true;
        (void)R.readU8();
        TRY(K, R.readCount());
        for (uint32_t J = 0; J < K; ++J)
          if (auto E = readSubType(R))
            return E;
      } else if (auto E = readSubType(R)) {
        return E;
      }
    }
    return Error::success();
  }

  Expected<CoreExternType> externType(ByteReader &R, uint8_t Kind) {
    CoreExternType T;
    switch (Kind) {
    case 0x00: {
      T.K = CoreExternType::Func;
      TRY(F, funcType(R));
      T.FuncType = F;
      return T;
    }
    case 0x01: {
      T.K = CoreExternType::Table;
      TRY(V, readCoreRefType(R));
      T.Val = V;
      if (auto E = readCoreLimits(R, T, false))
        return std::move(E);
      return T;
    }
    case 0x02:
      T.K = CoreExternType::Memory;
      if (auto E = readCoreLimits(R, T, true))
        return std::move(E);
      return T;
    case 0x03: {
      T.K = CoreExternType::Global;
      TRY(V, readCoreValType(R));
      T.Val = V;
      uint64_t Off = R.offset();
      TRY(Mut, R.readU8());
      if (Mut > 1)
        return errorAt(Off, "malformed mutability");
      T.Mutable = Mut;
      return T;
    }
    case 0x04: {
      T.K = CoreExternType::Tag;
      uint64_t Off = R.offset();
      TRY(Attr, R.readU8());
      if (Attr != 0)
        return errorAt(Off, "invalid tag attributes");
      TRY(F, funcType(R));
      T.FuncType = F;
      return T;
    }
    default:
      return errorAt(R.offset() - 1, "malformed import kind");
    }
  }

  void define(const CoreExternType &T) {
    switch (T.K) {
    case CoreExternType::Func: Funcs.push_back(T.FuncType); break;
    case CoreExternType::Table: Tables.push_back(T); break;
    case CoreExternType::Memory: Memories.push_back(T); break;
    case CoreExternType::Global: Globals.push_back(T); break;
    case CoreExternType::Tag: Tags.push_back(T); break;
    }
  }

  Error importSection(ByteReader &R) {
    TRY(N, R.readCount());
    for (uint32_t I = 0; I < N; ++I) {
      TRY(Mod, R.readName());
      TRY(Name, R.readName());
      TRY(Kind, R.readU8());
      TRY(T, externType(R, Kind));
      define(T);
      for (const CoreImport &Prev : M.Imports)
        if (Prev.Module == Mod && Prev.Name == Name)
          return errorAt(R.offset(), "duplicate import name `" + Mod + ":" +
                                         Name + "` already defined");
      M.Imports.push_back({Mod, Name, T});
    }
    return Error::success();
  }

  Error exportSection(ByteReader &R) {
    TRY(N, R.readCount());
    StringSet<> Seen;
    for (uint32_t I = 0; I < N; ++I) {
      uint64_t Off = R.offset();
      TRY(Name, R.readName());
      TRY(Kind, R.readU8());
      uint64_t IdxOff = R.offset();
      TRY(Idx, R.readVarU32());
      CoreExternType T;
      auto Pick = [&](auto &Space, const char *What) -> Error {
        if (Idx >= Space.size())
          return errorAt(IdxOff, Twine("unknown ") + What + " " + Twine(Idx));
        return Error::success();
      };
      switch (Kind) {
      case 0x00:
        if (auto E = Pick(Funcs, "function"))
          return E;
        T.K = CoreExternType::Func;
        T.FuncType = Funcs[Idx];
        break;
      case 0x01:
        if (auto E = Pick(Tables, "table"))
          return E;
        T = Tables[Idx];
        break;
      case 0x02:
        if (auto E = Pick(Memories, "memory"))
          return E;
        T = Memories[Idx];
        break;
      case 0x03:
        if (auto E = Pick(Globals, "global"))
          return E;
        T = Globals[Idx];
        break;
      case 0x04:
        if (auto E = Pick(Tags, "tag"))
          return E;
        T = Tags[Idx];
        break;
      default:
        return errorAt(IdxOff - 1, "malformed export kind");
      }
      if (!Seen.insert(Name).second)
        return errorAt(Off, "duplicate export name `" + Name + "`");
      M.Exports.emplace_back(Name, T);
    }
    return Error::success();
  }

  Error section(uint8_t Id, ByteReader &R) {
    switch (Id) {
    case 1:
      return typeSection(R);
    case 2:
      return importSection(R);
    case 3: {
      SawFunctionSection = true;
      TRY(N, R.readCount());
      for (uint32_t I = 0; I < N; ++I) {
        TRY(F, funcType(R));
        Funcs.push_back(F);
      }
      DefinedFuncs = N;
      return Error::success();
    }
    case 4: {
      TRY(N, R.readCount());
      for (uint32_t I = 0; I < N; ++I) {
        CoreExternType T;
        T.K = CoreExternType::Table;
        TRY(B, R.peekU8());
        bool HasInit = B == 0x40;
        Proposals |= HasInit;
        if (HasInit) {
          (void)R.readU8();
          TRY(Z, R.readU8());
          if (Z != 0)
            return errorAt(R.offset() - 1, "malformed table type");
        }
        TRY(V, readCoreRefType(R));
        T.Val = V;
        if (auto E = readCoreLimits(R, T, false))
          return E;
        if (HasInit)
          if (auto E = skipConstExpr(R))
            return E;
        Tables.push_back(T);
      }
      return Error::success();
    }
    case 5: {
      TRY(N, R.readCount());
      for (uint32_t I = 0; I < N; ++I) {
        CoreExternType T;
        T.K = CoreExternType::Memory;
        if (auto E = readCoreLimits(R, T, true))
          return E;
        Memories.push_back(T);
      }
      return Error::success();
    }
    case 6: {
      TRY(N, R.readCount());
      for (uint32_t I = 0; I < N; ++I) {
        TRY(T, externType(R, 0x03));
        if (auto E = skipConstExpr(R))
          return E;
        Globals.push_back(T);
      }
      return Error::success();
    }
    case 7:
      return exportSection(R);
    case 13: {
      TRY(N, R.readCount());
      for (uint32_t I = 0; I < N; ++I) {
        TRY(T, externType(R, 0x04));
        Tags.push_back(T);
      }
      return Error::success();
    }
    case 10: {
      uint64_t Off = R.offset();
      TRY(N, R.readCount());
      if (N != DefinedFuncs)
        return errorAt(Off, "function and code section have inconsistent lengths");
      // Bodies are validated by the core validator.
      (void)R.readBytes(R.remaining());
      return Error::success();
    }
    default:
      (void)R.readBytes(R.remaining());
      return Error::success();
    }
  }
};
} // namespace

/// Position of a section id in the required order (custom sections aside).
static int sectionOrder(uint8_t Id) {
  static const int Order[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
  // type import func table memory tag global export start elem datacount code data
  switch (Id) {
  case 1: return 1;
  case 2: return 2;
  case 3: return 3;
  case 4: return 4;
  case 5: return 5;
  case 13: return 6;
  case 6: return 7;
  case 7: return 8;
  case 8: return 9;
  case 9: return 10;
  case 12: return 11;
  case 10: return 12;
  case 11: return 13;
  default: (void)Order; return -1;
  }
}

Expected<CoreModuleType> decodeCoreModuleInterface(ArrayRef<uint8_t> Bytes,
                                                   uint64_t Base,
                                                   TypeStore &Types) {
  ByteReader R(Bytes, Base);
  TRY(Magic, R.readFixedU32());
  if (Magic != 0x6d736100)
    return errorAt(Base, "magic header not detected");
  TRY(Version, R.readFixedU32());
  if (Version != 1)
    return errorAt(Base + 4, "unknown binary version");
  ModuleReader MR(Types);
  int Last = 0;
  bool SawCode = false;
  while (!R.atEnd()) {
    uint64_t Off = R.offset();
    TRY(Id, R.readU8());
    TRY(Size, R.readVarU32());
    TRY(Sub, R.subReader(Size));
    if (Id == 0) {
      if (auto N = Sub.readName(); !N)
        return N.takeError();
      continue;
    }
    int Ord = sectionOrder(Id);
    if (Ord < 0)
      return errorAt(Off, "malformed section id");
    if (Ord <= Last)
      return errorAt(Off, "section out of order");
    Last = Ord;
    SawCode |= Id == 10;
    if (auto E = MR.section(Id, Sub))
      return std::move(E);
    if (!Sub.atEnd())
      return errorAt(Sub.offset(), "section size mismatch");
  }
  if (!SawCode && MR.DefinedFuncs != 0)
    return errorAt(R.offset(), "function and code section have inconsistent lengths");
  MR.M.UsesProposals |= MR.Proposals;
  auto Basic = [](const CoreValType &V) {
    return (V.Code >= 0x7b && V.Code <= 0x7f) || V.Code == 0x70 || V.Code == 0x6f;
  };
  for (TypeId T : MR.TypeSpace) {
    if (!T.valid() || Types.kind(T) != TypeKind::CoreFunc) {
      MR.M.UsesProposals = true;
      continue;
    }
    auto &[P, Res] = Types.coreFunc(T);
    for (auto &V : P)
      MR.M.UsesProposals |= !Basic(V);
    for (auto &V : Res)
      MR.M.UsesProposals |= !Basic(V);
  }
  for (auto *Space : {&MR.Tables, &MR.Memories, &MR.Globals})
    for (const CoreExternType &T : *Space)
      MR.M.UsesProposals |= T.UsesProposals || (T.K != CoreExternType::Memory && !Basic(T.Val));
  MR.M.UsesProposals |= !MR.Tags.empty();
  return std::move(MR.M);
}

} // namespace weld::component
