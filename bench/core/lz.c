// An LZ77-style compressor with a hash-chain match finder, and its
// decompressor, over 256 KiB of text-like data, n round trips.
#include "kernel.h"
KERNEL_MEM_FUNCTIONS

#define LEN (256 * 1024)
#define HASH_BITS 15
#define WINDOW 32768
static uint8_t input[LEN], packed[LEN + LEN / 8 + 16], output[LEN];
static int32_t head[1 << HASH_BITS], chain[LEN];

static void makeInput(void) {
  static const char *words[] = {"component", "module", "import", "export",
                                "memory",    "table",  "the",    "of",
                                "function",  "value",  "adapter", "lift"};
  uint32_t seed = 99;
  int pos = 0;
  while (pos < LEN) {
    const char *w = words[kernel_rand(&seed) % 12];
    while (*w && pos < LEN)
      input[pos++] = (uint8_t)*w++;
    if (pos < LEN)
      input[pos++] = (kernel_rand(&seed) % 7) ? ' ' : '\n';
  }
}

static inline uint32_t hash3(const uint8_t *p) {
  return ((p[0] << 16 | p[1] << 8 | p[2]) * 2654435761u) >> (32 - HASH_BITS);
}

// Format: a flag byte per 8 items; item = literal byte, or match
// (2 bytes: 12-bit distance-1, 4-bit length-3 → lengths 3..18).
static int compress(void) {
  for (int i = 0; i < (1 << HASH_BITS); ++i)
    head[i] = -1;
  int ip = 0, op = 0;
  while (ip < LEN) {
    int flagPos = op++;
    uint8_t flags = 0;
    for (int item = 0; item < 8 && ip < LEN; ++item) {
      int bestLen = 0, bestDist = 0;
      if (ip + 3 <= LEN) {
        uint32_t h = hash3(input + ip);
        int cand = head[h];
        for (int tries = 0; cand >= 0 && ip - cand <= 4096 && tries < 16;
             ++tries, cand = chain[cand]) {
          int l = 0;
          while (l < 18 && ip + l < LEN && input[cand + l] == input[ip + l])
            ++l;
          if (l > bestLen) {
            bestLen = l;
            bestDist = ip - cand;
          }
        }
        chain[ip] = head[h];
        head[h] = ip;
      }
      if (bestLen >= 3) {
        flags |= 1 << item;
        int code = (bestDist - 1) << 4 | (bestLen - 3);
        packed[op++] = (uint8_t)(code >> 8);
        packed[op++] = (uint8_t)code;
        for (int k = 1; k < bestLen; ++k)
          if (ip + k + 3 <= LEN) {
            uint32_t h = hash3(input + ip + k);
            chain[ip + k] = head[h];
            head[h] = ip + k;
          }
        ip += bestLen;
      } else {
        packed[op++] = input[ip++];
      }
    }
    packed[flagPos] = flags;
  }
  return op;
}

static int decompress(int size) {
  int ip = 0, op = 0;
  while (ip < size) {
    uint8_t flags = packed[ip++];
    for (int item = 0; item < 8 && ip < size; ++item) {
      if (flags & (1 << item)) {
        int code = packed[ip] << 8 | packed[ip + 1];
        ip += 2;
        int dist = (code >> 4) + 1, len = (code & 15) + 3;
        for (int k = 0; k < len; ++k, ++op)
          output[op] = output[op - dist];
      } else {
        output[op++] = packed[ip++];
      }
    }
  }
  return op;
}

KERNEL_EXPORT uint64_t run(uint32_t n) {
  makeInput();
  uint64_t sum = 0;
  for (uint32_t r = 0; r < n; ++r) {
    input[r % LEN] = (uint8_t)('a' + r % 26);
    int size = compress();
    int out = decompress(size);
    uint32_t h = 2166136261u;
    for (int i = 0; i < out; ++i)
      h = (h ^ output[i]) * 16777619u;
    sum += (uint64_t)size << 32 | h;
  }
  return sum;
}
