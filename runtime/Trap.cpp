//===- Trap.cpp - traps, host entries and the memory fault handler --------===//
//
// A trap unwinds (siglongjmp) to the innermost host entry of the store the
// trapping instance belongs to; the entry returns the trap kind, so a trap
// never kills the host. Faults inside a registered memory reservation (the
// guard region of a linear memory) become out-of-bounds traps; every other
// fault goes to the handler installed before ours.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <atomic>
#include <new>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/auxv.h>
#include <sys/syscall.h>
#endif

using namespace weld::rt;

static const char *const Messages[] = {
#define WELD_TRAP(Name, Message) Message,
#include "weld/traps.def"
};

extern "C" const char *weld_trap_message(weld_trap_kind Kind) {
  if (Kind < 0 || Kind >= WELD_TRAP_COUNT)
    return "unknown trap";
  return Messages[Kind];
}

void weld::rt::trapInStore(weld_store *S, weld_trap_kind Kind) {
  weld_trap_frame *F = S ? S->trap_frame : nullptr;
  if (!F) {
    // Guest code ran outside any host entry: there is nobody to report to.
    fprintf(stderr, "weld: trap outside a host entry: %s\n",
            weld_trap_message(Kind));
    abort();
  }
  F->Kind = Kind;
  siglongjmp(F->Buf, 1);
}

extern "C" void weld_trap(void *Vmctx, int32_t Kind) {
  trapInStore(storeOf(Vmctx), static_cast<weld_trap_kind>(Kind));
}

//===-- Stack limit and alternate signal stack -----------------------------===//

/// Space kept free at the real end of the thread stack for runtime helpers,
/// host functions and the largest guest frame between two checks.
/// 1 MiB: a frame is allocated before the prologue's check runs, so the
/// margin must cover the largest frame (50,000 v128 locals at -O0 need
/// 800 KiB).
static constexpr uintptr_t StackMargin = 1024 * 1024;

/// The low end of the main thread's stack, or 0 when this is another
/// thread or the bounds are unknown. pthread_getattr_np finds it by reading
/// and parsing /proc/self/maps, about a tenth of a small command's start-up;
/// this asks nothing of the kernel but the limit. The kernel places the
/// executable's name (AT_EXECFN) just below the top of the main stack, and
/// the stack may grow to RLIMIT_STACK below that top, as glibc assumes.
static uintptr_t mainThreadStackLow(uintptr_t Sp) {
#ifdef __linux__
  if (getpid() != static_cast<pid_t>(syscall(SYS_gettid)))
    return 0;
  auto *Name = reinterpret_cast<const char *>(getauxval(AT_EXECFN));
  struct rlimit Limit;
  if (!Name || getrlimit(RLIMIT_STACK, &Limit) != 0 ||
      Limit.rlim_cur == RLIM_INFINITY)
    return 0;
  uintptr_t Page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  uintptr_t Top = reinterpret_cast<uintptr_t>(Name) + strlen(Name) + 1;
  Top = (Top + sizeof(void *) + Page - 1) & ~(Page - 1);
  // Sanity: the current frame lies on that stack.
  if (Sp >= Top || Top - Sp >= Limit.rlim_cur)
    return 0;
  return Top - Limit.rlim_cur;
#else
  (void)Sp;
  return 0;
#endif
}

static uintptr_t computeStackLimitUncached() {
  char Here;
  uintptr_t Sp = reinterpret_cast<uintptr_t>(&Here);
  uintptr_t Fallback = Sp > WELD_DEFAULT_STACK_BUDGET
                           ? Sp - WELD_DEFAULT_STACK_BUDGET
                           : 0;
  if (uintptr_t MainLow = mainThreadStackLow(Sp)) {
    uintptr_t Low = MainLow + StackMargin;
    return Low < Sp ? Low : Fallback;
  }
  pthread_attr_t Attr;
  if (pthread_getattr_np(pthread_self(), &Attr) != 0)
    return Fallback;
  void *Addr = nullptr;
  size_t Size = 0;
  int Err = pthread_attr_getstack(&Attr, &Addr, &Size);
  pthread_attr_destroy(&Attr);
  if (Err != 0 || !Addr)
    return Fallback;
  uintptr_t Low = reinterpret_cast<uintptr_t>(Addr) + StackMargin;
  // A stack smaller than the margin: leave the guest a little room anyway.
  return Low < Sp ? Low : Fallback;
}

/// The fault handler runs on an alternate stack so that it also works when
/// the fault is a stack overflow; each thread needs its own.
static void ensureAltStack() {
  static thread_local bool Done = false;
  if (Done)
    return;
  Done = true;
  stack_t Old;
  if (sigaltstack(nullptr, &Old) == 0 && !(Old.ss_flags & SS_DISABLE))
    return; // The host already has one; keep it.
  size_t Size = 64 * 1024;
  void *Mem = malloc(Size);
  if (!Mem)
    return;
  stack_t New;
  New.ss_sp = Mem;
  New.ss_size = Size;
  New.ss_flags = 0;
  sigaltstack(&New, nullptr); // intentionally never freed: the thread owns it
}

/// The limit is computed once per thread.
static uintptr_t computeStackLimit() {
  static thread_local uintptr_t Cached = 0;
  if (!Cached)
    Cached = computeStackLimitUncached();
  return Cached;
}

