#!/usr/bin/env python3
"""The workbooks as a manager and a second program read them. Checks, with openpyxl, the
workbooks in an output folder against the open data beside them (output/data/*.csv):

- every sheet: no merged cells, landscape A4 fitted to one page wide, a page header and
  "Pagina &P van &N" in the footer, the header row repeated when the sheet has a table;
  sheet names of at most 31 characters, unique;
- the overview: an Excel table with a row per KPI, a link to an existing sheet, the value as a
  number (a share as a fraction with a percent format), the period's first day as a date;
- every KPI sheet: its table holds exactly the rows of the KPI's open-data file, numbers equal
  to the CSV's (shares times 100), periods as real dates; a line chart whose series are the
  columns of its data table, the organisation and every reference line (targets, baseline),
  shares on an axis from 0 to 100%;
- the monthly workbook of each KPI marked maandrapportage (when its file is there): this month
  per group with the organisation's value equal to the CSV, conditional formats against the
  targets with a symbol in the number format;
- charts plot rows a filter hides and keep their size (the chart shares rows with the KPI's
  table); every sheet after the first links back to it; while the site says the figures are
  examples, every sheet says so under its title and in its printed footer; a change of a share
  is in percentage points with its verdict (beter/slechter) in the number format.

Usage: xlsxcheck.py OUTPUT_DIR [MONTHLY_KPI_ID ...]; prints "ok" and counts, or the problems;
exit status 0 or 1. Each MONTHLY_KPI_ID must have a monthly workbook."""
import csv
import datetime
import glob
import os
import re
import sys
import zipfile

import openpyxl

out = sys.argv[1]
monthly_ids = sys.argv[2:]
problems = []


def bad(msg):
    if len(problems) < 40:
        problems.append(msg)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    return rows[0], rows[1:]


def num(s):
    return float(s.replace(".", "").replace(",", ".")) if s else None


def period_code(d, kind):
    if kind == "Maand":
        return f"{d.year}-{d.month:02d}"
    if kind == "Kwartaal":
        return f"{d.year}-K{(d.month - 1) // 3 + 1}"
    return f"{d.year}"


def table_rows(ws, t):
    (c0, r0), (c1, r1) = [openpyxl.utils.cell.coordinate_from_string(x) for x in t.ref.split(":")]
    cols = range(openpyxl.utils.column_index_from_string(c0), openpyxl.utils.column_index_from_string(c1) + 1)
    head = [ws.cell(r0, c).value for c in cols]
    rows = [[ws.cell(r, c) for c in cols] for r in range(r0 + 1, r1 + 1)]
    return head, rows


def main_table(ws):
    """A KPI sheet's own table: the one at column A that is not the chart's data."""
    mains = [t for t in ws.tables.values() if t.ref.startswith("A") and not t.name.startswith("tabel_grafiek_")]
    return mains[0] if mains else None


def check_home_link(ws, home):
    links = [c.hyperlink.location for row in ws.iter_rows(max_row=12) for c in row if c.hyperlink]
    if f"'{home}'!A1" not in links and f"{home}!A1" not in links:
        bad(f"{ws.title}: no link back to {home!r} ({links})")


def check_charts_xml(path):
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if re.match(r"xl/charts/chart\d+\.xml$", n) and b'<c:plotVisOnly val="1"/>' in z.read(n):
                bad(f"{os.path.basename(path)} {n}: plots visible cells only; a filter on the table empties it")
            if re.match(r"xl/drawings/drawing\d+\.xml$", n) and b'editAs="absolute"' not in z.read(n):
                bad(f"{os.path.basename(path)} {n}: the chart moves and sizes with the rows a filter hides")


examples = "Voorbeelddata" in open(os.path.join(out, "index.html"), encoding="utf-8").read()


def check_sheet_common(ws):
    if ws.merged_cells.ranges:
        bad(f"{ws.title}: merged cells")
    ps = ws.page_setup
    if ps.orientation != "landscape" or str(ps.paperSize) != "9":
        bad(f"{ws.title}: not landscape A4")
    if not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage):
        bad(f"{ws.title}: not fitted to the page width")
    if "Pagina &P van &N" not in (ws.oddFooter.right.text or ""):
        bad(f"{ws.title}: no page numbers in the footer")
    if not ws.oddHeader.left.text:
        bad(f"{ws.title}: no page header")
    if ws.tables and not ws.print_title_rows:
        bad(f"{ws.title}: the header row is not repeated on printed pages")
    if examples:
        if "Voorbeeldgegevens" not in (ws.oddFooter.center.text or ""):
            bad(f"{ws.title}: the printed footer does not say the figures are examples")
        if ws.title != "Definities" and ws.title != "Mijlpalen" and \
                not any("voorbeeldgegevens" in str(c.value or "") for row in ws.iter_rows(max_row=3) for c in row):
            bad(f"{ws.title}: no line under the title says the figures are examples")


