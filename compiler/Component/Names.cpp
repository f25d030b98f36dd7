//===- Names.cpp - Import/export names, visibility and subtyping ----------===//
//
// The rules about what a component may call its imports and exports
// (Explainer.md "Import and Export Definitions": plain names with their
// [constructor]/[method]/[static] annotations, interface names
// `ns:pkg/iface@version`, strong uniqueness), the external-visibility rule
// (types in imports and exports must themselves be named), and subtyping
// with resource binding for instantiation arguments and export ascription.
//
//===----------------------------------------------------------------------===//

#include "Component/Validator.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace weld::component {

bool isLabelText(StringRef L) {
  if (L.empty() || !isAlpha(L[0]))
    return false;
  for (StringRef Frag : split(L, '-')) {
    if (Frag.empty())
      return false;
    bool Lower = false, Upper = false;
    for (char C : Frag) {
      if (isLower(C))
        Lower = true;
      else if (isUpper(C))
        Upper = true;
      else if (!isDigit(C))
        return false;
    }
    if (Lower && Upper)
      return false;
  }
  return true;
}

/// `words`: lower-case kebab words starting with a letter.
static bool isWords(StringRef W) {
  if (W.empty() || !isLower(W[0]))
    return false;
  for (StringRef Frag : split(W, '-')) {
    if (Frag.empty())
      return false;
    for (char C : Frag)
      if (!isLower(C) && !isDigit(C))
        return false;
  }
  return true;
}

/// A semver `MAJOR.MINOR.PATCH[-pre][+build]`.
static bool isSemver(StringRef V) {
  StringRef Core = V, Pre, Build;
  size_t Plus = V.find('+');
  if (Plus != StringRef::npos) {
    Build = V.substr(Plus + 1);
    Core = V.substr(0, Plus);
    if (Build.empty())
      return false;
  }
  size_t Dash = Core.find('-');
  if (Dash != StringRef::npos) {
    Pre = Core.substr(Dash + 1);
    Core = Core.substr(0, Dash);
    if (Pre.empty())
      return false;
  }
  SmallVector<StringRef, 3> Parts;
  Core.split(Parts, '.');
  if (Parts.size() != 3)
    return false;
  for (StringRef P : Parts) {
    if (P.empty() || !all_of(P, isDigit) || (P.size() > 1 && P[0] == '0'))
      return false;
  }
  auto Idents = [](StringRef S, bool NumericNoLeadingZero) {
    for (StringRef Id : split(S, '.')) {
      if (Id.empty())
        return false;
      for (char C : Id)
        if (!isAlnum(C) && C != '-')
          return false;
      if (NumericNoLeadingZero && all_of(Id, isDigit) && Id.size() > 1 &&
          Id[0] == '0')
        return false;
    }
    return true;
  };
  return (Pre.empty() || Idents(Pre, true)) &&
         (Build.empty() || Idents(Build, false));
}

/// Interface name `ns:pkg/iface[@version]`; nested namespaces and
/// projections (`a:b:c/d/e`) only with the cm-nested-names feature.
static bool isInterfaceName(StringRef N, bool Nested) {
  StringRef Version;
  size_t At = N.find('@');
  if (At != StringRef::npos) {
    Version = N.substr(At + 1);
    N = N.substr(0, At);
    if (!isSemver(Version))
      return false;
  }
  size_t Slash = N.find('/');
  if (Slash == StringRef::npos)
    return false;
  StringRef Pkg = N.substr(0, Slash), Proj = N.substr(Slash + 1);
  SmallVector<StringRef, 4> Spaces;
  Pkg.split(Spaces, ':');
  if (Spaces.size() < 2 || (!Nested && Spaces.size() > 2) ||
      (!Nested && Proj.contains('/')))
    return false;
  for (StringRef W : Spaces)
    if (!isWords(W))
      return false;
  for (StringRef L : split(Proj, '/'))
    if (!isLabelText(L))
      return false;
  return true;
}

/// Splits an annotated plain name. Returns false on bad syntax.
struct PlainName {
  enum Kind { Label, Constructor, Method, Static } K = Label;
  StringRef Resource, Name;
};
static bool parsePlain(StringRef N, PlainName &P) {
  auto TwoLabels = [&](StringRef Rest) {
    size_t Dot = Rest.find('.');
    if (Dot == StringRef::npos)
      return false;
    P.Resource = Rest.substr(0, Dot);
    P.Name = Rest.substr(Dot + 1);
    return isLabelText(P.Resource) && isLabelText(P.Name);
  };
  if (N.consume_front("[constructor]")) {
    P.K = PlainName::Constructor;
    P.Resource = P.Name = N;
    return isLabelText(N);
  }
  if (N.consume_front("[method]")) {
    P.K = PlainName::Method;
    return TwoLabels(N);
  }
  if (N.consume_front("[static]")) {
    P.K = PlainName::Static;
    return TwoLabels(N);
  }
  P.Name = N;
  return isLabelText(N);
}