weld_trap_kind weld::rt::runGuarded(weld_store *S, void (*Fn)(void *),
                                    void *Arg) {
  ensureAltStack();
  weld_trap_frame Frame;
  Frame.Prev = S->trap_frame;
  Frame.Kind = WELD_TRAP_NONE;
  uintptr_t SavedLimit = S->stack_limit;
  if (S->depth == 0) {
    S->stack_limit = computeStackLimit();
    S->fault_memory = nullptr;
  }
  ++S->depth;
  S->trap_frame = &Frame;
  weld_trap_kind Result = WELD_TRAP_NONE;
  if (sigsetjmp(Frame.Buf, 0) == 0)
    Fn(Arg);
  else
    Result = static_cast<weld_trap_kind>(Frame.Kind);
  S->trap_frame = Frame.Prev;
  --S->depth;
  S->stack_limit = SavedLimit;
  return Result;
}

//===-- Reservation registry and fault handler -----------------------------===//

namespace {
/// One registered reservation. Read by the signal handler without locks:
/// writers publish Mem last and retract it first.
struct Slot {
  std::atomic<uintptr_t> Begin{0}, End{0};
  std::atomic<weld_memory *> Mem{nullptr};
};
/// Fixed-size chunks linked by an atomic pointer; never freed, so the
/// handler can walk them at any time.
struct Chunk {
  static constexpr unsigned Size = 1024;
  Slot Slots[Size];
  std::atomic<Chunk *> Next{nullptr};
};
} // namespace

static Chunk FirstChunk;
// pthread primitives rather than std::mutex: the runtime must not need the
// C++ standard library at link time.
static pthread_mutex_t RegistryLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t HandlerOnce = PTHREAD_ONCE_INIT;
static struct sigaction PrevSegv, PrevBus;

static weld_memory *findReservation(uintptr_t Addr) {
  for (Chunk *C = &FirstChunk; C; C = C->Next.load(std::memory_order_acquire))
    for (Slot &S : C->Slots) {
      weld_memory *M = S.Mem.load(std::memory_order_acquire);
      if (M && Addr >= S.Begin.load(std::memory_order_relaxed) &&
          Addr < S.End.load(std::memory_order_relaxed))
        return M;
    }
  return nullptr;
}

static void chainToPrevious(int Sig, siginfo_t *Info, void *Ctx) {
  struct sigaction *Prev = Sig == SIGBUS ? &PrevBus : &PrevSegv;
  if (Prev->sa_flags & SA_SIGINFO) {
    Prev->sa_sigaction(Sig, Info, Ctx);
    return;
  }
  if (Prev->sa_handler == SIG_DFL || Prev->sa_handler == SIG_IGN) {
    // Restore the default action; returning re-executes the faulting
    // instruction, which then terminates the process as it would have.
    signal(Sig, SIG_DFL);
    return;
  }
  Prev->sa_handler(Sig);
}

static void onFault(int Sig, siginfo_t *Info, void *Ctx) {
  uintptr_t Addr = reinterpret_cast<uintptr_t>(Info->si_addr);
  weld_memory *M = findReservation(Addr);
  if (M && M->store && M->store->trap_frame) {
    weld_store *S = M->store;
    S->fault_memory = M;
    S->fault_address = Addr - reinterpret_cast<uintptr_t>(M->base);
    S->fault_memory_size = M->size;
    trapInStore(S, WELD_TRAP_OUT_OF_BOUNDS_MEMORY);
  }
  chainToPrevious(Sig, Info, Ctx);
}

static void installHandler() {
  struct sigaction Act = {};
  Act.sa_sigaction = onFault;
  // SA_NODEFER: we leave the handler by siglongjmp without restoring the
  // signal mask, so the signal must not stay blocked.
  Act.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&Act.sa_mask);
  sigaction(SIGSEGV, &Act, &PrevSegv);
  sigaction(SIGBUS, &Act, &PrevBus);
}

bool weld::rt::registerReservation(uintptr_t Begin, uintptr_t End,
                                   weld_memory *Mem) {
  pthread_once(&HandlerOnce, installHandler);
  pthread_mutex_lock(&RegistryLock);
  Chunk *C = &FirstChunk;
  while (true) {
    for (Slot &S : C->Slots)
      if (!S.Mem.load(std::memory_order_relaxed)) {
        S.Begin.store(Begin, std::memory_order_relaxed);
        S.End.store(End, std::memory_order_relaxed);
        S.Mem.store(Mem, std::memory_order_release);
        pthread_mutex_unlock(&RegistryLock);
        return true;
      }
    Chunk *Next = C->Next.load(std::memory_order_relaxed);
    if (!Next) {
      void *Raw = calloc(1, sizeof(Chunk));
      if (!Raw) {
        pthread_mutex_unlock(&RegistryLock);
        return false;
      }
      Next = new (Raw) Chunk;
      C->Next.store(Next, std::memory_order_release);
    }
    C = Next;
  }
}

void weld::rt::unregisterReservation(weld_memory *Mem) {
  pthread_mutex_lock(&RegistryLock);
  for (Chunk *C = &FirstChunk; C; C = C->Next.load(std::memory_order_relaxed))
    for (Slot &S : C->Slots)
      if (S.Mem.load(std::memory_order_relaxed) == Mem)
        S.Mem.store(nullptr, std::memory_order_release);
  pthread_mutex_unlock(&RegistryLock);
}
