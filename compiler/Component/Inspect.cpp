//===- Inspect.cpp - Human-readable structure of a component --------------===//
//
// One line per definition, in binary order, nested components indented.
//
//===----------------------------------------------------------------------===//

#include "Component/Inspect.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

using namespace llvm;

namespace weld::component {

static std::string coreExternText(const CoreExternType &T,
                                  const TypeStore &Types) {
  auto Limits = [&]() {
    std::string S = std::to_string(T.Limits.Min);
    if (T.Limits.Max)
      S += " " + std::to_string(*T.Limits.Max);
    return S;
  };
  switch (T.K) {
  case CoreExternType::Func:
    return Types.describe(T.FuncType);
  case CoreExternType::Table:
    return "table " + Limits() + " " + coreValTypeName(T.Val);
  case CoreExternType::Memory:
    return std::string("memory ") + (T.Is64 ? "i64 " : "") + Limits() +
           (T.Shared ? " shared" : "");
  case CoreExternType::Global:
    return std::string("global ") + (T.Mutable ? "mut " : "") +
           coreValTypeName(T.Val);
  case CoreExternType::Tag:
    return "tag " + Types.describe(T.FuncType);
  }
  return "?";
}

static std::string entityText(const EntityType &E, const TypeStore &Types) {
  std::string S = entityKindName(E.Kind);
  if (E.Kind == EntityKind::Module) {
    const CoreModuleType &M = Types.coreModule(E.Type);
    return S + " (" + std::to_string(M.Imports.size()) + " imports, " +
           std::to_string(M.Exports.size()) + " exports)";
  }
  return S + " " + Types.describe(E.Type);
}

static void printInstanceExports(raw_ostream &OS, TypeId T,
                                 const TypeStore &Types, unsigned Indent) {
  for (auto &[Name, E] : Types.instance(T).Exports)
    OS.indent(Indent) << "export \"" << Name << "\": "
                      << entityText(E, Types) << "\n";
}

void printComponent(raw_ostream &OS, const Component &C, const TypeStore &Types,
                    unsigned Indent) {
  OS.indent(Indent) << "component (" << C.Size << " bytes at "
                    << format("0x%llx", (unsigned long long)C.Offset) << ")\n";
  unsigned In = Indent + 2;
  unsigned TypeIdx = 0, CoreTypeIdx = 0;
  (void)CoreTypeIdx;
  for (const Definition &D : C.Defs) {
    switch (D.K) {
    case Definition::CoreModule: {
      const CoreModuleDef &M = C.Modules[D.Index];
      const CoreModuleType &MT = Types.coreModule(M.Type);
      OS.indent(In) << "core module " << D.Index << ": " << M.Bytes.size()
                    << " bytes at " << format("0x%llx", (unsigned long long)M.Offset)
                    << ", " << MT.Imports.size() << " imports, "
                    << MT.Exports.size() << " exports\n";
      break;
    }
    case Definition::CoreInstance: {
      const InstanceDef &I = C.CoreInstances[D.Index];
      OS.indent(In) << "core instance " << D.Index << ": ";
      if (I.Instantiate) {
        OS << "instantiate core module " << I.Of;
        for (auto &A : I.Items)
          OS << " (with \"" << A.Name << "\" core instance " << A.Index << ")";
      } else {
        OS << "exports";
        for (auto &A : I.Items)
          OS << " \"" << A.Name << "\"=" << sortName(A.S) << " " << A.Index;
      }
      OS << "\n";
      break;
    }
    case Definition::Instance: {
      const InstanceDef &I = C.Instances[D.Index];
      OS.indent(In) << "instance " << D.Index << ": ";
      if (I.Instantiate) {
        OS << "instantiate component " << I.Of;
        for (auto &A : I.Items)
          OS << " (with \"" << A.Name << "\" " << sortName(A.S) << " "
             << A.Index << ")";
      } else {
        OS << "exports";
        for (auto &A : I.Items)
          OS << " \"" << A.Name << "\"=" << sortName(A.S) << " " << A.Index;
      }
      OS << "\n";
      break;
    }
    case Definition::Component:
      printComponent(OS, *C.Components[D.Index], Types, In);
      break;
    case Definition::Alias: {
      const AliasDef &A = C.Aliases[D.Index];
      OS.indent(In) << "alias " << sortName(A.S) << ": ";
      if (A.K == AliasDef::Outer)
        OS << "outer " << A.Instance << " " << A.Index;
      else
        OS << (A.K == AliasDef::CoreExport ? "core export of core instance "
                                           : "export of instance ")
           << A.Instance << " \"" << A.Name << "\"";
      OS << "\n";
      break;
    }
    case Definition::Type:
      TypeIdx = D.Index;
      OS.indent(In) << "type " << TypeIdx << ": "
                    << Types.describe(C.TypeSpace[TypeIdx]) << "\n";
      break;
    case Definition::CoreType:
      OS.indent(In) << "core type " << D.Index << "\n";
      break;
    case Definition::Canon: {
      const CanonDef &K = C.Canons[D.Index];
      OS.indent(In) << "canon ";
      if (K.Opcode == 0x00)
        OS << "lift core func " << K.Index << ": " << Types.describe(K.Type);
      else if (K.Opcode == 0x01)
        OS << "lower func " << K.Index << ": " << Types.describe(K.Type);
      else
        OS << "builtin 0x" << utohexstr(K.Opcode) << ": "
           << Types.describe(K.Type);
      OS << "\n";
      break;
    }
    case Definition::Start:
      OS.indent(In) << "start func " << D.Index << "\n";
      break;
    case Definition::Import: {
      const ImportDef &I = C.Imports[D.Index];
      OS.indent(In) << "import \"" << I.Name << "\": "
                    << entityText(I.Type, Types) << "\n";
      if (I.Type.Kind == EntityKind::Instance)
        printInstanceExports(OS, I.Type.Type, Types, In + 2);
      break;
    }
    case Definition::Export: {
      const ExportDef &E = C.Exports[D.Index];
      OS.indent(In) << "export \"" << E.Name << "\": " << sortName(E.S) << " "
                    << E.Index << ": " << entityText(E.Type, Types) << "\n";
      if (E.Type.Kind == EntityKind::Instance)
        printInstanceExports(OS, E.Type.Type, Types, In + 2);
      break;
    }
    case Definition::Value:
      OS.indent(In) << "value " << D.Index << "\n";
      break;
    case Definition::Custom: {
      const CustomSection &S = C.Customs[D.Index];
      OS.indent(In) << "custom section \"" << S.Name << "\": " << S.Bytes.size()
                    << " bytes\n";
      break;
    }
    }
  }
}

void printCoreModule(raw_ostream &OS, const CoreModuleType &M, uint64_t Size,
                     const TypeStore &Types) {
  OS << "core module (" << Size << " bytes)\n";
  for (const CoreImport &I : M.Imports)
    OS << "  import \"" << I.Module << "\" \"" << I.Name
       << "\": " << coreExternText(I.Type, Types) << "\n";
  for (auto &[Name, T] : M.Exports)
    OS << "  export \"" << Name << "\": " << coreExternText(T, Types) << "\n";
}

} // namespace weld::component
