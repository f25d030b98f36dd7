// Draws random bytes twice and checks they are not constant and differ.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  unsigned char a[32], b[32];
  if (getentropy(a, sizeof a) || getentropy(b, sizeof b)) {
    printf("getentropy failed\n");
    return 1;
  }
  int zeros = 0;
  for (int i = 0; i < 32; ++i)
    zeros += a[i] == 0;
  printf("random: %s\n", zeros < 32 && memcmp(a, b, 32) ? "ok" : "suspicious");
  return 0;
}
