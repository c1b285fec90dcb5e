/* output.c - see output.h. */
#include "render/output.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/platform.h"
#include "base/util.h"

#define MANIFEST_HEAD "meetlat-uitvoer 1\n"

static out_file *unchanged_prev(const out_t *o, const char *rel, const void *data, size_t len, const char *path);
static int reuse(const out_t *o, out_file *f, const char *path);
static void restat(const char *path, plat_stat *rec);

static void record(out_t *o, const char *rel, long long size, const char *hash)
{
	o->files = xgrow(o->files, &o->cap, o->nfiles, sizeof *o->files);
	out_file *f = &o->files[o->nfiles++];
	f->rel = xstrdup(rel);
	f->size = size;
	memcpy(f->hash, hash, DIGEST_HEX);
	memset(&f->st, 0, sizeof f->st);
	f->linked = 0;
}

void out_error(out_t *o, const char *rel, const char *what, int err)
{
	char *shown = path_join(o->shown, rel);
	if (err)
		diag(o->d, DIAG_ERROR, shown, 0, 0, "%s (%s)", what, strerror(err));
	else
		diag(o->d, DIAG_ERROR, shown, 0, 0, "%s", what);
	free(shown);
}

static char *make_path(const out_t *o, const char *rel)
{
	return path_join(o->dir, rel);
}

int out_begin(out_t *o)
{
	char *path = make_path(o, OUT_JOURNAL);
	/* never 0, which means "not open" here (a zeroed out_t) */
	o->journal = plat_append_open(path);
	free(path);
	if (o->journal < 0)
		return -1;
	o->lock = plat_mutex_new();
	static const char head[] = "meetlat-bezig 1\n";
	if (plat_append(o->journal, head, sizeof head - 1) != 0) {
		int e = errno;
		out_end(o);
		errno = e ? e : EIO;
		return -1;
	}
	return 0;
}

void out_end(out_t *o)
{
	if (o->journal > 0 && !o->part)
		plat_append_close(o->journal);
	o->journal = -1;
}

void out_part(out_t *whole, out_t *part, diag_t *d)
{
	memset(part, 0, sizeof *part);
	part->dir = whole->dir;
	part->shown = whole->shown;
	part->d = d;
	part->journal = whole->journal;
	part->lock = whole->lock;
	part->prev = whole->prev;
	part->part = 1;
}

void out_join(out_t *whole, out_t *part)
{
	for (size_t i = 0; i < part->nfiles; i++) {
		whole->files = xgrow(whole->files, &whole->cap, whole->nfiles, sizeof *whole->files);
		whole->files[whole->nfiles++] = part->files[i];
	}
	free(part->files);
	part->files = NULL;
	part->nfiles = part->cap = 0;
	out_free(part);
}

/* Note an entry in the journal before it is made: one write of one whole line. */
static int journal(out_t *o, char kind, const char *rel)
{
	if (o->journal <= 0)
		return 0;
	char *line = xasprintf("%c %s\n", kind, rel);
	plat_mutex_lock(o->lock);
	int rv = plat_append(o->journal, line, strlen(line));
	int e = errno;
	plat_mutex_unlock(o->lock);
	free(line);
	errno = e;
	return rv;
}

char *out_path(out_t *o, const char *rel)
{
	if (journal(o, 'f', rel) != 0) {
		out_error(o, rel, "kan niet bijhouden wat meetlat maakt", errno);
		return NULL;
	}
	return make_path(o, rel);
}

/* MEETLAT_FOUT=schrijf:<name> fails the writing of that file (the tests' disk that fails). */
static int write_fault(const char *rel)
{
	if (!plat_fault("schrijf:"))
		return 0;
	char *point = xasprintf("schrijf:%s", rel);
	int f = plat_fault(point);
	free(point);
	return f;
}