bool isAnnotatedName(StringRef Name) {
  PlainName P;
  return !Name.contains(':') && parsePlain(Name, P) && P.K != PlainName::Label;
}

/// The strongly-unique canonical form of a name.
static std::string uniqueKey(StringRef Name) {
  // Names that differ only in case or in hyphens are the same name.
  std::string L;
  for (char C : Name)
    if (C != '-')
      L += toLower(C);
  StringRef S = L;
  if (S.starts_with("[method]") || S.starts_with("[static]")) {
    StringRef Rest = S.substr(8);
    size_t Dot = Rest.find('.');
    if (Dot != StringRef::npos && Rest.substr(0, Dot) == Rest.substr(Dot + 1))
      return Rest.substr(0, Dot).str();
    return Rest.str();
  }
  return L;
}

Expected<std::string> Validator::externName(ByteReader &R, NameAttrs *Attrs) {
  uint64_t Off = R.offset();
  WELD_TRY(Tag, R.readU8());
  if (Tag > 0x02)
    return errorAt(Off, "invalid leading byte (0x" + utohexstr(Tag) +
                            ") for component name");
  WELD_TRY(Name, R.readName());
  if (Tag == 0x02) {
    WELD_TRY(N, R.readCount());
    bool Seen[3] = {};
    for (uint32_t I = 0; I < N; ++I) {
      uint64_t AOff = R.offset();
      WELD_TRY(K, R.readU8());
      if (K > 2)
        return errorAt(AOff, "invalid leading byte (0x" + utohexstr(K) +
                                 ") for name attribute");
      if (Seen[K])
        return errorAt(AOff, "duplicate name attribute");
      Seen[K] = true;
      if (Attrs)
        (K == 0 ? Attrs->Implements
                : K == 1 ? Attrs->VersionSuffix : Attrs->ExternalId) = true;
      WELD_TRY(Value, R.readName());
      if (K == 0 && !isInterfaceName(Value, feats().NestedNames))
        return errorAt(AOff, "`" + Value + "` is not a valid interface name");
      if (K == 1) {
        size_t At = StringRef(Name).find('@');
        if (At == StringRef::npos ||
            !isSemver(StringRef(Name).substr(At + 1).str() + Value))
          return errorAt(AOff, "invalid version suffix `" + Value + "`");
      }
    }
  }
  return Name;
}

Error Validator::checkNameAttrs(StringRef Name, const NameAttrs &Attrs,
                                const EntityType &T, uint64_t Off) {
  const Features &F = feats();
  if ((Attrs.Implements || Attrs.ExternalId) && !F.Implements)
    return errorAt(Off, "the `cm-implements` feature is not active");
  if (Attrs.VersionSuffix && !F.CanonNames)
    return errorAt(Off, "the `cm-canon-names` feature is not active");
  if (Attrs.Implements) {
    // `implements` names the interface a plainly named instance provides.
    PlainName P;
    if (Name.contains(':') || !parsePlain(Name, P) || P.K != PlainName::Label)
      return errorAt(Off, "name `" + Name + "` is not valid with `implements`");
    if (T.Kind != EntityKind::Instance)
      return errorAt(Off, "only instances can have an `implements`");
  }
  if (Attrs.VersionSuffix && T.Kind != EntityKind::Instance)
    return errorAt(Off, "only instances can have an `versionsuffix`");
  return Error::success();
}

Error Validator::checkName(StringRef Name, uint64_t Off, const char *What) {
  if (Name.contains(':')) {
    if (!isInterfaceName(Name, feats().NestedNames))
      return errorAt(Off, Twine(What) + " name `" + Name +
                              "` is not a valid extern name");
    return Error::success();
  }
  PlainName P;
  if (!parsePlain(Name, P))
    return errorAt(Off, Twine(What) + " name `" + Name +
                            "` is not a valid extern name");
  return Error::success();
}

