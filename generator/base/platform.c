/* platform.c - see platform.h. The POSIX half first, then the Windows half. */
#ifdef _WIN32
#define _CRT_RAND_S /* rand_s, for the names of temporary folders; before any C header */
#endif
#include "base/platform.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#ifdef MEETLAT_FAULTS
int plat_fault(const char *point)
{
	const char *f = getenv("MEETLAT_FOUT");
	return f && strstr(f, point) != NULL;
}
#else
int plat_fault(const char *point)
{
	(void)point;
	return 0;
}
#endif

/* --- threads (POSIX threads on both systems) ---------------------------------------------- */

struct plat_thread {
	pthread_t id;
	void (*fn)(void *);
	void *arg;
};

struct plat_mutex {
	pthread_mutex_t m;
};

static void *thread_main(void *p)
{
	plat_thread *t = p;
	t->fn(t->arg);
	return NULL;
}

size_t plat_take(plat_mutex *m, size_t *next, size_t n)
{
	plat_mutex_lock(m);
	size_t i = *next < n ? (*next)++ : n;
	plat_mutex_unlock(m);
	return i;
}

int plat_thread_start(plat_thread **t, void (*fn)(void *), void *arg)
{
	const char *serial = getenv("MEETLAT_SERIEEL");
	if (serial && *serial) {
		*t = NULL;
		return -1;
	}
	*t = xmalloc(sizeof **t);
	(*t)->fn = fn;
	(*t)->arg = arg;
	if (pthread_create(&(*t)->id, NULL, thread_main, *t) != 0) {
		free(*t);
		*t = NULL;
		return -1;
	}
	return 0;
}

void plat_thread_join(plat_thread *t)
{
	if (!t)
		return;
	pthread_join(t->id, NULL);
	free(t);
}

plat_mutex *plat_mutex_new(void)
{
	plat_mutex *m = xmalloc(sizeof *m);
	if (pthread_mutex_init(&m->m, NULL) != 0) {
		free(m);
		return NULL;
	}
	return m;
}

void plat_mutex_lock(plat_mutex *m)
{
	if (m)
		pthread_mutex_lock(&m->m);
}

void plat_mutex_unlock(plat_mutex *m)
{
	if (m)
		pthread_mutex_unlock(&m->m);
}

void plat_mutex_free(plat_mutex *m)
{
	if (!m)
		return;
	pthread_mutex_destroy(&m->m);
	free(m);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_names(char **names, size_t n)
{
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_name);
}

#ifndef _WIN32
/* ---------------------------------------------------------------- Linux and other POSIX */

#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void plat_init(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
#ifdef __GLIBC__
	/* glibc grows a thread's heap a page or so at a time, one mprotect call each (about 6.900
	 * per build of 1.000 team pages, 3% of its time); with this padding a thread's heap is
	 * made whole (64 MiB, the most glibc gives one) and the main heap grows in steps of that
	 * size. Only address space is reserved: pages still come when they are first used. */
	mallopt(M_TOP_PAD, 64 << 20);
#endif
}

void plat_release_memory(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

static plat_kind kind(const struct stat *st, long long *size)
{
	if (size)
		*size = (long long)st->st_size;
	return S_ISREG(st->st_mode)   ? PLAT_FILE
	       : S_ISDIR(st->st_mode) ? PLAT_DIR
	       : S_ISLNK(st->st_mode) ? PLAT_LINK
	                              : PLAT_OTHER;
}

plat_kind plat_lkind(const char *path, long long *size)
{
	struct stat st;
	return lstat(path, &st) != 0 ? PLAT_NONE : kind(&st, size);
}

plat_kind plat_kind_of(const char *path, long long *size)
{
	struct stat st;
	return stat(path, &st) != 0 ? PLAT_NONE : kind(&st, size);
}

plat_kind plat_lstat(const char *path, plat_stat *out)
{
	struct stat st;
	memset(out, 0, sizeof *out);
	if (lstat(path, &st) != 0)
		return PLAT_NONE;
	plat_kind k = kind(&st, &out->size);
	if (k == PLAT_FILE) {
		out->mtime = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
		out->ctime = (long long)st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec;
		out->ino = (unsigned long long)st.st_ino;
		out->dev = (unsigned long long)st.st_dev;
		out->known = 1;
	}
	return k;
}

int plat_readable(const char *path)
{
	return access(path, R_OK) == 0;
}

FILE *plat_fopen(const char *path, const char *mode)
{
	return fopen(path, mode);
}

int plat_same_file(FILE *a, FILE *b)
{
	struct stat x, y;
	if (fstat(fileno(a), &x) != 0 || fstat(fileno(b), &y) != 0)
		return -1;
	return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

FILE *plat_fopen_regular(const char *path, long long *size)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked before a
	 * byte is read */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : ENODEV;
		return NULL;
	}
	*size = (long long)st.st_size;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return f;
}

