/* svg.h - draws a chart description as inline, accessible SVG (role="img", title and
 * description; lines labelled directly; reference lines labelled in words). */
#ifndef MEETLAT_SVG_H
#define MEETLAT_SVG_H

#include "model/chart.h"
#include "base/util.h"

/* A figure with the chart drawn wide and narrow (the stylesheet shows one) and its finding as
 * the caption; `table_id` names the table that holds the chart's data (data-tabel), or NULL. */
void svg_chart(const chart_t *c, const char *table_id, buf_t *out);
/* One chart of a grid of small multiples, drawn once at a size that fits a phone and a third of
 * a laptop screen: `heading` (the team) as its heading at `level`, its finding as the caption,
 * reference lines without labels. */
void svg_small(const chart_t *c, const char *heading, int level, const char *table_id, buf_t *out);
/* What the reference lines of a grid's charts are, once above the grid (the charts of one KPI
 * share their lines). */
void svg_legend(const chart_t *c, buf_t *out);

#endif
