//===- Printer.cpp - WIT text in wasm-tools' layout ------------------------===//
//
// Prints a Resolve the way `wasm-tools component wit` lays it out: two-space
// indentation, a blank line between items of an interface (but not between
// world imports, nor between the functions of a resource), `use` statements
// grouped by interface, keywords escaped with `%`, packages other than the
// main one in braces separated by two blank lines.
//
//===----------------------------------------------------------------------===//

#include "WIT/WIT.h"

#include "llvm/ADT/StringRef.h"

#include <set>

namespace weld::wit {

bool isKeyword(const std::string &S) {
  static const std::set<std::string> Keywords = {
      "use",      "type",    "func",        "u8",       "u16",    "u32",
      "u64",      "s8",      "s16",         "s32",      "s64",    "f32",
      "f64",      "float32", "float64",     "char",     "resource", "own",
      "borrow",   "record",  "flags",       "variant",  "enum",   "bool",
      "string",   "option",  "result",      "future",   "stream", "list",
      "_",        "as",      "from",        "static",   "interface", "tuple",
      "world",    "import",  "export",      "package",  "constructor",
      "include",  "with",    "async",       "error-context", "map", "include"};
  return Keywords.count(S);
}

namespace {
class Printer {
public:
  explicit Printer(const Resolve &R) : R(R) {}

  std::string Out;

  void print(uint32_t Main, const std::vector<uint32_t> &Nested) {
    package(Main, true);
    for (size_t I = 0; I < Nested.size(); ++I) {
      if (I > 0) {
        newline();
        newline();
      }
      package(Nested[I], false);
    }
  }

private:
  const Resolve &R;
  unsigned Indent = 0;
  bool AtLineStart = true;
  bool AnyItems = false;

  void str(llvm::StringRef S) {
    if (AtLineStart && !S.empty()) {
      Out.append(Indent * 2, ' ');
      AtLineStart = false;
    }
    Out += S.str();
  }
  void newline() {
    Out += "\n";
    AtLineStart = true;
  }
  void semicolon() {
    str(";");
    newline();
  }
  void indentStart() {
    str(" {");
    ++Indent;
    newline();
  }
  void indentEnd() {
    --Indent;
    str("}");
    newline();
  }
  void name(const std::string &N) { str(isKeyword(N) ? "%" + N : N); }
  void newItem() {
    if (AnyItems)
      newline();
    AnyItems = true;
  }

  void docs(const std::string &D) {
    if (D.empty())
      return;
    llvm::StringRef Rest = D;
    while (!Rest.empty()) {
      auto [Line, Tail] = Rest.split('\n');
      str("///");
      if (!Line.empty())
        str(" " + Line.str());
      newline();
      Rest = Tail;
    }
  }

  void stability(const Stability &S) {
    switch (S.K) {
    case Stability::Unknown:
      return;
    case Stability::Stable:
      str("@since(version = " + S.Since + ")");
      newline();
      break;
    case Stability::Unstable:
      str("@unstable(feature = " + S.Feature + ")");
      newline();
      break;
    }
    if (!S.Deprecated.empty()) {
      str("@deprecated(version = " + S.Deprecated + ")");
      newline();
    }
  }

  void package(uint32_t P, bool IsMain) {
    const Package &Pkg = R.Packages[P];
    docs(Pkg.Docs);
    str("package ");
    name(Pkg.Namespace);
    str(":");
    name(Pkg.Name);
    if (!Pkg.Version.empty())
      str("@" + Pkg.Version);
    if (IsMain) {
      semicolon();
      newline();
    } else {
      indentStart();
    }
    for (uint32_t I : Pkg.Interfaces) {
      const Interface &If = R.Interfaces[I];
      docs(If.Docs);
      stability(If.Stab);
      str("interface ");
      name(If.Name);
      indentStart();
      interface(I);
      indentEnd();
      if (IsMain)
        newline();
    }
    for (uint32_t W : Pkg.Worlds) {
      const World &Wd = R.Worlds[W];
      docs(Wd.Docs);
      stability(Wd.Stab);
      str("world ");
      name(Wd.Name);
      indentStart();
      world(W);
      indentEnd();
    }
    if (!IsMain)
      indentEnd();
  }

  void typeName(const Type &T) {
    switch (T.K) {
    case Type::None: str("_"); return;
    case Type::Bool: str("bool"); return;
    case Type::U8: str("u8"); return;
    case Type::U16: str("u16"); return;
    case Type::U32: str("u32"); return;
    case Type::U64: str("u64"); return;
    case Type::S8: str("s8"); return;
    case Type::S16: str("s16"); return;
    case Type::S32: str("s32"); return;
    case Type::S64: str("s64"); return;
    case Type::F32: str("f32"); return;
    case Type::F64: str("f64"); return;
    case Type::Char: str("char"); return;
    case Type::String: str("string"); return;
    case Type::ErrorContext: str("error-context"); return;
    case Type::Id: break;
    }
    const TypeDef &D = R.Types[T.Def];
    if (!D.Name.empty()) {
      name(D.Name);
      return;
    }
    anonymous(D);
  }

