/* pdfchart.h - a chart of the one chart description (model/chart.h) as a figure of the PDF,
 * drawn as vector graphics with its labels measured in the report's own font: no label leaves
 * the drawing or touches another (coinciding reference lines have one label, labels move
 * apart, long ones wrap, the drawing grows rather than cut), text of at least 8 pt, the unit
 * over the value axis, a break mark where the axis does not start at its natural zero, and a
 * single period drawn as a value (a bar) rather than as a line. */
#ifndef MEETLAT_PDFCHART_H
#define MEETLAT_PDFCHART_H

#include "model/chart.h"
#include "render/layout.h"

/* The figure for chart c (the caller keeps c alive until lay_figure returns): its height at the
 * full width, its drawing, its alternative text (what chart it is, over what, with which lines,
 * and then `finding`; malloc'ed) and a fingerprint of the values it shows (the same values
 * drawn twice are one figure). `finding`: the caption's text. */
void pchart_figure(lay *l, const chart_t *c, const char *finding, lay_fig *out);
void pchart_figure_free(lay_fig *f);

#endif
