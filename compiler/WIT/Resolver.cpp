//===- Resolver.cpp - Names of parsed WIT to a Resolve ---------------------===//
//
// Turns parsed files into the Resolve the printer prints, the way
// wit-parser does: files of a group merge into one package; packages are
// resolved dependencies first; inside a package interfaces and worlds are
// visited in dependency order (that order is also the printed one); `use`
// becomes an alias type owned by the using interface or world; world
// imports are elaborated so every interface an imported or exported one
// uses is imported first. `@unstable` items whose feature is not enabled
// are dropped before anything refers to them.
//
//===----------------------------------------------------------------------===//

#include "WIT/Parser.h"

#include "Support/Diagnostics.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <map>

namespace weld::wit {

namespace {

using ast::Func;
using ast::Gate;
using ast::Ident;
using ast::Include;
using ast::InterfaceBody;
using ast::Loc;
using ast::PackageBody;
using ast::PackageDecl;
using ast::TopUse;
using ast::TypeDefn;
using ast::TypeExpr;
using ast::Use;
using ast::UseName;
using ast::UsePath;

/// One package before resolution: its declaration and every body (file or
/// nested block) that contributes to it.
struct PackageSource {
  PackageDecl Decl;
  std::vector<const PackageBody *> Bodies;
  /// Index into Resolve::Packages once created.
  uint32_t Index = ~0u;
  /// 0 unvisited, 1 in progress, 2 done (for the package topological sort).
  uint8_t State = 0;
  /// True for packages of the main group (resolved after the deps).
  bool Main = false;
};

/// Where a local name of a package points before resolution.
struct LocalInterface {
  const ast::Interface *Ast = nullptr;
  const PackageBody *Body = nullptr;
  uint32_t Index = ~0u;
  uint8_t State = 0;
};
struct LocalWorld {
  const ast::World *Ast = nullptr;
  const PackageBody *Body = nullptr;
  uint32_t Index = ~0u;
  uint8_t State = 0;
};

class Resolver {
public:
  Resolver(const std::vector<ast::File> &Files, const ResolveOptions &Opts)
      : Files(Files), Opts(Opts) {}

  llvm::Expected<ParsedWit> run(const std::vector<uint32_t> &Group);

private:
  const std::vector<ast::File> &Files;
  const ResolveOptions &Opts;
  Resolve R;
  /// Packages by "ns:name@version", in discovery order.
  std::vector<PackageSource> Sources;
  std::map<std::string, uint32_t> SourceById;
  /// Interfaces each interface uses, in first-use order (by Resolve index).
  std::vector<std::vector<uint32_t>> IfaceDeps;
  /// Per resolved package: its interfaces and worlds by name.
  std::vector<llvm::StringMap<uint32_t>> PkgIfaces, PkgWorlds;
  /// Declaration location of every type (for cycle errors).
  std::vector<Loc> TypeLocs;

  bool CollectingMain = false;

  // State of the package being resolved.
  uint32_t CurPkg = 0;
  llvm::StringMap<LocalInterface> LocalIfaces;
  llvm::StringMap<LocalWorld> LocalWorlds;
  /// Top-level `use` names per body.
  std::map<const PackageBody *, llvm::StringMap<uint32_t>> TopUses;

  llvm::Error err(Loc L, const llvm::Twine &Msg) const {
    return llvm::make_error<InputError>(L.Line, L.Col, Msg.str(),
                                        Files[L.File].Path);
  }
  bool enabled(const Gate &G) const {
    if (G.S.K != Stability::Unstable || Opts.AllFeatures)
      return true;
    for (const std::string &F : Opts.Features)
      if (F == G.S.Feature)
        return true;
    return false;
  }
  static std::string pkgId(llvm::StringRef Ns, llvm::StringRef Name,
                           llvm::StringRef Version) {
    return (Ns + ":" + Name + (Version.empty() ? "" : "@") + Version).str();
  }

  llvm::Error collect(const std::vector<uint32_t> &Group, uint32_t &Main);
  llvm::Error addBody(const PackageBody &B, Loc L, uint32_t &Out);
  llvm::Error sortPackage(uint32_t S, std::vector<uint32_t> &Order);
  llvm::Error resolvePackage(uint32_t S);
  llvm::Expected<uint32_t> foreignPackage(const UsePath &P);
  llvm::Expected<uint32_t> lookupInterface(const UsePath &P,
                                           const PackageBody *Body);
  llvm::Expected<uint32_t> lookupWorld(const UsePath &P,
                                       const PackageBody *Body);
  llvm::Error visitInterface(llvm::StringRef Name);
  llvm::Error visitWorld(llvm::StringRef Name);
  llvm::Expected<uint32_t> interface(const InterfaceBody &B,
                                     const PackageBody *Body,
                                     std::string Name, Loc L);