int plat_fseek(FILE *f, long long offset, int whence)
{
	if ((long long)(off_t)offset != offset) {
		errno = EOVERFLOW;
		return -1;
	}
	return fseeko(f, (off_t)offset, whence);
}

long long plat_ftell(FILE *f)
{
	return (long long)ftello(f);
}

int plat_append_open(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
	if (fd == 0) {
		/* stdin was closed: move it, 0 means "not open" to the caller */
		int moved = fcntl(0, F_DUPFD_CLOEXEC, 3);
		close(0);
		fd = moved;
	}
	return fd;
}

int plat_append(int fd, const void *data, size_t len)
{
	ssize_t n = write(fd, data, len);
	if (n != (ssize_t)len) {
		if (n >= 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

void plat_append_close(int fd)
{
	close(fd);
}

int plat_mkdir(const char *path)
{
	return mkdir(path, 0755);
}

int plat_unlink(const char *path)
{
	return unlink(path);
}

int plat_rmdir(const char *path)
{
	return rmdir(path);
}

int plat_move_new(const char *from, const char *to)
{
	/* link() never replaces a file */
	if (link(from, to) != 0)
		return -1;
	unlink(from);
	return 0;
}

int plat_link(const char *from, const char *to)
{
	return link(from, to);
}

int plat_rename(const char *from, const char *to)
{
	return rename(from, to);
}

long plat_list(const char *dir, char ***names)
{
	*names = NULL;
	DIR *dh = opendir(dir);
	if (!dh)
		return -1;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		*names = xgrow(*names, &cap, n, sizeof **names);
		(*names)[n++] = xstrdup(de->d_name);
	}
	closedir(dh);
	sort_names(*names, n);
	return (long)n;
}

char *plat_mkdtemp(const char *prefix)
{
	char *t = xasprintf("%sXXXXXX", prefix);
	if (!mkdtemp(t)) {
		int e = errno;
		free(t);
		errno = e;
		return NULL;
	}
	chmod(t, 0755);
	return t;
}

void plat_split(const char *path, char **parent, char **base)
{
	/* dirname and basename may change their argument */
	char *a = xstrdup(path), *b = xstrdup(path);
	*parent = xstrdup(dirname(a));
	*base = xstrdup(basename(b));
	free(a);
	free(b);
}

void plat_trim_separators(char *path)
{
	size_t l = strlen(path);
	while (l > 1 && path[l - 1] == '/')
		path[--l] = '\0';
}

char *plat_realpath(const char *path)
{
	char *real = realpath(path, NULL);
	if (!real)
		return NULL;
	char *copy = xstrdup(real); /* freed with free() like every other string */
	free(real);
	return copy;
}

int plat_is_root(const char *path)
{
	return !strcmp(path, "/");
}

int plat_is_absolute(const char *path)
{
	return path[0] == '/';
}

char *plat_install_dir(const char *configured)
{
	return xstrdup(configured);
}

struct plat_lock {
	int fd;
};

int plat_lock_dir(const char *dir, const plat_lock *other, plat_lock **lock)
{
	*lock = NULL;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (other) {
		struct stat a, b;
		if (fstat(fd, &a) != 0 || fstat(other->fd, &b) != 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			close(fd);
			return 1;
		}
	}
	if (flock(fd, LOCK_EX) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -2;
	}
	*lock = xmalloc(sizeof **lock);
	(*lock)->fd = fd;
	return 0;
}

void plat_unlock(plat_lock *lock)
{
	if (!lock)
		return;
	close(lock->fd);
	free(lock);
}

int plat_swap(const char *fresh, const char *place, char **aside)
{
	*aside = NULL;
	if (renameat2(AT_FDCWD, fresh, AT_FDCWD, place, RENAME_EXCHANGE) != 0)
		return -1;
	*aside = xstrdup(fresh);
	return 0;
}

int plat_unswap(const char *fresh, const char *place, const char *aside, const char **new_at)
{
	(void)aside;
	*new_at = place;
	return renameat2(AT_FDCWD, fresh, AT_FDCWD, place, RENAME_EXCHANGE);
}

int plat_swap_recover(const char *place, int (*ours)(const char *dir))
{
	(void)place;
	(void)ours;
	return 0;
}

const char *plat_busy_hint(int err)
{
	(void)err;
	return NULL;
}

double plat_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#else
/* ---------------------------------------------------------------- Windows */

#include <fcntl.h>
#include <io.h>
#include <windows.h>

#include <shellapi.h>

/* UTF-8 <-> UTF-16. A path that is not valid UTF-8 is refused (EILSEQ). */
static wchar_t *wide(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	if (n <= 0)
		return NULL;
	wchar_t *w = xmalloc((size_t)n * sizeof *w);
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
	return w;
}

static char *narrow(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	if (n <= 0)
		return xstrdup("");
	char *s = xmalloc((size_t)n);
	WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
	return s;
}

/* errno for a Windows error */
static int win_errno_of(DWORD err)
{
	switch (err) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_NAME:
	case ERROR_BAD_NETPATH:
		return ENOENT;
	case ERROR_ALREADY_EXISTS:
	case ERROR_FILE_EXISTS:
		return EEXIST;
	case ERROR_ACCESS_DENIED:
	case ERROR_WRITE_PROTECT:
		return EACCES;
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
		return EBUSY;
	case ERROR_DIR_NOT_EMPTY:
		return ENOTEMPTY;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		return ENOSPC;
	case ERROR_NOT_SAME_DEVICE:
		return EXDEV;
	case ERROR_DIRECTORY:
		return ENOTDIR;
	default:
		return EIO;
	}
}

static int win_errno(void)
{
	return win_errno_of(GetLastError());
}

static int fail(void)
{
	errno = win_errno();
	return -1;
}

#define WIDE_OR(w, path, ret)          \
	wchar_t *w = wide(path);             \
	if (!w) {                            \
		errno = EILSEQ;                    \
		return ret;                        \
	}

static UINT console_cp;

static void restore_console(void)
{
	SetConsoleOutputCP(console_cp);
}

void plat_release_memory(void)
{
}

void plat_init(int *argc, char ***argv)
{
	/* messages are UTF-8: the console shows them as such while meetlat runs, and gets its own
	 * code page back when meetlat ends (returning from main) */
	console_cp = GetConsoleOutputCP();
	if (console_cp && console_cp != CP_UTF8 && SetConsoleOutputCP(CP_UTF8))
		atexit(restore_console);
	int n;
	wchar_t **wargv = CommandLineToArgvW(GetCommandLineW(), &n);
	if (!wargv)
		return;
	char **a = xcalloc((size_t)n + 1, sizeof *a);
	for (int i = 0; i < n; i++)
		a[i] = narrow(wargv[i]);
	LocalFree(wargv);
	/* kept for the whole run, like the argv it replaces */
	*argc = n;
	*argv = a;
}

/* A name Windows keeps for a device (NUL, CON, COM1, ...; before Windows 11 also "con.md") is
 * that device in every folder: its full path is \\.\NAME. Such a path is never opened as a
 * file (a console would wait for its keyboard). */
static int is_device(const wchar_t *w)
{
	wchar_t full[16];
	DWORD n = GetFullPathNameW(w, sizeof full / sizeof *full, full, NULL);
	return n > 0 && n < sizeof full / sizeof *full && !wcsncmp(full, L"\\\\.\\", 4);
}

/* A reparse point is a link only when it stands for another name (a symbolic link, a
 * junction): OneDrive's and other cloud or deduplicated files are reparse points too, and
 * are ordinary files and folders for meetlat. */
static int is_link(const wchar_t *w)
{
	WIN32_FIND_DATAW fd;
	HANDLE h = FindFirstFileExW(w, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
	if (h == INVALID_HANDLE_VALUE)
		return 1;
	FindClose(h);
	return !(fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) ? 0 : IsReparseTagNameSurrogate(fd.dwReserved0);
}

static plat_kind wkind(const char *path, long long *size, int follow)
{
	WIDE_OR(w, path, PLAT_NONE);
	WIN32_FILE_ATTRIBUTE_DATA a;
	plat_kind k = PLAT_NONE;
	if (is_device(w)) {
		k = PLAT_OTHER;
		if (size)
			*size = 0;
	} else if (GetFileAttributesExW(w, GetFileExInfoStandard, &a)) {
		DWORD attr = a.dwFileAttributes;
		if ((attr & FILE_ATTRIBUTE_REPARSE_POINT) && is_link(w)) {
			/* followed, a link is what it points to, which must exist: CreateFile follows it */
			k = PLAT_LINK;
			if (follow) {
				HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
				                       FILE_FLAG_BACKUP_SEMANTICS, NULL);
				BY_HANDLE_FILE_INFORMATION info;
				k = PLAT_NONE;
				if (h != INVALID_HANDLE_VALUE && GetFileInformationByHandle(h, &info)) {
					k = info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY ? PLAT_DIR : PLAT_FILE;
					a.nFileSizeHigh = info.nFileSizeHigh;
					a.nFileSizeLow = info.nFileSizeLow;
				}
				if (h != INVALID_HANDLE_VALUE)
					CloseHandle(h);
			}
		} else if (attr & FILE_ATTRIBUTE_DEVICE) {
			k = PLAT_OTHER;
		} else {
			k = attr & FILE_ATTRIBUTE_DIRECTORY ? PLAT_DIR : PLAT_FILE;
		}
		if (size)
			*size = ((long long)a.nFileSizeHigh << 32) | a.nFileSizeLow;
	} else {
		errno = win_errno();
	}
	free(w);
	return k;
}

plat_kind plat_lkind(const char *path, long long *size)
{
	return wkind(path, size, 0);
}

plat_kind plat_kind_of(const char *path, long long *size)
{
	return wkind(path, size, 1);
}

plat_kind plat_lstat(const char *path, plat_stat *out)
{
	memset(out, 0, sizeof *out);
	plat_kind k = wkind(path, &out->size, 0);
	if (k != PLAT_FILE)
		return k;
	/* the file index needs a handle; opening for attributes only never waits and shares
	 * everything. Without a full record the file is read, as before */
	wchar_t *w = wide(path);
	if (!w)
		return k;
	HANDLE h = CreateFileW(w, FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
	                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return k;
	BY_HANDLE_FILE_INFORMATION info;
	FILE_BASIC_INFO basic;
	if (GetFileInformationByHandle(h, &info) &&
	    GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic) &&
	    !(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
		out->size = ((long long)info.nFileSizeHigh << 32) | info.nFileSizeLow;
		out->mtime = (long long)(((unsigned long long)info.ftLastWriteTime.dwHighDateTime << 32) |
		                         info.ftLastWriteTime.dwLowDateTime);
		out->ctime = (long long)basic.ChangeTime.QuadPart;
		out->ino = ((unsigned long long)info.nFileIndexHigh << 32) | info.nFileIndexLow;
		out->dev = info.dwVolumeSerialNumber;
		out->known = 1;
	}
	CloseHandle(h);
	return k;
}

int plat_readable(const char *path)
{
	FILE *f = plat_fopen(path, "rb");
	if (!f)
		return 0;
	fclose(f);
	return 1;
}

FILE *plat_fopen(const char *path, const char *mode)
{
	WIDE_OR(w, path, NULL);
	wchar_t wm[8];
	size_t i = 0;
	for (; mode[i] && i < 6; i++)
		wm[i] = (wchar_t)mode[i];
	wm[i] = 0;
	FILE *f = _wfopen(w, wm);
	free(w);
	return f;
}

int plat_same_file(FILE *a, FILE *b)
{
	BY_HANDLE_FILE_INFORMATION x, y;
	HANDLE ha = (HANDLE)_get_osfhandle(_fileno(a)), hb = (HANDLE)_get_osfhandle(_fileno(b));
	if (ha == INVALID_HANDLE_VALUE || hb == INVALID_HANDLE_VALUE || !GetFileInformationByHandle(ha, &x) ||
	    !GetFileInformationByHandle(hb, &y))
		return -1;
	return x.dwVolumeSerialNumber == y.dwVolumeSerialNumber && x.nFileIndexHigh == y.nFileIndexHigh &&
	       x.nFileIndexLow == y.nFileIndexLow;
}

FILE *plat_fopen_regular(const char *path, long long *size)
{
	WIDE_OR(w, path, NULL);
	if (is_device(w)) {
		free(w);
		errno = ENODEV;
		return NULL;
	}
	/* FILE_FLAG_BACKUP_SEMANTICS opens a folder too, so it can be told apart; what is not a
	 * file on a disk (a pipe, another device) is refused once open. Opening never waits. */
	HANDLE h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
	                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		fail();
		return NULL;
	}
	BY_HANDLE_FILE_INFORMATION info;
	if (GetFileType(h) != FILE_TYPE_DISK || !GetFileInformationByHandle(h, &info)) {
		CloseHandle(h);
		errno = ENODEV;
		return NULL;
	}
	if (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
		CloseHandle(h);
		errno = EISDIR;
		return NULL;
	}
	*size = ((long long)info.nFileSizeHigh << 32) | info.nFileSizeLow;
	int fd = _open_osfhandle((intptr_t)h, _O_RDONLY);
	if (fd < 0) {
		CloseHandle(h);
		errno = EIO;
		return NULL;
	}
	FILE *f = _fdopen(fd, "rb");
	if (!f) {
		_close(fd);
		errno = EIO;
	}
	return f;
}

int plat_fseek(FILE *f, long long offset, int whence)
{
	return _fseeki64(f, offset, whence);
}

long long plat_ftell(FILE *f)
{
	return _ftelli64(f);
}

void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen)
{
	const unsigned char *h = haystack, *n = needle;
	if (nlen == 0)
		return (void *)h;
	for (size_t i = 0; nlen <= hlen && i <= hlen - nlen; i++)
		if (h[i] == n[0] && !memcmp(h + i, n, nlen))
			return (void *)(h + i);
	return NULL;
}

