//===- CHeader.cpp - the C header of a compiled component -----------------===//
//
// `weld compile --emit=shared --header H` writes the C view of the host ABI
// (weld/component.h): one C type per component value type an export uses,
// laid out exactly as the canonical ABI's memory layout with 64-bit
// pointers (strings {ptr, len}, lists {ptr, len}, records structs, variants
// {tag, union}, resources 32-bit handles), and one static inline entry point
// per export that packs the arguments into their tuple and calls through
// the descriptor. Calls return the trap kind; WELD_TRAP_NONE is success.
//
//===----------------------------------------------------------------------===//

#include "ABI/ABI.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace weld::component;

namespace weld::abi {

namespace {

/// Writes the C type definitions in dependency order, each once.
class HeaderWriter {
public:
  HeaderWriter(const TypeStore &Types, StringRef Prefix, raw_ostream &OS)
      : Types(Types), Prefix(Prefix), OS(OS) {}

  /// The C type spelling a value of type T (defining it first if needed).
  std::string cType(TypeId T);

private:
  std::string define(TypeId T);
  std::string unsignedOf(uint64_t Bytes) {
    return Bytes == 1 ? "uint8_t" : Bytes == 2 ? "uint16_t" : "uint32_t";
  }

  const TypeStore &Types;
  StringRef Prefix;
  raw_ostream &OS;
  DenseMap<uint32_t, std::string> Names;
};

} // namespace

/// A C identifier from a component name (kebab-case, `#`, `.`, `@`).
static std::string identifier(StringRef Name) {
  std::string S = Name.str();
  for (char &C : S)
    if (!isAlnum(C))
      C = '_';
  if (S.empty() || isDigit(S[0]))
    S = "_" + S;
  return S;
}

static unsigned discriminantBytes(size_t Cases) {
  return Cases <= 256 ? 1 : Cases <= 65536 ? 2 : 4;
}

std::string HeaderWriter::cType(TypeId T) {
  const TypeNode &N = Types.get(T);
  switch (N.Kind) {
  case TypeKind::Bool:
    return "bool";
  case TypeKind::S8:
    return "int8_t";
  case TypeKind::U8:
    return "uint8_t";
  case TypeKind::S16:
    return "int16_t";
  case TypeKind::U16:
    return "uint16_t";
  case TypeKind::S32:
    return "int32_t";
  case TypeKind::U32:
  case TypeKind::Char: // a Unicode scalar value
  case TypeKind::Own:
  case TypeKind::Borrow:
    return "uint32_t";
  case TypeKind::S64:
    return "int64_t";
  case TypeKind::U64:
    return "uint64_t";
  case TypeKind::F32:
    return "float";
  case TypeKind::F64:
    return "double";
  case TypeKind::String:
    return Prefix.str() + "_string";
  case TypeKind::Enum:
    return unsignedOf(discriminantBytes(N.Names.size()));
  case TypeKind::Flags:
    if (N.Names.size() <= 32)
      return unsignedOf(N.Names.size() <= 8 ? 1 : N.Names.size() <= 16 ? 2 : 4);
    return define(T);
  default:
    return define(T);
  }
}

std::string HeaderWriter::define(TypeId T) {
  auto It = Names.find(T.V);
  if (It != Names.end())
    return It->second;
  const TypeNode &N = Types.get(T);
  // Members first, so that every type is complete where it is used.
  std::vector<std::pair<std::string, std::string>> Fields;
  auto Member = [&](TypeId E, std::string Name) {
    Fields.push_back({cType(E), std::move(Name)});
  };
  std::string Body;
  raw_string_ostream BS(Body);
  switch (N.Kind) {
  case TypeKind::Record:
    for (size_t I = 0; I < N.Elems.size(); ++I)
      Member(N.Elems[I], identifier(N.Names[I]));
    break;
  case TypeKind::Tuple:
    for (size_t I = 0; I < N.Elems.size(); ++I)
      Member(N.Elems[I], "f" + std::to_string(I));
    break;
  case TypeKind::List:
    BS << "  " << cType(N.Elems[0]) << " *ptr;\n  uint64_t len;\n";
    break;
  case TypeKind::FixedList:
    BS << "  " << cType(N.Elems[0]) << " elems[" << N.Length << "];\n";
    break;
  case TypeKind::Flags:
    BS << "  uint32_t bits[" << (N.Names.size() + 31) / 32 << "];\n";
    break;
  case TypeKind::Variant:
  case TypeKind::Option:
  case TypeKind::Result: {
    std::vector<std::pair<TypeId, std::string>> Cases;
    if (N.Kind == TypeKind::Option) {
      Cases = {{TypeId(), "none"}, {N.Elems[0], "some"}};
    } else if (N.Kind == TypeKind::Result) {
      Cases = {{N.Elems[0], "ok"}, {N.Elems[1], "err"}};
    } else {
      for (size_t I = 0; I < N.Elems.size(); ++I)
        Cases.push_back({N.Elems[I], identifier(N.Names[I])});
    }
    std::string Union;
    for (auto &[E, Name] : Cases)
      if (E.valid())
        Union += "    " + cType(E) + " " + Name + ";\n";
    BS << "  " << unsignedOf(discriminantBytes(Cases.size())) << " tag;\n";
    if (!Union.empty())
      BS << "  union {\n" << Union << "  } val;\n";
    break;
  }
  case TypeKind::Map: {
    // A map crosses as a list of (key, value) entries.
    std::string Entry = Prefix.str() + "_t" + std::to_string(T.V) + "_entry";
    std::string K = cType(N.Elems[0]), V = cType(N.Elems[1]);
    OS << "typedef struct " << Entry << " {\n  " << K << " key;\n  " << V
       << " value;\n} " << Entry << ";\n\n";
    BS << "  " << Entry << " *ptr;\n  uint64_t len;\n";
    break;
  }
  default:
    BS << "  uint8_t unsupported; /* " << Types.describe(T) << " */\n";
    break;
  }
  for (auto &[Ty, Name] : Fields)
    BS << "  " << Ty << " " << Name << ";\n";
  if (Body.empty())
    BS << "  uint8_t empty; /* zero-sized in the canonical ABI */\n";
  std::string Name = Prefix.str() + "_t" + std::to_string(T.V);
  OS << "/* " << typeString(Types, T) << " */\ntypedef struct " << Name
     << " {\n"
     << Body << "} " << Name << ";\n\n";
  Names[T.V] = Name;
  return Name;
}

std::string cHeader(const Graph &G, const TypeStore &Types,
                    const std::string &Prefix) {
  std::string Types_, Funcs;
  raw_string_ostream TS(Types_), FS(Funcs);
  HeaderWriter W(Types, Prefix, TS);
  std::string Up = StringRef(Prefix).upper();
  std::string Desc = Prefix + "_descriptor";
  for (size_t I = 0; I < G.Exports.size(); ++I) {
    const ExportFuncDef &E = G.Exports[I];
    const TypeNode &F = Types.get(E.Type);
    std::string Name = identifier(E.Name);
    FS << "/* " << E.Name << ": " << typeString(Types, E.Type, &G) << " */\n";
    std::string Head;
    raw_string_ostream HS(Head);
    HS << "#define " << Up << "_EXPORT_" << StringRef(Name).upper() << " "
       << I << "u\n"
       << "static inline weld_trap_kind " << Prefix << "_" << Name
       << "(weld_component_instance *inst";
    // Generated types are named by number; each export also names its
    // parameter and result types (PREFIX_EXPORT_PARAM_t, ..._result_t).
    std::string Generated = Prefix + "_t", Aliases, Params, Pack;
    auto Alias = [&](const std::string &Ty, StringRef What) {
      if (StringRef(Ty).starts_with(Generated))
        Aliases += "typedef " + Ty + " " + Prefix + "_" + Name + "_" +
                   identifier(What) + "_t;\n";
    };
    for (size_t P = 0; P < F.Elems.size(); ++P) {
      std::string Ty = W.cType(F.Elems[P]);
      Alias(Ty, P < F.Names.size() ? F.Names[P] : "p" + std::to_string(P));
      Params += ", " + Ty + " a" + std::to_string(P);
      Pack += "    " + Ty + " a" + std::to_string(P) + ";\n";
    }
    if (F.Result.valid()) {
      std::string Ty = W.cType(F.Result);
      Alias(Ty, "result");
      Params += ", " + Ty + " *result";
    }
    FS << Aliases << Head << Params << ") {\n";
    // The parameter tuple has the canonical ABI's layout: a C struct of
    // the parameters in order.
    if (!Pack.empty()) {
      FS << "  struct {\n" << Pack << "  } args = {";
      for (size_t P = 0; P < F.Elems.size(); ++P)
        FS << (P ? ", " : "") << "a" << P;
      FS << "};\n";
    }
    FS << "  return " << Desc << ".call(inst, " << I << "u, "
       << (Pack.empty() ? "0" : "&args") << ", "
       << (F.Result.valid() ? "result" : "0") << ");\n}\n\n";
  }
  std::string S;
  raw_string_ostream OS(S);
  OS << "/* Generated by weld: the C host ABI of a compiled component (see\n"
        " * weld/component.h and docs/components.md). Each export is a\n"
        " * function returning WELD_TRAP_NONE or the trap that ended the\n"
        " * call; strings and lists in results are malloc'd and belong to\n"
        " * the caller (free them with "
     << Desc << ".free_result). */\n"
     << "#ifndef " << Up << "_H\n#define " << Up << "_H\n\n"
     << "#include \"weld/component.h\"\n\n#include <stdbool.h>\n"
     << "#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "/* The descriptor (its symbol is weld_component, the name of its\n"
        " * type, hence the assembler name). */\n"
     << "extern const weld_component " << Desc
     << " __asm__(\"weld_component\");\n\n"
     << "typedef struct " << Prefix << "_string {\n  const char *ptr; /* UTF-8 */\n"
     << "  uint64_t len;\n} " << Prefix << "_string;\n\n"
     << Types_
     << "static inline weld_trap_kind " << Prefix
     << "_instantiate(weld_host_func const *imports, void *host_ctx,\n"
     << "    weld_component_instance **out) {\n  return " << Desc
     << ".instantiate(&" << Desc << ", imports, host_ctx, out);\n}\n\n"
     << "static inline void " << Prefix
     << "_destroy(weld_component_instance *inst) {\n  " << Desc
     << ".destroy(inst);\n}\n\n"
     << Funcs << "#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
  return S;
}

} // namespace weld::abi
