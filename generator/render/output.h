/* output.h - the folder a build renders into, and proof of what meetlat owns.
 *
 * Every file a renderer makes goes through here, so the build knows exactly what it wrote
 * (names, sizes and SHA-256 hashes): the downloads page reads sizes from this record, and the
 * record is written into the output as its manifest (.meetlat). meetlat replaces an existing
 * output folder only when every entry in it is a file that manifest lists, unchanged; it
 * removes an old output by its manifest, file by file, never a whole unknown tree. Messages
 * name the folder the reader knows (output/...), not the temporary one beside it. */
#ifndef MEETLAT_OUTPUT_H
#define MEETLAT_OUTPUT_H

#include <stddef.h>

#include "base/diag.h"
#include "base/digest.h"
#include "base/platform.h"

#define OUT_MANIFEST ".meetlat"
/* In a temporary folder while meetlat writes it: "meetlat-bezig 1", then a line "f <path>"
 * or "d <path>" for every file and folder, written before it is made. It proves, entry by
 * entry, what an unfinished build of meetlat left (out_discard). It goes along with the swap
 * and is removed from the output just after. */
#define OUT_JOURNAL ".meetlat-bezig"
/* In the folder of a previous output while meetlat removes it by its manifest. */
#define OUT_LEAVING ".meetlat-weg"

/* The stat index: beside the output folder (out_index_path), never in it, so that the output
 * stays the same bytes for the same inputs. For each file of the manifest it holds what the
 * system recorded when the build had written it (size, times, inode: base/platform.h), as
 * git's index does; the checks of an existing output (out_foreign) read a file again only when
 * that record differs from the file's, or when there is none. A record is kept only for a file
 * whose times lie before the manifest's own modification time: a file changed later in the
 * same tick of the file system's clock would keep its times ("racy git"), so such a file has
 * no record and is read. The index names the manifest it belongs to (its SHA-256) and is
 * ignored for any other. */
#define OUT_INDEX_SUFFIX ".meetlat-index"

typedef struct {
	char *rel;         /* path relative to the output folder: "data/terugbelverzoeken.csv" */
	long long size;
	char hash[DIGEST_HEX];
	plat_stat st;      /* the file as written (st.known 0: none, or too recent to trust) */
	int linked;        /* a second name of the previous output's file (out_write) */
} out_file;

/* The previous output, whose unchanged files a build takes over (out_prev_read). */
typedef struct out_prev out_prev;

typedef struct {
	const char *dir;   /* where files are written (the temporary folder) */
	const char *shown; /* the output folder as messages name it */
	diag_t *d;
	out_file *files;   /* in the order written */
	size_t nfiles, cap;
	int journal;       /* OUT_JOURNAL, open for appending; 0 or less when not open */
	plat_mutex *lock;  /* the journal's: the parts write it from their threads */
	int part;          /* a part (out_part): the journal and its lock are the whole's */
	char manifest_hash[DIGEST_HEX]; /* of the manifest out_finish wrote ("" before) */
	const out_prev *prev; /* or NULL; only read, by every part */
} out_t;

/* Start the journal of `o->dir` (a folder this build just made). 0, or -1 with errno set. */
int out_begin(out_t *o);

/* Write a whole file (checked), record it; 0, or -1 after a message. When the previous output
 * (o->prev) holds a file of that name with these very bytes, unchanged since the build that
 * wrote it by its stat record, the new file is a second name (a hard link) of that one instead
 * of a copy: making a file costs far more than a link on some disks (0,7 ms against 0,014 ms
 * on the ext4 disk of the machine make bench ran on), and a rebuild leaves most files as they
 * were. The previous output keeps every file as it was; removing it later only removes its
 * names. Where links fail (FAT, some shares) the file is written. */
int out_write(out_t *o, const char *rel, const void *data, size_t len);
/* Make a folder below the output folder; 0, or -1 after a message. */
int out_mkdir(out_t *o, const char *rel);
/* The path to hand a library that writes a file itself (caller frees), noted in the journal;
 * NULL after a message. out_adopt records it once written. */
char *out_path(out_t *o, const char *rel);
int out_adopt(out_t *o, const char *rel);
/* Report a problem with a file of the output, named as the reader knows it. */
void out_error(out_t *o, const char *rel, const char *what, int err);
/* The size of a file written so far, or -1. */
long long out_size(const out_t *o, const char *rel);
/* Write the manifest of everything recorded, then note each file's stat record; 0, or -1
 * after a message. */
int out_finish(out_t *o);
/* Where the stat index of the output folder `out` is: ".<name>.meetlat-index" beside it
 * (caller frees). */
char *out_index_path(const char *out);
/* Write the stat index of the output out_finish completed, once it is in its place `dir` and
 * the previous output is gone. A file that is a second name of a previous output's file lost
 * that name meanwhile, which changes its status-change time (and nothing else): its record,
 * when size, modification time, inode and device still hold, takes the file's new
 * status-change time, and is dropped otherwise. Every other record stays as out_finish took it. An entry of that name that is not a stat index of meetlat
 * is left alone. 0, or -1 (then the next build reads every file, as it would without an
 * index). */
int out_index_write(out_t *o, const char *dir, const char *index);
/* A part of the output, for a renderer on a thread of its own: it writes into the same folder
 * and journal, and keeps its own record of files and its own messages (`d`). out_join adds
 * its record to the whole's, after what the whole has, and frees the part. A part is used by
 * one thread at a time; the whole is not used while its parts are. */
void out_part(out_t *whole, out_t *part, diag_t *d);
void out_join(out_t *whole, out_t *part);
/* Close the journal (it stays in the folder); out_free does too. */
void out_end(out_t *o);
void out_free(out_t *o);

/* What an existing folder holds that meetlat cannot prove it wrote: entries missing from its
 * manifest, changed since, of another kind (a link, a device) or unreadable. A file whose stat
 * record in `index` (or NULL) matches is not read again; any other is hashed. Returns the
 * number of such entries (-1: no readable manifest at all) and lists up to `max` of their
 * paths in `names` (caller frees each; an unreadable one says so). */
int out_foreign(const char *dir, const char *index, char **names, int max);
/* The files of the output folder `dir` with the stat records `index` holds for its manifest,
 * for out_write to take over; NULL when there is no manifest. Read once the folder is known
 * to be meetlat's (out_foreign); free with out_prev_free. */
out_prev *out_prev_read(const char *dir, const char *index);
void out_prev_free(out_prev *p);
/* Write the stat index of the previous output again, with the records out_write refreshed for
 * the files it linked (a link changes a file's status-change time), before the checks of the
 * swap read it. 0, or -1 (those files are then read again). */
int out_prev_index(const out_prev *p, const char *index);
/* Remove a previous output: first OUT_LEAVING is written, so that a build killed halfway is
 * finished by the next one; then the files of its manifest (with `verify`, only those whose
 * contents still match it), its folders when empty, and the folder. Anything else stays.
 * Returns 0 when the folder is gone, else -1 with *err the first reason (an errno) or 0. */
int out_remove(const char *dir, int verify, int *err);
/* Remove what an unfinished build journaled in `dir`: the files it lists (regular files
 * only), its folders when empty, the journal, the folder. Returns the number of entries it
 * removed, or -1 when `dir` holds no journal; *left gets 0 when the folder is gone. */
long out_discard(const char *dir, int *left);
/* Whether a folder holds nothing at all. */
int out_is_empty(const char *dir);

#endif