int plat_append_open(const char *path)
{
	WIDE_OR(w, path, -1);
	/* FILE_APPEND_DATA without FILE_WRITE_DATA: every write goes to the end, in one piece */
	HANDLE h = CreateFileW(w, FILE_APPEND_DATA | SYNCHRONIZE, FILE_SHARE_READ, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL,
	                       NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return fail();
	int fd = _open_osfhandle((intptr_t)h, _O_APPEND);
	if (fd < 0) {
		CloseHandle(h);
		errno = EIO;
		return -1;
	}
	if (fd == 0) {
		/* no stdin: 0 means "not open" to the caller */
		int moved = _dup(0);
		_close(0);
		fd = moved;
	}
	return fd;
}

int plat_append(int fd, const void *data, size_t len)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	DWORD n = 0;
	if (h == INVALID_HANDLE_VALUE || len > 0xFFFFFFFFu) {
		errno = EBADF;
		return -1;
	}
	if (!WriteFile(h, data, (DWORD)len, &n, NULL))
		return fail();
	if (n != len) {
		errno = EIO;
		return -1;
	}
	return 0;
}

void plat_append_close(int fd)
{
	_close(fd);
}

int plat_mkdir(const char *path)
{
	WIDE_OR(w, path, -1);
	BOOL ok = CreateDirectoryW(w, NULL);
	free(w);
	return ok ? 0 : fail();
}