  void anonymous(const TypeDef &D) {
    switch (D.K) {
    case TypeDef::Own:
      typeName(D.Types[0]);
      return;
    case TypeDef::Borrow:
      str("borrow<");
      typeName(D.Types[0]);
      str(">");
      return;
    case TypeDef::Tuple:
      str("tuple<");
      for (size_t I = 0; I < D.Types.size(); ++I) {
        if (I)
          str(", ");
        typeName(D.Types[I]);
      }
      str(">");
      return;
    case TypeDef::Option:
      str("option<");
      typeName(D.Types[0]);
      str(">");
      return;
    case TypeDef::Result:
      if (!D.Types[0].present() && !D.Types[1].present()) {
        str("result");
        return;
      }
      str("result<");
      if (D.Types[0].present())
        typeName(D.Types[0]);
      else
        str("_");
      if (D.Types[1].present()) {
        str(", ");
        typeName(D.Types[1]);
      }
      str(">");
      return;
    case TypeDef::List:
      str("list<");
      typeName(D.Types[0]);
      str(">");
      return;
    case TypeDef::FixedList:
      str("list<");
      typeName(D.Types[0]);
      str(", " + std::to_string(D.Length) + ">");
      return;
    case TypeDef::Map:
      str("map<");
      typeName(D.Types[0]);
      str(", ");
      typeName(D.Types[1]);
      str(">");
      return;
    case TypeDef::Future:
    case TypeDef::Stream:
      str(D.K == TypeDef::Future ? "future" : "stream");
      if (D.Types[0].present()) {
        str("<");
        typeName(D.Types[0]);
        str(">");
      }
      return;
    case TypeDef::Alias:
      typeName(D.Types[0]);
      return;
    default:
      str("<unnamed>");
      return;
    }
  }

  void function(const Function &F) {
    if (F.Async)
      str("async ");
    str(F.K == Function::Constructor ? "constructor(" : "func(");
    size_t Skip = F.K == Function::Method ? 1 : 0;
    for (size_t I = Skip; I < F.Params.size(); ++I) {
      if (I > Skip)
        str(", ");
      name(F.Params[I].first);
      str(": ");
      typeName(F.Params[I].second);
    }
    str(")");
    if (F.K == Function::Constructor && F.Result.K == Type::Id &&
        R.Types[F.Result.Def].K == TypeDef::Own &&
        R.Types[F.Result.Def].Name.empty())
      return;
    if (F.Result.present()) {
      str(" -> ");
      typeName(F.Result);
    }
  }

  void labels(const char *Kw, const TypeDef &D, bool WithTypes) {
    str(Kw);
    str(" ");
    name(D.Name);
    indentStart();
    for (size_t I = 0; I < D.Labels.size(); ++I) {
      if (I < D.LabelDocs.size())
        docs(D.LabelDocs[I]);
      name(D.Labels[I]);
      if (WithTypes && D.K == TypeDef::Record) {
        str(": ");
        typeName(D.Types[I]);
      } else if (WithTypes && D.Types[I].present()) {
        str("(");
        typeName(D.Types[I]);
        str(")");
      }
      str(",");
      newline();
    }
    indentEnd();
  }

  void declare(uint32_t Id) {
    const TypeDef &D = R.Types[Id];
    switch (D.K) {
    case TypeDef::Record: labels("record", D, true); return;
    case TypeDef::Variant: labels("variant", D, true); return;
    case TypeDef::Flags: labels("flags", D, false); return;
    case TypeDef::Enum: labels("enum", D, false); return;
    default:
      str("type ");
      name(D.Name);
      str(" = ");
      anonymous(D);
      semicolon();
      return;
    }
  }

  void resource(uint32_t Id, const std::vector<const Function *> &Funcs) {
    str("resource ");
    name(R.Types[Id].Name);
    if (Funcs.empty()) {
      semicolon();
      return;
    }
    indentStart();
    for (const Function *F : Funcs) {
      docs(F->Docs);
      stability(F->Stab);
      if (F->K == Function::Method) {
        name(F->ItemName);
        str(": ");
      } else if (F->K == Function::Static) {
        name(F->ItemName);
        str(": static ");
      }
      function(*F);
      semicolon();
    }
    indentEnd();
  }

  /// Path of interface I as seen from package CurPkg.
  void pathTo(uint32_t I, uint32_t CurPkg) {
    const Interface &If = R.Interfaces[I];
    if (If.Package == CurPkg) {
      name(If.Name);
      return;
    }
    const Package &P = R.Packages[If.Package];
    name(P.Namespace);
    str(":");
    name(P.Name);
    str("/");
    name(If.Name);
    if (!P.Version.empty())
      str("@" + P.Version);
  }

  using ResourceFuncs = std::vector<std::pair<uint32_t, std::vector<const Function *>>>;

  static std::vector<const Function *> *funcsOf(ResourceFuncs &RF, uint32_t Id) {
    for (auto &[K, V] : RF)
      if (K == Id)
        return &V;
    return nullptr;
  }

