/*===- weld/runtime.h - the C ABI of weld's runtime library ----*- C -*-===*\
 *
 * Compiled code, the runtime and embedders share this header. Everything
 * here is data-only structs and plain functions with the weld_ prefix.
 *
 * The pieces:
 *
 *  - A *store* (weld_store) is one single-threaded world of instances that
 *    may call each other: it holds the trap-guard chain and the stack limit.
 *    Nothing mutable is process-global except the table of memory
 *    reservations the fault handler consults.
 *  - A compiled core module (`weld compile --core --emit=shared`) exports
 *    one symbol, `weld_module` (a weld_module), describing its imports and
 *    exports and pointing at its init function.
 *  - An *instance* is a vmctx (instance context) block laid out by the
 *    compiler: a weld_vmctx_header, then pointer slots for every function
 *    record, table, memory and global (imported or defined) and the storage
 *    of defined ones. Every compiled function takes the vmctx first.
 *  - A function reference is a pointer to an immutable weld_funcref record;
 *    NULL is ref.null. Externrefs are opaque host pointers; NULL is null.
 *  - Guest code traps by calling weld_trap (or by faulting inside a memory
 *    reservation); the runtime unwinds to the innermost host entry
 *    (weld_instantiate / weld_call) of that store, which returns the kind.
 *    A trap never kills the host.
 *
 * Everything a guest can observe uses the WebAssembly binary encodings
 * (value types 0x7F i32 ... 0x6F externref, extern kinds 0..3).
 *
\*===----------------------------------------------------------------------===*/

#ifndef WELD_RUNTIME_H
#define WELD_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a struct below or the vmctx header changes layout. */
#define WELD_ABI_VERSION 3

/* Why a guest stopped. WELD_TRAP_NONE means it returned normally. */
typedef enum weld_trap_kind {
#define WELD_TRAP(Name, Message) WELD_TRAP_##Name,
#include "weld/traps.def"
  WELD_TRAP_COUNT
} weld_trap_kind;

/* A human-readable message for a trap kind ("integer divide by zero"). */
const char *weld_trap_message(weld_trap_kind Kind);

/*===-- Values ------------------------------------------------------------===*/

/* Value types, by their binary encoding. */
enum {
  WELD_I32 = 0x7F,
  WELD_I64 = 0x7E,
  WELD_F32 = 0x7D,
  WELD_F64 = 0x7C,
  WELD_V128 = 0x7B,
  WELD_FUNCREF = 0x70,
  WELD_EXTERNREF = 0x6F
};

/* One value of any type, as the host passes arguments and gets results.
 * Floats are stored bit-exactly (NaN payloads survive). */
typedef union weld_value {
  int32_t i32;
  int64_t i64;
  float f32;
  double f64;
  uint8_t v128[16];
  void *ref; /* const weld_funcref * or an externref; NULL is null */
} weld_value;

/* Canonical signature strings make function types comparable across
 * separately compiled modules: one letter per parameter, ':', one letter
 * per result; i i32, I i64, f f32, F f64, v v128, r funcref, x externref.
 * Example: (param i32 i64) (result f32) is "iI:f"; () -> () is ":". */

/* Calls the function of record F with arguments read from Values[0..n) and
 * writes the results to Values[0..m). Compiled modules emit one per
 * signature; it calls F->code(F->vmctx, args...). */
struct weld_funcref;
typedef void (*weld_array_call)(const struct weld_funcref *F,
                                weld_value *Values);

/* A function reference: immutable while its instance lives. Code has the
 * native prototype RESULT code(void *vmctx, PARAMS...) with the C calling
 * convention: i32/i64 as int32_t/int64_t, f32/f64 as float/double, refs as
 * pointers, v128 as a 16-byte vector; several results are returned as a
 * struct of those fields in order. Host functions use the same prototype
 * (Vmctx is then whatever the host put in the record). */
typedef struct weld_funcref {
  void *code;               /* native entry point */
  void *vmctx;              /* first argument of every call */
  const char *signature;    /* canonical signature string */
  weld_array_call array_call; /* host-side caller; NULL if never needed */
  /* The same function with LLVM's tailcc convention (guaranteed tail
   * calls), which compiled code prefers for return_call_indirect; NULL for
   * host functions. */
  void *tail_code;
} weld_funcref;