int plat_unlink(const char *path)
{
	WIDE_OR(w, path, -1);
	BOOL ok = DeleteFileW(w);
	free(w);
	return ok ? 0 : fail();
}

int plat_rmdir(const char *path)
{
	WIDE_OR(w, path, -1);
	BOOL ok = RemoveDirectoryW(w);
	free(w);
	return ok ? 0 : fail();
}

/* A call on two paths: `link` 0 moves (MoveFileEx without MOVEFILE_REPLACE_EXISTING never
 * replaces what is there: it fails), 1 makes a hard link. */
static int two_paths(const char *from, const char *to, int link)
{
	WIDE_OR(wf, from, -1);
	wchar_t *wt = wide(to);
	if (!wt) {
		free(wf);
		errno = EILSEQ;
		return -1;
	}
	BOOL ok = link ? CreateHardLinkW(wt, wf, NULL) : MoveFileExW(wf, wt, MOVEFILE_WRITE_THROUGH);
	int e = ok ? 0 : win_errno();
	free(wf);
	free(wt);
	errno = e;
	return ok ? 0 : -1;
}

static int move(const char *from, const char *to)
{
	return two_paths(from, to, 0);
}

int plat_move_new(const char *from, const char *to)
{
	return move(from, to);
}

int plat_link(const char *from, const char *to)
{
	return two_paths(from, to, 1);
}

