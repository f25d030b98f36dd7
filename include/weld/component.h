/*===- weld/component.h - the C ABI of compiled components ------*- C -*-===*\
 *
 * `weld compile APP.wasm --emit=shared` produces a shared object exporting
 * one symbol, `weld_component` (a weld_component), plus one C entry point
 * per exported function when a header is generated. A component instance
 * is one block of memory whose layout the compiler fixed: a header, the
 * state of every component instance of the program (handle tables,
 * may_enter / may_leave flags) and the vmctx of every core instance.
 *
 * Values cross the host boundary in the canonical ABI's memory layout with
 * 64-bit pointers in native memory: a string is {const char *ptr; uint64_t
 * len} (UTF-8), a list {T *ptr; uint64_t count}, records are C structs,
 * variants tagged structs, resources 32-bit handles. Arguments are passed as
 * a pointer to the tuple of parameters, results are written to a buffer
 * holding the result; strings and lists in results are allocated with
 * malloc and belong to the caller (free them with weld_component_free).
 *
 * A trap inside never kills the host: the call returns the trap kind and
 * the instance must not be called again.
 *
\*===----------------------------------------------------------------------===*/

#ifndef WELD_COMPONENT_H
#define WELD_COMPONENT_H

#include "weld/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WELD_COMPONENT_ABI_VERSION 1

typedef struct weld_component_instance weld_component_instance;

/* A host function supplying a component import: reads the parameter
 * tuple at Args, writes the result to Results. Ctx is the host's pointer
 * given at instantiation. */
typedef void (*weld_host_func)(void *Ctx, const void *Args, void *Results);

/* An export entry point: called under a trap guard by weld_component_call. */
typedef void (*weld_component_entry)(weld_component_instance *I,
                                     const void *Args, void *Results);

typedef struct weld_component_func {
  const char *name; /* "name" or "interface#name" */
  const char *type; /* the function type, see below */
  weld_component_entry entry; /* NULL for imports */
  uint32_t args_size, args_align, results_size, results_align;
} weld_component_func;

/* Type strings: bool s8 u8 s16 u16 s32 u32 s64 u64 f32 f64 char string,
 * list<T>, list<T;N>, tuple<T,...>, record{name:T,...},
 * variant{name:T,name,...}, enum{a,...}, flags{a,...}, option<T>,
 * result<T|_,E|_>, own<N>, borrow<N> (N: resource index); a function is
 * (name:T,...)->T or (...)->_ . */

typedef struct weld_component {
  uint32_t abi_version; /* WELD_COMPONENT_ABI_VERSION */
  uint32_t block_size;  /* bytes of an instance block */
  uint32_t num_exports;
  uint32_t num_imports;
  const weld_component_func *exports;
  const weld_component_func *imports;
  /* Generated: initializes a zeroed block whose header is filled in. */
  void (*init)(weld_component_instance *I);
  /* Runtime entry points (inside the shared object). */
  weld_trap_kind (*instantiate)(const struct weld_component *C,
                                weld_host_func const *Imports, void *HostCtx,
                                weld_component_instance **Out);
  weld_trap_kind (*call)(weld_component_instance *I, uint32_t Export,
                         const void *Args, void *Results);
  void (*destroy)(weld_component_instance *I);
  void (*free_result)(void *P);
} weld_component;

/* The fixed start of an instance block. */
typedef struct weld_component_header {
  /* First, as in a vmctx, so that weld_trap(Block, Kind) finds the store. */
  weld_store *store;
  uint32_t magic; /* WELD_COMPONENT_MAGIC */
  uint32_t version;
  const weld_component *component;
  weld_host_func const *imports;
  void *host_ctx;
  void *reserved[3];
} weld_component_header;

#define WELD_COMPONENT_MAGIC 0x444c4557u /* "WELD" */

/* Runtime implementations the descriptor points at. instantiate stores the
 * new instance in *Out before the component's start functions run, so host
 * functions they call can trap through it (weld_trap(*Out, ...)); after a
 * trap *Out still holds it, for weld_component_destroy. */
weld_trap_kind weld_component_instantiate(const weld_component *C,
                                          weld_host_func const *Imports,
                                          void *HostCtx,
                                          weld_component_instance **Out);
weld_trap_kind weld_component_call(weld_component_instance *I,
                                   uint32_t Export, const void *Args,
                                   void *Results);
void weld_component_destroy(weld_component_instance *I);
void weld_component_free(void *P);

/*===-- Canonical ABI builtins called by generated adapters ---------------===*/

/* Per call: borrows lent by the caller and borrows given to the callee. */
typedef struct weld_call_scope {
  uint32_t num_borrows; /* borrow handles the callee still holds */
  uint32_t num_lends;
  uint32_t capacity;
  uint32_t pad;
  uint32_t *lends; /* pairs (table slot index, handle) */
  void **tables;
} weld_call_scope;

/* A string transfer between two memories (see weld_canon_string). */
typedef struct weld_string_transfer {
  const uint8_t *src_base; /* NULL: native memory */
  uint64_t src_size;       /* accessible bytes of the source memory */
  uint64_t src_ptr;
  uint64_t src_len;        /* code units, tagged for latin1+utf16 */
  weld_memory *dst_mem;    /* NULL: native memory (malloc) */
  /* Calls the destination's realloc(old, old_size, align, new_size). */
  uint64_t (*realloc)(void *Block, uint64_t Old, uint64_t OldSize,
                      uint64_t Align, uint64_t NewSize);
  void *block;
  uint32_t src_encoding; /* 0 utf8, 1 utf16, 2 latin1+utf16 */
  uint32_t dst_encoding;
  uint64_t out_ptr, out_len; /* written: pointer and (tagged) length */
} weld_string_transfer;

#define WELD_CANON_BUILTIN(Name, Signature, CReturn, CParams) CReturn Name CParams;
#include "weld/canon_builtins.def"

#ifdef __cplusplus
}
#endif

#endif /* WELD_COMPONENT_H */