/*===-- Memories, tables, globals -----------------------------------------===*/

#define WELD_PAGE_SIZE 65536u
#define WELD_NO_MAX UINT64_MAX

typedef struct weld_store weld_store;

/* A linear memory. Base never moves while the memory lives: on 64-bit
 * hosts the runtime reserves 8 GiB of address space (4 GiB + 4 GiB guard)
 * up front and grows by changing protections, so compiled code in guard
 * mode may load Base once and skip bounds checks. */
typedef struct weld_memory {
  uint8_t *base;      /* first byte */
  uint64_t size;      /* accessible bytes (pages * 64 KiB) */
  uint64_t max_pages; /* WELD_NO_MAX when unbounded (65536 for memory32) */
  uint64_t reserved;  /* bytes of address space reserved at base */
  weld_store *store;  /* the store whose guard receives faults */
  uint32_t flags;     /* reserved, 0 */
  uint32_t pad;
} weld_memory;

/* A table. Elements are const weld_funcref * (funcref tables) or
 * externref pointers; NULL is ref.null. */
typedef struct weld_table {
  void **elements;   /* size entries; may move on growth */
  uint64_t size;     /* current number of elements */
  uint64_t max;      /* WELD_NO_MAX when unbounded */
  uint64_t capacity; /* allocated entries (runtime-private) */
  uint8_t elem_type; /* WELD_FUNCREF or WELD_EXTERNREF */
  uint8_t pad[7];
} weld_table;

/* A global. Compiled code reads and writes value at offset 0; imports and
 * exports share the cell by pointer. */
typedef struct weld_global {
  weld_value value;
  uint8_t type;      /* a value type */
  uint8_t mutable_;  /* 1 when mutable */
  uint8_t pad[14];
} weld_global;

/*===-- Stores and traps ----------------------------------------------------===*/

/* One saved host entry; the runtime links them into a chain per store. */
struct weld_trap_frame;

/* A store. Compiled code reads stack_limit (offset 0); the rest belongs to
 * the runtime. Single-threaded: one thread runs a store's guests at a
 * time. */
struct weld_store {
  uintptr_t stack_limit;              /* guests trap when sp < stack_limit */
  struct weld_trap_frame *trap_frame; /* innermost host entry, or NULL */
  void *owned;                        /* runtime-private bookkeeping */
  uint32_t depth;                     /* nested host entries */
  uint32_t pad;
  /* When the last trap of the outermost host entry was a fault in a
   * linear memory's guard region: the memory, the wasm address that
   * faulted and the memory's size then (for wasmtime's "memory fault at
   * wasm address 0x... in linear memory of size 0x..."); otherwise NULL. */
  const struct weld_memory *fault_memory;
  uint64_t fault_address;
  uint64_t fault_memory_size;
};

/* Creates an empty store; NULL when out of memory. */
weld_store *weld_store_new(void);
/* Frees a store with every instance, memory and table it owns. */
void weld_store_delete(weld_store *S);

/*===-- Compiled modules ----------------------------------------------------===*/

/* Extern kinds, by their binary encoding. */
enum {
  WELD_EXTERN_FUNC = 0,
  WELD_EXTERN_TABLE = 1,
  WELD_EXTERN_MEMORY = 2,
  WELD_EXTERN_GLOBAL = 3
};

/* The type of an import. */
typedef struct weld_import {
  const char *module;
  const char *name;
  uint8_t kind;         /* WELD_EXTERN_* */
  uint8_t value_type;   /* global: its type; table: its element type */
  uint8_t mutable_;     /* global: 1 when mutable */
  uint8_t has_max;      /* table, memory: 1 when max is meaningful */
  uint32_t pad;
  const char *signature; /* func: canonical signature string */
  uint64_t min, max;     /* table: elements; memory: pages */
  /* Byte lengths of module and name, which may contain NUL bytes (both are
   * also NUL-terminated for convenience). */
  uint64_t module_len, name_len;
} weld_import;

