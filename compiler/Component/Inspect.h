//===- Inspect.h - Human-readable structure of a component ------*- C++ -*-===//
//
// `weld inspect` prints what a component is made of: nested components,
// core modules with their sizes, instances, aliases, canonical functions,
// imports and exports with their types. Output is deterministic (binary
// order) so tests can check it.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_COMPONENT_INSPECT_H
#define WELD_COMPONENT_INSPECT_H

#include "Component/Component.h"

#include "llvm/Support/raw_ostream.h"

namespace weld::component {

/// Prints the structure of C (indented by Indent spaces).
void printComponent(llvm::raw_ostream &OS, const Component &C,
                    const TypeStore &Types, unsigned Indent = 0);

/// Prints the imports and exports of a plain core module.
void printCoreModule(llvm::raw_ostream &OS, const CoreModuleType &M,
                     uint64_t Size, const TypeStore &Types);

} // namespace weld::component

#endif
