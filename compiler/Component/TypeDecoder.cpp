//===- TypeDecoder.cpp - Component and core type definitions --------------===//
//
// Decodes type sections and type declarators (component, instance and core
// module types) into the TypeStore, validating each as Binary.md requires:
// value types refer to value types, handles to resources, no borrow in
// results, labels in kebab case and strongly unique, no resources defined
// inside type declarators, canonical-ABI size below 2^28.
//
//===----------------------------------------------------------------------===//

#include "Component/Validator.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace weld::component {

static std::optional<TypeKind> primitiveOf(uint8_t B) {
  switch (B) {
  case 0x7f: return TypeKind::Bool;
  case 0x7e: return TypeKind::S8;
  case 0x7d: return TypeKind::U8;
  case 0x7c: return TypeKind::S16;
  case 0x7b: return TypeKind::U16;
  case 0x7a: return TypeKind::S32;
  case 0x79: return TypeKind::U32;
  case 0x78: return TypeKind::S64;
  case 0x77: return TypeKind::U64;
  case 0x76: return TypeKind::F32;
  case 0x75: return TypeKind::F64;
  case 0x74: return TypeKind::Char;
  case 0x73: return TypeKind::String;
  case 0x64: return TypeKind::ErrorContext;
  default: return std::nullopt;
  }
}

static Error typeIndexError(uint64_t Off, uint32_t I) {
  return errorAt(Off, "unknown type " + Twine(I) + ": type index out of bounds");
}

Expected<TypeId> Validator::valType(ByteReader &R, Scope &S) {
  uint64_t Off = R.offset();
  WELD_TRY(B, R.peekU8());
  if (auto P = primitiveOf(B)) {
    (void)R.readU8();
    if (*P == TypeKind::ErrorContext && !feats().ErrorContext)
      return errorAt(Off, "`error-context` requires the component model error-context feature");
    return Types.primitive(*P);
  }
  WELD_TRY(V, R.readVarS33());
  if (V < 0)
    return errorAt(Off, "invalid leading byte (0x" + utohexstr(B) +
                            ") for component value type");
  if (uint64_t(V) >= S.Types.size())
    return typeIndexError(Off, uint32_t(V));
  TypeId T = S.Types[V];
  if (!isValueKind(Types.kind(T)))
    return errorAt(Off, "type index " + Twine(V) + " is not a defined type");
  return T;
}

/// Reads an optional value type (<T>? in Binary.md).
static Expected<TypeId> optValType(Validator &V, ByteReader &R, Scope &S) {
  uint64_t Off = R.offset();
  WELD_TRY(B, R.readU8());
  if (B == 0)
    return TypeId();
  if (B != 1)
    return errorAt(Off, "invalid leading byte (0x" + utohexstr(B) +
                            ") for optional value type");
  return V.valType(R, S);
}

/// Reads labels (names) with kebab-case and uniqueness checks.
static Error readLabel(ByteReader &R, std::vector<std::string> &Seen,
                       std::string &Out, const char *What) {
  uint64_t Off = R.offset();
  WELD_TRY(Name, R.readName());
  if (!isLabelText(Name))
    return errorAt(Off, Twine(What) + " name `" + Name + "` is not in kebab case");
  std::string Key = StringRef(Name).lower();
  for (auto &Prev : Seen)
    if (Prev == Key)
      return errorAt(Off, Twine(What) + " name `" + Name +
                              "` conflicts with previous " + What + " name");
  Seen.push_back(Key);
  Out = Name;
  return Error::success();
}

