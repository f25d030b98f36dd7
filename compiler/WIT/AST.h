//===- AST.h - Unresolved WIT syntax trees ----------------------*- C++ -*-===//
//
// The parser's output, before names are resolved: one File per .wit source
// with its package declaration, top-level `use`s, interfaces, worlds and
// nested `package a:b { ... }` blocks. Every name keeps its line:column so
// the resolver can report unknown, duplicate and cyclic names precisely.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_WIT_AST_H
#define WELD_WIT_AST_H

#include "WIT/WIT.h"

#include <memory>
#include <string>
#include <vector>

namespace weld::wit::ast {

/// A 1-based line and column in file File (index into the parsed files).
struct Loc {
  uint32_t File = 0;
  unsigned Line = 0, Col = 0;
};

struct Ident {
  std::string Name;
  Loc L;
};

/// A type expression as written.
struct TypeExpr {
  enum Kind : uint8_t {
    Prim, Named, List, FixedList, Option, Result, Tuple, Borrow, Own, Future,
    Stream,
  } K = Prim;
  /// K Prim: the primitive (Type::None stands for `_` / absent).
  Type::Kind P = Type::None;
  /// K Named, Borrow, Own: the referenced name.
  Ident Ref;
  /// Element, ok/err (absent as Prim None), tuple members.
  std::vector<TypeExpr> Args;
  /// FixedList: the length.
  uint32_t Length = 0;
  Loc L;
};

struct Gate {
  Stability S;
};

struct Func {
  Ident Name;
  Function::Kind K = Function::Freestanding;
  bool Async = false;
  std::vector<std::pair<Ident, TypeExpr>> Params;
  bool HasResult = false;
  TypeExpr Result;
  std::string Docs;
  Gate G;
};

struct TypeDefn {
  enum Kind : uint8_t { Record, Variant, Enum, Flags, Resource, Alias } K =
      Alias;
  Ident Name;
  std::vector<Ident> Labels;
  std::vector<std::string> LabelDocs;
  /// Record fields and variant cases (absent payload: HasType false).
  std::vector<TypeExpr> Types;
  std::vector<bool> HasType;
  /// K Resource: its constructor, methods and static functions.
  std::vector<Func> Funcs;
  /// K Alias: the aliased type.
  TypeExpr Target;
  std::string Docs;
  Gate G;
};

/// `ns:pkg/iface@ver` or a bare `iface` (Ns empty).
struct UsePath {
  std::string Ns, Pkg, Version;
  Ident Iface;
  Loc L;
};

struct UseName {
  Ident Name;
  /// Empty when there is no `as`.
  Ident As;
};

struct Use {
  UsePath Path;
  std::vector<UseName> Names;
  Gate G;
};

struct Interface;

struct InterfaceBody {
  std::vector<Use> Uses;
  std::vector<TypeDefn> Types;
  std::vector<Func> Funcs;
};

struct Interface {
  Ident Name;
  InterfaceBody Body;
  std::string Docs;
  Gate G;
};

struct WorldItem {
  enum Kind : uint8_t { Path, InlineIface, Func } K = Path;
  bool Export = false;
  UsePath P;
  Ident Name;
  InterfaceBody Body;
  ast::Func F;
  std::string Docs;
  Gate G;
};

struct Include {
  UsePath Path;
  std::vector<std::pair<Ident, Ident>> With;
  Gate G;
};

struct World {
  Ident Name;
  std::vector<WorldItem> Items;
  std::vector<Use> Uses;
  std::vector<TypeDefn> Types;
  std::vector<Include> Includes;
  std::string Docs;
  Gate G;
};

/// A top-level `use ns:pkg/iface as name;`.
struct TopUse {
  UsePath Path;
  Ident As;
};

struct PackageDecl {
  bool Present = false;
  std::string Ns, Name, Version, Docs;
  Loc L;
};

/// The contents of one package in one file (or one nested block).
struct PackageBody {
  PackageDecl Decl;
  std::vector<TopUse> Uses;
  std::vector<Interface> Interfaces;
  std::vector<World> Worlds;
  /// The first `@since` or `@deprecated` gate (Line 0: none); such gates
  /// need a versioned package.
  Loc VersionGate;
};

struct File {
  std::string Path;
  PackageBody Main;
  std::vector<PackageBody> Nested;
};

} // namespace weld::wit::ast

#endif
