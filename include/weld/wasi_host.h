/*===- weld/wasi_host.h - WASI imports of a compiled command ----*- C -*-===*\
 *
 * Binds the WASI imports of a compiled `wasi:cli/command` component to the
 * WASI host (weld/wasi.h). The compiler's host-import adapters lower each
 * call into the canonical ABI's native layout (weld/component.h) and call a
 * weld_host_func; the functions found by weld_wasi_host_lookup read that
 * layout, call the weld_wasi_ function and write the result back, pointing
 * strings and lists into the WASI context's memory (the adapter copies them
 * into the guest through its realloc before the next call).
 *
 * Resources of the WASI host cross the boundary as their weld_wasi handles:
 * the compiler passes them through unchanged and turns `resource.drop` of an
 * imported WASI resource into weld_wasi_host_drop.
 *
\*===----------------------------------------------------------------------===*/

#ifndef WELD_WASI_HOST_H
#define WELD_WASI_HOST_H

#include "weld/component.h"
#include "weld/wasi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The host context of a command instance (its weld_component_header's
 * host_ctx). */
typedef struct weld_wasi_host {
  weld_wasi_ctx *ctx;
  /* The instance, once instantiated: WASI traps unwind through it. */
  weld_component_instance *instance;
  /* Why the guest trapped in a WASI call (NULL when it did not). */
  const char *trap_message;
  /* Scratch memory for results the context does not hold (poll). */
  void *scratch;
  size_t scratch_size;
} weld_wasi_host;

/* The host function serving the import NAME ("wasi:io/streams@0.2.3#
 * [method]output-stream.write"), or NULL. Every 0.2.x version (and no
 * version) of an interface is accepted. */
weld_host_func weld_wasi_host_lookup(const char *Name, size_t Len);

/* resource.drop of an imported WASI resource of weld_wasi_kind Kind:
 * traps the guest when the WASI host refuses. */
void weld_wasi_host_drop(weld_wasi_host *H, uint32_t Kind, uint32_t Handle);

/* Traps the guest with the context's trap message. */
__attribute__((noreturn)) void weld_wasi_host_trap(weld_wasi_host *H);

#ifdef __cplusplus
}
#endif

#endif /* WELD_WASI_HOST_H */