int plat_rename(const char *from, const char *to)
{
	return move(from, to);
}

long plat_list(const char *dir, char ***names)
{
	*names = NULL;
	char *pattern = path_join(dir, "*");
	wchar_t *w = wide(pattern);
	free(pattern);
	if (!w) {
		errno = EILSEQ;
		return -1;
	}
	WIN32_FIND_DATAW fd;
	HANDLE h = FindFirstFileExW(w, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		/* a drive's root has no "." and "..": empty, not missing */
		if (GetLastError() == ERROR_FILE_NOT_FOUND && plat_kind_of(dir, NULL) == PLAT_DIR)
			return 0;
		return fail();
	}
	size_t n = 0, cap = 0;
	do {
		if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
			continue;
		*names = xgrow(*names, &cap, n, sizeof **names);
		(*names)[n++] = narrow(fd.cFileName);
	} while (FindNextFileW(h, &fd));
	FindClose(h);
	sort_names(*names, n);
	return (long)n;
}

char *plat_mkdtemp(const char *prefix)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	for (int tries = 0; tries < 100; tries++) {
		char suffix[7];
		for (int i = 0; i < 6; i++) {
			unsigned int r = 0;
			if (rand_s(&r) != 0)
				r = (unsigned int)(GetTickCount() * 2654435761u + (unsigned)tries * 40503u + (unsigned)i);
			suffix[i] = set[r % (sizeof set - 1)];
		}
		suffix[6] = '\0';
		char *t = xasprintf("%s%s", prefix, suffix);
		if (plat_mkdir(t) == 0)
			return t;
		int e = errno;
		free(t);
		if (e != EEXIST) {
			errno = e;
			return NULL;
		}
	}
	errno = EEXIST;
	return NULL;
}