def check_names(wb):
    seen = set()
    for n in wb.sheetnames:
        if len(n) > 31:
            bad(f"sheet name longer than 31: {n!r}")
        if n.lower() in seen:
            bad(f"sheet name twice: {n!r}")
        seen.add(n.lower())


def check_kpi_sheet(ws, kpi_id):
    """The main table against data/<kpi_id>.csv, and the chart."""
    main = main_table(ws)
    if not main:
        bad(f"{ws.title}: no table at column A")
        return 0
    head, rows = table_rows(ws, main)
    chead, crows = read_csv(os.path.join(out, "data", kpi_id + ".csv"))
    if len(rows) != len(crows):
        bad(f"{ws.title}: {len(rows)} rows, data/{kpi_id}.csv has {len(crows)}")
        return 0
    # the sheet's columns are the CSV's, with "Begin kwartaal" after a quarter's label; the
    # column of revised figures only when a figure was revised
    if chead[-1] == "eerder_gepubliceerd" and "Eerder gepubliceerd" not in head:
        if any(r[-1] for r in crows):
            bad(f"{ws.title}: data/{kpi_id}.csv has revised figures, the sheet has no column for them")
        chead = chead[:-1]
        crows = [r[:-1] for r in crows]
    cols = [i for i, h in enumerate(head) if h != "Begin kwartaal"]
    if len(cols) != len(chead):
        bad(f"{ws.title}: columns {head} do not match {chead}")
        return 0
    checked = 0
    for r, crow in zip(rows, crows):
        for ci, cv in zip(cols, crow):
            cell, h = r[ci], head[ci]
            if h in ("Maand", "Jaar"):
                if not isinstance(cell.value, datetime.datetime):
                    bad(f"{ws.title} {cell.coordinate}: period is not a date: {cell.value!r}")
                elif period_code(cell.value, h) != cv:
                    bad(f"{ws.title} {cell.coordinate}: {cell.value} is not {cv}")
                elif h == "Maand" and cell.number_format != "[$-413]mmm yyyy":
                    bad(f"{ws.title} {cell.coordinate}: month format {cell.number_format}")
            elif h == "Kwartaal":
                start = r[ci + 1].value
                if not isinstance(start, datetime.datetime) or period_code(start, h) != cv:
                    bad(f"{ws.title} {cell.coordinate}: quarter {cell.value!r} starts {start!r}, want {cv}")
            elif isinstance(cell.value, (int, float)):
                want = num(cv)
                got = cell.value * 100 if cell.number_format == "0.0%" else cell.value
                if cell.number_format == "0.0%" and not 0 <= cell.value <= 1.5:
                    bad(f"{ws.title} {cell.coordinate}: a share stored as {cell.value}")
                if want is None or abs(got - want) > 0.05:
                    bad(f"{ws.title} {cell.coordinate}: {cell.value} ({cell.number_format}), CSV says {cv!r}")
                checked += 1
            else:
                if (cell.value or "") != cv.lstrip("'"):
                    bad(f"{ws.title} {cell.coordinate}: {cell.value!r}, CSV says {cv!r}")
    # the chart: its series are the columns of the chart's data table
    if not ws._charts:
        bad(f"{ws.title}: no chart")
        return checked
    ch = ws._charts[0]
    data = [t for t in ws.tables.values() if "grafiek" in t.name]
    if not data:
        bad(f"{ws.title}: the chart has no data table")
        return checked
    dhead, drows = table_rows(ws, data[0])
    names = []
    for s in ch.series:
        ref = s.tx.strRef.f.split("!")[1].replace("$", "")
        names.append(ws[ref].value)
    if names != dhead[1:]:
        bad(f"{ws.title}: chart series {names}, data table {dhead[1:]}")
    share = bool(drows) and any(r[1].number_format == "0.0%" for r in drows)
    # a share runs from 0 to 100%, unless its axis says where it starts (a narrow band)
    axis_name = "".join(r.t for p in ch.y_axis.title.tx.rich.p for r in (p.r or [])) if ch.y_axis.title else ""
    lo = ch.y_axis.scaling.min
    if share and ch.y_axis.scaling.max != 1:
        bad(f"{ws.title}: a share's axis runs {lo}-{ch.y_axis.scaling.max}")
    if share and lo != 0 and f"de as begint bij {round(lo * 100)}%" not in axis_name:
        bad(f"{ws.title}: a share's axis starts at {lo} without saying so ({axis_name!r})")
    return checked