/* One export. The instance's object is the pointer stored at
 * vmctx + vmctx_offset (a weld_funcref *, weld_table *, weld_memory * or
 * weld_global *). */
typedef struct weld_export {
  const char *name;
  uint8_t kind;          /* WELD_EXTERN_* */
  uint8_t pad[3];
  uint32_t index;        /* in the module's index space of that kind */
  uint64_t vmctx_offset; /* of the pointer slot */
  uint64_t name_len;     /* bytes of name (it may contain NUL bytes) */
} weld_export;

/* The fixed start of every vmctx; the compiler lays out the rest. */
typedef struct weld_vmctx_header {
  weld_store *store;                /* offset 0 */
  const struct weld_module *module; /* offset 8 on 64-bit hosts */
  struct weld_instance *instance;   /* runtime bookkeeping */
  void *reserved;
} weld_vmctx_header;

/* What `weld_module` in a compiled module's shared object holds. */
typedef struct weld_module {
  uint32_t abi_version; /* WELD_ABI_VERSION */
  uint32_t vmctx_size;  /* bytes, including the header; 16-byte aligned */
  uint32_t num_imports;
  uint32_t num_exports;
  const weld_import *imports;
  const weld_export *exports;
  /* Fills the import slots from Imports (one pointer per import, in order:
   * weld_funcref *, weld_table *, weld_memory *, weld_global *), creates
   * the defined tables, memories and globals, applies the element and data
   * segments and runs the start function. Traps through weld_trap. The
   * runtime calls it on a zeroed vmctx whose header is filled in. */
  void (*init)(void *vmctx, void *const *imports);
} weld_module;

/*===-- Host API --------------------------------------------------------------===*/

typedef struct weld_instance weld_instance;

/* Checks that Imports (as for weld_module.init) match M's import types
 * (kinds, signatures, global types and mutability, table and memory limits).
 * Returns NULL when they do, else a message such as
 * "incompatible import type" naming the import. */
const char *weld_link_check(const weld_module *M, void *const *Imports);

/* Instantiates M in S (after weld_link_check passed). On success returns
 * WELD_TRAP_NONE and sets *Out. When a segment or the start function traps
 * it returns the trap; the partly initialised instance stays alive in S
 * (tables it wrote may refer to its functions) and *Out is still set. */
weld_trap_kind weld_instantiate(weld_store *S, const weld_module *M,
                                void *const *Imports, weld_instance **Out);

/* The instance context of I. */
void *weld_instance_vmctx(weld_instance *I);
/* The object of export Index of I's module (see weld_export). */
void *weld_instance_export(weld_instance *I, uint32_t Index);
/* The index of the export named Name (NUL-terminated), or -1. */
int32_t weld_instance_find_export(weld_instance *I, const char *Name);
/* The same for a name of Len bytes, which may contain NUL bytes. */
int32_t weld_instance_find_export_n(weld_instance *I, const char *Name,
                                    size_t Len);

/* Calls F (whose array_call must be set) under a trap guard of S: arguments
 * in Values[0..n), results written to Values[0..m). */
weld_trap_kind weld_call(weld_store *S, const weld_funcref *F,
                         weld_value *Values);

/* Host-created objects owned by S (for example the spectest module's). */
weld_memory *weld_store_new_memory(weld_store *S, uint64_t MinPages,
                                   uint64_t MaxPages);
weld_table *weld_store_new_table(weld_store *S, uint8_t ElemType,
                                 uint64_t Min, uint64_t Max);

/* Stack space a guest may use below the host's entry point (bytes); the
 * runtime also stays clear of the thread's real stack end. */
#define WELD_DEFAULT_STACK_BUDGET (4u << 20)

/*===-- Builtins called by compiled code ------------------------------------===*/

/* weld_trap never returns (declared first so the attribute sticks). */
__attribute__((noreturn)) void weld_trap(void *Vmctx, int32_t Kind);
#define WELD_BUILTIN(Name, Signature, CReturn, CParams) CReturn Name CParams;
#include "weld/builtins.def"

#ifdef __cplusplus
}
#endif

#endif /* WELD_RUNTIME_H */