  // Types within one scope (an interface or a world).
  struct Scope {
    Owner O;
    const PackageBody *Body = nullptr;
    llvm::StringMap<uint32_t> Types;
    /// Every item name, to report duplicates.
    llvm::StringSet<> Names;
    std::vector<uint32_t> Deps;
  };
  llvm::Error define(Scope &S, const Ident &Name) {
    if (!S.Names.insert(Name.Name).second)
      return err(Name.L, "`" + Name.Name + "` is defined more than once");
    return llvm::Error::success();
  }
  llvm::Error uses(Scope &S, const std::vector<Use> &Uses,
                   std::vector<std::pair<std::string, uint32_t>> &Out);
  llvm::Error typeDefns(Scope &S, const std::vector<TypeDefn> &Defs,
                        std::vector<std::pair<std::string, uint32_t>> &Out);
  llvm::Expected<Type> type(Scope &S, const TypeExpr &T);
  llvm::Error typeInto(Scope &S, const TypeExpr &T, TypeDef &D);
  llvm::Expected<uint32_t> resourceRef(Scope &S, const Ident &Name);
  llvm::Error checkCycles(const std::vector<std::pair<std::string, uint32_t>> &Ts);
  bool containsBorrow(Type T, unsigned Depth) const;
  bool reaches(uint32_t From, uint32_t Target, std::vector<uint8_t> &Seen,
               unsigned Depth);
  llvm::Expected<Function> function(Scope &S, const Func &F,
                                    std::string Prefix, uint32_t Resource);
  llvm::Error resourceFuncs(Scope &S, const std::vector<TypeDefn> &Defs,
                            std::vector<Function> &Out);
  llvm::Expected<uint32_t> world(const ast::World &W, const PackageBody *Body);
  llvm::Error include(World &W, const World &From, const Include &I);
};

llvm::Error Resolver::addBody(const PackageBody &B, Loc L, uint32_t &Out) {
  std::string Id = pkgId(B.Decl.Ns, B.Decl.Name, B.Decl.Version);
  auto [It, New] = SourceById.try_emplace(Id, Sources.size());
  if (New) {
    Sources.emplace_back();
    Sources.back().Decl = B.Decl;
  } else if (Sources[It->second].Decl.Docs.empty()) {
    Sources[It->second].Decl.Docs = B.Decl.Docs;
  }
  (void)L;
  Sources[It->second].Main |= CollectingMain;
  Sources[It->second].Bodies.push_back(&B);
  Out = It->second;
  return llvm::Error::success();
}

/// Groups bodies into packages: the files of one group share the
/// declaration of whichever file has one; nested blocks stand alone.
llvm::Error Resolver::collect(const std::vector<uint32_t> &Group,
                              uint32_t &Main) {
  Main = ~0u;
  std::map<uint32_t, std::vector<uint32_t>> ByGroup;
  for (uint32_t I = 0; I < Files.size(); ++I)
    ByGroup[Group[I]].push_back(I);
  for (auto &[G, FileIdx] : ByGroup) {
    CollectingMain = G == 0;
    const PackageDecl *Decl = nullptr;
    for (uint32_t I : FileIdx) {
      const PackageBody &B = Files[I].Main;
      if (!B.Decl.Present)
        continue;
      if (Decl && pkgId(Decl->Ns, Decl->Name, Decl->Version) !=
                      pkgId(B.Decl.Ns, B.Decl.Name, B.Decl.Version))
        return err(B.Decl.L, "package identifier `" +
                                 pkgId(B.Decl.Ns, B.Decl.Name, B.Decl.Version) +
                                 "` does not match previous package name of `" +
                                 pkgId(Decl->Ns, Decl->Name, Decl->Version) +
                                 "`");
      Decl = &B.Decl;
    }
    uint32_t GroupPkg = ~0u;
    if (Decl) {
      for (uint32_t I : FileIdx) {
        PackageBody &B = const_cast<PackageBody &>(Files[I].Main);
        std::string Docs = B.Decl.Docs;
        B.Decl = *Decl;
        B.Decl.Docs = Docs;
        if (auto E = addBody(B, Decl->L, GroupPkg))
          return E;
      }
    } else {
      // wasm-tools requires a header even when only nested blocks follow.
      return errorNoLoc("no `package` header was found in any WIT file "
                        "for this package" +
                        (G ? " (" + Files[FileIdx[0]].Path + ")" : ""));
    }
    for (uint32_t I : FileIdx)
      for (const PackageBody &B : Files[I].Nested) {
        uint32_t Ignored;
        if (auto E = addBody(B, B.Decl.L, Ignored))
          return E;
        if (GroupPkg == ~0u && G == 0)
          GroupPkg = Ignored;
      }
    if (G == 0)
      Main = GroupPkg;
  }
  if (Main == ~0u)
    return errorNoLoc("no package found");
  return llvm::Error::success();
}

/// Orders packages so that a package comes after those it uses.
llvm::Error Resolver::sortPackage(uint32_t S, std::vector<uint32_t> &Order) {
  PackageSource &Src = Sources[S];
  if (Src.State == 2)
    return llvm::Error::success();
  Src.State = 1;
  auto Visit = [&](const UsePath &P) -> llvm::Error {
    if (P.Ns.empty())
      return llvm::Error::success();
    auto It = SourceById.find(pkgId(P.Ns, P.Pkg, P.Version));
    if (It == SourceById.end())
      return err(P.L, "package `" + pkgId(P.Ns, P.Pkg, P.Version) +
                          "` not found");
    if (It->second == S)
      return llvm::Error::success();
    if (Sources[It->second].State == 1)
      return err(P.L, "package `" + It->first + "` depends on itself");
    return sortPackage(It->second, Order);
  };
  auto Body = [&](const InterfaceBody &B) -> llvm::Error {
    for (const Use &U : B.Uses)
      if (auto E = Visit(U.Path))
        return E;
    return llvm::Error::success();
  };
  for (const PackageBody *B : Src.Bodies) {
    for (const TopUse &U : B->Uses)
      if (auto E = Visit(U.Path))
        return E;
    for (const ast::Interface &I : B->Interfaces)
      if (auto E = Body(I.Body))
        return E;
    for (const ast::World &W : B->Worlds) {
      for (const Use &U : W.Uses)
        if (auto E = Visit(U.Path))
          return E;
      for (const Include &I : W.Includes)
        if (auto E = Visit(I.Path))
          return E;
      for (const ast::WorldItem &It : W.Items) {
        if (It.K == ast::WorldItem::Path)
          if (auto E = Visit(It.P))
            return E;
        if (It.K == ast::WorldItem::InlineIface)
          if (auto E = Body(It.Body))
            return E;
      }
    }
  }
  Src.State = 2;
  Order.push_back(S);
  return llvm::Error::success();
}

llvm::Expected<uint32_t> Resolver::foreignPackage(const UsePath &P) {
  auto It = SourceById.find(pkgId(P.Ns, P.Pkg, P.Version));
  if (It == SourceById.end() || Sources[It->second].Index == ~0u)
    return err(P.L, "package `" + pkgId(P.Ns, P.Pkg, P.Version) +
                        "` not found");
  return Sources[It->second].Index;
}

llvm::Expected<uint32_t> Resolver::lookupInterface(const UsePath &P,
                                                   const PackageBody *Body) {
  const Package &Cur = R.Packages[CurPkg];
  if (P.Ns.empty() || pkgId(P.Ns, P.Pkg, P.Version) == Cur.id()) {
    auto It = LocalIfaces.find(P.Iface.Name);
    if (It != LocalIfaces.end()) {
      if (It->second.Index == ~0u)
        return err(P.Iface.L, "interface `" + P.Iface.Name +
                                  "` depends on itself");
      return It->second.Index;
    }
    if (P.Ns.empty()) {
      auto TU = TopUses.find(Body);
      if (TU != TopUses.end()) {
        auto It2 = TU->second.find(P.Iface.Name);
        if (It2 != TU->second.end())
          return It2->second;
      }
    }
    return err(P.Iface.L, "interface `" + P.Iface.Name + "` does not exist");
  }
  auto Pkg = foreignPackage(P);
  if (!Pkg)
    return Pkg.takeError();
  auto It = PkgIfaces[*Pkg].find(P.Iface.Name);
  if (It == PkgIfaces[*Pkg].end())
    return err(P.Iface.L, "interface `" + P.Iface.Name +
                              "` not found in package `" +
                              R.Packages[*Pkg].id() + "`");
  return It->second;
}

llvm::Expected<uint32_t> Resolver::lookupWorld(const UsePath &P,
                                               const PackageBody *Body) {
  (void)Body;
  const Package &Cur = R.Packages[CurPkg];
  if (P.Ns.empty() || pkgId(P.Ns, P.Pkg, P.Version) == Cur.id()) {
    auto It = LocalWorlds.find(P.Iface.Name);
    if (It == LocalWorlds.end())
      return err(P.Iface.L, "world `" + P.Iface.Name + "` does not exist");
    if (It->second.Index == ~0u)
      return err(P.Iface.L, "world `" + P.Iface.Name + "` includes itself");
    return It->second.Index;
  }
  auto Pkg = foreignPackage(P);
  if (!Pkg)
    return Pkg.takeError();
  auto It = PkgWorlds[*Pkg].find(P.Iface.Name);
  if (It == PkgWorlds[*Pkg].end())
    return err(P.Iface.L, "world `" + P.Iface.Name +
                              "` not found in package `" +
                              R.Packages[*Pkg].id() + "`");
  return It->second;
}

/// Resolves local interface Name after the local interfaces it uses.
llvm::Error Resolver::visitInterface(llvm::StringRef Name) {
  LocalInterface &L = LocalIfaces[Name];
  if (L.State == 2)
    return llvm::Error::success();
  L.State = 1;
  for (const Use &U : L.Ast->Body.Uses) {
    if (!enabled(U.G))
      continue;
    bool Local = U.Path.Ns.empty() ||
                 pkgId(U.Path.Ns, U.Path.Pkg, U.Path.Version) ==
                     R.Packages[CurPkg].id();
    if (!Local)
      continue;
    auto It = LocalIfaces.find(U.Path.Iface.Name);
    if (It == LocalIfaces.end())
      continue;
    if (It->second.State == 1)
      return err(U.Path.Iface.L, "interface `" + U.Path.Iface.Name +
                                     "` depends on itself");
    if (auto E = visitInterface(U.Path.Iface.Name))
      return E;
  }
  LocalInterface &L2 = LocalIfaces[Name];
  auto Idx = interface(L2.Ast->Body, L2.Body, L2.Ast->Name.Name,
                       L2.Ast->Name.L);
  if (!Idx)
    return Idx.takeError();
  Interface &If = R.Interfaces[*Idx];
  If.Docs = L2.Ast->Docs;
  If.Stab = L2.Ast->G.S;
  R.Packages[CurPkg].Interfaces.push_back(*Idx);
  PkgIfaces[CurPkg][Name] = *Idx;
  L2.Index = *Idx;
  L2.State = 2;
  return llvm::Error::success();
}

llvm::Error Resolver::visitWorld(llvm::StringRef Name) {
  LocalWorld &L = LocalWorlds[Name];
  if (L.State == 2)
    return llvm::Error::success();
  L.State = 1;
  for (const Include &I : L.Ast->Includes) {
    if (!enabled(I.G))
      continue;
    bool Local = I.Path.Ns.empty() ||
                 pkgId(I.Path.Ns, I.Path.Pkg, I.Path.Version) ==
                     R.Packages[CurPkg].id();
    if (!Local)
      continue;
    auto It = LocalWorlds.find(I.Path.Iface.Name);
    if (It == LocalWorlds.end())
      continue;
    if (It->second.State == 1)
      return err(I.Path.Iface.L, "world `" + I.Path.Iface.Name +
                                     "` includes itself");
    if (auto E = visitWorld(I.Path.Iface.Name))
      return E;
  }
  LocalWorld &L2 = LocalWorlds[Name];
  auto Idx = world(*L2.Ast, L2.Body);
  if (!Idx)
    return Idx.takeError();
  R.Packages[CurPkg].Worlds.push_back(*Idx);
  PkgWorlds[CurPkg][Name] = *Idx;
  LocalWorlds[Name].Index = *Idx;
  LocalWorlds[Name].State = 2;
  return llvm::Error::success();
}

llvm::Error Resolver::resolvePackage(uint32_t S) {
  PackageSource &Src = Sources[S];
  Package P;
  P.Namespace = Src.Decl.Ns;
  P.Name = Src.Decl.Name;
  P.Version = Src.Decl.Version;
  for (const PackageBody *B : Src.Bodies) {
    if (P.Docs.empty())
      P.Docs = B->Decl.Docs;
    if (P.Version.empty() && B->VersionGate.Line)
      return err(B->VersionGate,
                 "package `" + P.id() +
                     "` contains a feature gate with a version specifier, "
                     "so it must have a version");
  }
  CurPkg = R.Packages.size();
  Src.Index = CurPkg;
  R.Packages.push_back(std::move(P));
  PkgIfaces.emplace_back();
  PkgWorlds.emplace_back();
  LocalIfaces.clear();
  LocalWorlds.clear();
  TopUses.clear();
  std::vector<std::string> IfaceOrder, WorldOrder;
  llvm::StringSet<> Names;
  for (const PackageBody *B : Src.Bodies) {
    for (const ast::Interface &I : B->Interfaces) {
      if (!enabled(I.G))
        continue;
      if (!Names.insert(I.Name.Name).second)
        return err(I.Name.L, "`" + I.Name.Name + "` is defined more than once");
      LocalIfaces[I.Name.Name] = {&I, B, ~0u, 0};
      IfaceOrder.push_back(I.Name.Name);
    }
    for (const ast::World &W : B->Worlds) {
      if (!enabled(W.G))
        continue;
      if (!Names.insert(W.Name.Name).second)
        return err(W.Name.L, "`" + W.Name.Name + "` is defined more than once");
      LocalWorlds[W.Name.Name] = {&W, B, ~0u, 0};
      WorldOrder.push_back(W.Name.Name);
    }
  }
  for (const PackageBody *B : Src.Bodies) {
    auto &Map = TopUses[B];
    for (const TopUse &U : B->Uses) {
      auto Idx = lookupInterface(U.Path, B);
      if (!Idx)
        return Idx.takeError();
      const Ident &N = U.As.Name.empty() ? U.Path.Iface : U.As;
      if (Names.count(N.Name) || !Map.try_emplace(N.Name, *Idx).second)
        return err(N.L, "`" + N.Name + "` is defined more than once");
    }
  }
  for (const std::string &N : IfaceOrder)
    if (auto E = visitInterface(N))
      return E;
  for (const std::string &N : WorldOrder)
    if (auto E = visitWorld(N))
      return E;
  return llvm::Error::success();
}

llvm::Expected<ParsedWit> Resolver::run(const std::vector<uint32_t> &Group) {
  uint32_t Main;
  if (auto E = collect(Group, Main))
    return std::move(E);
  // Dependencies in folder order first, as wasm-tools orders them.
  std::vector<uint32_t> Order;
  for (bool MainGroup : {false, true})
    for (uint32_t S = 0; S < Sources.size(); ++S)
      if (Sources[S].Main == MainGroup)
        if (auto E = sortPackage(S, Order))
          return std::move(E);
  for (uint32_t S : Order)
    if (auto E = resolvePackage(S))
      return std::move(E);
  ParsedWit Out;
  Out.Main = Sources[Main].Index;
  for (uint32_t S : Order)
    if (S != Main)
      Out.Nested.push_back(Sources[S].Index);
  Out.R = std::move(R);
  return Out;
}

llvm::Error
Resolver::uses(Scope &S, const std::vector<Use> &Uses,
               std::vector<std::pair<std::string, uint32_t>> &Out) {
  for (const Use &U : Uses) {
    if (!enabled(U.G))
      continue;
    auto From = lookupInterface(U.Path, S.Body);
    if (!From)
      return From.takeError();
    if (S.O.K == Owner::Interface && *From == S.O.Index)
      return err(U.Path.Iface.L, "interface `" + U.Path.Iface.Name +
                                     "` depends on itself");
    if (std::find(S.Deps.begin(), S.Deps.end(), *From) == S.Deps.end())
      S.Deps.push_back(*From);
    for (const UseName &N : U.Names) {
      uint32_t Target = ~0u;
      for (auto &[Name, Id] : R.Interfaces[*From].Types)
        if (Name == N.Name.Name)
          Target = Id;
      if (Target == ~0u)
        return err(N.Name.L, "type `" + N.Name.Name +
                                 "` not defined in interface `" +
                                 U.Path.Iface.Name + "`");
      const Ident &Local = N.As.Name.empty() ? N.Name : N.As;
      if (auto E = define(S, Local))
        return E;
      TypeDef D;
      D.K = TypeDef::Alias;
      D.Name = Local.Name;
      D.Holder = S.O;
      D.Types.push_back(Type::id(Target));
      uint32_t Id = R.addType(std::move(D));
      TypeLocs.resize(R.Types.size());
      TypeLocs[Id] = Local.L;
      S.Types[Local.Name] = Id;
      Out.emplace_back(Local.Name, Id);
    }
  }
  return llvm::Error::success();
}

llvm::Expected<uint32_t> Resolver::resourceRef(Scope &S, const Ident &Name) {
  auto It = S.Types.find(Name.Name);
  if (It == S.Types.end())
    return err(Name.L, "type `" + Name.Name + "` does not exist");
  uint32_t Id = It->second;
  // Follow aliases (bounded: a chain cannot be longer than the table).
  for (size_t Steps = 0; Steps <= R.Types.size(); ++Steps) {
    const TypeDef &D = R.Types[Id];
    if (D.K == TypeDef::Resource)
      return It->second;
    if (D.K != TypeDef::Alias || D.Types.empty() || D.Types[0].K != Type::Id)
      break;
    Id = D.Types[0].Def;
  }
  return err(Name.L, "type `" + Name.Name + "` is not a resource");
}

llvm::Expected<Type> Resolver::type(Scope &S, const TypeExpr &T) {
  if (T.K == TypeExpr::Prim)
    return Type{T.P, 0};
  if (T.K == TypeExpr::Named) {
    auto It = S.Types.find(T.Ref.Name);
    if (It == S.Types.end())
      return err(T.Ref.L, "type `" + T.Ref.Name + "` does not exist");
    return Type::id(It->second);
  }
  TypeDef D;
  if (auto E = typeInto(S, T, D))
    return std::move(E);
  return Type::id(R.addType(std::move(D)));
}

/// Fills D with the structure of type expression T (not a name or
/// primitive, which only aliases can hold).
llvm::Error Resolver::typeInto(Scope &S, const TypeExpr &T, TypeDef &D) {
  auto Args = [&]() -> llvm::Error {
    for (const TypeExpr &A : T.Args) {
      if (A.K == TypeExpr::Prim && A.P == Type::None) {
        D.Types.push_back(Type());
        continue;
      }
      auto Ty = type(S, A);
      if (!Ty)
        return Ty.takeError();
      D.Types.push_back(*Ty);
    }
    return llvm::Error::success();
  };
  switch (T.K) {
  case TypeExpr::Prim:
  case TypeExpr::Named: {
    D.K = TypeDef::Alias;
    auto Ty = type(S, T);
    if (!Ty)
      return Ty.takeError();
    D.Types.push_back(*Ty);
    return llvm::Error::success();
  }
  case TypeExpr::Borrow:
  case TypeExpr::Own: {
    D.K = T.K == TypeExpr::Borrow ? TypeDef::Borrow : TypeDef::Own;
    auto Res = resourceRef(S, T.Ref);
    if (!Res)
      return Res.takeError();
    D.Types.push_back(Type::id(*Res));
    return llvm::Error::success();
  }
  case TypeExpr::List: D.K = TypeDef::List; break;
  case TypeExpr::FixedList:
    D.K = TypeDef::FixedList;
    D.Length = T.Length;
    break;
  case TypeExpr::Option: D.K = TypeDef::Option; break;
  case TypeExpr::Result: D.K = TypeDef::Result; break;
  case TypeExpr::Tuple: D.K = TypeDef::Tuple; break;
  case TypeExpr::Future: D.K = TypeDef::Future; break;
  case TypeExpr::Stream: D.K = TypeDef::Stream; break;
  }
  return Args();
}

llvm::Error
Resolver::typeDefns(Scope &S, const std::vector<TypeDefn> &Defs,
                    std::vector<std::pair<std::string, uint32_t>> &Out) {
  // Names first: definitions may refer to later ones.
  std::vector<std::pair<const TypeDefn *, uint32_t>> Todo;
  for (const TypeDefn &T : Defs) {
    if (!enabled(T.G))
      continue;
    if (auto E = define(S, T.Name))
      return E;
    TypeDef D;
    D.Name = T.Name.Name;
    D.Holder = S.O;
    D.Docs = T.Docs;
    D.Stab = T.G.S;
    if (T.K == TypeDefn::Resource)
      D.K = TypeDef::Resource;
    uint32_t Id = R.addType(std::move(D));
    TypeLocs.resize(R.Types.size());
    TypeLocs[Id] = T.Name.L;
    S.Types[T.Name.Name] = Id;
    Out.emplace_back(T.Name.Name, Id);
    Todo.emplace_back(&T, Id);
  }
  for (auto [T, Id] : Todo) {
    TypeDef D;
    switch (T->K) {
    case TypeDefn::Resource:
      continue;
    case TypeDefn::Alias:
      if (auto E = typeInto(S, T->Target, D))
        return E;
      break;
    case TypeDefn::Record:
    case TypeDefn::Variant:
    case TypeDefn::Enum:
    case TypeDefn::Flags: {
      D.K = T->K == TypeDefn::Record    ? TypeDef::Record
            : T->K == TypeDefn::Variant ? TypeDef::Variant
            : T->K == TypeDefn::Enum    ? TypeDef::Enum
                                        : TypeDef::Flags;
      llvm::StringSet<> Seen;
      for (size_t I = 0; I < T->Labels.size(); ++I) {
        if (!Seen.insert(T->Labels[I].Name).second)
          return err(T->Labels[I].L, "`" + T->Labels[I].Name +
                                         "` is defined more than once");
        D.Labels.push_back(T->Labels[I].Name);
        D.LabelDocs.push_back(T->LabelDocs[I]);
        if (D.K != TypeDef::Record && D.K != TypeDef::Variant)
          continue;
        if (!T->HasType[I]) {
          D.Types.push_back(Type());
          continue;
        }
        auto Ty = type(S, T->Types[I]);
        if (!Ty)
          return Ty.takeError();
        D.Types.push_back(*Ty);
      }
      break;
    }
    }
    TypeDef &Slot = R.Types[Id];
    Slot.K = D.K;
    Slot.Labels = std::move(D.Labels);
    Slot.LabelDocs = std::move(D.LabelDocs);
    Slot.Types = std::move(D.Types);
    Slot.Length = D.Length;
  }
  return llvm::Error::success();
}

/// True when type From contains Target by value (handles do not count).
bool Resolver::reaches(uint32_t From, uint32_t Target,
                       std::vector<uint8_t> &Seen, unsigned Depth) {
  if (Depth > 1000)
    return true;
  const TypeDef &D = R.Types[From];
  if (D.K == TypeDef::Own || D.K == TypeDef::Borrow ||
      D.K == TypeDef::Resource)
    return false;
  for (const Type &T : D.Types) {
    if (T.K != Type::Id)
      continue;
    if (T.Def == Target)
      return true;
    if (T.Def < Seen.size() && Seen[T.Def])
      continue;
    if (T.Def < Seen.size())
      Seen[T.Def] = 1;
    if (reaches(T.Def, Target, Seen, Depth + 1))
      return true;
  }
  return false;
}

bool Resolver::containsBorrow(Type T, unsigned Depth) const {
  if (T.K != Type::Id || Depth > 100)
    return false;
  const TypeDef &D = R.Types[T.Def];
  if (D.K == TypeDef::Borrow)
    return true;
  if (D.K == TypeDef::Own || D.K == TypeDef::Resource)
    return false;
  for (const Type &X : D.Types)
    if (containsBorrow(X, Depth + 1))
      return true;
  return false;
}

llvm::Error Resolver::checkCycles(
    const std::vector<std::pair<std::string, uint32_t>> &Ts) {
  for (auto &[Name, Id] : Ts) {
    std::vector<uint8_t> Seen(R.Types.size(), 0);
    if (reaches(Id, Id, Seen, 0))
      return err(TypeLocs[Id], "type `" + Name + "` depends on itself");
  }
  return llvm::Error::success();
}

llvm::Expected<Function> Resolver::function(Scope &S, const Func &F,
                                            std::string ResName,
                                            uint32_t Resource) {
  Function Out;
  Out.K = F.K;
  Out.Async = F.Async;
  Out.Docs = F.Docs;
  Out.Stab = F.G.S;
  Out.Resource = Resource;
  Out.ItemName = F.Name.Name;
  switch (F.K) {
  case Function::Freestanding: Out.Name = F.Name.Name; break;
  case Function::Method:
    Out.Name = "[method]" + ResName + "." + F.Name.Name;
    break;
  case Function::Static:
    Out.Name = "[static]" + ResName + "." + F.Name.Name;
    break;
  case Function::Constructor:
    Out.Name = "[constructor]" + ResName;
    break;
  }
  if (F.K == Function::Method) {
    TypeDef Self;
    Self.K = TypeDef::Borrow;
    Self.Types.push_back(Type::id(Resource));
    Out.Params.emplace_back("self", Type::id(R.addType(std::move(Self))));
  }
  llvm::StringSet<> Seen;
  for (auto &[Name, T] : F.Params) {
    if (!Seen.insert(Name.Name).second)
      return err(Name.L, "`" + Name.Name + "` is defined more than once");
    auto Ty = type(S, T);
    if (!Ty)
      return Ty.takeError();
    Out.Params.emplace_back(Name.Name, *Ty);
  }
  if (F.K == Function::Constructor) {
    if (F.HasResult)
      return err(F.Result.L, "a constructor cannot declare a result");
    TypeDef Own;
    Own.K = TypeDef::Own;
    Own.Types.push_back(Type::id(Resource));
    Out.Result = Type::id(R.addType(std::move(Own)));
  } else if (F.HasResult) {
    auto Ty = type(S, F.Result);
    if (!Ty)
      return Ty.takeError();
    Out.Result = *Ty;
    // A borrow cannot outlive the call that lends it.
    if (containsBorrow(*Ty, 0))
      return err(F.Name.L, "function `" + F.Name.Name +
                               "` returns a type which contains a "
                               "`borrow<T>` which is not supported");
  }
  return Out;
}

llvm::Error Resolver::resourceFuncs(Scope &S,
                                    const std::vector<TypeDefn> &Defs,
                                    std::vector<Function> &Out) {
  for (const TypeDefn &T : Defs) {
    if (T.K != TypeDefn::Resource || !enabled(T.G))
      continue;
    uint32_t Id = S.Types[T.Name.Name];
    llvm::StringSet<> Seen;
    for (const Func &F : T.Funcs) {
      if (!enabled(F.G))
        continue;
      if (!Seen.insert(F.Name.Name).second)
        return err(F.Name.L, "`" + F.Name.Name + "` is defined more than once");
      auto Fn = function(S, F, T.Name.Name, Id);
      if (!Fn)
        return Fn.takeError();
      Out.push_back(std::move(*Fn));
    }
  }
  return llvm::Error::success();
}

llvm::Expected<uint32_t> Resolver::interface(const InterfaceBody &B,
                                             const PackageBody *Body,
                                             std::string Name, Loc L) {
  (void)L;
  uint32_t Idx = R.Interfaces.size();
  R.Interfaces.emplace_back();
  IfaceDeps.emplace_back();
  R.Interfaces[Idx].Name = std::move(Name);
  // Inline interfaces of a world also belong to the package, so their
  // `use`s print short paths.
  R.Interfaces[Idx].Package = CurPkg;
  Scope S;
  S.O = Owner{Owner::Interface, Idx};
  S.Body = Body;
  std::vector<std::pair<std::string, uint32_t>> Types;
  if (auto E = uses(S, B.Uses, Types))
    return std::move(E);
  if (auto E = typeDefns(S, B.Types, Types))
    return std::move(E);
  if (auto E = checkCycles(Types))
    return std::move(E);
  std::vector<Function> Funcs;
  if (auto E = resourceFuncs(S, B.Types, Funcs))
    return std::move(E);
  for (const Func &F : B.Funcs) {
    if (!enabled(F.G))
      continue;
    if (auto E = define(S, F.Name))
      return std::move(E);
    auto Fn = function(S, F, "", 0);
    if (!Fn)
      return Fn.takeError();
    Funcs.push_back(std::move(*Fn));
  }
  R.Interfaces[Idx].Types = std::move(Types);
  R.Interfaces[Idx].Functions = std::move(Funcs);
  IfaceDeps[Idx] = std::move(S.Deps);
  return Idx;
}

/// Builds a world's import and export lists without duplicates.
struct WorldBuilder {
  Resolve &R;
  const std::vector<std::vector<uint32_t>> &Deps;
  World &W;

