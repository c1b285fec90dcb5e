/* model.h - the one in-memory model of the programme. Loaders fill in what the content and
 * the data say, the engine (engine.h) computes series, statuses and summaries, renderers only
 * read it. model_free frees everything. */
#ifndef MEETLAT_MODEL_H
#define MEETLAT_MODEL_H

#include <stddef.h>

#include "base/date.h"
#include "model/markdown.h"

typedef enum { SOORT_PROGRAMMA, SOORT_ACTIE, SOORT_TEAMDOEL, SOORT_TEAM } soort_t;

enum { SMART_S, SMART_M, SMART_A, SMART_R, SMART_T, SMART_N };
enum { AMB_VERBINDING, AMB_VAKMANSCHAP, AMB_VERTROUWEN, AMB_N };
extern const char *const smart_names[SMART_N];
extern const char *const ambition_names[AMB_N];

/* A milestone at the reference date: done; its period runs; its period is still ahead; its
 * period is over and the content says nothing ("niet gemeld"); or the content says it was not
 * done in time (gereed: nee). */
typedef enum { MS_GEREED, MS_LOOPT, MS_GEPLAND, MS_NIET_GEMELD, MS_TE_LAAT } ms_status;
enum { MS_N = MS_TE_LAAT + 1 };

typedef struct {
	int first, last;   /* the days the milestone's date or period covers */
	int when_per;      /* -1: a day; else the per_t of a whole period ("2024-K3") */
	char *wat;
	int gereed;        /* 1: ja, 0: nee (said so), -1: not said */
	ms_status status;  /* at the reference date (engine) */
	char *afgeleid;    /* why its date or gereed is not literally in the programme, or NULL */
} milestone_t;

/* openstaand: of the items open at a moment (each period's end, or the reference date), the
 * share past their deadline; a snapshot, where termijn follows each item from its arrival. */
typedef enum { MAAT_TERMIJN, MAAT_GEMIDDELDE, MAAT_AANDEEL, MAAT_AANTAL, MAAT_WAARDE, MAAT_OPENSTAAND } maat_t;
enum { MAAT_N = MAAT_OPENSTAAND + 1 };
extern const char *const maat_names[MAAT_N];

/* A KPI's status at the reference date, against the target that applies then (the next one,
 * or the last when all have passed). Before its deadline: behaald, op koers, risico, achter.
 * After it, judged on the value at the deadline and now: behaald (in time, and still),
 * teruggevallen (in time, not any more), te laat behaald, niet behaald. */
/* A status claims only what holds in every case the open items and the unknown rest of a
 * period still allow: the engine judges the best and the worst case, and when they differ the
 * status is "nog onzeker" (ST_ONZEKER). */
typedef enum {
	ST_BEHAALD, ST_OP_KOERS, ST_RISICO, ST_ACHTER, ST_TE_LAAT_BEHAALD, ST_TERUGGEVALLEN,
	ST_NIET_BEHAALD, ST_GEEN_GEGEVENS, ST_GEEN_DOEL, ST_ONZEKER
} kpi_status;
enum { ST_N = ST_ONZEKER + 1 };

/* How much of a period its source covers (docs/definities.md, "Hoe volledig"): all of it; part
 * of it (the export ends inside it, or has a gap in it); none of it (the export does not reach
 * it, or has no row at all there where it normally has many): then there is no figure, never
 * a 0. */
typedef enum { COV_FULL, COV_PARTIAL, COV_NONE } coverage_t;

typedef enum { EENHEID_PROCENT, EENHEID_CIJFER, EENHEID_AANTAL, EENHEID_WERKDAGEN } eenheid_t;

typedef enum { FILTER_IS, FILTER_IS_NIET, FILTER_GROTER, FILTER_KLEINER } filter_op;

typedef struct {
	char *kolom;
	filter_op op;
	char *waarde;   /* FILTER_IS, FILTER_IS_NIET */
	double getal;   /* FILTER_GROTER, FILTER_KLEINER */
} filter_t;

