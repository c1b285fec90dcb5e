#!/usr/bin/env python3
"""A workbook as a reviewer reads it: every sheet with its print and view settings, tables,
conditional formats, charts (series and references) and every non-empty cell with its number
format. Written for expected-output tests: the same workbook always gives the same text.
Usage: xlsxdump.py FILE.xlsx"""
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
p = wb.properties
print(f"workbook: title={p.title!r} subject={p.subject!r} creator={p.creator!r} keywords={p.keywords!r}")
for ws in wb.worksheets:
    print(f"\n== sheet {ws.title!r} ({ws.sheet_state})")
    print(f"freeze={ws.freeze_panes} filter={ws.auto_filter.ref} dims={ws.dimensions}")
    ps = ws.page_setup
    print(f"print: orientation={ps.orientation} paper={ps.paperSize} fitToWidth={ps.fitToWidth} "
          f"fitToHeight={ps.fitToHeight} titles={ws.print_title_rows} "
          f"header={ws.oddHeader.center.text!r} footer={ws.oddFooter.center.text!r}")
    for name, t in sorted(ws.tables.items()):
        print(f"table {name}: {t.ref} style={t.tableStyleInfo.name if t.tableStyleInfo else None}")
    for rng in ws.conditional_formatting:
        for r in rng.rules:
            print(f"conditional {rng.sqref}: {r.type} {r.operator} {r.formula} {r.text!r}")
    for ch in ws._charts:
        title = None
        if ch.title and ch.title.tx and ch.title.tx.rich:
            title = "".join(r.t for p_ in ch.title.tx.rich.p for r in (p_.r or []))
        print(f"chart {type(ch).__name__}: title={title!r} y=[{ch.y_axis.scaling.min}, {ch.y_axis.scaling.max}]")
        for s in ch.series:
            ref = s.val.numRef.f if s.val and s.val.numRef else None
            cat = None
            if s.cat is not None:
                cat = (s.cat.numRef or s.cat.strRef).f if (s.cat.numRef or s.cat.strRef) else None
            name = s.tx.strRef.f if s.tx and s.tx.strRef else (s.tx.v if s.tx else None)
            print(f"  series {name!r}: values={ref} categories={cat}")
    for link in sorted(ws._hyperlinks, key=lambda h: h.ref):
        print(f"link {link.ref}: {link.location or link.target}")
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            fmt = "" if c.number_format == "General" else f" [{c.number_format}]"
            print(f"{c.coordinate}: {c.value!r}{fmt}")
