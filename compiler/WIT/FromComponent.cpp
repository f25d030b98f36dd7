//===- FromComponent.cpp - The WIT world of a component -------------------===//
//
// Walks the component's imports and then its exports in order. Each type
// export of an instance either names a new definition (owned by that
// interface) or re-exports a type some interface already owns (found by
// following the chain of nodes each import/export alias created), which
// WIT spells `use iface.{name}`. Anonymous types (lists, options, tuples,
// results, handles) are converted structurally once per node.
//
//===----------------------------------------------------------------------===//

#include "WIT/FromComponent.h"

#include "Support/Diagnostics.h"

#include "llvm/ADT/StringRef.h"

#include <map>

using namespace llvm;
using namespace weld::component;

namespace weld::wit {

namespace {
class Decoder {
public:
  Decoder(const TypeStore &Types) : Types(Types) {}

  ComponentWorld W;

  Error run(const Component &C) {
    Package Root;
    Root.Namespace = "root";
    Root.Name = "component";
    W.R.Packages.push_back(Root);
    World Wd;
    Wd.Name = "root";
    Wd.Package = 0;
    W.R.Worlds.push_back(Wd);
    W.R.Packages[0].Worlds.push_back(0);
    const ComponentTypeInfo &Info = Types.component(C.Type);
    for (auto &[Name, E] : Info.Imports)
      if (auto Err = item(Name, E, true))
        return Err;
    for (auto &[Name, E] : Info.Exports)
      if (auto Err = item(Name, E, false))
        return Err;
    // Packages a package's types come from are printed before it.
    std::vector<bool> Done(W.R.Packages.size());
    for (uint32_t P = 1; P < W.R.Packages.size(); ++P)
      visit(P, Done);
    return Error::success();
  }

  void visit(uint32_t P, std::vector<bool> &Done) {
    if (Done[P])
      return;
    Done[P] = true;
    for (uint32_t I : W.R.Packages[P].Interfaces)
      for (auto &[Name, Id] : W.R.Interfaces[I].Types) {
        const TypeDef &D = W.R.Types[Id];
        if (D.K != TypeDef::Alias || D.Types[0].K != Type::Id)
          continue;
        const TypeDef &Target = W.R.Types[D.Types[0].Def];
        if (Target.Holder.K != Owner::Interface)
          continue;
        uint32_t From = W.R.Interfaces[Target.Holder.Index].Package;
        if (From != ~0u && From != 0)
          visit(From, Done);
      }
    W.Nested.push_back(P);
  }

private:
  const TypeStore &Types;
  /// Component type node -> WIT type definition.
  std::map<uint32_t, uint32_t> Registered;
  /// Resource identity -> WIT type definition of its first name.
  std::map<uint32_t, uint32_t> Resources;
  /// Anonymous conversions.
  std::map<uint32_t, uint32_t> Anonymous;

  World &world() { return W.R.Worlds[0]; }

  uint32_t package(StringRef Ns, StringRef Name, StringRef Version) {
    for (uint32_t P = 1; P < W.R.Packages.size(); ++P) {
      const Package &Pk = W.R.Packages[P];
      if (Pk.Namespace == Ns && Pk.Name == Name && Pk.Version == Version)
        return P;
    }
    Package Pk;
    Pk.Namespace = Ns.str();
    Pk.Name = Name.str();
    Pk.Version = Version.str();
    W.R.Packages.push_back(Pk);
    return W.R.Packages.size() - 1;
  }

  /// A registered definition on T's alias chain (T included), if any.
  std::optional<uint32_t> findNamed(TypeId T) {
    for (TypeId X = T; X.valid(); X = Types.get(X).AliasOf) {
      auto It = Registered.find(X.V);
      if (It != Registered.end())
        return It->second;
      const TypeNode &N = Types.get(X);
      if (N.Kind == TypeKind::Resource) {
        auto R = Resources.find(N.Res.V);
        if (R != Resources.end())
          return R->second;
      }
    }
    return std::nullopt;
  }

  Expected<Type> convert(TypeId T) {
    if (!T.valid())
      return Type();
    if (auto Named = findNamed(T))
      return Type::id(*Named);
    const TypeNode &N = Types.get(T);
    switch (N.Kind) {
    case TypeKind::Bool: return Type{Type::Bool, 0};
    case TypeKind::S8: return Type{Type::S8, 0};
    case TypeKind::U8: return Type{Type::U8, 0};
    case TypeKind::S16: return Type{Type::S16, 0};
    case TypeKind::U16: return Type{Type::U16, 0};
    case TypeKind::S32: return Type{Type::S32, 0};
    case TypeKind::U32: return Type{Type::U32, 0};
    case TypeKind::S64: return Type{Type::S64, 0};
    case TypeKind::U64: return Type{Type::U64, 0};
    case TypeKind::F32: return Type{Type::F32, 0};
    case TypeKind::F64: return Type{Type::F64, 0};
    case TypeKind::Char: return Type{Type::Char, 0};
    case TypeKind::String: return Type{Type::String, 0};
    case TypeKind::ErrorContext: return Type{Type::ErrorContext, 0};
    default: break;
    }
    auto It = Anonymous.find(T.V);
    if (It != Anonymous.end())
      return Type::id(It->second);
    auto Def = structure(T, "");
    if (!Def)
      return Def.takeError();
    uint32_t Id = W.R.addType(std::move(*Def));
    Anonymous[T.V] = Id;
    return Type::id(Id);
  }

