//===- CoreInterface.h - What component validation needs of a core module -*- C++ -*-===//
//
// Validating a component needs the type of each embedded core module: its
// imports and exports with their core types. This header is the one place
// where the component frontend asks for that, so the full core decoder and
// validator (compiler/Core) can be plugged in behind it. Until then the
// implementation decodes the module's header and the sections that define
// its interface (types, imports, functions, tables, memories, globals, tags,
// exports) with the structural checks those sections need, and leaves
// function bodies alone.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_COMPONENT_COREINTERFACE_H
#define WELD_COMPONENT_COREINTERFACE_H

#include "Component/Types.h"
#include "Support/ByteReader.h"

namespace weld::component {

/// Decodes the interface of the core module in Bytes (which starts at
/// absolute offset Base), interning its function types in Types.
llvm::Expected<CoreModuleType>
decodeCoreModuleInterface(llvm::ArrayRef<uint8_t> Bytes, uint64_t Base,
                          TypeStore &Types);

/// Reads a core value type (numeric, vector or reference).
llvm::Expected<CoreValType> readCoreValType(ByteReader &R);
/// Reads a reference type (abbreviated or 0x64/0x63 with a heap type).
llvm::Expected<CoreValType> readCoreRefType(ByteReader &R);
/// Reads limits as used by tables and memories; sets Is64/Shared flags.
llvm::Error readCoreLimits(ByteReader &R, CoreExternType &T, bool Memory);
/// Reads a core function type body (after the 0x60 byte).
llvm::Expected<TypeId> readCoreFuncType(ByteReader &R, TypeStore &Types);

/// Core subtyping for instantiation: is Actual acceptable where Expected is
/// required?
bool coreExternMatches(const CoreExternType &Actual,
                       const CoreExternType &Expected);

} // namespace weld::component

#endif
