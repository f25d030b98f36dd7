/*===- weld/runtime.h - the C ABI of weld's runtime library ----*- C -*-===*\
 *
 * Compiled code, the runtime and embedders share this header. Everything
 * here is data-only structs and plain functions with the weld_ prefix.
 *
\*===----------------------------------------------------------------------===*/

#ifndef WELD_RUNTIME_H
#define WELD_RUNTIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Why a guest stopped. WELD_TRAP_NONE means it returned normally. */
typedef enum weld_trap_kind {
#define WELD_TRAP(Name, Message) WELD_TRAP_##Name,
#include "weld/traps.def"
  WELD_TRAP_COUNT
} weld_trap_kind;

/* A human-readable message for a trap kind ("integer divide by zero"). */
const char *weld_trap_message(weld_trap_kind Kind);

#ifdef __cplusplus
}
#endif

#endif /* WELD_RUNTIME_H */