  static bool sameKey(const wit::WorldItem &A, const wit::WorldItem &B) {
    if (A.Name.empty() != B.Name.empty())
      return false;
    return A.Name.empty() ? A.Index == B.Index : A.Name == B.Name;
  }
  static const wit::WorldItem *find(const std::vector<wit::WorldItem> &L,
                                    const wit::WorldItem &It) {
    for (const wit::WorldItem &X : L)
      if (sameKey(X, It))
        return &X;
    return nullptr;
  }
  /// Imports interface I after everything it uses.
  void importIface(uint32_t I, Stability Stab, unsigned Depth = 0,
                   const std::string &Docs = {}) {
    wit::WorldItem It;
    It.K = wit::WorldItem::Interface;
    It.Index = I;
    It.Stab = Stab;
    It.Docs = Docs;
    if (find(W.Imports, It) || Depth > 1000)
      return;
    importDeps(I, Depth);
    W.Imports.push_back(std::move(It));
  }
  /// Orders exports as wit-parser does: functions first, then interfaces,
  /// each after the exported interfaces it uses; what an exported interface
  /// uses and nobody exports is imported.
  void elaborateExports() {
    std::vector<wit::WorldItem> Raw = std::move(W.Exports);
    W.Exports.clear();
    for (wit::WorldItem &It : Raw)
      if (It.K == wit::WorldItem::Function)
        W.Exports.push_back(It);
    std::vector<uint8_t> Done(Raw.size(), 0);
    for (size_t I = 0; I < Raw.size(); ++I)
      if (Raw[I].K == wit::WorldItem::Interface)
        exportIface(Raw, Done, I, 0);
  }
  void exportIface(const std::vector<wit::WorldItem> &Raw,
                   std::vector<uint8_t> &Done, size_t I, unsigned Depth) {
    if (Done[I] || Depth > 1000)
      return;
    Done[I] = 1;
    for (uint32_t D : Deps[Raw[I].Index]) {
      size_t J = 0;
      while (J < Raw.size() && !(Raw[J].K == wit::WorldItem::Interface &&
                                 Raw[J].Name.empty() && Raw[J].Index == D))
        ++J;
      if (J < Raw.size())
        exportIface(Raw, Done, J, Depth + 1);
      else
        importIface(D, Stability(), Depth + 1);
    }
    W.Exports.push_back(Raw[I]);
  }
  void importDeps(uint32_t I, unsigned Depth) {
    for (uint32_t D : Deps[I]) {
      wit::WorldItem Dep;
      Dep.Index = D;
      if (!find(W.Exports, Dep))
        importIface(D, Stability(), Depth + 1);
    }
  }
};

llvm::Expected<uint32_t> Resolver::world(const ast::World &A,
                                         const PackageBody *Body) {
  uint32_t Idx = R.Worlds.size();
  R.Worlds.emplace_back();
  R.Worlds[Idx].Name = A.Name.Name;
  R.Worlds[Idx].Package = CurPkg;
  R.Worlds[Idx].Docs = A.Docs;
  R.Worlds[Idx].Stab = A.G.S;
  World W;
  W.Name = A.Name.Name;
  W.Package = CurPkg;
  W.Docs = A.Docs;
  W.Stab = A.G.S;
  WorldBuilder WB{R, IfaceDeps, W};
  Scope S;
  S.O = Owner{Owner::World, Idx};
  S.Body = Body;
  // Types come first so functions can name them, but the interfaces
  // that `use`s need are imported after the listed items, as wit-parser
  // does.
  std::vector<std::pair<std::string, uint32_t>> Types;
  if (auto E = uses(S, A.Uses, Types))
    return std::move(E);
  if (auto E = typeDefns(S, A.Types, Types))
    return std::move(E);
  if (auto E = checkCycles(Types))
    return std::move(E);
  llvm::StringSet<> ImportNames, ExportNames;
  for (const ast::WorldItem &It : A.Items) {
    if (!enabled(It.G))
      continue;
    wit::WorldItem Out;
    Out.Stab = It.G.S;
    if (It.K == ast::WorldItem::Path) {
      Out.Docs = It.Docs;
      auto I = lookupInterface(It.P, Body);
      if (!I)
        return I.takeError();
      Out.K = wit::WorldItem::Interface;
      Out.Index = *I;
      auto &List = It.Export ? W.Exports : W.Imports;
      if (WB.find(List, Out))
        return err(It.P.Iface.L, "interface `" + It.P.Iface.Name +
                                     "` cannot be " +
                                     (It.Export ? "exported" : "imported") +
                                     " more than once");
      if (It.Export) {
        W.Exports.push_back(std::move(Out));
      } else {
        WB.importIface(*I, Out.Stab, 0, Out.Docs);
      }
      continue;
    }
    auto &Names = It.Export ? ExportNames : ImportNames;
    if (!Names.insert(It.Name.Name).second ||
        (!It.Export && S.Names.count(It.Name.Name)))
      return err(It.Name.L, "`" + It.Name.Name + "` is defined more than once");
    Out.Name = It.Name.Name;
    if (It.K == ast::WorldItem::InlineIface) {
      auto I = interface(It.Body, Body, "", It.Name.L);
      if (!I)
        return I.takeError();
      R.Interfaces[*I].Docs = It.Docs;
      R.Interfaces[*I].Stab = It.G.S;
      Out.K = wit::WorldItem::Interface;
      Out.Index = *I;
      if (!It.Export)
        WB.importDeps(*I, 0);
    } else {
      auto F = function(S, It.F, "", 0);
      if (!F)
        return F.takeError();
      Out.K = wit::WorldItem::Function;
      Out.Func = std::move(*F);
    }
    (It.Export ? W.Exports : W.Imports).push_back(std::move(Out));
  }
  for (uint32_t D : S.Deps)
    WB.importIface(D, Stability());
  for (auto &[Name, Id] : Types) {
    wit::WorldItem T;
    T.K = wit::WorldItem::Type;
    T.Name = Name;
    T.Index = Id;
    T.Stab = R.Types[Id].Stab;
    W.Imports.push_back(std::move(T));
  }
  std::vector<Function> RFuncs;
  if (auto E = resourceFuncs(S, A.Types, RFuncs))
    return std::move(E);
  for (Function &F : RFuncs) {
    wit::WorldItem It;
    It.K = wit::WorldItem::Function;
    It.Name = F.Name;
    It.Stab = F.Stab;
    It.Func = std::move(F);
    W.Imports.push_back(std::move(It));
  }
  for (const Include &I : A.Includes) {
    if (!enabled(I.G))
      continue;
    auto From = lookupWorld(I.Path, Body);
    if (!From)
      return From.takeError();
    if (auto E = include(W, R.Worlds[*From], I))
      return std::move(E);
  }
  WB.elaborateExports();
  R.Worlds[Idx] = std::move(W);
  return Idx;
}

/// Adds the items of world From to W, renaming plain names per `with`.
llvm::Error Resolver::include(World &W, const World &From, const Include &I) {
  std::vector<bool> Used(I.With.size(), false);
  auto Copy = [&](const std::vector<wit::WorldItem> &Src,
                  std::vector<wit::WorldItem> &Dst) -> llvm::Error {
    for (const wit::WorldItem &It : Src) {
      wit::WorldItem C = It;
      if (!C.Name.empty()) {
        for (size_t K = 0; K < I.With.size(); ++K)
          if (I.With[K].first.Name == C.Name) {
            C.Name = I.With[K].second.Name;
            if (C.K == wit::WorldItem::Function)
              C.Func.Name = C.Func.ItemName = C.Name;
            Used[K] = true;
          }
      }
      if (WorldBuilder::find(Dst, C)) {
        if (C.Name.empty())
          continue;
        return err(I.Path.Iface.L, "`" + C.Name + "` from world `" +
                                       From.Name +
                                       "` conflicts with an item of this "
                                       "world (rename it with `with`)");
      }
      Dst.push_back(std::move(C));
    }
    return llvm::Error::success();
  };
  if (auto E = Copy(From.Imports, W.Imports))
    return E;
  if (auto E = Copy(From.Exports, W.Exports))
    return E;
  for (size_t K = 0; K < I.With.size(); ++K)
    if (!Used[K])
      return err(I.With[K].first.L, "`" + I.With[K].first.Name +
                                        "` is not a name in world `" +
                                        From.Name + "`");
  return llvm::Error::success();
}

} // namespace

llvm::Expected<ParsedWit> resolveFiles(std::vector<ast::File> Files,
                                       std::vector<uint32_t> Group,
                                       const ResolveOptions &Opts) {
  Resolver Res(Files, Opts);
  return Res.run(Group);
}

} // namespace weld::wit