bool Validator::namedIn(const std::set<uint32_t> &Named, TypeId T, bool Top) {
  if (!T.valid())
    return true;
  if (!Top && Named.count(T.V))
    return true;
  // Naming a type that already has a name (a re-export) is always fine.
  for (TypeId X = Types.get(T).AliasOf; Top && X.valid(); X = Types.get(X).AliasOf)
    if (Named.count(X.V))
      return true;
  const TypeNode &N = Types.get(T);
  switch (N.Kind) {
  case TypeKind::Record:
  case TypeKind::Variant:
  case TypeKind::Enum:
  case TypeKind::Flags:
  case TypeKind::Resource:
    if (!Top)
      return false;
    break;
  default:
    break;
  }
  if (isPrimitive(N.Kind))
    return true;
  if (N.Kind == TypeKind::Instance || N.Kind == TypeKind::Component ||
      N.Kind >= TypeKind::CoreFunc)
    return true;
  for (TypeId E : N.Elems)
    if (!namedIn(Named, E, false))
      return false;
  return namedIn(Named, N.Result, false);
}

bool Validator::funcNamedIn(const std::set<uint32_t> &Named, TypeId F) {
  const TypeNode &N = Types.get(F);
  for (TypeId P : N.Elems)
    if (!namedIn(Named, P, false))
      return false;
  return namedIn(Named, N.Result, false);
}

bool Validator::instanceNamedIn(const std::set<uint32_t> &Named, TypeId Inst) {
  // An instance *type* being named registers nothing: everything its
  // exports mention must already have a name here.
  for (auto &[Name, E] : Types.instance(Inst).Exports) {
    switch (E.Kind) {
    case EntityKind::Func:
      if (!funcNamedIn(Named, E.Type))
        return false;
      break;
    case EntityKind::Type:
    case EntityKind::Value:
      if (!typeNamedIn(Named, E.Type))
        return false;
      break;
    case EntityKind::Instance:
      if (!instanceNamedIn(Named, E.Type))
        return false;
      break;
    default:
      break;
    }
  }
  return true;
}

bool Validator::typeNamedIn(const std::set<uint32_t> &Named, TypeId T) {
  switch (Types.kind(T)) {
  case TypeKind::Func:
    return funcNamedIn(Named, T);
  case TypeKind::Instance:
    return instanceNamedIn(Named, T);
  case TypeKind::Component:
    return true; // validated when it was declared
  default:
    return namedIn(Named, T, true);
  }
}

bool Validator::registerNamed(Scope &S, const EntityType &T, bool IsImport) {
  // Instance type declarators defer the check until the type is attached
  // to an import or export of a component.
  if (S.K == Scope::InstanceTypeDecl)
    return true;
  std::set<uint32_t> &Named = IsImport ? S.ImportNamed : S.ExportNamed;
  switch (T.Kind) {
  case EntityKind::Type:
    if (!typeNamedIn(Named, T.Type))
      return false;
    // Imported types may be exported again; exported ones are not visible
    // to imports.
    S.ExportNamed.insert(T.Type.V);
    if (IsImport)
      S.ImportNamed.insert(T.Type.V);
    return true;
  case EntityKind::Instance:
    // The instance's exports are named as they go, in order.
    for (auto &[Name, E] : Types.instance(T.Type).Exports)
      if (!registerNamed(S, E, IsImport))
        return false;
    return true;
  case EntityKind::Func:
    return funcNamedIn(Named, T.Type);
  case EntityKind::Value:
    return namedIn(Named, T.Type, false);
  default:
    return true;
  }
}

/// Checks the type rules of [constructor]/[method]/[static] names.
static Error checkAnnotated(Validator &V, Scope &S, StringRef Name,
                            const EntityType &T, bool IsImport, uint64_t Off) {
  PlainName P;
  if (Name.contains(':') || !parsePlain(Name, P) || P.K == PlainName::Label)
    return Error::success();
  if (T.Kind != EntityKind::Func)
    return errorAt(Off, "name `" + Name + "` is not valid for a non-function");
  auto &Res = IsImport ? S.ImportResources : S.ExportResources;
  auto It = Res.find(P.Resource.str());
  if (It == Res.end())
    return errorAt(Off, "resource used in function does not have a name in this context: `" +
                            P.Resource + "` for `" + Name + "`");
  ResourceId R = It->second;
  const TypeNode &F = V.Types.get(T.Type);
  auto IsRes = [&](TypeId X, TypeKind K) {
    if (!X.valid() || V.Types.kind(X) != K)
      return false;
    return V.Types.get(V.Types.get(X).Elems[0]).Res == R;
  };
  if (P.K == PlainName::Constructor) {
    if (F.Length)
      return errorAt(Off, "constructor function cannot be async");
    TypeId Ret = F.Result;
    bool OK = IsRes(Ret, TypeKind::Own);
    if (!OK && Ret.valid() && V.Types.kind(Ret) == TypeKind::Result)
      OK = IsRes(V.Types.get(Ret).Elems[0], TypeKind::Own);
    if (!OK)
      return errorAt(Off, "function `" + Name + "` should return `(own $T)`");
  } else if (P.K == PlainName::Method) {
    if (F.Names.empty() || F.Names[0] != "self" ||
        !IsRes(F.Elems[0], TypeKind::Borrow))
      return errorAt(Off, "function `" + Name +
                              "` should have a first parameter `self: borrow<" +
                              P.Resource + ">`");
  }
  return Error::success();
}