typedef struct {
	double waarde;
	int datum;
	int afgeleid;            /* the value or the date is not literally in the programme (the
	                            KPI's `afgeleid` says why) */
} target_t;

typedef struct {
	char *groep;             /* NULL: the whole organisation */
	int datum;
	char *wat;               /* "Pilot gestart" */
} event_t;

/* The keys of a KPI that name its export and the columns it reads, in messages about them. */
enum { SRC_BRON, SRC_START, SRC_EINDE, SRC_DATUM, SRC_KOLOM, SRC_GROEP, SRC_FILTER, SRC_N = SRC_FILTER + 8 };

/* Where something was written in content/, for messages. */
typedef struct {
	char *file;              /* as shown: content/12-terugbelverzoeken.md */
	int line, col;
	int kort_line, kort_col; /* a KPI's 'kort', for the uniqueness check */
	int thema_line, thema_col; /* its 'thema', for the check that every theme has its own page */
	int key_line[SRC_N];     /* its 'bron', 'start', ... and each filter's 'kolom' (0: not written) */
} srcpos_t;

/* What the content says about a KPI (its front matter). */
typedef struct {
	char *id, *naam, *omschrijving;
	maat_t maat;
	eenheid_t eenheid;
	char *bron;              /* data file name, e.g. terugbelverzoeken.csv; with .csv, .xlsx or
	                            none it names the source, served by x.csv or x.xlsx */
	char *blad;              /* a workbook's sheet, or NULL: the first */
	int kopregel;            /* a workbook's header row (1-based), or 0: found */
	char *start, *einde;     /* termijn, and gemiddelde of a duration: columns */
	int termijn, werkdagen;  /* termijn: N (working) days */
	char *datum;             /* column that places a row in a period (default: start) */
	char *kolom;             /* gemiddelde, aandeel: the column */
	char *is;                /* aandeel: the value that counts */
	int has_norm;
	double norm;             /* gemiddelde: norm (share at or above) */
	int has_range;
	double range_lo, range_hi; /* gemiddelde: allowed values */
	long minimum;            /* gemiddelde: fewer rows than this are suppressed */
	per_t per;
	char *groep;             /* column to group by, or NULL */
	filter_t *filters;
	size_t nfilters;
	int lager;               /* lower is better */
	int has_step;
	double step;             /* tussenstap: a milestone value without a date (the 7 before the 8) */
	int has_base;
	target_t base;
	target_t *doelen;
	size_t ndoelen;
	char *thema;             /* theme page it belongs to, or NULL */
	event_t *events;         /* marked in the charts */
	size_t nevents;
	char *afgeleid;          /* not (all) in the programme: why we measure it so, for readers */
	char *kort;              /* short name for the workbook sheet (31 characters), or NULL */
	int maandrapportage;     /* also a monthly workbook when the reference date ends a month */
} kpi_def;

/* One period of one group, as the engine computed it. */
typedef struct {
	int key;          /* period number (date.h) */
	long total;       /* rows counted in this period */
	long n;           /* termijn: decided items; gemiddelde/aandeel: rows with a value */
	long hits;        /* termijn: late (lager) or in time (hoger); aandeel: matches;
	                     gemiddelde: at or above the norm */
	long open;        /* termijn: still open within their deadline ("lopend");
	                     gemiddelde of a duration: not yet handled */
	int has_value;    /* a value exists and is not suppressed */
	int period_open;  /* the period has not ended at the reference date */
	coverage_t cover; /* how much of the period the source covers */
	int cover_end;    /* COV_PARTIAL: the last day the source covers in it (or DAY_NONE: a gap) */
	int provisional;  /* voorlopig: the period runs, the source covers part of it, or open items
	                     may still change it */
	double worst;     /* termijn with open items: the value if they all end up late */
	double low, high; /* the lowest and highest value the figure can still take (equal when
	                     final; -inf/+inf when nothing bounds it, as in a period that runs) */
	int suppressed;   /* gemiddelde with fewer rows than the minimum */
	double value;     /* percentage, mean, count or reported value */
	double lo, hi;    /* gemiddelde: 95% confidence interval */
	double norm_pct;  /* gemiddelde: share at or above the norm, in % */
	/* compared with the previous edition (model/edition.c) */
	int revised;      /* the value published then differs from the value now */
	double was;       /* the value published then, as shown */
	int why;          /* rev_why: what meetlat can tell about the change */
} cell_t;

