//===- Decoder.cpp - Component sections, instances, aliases, imports ------===//
//
// The top of the component frontend: the section loop, and the sections that
// build index spaces from other entities (core and component instances,
// aliases, imports, exports, start). Type sections live in TypeDecoder.cpp,
// canon sections in Canon.cpp, name rules in Names.cpp.
//
//===----------------------------------------------------------------------===//

#include "Component/Validator.h"

#include "Core/Validator.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"

using namespace llvm;

namespace weld::component {

const char *sortName(Sort S) {
  static const char *Names[] = {
      "core func",   "core table", "core memory", "core global",
      "core tag",    "core type",  "core module", "core instance",
      "func",        "value",      "type",        "component",
      "instance"};
  return Names[unsigned(S)];
}

BinaryKind classifyBinary(ArrayRef<uint8_t> B) {
  if (B.size() < 8 || B[0] != 0 || B[1] != 'a' || B[2] != 's' || B[3] != 'm')
    return BinaryKind::Unknown;
  if (B[6] == 1 && B[7] == 0)
    return BinaryKind::Component;
  if (B[6] == 0 && B[7] == 0)
    return BinaryKind::CoreModule;
  return BinaryKind::Unknown;
}

Expected<Sort> readSort(ByteReader &R) {
  uint64_t Off = R.offset();
  WELD_TRY(B, R.readU8());
  if (B == 0x00) {
    WELD_TRY(C, R.readU8());
    switch (C) {
    case 0x00: return Sort::CoreFunc;
    case 0x01: return Sort::CoreTable;
    case 0x02: return Sort::CoreMemory;
    case 0x03: return Sort::CoreGlobal;
    case 0x04: return Sort::CoreTag;
    case 0x10: return Sort::CoreType;
    case 0x11: return Sort::CoreModule;
    case 0x12: return Sort::CoreInstance;
    default:
      return errorAt(Off + 1, "invalid leading byte (0x" + utohexstr(C) +
                                  ") for core sort");
    }
  }
  switch (B) {
  case 0x01: return Sort::Func;
  case 0x02: return Sort::Value;
  case 0x03: return Sort::Type;
  case 0x04: return Sort::Component;
  case 0x05: return Sort::Instance;
  default:
    return errorAt(Off, "invalid leading byte (0x" + utohexstr(B) +
                            ") for component external kind");
  }
}

std::optional<EntityKind> entityKindOfSort(Sort S) {
  switch (S) {
  case Sort::CoreModule: return EntityKind::Module;
  case Sort::Func: return EntityKind::Func;
  case Sort::Value: return EntityKind::Value;
  case Sort::Type: return EntityKind::Type;
  case Sort::Component: return EntityKind::Component;
  case Sort::Instance: return EntityKind::Instance;
  default: return std::nullopt;
  }
}

/// Size of an index space of S.
static size_t spaceSize(Scope &S, Sort K) {
  switch (K) {
  case Sort::CoreFunc: return S.CoreFuncs.size();
  case Sort::CoreTable: return S.CoreTables.size();
  case Sort::CoreMemory: return S.CoreMemories.size();
  case Sort::CoreGlobal: return S.CoreGlobals.size();
  case Sort::CoreTag: return S.CoreTags.size();
  case Sort::CoreType: return S.CoreTypes.size();
  case Sort::CoreModule: return S.CoreModules.size();
  case Sort::CoreInstance: return S.CoreInstances.size();
  case Sort::Func: return S.Funcs.size();
  case Sort::Value: return S.Values.size();
  case Sort::Type: return S.Types.size();
  case Sort::Component: return S.Components.size();
  case Sort::Instance: return S.Instances.size();
  }
  return 0;
}

static Error indexError(uint64_t Off, Sort K, uint32_t Index) {
  return errorAt(Off, Twine("unknown ") + sortName(K) + " " + Twine(Index) +
                          ": " + sortName(K) + " index out of bounds");
}

/// The entity at Index of a component-level sort.
static Expected<EntityType> entityAt(Scope &S, Sort K, uint32_t Index,
                                     uint64_t Off) {
  if (Index >= spaceSize(S, K))
    return indexError(Off, K, Index);
  EntityType E;
  switch (K) {
  case Sort::CoreModule:
    E = {EntityKind::Module, S.CoreModules[Index]};
    break;
  case Sort::Func:
    E = {EntityKind::Func, S.Funcs[Index]};
    break;
  case Sort::Value:
    if (S.ValueUsed[Index])
      return errorAt(Off, "value " + Twine(Index) + " cannot be used more than once");
    S.ValueUsed[Index] = true;
    E = {EntityKind::Value, S.Values[Index]};
    break;
  case Sort::Type:
    E = {EntityKind::Type, S.Types[Index]};
    break;
  case Sort::Component:
    E = {EntityKind::Component, S.Components[Index]};
    break;
  case Sort::Instance:
    E = {EntityKind::Instance, S.Instances[Index]};
    break;
  default:
    return errorAt(Off, Twine("cannot use a ") + sortName(K) + " here");
  }
  return E;
}

void Validator::pushEntity(Scope &S, const EntityType &T) {
  switch (T.Kind) {
  case EntityKind::Module: S.CoreModules.push_back(T.Type); break;
  case EntityKind::Func: S.Funcs.push_back(T.Type); break;
  case EntityKind::Value:
    S.Values.push_back(T.Type);
    S.ValueUsed.push_back(false);
    break;
  case EntityKind::Type: S.Types.push_back(T.Type); break;
  case EntityKind::Component: S.Components.push_back(T.Type); break;
  case EntityKind::Instance: S.Instances.push_back(T.Type); break;
  }
}

TypeId Validator::freshenInstance(TypeId Inst,
                                  std::vector<ResourceId> &NewResources) {
  const InstanceTypeInfo &Info = Types.instance(Inst);
  if (Info.DefinedResources.empty())
    return Inst;
  std::map<ResourceId, ResourceId> Map;
  for (ResourceId R : Info.DefinedResources) {
    ResourceId F = Types.freshResource();
    Map[R] = F;
    NewResources.push_back(F);
  }
  std::map<uint32_t, TypeId> Memo;
  InstanceTypeInfo Copy = Types.instance(Inst);
  for (auto &E : Copy.Exports)
    E.second = Types.substitute(E.second, Map, Memo);
  Copy.DefinedResources.clear();
  return Types.internInstance(std::move(Copy));
}

/// Collects the resources T mentions (All) and those its component and
/// instance types introduce themselves (Bound).
static void scanResources(TypeStore &Types, TypeId T, std::set<ResourceId> &All,
                          std::set<ResourceId> &Bound, std::set<uint32_t> &Seen) {
  if (!T.valid() || !Seen.insert(T.V).second)
    return;
  const TypeNode &N = Types.get(T);
  switch (N.Kind) {
  case TypeKind::Resource:
    All.insert(N.Res);
    return;
  case TypeKind::Instance: {
    const InstanceTypeInfo &I = Types.instance(T);
    Bound.insert(I.DefinedResources.begin(), I.DefinedResources.end());
    for (auto &E : I.Exports)
      scanResources(Types, E.second.Type, All, Bound, Seen);
    return;
  }
  case TypeKind::Component: {
    const ComponentTypeInfo &C = Types.component(T);
    Bound.insert(C.ImportedResources.begin(), C.ImportedResources.end());
    Bound.insert(C.DefinedResources.begin(), C.DefinedResources.end());
    for (auto *L : {&C.Imports, &C.Exports})
      for (auto &E : *L)
        scanResources(Types, E.second.Type, All, Bound, Seen);
    return;
  }
  default:
    if (N.Kind >= TypeKind::CoreFunc)
      return;
    for (TypeId E : N.Elems)
      scanResources(Types, E, All, Bound, Seen);
    scanResources(Types, N.Result, All, Bound, Seen);
    return;
  }
}

/// Whether T refers to a resource it does not introduce itself.
static bool hasFreeResource(TypeStore &Types, TypeId T) {
  std::set<ResourceId> All, Bound;
  std::set<uint32_t> Seen;
  scanResources(Types, T, All, Bound, Seen);
  for (ResourceId R : All)
    if (!Bound.count(R))
      return true;
  return false;
}

/// Maps the value types an import names (directly, or as exports of an
/// imported instance) to the argument's types of the same names.
static void seedTypeArgs(TypeStore &Types, const EntityType &Expected,
                         const EntityType &Actual,
                         std::map<uint32_t, TypeId> &Memo) {
  if (Expected.Kind == EntityKind::Type) {
    if (isValueKind(Types.kind(Expected.Type)) && Expected.Type != Actual.Type)
      Memo[Expected.Type.V] = Actual.Type;
    return;
  }
  if (Expected.Kind != EntityKind::Instance ||
      Actual.Kind != EntityKind::Instance)
    return;
  const InstanceTypeInfo &A = Types.instance(Actual.Type);
  for (auto &[Name, E] : Types.instance(Expected.Type).Exports)
    for (auto &[AName, AE] : A.Exports)
      if (AName == Name && AE.Kind == E.Kind)
        seedTypeArgs(Types, E, AE, Memo);
}

Expected<TypeId>
Validator::instantiate(TypeId CT, std::map<std::string, EntityType> &Args,
                       uint64_t Off) {
  const ComponentTypeInfo Info = Types.component(CT);
  SubtypeCx Cx(Types);
  for (ResourceId R : Info.ImportedResources)
    Cx.Bindable.insert(R);
  for (auto &[Name, Expected] : Info.Imports) {
    auto It = Args.find(Name);
    if (It == Args.end())
      return errorAt(Off, "missing import named `" + Name + "`");
    const EntityType &Actual = It->second;
    if (Actual.Kind != Expected.Kind)
      return errorAt(Off, "expected " + Twine(entityKindName(Expected.Kind)) +
                              ", found " + entityKindName(Actual.Kind) +
                              " for instantiation argument `" + Name + "`");
    if (!Cx.entity(Actual, Expected))
      return errorAt(Off, "type mismatch for instantiation argument `" + Name +
                              "`");
  }
  // Exports: bound resources become the arguments', defined ones fresh.
  std::map<ResourceId, ResourceId> Map = Cx.Bound;
  InstanceTypeInfo Out;
  for (ResourceId R : Info.DefinedResources) {
    ResourceId F = Types.freshResource();
    Map[R] = F;
    Out.DefinedResources.push_back(F);
  }
  // Type imports become the argument types, so that what the instance
  // exports refers to the types (and names) of the instantiating component.
  std::map<uint32_t, TypeId> Memo;
  for (auto &[Name, Expected] : Info.Imports)
    seedTypeArgs(Types, Expected, Args.find(Name)->second, Memo);
  bool Deep = !Memo.empty();
  for (auto &[Name, E] : Info.Exports)
    Out.Exports.emplace_back(Name, Types.substitute(E, Map, Memo, Deep));
  // The instance's fresh resources are concrete from here on.
  Out.DefinedResources.clear();
  TypeId Result = Types.internInstance(std::move(Out));
  if (auto E = checkTypeSize(Result, Off))
    return std::move(E);
  return Result;
}

Error Validator::coreInstanceSection(ByteReader &R) {
  Scope &S = cur();
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    WELD_TRY(Tag, R.readU8());
    InstanceDef Def;
    CoreInstanceInfo Info;
    if (Tag == 0x00) {
      Def.Instantiate = true;
      uint64_t IdxOff = R.offset();
      WELD_TRY(Mod, R.readVarU32());
      if (Mod >= S.CoreModules.size())
        return indexError(IdxOff, Sort::CoreModule, Mod);
      Def.Of = Mod;
      WELD_TRY(NA, R.readCount());
      std::map<std::string, uint32_t> Args;
      for (uint32_t J = 0; J < NA; ++J) {
        WELD_TRY(Name, R.readName());
        uint64_t KOff = R.offset();
        WELD_TRY(Kind, R.readU8());
        if (Kind != 0x12)
          return errorAt(KOff, "invalid leading byte (0x" + utohexstr(Kind) +
                                   ") for core instantiation argument kind");
        uint64_t AOff = R.offset();
        WELD_TRY(Inst, R.readVarU32());
        if (Inst >= S.CoreInstances.size())
          return indexError(AOff, Sort::CoreInstance, Inst);
        if (!Args.emplace(Name, Inst).second)
          return errorAt(KOff, "duplicate module instantiation argument named `" +
                                   Name + "`");
        Def.Items.push_back({Name, Sort::CoreInstance, Inst});
      }
      const CoreModuleType &MT = Types.coreModule(S.CoreModules[Mod]);
      for (const CoreImport &Imp : MT.Imports) {
        auto It = Args.find(Imp.Module);
        if (It == Args.end())
          return errorAt(Off, "missing module instantiation argument named `" +
                                  Imp.Module + "`");
        const CoreExternType *Ex = S.CoreInstances[It->second].find(Imp.Name);
        if (!Ex)
          return errorAt(Off, "module instantiation argument `" + Imp.Module +
                                  "` does not export an item named `" +
                                  Imp.Name + "`");
        if (!coreExternMatches(*Ex, Imp.Type))
          return errorAt(Off, "type mismatch for export `" + Imp.Name +
                                  "` of module instantiation argument `" +
                                  Imp.Module + "`");
      }
      Info.Exports = MT.Exports;
    } else if (Tag == 0x01) {
      WELD_TRY(NE, R.readCount());
      StringSet<> Seen;
      for (uint32_t J = 0; J < NE; ++J) {
        WELD_TRY(Name, R.readName());
        uint64_t SOff = R.offset();
        WELD_TRY(K, R.readU8());
        uint64_t IOff = R.offset();
        WELD_TRY(Idx, R.readVarU32());
        CoreExternType T;
        auto Pick = [&](auto &Space, Sort So) -> Error {
          if (Idx >= Space.size())
            return indexError(IOff, So, Idx);
          return Error::success();
        };
        switch (K) {
        case 0x00:
          if (auto E = Pick(S.CoreFuncs, Sort::CoreFunc))
            return E;
          T.K = CoreExternType::Func;
          T.FuncType = S.CoreFuncs[Idx];
          break;
        case 0x01:
          if (auto E = Pick(S.CoreTables, Sort::CoreTable))
            return E;
          T = S.CoreTables[Idx];
          break;
        case 0x02:
          if (auto E = Pick(S.CoreMemories, Sort::CoreMemory))
            return E;
          T = S.CoreMemories[Idx];
          break;
        case 0x03:
          if (auto E = Pick(S.CoreGlobals, Sort::CoreGlobal))
            return E;
          T = S.CoreGlobals[Idx];
          break;
        case 0x04:
          if (auto E = Pick(S.CoreTags, Sort::CoreTag))
            return E;
          T = S.CoreTags[Idx];
          break;
        default:
          return errorAt(SOff, "invalid external kind in core instance export");
        }
        if (!Seen.insert(Name).second)
          return errorAt(SOff, "export name `" + Name + "` already defined");
        Def.Items.push_back({Name, Sort(K), Idx});
        Info.Exports.emplace_back(Name, T);
      }
    } else {
      return errorAt(Off, "invalid leading byte (0x" + utohexstr(Tag) +
                              ") for core instance");
    }
    S.CoreInstances.push_back(std::move(Info));
    S.C->Defs.push_back({Definition::CoreInstance,
                         uint32_t(S.C->CoreInstances.size()), Off});
    S.C->CoreInstances.push_back(std::move(Def));
  }
  return Error::success();
}

