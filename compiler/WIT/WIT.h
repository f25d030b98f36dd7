//===- WIT.h - Resolved WIT packages, worlds and interfaces -----*- C++ -*-===//
//
// The WIT stage's IR: a Resolve holds packages, each with interfaces and
// worlds, and one table of type definitions that interfaces and worlds own.
// It is produced either by parsing and resolving WIT text (Parser.h) or
// from a component's type (FromComponent.h), and printed by Printer.h in
// the layout `wasm-tools component wit` uses, so the two can be compared
// byte for byte. Order is always definition order (vectors, never hash
// maps), which keeps the output deterministic.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_WIT_WIT_H
#define WELD_WIT_WIT_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weld::wit {

/// A WIT type: a primitive or a reference to a TypeDef.
struct Type {
  enum Kind : uint8_t {
    None, Bool, U8, U16, U32, U64, S8, S16, S32, S64, F32, F64, Char, String,
    ErrorContext, Id,
  } K = None;
  /// For Id: index into Resolve::Types.
  uint32_t Def = 0;

  static Type id(uint32_t D) { return {Id, D}; }
  bool present() const { return K != None; }
  bool operator==(const Type &O) const { return K == O.K && Def == O.Def; }
};

/// `@since`, `@unstable` and `@deprecated` gates.
struct Stability {
  enum Kind : uint8_t { Unknown, Stable, Unstable } K = Unknown;
  std::string Since, Feature, Deprecated;
};

/// Who owns a type definition.
struct Owner {
  enum Kind : uint8_t { None, Interface, World } K = None;
  uint32_t Index = 0;
  bool operator==(const Owner &O) const { return K == O.K && Index == O.Index; }
};

struct TypeDef {
  enum Kind : uint8_t {
    Record, Resource, Own, Borrow, Flags, Tuple, Variant, Enum, Option,
    Result, List, FixedList, Map, Future, Stream, Alias,
  } K = Alias;
  /// Empty for anonymous types (list<u8>, option<t>, ...).
  std::string Name;
  Owner Holder;
  /// Field, case, flag or enum labels.
  std::vector<std::string> Labels;
  /// Field/case/tuple types; List/Option/Alias/Future/Stream: [elem];
  /// Result: [ok, err]; Map: [key, value]; Own/Borrow: [resource]. A
  /// Type with K None means "absent".
  std::vector<Type> Types;
  /// FixedList: the length.
  uint32_t Length = 0;
  std::string Docs;
  Stability Stab;
  /// Per label docs (records, variants, flags, enums).
  std::vector<std::string> LabelDocs;
};

struct Function {
  enum Kind : uint8_t { Freestanding, Method, Static, Constructor } K =
      Freestanding;
  /// Full name as in the component ("[method]r.f") and the short name.
  std::string Name, ItemName;
  /// For methods, statics and constructors: the resource.
  uint32_t Resource = 0;
  bool Async = false;
  std::vector<std::pair<std::string, Type>> Params;
  Type Result;
  std::string Docs;
  Stability Stab;
};

struct Interface {
  /// Empty for an inline interface of a world.
  std::string Name;
  /// Package index, or ~0u for inline interfaces.
  uint32_t Package = ~0u;
  std::vector<std::pair<std::string, uint32_t>> Types;
  std::vector<Function> Functions;
  std::string Docs;
  Stability Stab;
};

/// One import or export of a world.
struct WorldItem {
  enum Kind : uint8_t { Interface, Function, Type } K = Interface;
  /// For items named by a plain name (inline interfaces, functions,
  /// types); empty when the key is an interface.
  std::string Name;
  /// Interface index (K Interface), type index (K Type).
  uint32_t Index = 0;
  /// K Function.
  wit::Function Func;
  Stability Stab;
  /// Docs of an interface imported or exported by path (inline interfaces
  /// and functions keep theirs in Interface::Docs and Func.Docs).
  std::string Docs;
};

struct World {
  std::string Name;
  uint32_t Package = 0;
  std::vector<WorldItem> Imports, Exports;
  std::string Docs;
  Stability Stab;
};

struct Package {
  std::string Namespace, Name, Version;
  std::vector<uint32_t> Interfaces, Worlds;
  std::string Docs;
  /// "ns:name@version".
  std::string id() const {
    return Namespace + ":" + Name + (Version.empty() ? "" : "@" + Version);
  }
};

struct Resolve {
  std::vector<Package> Packages;
  std::vector<Interface> Interfaces;
  std::vector<World> Worlds;
  std::vector<TypeDef> Types;

  uint32_t addType(TypeDef T) {
    Types.push_back(std::move(T));
    return Types.size() - 1;
  }
};

/// Prints package Main (with its interfaces and worlds) and then each
/// package of Nested in braces, as `wasm-tools component wit` does.
std::string printResolve(const Resolve &R, uint32_t Main,
                         const std::vector<uint32_t> &Nested);

/// True for WIT keywords (printed with a `%` prefix as identifiers).
bool isKeyword(const std::string &S);

} // namespace weld::wit

#endif