typedef struct {
	char *name;       /* group value; "Totaal" for the whole organisation */
	int is_total;     /* the whole organisation, not a group */
	int first_key;    /* cells[i] has key first_key + i */
	cell_t *cells;
	size_t ncells;
} series_t;

/* Where the straight path towards a target starts. */
typedef enum { PATH_FROM_BASE, PATH_FROM_PREV_TARGET, PATH_FROM_FIRST } path_from;

/* A target whose deadline lies before the reference date, judged on the value of the last
 * period that ended on or before the deadline. */
typedef struct {
	int judged;              /* the deadline has passed */
	int has_value;           /* there was a value at the deadline */
	int key;                 /* that period */
	double value;
	double low, high;        /* what that value can still become (model: cell_t) */
	int met;                 /* it met the target, as the value is shown now */
} target_result;

/* What the engine computed for a KPI at the reference date. */
typedef struct {
	series_t total;
	series_t *groups;        /* sorted by name */
	size_t ngroups;
	kpi_status status;
	int has_cur;
	int cur_key;             /* the period the status is based on */
	double cur;
	int provisional;         /* cur may still change (voorlopig) */
	kpi_status best, worst;  /* the status in the best and the worst case; `status` is theirs
	                            when they agree, else ST_ONZEKER */
	int judge;               /* open items are judged at this day: the reference date, or the
	                            end of the source's export when that is earlier */
	int source_end;          /* the last day the source covers (DAY_NONE: unknown) */
	int has_change;          /* the period before cur_key has a value too */
	double change;           /* cur minus that value, both rounded as shown */
	int step_reached;        /* has_step: cur meets the intermediate step */
	int goal;                /* index of the target that applies at the reference date (the
	                            next one, or the last when all have passed), -1: none */
	int has_path;            /* the straight path applies (target still ahead, not met) */
	double path;             /* the value on that path at the reference date */
	path_from from;
	int met_now;             /* cur meets the target that applies */
	target_result *targets;  /* per target in def.doelen */
	/* an earlier KPI whose whole-organisation figures are the same, period by period (one
	 * measurement split two ways: per team and per kind): this KPI adds only its groups, and
	 * outputs show its total once, at that KPI (engine) */
	const struct kpi *same_total;
} kpi_result;

typedef struct page page_t;

/* A text from a page's front matter that readers see (title, summary, owner, a milestone, a
 * KPI's name and explanations), with its line, for the plain-language check (model/b1.h). */
typedef struct {
	const char *text;        /* owned by the page or its KPI */
	int line;
} fm_text;

/* An abbreviation the content explains ('afkortingen:'): the site marks its first use on a
 * page, the report writes it out at its first use in a chapter (model/abbrev.h). */
typedef struct {
	char *term;              /* "VTH" */
	char *full;              /* "Vergunningverlening, Toezicht en Handhaving" */
	int line;                /* in the settings file */
} abbrev_t;

/* What the owner of a KPI, an action or a team goal wrote for one edition: why it stands where
 * it stands, and what happens next (toelichtingen/<peildatum>.md, load/explain.c). The report
 * shows it under the figures; a KPI that misses or risks its target without one shows "nog
 * geen toelichting" (kpi_needs_explanation). */
typedef struct {
	char *waarom;            /* why, plain text; or NULL */
	char *wat_we_doen;       /* what we will do; or NULL */
	char *door;              /* who wrote it; or NULL */
	int line;                /* in the file the model names (words_file) */
} explain_t;

/* The money of an action or a team goal in the report's year (data/financien.csv,
 * load/finance.c), in euros. */