Error Validator::instanceSection(ByteReader &R) {
  Scope &S = cur();
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    WELD_TRY(Tag, R.readU8());
    InstanceDef Def;
    TypeId Result;
    if (Tag == 0x00) {
      Def.Instantiate = true;
      uint64_t IdxOff = R.offset();
      WELD_TRY(CI, R.readVarU32());
      if (CI >= S.Components.size())
        return indexError(IdxOff, Sort::Component, CI);
      Def.Of = CI;
      WELD_TRY(NA, R.readCount());
      std::map<std::string, EntityType> Args;
      for (uint32_t J = 0; J < NA; ++J) {
        uint64_t AOff = R.offset();
        WELD_TRY(Name, R.readName());
        WELD_TRY(K, readSort(R));
        uint64_t IOff = R.offset();
        WELD_TRY(Idx, R.readVarU32());
        if (!entityKindOfSort(K))
          return errorAt(AOff, "instantiation argument of a core sort other than module");
        WELD_TRY(E, entityAt(S, K, Idx, IOff));
        if (!Args.emplace(Name, E).second)
          return errorAt(AOff, "instantiation argument `" + Name +
                                   "` conflicts with previous argument");
        Def.Items.push_back({Name, K, Idx});
      }
      WELD_TRY(T, instantiate(S.Components[CI], Args, Off));
      Result = T;
    } else if (Tag == 0x01) {
      WELD_TRY(NE, R.readCount());
      InstanceTypeInfo Info;
      std::set<std::string> Keys;
      for (uint32_t J = 0; J < NE; ++J) {
        uint64_t EOff = R.offset();
        NameAttrs Attrs;
        WELD_TRY(Name, externName(R, &Attrs));
        WELD_TRY(K, readSort(R));
        uint64_t IOff = R.offset();
        WELD_TRY(Idx, R.readVarU32());
        if (!entityKindOfSort(K))
          return errorAt(EOff, "core sort other than module exported from an instance");
        if (auto E = checkName(Name, EOff, "instance export"))
          return E;
        WELD_TRY(E, entityAt(S, K, Idx, IOff));
        if (auto Err = checkNameAttrs(Name, Attrs, E, EOff))
          return Err;
        // A bag of exports names no resources of its own, so the resource
        // of a [constructor]/[method]/[static] name is never in scope.
        if (isAnnotatedName(Name))
          return errorAt(EOff, "resource used in function does not have a name in this context: `" + Name + "`");
        for (auto &[Other, OT] : Info.Exports)
          if (Other == Name)
            return errorAt(EOff, "export name `" + Name + "` conflicts with previous name `" + Other + "`");
        Info.Exports.emplace_back(Name, E);
        Def.Items.push_back({Name, K, Idx});
      }
      Result = Types.internInstance(std::move(Info));
    } else {
      return errorAt(Off, "invalid leading byte (0x" + utohexstr(Tag) +
                              ") for instance");
    }
    S.Instances.push_back(Result);
    S.C->Defs.push_back({Definition::Instance, uint32_t(S.C->Instances.size()), Off});
    S.C->Instances.push_back(std::move(Def));
  }
  return Error::success();
}

