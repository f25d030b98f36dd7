//===- HostName.cpp - the names ip-name-lookup accepts --------------------===//
//
// `resolve-addresses` takes a domain name or an IP address in text. What
// counts as valid is what wasmtime accepts, since guests are written
// against it: the WHATWG URL host parser (percent-decoding, forbidden
// domain code points, IPv4 numbers in decimal, octal or hex with 1 to 4
// parts, IPv6 in brackets), plus bare IPv6 addresses. A name that fails
// is `invalid-argument` at once; a valid domain is resolved by
// getaddrinfo(3) and its failure reported by `resolve-next-address`.
//
// Not done: IDNA mapping of non-ASCII names (they go to the resolver as
// UTF-8, where they usually do not resolve).
//
//===----------------------------------------------------------------------===//

#include "Core.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

using namespace weld::wasi;

static int hexValue(char C) {
  if (C >= '0' && C <= '9')
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  if (C >= 'A' && C <= 'F')
    return C - 'A' + 10;
  return -1;
}

/// A forbidden domain code point of the URL standard (ASCII only: the
/// rest is IDNA's business).
static bool forbiddenInDomain(unsigned char C) {
  if (C <= 0x20 || C == 0x7F)
    return true;
  return strchr("#%/:<>?@[\\]^|", C) != nullptr;
}

/// One part of an IPv4 address in the URL standard: decimal, octal with a
/// leading 0 or hex with 0x. False when it is not a number.
static bool ipv4Number(const char *S, size_t Len, uint64_t *Out) {
  unsigned Radix = 10;
  if (Len >= 2 && S[0] == '0' && (S[1] == 'x' || S[1] == 'X')) {
    Radix = 16;
    S += 2;
    Len -= 2;
  } else if (Len >= 2 && S[0] == '0') {
    Radix = 8;
    S += 1;
    Len -= 1;
  }
  uint64_t V = 0;
  for (size_t I = 0; I < Len; ++I) {
    int D = hexValue(S[I]);
    if (D < 0 || unsigned(D) >= Radix)
      return false;
    V = V * Radix + unsigned(D);
    if (V > 0xFFFFFFFFull)
      V = 0x100000000ull; // too large either way; stop growing
  }
  *Out = V;
  return true;
}

/// The labels of Host, without one final empty label ("a.b." is "a.b").
static size_t labels(const char *Host, size_t Len, const char *Starts[5],
                     size_t Lens[5], bool *TooMany) {
  if (Len > 1 && Host[Len - 1] == '.')
    --Len;
  size_t N = 0;
  *TooMany = false;
  const char *P = Host, *End = Host + Len;
  while (true) {
    const char *Dot = static_cast<const char *>(memchr(P, '.', End - P));
    const char *E = Dot ? Dot : End;
    if (N == 5) {
      *TooMany = true;
      return N;
    }
    Starts[N] = P;
    Lens[N++] = size_t(E - P);
    if (!Dot)
      return N;
    P = Dot + 1;
  }
}

/// Whether the URL standard reads Host as an IPv4 address: its last label
/// is all digits or a hex number.
static bool endsInNumber(const char *Host, size_t Len) {
  if (Len > 1 && Host[Len - 1] == '.')
    --Len;
  const char *Dot = static_cast<const char *>(memrchr(Host, '.', Len));
  const char *Last = Dot ? Dot + 1 : Host;
  size_t LastLen = size_t(Host + Len - Last);
  if (LastLen == 0)
    return false;
  bool Digits = true;
  for (size_t I = 0; I < LastLen; ++I)
    Digits &= Last[I] >= '0' && Last[I] <= '9';
  if (Digits)
    return true;
  uint64_t V;
  return LastLen >= 2 && Last[0] == '0' && (Last[1] == 'x' || Last[1] == 'X') &&
         ipv4Number(Last, LastLen, &V);
}

/// The URL standard's IPv4 parser.
static bool parseIpv4(const char *Host, size_t Len, weld_wasi_ip_address *A) {
  const char *Starts[5];
  size_t Lens[5];
  bool TooMany;
  size_t N = labels(Host, Len, Starts, Lens, &TooMany);
  if (TooMany || N > 4)
    return false;
  uint64_t Parts[4];
  for (size_t I = 0; I < N; ++I)
    if (Lens[I] == 0 || !ipv4Number(Starts[I], Lens[I], &Parts[I]))
      return false;
  for (size_t I = 0; I + 1 < N; ++I)
    if (Parts[I] > 255)
      return false;
  if (Parts[N - 1] >= (1ull << (8 * (5 - N))))
    return false;
  uint64_t V = Parts[N - 1];
  for (size_t I = 0; I + 1 < N; ++I)
    V += Parts[I] << (8 * (3 - I));
  memset(A, 0, sizeof(*A));
  A->family = WELD_WASI_IPV4;
  for (int I = 0; I < 4; ++I)
    A->v4[I] = uint8_t(V >> (24 - 8 * I));
  return true;
}

static bool parseIpv6(const char *S, size_t Len, weld_wasi_ip_address *A) {
  char Buf[64];
  if (Len >= sizeof(Buf))
    return false;
  memcpy(Buf, S, Len);
  Buf[Len] = 0;
  uint8_t Bytes[16];
  if (inet_pton(AF_INET6, Buf, Bytes) != 1)
    return false;
  memset(A, 0, sizeof(*A));
  A->family = WELD_WASI_IPV6;
  for (int I = 0; I < 8; ++I)
    A->v6[I] = uint16_t(Bytes[2 * I] << 8 | Bytes[2 * I + 1]);
  return true;
}

Status weld::wasi::parseHostName(const char *Name, size_t Len,
                                 ParsedHost *Out) {
  Out->IsAddress = false;
  Out->Domain = nullptr;
  if (Len == 0)
    return WELD_WASI_NET_INVALID_ARGUMENT;
  if (Name[0] == '[') {
    if (Name[Len - 1] != ']' || !parseIpv6(Name + 1, Len - 2, &Out->Address))
      return WELD_WASI_NET_INVALID_ARGUMENT;
    Out->IsAddress = true;
    return Ok;
  }
  // Percent-decode, then refuse what a domain cannot hold.
  auto *D = static_cast<char *>(malloc(Len + 1));
  if (!D)
    return WELD_WASI_NET_OUT_OF_MEMORY;
  size_t N = 0;
  for (size_t I = 0; I < Len; ++I) {
    int Hi, Lo;
    if (Name[I] == '%' && I + 2 < Len &&
        (Hi = hexValue(Name[I + 1])) >= 0 &&
        (Lo = hexValue(Name[I + 2])) >= 0) {
      D[N++] = char(Hi << 4 | Lo);
      I += 2;
    } else {
      D[N++] = Name[I];
    }
  }
  D[N] = 0;
  bool Forbidden = N == 0;
  for (size_t I = 0; I < N && !Forbidden; ++I)
    Forbidden = forbiddenInDomain(static_cast<unsigned char>(D[I]));
  if (Forbidden) {
    free(D);
    // wasmtime takes a bare IPv6 address too (it has ':', so it lands here).
    if (parseIpv6(Name, Len, &Out->Address)) {
      Out->IsAddress = true;
      return Ok;
    }
    return WELD_WASI_NET_INVALID_ARGUMENT;
  }
  if (endsInNumber(D, N)) {
    bool Valid = parseIpv4(D, N, &Out->Address);
    free(D);
    if (!Valid)
      return WELD_WASI_NET_INVALID_ARGUMENT;
    Out->IsAddress = true;
    return Ok;
  }
  Out->Domain = D;
  return Ok;
}
