// Works in the preopened directory given as argv[1]: reads input.txt,
// writes output.txt with its lines reversed, creates a subdirectory, lists
// the directory sorted, and removes a scratch file.
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: files DIR\n");
    return 2;
  }
  char path[512], line[256], *lines[64];
  int n = 0;
  snprintf(path, sizeof path, "%s/input.txt", argv[1]);
  FILE *in = fopen(path, "r");
  if (!in) {
    printf("open input: %s\n", strerror(errno));
    return 1;
  }
  while (n < 64 && fgets(line, sizeof line, in))
    lines[n++] = strdup(line);
  fclose(in);
  snprintf(path, sizeof path, "%s/output.txt", argv[1]);
  FILE *out = fopen(path, "w");
  for (int i = n - 1; i >= 0; --i)
    fputs(lines[i], out);
  fclose(out);
  snprintf(path, sizeof path, "%s/subdir", argv[1]);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/scratch.tmp", argv[1]);
  FILE *s = fopen(path, "w");
  fputs("x", s);
  fclose(s);
  unlink(path);
  struct stat st;
  snprintf(path, sizeof path, "%s/output.txt", argv[1]);
  stat(path, &st);
  printf("output.txt: %lld bytes\n", (long long)st.st_size);
  DIR *d = opendir(argv[1]);
  char *names[64];
  int m = 0;
  for (struct dirent *e; m < 64 && (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      names[m++] = strdup(e->d_name);
  closedir(d);
  qsort(names, m, sizeof *names, cmp);
  for (int i = 0; i < m; ++i)
    printf("entry: %s\n", names[i]);
  return 0;
}