Error Validator::alias(ByteReader &R, Scope &S, bool InDeclarator) {
  uint64_t Off = R.offset();
  WELD_TRY(K, readSort(R));
  uint64_t TOff = R.offset();
  WELD_TRY(Target, R.readU8());
  AliasDef Def;
  Def.S = K;
  switch (Target) {
  case 0x00: { // export of a component instance
    Def.K = AliasDef::Export;
    uint64_t IOff = R.offset();
    WELD_TRY(Inst, R.readVarU32());
    WELD_TRY(Name, R.readName());
    Def.Instance = Inst;
    Def.Name = Name;
    if (Inst >= S.Instances.size())
      return indexError(IOff, Sort::Instance, Inst);
    const InstanceTypeInfo &IT = Types.instance(S.Instances[Inst]);
    const EntityType *Found = nullptr;
    for (auto &[N, E] : IT.Exports)
      if (N == Name)
        Found = &E;
    if (!Found)
      return errorAt(Off, "instance " + Twine(Inst) + " has no export named `" +
                              Name + "`");
    auto EK = entityKindOfSort(K);
    if (!EK || *EK != Found->Kind)
      return errorAt(Off, "export `" + Name + "` for instance " + Twine(Inst) +
                              " is not a " + sortName(K));
    if (InDeclarator && K != Sort::Type && K != Sort::Instance)
      return errorAt(Off, "only type and instance export aliases are allowed in a type declarator");
    EntityType E = *Found;
    pushEntity(S, E);
    break;
  }
  case 0x01: { // core export of a core instance
    Def.K = AliasDef::CoreExport;
    uint64_t IOff = R.offset();
    WELD_TRY(Inst, R.readVarU32());
    WELD_TRY(Name, R.readName());
    Def.Instance = Inst;
    Def.Name = Name;
    if (InDeclarator)
      return errorAt(Off, "core export aliases are not allowed in a type declarator");
    if (Inst >= S.CoreInstances.size())
      return indexError(IOff, Sort::CoreInstance, Inst);
    const CoreExternType *Ex = S.CoreInstances[Inst].find(Name);
    if (!Ex)
      return errorAt(Off, "core instance " + Twine(Inst) +
                              " has no export named `" + Name + "`");
    static const Sort ForKind[] = {Sort::CoreFunc, Sort::CoreTable,
                                   Sort::CoreMemory, Sort::CoreGlobal,
                                   Sort::CoreTag};
    if (ForKind[Ex->K] != K)
      return errorAt(Off, "export `" + Name + "` for core instance " +
                              Twine(Inst) + " is not a " + sortName(K));
    switch (Ex->K) {
    case CoreExternType::Func: S.CoreFuncs.push_back(Ex->FuncType); break;
    case CoreExternType::Table: S.CoreTables.push_back(*Ex); break;
    case CoreExternType::Memory: S.CoreMemories.push_back(*Ex); break;
    case CoreExternType::Global: S.CoreGlobals.push_back(*Ex); break;
    case CoreExternType::Tag: S.CoreTags.push_back(*Ex); break;
    }
    break;
  }
  case 0x02: { // outer
    Def.K = AliasDef::Outer;
    WELD_TRY(Count, R.readVarU32());
    uint64_t IOff = R.offset();
    WELD_TRY(Idx, R.readVarU32());
    Def.Instance = Count;
    Def.Index = Idx;
    if (K != Sort::Type && K != Sort::CoreType && K != Sort::CoreModule &&
        K != Sort::Component)
      return errorAt(Off, "outer aliases may only refer to types, modules and components");
    if (InDeclarator && K != Sort::Type && K != Sort::CoreType)
      return errorAt(Off, "outer aliases in a type declarator may only refer to types");
    if (Count >= Stack.size())
      return errorAt(TOff + 1, "invalid outer alias count of " + Twine(Count));
    // Find the target scope (S is the innermost).
    size_t Pos = Stack.size() - 1 - Count;
    Scope &T = *Stack[Pos];
    if (Idx >= spaceSize(T, K))
      return indexError(IOff, K, Idx);
    bool CrossesComponent = false;
    for (size_t P = Pos + 1; P < Stack.size(); ++P)
      if (Stack[P]->K == Scope::ComponentDef)
        CrossesComponent = true;
    switch (K) {
    case Sort::Type: {
      TypeId Ty = T.Types[Idx];
      // Resources belong to one component instance: a type that mentions
      // one (transitively) cannot cross into a nested component.
      if (CrossesComponent && Count > 0 && hasFreeResource(Types, Ty))
        return errorAt(Off, "type transitively refers to resources not defined in the current component");
      S.Types.push_back(Ty);
      break;
    }
    case Sort::CoreType:
      if (InDeclarator && Types.kind(T.CoreTypes[Idx]) == TypeKind::CoreModule &&
          S.K != Scope::ComponentDef && false)
        return errorAt(Off, "cannot alias a module type");
      S.CoreTypes.push_back(T.CoreTypes[Idx]);
      break;
    case Sort::CoreModule:
      S.CoreModules.push_back(T.CoreModules[Idx]);
      break;
    case Sort::Component:
      S.Components.push_back(T.Components[Idx]);
      break;
    default:
      break;
    }
    break;
  }
  default:
    return errorAt(TOff, "invalid leading byte (0x" + utohexstr(Target) +
                             ") for alias");
  }
  if (S.C) {
    S.C->Defs.push_back({Definition::Alias, uint32_t(S.C->Aliases.size()), Off});
    S.C->Aliases.push_back(std::move(Def));
  }
  return Error::success();
}

