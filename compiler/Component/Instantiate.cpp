//===- Instantiate.cpp - Static instantiation of a component graph --------===//
//
// Walks the root component's definitions in order with a Frame per
// component instance. A Frame holds the index spaces of its component with
// static values: which core instance export a core item is, which lift or
// host import a function is, which runtime resource a type names. Nested
// component instantiations walk a child Frame whose imports are the
// instantiation arguments; outer aliases read the frame the component was
// defined in (its closure).
//
//===----------------------------------------------------------------------===//

#include "Component/Instantiate.h"
#include "Core/Validator.h"
#include "Support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"

#include <deque>

using namespace llvm;

namespace weld::component {

bool Graph::isAncestorOrSelf(ComponentInstanceIndex A,
                             ComponentInstanceIndex B) const {
  for (ComponentInstanceIndex I = B; I.valid();
       I = ComponentInstances[I.V].Parent)
    if (I == A)
      return true;
  return false;
}

namespace {

struct Frame;
struct InstanceItems;

struct ModuleRef {
  const Component *Owner = nullptr;
  uint32_t Index = 0;
};

/// A component-level item as an instantiation argument or export.
struct Item {
  Sort S = Sort::Func;
  FuncDef Func;
  std::shared_ptr<InstanceItems> Inst;
  /// Components: the definition and the frame it was defined in.
  const Component *Comp = nullptr;
  Frame *Closure = nullptr;
  ModuleRef Mod;
  /// Types: the runtime resource, when the type is a resource.
  ResourceIndex Res;
};

struct InstanceItems {
  std::vector<std::pair<std::string, Item>> Exports;
  const Item *find(StringRef Name) const {
    for (auto &E : Exports)
      if (E.first == Name)
        return &E.second;
    return nullptr;
  }
};

/// A core instance as a value: an instantiation or a bag of exports.
struct CoreInstanceItem {
  bool Instantiated = false;
  uint32_t Index = 0;
  std::map<std::string, CoreDef> Bag;
  CoreDef get(const std::string &Name) const {
    if (Instantiated)
      return CoreDef{CoreDef::InstanceExport, Index, Name};
    auto It = Bag.find(Name);
    return It == Bag.end() ? CoreDef() : It->second;
  }
};

struct Frame {
  const Component *C = nullptr;
  /// The frame the component was defined in (outer aliases).
  Frame *Outer = nullptr;
  ComponentInstanceIndex Inst;
  std::map<std::string, Item> Args;
  std::vector<CoreDef> CoreFuncs, CoreTables, CoreMemories, CoreGlobals;
  std::vector<ModuleRef> CoreModules;
  std::vector<CoreInstanceItem> CoreInstances;
  std::vector<FuncDef> Funcs;
  std::vector<std::shared_ptr<InstanceItems>> Instances;
  std::vector<Item> Components;
  /// Per type index: the runtime resource it names (invalid otherwise).
  std::vector<ResourceIndex> TypeRes;
  std::shared_ptr<InstanceItems> Exports = std::make_shared<InstanceItems>();
};

class Instantiator {
public:
  Instantiator(TypeStore &Types, ArrayRef<uint8_t> Bytes)
      : Types(Types), Bytes(Bytes), G(std::make_unique<Graph>()) {}

  Expected<std::unique_ptr<Graph>> run(const Component &Root);

private:
  Error walk(Frame &F);
  Error definition(Frame &F, const Definition &D);
  Error coreInstance(Frame &F, const InstanceDef &D);
  Error instance(Frame &F, const InstanceDef &D);
  Error alias(Frame &F, const AliasDef &A);
  Error canon(Frame &F, const CanonDef &D);
  Error typeDefinition(Frame &F, const Definition &D);
  Error import(Frame &F, const ImportDef &I);
  Expected<Item> itemAt(Frame &F, Sort S, uint32_t Index);
  Error push(Frame &F, Sort S, const Item &It);
  void bindType(Frame &F, TypeId T, ResourceIndex R);
  void bindInstance(Frame &F, TypeId InstType, const InstanceItems &Items);
  Item hostItem(const std::string &Name, const EntityType &T);
  bool needsHost(const EntityType &T) const;
  ResolvedOptions options(Frame &F, const CanonOptions &O);
  Expected<const core::Module *> module(const ModuleRef &M);
  Error unsupported(const Twine &What) {
    return createStringError("not supported yet: " + What);
  }
  ComponentInstanceIndex newInstance(ComponentInstanceIndex Parent) {
    G->ComponentInstances.push_back({Parent});
    return {uint32_t(G->ComponentInstances.size() - 1)};
  }