static int is_sep(char c)
{
	return c == '/' || c == '\\';
}

/* The length of the part of a path that names a disk or share: "C:\" 3, "C:" 2, "\" 1,
 * "\\server\share" up to its next separator, else 0. */
static size_t root_len(const char *p)
{
	if (is_sep(p[0]) && is_sep(p[1])) {
		size_t i = 2;
		while (p[i] && !is_sep(p[i]))
			i++;
		if (p[i])
			for (i++; p[i] && !is_sep(p[i]); i++)
				;
		return i;
	}
	if (((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':')
		return is_sep(p[2]) ? 3 : 2;
	return is_sep(p[0]) ? 1 : 0;
}

void plat_trim_separators(char *path)
{
	size_t l = strlen(path), keep = root_len(path);
	if (keep < 1)
		keep = 1;
	while (l > keep && is_sep(path[l - 1]))
		path[--l] = '\0';
}

void plat_split(const char *path, char **parent, char **base)
{
	char *p = xstrdup(path);
	plat_trim_separators(p);
	size_t r = root_len(p), l = strlen(p), i = l;
	if (l == 0 || l <= r) {
		/* "", or a root: its own folder and name, as dirname and basename say of "/" */
		*parent = xstrdup(l ? p : ".");
		*base = xstrdup(l ? p : ".");
		free(p);
		return;
	}
	while (i > r && !is_sep(p[i - 1]))
		i--;
	*base = xstrdup(p + i);
	if (i == r) {
		*parent = r ? xstrndup(p, r) : xstrdup(".");
	} else {
		size_t j = i - 1;
		while (j > r && is_sep(p[j - 1]))
			j--;
		*parent = xstrndup(p, j > 0 ? j : 1);
	}
	free(p);
}

char *plat_realpath(const char *path)
{
	WIDE_OR(w, path, NULL);
	/* resolves "." and ".." by the name, as Windows itself reads a path */
	DWORD n = GetFullPathNameW(w, 0, NULL, NULL);
	wchar_t *full = n ? xmalloc((size_t)n * sizeof *full) : NULL;
	if (!full || GetFullPathNameW(w, n, full, NULL) == 0) {
		free(w);
		free(full);
		errno = ENOENT;
		return NULL;
	}
	free(w);
	char *s = narrow(full);
	free(full);
	if (plat_lkind(s, NULL) == PLAT_NONE) {
		free(s);
		errno = ENOENT;
		return NULL;
	}
	return s;
}

int plat_is_root(const char *path)
{
	char *p = xstrdup(path);
	plat_trim_separators(p);
	size_t l = strlen(p);
	int root = l > 0 && l <= root_len(p);
	free(p);
	return root;
}

int plat_is_absolute(const char *path)
{
	if (is_sep(path[0]))
		return 1;
	return ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) && path[1] == ':' &&
	       is_sep(path[2]);
}

char *plat_install_dir(const char *configured)
{
	static wchar_t buf[32768];
	DWORD n = GetModuleFileNameW(NULL, buf, sizeof buf / sizeof *buf);
	if (n == 0 || n >= sizeof buf / sizeof *buf)
		return xstrdup(configured);
	while (n > 0 && buf[n - 1] != L'\\' && buf[n - 1] != L'/')
		n--;
	if (n > 1)
		n--; /* without the separator */
	buf[n] = 0;
	return narrow(buf);
}

struct plat_lock {
	HANDLE h;
	char *file;
};

int plat_lock_dir(const char *dir, const plat_lock *other, plat_lock **lock)
{
	*lock = NULL;
	char *file = path_join(dir, PLAT_LOCK_NAME);
	wchar_t *w = wide(file);
	if (!w) {
		free(file);
		errno = EILSEQ;
		return -1;
	}
	/* no FILE_SHARE_DELETE: while a build waits for the lock, the file stays. The last build
	 * out deletes it; for the moment it takes, opening it is refused: try again */
	HANDLE h = INVALID_HANDLE_VALUE;
	DWORD err = 0;
	for (int tries = 0; tries < 40 && h == INVALID_HANDLE_VALUE; tries++) {
		h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
		                FILE_ATTRIBUTE_HIDDEN, NULL);
		if (h == INVALID_HANDLE_VALUE && (err = GetLastError()) != ERROR_ACCESS_DENIED)
			break;
		if (h == INVALID_HANDLE_VALUE)
			Sleep(25);
	}
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		free(file);
		errno = win_errno_of(err);
		return -1;
	}
	if (other) {
		/* the same folder: the same lock file, by its volume and file index */
		BY_HANDLE_FILE_INFORMATION a, b;
		if (!GetFileInformationByHandle(h, &a) || !GetFileInformationByHandle(other->h, &b)) {
			int e = win_errno();
			CloseHandle(h);
			free(file);
			errno = e;
			return -1;
		}
		if (a.dwVolumeSerialNumber == b.dwVolumeSerialNumber && a.nFileIndexHigh == b.nFileIndexHigh &&
		    a.nFileIndexLow == b.nFileIndexLow) {
			CloseHandle(h);
			free(file);
			return 1;
		}
	}
	OVERLAPPED ov = {0};
	if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &ov)) {
		int e = win_errno();
		CloseHandle(h);
		free(file);
		errno = e;
		return -2;
	}
	*lock = xmalloc(sizeof **lock);
	(*lock)->h = h;
	(*lock)->file = file;
	return 0;
}