int out_write(out_t *o, const char *rel, const void *data, size_t len)
{
	char *path = out_path(o, rel);
	if (!path)
		return -1;
	if (write_fault(rel)) {
		free(path);
		out_error(o, rel, "kan het bestand niet schrijven (testfout)", 0);
		return -1;
	}
	/* a file of the previous output with these very bytes has its hash in the manifest: the
	 * build need not compute it again (a comparison of bytes costs far less) */
	char hash[DIGEST_HEX];
	out_file *prev = unchanged_prev(o, rel, data, len, NULL);
	if (prev)
		memcpy(hash, prev->hash, DIGEST_HEX);
	else
		digest_bytes(data, len, hash);
	int linked = prev && reuse(o, prev, path) == 0, rv = 0;
	if (!linked) {
		/* a new file: never one that is a second name of the previous output's (a name made
		 * twice would otherwise write through it) */
		if (o->prev)
			plat_unlink(path);
		rv = write_file(path, data, len);
	}
	free(path);
	if (rv != 0) {
		out_error(o, rel, "kan het bestand niet schrijven", errno);
		return -1;
	}
	record(o, rel, (long long)len, hash);
	o->files[o->nfiles - 1].linked = linked;
	return 0;
}

int out_mkdir(out_t *o, const char *rel)
{
	if (journal(o, 'd', rel) != 0) {
		out_error(o, rel, "kan niet bijhouden wat meetlat maakt", errno);
		return -1;
	}
	char *path = make_path(o, rel);
	int rv = plat_mkdir(path) != 0 && errno != EEXIST ? -1 : 0;
	free(path);
	if (rv != 0)
		out_error(o, rel, "kan de map niet maken", errno);
	return rv;
}

int out_adopt(out_t *o, const char *rel)
{
	char *path = make_path(o, rel);
	char hash[DIGEST_HEX];
	long long size;
	out_file *prev = unchanged_prev(o, rel, NULL, 0, path);
	int rv = 0;
	if (prev) {
		memcpy(hash, prev->hash, DIGEST_HEX);
		size = prev->size;
	} else {
		rv = digest_file(path, hash, &size);
	}
	free(path);
	if (rv != 0) {
		out_error(o, rel, "het bestand is niet gemaakt", errno);
		return -1;
	}
	record(o, rel, size, hash);
	return 0;
}

long long out_size(const out_t *o, const char *rel)
{
	for (size_t i = 0; i < o->nfiles; i++)
		if (!strcmp(o->files[i].rel, rel))
			return o->files[i].size;
	return -1;
}

void out_free(out_t *o)
{
	out_end(o);
	for (size_t i = 0; i < o->nfiles; i++)
		free(o->files[i].rel);
	free(o->files);
	o->files = NULL;
	o->nfiles = o->cap = 0;
	if (!o->part)
		plat_mutex_free(o->lock);
	o->lock = NULL;
}

/* A number of the manifest or the index (fmt_ll, fmt_ull: 3.000 a build of 1.000 pages), and a
 * space: n[0..end) */
static void put_num(buf_t *b, const char *n, const char *end)
{
	buf_add(b, n, (size_t)(end - n));
	buf_putc(b, ' ');
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const out_file *)a)->rel, ((const out_file *)b)->rel);
}

int out_finish(out_t *o)
{
	out_file *sorted = xmalloc((o->nfiles ? o->nfiles : 1) * sizeof *sorted);
	memcpy(sorted, o->files, o->nfiles * sizeof *sorted);
	qsort(sorted, o->nfiles, sizeof *sorted, cmp_file);
	buf_t b = {0};
	buf_puts(&b, MANIFEST_HEAD);
	for (size_t i = 0; i < o->nfiles; i++) {
		buf_puts(&b, sorted[i].hash);
		buf_putc(&b, ' ');
		char n[24];
		put_num(&b, n, fmt_ll(n, sorted[i].size));
		buf_puts(&b, sorted[i].rel);
		buf_putc(&b, '\n');
	}
	free(sorted);
	char *path = out_path(o, OUT_MANIFEST);
	int rv = path ? write_file(path, b.s, b.len) : -1;
	if (rv != 0 && path)
		out_error(o, OUT_MANIFEST, "kan de lijst van gemaakte bestanden niet schrijven", errno);
	plat_stat ms;
	if (rv == 0 && plat_lstat(path, &ms) == PLAT_FILE && ms.known) {
		digest_bytes(b.s, b.len, o->manifest_hash);
		/* every file was written before the manifest. One whose times are not older than the
		 * manifest's could still change within that tick of the file system's clock without
		 * its times changing: it gets no record, and is read by the next check */
		for (size_t i = 0; i < o->nfiles; i++) {
			out_file *f = &o->files[i];
			char *fp = make_path(o, f->rel);
			if (plat_lstat(fp, &f->st) != PLAT_FILE || f->st.size != f->size || f->st.mtime >= ms.mtime ||
			    f->st.ctime >= ms.mtime)
				memset(&f->st, 0, sizeof f->st);
			free(fp);
		}
	}
	free(path);
	buf_free(&b);
	return rv;
}

