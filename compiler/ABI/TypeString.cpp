//===- TypeString.cpp - type strings and C headers for the host boundary --===//
//
// The descriptor of a compiled component describes each export's type in a
// compact string (grammar in weld/component.h) so that generic hosts (the
// component spec-test host, bindings) can marshal values; CHeader.cpp
// writes the C declarations of the same host ABI.
//
//===----------------------------------------------------------------------===//

#include "ABI/ABI.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace weld::component;

namespace weld::abi {

static void typeString(const TypeStore &Types, TypeId T, const Graph *G,
                       ComponentInstanceIndex Inst, raw_ostream &OS) {
  if (!T.valid()) {
    OS << "_";
    return;
  }
  const TypeNode &N = Types.get(T);
  auto List = [&](ArrayRef<TypeId> Es) {
    for (size_t I = 0; I < Es.size(); ++I) {
      if (I)
        OS << ",";
      typeString(Types, Es[I], G, Inst, OS);
    }
  };
  auto Labels = [&](bool WithTypes) {
    for (size_t I = 0; I < N.Names.size(); ++I) {
      if (I)
        OS << ",";
      OS << N.Names[I];
      if (WithTypes && I < N.Elems.size() && N.Elems[I].valid()) {
        OS << ":";
        typeString(Types, N.Elems[I], G, Inst, OS);
      }
    }
  };
  switch (N.Kind) {
  case TypeKind::List:
    OS << "list<";
    typeString(Types, N.Elems[0], G, Inst, OS);
    OS << ">";
    return;
  case TypeKind::FixedList:
    OS << "list<";
    typeString(Types, N.Elems[0], G, Inst, OS);
    OS << ";" << N.Length << ">";
    return;
  case TypeKind::Tuple:
    OS << "tuple<";
    List(N.Elems);
    OS << ">";
    return;
  case TypeKind::Record:
    OS << "record{";
    Labels(true);
    OS << "}";
    return;
  case TypeKind::Variant:
    OS << "variant{";
    Labels(true);
    OS << "}";
    return;
  case TypeKind::Enum:
    OS << "enum{";
    Labels(false);
    OS << "}";
    return;
  case TypeKind::Flags:
    OS << "flags{";
    Labels(false);
    OS << "}";
    return;
  case TypeKind::Option:
    OS << "option<";
    typeString(Types, N.Elems[0], G, Inst, OS);
    OS << ">";
    return;
  case TypeKind::Result:
    OS << "result<";
    typeString(Types, N.Elems[0], G, Inst, OS);
    OS << ",";
    typeString(Types, N.Elems[1], G, Inst, OS);
    OS << ">";
    return;
  case TypeKind::Own:
  case TypeKind::Borrow: {
    OS << (N.Kind == TypeKind::Own ? "own<" : "borrow<");
    ResourceIndex R;
    if (G)
      R = G->resource(Inst.valid() ? Inst : ComponentInstanceIndex{0},
                      Types.get(N.Elems[0]).Res);
    OS << (R.valid() ? int64_t(R.V) : -1) << ">";
    return;
  }
  case TypeKind::Func:
    OS << "(";
    for (size_t I = 0; I < N.Elems.size(); ++I) {
      if (I)
        OS << ",";
      OS << (I < N.Names.size() ? N.Names[I] : "") << ":";
      typeString(Types, N.Elems[I], G, Inst, OS);
    }
    OS << ")->";
    typeString(Types, N.Result, G, Inst, OS);
    return;
  default:
    if (isPrimitive(N.Kind))
      OS << primitiveName(N.Kind);
    else
      OS << "?";
    return;
  }
}

std::string typeString(const TypeStore &Types, TypeId T, const Graph *G,
                       ComponentInstanceIndex Inst) {
  std::string S;
  raw_string_ostream OS(S);
  typeString(Types, T, G, Inst, OS);
  return S;
}

} // namespace weld::abi
