/* svg.h - draws a chart description as inline, accessible SVG (role="img", title and
 * description; lines labelled directly; reference lines labelled in words). */
#ifndef MEETLAT_SVG_H
#define MEETLAT_SVG_H

#include "model/chart.h"
#include "base/util.h"

void svg_chart(const chart_t *c, buf_t *out);

#endif