void plat_unlock(plat_lock *lock)
{
	if (!lock)
		return;
	OVERLAPPED ov = {0};
	UnlockFileEx(lock->h, 0, 1, 0, &ov);
	CloseHandle(lock->h);
	/* the last build out removes the file; while another one has it open, this fails */
	plat_unlink(lock->file);
	free(lock->file);
	free(lock);
}

int plat_swap(const char *fresh, const char *place, char **aside)
{
	*aside = xasprintf("%s.oud", fresh);
	if (move(place, *aside) != 0) {
		int e = errno;
		free(*aside);
		*aside = NULL;
		errno = e;
		return -1;
	}
	/* (MEETLAT_FOUT=halverwege: the second move fails, so the first is undone) */
	if (plat_fault("halverwege") ? (errno = EIO, -1) : move(fresh, place)) {
		int e = errno;
		if (move(*aside, place) != 0) {
			errno = e;
			return -2; /* the previous output stays aside; the next build moves it back */
		}
		free(*aside);
		*aside = NULL;
		errno = e;
		return -1;
	}
	return 0;
}

int plat_unswap(const char *fresh, const char *place, const char *aside, const char **new_at)
{
	*new_at = place;
	if (move(place, fresh) != 0)
		return -1;
	/* (MEETLAT_FOUT=ongedaan: the previous output cannot be moved back) */
	if (plat_fault("ongedaan") ? (errno = EIO, -1) : move(aside, place)) {
		int e = errno;
		/* the new output back in its place, so that the caller's message is true */
		if (move(fresh, place) != 0)
			*new_at = fresh;
		errno = e;
		return -1;
	}
	return 0;
}