  /// The WIT definition with the structure of node T.
  Expected<TypeDef> structure(TypeId T, StringRef Name) {
    const TypeNode &N = Types.get(T);
    TypeDef D;
    D.Name = Name.str();
    switch (N.Kind) {
    case TypeKind::Record: D.K = TypeDef::Record; break;
    case TypeKind::Variant: D.K = TypeDef::Variant; break;
    case TypeKind::Flags: D.K = TypeDef::Flags; break;
    case TypeKind::Enum: D.K = TypeDef::Enum; break;
    case TypeKind::Tuple: D.K = TypeDef::Tuple; break;
    case TypeKind::List: D.K = TypeDef::List; break;
    case TypeKind::FixedList: D.K = TypeDef::FixedList; break;
    case TypeKind::Map: D.K = TypeDef::Map; break;
    case TypeKind::Option: D.K = TypeDef::Option; break;
    case TypeKind::Result: D.K = TypeDef::Result; break;
    case TypeKind::Own: D.K = TypeDef::Own; break;
    case TypeKind::Borrow: D.K = TypeDef::Borrow; break;
    case TypeKind::Stream: D.K = TypeDef::Stream; break;
    case TypeKind::Future: D.K = TypeDef::Future; break;
    case TypeKind::Resource: D.K = TypeDef::Resource; break;
    default:
      if (isPrimitive(N.Kind)) {
        D.K = TypeDef::Alias;
        auto P = convert(TypeId{uint32_t(N.Kind)});
        if (!P)
          return P.takeError();
        D.Types.push_back(*P);
        return D;
      }
      return errorNoLoc("cannot express type `" + Types.describe(T) +
                        "` in WIT");
    }
    if (D.Name.empty() &&
        (D.K == TypeDef::Record || D.K == TypeDef::Variant ||
         D.K == TypeDef::Flags || D.K == TypeDef::Enum ||
         D.K == TypeDef::Resource))
      return errorNoLoc("component uses an unnamed " +
                        Twine(D.K == TypeDef::Resource ? "resource" : "type") +
                        ", which WIT cannot express");
    D.Labels = N.Names;
    D.Length = N.Length;
    for (TypeId E : N.Elems) {
      auto C = convert(E);
      if (!C)
        return C.takeError();
      D.Types.push_back(*C);
    }
    return D;
  }

  /// Registers type export Name (node T) of owner O; returns its WIT id.
  Expected<uint32_t> typeExport(StringRef Name, TypeId T, Owner O) {
    uint32_t Id;
    std::optional<uint32_t> Target;
    if (TypeId Of = Types.get(T).AliasOf; Of.valid())
      Target = findNamed(Of);
    if (!Target && Types.kind(T) == TypeKind::Resource) {
      auto R = Resources.find(Types.get(T).Res.V);
      if (R != Resources.end())
        Target = R->second;
    }
    if (Target) {
      TypeDef D;
      D.K = TypeDef::Alias;
      D.Name = Name.str();
      D.Holder = O;
      D.Types.push_back(Type::id(*Target));
      Id = W.R.addType(std::move(D));
    } else {
      auto D = structure(T, Name);
      if (!D)
        return D.takeError();
      D->Holder = O;
      Id = W.R.addType(std::move(*D));
      if (Types.kind(T) == TypeKind::Resource)
        Resources[Types.get(T).Res.V] = Id;
    }
    for (TypeId X = T; X.valid() && !Registered.count(X.V);
         X = Types.get(X).AliasOf)
      Registered[X.V] = Id;
    return Id;
  }