typedef struct {
	double budget, besteed, verwacht;
	int has_verwacht;        /* the expected total at the year's end is known */
	int line;
} finance_t;

struct kt_table;

typedef struct kpi {
	kpi_def def;
	srcpos_t src;
	page_t *page;
	kpi_result res;
	explain_t *explain;      /* this edition's explanation, or NULL */
	struct kt_table *table;  /* its table (model/table.h: kt_tables), made once for every renderer */
} kpi_t;

struct page {
	char *file;              /* name in content/ */
	char *source;            /* the file as read, for checks that need its lines */
	size_t source_len;
	char *slug;
	soort_t soort;
	char *titel;
	char *eigenaar;          /* owner team */
	char *eigenaar_afgeleid; /* why that owner, when the programme does not name it; or NULL */
	char *samenvatting;
	int in_report;           /* programme chapter that the council report includes */
	int body_line;           /* the line before the Markdown: its line 1 is body_line + 1 */
	fm_text *texts;          /* front-matter texts readers see, for the plain-language check */
	size_t ntexts;
	md_doc *body;            /* text that is not a SMART or ambition section */
	md_doc *smart[SMART_N];
	md_doc *amb[AMB_N];
	milestone_t *ms;
	size_t nms;
	int ms_count[MS_N];      /* milestones per status (engine) */
	kpi_t **kpis;            /* owned by the model's kpis list */
	size_t nkpis;
	explain_t *explain;      /* this edition's explanation of the action or goal, or NULL */
	finance_t *finance;      /* its money in the report's year, or NULL */
};

typedef struct {
	char *name;              /* e.g. terugbelverzoeken.csv */
	int used;                /* read by at least one KPI */
	long rows;
	int first, last;         /* first and last start date counted, DAY_NONE if none */
	int end;                 /* the latest date of any column read (a handled date), DAY_NONE */
	int stand;               /* the export's date as the content states it ('stand'), DAY_NONE */
	int cover_end;           /* what it covers up to: the later of end and stand */
	long typos;              /* dates far from all others, taken for typos (not counted) */
	int cp1252;              /* converted from Windows-1252 */
	/* rows per month of their start date, from month0 on; a month without rows inside the
	 * export's span where it normally has many is a gap (gap[i]) */
	int month0;
	long *months;
	unsigned char *gap;
	size_t nmonths;
	unsigned long long fingerprint; /* of the values the KPIs read (FNV-1a), for the editions;
	                                 * 0 when the model has no use for it (fingerprints) */
	long after;              /* rows that start after the reference date (not counted yet) */
	long after_line;         /* the first of them */
	int after_last;          /* and the latest date among them */
} datafile_t;

/* What the content says about an export (programme settings, 'stand'). */
typedef struct {
	char *file;
	int day;
	srcpos_t src;
} stand_t;

/* A group that meets its norm in the latest period ("wat gaat al goed"). */
typedef struct {
	const kpi_t *kpi;
	const series_t *group;
	double value;
} going_well_t;

typedef enum { PEIL_OPDRACHTREGEL, PEIL_INSTELLING, PEIL_GEGEVENS } peil_bron;

/* An image in the content's text, checked and read by the loader (a file in content/, never an
 * address elsewhere); the site publishes it as afbeeldingen/<rel>. */
typedef struct {
	char *rel;               /* as written, relative to content/: "beeld/balie.png" */
	char *bytes;
	size_t len;
} image_t;

/* --- editions: what was published before (edities/editie-JJJJ-MM-DD.csv) ---------------- */

/* One figure as an edition published it. */
typedef struct {
	char *kpi, *group;       /* group: "Totaal" for the organisation */
	char *period;            /* period code: 2025-12, 2025-K4, 2025 */
	double value;            /* as shown then (one decimal) */
	int provisional;
	long total, open;        /* rows counted and items still open then */
	int line;                /* in the record, for messages */
} ed_figure;

/* One KPI as an edition published it. */
typedef struct {
	char *kpi, *naam;
	char *status;            /* the status word */
	char *period;            /* the period it was based on, or "" */
	int met;                 /* the target that applied was met */
	char *definition;        /* fingerprints of how it was measured and of its targets */
	char *targets;
	int line;                /* in the record, for messages */
} ed_kpi;