Expected<TypeId> Validator::funcType(ByteReader &R, Scope &S, bool Async) {
  TypeNode N;
  N.Kind = TypeKind::Func;
  N.Length = Async;
  WELD_TRY(NP, R.readCount());
  std::vector<std::string> Seen;
  for (uint32_t I = 0; I < NP; ++I) {
    std::string L;
    if (auto E = readLabel(R, Seen, L, "function parameter"))
      return std::move(E);
    WELD_TRY(T, valType(R, S));
    N.Names.push_back(L);
    N.Elems.push_back(T);
  }
  uint64_t Off = R.offset();
  WELD_TRY(RK, R.readU8());
  if (RK == 0x00) {
    WELD_TRY(T, valType(R, S));
    if (Types.abi(T).ContainsBorrow)
      return errorAt(Off, "function result cannot contain a `borrow` type");
    N.Result = T;
  } else if (RK == 0x01) {
    WELD_TRY(Z, R.readU8());
    if (Z != 0)
      return errorAt(Off + 1, "invalid leading byte (0x" + utohexstr(Z) +
                                  ") for number of results");
  } else {
    return errorAt(Off, "invalid leading byte (0x" + utohexstr(RK) +
                            ") for component function results");
  }
  return Types.define(std::move(N));
}

/// Decodes a defined value type after its opcode byte Op.
static Expected<TypeId> defValType(Validator &V, ByteReader &R, Scope &S,
                                   uint8_t Op, uint64_t Off) {
  TypeStore &Types = V.Types;
  if (auto P = primitiveOf(Op)) {
    if (*P == TypeKind::ErrorContext && !V.feats().ErrorContext)
      return errorAt(Off, "`error-context` requires the component model error-context feature");
    TypeNode N;
    N.Kind = *P;
    return Types.define(std::move(N));
  }
  TypeNode N;
  std::vector<std::string> Seen;
  switch (Op) {
  case 0x72: { // record
    N.Kind = TypeKind::Record;
    WELD_TRY(Count, R.readCount());
    if (Count == 0)
      return errorAt(Off, "record type must have at least one field");
    for (uint32_t I = 0; I < Count; ++I) {
      std::string L;
      if (auto E = readLabel(R, Seen, L, "record field"))
        return std::move(E);
      WELD_TRY(T, V.valType(R, S));
      N.Names.push_back(L);
      N.Elems.push_back(T);
    }
    break;
  }
  case 0x71: { // variant
    N.Kind = TypeKind::Variant;
    WELD_TRY(Count, R.readCount());
    if (Count == 0)
      return errorAt(Off, "variant type must have at least one case");
    for (uint32_t I = 0; I < Count; ++I) {
      std::string L;
      if (auto E = readLabel(R, Seen, L, "variant case"))
        return std::move(E);
      WELD_TRY(T, optValType(V, R, S));
      uint64_t ROff = R.offset();
      WELD_TRY(Refines, R.readU8());
      if (Refines != 0)
        return errorAt(ROff, "variant case refines is not supported");
      N.Names.push_back(L);
      N.Elems.push_back(T);
    }
    break;
  }
  case 0x70:
  case 0x67: { // list, fixed-length list
    N.Kind = Op == 0x70 ? TypeKind::List : TypeKind::FixedList;
    if (Op == 0x67 && !V.feats().FixedLengthLists)
      return errorAt(Off, "Fixed-length lists require the component model fixed-length lists feature");
    WELD_TRY(T, V.valType(R, S));
    N.Elems.push_back(T);
    if (Op == 0x67) {
      WELD_TRY(Len, R.readVarU32());
      if (Len == 0)
        return errorAt(Off, "Fixed size lists must have more than zero elements");
      N.Length = Len;
    }
    break;
  }
  case 0x6f: { // tuple
    N.Kind = TypeKind::Tuple;
    WELD_TRY(Count, R.readCount());
    if (Count == 0)
      return errorAt(Off, "tuple type must have at least one type");
    for (uint32_t I = 0; I < Count; ++I) {
      WELD_TRY(T, V.valType(R, S));
      N.Elems.push_back(T);
    }
    break;
  }
  case 0x6e:
  case 0x6d: { // flags, enum
    N.Kind = Op == 0x6e ? TypeKind::Flags : TypeKind::Enum;
    WELD_TRY(Count, R.readCount());
    if (Count == 0)
      return errorAt(Off, Op == 0x6e ? "flags must have at least one entry"
                                     : "enum type must have at least one variant");
    if (Op == 0x6e && Count > 32)
      return errorAt(Off, "cannot have more than 32 flags");
    for (uint32_t I = 0; I < Count; ++I) {
      std::string L;
      if (auto E = readLabel(R, Seen, L, Op == 0x6e ? "flag" : "enum tag"))
        return std::move(E);
      N.Names.push_back(L);
    }
    break;
  }
  case 0x6b: { // option
    N.Kind = TypeKind::Option;
    WELD_TRY(T, V.valType(R, S));
    N.Elems.push_back(T);
    break;
  }
  case 0x6a: { // result
    N.Kind = TypeKind::Result;
    WELD_TRY(Ok, optValType(V, R, S));
    WELD_TRY(Err, optValType(V, R, S));
    N.Elems = {Ok, Err};
    break;
  }
  case 0x69:
  case 0x68: { // own, borrow
    N.Kind = Op == 0x69 ? TypeKind::Own : TypeKind::Borrow;
    uint64_t IOff = R.offset();
    WELD_TRY(Idx, R.readVarU32());
    if (Idx >= S.Types.size())
      return typeIndexError(IOff, Idx);
    if (Types.kind(S.Types[Idx]) != TypeKind::Resource)
      return errorAt(IOff, "type index " + Twine(Idx) + " is not a resource type");
    N.Elems.push_back(S.Types[Idx]);
    break;
  }
  case 0x66:
  case 0x65: { // stream, future
    N.Kind = Op == 0x66 ? TypeKind::Stream : TypeKind::Future;
    WELD_TRY(T, optValType(V, R, S));
    if (T.valid() && Types.abi(T).ContainsBorrow)
      return errorAt(Off, "stream and future payloads cannot contain a `borrow`");
    if (Op == 0x66 && T.valid() && Types.kind(T) == TypeKind::Char)
      return errorAt(Off, "`stream<char>` is not valid at this time");
    N.Elems.push_back(T);
    break;
  }
  case 0x63: { // map
    N.Kind = TypeKind::Map;
    if (!V.feats().Map)
      return errorAt(Off, "Maps require the component model map feature");
    uint64_t KOff = R.offset();
    WELD_TRY(K, V.valType(R, S));
    WELD_TRY(Val, V.valType(R, S));
    TypeKind KK = Types.kind(K);
    if (!(KK == TypeKind::Bool || (KK >= TypeKind::S8 && KK <= TypeKind::U64) ||
          KK == TypeKind::Char || KK == TypeKind::String))
      return errorAt(KOff, "map key type must be a primitive integer, bool, char or string");
    N.Elems = {K, Val};
    break;
  }
  default:
    return errorAt(Off, "invalid leading byte (0x" + utohexstr(Op) +
                            ") for component defined type");
  }
  TypeId Id = Types.define(std::move(N));
  if (Types.abi(Id).Size64 >= MaxTypeSize)
    return errorAt(Off, "effective type size exceeds the limit of " +
                            Twine(MaxTypeSize));
  return Id;
}

