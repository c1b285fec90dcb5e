/* model.h - the one in-memory model of the programme. Loaders fill it, the KPI engine
 * computes its series and statuses, renderers only read it. model_free frees everything. */
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
/* "1. We volgen de logica van de inwoner", for headings */
extern const char *const ambition_titles[AMB_N];

typedef enum { MS_GEREED, MS_LOOPT, MS_TE_LAAT, MS_GEPLAND } ms_status;
extern const char *const ms_status_word[4];

typedef struct {
	int first, last;   /* the days the milestone's date or period covers */
	char *when;        /* as written for readers: "mei 2024", "3e kwartaal 2024" */
	char *wat;
	int gereed;
	ms_status status;  /* at the reference date */
} milestone_t;

typedef enum { MAAT_TERMIJN, MAAT_GEMIDDELDE, MAAT_AANDEEL, MAAT_AANTAL, MAAT_WAARDE } maat_t;
extern const char *const maat_names[5];

typedef enum { ST_BEHAALD, ST_OP_KOERS, ST_RISICO, ST_ACHTER, ST_GEEN_GEGEVENS, ST_GEEN_DOEL } kpi_status;
extern const char *const kpi_status_word[6];
/* A text symbol for each status, so meaning never rests on colour alone. */
extern const char *const kpi_status_icon[6];

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
} target_t;

typedef struct {
	char *groep;             /* NULL: the whole organisation */
	int datum;
	char *wat;               /* "Pilot gestart" */
} event_t;

/* One period of one group. */
typedef struct {
	int key;          /* period number (date.h) */
	long total;       /* rows counted in this period */
	long n;           /* termijn: decided items; gemiddelde/aandeel: rows with a value */
	long hits;        /* termijn: late (lager) or in time (hoger); aandeel: matches;
	                     gemiddelde: at or above the norm */
	long open;        /* termijn: still open within their deadline ("lopend") */
	double sum, sumsq;
	int has_value;    /* a value exists and is not suppressed */
	int suppressed;   /* gemiddelde with fewer rows than the minimum */
	double value;     /* percentage, mean, count or reported value */
	double lo, hi;    /* gemiddelde: 95% confidence interval */
	double norm_pct;  /* gemiddelde: share at or above the norm, in % */
	/* termijn, while the reference date is unknown: deadlines of open items */
	int *open_deadline;
	long *open_count;
	size_t nopen, capopen;
} cell_t;

typedef struct {
	char *name;       /* group value; "Totaal" for the whole organisation */
	int first_key;    /* cells[i] has key first_key + i */
	cell_t *cells;
	size_t ncells;
} series_t;

typedef struct page page_t;

typedef struct {
	char *id, *naam, *omschrijving;
	maat_t maat;
	eenheid_t eenheid;
	char *bron;              /* data file name, e.g. terugbelverzoeken.csv */
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
	char *file;              /* where it was defined */
	int line, col;
	page_t *page;

	/* computed */
	series_t total;
	series_t *groups;        /* sorted by name */
	size_t ngroups;
	kpi_status status;
	int cur_key;             /* the period the status is based on, if has_cur */
	int has_cur;
	double cur;
	int has_change;          /* the period before cur_key has a value too */
	double change;           /* cur minus that value, both rounded as shown */
	char *reason;            /* Dutch sentence explaining the status */
} kpi_t;

struct page {
	char *file;              /* name in content/ */
	char *slug;
	soort_t soort;
	char *titel;
	char *eigenaar;          /* owner team */
	char *samenvatting;
	md_doc *body;            /* text that is not a SMART or ambition section */
	md_doc *smart[SMART_N];
	md_doc *amb[AMB_N];
	milestone_t *ms;
	size_t nms;
	kpi_t **kpis;            /* owned by the model's kpis list */
	size_t nkpis;
};

typedef struct {
	char *name;              /* e.g. terugbelverzoeken.csv */
	int used;                /* read by at least one KPI */
	long rows;
	int first, last;         /* dates covered, DAY_NONE if none */
	int cp1252;              /* converted from Windows-1252 */
} datafile_t;

typedef struct {
	char *gemeente;
	char *thema;
	char *uitgelicht;        /* KPI id featured on the overview */
	page_t **pages;          /* in file-name order */
	size_t npages;
	kpi_t **kpis;            /* in page order */
	size_t nkpis;
	datafile_t *files;       /* sorted by name */
	size_t nfiles;
	calendar_t cal;
	int peildatum;
	const char *peildatum_bron; /* "opdrachtregel", "instelling" or "gegevens" */
	int voorbeelddata;       /* data/voorbeelddata.txt exists */
	char *conf_file;         /* where gemeente/peildatum were set, for messages */
	int conf_peildatum;      /* from content, DAY_NONE if not set */
} model_t;

model_t *model_new(void);
void model_free(model_t *m);
void kpi_free(kpi_t *k);
kpi_t *model_find_kpi(const model_t *m, const char *id);
/* Cell of series s for period key, or NULL. */
const cell_t *series_cell(const series_t *s, int key);
/* The report year and MT period follow from the reference date. */
int model_report_year(const model_t *m);
void model_mt_period(const model_t *m, char *out); /* "2025-K4" */
/* Relative link from the site root to a page ("acties/dashboard.html"). */
char *page_href(const page_t *p);

#endif
