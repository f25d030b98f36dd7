// A JSON tokenizer and validator over a generated 512 KiB document:
// counts tokens by kind and sums numbers, n passes.
#include "kernel.h"
KERNEL_MEM_FUNCTIONS

#define CAP (512 * 1024)
static char doc[CAP + 64];
static int docLen;

static void put(const char *s) {
  while (*s && docLen < CAP)
    doc[docLen++] = *s++;
}
static void putNum(uint32_t v) {
  char tmp[12];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n && docLen < CAP)
    doc[docLen++] = tmp[--n];
}

static void makeDoc(void) {
  uint32_t seed = 4242;
  docLen = 0;
  put("[");
  for (int rec = 0; docLen < CAP - 256; ++rec) {
    if (rec)
      put(",");
    put("{\"id\":");
    putNum((uint32_t)rec);
    put(",\"name\":\"item\\u0041-");
    putNum(kernel_rand(&seed) % 100000);
    put("\",\"price\":");
    putNum(kernel_rand(&seed) % 10000);
    put(".");
    putNum(kernel_rand(&seed) % 100);
    put(",\"tags\":[\"a\",\"b\\n\",true,false,null],\"nested\":{\"x\":-");
    putNum(kernel_rand(&seed) % 1000);
    put("e2}}");
  }
  put("]");
}

typedef struct {
  uint64_t strings, numbers, literals, punct, numberSum;
} counts;

static int tokenize(counts *c) {
  int depth = 0;
  for (int i = 0; i < docLen;) {
    char ch = doc[i];
    switch (ch) {
    case ' ': case '\n': case '\t': case '\r':
      ++i;
      break;
    case '{': case '[':
      ++depth, ++c->punct, ++i;
      break;
    case '}': case ']':
      if (--depth < 0)
        return -1;
      ++c->punct, ++i;
      break;
    case ',': case ':':
      ++c->punct, ++i;
      break;
    case '"':
      ++i;
      while (i < docLen && doc[i] != '"') {
        if (doc[i] == '\\') {
          if (doc[i + 1] == 'u')
            i += 6;
          else
            i += 2;
        } else {
          ++i;
        }
      }
      if (i >= docLen)
        return -1;
      ++i, ++c->strings;
      break;
    case 't': case 'f': case 'n':
      i += ch == 'f' ? 5 : 4;
      ++c->literals;
      break;
    default: {
      if (ch != '-' && (ch < '0' || ch > '9'))
        return -1;
      uint64_t v = 0;
      if (ch == '-')
        ++i;
      while (i < docLen && ((doc[i] >= '0' && doc[i] <= '9') || doc[i] == '.' ||
                            doc[i] == 'e' || doc[i] == 'E' || doc[i] == '+')) {
        if (doc[i] >= '0' && doc[i] <= '9')
          v = v * 10 + (uint64_t)(doc[i] - '0');
        ++i;
      }
      c->numberSum += v;
      ++c->numbers;
    }
    }
  }
  return depth;
}

KERNEL_EXPORT uint64_t run(uint32_t n) {
  makeDoc();
  uint64_t sum = 0;
  for (uint32_t r = 0; r < n; ++r) {
    counts c = {0, 0, 0, 0, 0};
    doc[7] = (char)('0' + r % 10); // the first record's id: a digit
    if (tokenize(&c) != 0)
      return 0;
    sum += c.strings * 7 + c.numbers * 5 + c.literals * 3 + c.punct +
           c.numberSum;
  }
  return sum;
}