Error Validator::checkTypeSize(TypeId T, uint64_t Off) {
  if (Types.get(T).EffSize > MaxTypeSize)
    return errorAt(Off, "effective type size exceeds the limit of " +
                            Twine(MaxTypeSize));
  return Error::success();
}

Error Validator::type(ByteReader &R, Scope &S) {
  uint64_t Off = R.offset();
  if (auto E = typeDef(R, S))
    return E;
  TypeId T = S.Types.back();
  if (isValueKind(Types.kind(T)) && Types.get(T).Depth > MaxTypeDepth)
    return errorAt(Off, "type nesting is too deep");
  return checkTypeSize(T, Off);
}

Error Validator::typeDef(ByteReader &R, Scope &S) {
  uint64_t Off = R.offset();
  WELD_TRY(Op, R.readU8());
  switch (Op) {
  case 0x40:
  case 0x43: {
    WELD_TRY(T, funcType(R, S, Op == 0x43));
    S.Types.push_back(T);
    return Error::success();
  }
  case 0x41: {
    WELD_TRY(T, componentType(R));
    S.Types.push_back(T);
    return Error::success();
  }
  case 0x42: {
    WELD_TRY(T, instanceType(R));
    S.Types.push_back(T);
    return Error::success();
  }
  case 0x3f: { // resource
    if (S.K != Scope::ComponentDef)
      return errorAt(Off, "resources can only be defined within a concrete component");
    uint64_t ROff = R.offset();
    WELD_TRY(Rep, readCoreValType(R));
    if (Rep != CoreValType::i32() && Rep != CoreValType::i64())
      return errorAt(ROff, "resources can only be represented by `i32` or `i64`");
    if (Rep == CoreValType::i64() && !Limits.Feats.CM64)
      return errorAt(ROff, "resources with `i64` require the `cm64` feature to be enabled");
    WELD_TRY(HasDtor, R.readU8());
    if (HasDtor == 1) {
      uint64_t DOff = R.offset();
      WELD_TRY(F, R.readVarU32());
      if (F >= S.CoreFuncs.size())
        return errorAt(DOff, "unknown core func " + Twine(F) +
                                 ": core func index out of bounds");
      auto &[P, Res] = Types.coreFunc(S.CoreFuncs[F]);
      if (P.size() != 1 || P[0] != Rep || !Res.empty())
        return errorAt(DOff, "wrong signature for a destructor");
    } else if (HasDtor != 0) {
      return errorAt(ROff, "invalid leading byte for optional destructor");
    }
    ResourceId Res = Types.freshResource();
    S.LocalResources.insert(Res);
    TypeNode N;
    N.Kind = TypeKind::Resource;
    N.Res = Res;
    N.Length = Rep == CoreValType::i64();
    S.Types.push_back(Types.define(std::move(N)));
    return Error::success();
  }
  default: {
    WELD_TRY(T, defValType(*this, R, S, Op, Off));
    S.Types.push_back(T);
    return Error::success();
  }
  }
}