def check_quarterly(path):
    wb = openpyxl.load_workbook(path)
    check_names(wb)
    for ws in wb.worksheets:
        check_sheet_common(ws)
    check_charts_xml(path)
    ov = wb["Overzicht"]
    (t,) = ov.tables.values()
    head, rows = table_rows(ov, t)
    first = int(re.match(r"[A-Z]+(\d+)", t.ref).group(1)) + 1
    if ov.freeze_panes != f"B{first}":
        bad(f"overview frozen at {ov.freeze_panes}, its table starts at {t.ref}")
    for ws in wb.worksheets[1:]:
        check_home_link(ws, "Overzicht")
    want = ["KPI", "Soort", "Actie of teamdoel", "Eigenaar", "Waarde", "Eenheid", "Periode", "Begin periode",
            "Verschil met vorige periode", "Doel", "Doeldatum", "Status", "Toelichting"]
    if head != want and head != want + ["Vorige editie", "Periode vorige editie"]:
        bad(f"overview headers {head}")
    ncsv = len(glob.glob(os.path.join(out, "data", "*.csv")))
    if len(rows) != ncsv:
        bad(f"overview has {len(rows)} KPIs, data/ has {ncsv} files")
    checked = 0
    for r in rows:
        name, value, unit, start = r[0], r[4], r[5].value, r[7].value
        loc = name.hyperlink.location if name.hyperlink else None
        sheet = re.match(r"'(.*)'!A1$", loc or "")
        if not sheet or sheet.group(1).replace("''", "'") not in wb.sheetnames:
            bad(f"overview {name.value!r}: link {loc!r} names no sheet")
            continue
        ws = wb[sheet.group(1).replace("''", "'")]
        if ws["A1"].value != name.value:
            bad(f"overview {name.value!r} links to the sheet of {ws['A1'].value!r}")
        if value.value is not None:
            if unit == "procent" and (value.number_format != "0.0%" or not 0 <= value.value <= 1.5):
                bad(f"overview {name.value!r}: share {value.value} as {value.number_format}")
            if not isinstance(start, datetime.datetime):
                bad(f"overview {name.value!r}: period start {start!r} is not a date")
        if not r[11].value:
            bad(f"overview {name.value!r}: no status")
        change = r[8]
        if change.value is not None:
            fmt = change.number_format
            if "(beter)" not in fmt or "(slechter)" not in fmt or ("%-punt" in fmt) != (unit == "procent"):
                bad(f"overview {name.value!r}: change {change.value} as {fmt}")
        main = main_table(ws)
        if main:
            kpi_id = main.name[len("tabel_"):]
            files = {os.path.basename(f)[:-4].replace("-", "_"): os.path.basename(f)[:-4]
                     for f in glob.glob(os.path.join(out, "data", "*.csv"))}
            if kpi_id not in files:
                bad(f"{ws.title}: table {main.name} matches no data file")
            else:
                checked += check_kpi_sheet(ws, files[kpi_id])
    return len(rows), checked


def check_monthly(path, kpi_id):
    wb = openpyxl.load_workbook(path)
    check_names(wb)
    for ws in wb.worksheets:
        check_sheet_common(ws)
    if wb.sheetnames[:2] != ["Deze maand", "Per maand"]:
        bad(f"{path}: sheets {wb.sheetnames}")
        return
    check_charts_xml(path)
    for ws in wb.worksheets[1:]:
        check_home_link(ws, "Deze maand")
    month = re.search(r"-(\d{4}-\d{2})\.xlsx$", path).group(1)
    chead, crows = read_csv(os.path.join(out, "data", kpi_id + ".csv"))
    want = {r[0]: r for r in crows if r[1] == month}
    ws = wb["Deze maand"]
    if not ws.tables:
        bad(f"{path}: 'Deze maand' has no table")
        return
    (t,) = ws.tables.values()
    head, rows = table_rows(ws, t)
    got = {r[0].value: r for r in rows}
    if set(got) != set(want):
        bad(f"{path}: this month's rows {sorted(got)} are not the CSV's {sorted(want)}")
    vcol = next((i for i, h in enumerate(head) if "(%)" in h), None)
    if vcol is None:
        bad(f"{path}: no share column in {head}")
        return
    for g, r in got.items():
        c = want.get(g)
        if c and r[vcol].value is not None and abs(r[vcol].value * 100 - num(c[vcol + 1])) > 0.05:
            bad(f"{path}: {g} {r[vcol].value}, CSV {c[vcol + 1]}")
    col = openpyxl.utils.get_column_letter(vcol + 1)
    rules = [r for rng in ws.conditional_formatting if str(rng.sqref).startswith(col) for r in rng.rules]
    symbols = "".join(r.dxf.numFmt.formatCode for r in rules if r.dxf is not None and r.dxf.numFmt is not None)
    if len(rules) < 2 or not all(s in symbols for s in "✔✖"):
        bad(f"{path}: the share column is not marked against the targets ({len(rules)} rules)")


nkpi, ncells = 0, 0
quarterly = sorted(glob.glob(os.path.join(out, "mt-rapportage-*.xlsx")))
if len(quarterly) != 1:
    bad(f"{len(quarterly)} quarterly workbooks")
else:
    nkpi, ncells = check_quarterly(quarterly[0])
for kpi_id in monthly_ids:
    files = glob.glob(os.path.join(out, kpi_id + "-????-??.xlsx"))
    if len(files) != 1:
        bad(f"{len(files)} monthly workbooks for {kpi_id}")
    else:
        check_monthly(files[0], kpi_id)
print(f"ok: {nkpi} KPIs, {ncells} numbers equal to the open data" if not problems else "\n".join(problems))
sys.exit(1 if problems else 0)