/// Resources defined in Scope S that T mentions.
static void collectResources(TypeStore &Types, TypeId T,
                             std::set<ResourceId> &Out,
                             std::set<uint32_t> &Seen) {
  if (!T.valid() || !Seen.insert(T.V).second)
    return;
  const TypeNode &N = Types.get(T);
  if (N.Kind == TypeKind::Resource) {
    Out.insert(N.Res);
    return;
  }
  if (N.Kind == TypeKind::Instance) {
    for (auto &E : Types.instance(T).Exports)
      collectResources(Types, E.second.Type, Out, Seen);
    return;
  }
  if (N.Kind == TypeKind::Component || N.Kind >= TypeKind::CoreFunc)
    return;
  for (TypeId E : N.Elems)
    collectResources(Types, E, Out, Seen);
  collectResources(Types, N.Result, Out, Seen);
}

/// Gives a type entity its own node (a new index names it).
static EntityType aliasType(TypeStore &Types, EntityType T) {
  if (T.Kind != EntityKind::Type)
    return T;
  TypeKind K = Types.kind(T.Type);
  if (isValueKind(K) || K == TypeKind::Resource) {
    TypeNode Copy = Types.get(T.Type);
    Copy.AliasOf = T.Type;
    T.Type = Types.define(std::move(Copy));
  }
  return T;
}

static Error addExtern(Validator &V, Scope &S, const std::string &Name,
                       EntityType T, uint64_t Off, bool IsImport) {
  const char *What = IsImport ? "import" : "export";
  if (auto E = V.checkName(Name, Off, What))
    return E;
  auto &Keys = IsImport ? S.ImportKeys : S.ExportKeys;
  auto &List = IsImport ? S.Imports : S.Exports;
  std::string Key = uniqueKey(Name);
  if (!Keys.insert(Key).second) {
    for (auto &[Other, OT] : List)
      if (uniqueKey(Other) == Key)
        return errorAt(Off, Twine(What) + " name `" + Name +
                                "` conflicts with previous name `" + Other + "`");
    return errorAt(Off, Twine(What) + " name `" + Name + "` conflicts with a previous name");
  }
  if (auto E = checkAnnotated(V, S, Name, T, IsImport, Off))
    return E;
  // Imported instances, and instances a type declarator exports, get fresh
  // abstract resources (each such instance has its own).
  if (T.Kind == EntityKind::Instance &&
      (IsImport || S.K != Scope::ComponentDef)) {
    std::vector<ResourceId> Fresh;
    T.Type = V.freshenInstance(T.Type, Fresh);
    auto &Into = IsImport ? S.ImportedResources : S.DefinedResources;
    Into.insert(Into.end(), Fresh.begin(), Fresh.end());
  }
  if (!IsImport && S.K == Scope::ComponentDef) {
    // Resources this component defines become defined by its type.
    std::set<ResourceId> Used;
    std::set<uint32_t> Seen;
    collectResources(V.Types, T.Type, Used, Seen);
    for (ResourceId R : Used)
      if (S.LocalResources.count(R) &&
          !is_contained(S.DefinedResources, R))
        S.DefinedResources.push_back(R);
  }
  T = aliasType(V.Types, T);
  // External visibility: every type the entity mentions must have a name
  // (an import or export) on this side of the component boundary.
  if (!V.registerNamed(S, T, IsImport)) {
    return errorAt(Off, Twine(entityKindName(T.Kind)) +
                            " not valid to be used as " + What);
  }
  if (T.Kind == EntityKind::Type) {
    if (V.Types.kind(T.Type) == TypeKind::Resource && !StringRef(Name).contains(':'))
      (IsImport ? S.ImportResources : S.ExportResources)[Name] =
          V.Types.get(T.Type).Res;
  }
  List.emplace_back(Name, T);
  V.pushEntity(S, T);
  // An exported value is the export's own index: it counts as used.
  if (!IsImport && T.Kind == EntityKind::Value)
    S.ValueUsed.back() = true;
  return Error::success();
}