  TypeStore &Types;
  ArrayRef<uint8_t> Bytes;
  std::unique_ptr<Graph> G;
  std::deque<std::unique_ptr<Frame>> Frames;
  std::map<std::pair<const Component *, uint32_t>, const core::Module *>
      ModuleCache;
};

} // namespace

Expected<const core::Module *> Instantiator::module(const ModuleRef &M) {
  if (!M.Owner)
    return unsupported("instantiating a core module the host provides");
  auto Key = std::make_pair(M.Owner, M.Index);
  auto It = ModuleCache.find(Key);
  if (It != ModuleCache.end())
    return It->second;
  const CoreModuleDef &Def = M.Owner->Modules[M.Index];
  auto Mod = core::loadModule(Def.Bytes, Def.Offset);
  if (!Mod)
    return Mod.takeError(); // names the core proposal it does not support
  if (Types.coreModule(Def.Type).UsesProposals)
    return unsupported("core modules using proposals beyond Wasm 2.0");
  G->Modules.push_back(std::move(*Mod));
  ModuleCache[Key] = G->Modules.back().get();
  return G->Modules.back().get();
}

ResolvedOptions Instantiator::options(Frame &F, const CanonOptions &O) {
  ResolvedOptions R;
  R.Encoding = O.StringEncoding;
  if (O.Memory)
    R.Memory = F.CoreMemories[*O.Memory];
  if (O.Realloc)
    R.Realloc = F.CoreFuncs[*O.Realloc];
  if (O.PostReturn)
    R.PostReturn = F.CoreFuncs[*O.PostReturn];
  return R;
}

/// Records that resource type T (as instance F sees it) is R at run time.
void Instantiator::bindType(Frame &F, TypeId T, ResourceIndex R) {
  if (!R.valid() || !T.valid() || Types.kind(T) != TypeKind::Resource)
    return;
  G->ResourceMap[{F.Inst.V, Types.get(T).Res.V}] = R;
}

/// Binds the resources an instance type exports (as F sees them) to the
/// runtime resources of the actual instance, recursively.
void Instantiator::bindInstance(Frame &F, TypeId InstType,
                                const InstanceItems &Items) {
  if (!InstType.valid() || Types.kind(InstType) != TypeKind::Instance)
    return;
  for (const auto &[Name, E] : Types.instance(InstType).Exports) {
    const Item *It = Items.find(Name);
    if (!It)
      continue;
    if (E.Kind == EntityKind::Type)
      bindType(F, E.Type, It->Res);
    else if (E.Kind == EntityKind::Instance && It->Inst)
      bindInstance(F, E.Type, *It->Inst);
  }
}

Error Instantiator::push(Frame &F, Sort S, const Item &It) {
  switch (S) {
  case Sort::Func:
    F.Funcs.push_back(It.Func);
    return Error::success();
  case Sort::Instance: {
    uint32_t Idx = F.Instances.size();
    F.Instances.push_back(It.Inst);
    if (Idx < F.C->InstanceSpace.size() && It.Inst)
      bindInstance(F, F.C->InstanceSpace[Idx], *It.Inst);
    return Error::success();
  }
  case Sort::Type: {
    uint32_t Idx = F.TypeRes.size();
    F.TypeRes.push_back(It.Res);
    if (Idx < F.C->TypeSpace.size())
      bindType(F, F.C->TypeSpace[Idx], It.Res);
    return Error::success();
  }
  case Sort::Component:
    F.Components.push_back(It);
    return Error::success();
  case Sort::CoreModule:
    F.CoreModules.push_back(It.Mod);
    return Error::success();
  case Sort::Value:
    return unsupported("component values");
  default:
    llvm_unreachable("component-level sorts only");
  }
}

Expected<Item> Instantiator::itemAt(Frame &F, Sort S, uint32_t Index) {
  Item It;
  It.S = S;
  switch (S) {
  case Sort::Func:
    It.Func = F.Funcs[Index];
    return It;
  case Sort::Instance:
    It.Inst = F.Instances[Index];
    return It;
  case Sort::Type:
    It.Res = F.TypeRes[Index];
    return It;
  case Sort::Component:
    return F.Components[Index];
  case Sort::CoreModule:
    It.Mod = F.CoreModules[Index];
    return It;
  case Sort::Value:
    return unsupported("component values");
  default:
    return unsupported(Twine("items of sort ") + sortName(S));
  }
}

/// The item a top-level import becomes: host functions, host resources and
/// instances of those.
Item Instantiator::hostItem(const std::string &Name, const EntityType &T) {
  Item It;
  switch (T.Kind) {
  case EntityKind::Func:
    It.S = Sort::Func;
    It.Func = {FuncDef::HostImport, uint32_t(G->Imports.size())};
    G->Imports.push_back({Name, T.Type});
    break;
  case EntityKind::Type:
    It.S = Sort::Type;
    if (Types.kind(T.Type) == TypeKind::Resource) {
      It.Res = {uint32_t(G->Resources.size())};
      G->Resources.push_back({ComponentInstanceIndex(), std::nullopt, Name});
    }
    break;
  case EntityKind::Instance: {
    It.S = Sort::Instance;
    It.Inst = std::make_shared<InstanceItems>();
    for (const auto &[N, E] : Types.instance(T.Type).Exports)
      It.Inst->Exports.emplace_back(N, hostItem(Name + "#" + N, E));
    break;
  }
  default:
    It.S = Sort::Value;
    break;
  }
  return It;
}

/// True when an import of type T needs something from the host besides
/// the functions hostItem lists one by one: a core module, a component, a
/// value or a resource type. Empty instances and `eq`-bounded types need
/// nothing, so a host never has to supply them (as in wasmtime).
bool Instantiator::needsHost(const EntityType &T) const {
  switch (T.Kind) {
  case EntityKind::Func:
    return false;
  case EntityKind::Type:
    return Types.kind(T.Type) == TypeKind::Resource;
  case EntityKind::Instance:
    for (const auto &E : Types.instance(T.Type).Exports)
      if (needsHost(E.second))
        return true;
    return false;
  default:
    return true;
  }
}

Error Instantiator::import(Frame &F, const ImportDef &I) {
  static const Sort SortOf[] = {Sort::CoreModule, Sort::Func,     Sort::Value,
                                Sort::Type,       Sort::Instance, Sort::Component};
  Sort S = SortOf[unsigned(I.Type.Kind)];
  if (F.Outer || F.Inst.V != 0) {
    auto It = F.Args.find(I.Name);
    if (It == F.Args.end())
      return createStringError("internal error: missing argument `" + I.Name +
                               "`");
    return push(F, S, It->second);
  }
  // Every top-level import the host must supply is listed, so that a host
  // that cannot supply it refuses to instantiate; functions are listed by
  // hostItem.
  if (S != Sort::Func && needsHost(I.Type))
    G->Imports.push_back({I.Name, I.Type.Type});
  if (S == Sort::Value)
    return unsupported("importing a value");
  if (S == Sort::CoreModule || S == Sort::Component) {
    Item It;
    It.S = S;
    return push(F, S, It);
  }
  return push(F, S, hostItem(I.Name, I.Type));
}

Error Instantiator::coreInstance(Frame &F, const InstanceDef &D) {
  CoreInstanceItem It;
  if (!D.Instantiate) {
    for (const InstanceDef::Item &E : D.Items) {
      switch (E.S) {
      case Sort::CoreFunc:
        It.Bag[E.Name] = F.CoreFuncs[E.Index];
        break;
      case Sort::CoreTable:
        It.Bag[E.Name] = F.CoreTables[E.Index];
        break;
      case Sort::CoreMemory:
        It.Bag[E.Name] = F.CoreMemories[E.Index];
        break;
      case Sort::CoreGlobal:
        It.Bag[E.Name] = F.CoreGlobals[E.Index];
        break;
      default:
        return unsupported(Twine("core instance exports of sort ") +
                           sortName(E.S));
      }
    }
    F.CoreInstances.push_back(std::move(It));
    return Error::success();
  }
  auto M = module(F.CoreModules[D.Of]);
  if (!M)
    return M.takeError();
  std::map<std::string, const CoreInstanceItem *> Args;
  for (const InstanceDef::Item &A : D.Items)
    Args[A.Name] = &F.CoreInstances[A.Index];
  CoreInstanceDef CI;
  CI.Module = *M;
  CI.Instance = F.Inst;
  for (const core::Import &Imp : (*M)->Imports) {
    auto A = Args.find(Imp.Module);
    if (A == Args.end())
      return createStringError("internal error: core import module `" +
                               Imp.Module + "` has no argument");
    CI.Imports.push_back(A->second->get(Imp.Name));
  }
  It.Instantiated = true;
  It.Index = G->CoreInstances.size();
  G->CoreInstances.push_back(std::move(CI));
  F.CoreInstances.push_back(std::move(It));
  return Error::success();
}

Error Instantiator::instance(Frame &F, const InstanceDef &D) {
  if (!D.Instantiate) {
    auto Items = std::make_shared<InstanceItems>();
    for (const InstanceDef::Item &E : D.Items) {
      auto It = itemAt(F, E.S, E.Index);
      if (!It)
        return It.takeError();
      Items->Exports.emplace_back(E.Name, *It);
    }
    Item It;
    It.S = Sort::Instance;
    It.Inst = Items;
    return push(F, Sort::Instance, It);
  }
  const Item &Comp = F.Components[D.Of];
  if (!Comp.Comp)
    return unsupported("instantiating a component the host provides");
  Frames.push_back(std::make_unique<Frame>());
  Frame &Child = *Frames.back();
  Child.C = Comp.Comp;
  Child.Outer = Comp.Closure;
  Child.Inst = newInstance(F.Inst);
  for (const InstanceDef::Item &A : D.Items) {
    auto It = itemAt(F, A.S, A.Index);
    if (!It)
      return It.takeError();
    Child.Args[A.Name] = *It;
  }
  if (Error E = walk(Child))
    return E;
  Item It;
  It.S = Sort::Instance;
  It.Inst = Child.Exports;
  return push(F, Sort::Instance, It);
}

Error Instantiator::alias(Frame &F, const AliasDef &A) {
  switch (A.K) {
  case AliasDef::CoreExport: {
    CoreDef D = F.CoreInstances[A.Instance].get(A.Name);
    switch (A.S) {
    case Sort::CoreFunc:
      F.CoreFuncs.push_back(D);
      return Error::success();
    case Sort::CoreTable:
      F.CoreTables.push_back(D);
      return Error::success();
    case Sort::CoreMemory:
      F.CoreMemories.push_back(D);
      return Error::success();
    case Sort::CoreGlobal:
      F.CoreGlobals.push_back(D);
      return Error::success();
    default:
      return unsupported(Twine("core aliases of sort ") + sortName(A.S));
    }
  }
  case AliasDef::Export: {
    const Item *It = F.Instances[A.Instance]->find(A.Name);
    if (!It)
      return createStringError("internal error: instance has no export `" +
                               A.Name + "`");
    return push(F, A.S, *It);
  }
  case AliasDef::Outer: {
    Frame *Target = &F;
    for (uint32_t I = 0; I < A.Instance && Target; ++I)
      Target = Target->Outer;
    if (!Target)
      return createStringError("internal error: outer alias out of range");
    if (A.S == Sort::CoreType)
      return Error::success();
    auto It = itemAt(*Target, A.S, A.Index);
    if (!It)
      return It.takeError();
    return push(F, A.S, *It);
  }
  }
  return Error::success();
}

Error Instantiator::canon(Frame &F, const CanonDef &D) {
  if (D.Options.Async || D.Options.Callback)
    return unsupported("the async canonical ABI");
  if (D.Options.GC)
    return unsupported("the `gc` canonical option");
  switch (D.Opcode) {
  case 0x00: { // lift
    G->Lifts.push_back(
        {F.CoreFuncs[D.Index], options(F, D.Options), D.Type, F.Inst});
    F.Funcs.push_back({FuncDef::Lifted, uint32_t(G->Lifts.size() - 1)});
    return Error::success();
  }
  case 0x01: { // lower
    G->Adapters.push_back({F.Funcs[D.Index], options(F, D.Options),
                           F.C->Funcs[D.Index], F.Inst});
    F.CoreFuncs.push_back(
        {CoreDef::Adapter, uint32_t(G->Adapters.size() - 1), ""});
    return Error::success();
  }
  case 0x02:
  case 0x03:
  case 0x04:
  case 0x07: {
    BuiltinDef B;
    B.K = D.Opcode == 0x02   ? BuiltinDef::ResourceNew
          : D.Opcode == 0x04 ? BuiltinDef::ResourceRep
                             : BuiltinDef::ResourceDrop;
    B.Resource = F.TypeRes[D.Index];
    B.Instance = F.Inst;
    if (!B.Resource.valid())
      return createStringError("internal error: resource built-in on a "
                               "type that is no resource");
    G->Builtins.push_back(B);
    F.CoreFuncs.push_back(
        {CoreDef::Builtin, uint32_t(G->Builtins.size() - 1), ""});
    return Error::success();
  }
  default:
    return unsupported("canonical built-in 0x" + utohexstr(D.Opcode) +
                       " (async, threads or error contexts)");
  }
}

/// A type definition; a resource definition creates a runtime resource
/// whose destructor is read from the binary (the IR keeps only the type).
Error Instantiator::typeDefinition(Frame &F, const Definition &D) {
  TypeId T = F.C->TypeSpace[D.Index];
  Item It;
  It.S = Sort::Type;
  const TypeNode &N = Types.get(T);
  if (N.Kind == TypeKind::Resource && D.Offset + 2 < Bytes.size() &&
      Bytes[D.Offset] == 0x3f) {
    ResourceDef R;
    R.Impl = F.Inst;
    R.Name = "resource" + std::to_string(G->Resources.size());
    if (Bytes[D.Offset + 2] == 0x01) {
      // LEB128 core function index of the destructor.
      uint64_t V = 0;
      unsigned Shift = 0;
      for (uint64_t P = D.Offset + 3; P < Bytes.size() && Shift < 35; ++P) {
        V |= uint64_t(Bytes[P] & 0x7f) << Shift;
        Shift += 7;
        if (!(Bytes[P] & 0x80))
          break;
      }
      if (V >= F.CoreFuncs.size())
        return createStringError("internal error: destructor index");
      R.Dtor = F.CoreFuncs[V];
    }
    It.Res = {uint32_t(G->Resources.size())};
    G->Resources.push_back(std::move(R));
  }
  if (D.Index != F.TypeRes.size())
    return createStringError("internal error: type index out of order");
  return push(F, Sort::Type, It);
}

Error Instantiator::definition(Frame &F, const Definition &D) {
  const Component &C = *F.C;
  switch (D.K) {
  case Definition::CoreModule:
    F.CoreModules.push_back({&C, D.Index});
    return Error::success();
  case Definition::CoreInstance:
    return coreInstance(F, C.CoreInstances[D.Index]);
  case Definition::CoreType:
  case Definition::Custom:
    return Error::success();
  case Definition::Component: {
    Item It;
    It.S = Sort::Component;
    It.Comp = C.Components[D.Index].get();
    It.Closure = &F;
    F.Components.push_back(It);
    return Error::success();
  }
  case Definition::Instance:
    return instance(F, C.Instances[D.Index]);
  case Definition::Alias:
    return alias(F, C.Aliases[D.Index]);
  case Definition::Type:
    return typeDefinition(F, D);
  case Definition::Canon:
    return canon(F, C.Canons[D.Index]);
  case Definition::Start:
    return unsupported("component start functions");
  case Definition::Import:
    return import(F, C.Imports[D.Index]);
  case Definition::Export: {
    const ExportDef &E = C.Exports[D.Index];
    auto It = itemAt(F, E.S, E.Index);
    if (!It)
      return It.takeError();
    F.Exports->Exports.emplace_back(E.Name, *It);
    return push(F, E.S, *It);
  }
  case Definition::Value:
    return unsupported("component values");
  }
  return Error::success();
}

Error Instantiator::walk(Frame &F) {
  for (const Definition &D : F.C->Defs)
    if (Error E = definition(F, D))
      return E;
  return Error::success();
}

Expected<std::unique_ptr<Graph>> Instantiator::run(const Component &Root) {
  Frames.push_back(std::make_unique<Frame>());
  Frame &F = *Frames.back();
  F.C = &Root;
  F.Inst = newInstance(ComponentInstanceIndex());
  if (Error E = walk(F))
    return std::move(E);
  for (const ExportDef &E : Root.Exports) {
    const Item *It = F.Exports->find(E.Name);
    if (!It)
      continue;
    if (E.S == Sort::Func) {
      G->Exports.push_back({E.Name, It->Func, E.Type.Type});
      continue;
    }
    if (E.S != Sort::Instance || !It->Inst)
      continue;
    for (const auto &[N, T] : Types.instance(E.Type.Type).Exports) {
      const Item *Sub = It->Inst->find(N);
      if (T.Kind == EntityKind::Func && Sub)
        G->Exports.push_back({E.Name + "#" + N, Sub->Func, T.Type});
    }
  }
  return std::move(G);
}

Expected<std::unique_ptr<Graph>>
instantiateStatically(const Component &Root, TypeStore &Types,
                      ArrayRef<uint8_t> Bytes) {
  Instantiator I(Types, Bytes);
  return I.run(Root);
}

} // namespace weld::component