char *out_index_path(const char *out)
{
	char *parent, *base;
	plat_split(out, &parent, &base);
	char *name = xasprintf(".%s%s", base, OUT_INDEX_SUFFIX);
	char *p = path_join(parent, name);
	free(name);
	free(parent);
	free(base);
	return p;
}

#define INDEX_HEAD "meetlat-index 1\n"
#define INDEX_END "eind\n"

/* Whether an existing entry is a stat index of meetlat (also one cut short while written). */
static int index_ours(const char *index)
{
	long long size;
	FILE *f = plat_fopen_regular(index, &size);
	if (!f)
		return 0;
	char head[sizeof INDEX_HEAD];
	size_t n = fread(head, 1, sizeof INDEX_HEAD - 1, f);
	fclose(f);
	return !memcmp(head, INDEX_HEAD, n);
}

/* Write `index` with the stat records of `files` (those known) for the manifest `hash`. */
static int index_put(const char *index, const char *hash, const out_file *files, size_t n)
{
	plat_kind k = plat_lkind(index, NULL);
	if (k != PLAT_NONE && (k != PLAT_FILE || !index_ours(index) || plat_unlink(index) != 0))
		return -1;
	buf_t b = {0};
	buf_printf(&b, "%s%s\n", INDEX_HEAD, hash);
	for (size_t i = 0; i < n; i++) {
		const out_file *f = &files[i];
		if (!f->st.known)
			continue;
		char num[24];
		put_num(&b, num, fmt_ll(num, f->st.size));
		put_num(&b, num, fmt_ll(num, f->st.mtime));
		put_num(&b, num, fmt_ll(num, f->st.ctime));
		put_num(&b, num, fmt_ull(num, f->st.ino));
		put_num(&b, num, fmt_ull(num, f->st.dev));
		buf_puts(&b, f->rel);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, INDEX_END);
	int rv = write_file(index, b.s, b.len);
	buf_free(&b);
	return rv;
}

int out_index_write(out_t *o, const char *dir, const char *index)
{
	if (!o->manifest_hash[0])
		return -1;
	for (size_t i = 0; i < o->nfiles; i++) {
		out_file *f = &o->files[i];
		if (!f->st.known || !f->linked)
			continue;
		char *p = path_join(dir, f->rel);
		restat(p, &f->st);
		free(p);
	}
	return index_put(index, o->manifest_hash, o->files, o->nfiles);
}

/* --- an existing output folder ------------------------------------------------------------ */

typedef struct {
	out_file *files;  /* sorted by rel */
	size_t n;
	char hash[DIGEST_HEX]; /* of its text, when read with an index ("" otherwise) */
} manifest;

/* A number as the manifest and the index write it ("%lld " / "%llu "): digits, after a '-' for
 * a signed one, then one space. Moves *p past it; 0, or -1 for anything else. (sscanf costs
 * some 4.000 instructions a line, and an output of 1.000 pages has 1.000 lines.) */
static int field_digits(const char **p, unsigned long long *v, int *neg)
{
	const char *q = *p;
	*neg = *q == '-';
	q += *neg;
	const char *d = q;
	unsigned long long n = 0;
	while ((unsigned)(*q - '0') < 10) {
		unsigned c = (unsigned)(*q++ - '0');
		if (n > (ULLONG_MAX - c) / 10)
			return -1;
		n = n * 10 + c;
	}
	if (q == d || *q != ' ')
		return -1;
	*v = n;
	*p = q + 1;
	return 0;
}

static int field_ll(const char **p, long long *v)
{
	unsigned long long n;
	int neg;
	if (field_digits(p, &n, &neg) != 0 || n > (unsigned long long)LLONG_MAX)
		return -1;
	*v = neg ? -(long long)n : (long long)n;
	return 0;
}

static int field_ull(const char **p, unsigned long long *v)
{
	int neg;
	return field_digits(p, v, &neg) != 0 || neg ? -1 : 0;
}

