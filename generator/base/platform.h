/* platform.h - everything meetlat does differently on Linux (POSIX) and on Windows, in one
 * place. Paths are UTF-8 on both; on Windows they go to the wide-character (UTF-16) API, so a
 * folder such as C:\Users\Jörg\Documenten works whatever the code page. Both '/' and '\' (and
 * a drive letter) are understood on Windows; meetlat itself joins with '/', which Windows
 * accepts.
 *
 * The output swap differs most. Linux exchanges the new and the old folder in one atomic step
 * (renameat2 with RENAME_EXCHANGE). Windows has no such call, so plat_swap moves the old folder
 * aside (<output>.tmp-XXXXXX.oud), then the new one into place, and moves the old one back if
 * the second step fails; plat_swap_recover, run by the next build under the lock, moves an old
 * output back when a build died between the two steps. A swap never deletes anything: removing
 * the old folder (by its manifest) is the caller's job, after the swap, as on Linux. */
#ifndef MEETLAT_PLATFORM_H
#define MEETLAT_PLATFORM_H

#include <stddef.h>
#include <stdio.h>

#ifdef _WIN32
#define PLAT_WINDOWS 1
#else
#define PLAT_WINDOWS 0
#endif

/* printf-style format checking. On Windows meetlat and its libraries use MinGW's C99 printf
 * (__USE_MINGW_ANSI_STDIO, Makefile), whose format checks GCC calls gnu_printf. */
#ifdef __MINGW_PRINTF_FORMAT
#define PRINTF_LIKE(f, a) __attribute__((format(__MINGW_PRINTF_FORMAT, f, a)))
#else
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#endif

#ifdef _WIN32
/* glibc's memmem (_GNU_SOURCE), which MinGW's C library lacks: the same, in platform.c */
void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen);
#endif

/* Once, first thing in main: on Windows the arguments become UTF-8 (from the wide command
 * line) and the console shows UTF-8. */
void plat_init(int *argc, char ***argv);
/* Give memory the program freed back to the system (glibc keeps it otherwise: plat_init lets its
 * heaps grow in large steps); where the reading is done and the renderers start. */
void plat_release_memory(void);

/* Fault injection for the tests: in a build with MEETLAT_FAULTS (the sanitizer build of make
 * test, and the test build of meetlat.exe), whether MEETLAT_FOUT names this step, so that
 * paths a real disk rarely takes are tested. Always 0 otherwise. */
int plat_fault(const char *point);

/* What a path is. plat_lkind does not follow a final symbolic link (or, on Windows, a
 * junction or other name-surrogate reparse point): such a link is PLAT_LINK. FIFOs, sockets
 * and devices are PLAT_OTHER. The size of a file is stored in *size when size is not NULL. */
typedef enum { PLAT_NONE, PLAT_FILE, PLAT_DIR, PLAT_LINK, PLAT_OTHER } plat_kind;
plat_kind plat_lkind(const char *path, long long *size);
/* What the system records about a file that changes whenever its contents do: render/output.c
 * keeps it beside each hash, as git's index does, so that an unchanged file is not read again.
 * Linux: size, modification and status-change time in nanoseconds, inode and device. Windows:
 * size, last-write and change time (100 ns units), file index and volume serial number. Two
 * records are equal only when every field is; `known` is 0 when the system gave no full
 * record (the file is then always read). */
typedef struct {
	long long size, mtime, ctime;
	unsigned long long ino, dev;
	int known;
} plat_stat;
/* plat_lkind with that record (zeroed unless the path is a regular file). */
plat_kind plat_lstat(const char *path, plat_stat *st);
/* The same, following links (a link is what it points to; a dangling one is PLAT_NONE). */
plat_kind plat_kind_of(const char *path, long long *size);
/* Can the file be read (access R_OK)? */
int plat_readable(const char *path);

/* fopen with a UTF-8 path; modes as fopen ("rb", "wb": always binary). */
FILE *plat_fopen(const char *path, const char *mode);
/* Open a regular file for reading, checking what it is before a byte is read and without ever
 * waiting: a FIFO (Linux) is opened without blocking, a device (/dev/zero; NUL or CON on
 * Windows) or a folder is refused. Returns the file with its size in *size, or NULL with
 * errno EISDIR (a folder), ENODEV (a FIFO, device or socket) or what opening said. */
FILE *plat_fopen_regular(const char *path, long long *size);

/* Whether two open files are one and the same file (device and inode; on Windows volume serial
 * number and file index): 1, 0, or -1 when the system cannot tell. */
int plat_same_file(FILE *a, FILE *b);

/* fseek and ftell with 64-bit offsets on both systems (a workbook may pass 2 GB, and long has
 * 32 bits on Windows). plat_fseek: 0, or -1 with errno set; plat_ftell: the offset, or -1. */
int plat_fseek(FILE *f, long long offset, int whence);
long long plat_ftell(FILE *f);

/* A file only ever appended to (the journal of an unfinished build, render/output.c): made
 * new (fails with EEXIST when it exists), every plat_append one write at its end. The
 * descriptor is never 0, so that a zeroed struct can mean "not open". -1 with errno set. */
int plat_append_open(const char *path);
/* 0 when all `len` bytes were written, else -1 with errno set (EIO for a short write). */
int plat_append(int fd, const void *data, size_t len);
void plat_append_close(int fd);

int plat_mkdir(const char *path); /* mode 0755 on Linux; 0 or -1 with errno (EEXIST too) */
int plat_unlink(const char *path);
int plat_rmdir(const char *path); /* ENOTEMPTY when the folder is not empty */
/* Move the file `from` to `to`, which must not exist yet (a file that appeared meanwhile is
 * never replaced); `from` is gone afterwards. 0, or -1 with errno (EEXIST when `to` exists). */