typedef struct {
	char *page, *wat;        /* page slug and the milestone's text */
	char *status;            /* the status word */
	int line;
} ed_milestone;

/* An export as an edition read it: what it covered, and a fingerprint of the values the KPIs
 * read from it (version 2 on). */
typedef struct {
	char *file;
	char *fingerprint;       /* 16 hex digits */
	int line;
} ed_source;

typedef struct {
	char *file;              /* as shown: edities/editie-2025-09-30.csv */
	char *name;              /* editie-2025-09-30.csv */
	char *bytes;             /* the record as read, for the archive on the site */
	size_t len;
	int peildatum;
	int correction;          /* 0: the edition as first published; n: its n-th correction
	                            (editie-JJJJ-MM-DD-correctie-n.csv), which replaces the ones before */
	ed_kpi *kpis;
	size_t nkpis;
	ed_figure *figs;
	size_t nfigs;
	ed_milestone *ms;
	size_t nms;
	ed_source *sources;      /* empty in a version 1 record */
	size_t nsources;
} edition_t;

/* Why a published figure changed, as far as meetlat can tell. */
typedef enum { REV_UNKNOWN, REV_OPEN_RESOLVED, REV_ROWS_ADDED, REV_ROWS_REMOVED, REV_DEFINITION } rev_why;

typedef enum {
	CH_STATUS, CH_MET, CH_UNMET, CH_NEW_KPI, CH_GONE_KPI, CH_TARGETS, CH_DEFINITION, CH_REVISED,
	CH_REVISED_GROUPS, CH_GONE_FIGURES, CH_MS_DONE, CH_MS_LATE
} change_kind;

/* One change since the previous edition, for "Wat is er veranderd". */
typedef struct {
	change_kind kind;
	const kpi_t *k;          /* the KPI, or NULL */
	const char *naam;        /* CH_GONE_KPI: its name then */
	const char *was;         /* CH_STATUS: the status then; milestones: their status then */
	const page_t *page;      /* milestones */
	const milestone_t *ms;
	const series_t *series;  /* CH_REVISED: the series and the figure (its was, value and why) */
	const cell_t *cell;
	int count;               /* CH_REVISED_GROUPS, CH_GONE_FIGURES: how many figures */
	int same_data;           /* CH_STATUS: the KPI's export is the one the edition read */
	int new_period;          /* CH_STATUS: the status rests on a later period than the edition's */
} change_t;