Error Validator::aliasSection(ByteReader &R) {
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I)
    if (auto E = alias(R, cur(), false))
      return E;
  return Error::success();
}

Error Validator::importSection(ByteReader &R) {
  Scope &S = cur();
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    NameAttrs Attrs;
    WELD_TRY(Name, externName(R, &Attrs));
    WELD_TRY(T, externType(R, S, true, Name));
    if (auto E = checkNameAttrs(Name, Attrs, T, Off))
      return E;
    if (auto E = addImport(S, Name, T, Off))
      return E;
    S.C->Defs.push_back({Definition::Import, uint32_t(S.C->Imports.size()), Off});
    S.C->Imports.push_back({Name, S.Imports.back().second});
  }
  return Error::success();
}

Error Validator::exportSection(ByteReader &R) {
  Scope &S = cur();
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    NameAttrs Attrs;
    WELD_TRY(Name, externName(R, &Attrs));
    WELD_TRY(K, readSort(R));
    uint64_t IOff = R.offset();
    WELD_TRY(Idx, R.readVarU32());
    if (!entityKindOfSort(K))
      return errorAt(IOff - 1, "exporting a core item other than a module is not allowed");
    WELD_TRY(Actual, entityAt(S, K, Idx, IOff));
    if (auto E = checkNameAttrs(Name, Attrs, Actual, Off))
      return E;
    WELD_TRY(HasType, R.readU8());
    EntityType T = Actual;
    if (HasType == 1) {
      uint64_t TOff = R.offset();
      WELD_TRY(Ascribed, externType(R, S, false, Name));
      if (Ascribed.Kind != Actual.Kind)
        return errorAt(TOff, "export type mismatch: ascribed type has a different kind");
      SubtypeCx Cx(Types);
      if (Ascribed.Kind == EntityKind::Instance)
        for (ResourceId Res : Types.instance(Ascribed.Type).DefinedResources)
          Cx.Bindable.insert(Res);
      if (Ascribed.Kind == EntityKind::Type &&
          Types.kind(Ascribed.Type) == TypeKind::Resource)
        Cx.Bindable.insert(Types.get(Ascribed.Type).Res);
      if (!Cx.entity(Actual, Ascribed))
        return errorAt(TOff, "ascribed type of export is not compatible with item's type");
      T = Ascribed;
      // An export ascribed `(sub resource)` hides the resource's identity:
      // it stays the fresh abstract resource the component type defines.
      bool HidesResource = Ascribed.Kind == EntityKind::Type &&
                           Types.kind(Ascribed.Type) == TypeKind::Resource;
      if (!Cx.Bound.empty() && !HidesResource) {
        std::map<uint32_t, TypeId> Memo;
        T = Types.substitute(Ascribed, Cx.Bound, Memo);
      }
      if (T.Kind == EntityKind::Instance) {
        InstanceTypeInfo Copy = Types.instance(T.Type);
        Copy.DefinedResources.clear();
        T.Type = Types.internInstance(std::move(Copy));
      }
    } else if (HasType != 0) {
      return errorAt(IOff, "invalid leading byte (0x" + utohexstr(HasType) +
                               ") for optional export type");
    }
    if (auto E = addExport(S, Name, T, Off))
      return E;
    ExportDef Def{Name, K, Idx, S.Exports.back().second};
    S.C->Defs.push_back({Definition::Export, uint32_t(S.C->Exports.size()), Off});
    S.C->Exports.push_back(std::move(Def));
  }
  return Error::success();
}