static void manifest_free(manifest *mf)
{
	for (size_t i = 0; i < mf->n; i++)
		free(mf->files[i].rel);
	free(mf->files);
}

static const out_file *manifest_find(const manifest *mf, const char *rel);

/* The stat records of `index` for the manifest whose text is `text`: set on its files. An index
 * of another manifest, or one that is incomplete, gives none. */
static void index_read(const char *index, const char *text, size_t len, manifest *mf)
{
	char *idx = NULL;
	size_t ilen;
	if (!index || plat_lkind(index, NULL) != PLAT_FILE || read_file(index, 64 * 1024 * 1024, &idx, &ilen) != 0)
		return;
	char *want = mf->hash;
	digest_bytes(text, len, want);
	size_t hl = strlen(INDEX_HEAD), el = strlen(INDEX_END);
	if (ilen < hl + DIGEST_HEX + el || memcmp(idx, INDEX_HEAD, hl) != 0 || memcmp(idx + hl, want, DIGEST_HEX - 1) != 0 ||
	    idx[hl + DIGEST_HEX - 1] != '\n' || memcmp(idx + ilen - el, INDEX_END, el) != 0 ||
	    (ilen > hl + DIGEST_HEX + el && idx[ilen - el - 1] != '\n') || memchr(idx, '\0', ilen)) {
		free(idx);
		return;
	}
	idx[ilen - el] = '\0';
	for (char *l = idx + hl + DIGEST_HEX, *nl; *l; l = nl + 1) {
		nl = strchr(l, '\n');
		if (!nl)
			break;
		*nl = '\0';
		plat_stat st = {0};
		const char *q = l;
		if (field_ll(&q, &st.size) || field_ll(&q, &st.mtime) || field_ll(&q, &st.ctime) || field_ull(&q, &st.ino) ||
		    field_ull(&q, &st.dev) || !*q)
			continue;
		out_file *f = (out_file *)manifest_find(mf, q);
		if (f && st.size == f->size) {
			st.known = 1;
			f->st = st;
		}
	}
	free(idx);
}

/* 0, or -1 when there is no manifest or it is not one meetlat wrote. With `index`, the stat
 * records it holds for this manifest are read too. */
static int manifest_read(const char *dir, const char *index, manifest *mf)
{
	memset(mf, 0, sizeof *mf);
	char *path = path_join(dir, OUT_MANIFEST);
	char *text = NULL;
	size_t len;
	int ok = plat_lkind(path, NULL) == PLAT_FILE && read_file(path, 16 * 1024 * 1024, &text, &len) == 0;
	free(path);
	size_t hl = strlen(MANIFEST_HEAD);
	if (!ok || len < hl || memcmp(text, MANIFEST_HEAD, hl) != 0 || memchr(text, '\0', len)) {
		free(text);
		return -1;
	}
	size_t cap = 0;
	for (char *l = text + hl, *nl; *l; l = nl + 1) {
		nl = strchr(l, '\n');
		if (!nl)
			break;
		*nl = '\0';
		long long size;
		const char *q = l + DIGEST_HEX - 1;
		if (strspn(l, "0123456789abcdef") != DIGEST_HEX - 1 || *q++ != ' ' || field_ll(&q, &size) || size < 0 || !*q ||
		    strstr(q, "..") || *q == '/') {
			ok = 0;
			break;
		}
		mf->files = xgrow(mf->files, &cap, mf->n, sizeof *mf->files);
		out_file *f = &mf->files[mf->n++];
		f->rel = xstrdup(q);
		f->size = size;
		memcpy(f->hash, l, DIGEST_HEX - 1);
		f->hash[DIGEST_HEX - 1] = '\0';
		memset(&f->st, 0, sizeof f->st);
		f->linked = 0;
	}
	if (!ok) {
		free(text);
		manifest_free(mf);
		return -1;
	}
	if (mf->n > 1)
		qsort(mf->files, mf->n, sizeof *mf->files, cmp_file);
	if (index) {
		/* the text was cut into lines above: restore it for its hash */
		for (size_t i = hl; i < len; i++)
			if (text[i] == '\0')
				text[i] = '\n';
		index_read(index, text, len, mf);
	}
	free(text);
	return 0;
}

static const out_file *manifest_find(const manifest *mf, const char *rel)
{
	out_file key = {.rel = (char *)rel};
	return bsearch(&key, mf->files, mf->n, sizeof *mf->files, cmp_file);
}

