#!/usr/bin/env python3
"""A workbook as a reviewer reads it: every sheet with its print and view settings, tables,
conditional formats, charts (series and references), the print area, defined names and every
non-empty cell with its number format and horizontal alignment (a formula as written, with the
value it caches). Written for expected-output tests: the same workbook always gives the same text.
Usage: xlsxdump.py FILE.xlsx"""
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
cached = openpyxl.load_workbook(sys.argv[1], data_only=True)
p = wb.properties
print(f"workbook: title={p.title!r} subject={p.subject!r} creator={p.creator!r} keywords={p.keywords!r}")
names = wb.defined_names.items() if hasattr(wb.defined_names, "items") else \
    [(d.name, d) for d in wb.defined_names.definedName]
for n, d in sorted(names):
    print(f"name {n}: {d.attr_text}")
for ws in wb.worksheets:
    print(f"\n== sheet {ws.title!r} ({ws.sheet_state})")
    print(f"freeze={ws.freeze_panes} filter={ws.auto_filter.ref} dims={ws.dimensions}")
    ps = ws.page_setup
    print(f"print: orientation={ps.orientation} paper={ps.paperSize} fitToWidth={ps.fitToWidth} "
          f"fitToHeight={ps.fitToHeight} titles={ws.print_title_rows} "
          f"fitToPage={ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None}")
    print(f"header: left={ws.oddHeader.left.text!r} right={ws.oddHeader.right.text!r}; "
          f"footer: left={ws.oddFooter.left.text!r} right={ws.oddFooter.right.text!r}")
    widths = {k: round(d.width, 1) for k, d in sorted(ws.column_dimensions.items()) if d.width}
    heights = {k: d.ht for k, d in sorted(ws.row_dimensions.items()) if d.ht}
    print(f"widths={widths} heights={heights}")
    for name, t in sorted(ws.tables.items()):
        t = ws.tables[name]
        print(f"table {name}: {t.ref} style={t.tableStyleInfo.name if t.tableStyleInfo else None} "
              f"banded={t.tableStyleInfo.showRowStripes if t.tableStyleInfo else None} "
              f"columns={[c.name for c in t.tableColumns]}")
    for rng in ws.conditional_formatting:
        for r in rng.rules:
            dxf = ""
            if r.dxf is not None:
                if r.dxf.numFmt is not None:
                    dxf += f" numFmt={r.dxf.numFmt.formatCode!r}"
                if r.dxf.fill is not None:
                    colours = [c.rgb for c in (r.dxf.fill.fgColor, r.dxf.fill.bgColor)
                               if c is not None and c.rgb not in (None, "00000000")]
                    dxf += f" fill={colours[0] if colours else None}"
            print(f"conditional {rng.sqref}: {r.type} {r.operator} {r.formula} {r.text!r} stop={r.stopIfTrue}{dxf}")
    for ch in ws._charts:
        title = None
        if ch.title and ch.title.tx and ch.title.tx.rich:
            title = "".join(r.t for p_ in ch.title.tx.rich.p for r in (p_.r or []))
        fmt = ch.y_axis.number_format.formatCode if ch.y_axis.number_format else None
        print(f"chart {type(ch).__name__}: title={title!r} y=[{ch.y_axis.scaling.min}, {ch.y_axis.scaling.max}] "
              f"format={fmt!r} legend={ch.legend.position if ch.legend else None}")
        for s in ch.series:
            ref = s.val.numRef.f if s.val and s.val.numRef else None
            cat = None
            if s.cat is not None:
                cat = (s.cat.numRef or s.cat.strRef).f if (s.cat.numRef or s.cat.strRef) else None
            name = s.tx.strRef.f if s.tx and s.tx.strRef else (s.tx.v if s.tx else None)
            print(f"  series {name!r}: values={ref} categories={cat}")
    if ws.print_area:
        print(f"print area: {ws.print_area}")
    for link in sorted(ws._hyperlinks, key=lambda h: h.ref):
        print(f"link {link.ref}: {link.location or link.target}")
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            fmt = "" if c.number_format == "General" else f" [{c.number_format}]"
            align = f" <{c.alignment.horizontal}>" if c.alignment.horizontal else ""
            value = cached[ws.title][c.coordinate].value
            result = f" -> {value!r}" if isinstance(c.value, str) and c.value.startswith("=") else ""
            print(f"{c.coordinate}: {c.value!r}{result}{fmt}{align}")