static Error valuesDisabled(uint64_t Off) {
  return errorAt(Off, "support for component model `value`s is not enabled");
}

Error Validator::startSection(ByteReader &R) {
  Scope &S = cur();
  uint64_t Off = R.offset();
  if (!feats().Values)
    return valuesDisabled(Off);
  WELD_TRY(F, R.readVarU32());
  if (F >= S.Funcs.size())
    return indexError(Off, Sort::Func, F);
  const TypeNode &FT = Types.get(S.Funcs[F]);
  WELD_TRY(NA, R.readCount());
  if (NA != FT.Elems.size())
    return errorAt(Off, "component start function requires " +
                            Twine(FT.Elems.size()) + " arguments but was given " +
                            Twine(NA));
  for (uint32_t I = 0; I < NA; ++I) {
    uint64_t VOff = R.offset();
    WELD_TRY(V, R.readVarU32());
    WELD_TRY(E, entityAt(S, Sort::Value, V, VOff));
    if (!Types.equal(E.Type, FT.Elems[I]))
      return errorAt(VOff, "value type mismatch for component start function argument " + Twine(I));
  }
  WELD_TRY(NR, R.readVarU32());
  if (NR != (FT.Result.valid() ? 1u : 0u))
    return errorAt(Off, "component start function has a result count of " +
                            Twine(FT.Result.valid() ? 1 : 0) +
                            " but the function type has a result count of " +
                            Twine(NR));
  if (FT.Result.valid()) {
    S.Values.push_back(FT.Result);
    S.ValueUsed.push_back(false);
  }
  S.C->Defs.push_back({Definition::Start, F, Off});
  return Error::success();
}