int plat_move_new(const char *from, const char *to);
/* A second name `to` (which must not exist) for the file `from`: a hard link, so both names
 * are one file. 0, or -1 with errno (also where the file system has no links: FAT, some
 * network shares; the caller then writes the file instead). */
int plat_link(const char *from, const char *to);
/* Rename a file or folder to a name that does not exist (on Windows never over an entry). */
int plat_rename(const char *from, const char *to);

/* Every entry of a folder but "." and "..", sorted by byte value (the same on every machine).
 * Returns the count, or -1 with errno set; free with free_names (base/util.h). */
long plat_list(const char *dir, char ***names);

/* Make a new folder "<prefix>XXXXXX" (six random characters), mode 0755; returns its path
 * (caller frees), or NULL with errno set. */
char *plat_mkdtemp(const char *prefix);

/* Paths. plat_split gives the folder a path lies in and its last part (POSIX dirname and
 * basename; on Windows with both separators and drive letters); both are new strings. */
void plat_split(const char *path, char **parent, char **base);
/* Drop trailing separators, keeping "/" and "C:\". */
void plat_trim_separators(char *path);
/* The absolute path with "." and ".." resolved (caller frees), or NULL with errno set. */
char *plat_realpath(const char *path);
/* Is the path the root of a disk or share ("/"; on Windows also "C:\", "\\server\share")? */
int plat_is_root(const char *path);
/* Does the path name a place on its own (Linux: starts with '/'; Windows also "C:\", "C:/",
 * "\\server\share")? */
int plat_is_absolute(const char *path);
/* Where the installed themes are (caller frees): on Windows the folder meetlat.exe is in (the
 * zip is unpacked anywhere), elsewhere `configured` (MEETLAT_DATADIR, set by the Makefile). */
char *plat_install_dir(const char *configured);

/* A lock that lets builds into one folder take turns. Linux: flock on the folder itself, no
 * file left behind. Windows: LockFileEx on a hidden file PLAT_LOCK_NAME in the folder, removed
 * again by the last build that used it. Waits while another build holds it; released when
 * the process ends, however it ends. Returns 0 with *lock set; 1 when `dir` is the folder
 * `other` (a lock of this process, or NULL) holds already, so it is not locked twice (which
 * would wait for itself); -1 with errno set when the folder cannot be opened, -2 when it
 * cannot be locked. */
#define PLAT_LOCK_NAME ".meetlat-slot"
typedef struct plat_lock plat_lock;
int plat_lock_dir(const char *dir, const plat_lock *other, plat_lock **lock);
void plat_unlock(plat_lock *lock); /* NULL-safe */

/* Put folder `fresh` in the place of the existing folder `place`. Afterwards `place` holds
 * the new output and *aside (caller frees) names the folder that holds the previous one: on
 * Linux that is `fresh` itself (one atomic exchange); on Windows <fresh>.oud. 0; or -1 with
 * errno set and nothing changed (*aside NULL); or, on Windows only, -2 with errno set when the
 * second move failed and so did moving the previous output back: it is in *aside, the new one
 * still in `fresh`, and `place` is missing (plat_swap_recover puts it back). */
int plat_swap(const char *fresh, const char *place, char **aside);
/* Undo plat_swap: the previous output back in `place`, the new one in `fresh`; 0. Else -1 with
 * errno set, and *new_at says where the new output is: `place` (nothing changed, the previous
 * output is still in `aside`) or, on Windows when even putting it back failed, `fresh`. */
int plat_unswap(const char *fresh, const char *place, const char *aside, const char **new_at);
/* Windows: if `place` is missing while a folder <place>.tmp-*.oud exists that `ours` accepts
 * (a previous output: the caller checks its manifest), a build died in the middle of
 * plat_swap: move that folder back. Returns 1 when it did, else 0. Linux: 0. */
int plat_swap_recover(const char *place, int (*ours)(const char *dir));

/* A message for errno after a failed swap or move that says what to do, or NULL. On Windows
 * a file that is open in another program (the report in a PDF reader, the workbook in Excel)
 * keeps its folder from being moved. */
const char *plat_busy_hint(int err);

/* A monotonic clock in seconds, for timing steps (never for anything an output shows). */
double plat_seconds(void);

/* Threads, for the renderers (POSIX threads; on Windows mingw-w64's winpthreads, linked in).
 * plat_thread_start runs fn(arg) on a thread of its own and returns 0, or -1 when no thread
 * could be made (then nothing ran: the caller runs fn itself), and always with MEETLAT_SERIEEL
 * set: then the whole build runs on one thread, which the tests compare with the threaded
 * one. plat_thread_join waits for it
 * and frees it. A mutex from plat_mutex_new (NULL when none could be made); lock and unlock
 * do nothing with NULL. */
typedef struct plat_thread plat_thread;
int plat_thread_start(plat_thread **t, void (*fn)(void *), void *arg);
void plat_thread_join(plat_thread *t);
typedef struct plat_mutex plat_mutex;
plat_mutex *plat_mutex_new(void);
/* For threads sharing n items: the index of the next one no thread took yet (counted in
 * *next under m), or n when all are taken. */
size_t plat_take(plat_mutex *m, size_t *next, size_t n);
void plat_mutex_lock(plat_mutex *m);
void plat_mutex_unlock(plat_mutex *m);
void plat_mutex_free(plat_mutex *m); /* NULL-safe */

#endif