int plat_swap_recover(const char *place, int (*ours)(const char *dir))
{
	if (plat_lkind(place, NULL) != PLAT_NONE)
		return 0;
	char *parent, *base;
	plat_split(place, &parent, &base);
	char *prefix = xasprintf("%s.tmp-", base);
	char **names;
	long n = plat_list(parent, &names);
	int done = 0;
	for (long i = 0; i < n && !done; i++) {
		if (strncmp(names[i], prefix, strlen(prefix)) != 0 || !str_ends(names[i], ".oud"))
			continue;
		char *p = path_join(parent, names[i]);
		if (plat_lkind(p, NULL) == PLAT_DIR && ours(p) && move(p, place) == 0)
			done = 1;
		free(p);
	}
	if (n >= 0)
		free_names(names, n);
	free(prefix);
	free(parent);
	free(base);
	return done;
}

const char *plat_busy_hint(int err)
{
	if (err == EACCES || err == EBUSY)
		return "staat er een bestand uit deze map open in een ander programma, zoals de PDF in een PDF-lezer of het "
		       "Excel-bestand in Excel? Sluit het en probeer het opnieuw";
	return NULL;
}

double plat_seconds(void)
{
	LARGE_INTEGER f, c;
	QueryPerformanceFrequency(&f);
	QueryPerformanceCounter(&c);
	return (double)c.QuadPart / (double)f.QuadPart;
}

#endif