Error Validator::valueSection(ByteReader &R) {
  Scope &S = cur();
  if (!feats().Values)
    return valuesDisabled(R.offset());
  WELD_TRY(N, R.readCount());
  for (uint32_t I = 0; I < N; ++I) {
    uint64_t Off = R.offset();
    WELD_TRY(T, valType(R, S));
    WELD_TRY(Len, R.readVarU32());
    WELD_TRY(Bytes, R.readBytes(Len));
    (void)Bytes;
    S.Values.push_back(T);
    S.ValueUsed.push_back(false);
    S.C->Defs.push_back({Definition::Value, uint32_t(S.Values.size() - 1), Off});
  }
  return Error::success();
}

Expected<EntityType> Validator::entityOf(Scope &S, uint8_t SortByte,
                                         uint32_t Index, uint64_t Off) {
  (void)SortByte;
  return entityAt(S, Sort::Func, Index, Off);
}

/// Section ids of components.
enum : uint8_t {
  SecCustom = 0, SecCoreModule, SecCoreInstance, SecCoreType, SecComponent,
  SecInstance, SecAlias, SecType, SecCanon, SecStart, SecImport, SecExport,
  SecValue,
};

Expected<std::unique_ptr<Component>> Validator::component(ByteReader &R,
                                                          uint64_t Start) {
  if (++Depth > Limits.MaxNesting)
    return errorAt(Start, "components nested too deeply");
  auto C = std::make_unique<Component>();
  C->Offset = Start;
  Scope S(Scope::ComponentDef);
  S.C = C.get();
  Stack.push_back(&S);
  llvm::scope_exit Pop([&] {
    Stack.pop_back();
    --Depth;
  });
  WELD_TRY(Magic, R.readFixedU32());
  if (Magic != 0x6d736100)
    return errorAt(Start, "magic header not detected");
  uint64_t VOff = R.offset();
  WELD_TRY(Version, R.readFixedU32());
  if (Version != 0x0001000d) {
    if ((Version & 0xffff0000u) == 0)
      return errorAt(VOff, "expected a component, found a core module");
    return errorAt(VOff, "unknown binary version and encoding: 0x" +
                             utohexstr(Version));
  }
  bool SawStart = false;
  while (!R.atEnd()) {
    uint64_t Off = R.offset();
    WELD_TRY(Id, R.readU8());
    WELD_TRY(Size, R.readVarU32());
    WELD_TRY(Sub, R.subReader(Size));
    Error E = Error::success();
    switch (Id) {
    case SecCustom: {
      WELD_TRY(Name, Sub.readName());
      CustomSection CS{Name, Sub.offset(), Sub.data().slice(Sub.pos())};
      C->Defs.push_back({Definition::Custom, uint32_t(C->Customs.size()), Off});
      C->Customs.push_back(std::move(CS));
      (void)Sub.readBytes(Sub.remaining());
      break;
    }
    case SecCoreModule: {
      ArrayRef<uint8_t> Bytes = Sub.data();
      if (classifyBinary(Bytes) == BinaryKind::Component)
        return errorAt(Sub.offset(), "expected a core module, found a component");
      WELD_TRY(MT, decodeCoreModuleInterface(Bytes, Sub.offset(), Types));
      // Function bodies are validated by compiler/Core for the features it
      // supports; modules using later proposals get interface checks only.
      if (!MT.UsesProposals) {
        auto Validated = core::loadModule(Bytes, Sub.offset());
        if (!Validated) {
          // A proposal compiler/Core does not know yet is not an error of
          // the component: keep the interface checks only.
          bool Unsupported = false;
          Error Err = handleErrors(Validated.takeError(), [&](std::unique_ptr<InputError> IE) -> Error {
            if (StringRef(IE->Message).starts_with("not supported yet")) {
              Unsupported = true;
              return Error::success();
            }
            return Error(std::move(IE));
          });
          if (Err)
            return std::move(Err);
          (void)Unsupported;
        }
      }
      TypeId T = Types.internCoreModule(std::move(MT));
      S.CoreModules.push_back(T);
      C->Defs.push_back({Definition::CoreModule, uint32_t(C->Modules.size()), Off});
      C->Modules.push_back({Sub.offset(), Bytes, T});
      (void)Sub.readBytes(Sub.remaining());
      break;
    }
    case SecComponent: {
      if (classifyBinary(Sub.data()) == BinaryKind::CoreModule)
        return errorAt(Sub.offset() + 4, "expected a component, found a core module");
      WELD_TRY(Child, component(Sub, Sub.offset()));
      S.Components.push_back(Child->Type);
      C->Defs.push_back({Definition::Component, uint32_t(C->Components.size()), Off});
      C->Components.push_back(std::move(Child));
      break;
    }
    case SecCoreInstance: E = coreInstanceSection(Sub); break;
    case SecCoreType: E = coreTypeSection(Sub); break;
    case SecInstance: E = instanceSection(Sub); break;
    case SecAlias: E = aliasSection(Sub); break;
    case SecType: E = typeSection(Sub); break;
    case SecCanon: E = canonSection(Sub); break;
    case SecStart:
      if (SawStart)
        return errorAt(Off, "component cannot have more than one start function");
      SawStart = true;
      E = startSection(Sub);
      break;
    case SecImport: E = importSection(Sub); break;
    case SecExport: E = exportSection(Sub); break;
    case SecValue: E = valueSection(Sub); break;
    default:
      return errorAt(Off, "unknown component section id 0x" + utohexstr(Id));
    }
    if (E)
      return std::move(E);
    if (!Sub.atEnd())
      return errorAt(Sub.offset(), "unexpected content in the section");
    if (Types.size() > Limits.MaxTypes)
      return errorAt(Off, "too many types");
  }
  // Every value is consumed exactly once (Explainer.md, value definitions).
  for (size_t I = 0; I < S.ValueUsed.size(); ++I)
    if (!S.ValueUsed[I])
      return errorAt(R.offset(), "value index " + Twine(I) +
                                     " was not used as part of an instantiation, "
                                     "start function, or export");
  C->Size = R.offset() - Start;
  ComponentTypeInfo Info;
  Info.Imports = S.Imports;
  Info.Exports = S.Exports;
  Info.ImportedResources = S.ImportedResources;
  Info.DefinedResources = S.DefinedResources;
  C->Type = Types.internComponent(std::move(Info));
  if (auto E = checkTypeSize(C->Type, Start))
    return std::move(E);
  C->Funcs = S.Funcs;
  C->TypeSpace = S.Types;
  C->ComponentSpace = S.Components;
  C->InstanceSpace = S.Instances;
  for (unsigned K = 0; K < 13; ++K)
    C->SpaceSizes[K] = spaceSize(S, Sort(K));
  return std::move(C);
}

