//===- Types.cpp - Interned component and core types ----------------------===//
//
// Interning keys are byte strings that serialize a node completely, so a
// lookup never depends on pointer values. The canonical ABI facts follow
// CanonicalABI.md's alignment, elem_size and flatten_type definitions, with
// despecialization (tuple as record, enum/option/result as variant, map as a
// list of pairs) written out case by case.
//
//===----------------------------------------------------------------------===//

#include "Component/Types.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace llvm;

namespace weld::component {

bool isPrimitive(TypeKind K) { return K <= TypeKind::ErrorContext; }
bool isValueKind(TypeKind K) { return K <= TypeKind::Map; }

const char *primitiveName(TypeKind K) {
  switch (K) {
  case TypeKind::Bool: return "bool";
  case TypeKind::S8: return "s8";
  case TypeKind::U8: return "u8";
  case TypeKind::S16: return "s16";
  case TypeKind::U16: return "u16";
  case TypeKind::S32: return "s32";
  case TypeKind::U32: return "u32";
  case TypeKind::S64: return "s64";
  case TypeKind::U64: return "u64";
  case TypeKind::F32: return "f32";
  case TypeKind::F64: return "f64";
  case TypeKind::Char: return "char";
  case TypeKind::String: return "string";
  case TypeKind::ErrorContext: return "error-context";
  default: return "?";
  }
}

const char *entityKindName(EntityKind K) {
  switch (K) {
  case EntityKind::Module: return "module";
  case EntityKind::Func: return "func";
  case EntityKind::Value: return "value";
  case EntityKind::Type: return "type";
  case EntityKind::Instance: return "instance";
  case EntityKind::Component: return "component";
  }
  return "?";
}

std::string coreValTypeName(const CoreValType &T) {
  switch (T.Code) {
  case 0x7f: return "i32";
  case 0x7e: return "i64";
  case 0x7d: return "f32";
  case 0x7c: return "f64";
  case 0x7b: return "v128";
  case 0x70: return "funcref";
  case 0x6f: return "externref";
  case 0x64:
  case 0x63: {
    std::string S = T.Code == 0x63 ? "(ref null " : "(ref ";
    return S + std::to_string(T.HeapType) + ")";
  }
  default: {
    std::string S;
    raw_string_ostream OS(S);
    OS << "ref-0x";
    OS.write_hex(T.Code);
    return S;
  }
  }
}

TypeStore::TypeStore() {
  for (unsigned K = 0; K <= unsigned(TypeKind::ErrorContext); ++K) {
    TypeNode N;
    N.Kind = TypeKind(K);
    intern(std::move(N));
  }
}

TypeId TypeStore::primitive(TypeKind K) {
  assert(isPrimitive(K));
  return TypeId{uint32_t(K)};
}

static void putU32(std::string &Key, uint32_t V) {
  Key.append(reinterpret_cast<const char *>(&V), 4);
}
static void putStr(std::string &Key, StringRef S) {
  putU32(Key, S.size());
  Key.append(S.data(), S.size());
}

TypeId TypeStore::add(TypeNode N, std::string Key) {
  auto It = Interned.find(Key);
  if (It != Interned.end())
    return It->second;
  if (isValueKind(N.Kind))
    N.ABI = computeABI(N);
  computeSize(N);
  TypeId Id{uint32_t(Nodes.size())};
  Nodes.push_back(std::move(N));
  Interned.emplace(std::move(Key), Id);
  return Id;
}

void TypeStore::computeSize(TypeNode &N) const {
  uint64_t Size = 1;
  uint32_t Depth = 1;
  auto Add = [&](TypeId T) {
    if (!T.valid())
      return;
    const TypeNode &E = Nodes[T.V];
    Size = std::min<uint64_t>(Size + E.EffSize, UINT32_MAX);
    Depth = std::max(Depth, std::min<uint32_t>(E.Depth + 1, 1000));
  };
  auto AddAll = [&](const NamedEntities &L) {
    for (auto &E : L)
      Add(E.second.Type);
  };
  if (N.Kind == TypeKind::Component) {
    AddAll(Components[N.Extra].Imports);
    AddAll(Components[N.Extra].Exports);
  } else if (N.Kind == TypeKind::Instance) {
    AddAll(Instances[N.Extra].Exports);
  } else if (isValueKind(N.Kind) || N.Kind == TypeKind::Func) {
    for (TypeId E : N.Elems)
      Add(E);
    Add(N.Result);
  }
  N.EffSize = uint32_t(Size);
  N.Depth = Depth;
}

TypeId TypeStore::intern(TypeNode N) {
  std::string Key;
  Key.push_back(char(N.Kind));
  putU32(Key, N.Names.size());
  for (auto &S : N.Names)
    putStr(Key, S);
  putU32(Key, N.Elems.size());
  for (TypeId E : N.Elems)
    putU32(Key, E.V);
  putU32(Key, N.Result.V);
  putU32(Key, N.Length);
  putU32(Key, N.Res.V);
  return add(std::move(N), std::move(Key));
}

static void putEntities(std::string &Key, const NamedEntities &E) {
  putU32(Key, E.size());
  for (auto &[Name, T] : E) {
    putStr(Key, Name);
    Key.push_back(char(T.Kind));
    putU32(Key, T.Type.V);
  }
}

TypeId TypeStore::internComponent(ComponentTypeInfo Info) {
  std::string Key(1, char(TypeKind::Component));
  putEntities(Key, Info.Imports);
  putEntities(Key, Info.Exports);
  for (auto *L : {&Info.ImportedResources, &Info.DefinedResources}) {
    putU32(Key, L->size());
    for (ResourceId R : *L)
      putU32(Key, R.V);
  }
  auto It = Interned.find(Key);
  if (It != Interned.end())
    return It->second;
  TypeNode N;
  N.Kind = TypeKind::Component;
  N.Extra = Components.size();
  Components.push_back(std::move(Info));
  return add(std::move(N), std::move(Key));
}

TypeId TypeStore::internInstance(InstanceTypeInfo Info) {
  std::string Key(1, char(TypeKind::Instance));
  putEntities(Key, Info.Exports);
  putU32(Key, Info.DefinedResources.size());
  for (ResourceId R : Info.DefinedResources)
    putU32(Key, R.V);
  auto It = Interned.find(Key);
  if (It != Interned.end())
    return It->second;
  TypeNode N;
  N.Kind = TypeKind::Instance;
  N.Extra = Instances.size();
  Instances.push_back(std::move(Info));
  return add(std::move(N), std::move(Key));
}

static void putCoreVal(std::string &Key, const CoreValType &T) {
  Key.push_back(char(T.Code));
  putU32(Key, uint32_t(T.HeapType));
  putU32(Key, uint32_t(uint64_t(T.HeapType) >> 32));
}

TypeId TypeStore::internCoreFunc(std::vector<CoreValType> Params,
                                 std::vector<CoreValType> Results) {
  std::string Key(1, char(TypeKind::CoreFunc));
  putU32(Key, Params.size());
  for (auto &P : Params)
    putCoreVal(Key, P);
  putU32(Key, Results.size());
  for (auto &R : Results)
    putCoreVal(Key, R);
  auto It = Interned.find(Key);
  if (It != Interned.end())
    return It->second;
  TypeNode N;
  N.Kind = TypeKind::CoreFunc;
  N.Extra = CoreFuncs.size();
  CoreFuncs.emplace_back(std::move(Params), std::move(Results));
  return add(std::move(N), std::move(Key));
}

static void putCoreExtern(std::string &Key, const CoreExternType &T) {
  Key.push_back(char(T.K));
  putU32(Key, T.FuncType.V);
  putCoreVal(Key, T.Val);
  putU32(Key, uint32_t(T.Limits.Min));
  putU32(Key, uint32_t(T.Limits.Min >> 32));
  Key.push_back(T.Limits.Max ? 1 : 0);
  if (T.Limits.Max) {
    putU32(Key, uint32_t(*T.Limits.Max));
    putU32(Key, uint32_t(*T.Limits.Max >> 32));
  }
  Key.push_back(char(T.Is64 | (T.Shared << 1) | (T.Mutable << 2)));
  putU32(Key, T.PageSizeLog2);
}

TypeId TypeStore::internCoreModule(CoreModuleType M) {
  std::string Key(1, char(TypeKind::CoreModule));
  putU32(Key, M.Imports.size());
  for (auto &I : M.Imports) {
    putStr(Key, I.Module);
    putStr(Key, I.Name);
    putCoreExtern(Key, I.Type);
  }
  putU32(Key, M.Exports.size());
  for (auto &[Name, T] : M.Exports) {
    putStr(Key, Name);
    putCoreExtern(Key, T);
  }
  auto It = Interned.find(Key);
  if (It != Interned.end())
    return It->second;
  TypeNode N;
  N.Kind = TypeKind::CoreModule;
  N.Extra = CoreModules.size();
  CoreModules.push_back(std::move(M));
  return add(std::move(N), std::move(Key));
}

TypeId TypeStore::internCoreOpaque(TypeKind K, std::string Key) {
  std::string Full(1, char(K));
  Full += Key;
  TypeNode N;
  N.Kind = K;
  return add(std::move(N), std::move(Full));
}

ResourceId TypeStore::freshResource() { return ResourceId{NextResource++}; }

TypeId TypeStore::resourceType(ResourceId R) {
  TypeNode N;
  N.Kind = TypeKind::Resource;
  N.Res = R;
  return intern(std::move(N));
}

//===----------------------------------------------------------------------===//
// Canonical ABI
//===----------------------------------------------------------------------===//

static uint64_t satAdd(uint64_t A, uint64_t B) {
  return A + B < A ? UINT64_MAX : A + B;
}
static uint64_t satMul(uint64_t A, uint64_t B) {
  if (A && B > UINT64_MAX / A)
    return UINT64_MAX;
  return A * B;
}
static uint64_t alignTo(uint64_t V, uint64_t A) {
  if (V > UINT64_MAX - A)
    return UINT64_MAX;
  return (V + A - 1) / A * A;
}
static uint32_t satAdd32(uint32_t A, uint64_t B) {
  uint64_t S = uint64_t(A) + B;
  return S > UINT32_MAX ? UINT32_MAX : uint32_t(S);
}

/// Size and alignment of the smallest integer holding N case indices.
static unsigned discriminantSize(uint64_t N) {
  if (N <= 256)
    return 1;
  if (N <= 65536)
    return 2;
  return 4;
}

ABIInfo TypeStore::computeABI(const TypeNode &N) const {
  ABIInfo A;
  auto Scalar = [&](unsigned Bytes) {
    A.Size32 = A.Size64 = Bytes;
    A.Align32 = A.Align64 = Bytes;
    A.FlatCount = 1;
  };
  // Combines element facts into this node.
  auto Inherit = [&](TypeId E) {
    if (!E.valid())
      return;
    const ABIInfo &EA = Nodes[E.V].ABI;
    A.NeedsMemory |= EA.NeedsMemory;
    A.ContainsBorrow |= EA.ContainsBorrow;
    A.ContainsAsync |= EA.ContainsAsync;
    A.ContainsResource |= EA.ContainsResource;
  };
  // A record over Fields.
  auto Record = [&](ArrayRef<TypeId> Fields) {
    uint64_t S32 = 0, S64 = 0;
    uint32_t A32 = 1, A64 = 1, Flat = 0;
    for (TypeId F : Fields) {
      const ABIInfo &FA = Nodes[F.V].ABI;
      S32 = satAdd(alignTo(S32, FA.Align32), FA.Size32);
      S64 = satAdd(alignTo(S64, FA.Align64), FA.Size64);
      A32 = std::max(A32, FA.Align32);
      A64 = std::max(A64, FA.Align64);
      Flat = satAdd32(Flat, FA.FlatCount);
      Inherit(F);
    }
    A.Size32 = alignTo(S32, A32);
    A.Size64 = alignTo(S64, A64);
    A.Align32 = A32;
    A.Align64 = A64;
    A.FlatCount = Flat;
  };
  // A variant over NumCases cases with the given payloads.
  auto Variant = [&](uint64_t NumCases, ArrayRef<TypeId> Payloads) {
    unsigned D = discriminantSize(NumCases);
    uint64_t Max32 = 0, Max64 = 0;
    uint32_t A32 = 1, A64 = 1, Flat = 0;
    for (TypeId P : Payloads) {
      if (!P.valid())
        continue;
      const ABIInfo &PA = Nodes[P.V].ABI;
      Max32 = std::max(Max32, PA.Size32);
      Max64 = std::max(Max64, PA.Size64);
      A32 = std::max(A32, PA.Align32);
      A64 = std::max(A64, PA.Align64);
      Flat = std::max(Flat, PA.FlatCount);
      Inherit(P);
    }
    A.Size32 = alignTo(satAdd(alignTo(D, A32), Max32), std::max<uint32_t>(D, A32));
    A.Size64 = alignTo(satAdd(alignTo(D, A64), Max64), std::max<uint32_t>(D, A64));
    A.Align32 = std::max<uint32_t>(D, A32);
    A.Align64 = std::max<uint32_t>(D, A64);
    A.FlatCount = satAdd32(Flat, 1);
  };
  auto List = [&](TypeId Elem) {
    A.Size32 = 8;
    A.Size64 = 16;
    A.Align32 = 4;
    A.Align64 = 8;
    A.FlatCount = 2;
    Inherit(Elem);
    A.NeedsMemory = true;
  };
  switch (N.Kind) {
  case TypeKind::Bool:
  case TypeKind::S8:
  case TypeKind::U8:
    Scalar(1);
    break;
  case TypeKind::S16:
  case TypeKind::U16:
    Scalar(2);
    break;
  case TypeKind::S32:
  case TypeKind::U32:
  case TypeKind::F32:
  case TypeKind::Char:
  case TypeKind::ErrorContext:
    Scalar(4);
    break;
  case TypeKind::S64:
  case TypeKind::U64:
  case TypeKind::F64:
    Scalar(8);
    break;
  case TypeKind::String:
    List(TypeId());
    break;
  case TypeKind::List:
    List(N.Elems[0]);
    break;
  case TypeKind::Map: {
    List(N.Elems[0]);
    Inherit(N.Elems[1]);
    break;
  }
  case TypeKind::FixedList: {
    const ABIInfo &EA = Nodes[N.Elems[0].V].ABI;
    A.Size32 = satMul(EA.Size32, N.Length);
    A.Size64 = satMul(EA.Size64, N.Length);
    A.Align32 = EA.Align32;
    A.Align64 = EA.Align64;
    uint64_t F = satMul(EA.FlatCount, N.Length);
    A.FlatCount = F > UINT32_MAX ? UINT32_MAX : uint32_t(F);
    Inherit(N.Elems[0]);
    break;
  }
  case TypeKind::Record:
  case TypeKind::Tuple:
    Record(N.Elems);
    break;
  case TypeKind::Variant:
    Variant(N.Elems.size(), N.Elems);
    break;
  case TypeKind::Enum:
    Variant(N.Names.size(), {});
    break;
  case TypeKind::Option:
    Variant(2, {TypeId(), N.Elems[0]});
    break;
  case TypeKind::Result:
    Variant(2, N.Elems);
    break;
  case TypeKind::Flags: {
    size_t Count = N.Names.size();
    Scalar(Count <= 8 ? 1 : Count <= 16 ? 2 : 4);
    break;
  }
  case TypeKind::Own:
  case TypeKind::Borrow:
    Scalar(4);
    A.ContainsBorrow = N.Kind == TypeKind::Borrow;
    A.ContainsResource = true;
    break;
  case TypeKind::Stream:
  case TypeKind::Future:
    Scalar(4);
    Inherit(N.Elems[0]);
    // A handle: its payload crosses through stream/future built-ins, never
    // through the lifting or lowering of the value itself.
    A.NeedsMemory = false;
    A.ContainsAsync = true;
    break;
  default:
    break;
  }
  return A;
}

static CoreValType joinFlat(CoreValType A, CoreValType B) {
  if (A == B)
    return A;
  bool AI = A.Code == 0x7f || A.Code == 0x7d, BI = B.Code == 0x7f || B.Code == 0x7d;
  if (AI && BI)
    return CoreValType::i32();
  return CoreValType::i64();
}

void TypeStore::flatten(TypeId T, CoreValType Ptr, std::vector<CoreValType> &Out,
                        size_t Limit) const {
  if (Out.size() > Limit)
    return;
  const TypeNode &N = Nodes[T.V];
  auto Variant = [&](ArrayRef<TypeId> Payloads) {
    Out.push_back(CoreValType::i32());
    std::vector<CoreValType> Joined;
    for (TypeId P : Payloads) {
      if (!P.valid())
        continue;
      std::vector<CoreValType> Case;
      flatten(P, Ptr, Case, Limit);
      for (size_t I = 0; I < Case.size(); ++I) {
        if (I < Joined.size())
          Joined[I] = joinFlat(Joined[I], Case[I]);
        else
          Joined.push_back(Case[I]);
      }
    }
    Out.insert(Out.end(), Joined.begin(), Joined.end());
  };
  switch (N.Kind) {
  case TypeKind::S64:
  case TypeKind::U64:
    Out.push_back(CoreValType::i64());
    return;
  case TypeKind::F32:
    Out.push_back(CoreValType::f32());
    return;
  case TypeKind::F64:
    Out.push_back(CoreValType::f64());
    return;
  case TypeKind::String:
  case TypeKind::List:
  case TypeKind::Map:
    Out.push_back(Ptr);
    Out.push_back(Ptr);
    return;
  case TypeKind::FixedList:
    for (uint32_t I = 0; I < N.Length && Out.size() <= Limit; ++I)
      flatten(N.Elems[0], Ptr, Out, Limit);
    return;
  case TypeKind::Record:
  case TypeKind::Tuple:
    for (TypeId E : N.Elems)
      flatten(E, Ptr, Out, Limit);
    return;
  case TypeKind::Variant:
  case TypeKind::Result:
    Variant(N.Elems);
    return;
  case TypeKind::Option:
    Variant({TypeId(), N.Elems[0]});
    return;
  case TypeKind::Enum:
    Variant({});
    return;
  default:
    Out.push_back(CoreValType::i32());
    return;
  }
}

//===----------------------------------------------------------------------===//
// Substitution of resources
//===----------------------------------------------------------------------===//

TypeId TypeStore::define(TypeNode N) {
  N.Nominal = true;
  std::string Key = "D";
  putU32(Key, NextDefinition++);
  return add(std::move(N), std::move(Key));
}

bool TypeStore::equal(TypeId A, TypeId B) const {
  if (A == B)
    return true;
  if (!A.valid() || !B.valid())
    return false;
  const TypeNode &X = Nodes[A.V], &Y = Nodes[B.V];
  if (X.Kind != Y.Kind)
    return false;
  if (isPrimitive(X.Kind))
    return true;
  if (X.Kind == TypeKind::Resource)
    return X.Res == Y.Res;
  if (X.Names != Y.Names || X.Elems.size() != Y.Elems.size() ||
      X.Length != Y.Length)
    return false;
  for (size_t I = 0; I < X.Elems.size(); ++I)
    if (!equal(X.Elems[I], Y.Elems[I]) &&
        (X.Elems[I].valid() || Y.Elems[I].valid()))
      return false;
  if (X.Result.valid() != Y.Result.valid())
    return false;
  return !X.Result.valid() || equal(X.Result, Y.Result);
}

TypeId TypeStore::substitute(TypeId T,
                             const std::map<ResourceId, ResourceId> &Map,
                             std::map<uint32_t, TypeId> &Memo, bool Deep) {
  if (!T.valid())
    return T;
  auto Found = Memo.find(T.V);
  if (Found != Memo.end())
    return Found->second;
  if (!Deep && (Map.empty() || (isValueKind(Nodes[T.V].Kind) &&
                                !Nodes[T.V].ABI.ContainsResource)))
    return T;
  if (Deep && isPrimitive(Nodes[T.V].Kind))
    return T;
  TypeNode N = Nodes[T.V];
  TypeId Out;
  switch (N.Kind) {
  case TypeKind::Resource: {
    auto It = Map.find(N.Res);
    if (It == Map.end()) {
      Out = T;
    } else if (N.Nominal) {
      // A named alias of the resource stays a distinct node.
      N.Res = It->second;
      N.AliasOf = substitute(N.AliasOf, Map, Memo, Deep);
      Out = define(std::move(N));
    } else {
      Out = resourceType(It->second);
    }
    break;
  }
  case TypeKind::Component: {
    ComponentTypeInfo Info = Components[N.Extra];
    for (auto &E : Info.Imports)
      E.second = substitute(E.second, Map, Memo, Deep);
    for (auto &E : Info.Exports)
      E.second = substitute(E.second, Map, Memo, Deep);
    Out = internComponent(std::move(Info));
    break;
  }
  case TypeKind::Instance: {
    InstanceTypeInfo Info = Instances[N.Extra];
    for (auto &E : Info.Exports)
      E.second = substitute(E.second, Map, Memo, Deep);
    Out = internInstance(std::move(Info));
    break;
  }
  case TypeKind::CoreFunc:
  case TypeKind::CoreModule:
  case TypeKind::CoreStruct:
  case TypeKind::CoreArray:
    Out = T;
    break;
  default: {
    bool Changed = false;
    for (TypeId &E : N.Elems) {
      TypeId New = substitute(E, Map, Memo, Deep);
      Changed |= New != E;
      E = New;
    }
    TypeId NewResult = substitute(N.Result, Map, Memo, Deep);
    Changed |= NewResult != N.Result;
    N.Result = NewResult;
    if (!Changed)
      Out = T;
    else
      Out = N.Nominal ? define(std::move(N)) : intern(std::move(N));
    break;
  }
  }
  Memo[T.V] = Out;
  return Out;
}

//===----------------------------------------------------------------------===//
// Description
//===----------------------------------------------------------------------===//

std::string TypeStore::describe(TypeId T) const {
  if (!T.valid())
    return "_";
  const TypeNode &N = Nodes[T.V];
  if (isPrimitive(N.Kind))
    return primitiveName(N.Kind);
  std::string S;
  auto Join = [&](ArrayRef<TypeId> Ts) {
    for (size_t I = 0; I < Ts.size(); ++I)
      S += (I ? ", " : "") + describe(Ts[I]);
  };
  auto Labels = [&](const char *Sep) {
    for (size_t I = 0; I < N.Names.size(); ++I) {
      S += (I ? ", " : "") + N.Names[I];
      if (I < N.Elems.size() && N.Elems[I].valid())
        S += Sep + describe(N.Elems[I]) + (Sep[0] == '(' ? ")" : "");
    }
  };
  switch (N.Kind) {
  case TypeKind::Record: S = "record { "; Labels(": "); S += " }"; break;
  case TypeKind::Variant: S = "variant { "; Labels("("); S += " }"; break;
  case TypeKind::Flags: S = "flags { "; Labels(""); S += " }"; break;
  case TypeKind::Enum: S = "enum { "; Labels(""); S += " }"; break;
  case TypeKind::List: S = "list<" + describe(N.Elems[0]) + ">"; break;
  case TypeKind::FixedList:
    S = "list<" + describe(N.Elems[0]) + ", " + std::to_string(N.Length) + ">";
    break;
  case TypeKind::Map:
    S = "map<" + describe(N.Elems[0]) + ", " + describe(N.Elems[1]) + ">";
    break;
  case TypeKind::Tuple: S = "tuple<"; Join(N.Elems); S += ">"; break;
  case TypeKind::Option: S = "option<" + describe(N.Elems[0]) + ">"; break;
  case TypeKind::Result:
    S = "result<" + describe(N.Elems[0]) + ", " + describe(N.Elems[1]) + ">";
    break;
  case TypeKind::Own: S = "own<" + describe(N.Elems[0]) + ">"; break;
  case TypeKind::Borrow: S = "borrow<" + describe(N.Elems[0]) + ">"; break;
  case TypeKind::Stream: S = "stream<" + describe(N.Elems[0]) + ">"; break;
  case TypeKind::Future: S = "future<" + describe(N.Elems[0]) + ">"; break;
  case TypeKind::Resource: S = "resource#" + std::to_string(N.Res.V); break;
  case TypeKind::Func:
    S = N.Length ? "async func(" : "func(";
    for (size_t I = 0; I < N.Names.size(); ++I)
      S += (I ? ", " : "") + N.Names[I] + ": " + describe(N.Elems[I]);
    S += ")";
    if (N.Result.valid())
      S += " -> " + describe(N.Result);
    break;
  case TypeKind::Instance: {
    S = "instance {";
    for (auto &[Name, E] : instance(T).Exports)
      S += " " + Name + ": " + entityKindName(E.Kind) + ";";
    S += " }";
    break;
  }
  case TypeKind::Component: {
    const ComponentTypeInfo &C = component(T);
    S = "component { " + std::to_string(C.Imports.size()) + " imports, " +
        std::to_string(C.Exports.size()) + " exports }";
    break;
  }
  case TypeKind::CoreFunc: {
    auto &[P, R] = coreFunc(T);
    S = "core func(";
    for (size_t I = 0; I < P.size(); ++I)
      S += (I ? ", " : "") + coreValTypeName(P[I]);
    S += ")";
    if (!R.empty()) {
      S += " -> (";
      for (size_t I = 0; I < R.size(); ++I)
        S += (I ? ", " : "") + coreValTypeName(R[I]);
      S += ")";
    }
    break;
  }
  case TypeKind::CoreModule: {
    const CoreModuleType &M = coreModule(T);
    S = "core module { " + std::to_string(M.Imports.size()) + " imports, " +
        std::to_string(M.Exports.size()) + " exports }";
    break;
  }
  case TypeKind::CoreStruct: S = "core struct"; break;
  case TypeKind::CoreArray: S = "core array"; break;
  default: S = "?"; break;
  }
  return S;
}

} // namespace weld::component
