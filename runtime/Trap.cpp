//===- Trap.cpp - trap kinds and their messages ---------------------------===//

#include "weld/runtime.h"

static const char *const Messages[] = {
#define WELD_TRAP(Name, Message) Message,
#include "weld/traps.def"
};

extern "C" const char *weld_trap_message(weld_trap_kind Kind) {
  if (Kind < 0 || Kind >= WELD_TRAP_COUNT)
    return "unknown trap";
  return Messages[Kind];
}