typedef struct {
	char *gemeente;
	char *website;           /* where the site is published, for the reports; or NULL */
	char *thema;
	char *uitgelicht;        /* KPI id featured on the overview */
	page_t **pages;          /* in file-name order */
	size_t npages;
	kpi_t **kpis;            /* in page order */
	size_t nkpis;
	char **failed_kpis;      /* ids of KPIs the content defines with errors: nothing that merely
	                            follows from their absence is reported */
	size_t nfailed_kpis;
	datafile_t *files;       /* sorted by name */
	size_t nfiles;
	stand_t *stands;         /* 'stand' per export, from the content */
	size_t nstands;
	calendar_t cal;
	md_doc *definities;      /* docs/definities.md: how every figure is computed, for readers */
	md_doc *definities_tech; /* its section "Technische toelichting" (formulas, files): the site
	                            shows it, the report leaves it out; or NULL */
	abbrev_t *abbrevs;       /* 'afkortingen:', in the order written */
	size_t nabbrevs;
	int programmajaar;       /* the year of the programme text ('programmajaar:'), or 0 */
	char *portefeuillehouder; /* the alderman responsible ('portefeuillehouder:'), or NULL */
	/* what people wrote for this edition: toelichtingen/<peildatum>.md (load/explain.c) */
	char *words_file;        /* as shown, or NULL when there is no file for this reference date */
	md_doc *mgmt_summary;    /* its text: the management summary, or NULL */
	char *versie;            /* the report's version ('versie:'), or NULL */
	int uitgegeven;          /* the day it is issued ('uitgegeven:'), or DAY_NONE */
	int words_example;       /* 'voorbeeld: ja': example text, said wherever it is shown */
	/* money: data/financien.csv (load/finance.c) */
	char *finance_file;      /* as shown, or NULL when there is none */
	int finance_rows;        /* rows for the report's year */
	char *content_dir;       /* where the content's images are (NULL: none can be) */
	image_t *images;         /* sorted by rel */
	size_t nimages;
	int peildatum;
	peil_bron peildatum_bron;
	int voorbeelddata;       /* data/voorbeelddata.txt exists */
	int fingerprints;        /* the exports' fingerprints are needed: there are editions to compare
	                          * with, or this build publishes one (set before data_load) */
	char *conf_file;         /* where gemeente/peildatum were set, for messages */
	int conf_peildatum;      /* from content, DAY_NONE if not set */

	/* computed by the engine */
	int report_year;         /* the council report's year */
	int mt_quarter;          /* the MT report's quarter (period key) */
	int report_month;        /* the month the reference date ends (period key), else -1 */
	int kpi_count[ST_N];     /* KPIs per status */
	int ms_count[MS_N];      /* milestones per status, all pages */
	size_t nms;
	going_well_t *well;      /* groups that meet their norm */
	size_t nwell;

	/* editions: the records read (by reference date), the one compared with, the changes */
	edition_t *editions;
	size_t neditions;
	int prev;                /* index into editions, or -1 */
	change_t *changes;
	size_t nchanges;
	char *record;            /* with build --publiceer: this build's record, to be kept, */
	size_t record_len;       /* and its file name (the site's archive lists it too) */
	char *record_name;
	int correction;          /* this build's record corrects the edition of its reference date:
	                            its number (1, 2, ...), else 0 */
} model_t;

model_t *model_new(void);
void model_free(model_t *m);
void edition_free(edition_t *e);
void kpi_free(kpi_t *k);
void series_free(series_t *s);
kpi_t *model_find_kpi(const model_t *m, const char *id);
/* Whether the content defines a KPI with this id (of `len` bytes) that had errors. */
int model_kpi_failed(const model_t *m, const char *id, size_t len);
/* The values a KPI's figures and targets can sanely take, by unit: a percentage 0 to 100, a
 * mark within its 'bereik' (a reported mark 0 to 10), a count 0 to a billion, working days 0
 * to 10.000. A value outside is a typo (a 400-digit number, 1e37) and is refused where it is
 * read. */
void kpi_value_range(const kpi_def *k, double *lo, double *hi);
#define VALUE_MAX 1e9
/* Whether a KPI's status asks its owner for an explanation: not met, fallen back, at risk or
 * behind. */
int kpi_needs_explanation(const kpi_t *k);
void explain_free(explain_t *e);
/* Cell of series s for period key, or NULL. */
const cell_t *series_cell(const series_t *s, int key);
/* The target that applies on `day`: the first one on or after it, else the last one;
 * NULL when the KPI has no targets. */
const target_t *kpi_target_at(const kpi_t *k, int day);
/* The target that applies at the reference date (res.goal), or NULL. */
const target_t *kpi_goal(const kpi_t *k);
/* Relative link from the site root to a page ("acties/dashboard.html"). */
char *page_href(const page_t *p);
/* Whether data file `file` serves a KPI's `bron`: the same name in any capitals, with or without
 * .csv or .xlsx ("terugbelverzoeken" is served by terugbelverzoeken.csv, Terugbelverzoeken.CSV
 * or terugbelverzoeken.xlsx; the loader names a difference in capitals in a notice). */
int model_serves(const char *bron, const char *file);
/* The data file a KPI reads, or NULL. */
const datafile_t *model_source(const model_t *m, const kpi_t *k);
/* The calendar years the data files that were read cover: 0, or -1 when none has a date. */
int model_data_years(const model_t *m, int *first, int *last);

#endif