Error Validator::typeSection(ByteReader &R) {
  Scope &S = cur();
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    if (auto E = type(R, S))
      return E;
    S.C->Defs.push_back({Definition::Type, uint32_t(S.Types.size() - 1), Off});
  }
  return Error::success();
}

/// Reads a core sub/comp type into S's core type space.
static Error coreSubType(Validator &V, ByteReader &R, Scope &S,
                         size_t Limit = 0) {
  std::vector<TypeId> &Space = S.CoreTypes;
  if (Limit < Space.size() + 1)
    Limit = Space.size() + 1;
  uint64_t Off = R.offset();
  WELD_TRY(B, R.readU8());
  if (B == 0x50 || B == 0x4f) {
    if (B == 0x50)
      S.NonFinalCoreTypes.insert(Space.size());
    WELD_TRY(N, R.readCount());
    for (uint32_t I = 0; I < N; ++I) {
      uint64_t SOff = R.offset();
      WELD_TRY(Super, R.readVarU32());
      if (Super >= Space.size())
        return errorAt(SOff, "unknown type " + Twine(Super) +
                                 ": type index out of bounds");
      if (!S.NonFinalCoreTypes.count(Super))
        return errorAt(SOff, "sub type cannot have a final super type");
    }
    Off = R.offset();
    WELD_TRY(C, R.readU8());
    B = C;
  }
  if (B == 0x60) {
    WELD_TRY(F, readCoreFuncType(R, V.Types));
    auto &[P, Res] = V.Types.coreFunc(F);
    for (auto *L : {&P, &Res})
      for (const CoreValType &X : *L) {
        if ((X.Code != 0x63 && X.Code != 0x64) || X.HeapType < 0)
          continue;
        if (uint64_t(X.HeapType) >= Limit)
          return errorAt(Off, "unknown type " + Twine(X.HeapType) +
                                  ": type index out of bounds");
        if (uint64_t(X.HeapType) < Space.size() &&
            V.Types.kind(Space[X.HeapType]) == TypeKind::CoreModule)
          return errorAt(Off, "type index " + Twine(X.HeapType) +
                                  " is a module type");
      }
    Space.push_back(F);
    return Error::success();
  }
  if (B == 0x5f || B == 0x5e) {
    uint32_t N = 1;
    if (B == 0x5f) {
      WELD_TRY(Count, R.readCount());
      N = Count;
    }
    for (uint32_t I = 0; I < N; ++I) {
      WELD_TRY(St, R.peekU8());
      if (St == 0x78 || St == 0x77)
        (void)R.readU8();
      else if (auto T = readCoreValType(R); !T)
        return T.takeError();
      WELD_TRY(Mut, R.readU8());
      if (Mut > 1)
        return errorAt(R.offset() - 1, "malformed mutability");
    }
    Space.push_back(V.Types.internCoreOpaque(
        B == 0x5f ? TypeKind::CoreStruct : TypeKind::CoreArray,
        std::to_string(Off)));
    return Error::success();
  }
  return errorAt(Off, "invalid leading byte (0x" + utohexstr(B) +
                          ") for core type");
}