  void types(Owner O, uint32_t CurPkg,
             const std::vector<std::pair<std::string, uint32_t>> &Types,
             ResourceFuncs &RF) {
    std::vector<uint32_t> Declare;
    std::vector<std::pair<Owner, std::vector<std::pair<std::string, std::string>>>> Imports;
    for (auto &[Name, Id] : Types) {
      const TypeDef &D = R.Types[Id];
      if (D.K == TypeDef::Alias && D.Types[0].K == Type::Id) {
        const TypeDef &Other = R.Types[D.Types[0].Def];
        if (Other.Holder.K != Owner::None && !(Other.Holder == O)) {
          if (!Imports.empty() && Imports.back().first == Other.Holder) {
            Imports.back().second.emplace_back(Name, Other.Name);
            continue;
          }
          Imports.push_back({Other.Holder, {{Name, Other.Name}}});
          continue;
        }
      }
      Declare.push_back(Id);
    }
    for (auto &[From, List] : Imports) {
      AnyItems = true;
      str("use ");
      pathTo(From.Index, CurPkg);
      str(".{");
      for (size_t I = 0; I < List.size(); ++I) {
        if (I)
          str(", ");
        if (List[I].first == List[I].second) {
          name(List[I].first);
        } else {
          name(List[I].second);
          str(" as ");
          name(List[I].first);
        }
      }
      str("}");
      semicolon();
    }
    for (uint32_t Id : Declare) {
      newItem();
      docs(R.Types[Id].Docs);
      stability(R.Types[Id].Stab);
      if (R.Types[Id].K == TypeDef::Resource) {
        auto *Funcs = funcsOf(RF, Id);
        resource(Id, Funcs ? *Funcs : std::vector<const Function *>());
      } else {
        declare(Id);
      }
    }
  }

  void interface(uint32_t I) {
    bool Prev = AnyItems;
    AnyItems = false;
    const Interface &If = R.Interfaces[I];
    ResourceFuncs RF;
    std::vector<const Function *> Free;
    for (const Function &F : If.Functions) {
      if (F.K == Function::Freestanding) {
        Free.push_back(&F);
        continue;
      }
      if (auto *L = funcsOf(RF, F.Resource))
        L->push_back(&F);
      else
        RF.push_back({F.Resource, {&F}});
    }
    uint32_t Pkg = If.Package;
    types(Owner{Owner::Interface, I}, Pkg, If.Types, RF);
    for (const Function *F : Free) {
      newItem();
      docs(F->Docs);
      stability(F->Stab);
      name(F->ItemName);
      str(": ");
      function(*F);
      semicolon();
    }
    AnyItems = Prev;
  }

  void worldItem(const WorldItem &Item, uint32_t CurPkg, const char *Kw) {
    if (Item.Name.empty())
      docs(Item.Docs);
    if (!Item.Name.empty()) {
      if (Item.K == WorldItem::Interface)
        docs(R.Interfaces[Item.Index].Docs);
      else if (Item.K == WorldItem::Function)
        docs(Item.Func.Docs);
    }
    stability(Item.Stab);
    str(Kw);
    str(" ");
    if (Item.Name.empty()) {
      pathTo(Item.Index, CurPkg);
      semicolon();
      return;
    }
    name(Item.Name);
    str(": ");
    if (Item.K == WorldItem::Interface) {
      str("interface");
      indentStart();
      interface(Item.Index);
      indentEnd();
      return;
    }
    function(Item.Func);
    semicolon();
  }

  void world(uint32_t W) {
    bool Prev = AnyItems;
    AnyItems = false;
    const World &Wd = R.Worlds[W];
    std::vector<std::pair<std::string, uint32_t>> Types;
    ResourceFuncs RF;
    std::vector<const WorldItem *> Funcs;
    for (const WorldItem &Item : Wd.Imports) {
      if (Item.K == WorldItem::Type) {
        Types.emplace_back(Item.Name, Item.Index);
        continue;
      }
      if (Item.K == WorldItem::Function) {
        if (Item.Func.K != Function::Freestanding) {
          if (auto *L = funcsOf(RF, Item.Func.Resource))
            L->push_back(&Item.Func);
          else
            RF.push_back({Item.Func.Resource, {&Item.Func}});
          continue;
        }
        Funcs.push_back(&Item);
        continue;
      }
      worldItem(Item, Wd.Package, "import");
      AnyItems = true;
    }
    types(Owner{Owner::World, W}, Wd.Package, Types, RF);
    for (const WorldItem *Item : Funcs) {
      worldItem(*Item, Wd.Package, "import");
      AnyItems = true;
    }
    if (!Wd.Exports.empty())
      newItem();
    for (const WorldItem &Item : Wd.Exports)
      worldItem(Item, Wd.Package, "export");
    AnyItems = Prev;
  }
};
} // namespace

std::string printResolve(const Resolve &R, uint32_t Main,
                         const std::vector<uint32_t> &Nested) {
  Printer P(R);
  P.print(Main, Nested);
  return P.Out;
}

} // namespace weld::wit
