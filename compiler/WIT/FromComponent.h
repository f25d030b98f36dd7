//===- FromComponent.h - The WIT world of a component -----------*- C++ -*-===//
//
// Recovers WIT from a validated component's type, the way
// `wasm-tools component wit` does: a main package `root:component` with a
// world `root` whose imports and exports are the component's; interface
// names (`ns:pkg/iface@version`) become interfaces of their packages, types
// an interface gets from another become `use` statements.
//
//===----------------------------------------------------------------------===//

#ifndef WELD_WIT_FROMCOMPONENT_H
#define WELD_WIT_FROMCOMPONENT_H

#include "Component/Component.h"
#include "WIT/WIT.h"

#include "llvm/Support/Error.h"

namespace weld::wit {

/// The decoded WIT of a component: the resolve, its main package and the
/// other packages in the order they were first referenced.
struct ComponentWorld {
  Resolve R;
  uint32_t Main = 0;
  std::vector<uint32_t> Nested;
};

llvm::Expected<ComponentWorld>
worldFromComponent(const component::Component &C,
                   const component::TypeStore &Types);

} // namespace weld::wit

#endif