Expected<std::unique_ptr<Component>>
decodeComponent(ArrayRef<uint8_t> Bytes, TypeStore &Types,
                const DecodeLimits &Limits) {
  Validator V(Types, Limits);
  ByteReader R(Bytes, 0);
  return V.component(R, 0);
}

} // namespace weld::component

namespace weld::component {

Features Features::all() {
  Features F;
  F.AsyncStackful = F.MoreAsyncBuiltins = F.Threading = F.ErrorContext =
      F.FixedLengthLists = F.CM64 = F.Values = F.NestedNames =
          F.SharedEverythingThreads = true;
  return F;
}

Error Features::apply(StringRef List) {
  SmallVector<StringRef, 8> Items;
  List.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (StringRef Item : Items) {
    Item = Item.trim();
    bool On = !Item.consume_front("-");
    if (Item == "all") {
      *this = On ? all() : Features();
      if (!On)
        Async = Map = Implements = CanonNames = false;
      continue;
    }
    bool *Flag = StringSwitch<bool *>(Item)
                     .Case("cm-async", &Async)
                     .Case("cm-async-stackful", &AsyncStackful)
                     .Case("cm-more-async-builtins", &MoreAsyncBuiltins)
                     .Case("cm-threading", &Threading)
                     .Case("cm-error-context", &ErrorContext)
                     .Case("cm-fixed-length-lists", &FixedLengthLists)
                     .Case("cm-map", &Map)
                     .Case("cm64", &CM64)
                     .Case("cm-values", &Values)
                     .Case("cm-nested-names", &NestedNames)
                     .Case("cm-implements", &Implements)
                     .Case("cm-canon-names", &CanonNames)
                     .Case("shared-everything-threads", &SharedEverythingThreads)
                     .Default(nullptr);
    if (!Flag)
      return createStringError("unknown or unsupported feature `" + Item + "`");
    *Flag = On;
  }
  return Error::success();
}

} // namespace weld::component