Error Validator::coreType(ByteReader &R, Scope &S, bool InModuleType) {
  uint64_t Off = R.offset();
  WELD_TRY(B, R.peekU8());
  if (B == 0x50 && InModuleType)
    return coreSubType(*this, R, S);
  if (B == 0x50) {
    (void)R.readU8();
    WELD_TRY(T, moduleType(R));
    S.CoreTypes.push_back(T);
    return Error::success();
  }
  if (B == 0x00) {
    (void)R.readU8();
    WELD_TRY(Sub, R.peekU8());
    if (Sub != 0x50)
      return errorAt(Off + 1, "invalid leading byte (0x" + utohexstr(Sub) +
                                  ") for non-final sub type");
    return coreSubType(*this, R, S);
  }
  if (B == 0x4e) {
    (void)R.readU8();
    WELD_TRY(N, R.readCount());
    size_t Limit = S.CoreTypes.size() + N;
    for (uint32_t I = 0; I < N; ++I)
      if (auto E = coreSubType(*this, R, S, Limit))
        return E;
    return Error::success();
  }
  return coreSubType(*this, R, S);
}

Error Validator::coreTypeSection(ByteReader &R) {
  Scope &S = cur();
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    if (auto E = coreType(R, S, false))
      return E;
    S.C->Defs.push_back({Definition::CoreType, uint32_t(S.CoreTypes.size() - 1), Off});
  }
  return Error::success();
}