/* A folder is meetlat's when a file of the manifest lies in it: the files are sorted, so the
 * first one at or after "<rel>/" tells. */
static int manifest_has_dir(const manifest *mf, const char *rel)
{
	size_t l = strlen(rel), lo = 0, hi = mf->n;
	char *key = xasprintf("%s/", rel);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(mf->files[mid].rel, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	free(key);
	return lo < mf->n && !strncmp(mf->files[lo].rel, rel, l) && mf->files[lo].rel[l] == '/';
}

/* The file is as the build left it by its stat record: it need not be read. */
static int same_stat(const plat_stat *a, const plat_stat *b)
{
	return a->known && b->known && a->size == b->size && a->mtime == b->mtime && a->ctime == b->ctime &&
	       a->ino == b->ino && a->dev == b->dev;
}

struct out_prev {
	char *dir;
	manifest mf;
};

out_prev *out_prev_read(const char *dir, const char *index)
{
	out_prev *p = xmalloc(sizeof *p);
	if (manifest_read(dir, index, &p->mf) != 0) {
		free(p);
		return NULL;
	}
	p->dir = xstrdup(dir);
	return p;
}

void out_prev_free(out_prev *p)
{
	if (!p)
		return;
	manifest_free(&p->mf);
	free(p->dir);
	free(p);
}

/* A file that was given a name or lost one: its record takes the new status-change time when
 * everything else still holds, and is dropped otherwise. */
static void restat(const char *path, plat_stat *rec)
{
	plat_stat st;
	if (plat_lstat(path, &st) == PLAT_FILE && st.known && st.size == rec->size && st.mtime == rec->mtime &&
	    st.ino == rec->ino && st.dev == rec->dev)
		rec->ctime = st.ctime;
	else
		memset(rec, 0, sizeof *rec);
}

/* Compare the bytes of `f` with those of `data` (`path` NULL) or of the file at `path`: 1 when
 * they are the same. */
static int same_bytes(FILE *f, const void *data, size_t len, const char *path)
{
	FILE *g = path ? plat_fopen(path, "rb") : NULL;
	if (path && !g)
		return 0;
	enum { CHUNK = 65536 };
	unsigned char *a = xmalloc(CHUNK), *b = path ? xmalloc(CHUNK) : NULL;
	const unsigned char *p = data;
	size_t at = 0, n;
	int same = 1;
	/* read straight into a (no stdio buffer, whose size stdio asks the system for), and not
	 * once more after a short read, which is the end or an error (ferror below): an
	 * unchanged page of 3 kB costs two reads instead of four calls */
	setvbuf(f, NULL, _IONBF, 0);
	while (same && (n = fread(a, 1, CHUNK, f)) > 0) {
		if (path)
			same = fread(b, 1, n, g) == n && !memcmp(a, b, n);
		else
			same = at + n <= len && !memcmp(a, p + at, n);
		at += n;
		if (n < CHUNK)
			break;
	}
	same = same && !ferror(f) && (path ? fgetc(g) == EOF && !ferror(g) : at == len);
	free(a);
	free(b);
	if (g)
		fclose(g);
	return same;
}

/* The previous output's record of `rel` when that file is unchanged since the build that wrote
 * it (by its stat record) and holds the bytes of `data`, or of the file at `path`: its hash is
 * then theirs. NULL otherwise. */
static out_file *unchanged_prev(const out_t *o, const char *rel, const void *data, size_t len, const char *path)
{
	/* each file is written once, so only this thread touches this record until the parts join */
	out_file *f = o->prev ? (out_file *)manifest_find(&o->prev->mf, rel) : NULL;
	if (!f || !f->st.known || (!path && f->size != (long long)len))
		return NULL;
	char *old = path_join(o->prev->dir, rel);
	plat_stat st;
	FILE *in = plat_lstat(old, &st) == PLAT_FILE && same_stat(&f->st, &st) ? plat_fopen(old, "rb") : NULL;
	free(old);
	if (!in)
		return NULL;
	int same = same_bytes(in, data, len, path);
	fclose(in);
	return same ? f : NULL;
}

/* out_write's link to the previous output's file `f` (unchanged_prev): 0 when made. */
static int reuse(const out_t *o, out_file *f, const char *path)
{
	char *old = path_join(o->prev->dir, f->rel);
	plat_stat st, got;
	int rv = plat_lstat(old, &st) == PLAT_FILE && same_stat(&f->st, &st) ? plat_link(old, path) : -1;
	/* the new name must be the file just checked, not one put in its place meanwhile */
	if (rv == 0 && !(plat_lstat(path, &got) == PLAT_FILE && got.known && got.ino == st.ino && got.dev == st.dev &&
	                 got.size == st.size && got.mtime == st.mtime)) {
		plat_unlink(path);
		rv = -1;
	}
	/* the link moved the file's status-change time: its record takes the new one, read at
	 * once, so that the checks of the previous output before and after the swap need not read
	 * it again (out_prev_index) */
	if (rv == 0)
		restat(old, &f->st);
	free(old);
	return rv;
}

int out_prev_index(const out_prev *p, const char *index)
{
	if (!p || !p->mf.hash[0])
		return -1;
	return index_put(index, p->mf.hash, p->mf.files, p->mf.n);
}

typedef struct {
	const manifest *mf;
	char **names;
	int max, count;
} walk_ctx;

static void foreign(walk_ctx *w, const char *rel)
{
	if (w->count < w->max)
		w->names[w->count] = xstrdup(rel);
	w->count++;
}

static void walk(walk_ctx *w, const char *root, const char *rel, int depth)
{
	char *dirpath = *rel ? path_join(root, rel) : xstrdup(root);
	/* in name order, so the names reported are the same on every machine */
	char **names;
	long nl = plat_list(dirpath, &names);
	if (nl < 0) {
		foreign(w, *rel ? rel : ".");
		free(dirpath);
		return;
	}
	size_t n = (size_t)nl;
	for (size_t i = 0; i < n; i++) {
		char *r = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		char *p = path_join(root, r);
		plat_stat st;
		plat_kind k = plat_lstat(p, &st);
		if (!*rel && (!strcmp(names[i], OUT_MANIFEST) || !strcmp(names[i], OUT_JOURNAL))) {
			/* the manifest itself, and the journal a build killed just after its swap left */
		} else if (k == PLAT_NONE) {
			foreign(w, r);
		} else if (k == PLAT_DIR) {
			if (depth > 32 || !manifest_has_dir(w->mf, r))
				foreign(w, r);
			else
				walk(w, root, r, depth + 1);
		} else if (k != PLAT_FILE) {
			foreign(w, r);
		} else {
			const out_file *f = manifest_find(w->mf, r);
			char hash[DIGEST_HEX];
			long long size;
			if (!f || f->size != st.size) {
				foreign(w, r);
			} else if (same_stat(&f->st, &st)) {
				/* unchanged since the build that wrote it: not read again */
			} else if (digest_file(p, hash, &size) != 0) {
				char *why = xasprintf("%s (niet leesbaar: %s)", r, strerror(errno));
				foreign(w, why);
				free(why);
			} else if (strcmp(hash, f->hash) != 0) {
				foreign(w, r);
			}
		}
		free(p);
		free(r);
		free(names[i]);
	}
	free(names);
	free(dirpath);
}

int out_foreign(const char *dir, const char *index, char **names, int max)
{
	manifest mf;
	if (manifest_read(dir, index, &mf) != 0)
		return -1;
	walk_ctx w = {&mf, names, max, 0};
	walk(&w, dir, "", 0);
	manifest_free(&mf);
	return w.count;
}

static int cmp_depth(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int dx = 0, dy = 0;
	for (; *x; x++)
		dx += *x == '/';
	for (; *y; y++)
		dy += *y == '/';
	return dy - dx;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove the folders on the way to `n` paths, deepest first, when they are empty: each folder
 * once, however many files lay in it. */
static void remove_dirs(const char *dir, char **dirs, size_t nd)
{
	size_t n = 0;
	if (nd) {
		qsort(dirs, nd, sizeof *dirs, cmp_str);
		for (size_t i = 0; i < nd; i++) {
			if (n && !strcmp(dirs[n - 1], dirs[i]))
				free(dirs[i]);
			else
				dirs[n++] = dirs[i];
		}
		qsort(dirs, n, sizeof *dirs, cmp_depth);
	}
	for (size_t i = 0; i < n; i++) {
		char *p = path_join(dir, dirs[i]);
		plat_rmdir(p); /* fails, harmlessly, when something else is still in it */
		free(p);
		free(dirs[i]);
	}
	free(dirs);
}

static void add_parents(char ***dirs, size_t *nd, size_t *cap, const char *rel, int self)
{
	for (const char *s = strchr(rel, '/'); s; s = strchr(s + 1, '/')) {
		*dirs = xgrow(*dirs, cap, *nd, sizeof **dirs);
		(*dirs)[(*nd)++] = xstrndup(rel, (size_t)(s - rel));
	}
	if (self) {
		*dirs = xgrow(*dirs, cap, *nd, sizeof **dirs);
		(*dirs)[(*nd)++] = xstrdup(rel);
	}
}

static void unlink_in(const char *dir, const char *name)
{
	char *p = path_join(dir, name);
	if (plat_lkind(p, NULL) == PLAT_FILE)
		plat_unlink(p);
	free(p);
}

int out_remove(const char *dir, int verify, int *err)
{
	*err = 0;
	manifest mf;
	if (manifest_read(dir, NULL, &mf) != 0)
		return -1;
	char *leaving = path_join(dir, OUT_LEAVING);
	int rv = write_file(leaving, "meetlat-weg 1\n", 14);
	free(leaving);
	if (rv != 0) {
		*err = errno;
		manifest_free(&mf);
		return -1;
	}
	char **dirs = NULL;
	size_t nd = 0, cap = 0;
	for (size_t i = 0; i < mf.n; i++) {
		char *p = path_join(dir, mf.files[i].rel);
		char hash[DIGEST_HEX];
		long long size, fsize = 0;
		if (plat_lkind(p, &fsize) == PLAT_FILE && fsize == mf.files[i].size &&
		    (!verify || (digest_file(p, hash, &size) == 0 && !strcmp(hash, mf.files[i].hash))) &&
		    plat_unlink(p) != 0 && !*err)
			*err = errno;
		free(p);
		add_parents(&dirs, &nd, &cap, mf.files[i].rel, 0);
	}
	manifest_free(&mf);
	remove_dirs(dir, dirs, nd);
	unlink_in(dir, OUT_JOURNAL);
	unlink_in(dir, OUT_MANIFEST);
	unlink_in(dir, OUT_LEAVING);
	if (plat_rmdir(dir) == 0)
		return 0;
	if (!*err && errno != ENOTEMPTY && errno != EEXIST)
		*err = errno;
	return -1;
}

long out_discard(const char *dir, int *left)
{
	*left = 1;
	char *jp = path_join(dir, OUT_JOURNAL);
	char *text = NULL;
	size_t len;
	int ok = plat_lkind(jp, NULL) == PLAT_FILE && read_file(jp, 16 * 1024 * 1024, &text, &len) == 0;
	static const char head[] = "meetlat-bezig 1\n";
	if (!ok || len < sizeof head - 1 || memcmp(text, head, sizeof head - 1) != 0 || memchr(text, '\0', len)) {
		free(text);
		free(jp);
		return -1;
	}
	long removed = 0;
	char **dirs = NULL;
	size_t nd = 0, cap = 0;
	/* whole lines only: a build killed while writing one leaves a piece of a name */
	for (char *l = text + sizeof head - 1, *nl; (nl = memchr(l, '\n', len - (size_t)(l - text))); l = nl + 1) {
		*nl = '\0';
		const char *rel = l + 2;
		if ((l[0] != 'f' && l[0] != 'd') || l[1] != ' ' || !*rel || rel[0] == '/' || strstr(rel, ".."))
			continue;
		if (l[0] == 'f') {
			char *p = path_join(dir, rel);
			if (plat_lkind(p, NULL) == PLAT_FILE && plat_unlink(p) == 0)
				removed++;
			free(p);
		}
		add_parents(&dirs, &nd, &cap, rel, l[0] == 'd');
	}
	free(text);
	remove_dirs(dir, dirs, nd);
	plat_unlink(jp);
	free(jp);
	*left = plat_rmdir(dir) != 0;
	return removed;
}

int out_is_empty(const char *dir)
{
	char **names;
	long n = plat_list(dir, &names);
	if (n > 0)
		free_names(names, n);
	return n == 0;
}