Error Validator::addImport(Scope &S, const std::string &Name, EntityType T,
                           uint64_t Off) {
  return addExtern(*this, S, Name, T, Off, true);
}

Error Validator::addExport(Scope &S, const std::string &Name, EntityType T,
                           uint64_t Off) {
  return addExtern(*this, S, Name, T, Off, false);
}

//===----------------------------------------------------------------------===//
// Subtyping
//===----------------------------------------------------------------------===//

bool SubtypeCx::resource(ResourceId A, ResourceId E) {
  if (A == E)
    return true;
  auto Bind = [&](ResourceId From, ResourceId To) {
    auto It = Bound.find(From);
    if (It != Bound.end())
      return It->second == To;
    Bound[From] = To;
    return true;
  };
  if (Bindable.count(E))
    return Bind(E, A);
  if (Bindable.count(A))
    return Bind(A, E);
  auto It = Bound.find(E);
  return It != Bound.end() && It->second == A;
}

bool SubtypeCx::type(TypeId A, TypeId E) {
  if (A == E)
    return true;
  if (!A.valid() || !E.valid())
    return false;
  const TypeNode &X = Types.get(A), &Y = Types.get(E);
  if (X.Kind != Y.Kind)
    return false;
  if (isPrimitive(X.Kind))
    return true;
  switch (X.Kind) {
  case TypeKind::Resource:
    return resource(X.Res, Y.Res);
  case TypeKind::Instance:
    return instance(A, E);
  case TypeKind::Component:
    return component(A, E);
  case TypeKind::CoreModule:
    return module(A, E);
  case TypeKind::CoreFunc:
  case TypeKind::CoreStruct:
  case TypeKind::CoreArray:
    return false;
  default:
    break;
  }
  if (X.Names != Y.Names || X.Elems.size() != Y.Elems.size() ||
      X.Length != Y.Length)
    return false;
  for (size_t I = 0; I < X.Elems.size(); ++I) {
    if (X.Elems[I].valid() != Y.Elems[I].valid())
      return false;
    if (X.Elems[I].valid() && !type(X.Elems[I], Y.Elems[I]))
      return false;
  }
  if (X.Result.valid() != Y.Result.valid())
    return false;
  return !X.Result.valid() || type(X.Result, Y.Result);
}

bool SubtypeCx::entity(const EntityType &A, const EntityType &E) {
  if (A.Kind != E.Kind)
    return false;
  return type(A.Type, E.Type);
}

bool SubtypeCx::instance(TypeId A, TypeId E) {
  const InstanceTypeInfo &X = Types.instance(A), &Y = Types.instance(E);
  for (ResourceId R : Y.DefinedResources)
    Bindable.insert(R);
  for (auto &[Name, ET] : Y.Exports) {
    const EntityType *Found = nullptr;
    for (auto &[N, AT] : X.Exports)
      if (N == Name)
        Found = &AT;
    if (!Found || !entity(*Found, ET))
      return false;
  }
  return true;
}

bool SubtypeCx::component(TypeId A, TypeId E) {
  const ComponentTypeInfo &X = Types.component(A), &Y = Types.component(E);
  for (ResourceId R : X.ImportedResources)
    Bindable.insert(R);
  for (ResourceId R : Y.DefinedResources)
    Bindable.insert(R);
  for (auto &[Name, AT] : X.Imports) {
    const EntityType *Found = nullptr;
    for (auto &[N, ET] : Y.Imports)
      if (N == Name)
        Found = &ET;
    if (!Found || !entity(*Found, AT))
      return false;
  }
  for (auto &[Name, ET] : Y.Exports) {
    const EntityType *Found = nullptr;
    for (auto &[N, AT] : X.Exports)
      if (N == Name)
        Found = &AT;
    if (!Found || !entity(*Found, ET))
      return false;
  }
  return true;
}

bool SubtypeCx::module(TypeId A, TypeId E) {
  const CoreModuleType &X = Types.coreModule(A), &Y = Types.coreModule(E);
  for (const CoreImport &I : X.Imports) {
    const CoreImport *Found = nullptr;
    for (const CoreImport &J : Y.Imports)
      if (J.Module == I.Module && J.Name == I.Name)
        Found = &J;
    if (!Found || !coreExternMatches(Found->Type, I.Type))
      return false;
  }
  for (auto &[Name, ET] : Y.Exports) {
    const CoreExternType *Found = nullptr;
    for (auto &[N, AT] : X.Exports)
      if (N == Name)
        Found = &AT;
    if (!Found || !coreExternMatches(*Found, ET))
      return false;
  }
  return true;
}

} // namespace weld::component