Expected<TypeId> Validator::moduleType(ByteReader &R) {
  Scope S(Scope::InstanceTypeDecl);
  CoreModuleType M;
  WELD_TRY(N, R.readCount());
  std::set<std::string> ExportNames;
  std::set<std::pair<std::string, std::string>> ImportNames;
  auto Extern = [&](ByteReader &R) -> Expected<CoreExternType> {
    uint64_t Off = R.offset();
    WELD_TRY(K, R.readU8());
    CoreExternType T;
    switch (K) {
    case 0x00:
    case 0x04: {
      if (K == 0x04) {
        WELD_TRY(Attr, R.readU8());
        if (Attr != 0)
          return errorAt(Off + 1, "invalid tag attributes");
      }
      uint64_t IOff = R.offset();
      WELD_TRY(Idx, R.readVarU32());
      if (Idx >= S.CoreTypes.size())
        return typeIndexError(IOff, Idx);
      if (Types.kind(S.CoreTypes[Idx]) != TypeKind::CoreFunc)
        return errorAt(IOff, "type index " + Twine(Idx) + " is not a function type");
      T.K = K == 0 ? CoreExternType::Func : CoreExternType::Tag;
      T.FuncType = S.CoreTypes[Idx];
      return T;
    }
    case 0x01: {
      T.K = CoreExternType::Table;
      WELD_TRY(V, readCoreRefType(R));
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
      WELD_TRY(V, readCoreValType(R));
      T.Val = V;
      WELD_TRY(Mut, R.readU8());
      if (Mut > 1)
        return errorAt(R.offset() - 1, "malformed mutability");
      T.Mutable = Mut;
      return T;
    }
    default:
      return errorAt(Off, "invalid leading byte (0x" + utohexstr(K) +
                              ") for type ref");
    }
  };
  Stack.push_back(&S);
  llvm::scope_exit Pop([&] { Stack.pop_back(); });
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    WELD_TRY(Tag, R.readU8());
    switch (Tag) {
    case 0x00: {
      WELD_TRY(Mod, R.readName());
      WELD_TRY(Name, R.readName());
      WELD_TRY(T, Extern(R));
      if (!ImportNames.insert({Mod, Name}).second)
        return errorAt(Off, "duplicate import name `" + Mod + ":" + Name + "`");
      M.Imports.push_back({Mod, Name, T});
      break;
    }
    case 0x01:
      if (auto E = coreType(R, S, true))
        return std::move(E);
      break;
    case 0x02: {
      WELD_TRY(So, R.readU8());
      WELD_TRY(Kind, R.readU8());
      if (So != 0x10 || Kind != 0x01)
        return errorAt(Off, "only outer type aliases are allowed in module types");
      WELD_TRY(Count, R.readVarU32());
      uint64_t IOff = R.offset();
      WELD_TRY(Idx, R.readVarU32());
      if (Count >= Stack.size())
        return errorAt(IOff, "invalid outer alias count of " + Twine(Count));
      Scope &T = *Stack[Stack.size() - 1 - Count];
      if (Idx >= T.CoreTypes.size())
        return typeIndexError(IOff, Idx);
      if (Types.kind(T.CoreTypes[Idx]) == TypeKind::CoreModule)
        return errorAt(IOff, "cannot alias a module type into a module type");
      S.CoreTypes.push_back(T.CoreTypes[Idx]);
      break;
    }
    case 0x03: {
      WELD_TRY(Name, R.readName());
      WELD_TRY(T, Extern(R));
      if (!ExportNames.insert(Name).second)
        return errorAt(Off, "duplicate export name `" + Name + "`");
      M.Exports.emplace_back(Name, T);
      break;
    }
    default:
      return errorAt(Off, "invalid leading byte (0x" + utohexstr(Tag) +
                              ") for module type declaration");
    }
  }
  return Types.internCoreModule(std::move(M));
}

/// Reads the declarators of a component type (Component true) or instance
/// type into a fresh scope and builds the type.
static Expected<TypeId> declarators(Validator &V, ByteReader &R,
                                    bool Component) {
  Scope S(Component ? Scope::ComponentTypeDecl : Scope::InstanceTypeDecl);
  V.Stack.push_back(&S);
  llvm::scope_exit Pop([&] { V.Stack.pop_back(); });
  if (V.Stack.size() > V.Limits.MaxNesting)
    return errorAt(R.offset(), "type declarators nested too deeply");
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    WELD_TRY(Tag, R.readU8());
    switch (Tag) {
    case 0x00:
      if (auto E = V.coreType(R, S, false))
        return std::move(E);
      break;
    case 0x01:
      if (auto E = V.type(R, S))
        return std::move(E);
      break;
    case 0x02:
      if (auto E = V.alias(R, S, true))
        return std::move(E);
      break;
    case 0x03: {
      if (!Component)
        return errorAt(Off, "invalid leading byte (0x3) for instance type declaration");
      Validator::NameAttrs Attrs;
      WELD_TRY(Name, V.externName(R, &Attrs));
      WELD_TRY(T, V.externType(R, S, true, Name));
      if (auto E = V.checkNameAttrs(Name, Attrs, T, Off))
        return std::move(E);
      if (auto E = V.addImport(S, Name, T, Off))
        return std::move(E);
      break;
    }
    case 0x04: {
      Validator::NameAttrs Attrs;
      WELD_TRY(Name, V.externName(R, &Attrs));
      WELD_TRY(T, V.externType(R, S, false, Name));
      if (auto E = V.checkNameAttrs(Name, Attrs, T, Off))
        return std::move(E);
      if (auto E = V.addExport(S, Name, T, Off))
        return std::move(E);
      break;
    }
    default:
      return errorAt(Off, "invalid leading byte (0x" + utohexstr(Tag) +
                              (Component ? ") for component type declaration"
                                         : ") for instance type declaration"));
    }
  }
  if (Component) {
    ComponentTypeInfo Info;
    Info.Imports = std::move(S.Imports);
    Info.Exports = std::move(S.Exports);
    Info.ImportedResources = std::move(S.ImportedResources);
    Info.DefinedResources = std::move(S.DefinedResources);
    return V.Types.internComponent(std::move(Info));
  }
  InstanceTypeInfo Info;
  Info.Exports = std::move(S.Exports);
  Info.DefinedResources = std::move(S.DefinedResources);
  return V.Types.internInstance(std::move(Info));
}

