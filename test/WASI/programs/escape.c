// Tries to leave its sandbox: each path on the command line is opened for
// reading and the result (or the error) printed. Run with paths such as
// "../secret", "/etc/passwd" or a symlink that points out of the preopen.
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    FILE *f = fopen(argv[i], "r");
    if (!f) {
      printf("%s: refused: %s\n", argv[i], strerror(errno));
      continue;
    }
    char buf[64] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    printf("%s: read %zu bytes\n", argv[i], n);
  }
  return 0;
}
