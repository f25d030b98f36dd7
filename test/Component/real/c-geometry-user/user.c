// Imports weld:geometry/shapes and exports a function using it; composed
// with c-geometry it becomes a self-contained component.
#include <stdint.h>

__attribute__((import_module("weld:geometry/shapes@0.1.0"), import_name("describe")))
extern uint32_t shapes_describe(int32_t style);

__attribute__((export_name("run"))) uint32_t run(void) {
  return shapes_describe(3);
}