Expected<TypeId> Validator::componentType(ByteReader &R) {
  return declarators(*this, R, true);
}
Expected<TypeId> Validator::instanceType(ByteReader &R) {
  return declarators(*this, R, false);
}

Expected<EntityType> Validator::externType(ByteReader &R, Scope &S,
                                           bool IsImport, StringRef Name) {
  uint64_t Off = R.offset();
  WELD_TRY(K, R.readU8());
  auto TypeAt = [&](TypeKind Want, const char *What) -> Expected<TypeId> {
    uint64_t IOff = R.offset();
    WELD_TRY(Idx, R.readVarU32());
    if (Idx >= S.Types.size())
      return typeIndexError(IOff, Idx);
    if (Types.kind(S.Types[Idx]) != Want)
      return errorAt(IOff, "type index " + Twine(Idx) + " is not a " + What +
                               " type");
    return S.Types[Idx];
  };
  switch (K) {
  case 0x00: {
    WELD_TRY(C, R.readU8());
    if (C != 0x11)
      return errorAt(Off + 1, "invalid leading byte (0x" + utohexstr(C) +
                                  ") for core sort in extern type");
    uint64_t IOff = R.offset();
    WELD_TRY(Idx, R.readVarU32());
    if (Idx >= S.CoreTypes.size())
      return typeIndexError(IOff, Idx);
    if (Types.kind(S.CoreTypes[Idx]) != TypeKind::CoreModule)
      return errorAt(IOff, "core type index " + Twine(Idx) +
                               " is not a module type");
    return EntityType{EntityKind::Module, S.CoreTypes[Idx]};
  }
  case 0x01: {
    WELD_TRY(T, TypeAt(TypeKind::Func, "function"));
    return EntityType{EntityKind::Func, T};
  }
  case 0x02: {
    if (!feats().Values)
      return errorAt(R.offset() - 1, "support for component model `value`s is not enabled");
    WELD_TRY(T, valType(R, S));
    return EntityType{EntityKind::Value, T};
  }
  case 0x03: {
    WELD_TRY(B, R.readU8());
    if (B == 0x00) {
      uint64_t IOff = R.offset();
      WELD_TRY(Idx, R.readVarU32());
      if (Idx >= S.Types.size())
        return typeIndexError(IOff, Idx);
      return EntityType{EntityKind::Type, S.Types[Idx]};
    }
    if (B != 0x01)
      return errorAt(Off + 1, "invalid leading byte (0x" + utohexstr(B) +
                                  ") for type bound");
    // (sub resource): a fresh abstract resource.
    ResourceId Res = Types.freshResource();
    TypeNode N;
    N.Kind = TypeKind::Resource;
    N.Res = Res;
    TypeId T = Types.define(std::move(N));
    if (IsImport)
      S.ImportedResources.push_back(Res);
    else
      S.DefinedResources.push_back(Res);
    return EntityType{EntityKind::Type, T};
  }
  case 0x04: {
    WELD_TRY(T, TypeAt(TypeKind::Component, "component"));
    return EntityType{EntityKind::Component, T};
  }
  case 0x05: {
    WELD_TRY(T, TypeAt(TypeKind::Instance, "instance"));
    return EntityType{EntityKind::Instance, T};
  }
  default:
    return errorAt(Off, "invalid leading byte (0x" + utohexstr(K) +
                            ") for component external kind");
  }
}

} // namespace weld::component