  /// Converts function Name (type F) whose resources are looked up among
  /// LocalTypes.
  Expected<Function>
  function(StringRef Name, TypeId F,
           const std::vector<std::pair<std::string, uint32_t>> &LocalTypes) {
    Function Fn;
    Fn.Name = Name.str();
    Fn.ItemName = Name.str();
    StringRef Rest = Name;
    StringRef ResName;
    if (Rest.consume_front("[constructor]")) {
      Fn.K = Function::Constructor;
      ResName = Rest;
      Fn.ItemName = Rest.str();
    } else if (Rest.consume_front("[method]")) {
      Fn.K = Function::Method;
      auto Parts = Rest.split('.');
      ResName = Parts.first;
      Rest = Parts.second;
      Fn.ItemName = Rest.str();
    } else if (Rest.consume_front("[static]")) {
      Fn.K = Function::Static;
      auto Parts = Rest.split('.');
      ResName = Parts.first;
      Rest = Parts.second;
      Fn.ItemName = Rest.str();
    }
    if (Fn.K != Function::Freestanding) {
      bool Found = false;
      for (auto &[N, Id] : LocalTypes)
        if (N == ResName) {
          Fn.Resource = Id;
          Found = true;
        }
      if (!Found)
        return errorNoLoc("function `" + Name + "` refers to unknown resource `" +
                          ResName + "`");
    }
    const TypeNode &N = Types.get(F);
    Fn.Async = N.Length != 0;
    for (size_t I = 0; I < N.Elems.size(); ++I) {
      auto T = convert(N.Elems[I]);
      if (!T)
        return T.takeError();
      Fn.Params.emplace_back(N.Names[I], *T);
    }
    auto R = convert(N.Result);
    if (!R)
      return R.takeError();
    Fn.Result = *R;
    return Fn;
  }

  Error interface(uint32_t I, TypeId Inst) {
    const InstanceTypeInfo &Info = Types.instance(Inst);
    Owner O{Owner::Interface, I};
    for (auto &[Name, E] : Info.Exports) {
      if (E.Kind == EntityKind::Type) {
        auto Id = typeExport(Name, E.Type, O);
        if (!Id)
          return Id.takeError();
        W.R.Interfaces[I].Types.emplace_back(Name, *Id);
      }
    }
    for (auto &[Name, E] : Info.Exports) {
      if (E.Kind == EntityKind::Func) {
        auto F = function(Name, E.Type, W.R.Interfaces[I].Types);
        if (!F)
          return F.takeError();
        W.R.Interfaces[I].Functions.push_back(std::move(*F));
      } else if (E.Kind != EntityKind::Type) {
        return errorNoLoc(Twine("interface export `") + Name + "` is a " +
                          entityKindName(E.Kind) + ", which WIT cannot express");
      }
    }
    return Error::success();
  }

  Error item(StringRef Name, const EntityType &E, bool IsImport) {
    auto &Items = IsImport ? world().Imports : world().Exports;
    WorldItem Item;
    switch (E.Kind) {
    case EntityKind::Instance: {
      Interface If;
      if (Name.contains(':')) {
        StringRef Version;
        StringRef Path = Name;
        if (size_t At = Name.find('@'); At != StringRef::npos) {
          Version = Name.substr(At + 1);
          Path = Name.substr(0, At);
        }
        auto [Pkg, IfName] = Path.split('/');
        auto [Ns, PkgName] = Pkg.rsplit(':');
        If.Package = package(Ns, PkgName, Version);
        If.Name = IfName.str();
      } else {
        Item.Name = Name.str();
      }
      W.R.Interfaces.push_back(If);
      uint32_t I = W.R.Interfaces.size() - 1;
      if (If.Package != ~0u)
        W.R.Packages[If.Package].Interfaces.push_back(I);
      if (auto Err = interface(I, E.Type))
        return Err;
      Item.K = WorldItem::Interface;
      Item.Index = I;
      Items.push_back(std::move(Item));
      return Error::success();
    }
    case EntityKind::Func: {
      std::vector<std::pair<std::string, uint32_t>> WorldTypes;
      for (const WorldItem &T : world().Imports)
        if (T.K == WorldItem::Type)
          WorldTypes.emplace_back(T.Name, T.Index);
      for (const WorldItem &T : world().Exports)
        if (T.K == WorldItem::Type)
          WorldTypes.emplace_back(T.Name, T.Index);
      auto F = function(Name, E.Type, WorldTypes);
      if (!F)
        return F.takeError();
      Item.K = WorldItem::Function;
      Item.Name = F->ItemName;
      Item.Func = std::move(*F);
      Items.push_back(std::move(Item));
      return Error::success();
    }
    case EntityKind::Type: {
      auto Id = typeExport(Name, E.Type, Owner{Owner::World, 0});
      if (!Id)
        return Id.takeError();
      Item.K = WorldItem::Type;
      Item.Name = Name.str();
      Item.Index = *Id;
      Items.push_back(std::move(Item));
      return Error::success();
    }
    default:
      return errorNoLoc(Twine("component ") + (IsImport ? "import" : "export") +
                        " `" + Name + "` is a " + entityKindName(E.Kind) +
                        ", which WIT cannot express");
    }
  }
};
} // namespace

Expected<ComponentWorld> worldFromComponent(const Component &C,
                                            const TypeStore &Types) {
  Decoder D(Types);
  if (auto E = D.run(C))
    return std::move(E);
  return std::move(D.W);
}

} // namespace weld::wit
