#!/usr/bin/env python3
"""The workbooks as a manager, a controller and a second program read them. Checks, with
openpyxl, the workbooks in an output folder against the open data beside them (output/data/*.csv)
and the open data against their description (output/data/datapackage.json):

- every sheet: no merged cells, landscape A4 fitted to one page wide, a page header and
  "Pagina &P van &N" in the footer, the header row repeated when the sheet has a table;
  sheet names of at most 31 characters, unique; every table's header over a column of numbers
  right-aligned, like its numbers;
- the overview: an Excel table with a row per KPI, a link to an existing sheet, the value as a
  number (a share as a fraction with a percent format), the period's first day as a date, the
  status with its icon and colour, the target with its direction (≤ or ≥, as the open data's
  description says) in its number format, the change in the value's unit (a share's as a
  fraction, in %-punt, with its verdict); printed on one or two pages, the explanation included;
- "Alle cijfers": one table, tabel_alle_cijfers, with the documented columns; a row for every
  row of every open-data file, the value equal to the CSV's, Waarde = Teller / Noemer;
- every KPI sheet: its table starts with Niveau, Groep, Periode, Begin periode; it holds exactly
  the rows of the KPI's open-data file, numbers equal to the CSV's (shares times 100), periods
  as real dates; a share is a formula of the counts in its row (structured references) whose
  result, its cached value and the CSV agree; per period the rows of the groups add up to the
  organisation's row (the level column keeps them apart); a line chart whose series are the
  columns of its data table; printed on one page: the chart and the header with 12 rows;
- the monthly workbook of each KPI marked maandrapportage (when its file is there): this month
  per group with the organisation's value equal to the CSV, conditional formats against the
  targets held in named cells (doel_nu, doel_vorig) with a symbol in the number format;
- the open data: datapackage.json describes every CSV (dialect ';', every column with a type,
  numbers with a decimal comma and a unit, a licence), every value fits its type, the primary
  key is unique, and the groups of a level never count the organisation twice.

Usage: xlsxcheck.py OUTPUT_DIR [MONTHLY_KPI_ID ...]; prints "ok" and counts, or the problems;
exit status 0 or 1. Each MONTHLY_KPI_ID must have a monthly workbook."""
import collections
import csv
import datetime
import glob
import json
import os
import re
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import openpyxl

out = sys.argv[1]
monthly_ids = sys.argv[2:]
problems = []
counts = collections.Counter()


def bad(msg):
    if len(problems) < 40:
        problems.append(msg)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    return rows[0], rows[1:]


def num(s):
    return float(s.replace(".", "").replace(",", ".")) if s else None


def excel_round(x, dec):
    """ROUND as Excel does it: half away from zero, on the decimal the number shows."""
    q = Decimal(1).scaleb(-dec)
    d = Decimal(repr(abs(x))).quantize(q, rounding=ROUND_HALF_UP)
    return float(d) if x >= 0 else -float(d)


def period_code(d, per):
    if per == "maand":
        return f"{d.year}-{d.month:02d}"
    if per == "kwartaal":
        return f"{d.year}-K{(d.month - 1) // 3 + 1}"
    return f"{d.year}"


def table_rows(ws, t):
    (c0, r0), (c1, r1) = [openpyxl.utils.cell.coordinate_from_string(x) for x in t.ref.split(":")]
    cols = range(openpyxl.utils.column_index_from_string(c0), openpyxl.utils.column_index_from_string(c1) + 1)
    head = [ws.cell(r0, c).value for c in cols]
    rows = [[ws.cell(r, c) for c in cols] for r in range(r0 + 1, r1 + 1)]
    return head, rows


def table_first_row(t):
    return int(re.match(r"[A-Z]+(\d+)", t.ref).group(1))


def main_table(ws):
    """A KPI sheet's own table: the one at column A that is not a chart's data."""
    mains = [t for t in ws.tables.values() if t.ref.startswith("A") and not t.name.startswith("tabel_grafiek_")]
    return mains[0] if mains else None


def check_home_link(ws, home):
    links = [c.hyperlink.location for row in ws.iter_rows(max_row=14) for c in row if c.hyperlink]
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
    # a header over numbers stands right-aligned, like its numbers
    for t in ws.tables.values():
        head, rows = table_rows(ws, t)
        for i, h in enumerate(head):
            vals = [r[i].value for r in rows if r[i].value not in (None, "")]
            numeric = vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals) or (
                vals and all(isinstance(v, str) and v.startswith("=") for v in vals))
            cell = ws.cell(table_first_row(t), openpyxl.utils.column_index_from_string(
                re.match(r"[A-Z]+", t.ref).group(0)) + i)
            if numeric:
                counts["numeric headers"] += 1
                if cell.alignment.horizontal != "right":
                    bad(f"{ws.title} {cell.coordinate}: header {h!r} over numbers is aligned "
                        f"{cell.alignment.horizontal or 'left'}")
            elif cell.alignment.horizontal == "right" and vals:
                bad(f"{ws.title} {cell.coordinate}: header {h!r} over text is right-aligned")


def print_area(ws):
    """The print area as (last row, last column), 1-based, or None."""
    pa = ws.print_area
    if not pa:
        return None
    ref = (pa[0] if isinstance(pa, list) else pa).split("!")[-1].replace("$", "")
    _, c1, r1 = re.match(r"([A-Z]+\d+):([A-Z]+)(\d+)", ref).groups() if ":" in ref else (None, None, None)
    return int(r1), openpyxl.utils.column_index_from_string(c1)


def check_names(wb):
    seen = set()
    for n in wb.sheetnames:
        if len(n) > 31:
            bad(f"sheet name longer than 31: {n!r}")
        if n.lower() in seen:
            bad(f"sheet name twice: {n!r}")
        seen.add(n.lower())


def check_status_colours(ws, col, rows):
    """Every status cell begins with an icon, and a conditional format with a fill colours it."""
    letter = openpyxl.utils.get_column_letter(col + 1)
    rules = [(r.text, r.dxf) for rng in ws.conditional_formatting if str(rng.sqref).startswith(letter)
             for r in rng.rules if r.type == "beginsWith"]
    for r in rows:
        v = r[col].value
        if not v:
            continue
        if re.match(r"\w", v):
            bad(f"{ws.title} {r[col].coordinate}: status {v!r} has no icon")
        rule = next((d for text, d in rules if v.startswith(text)), None)
        if rule is None or rule.fill is None:
            bad(f"{ws.title} {r[col].coordinate}: status {v!r} has no colour")
        counts["status cells with icon and colour"] += 1


# --- the open data and their description -------------------------------------------------------

package = {}
csvs = {}


def check_datapackage():
    path = os.path.join(out, "data", "datapackage.json")
    try:
        p = json.load(open(path, encoding="utf-8"))
    except (OSError, ValueError) as e:
        bad(f"data/datapackage.json: {e}")
        return
    if p.get("profile") != "tabular-data-package" or not re.fullmatch(r"[a-z0-9._-]+", p.get("name", "")):
        bad(f"datapackage.json: profile {p.get('profile')!r}, name {p.get('name')!r}")
    if not p.get("licenses") or not all(lic.get("name") or lic.get("path") for lic in p["licenses"]):
        bad("datapackage.json: no licence")
    files = sorted(os.path.basename(f) for f in glob.glob(os.path.join(out, "data", "*.csv")))
    described = sorted(r.get("path", "") for r in p.get("resources", []))
    if files != described:
        bad(f"datapackage.json describes {described}, data/ holds {files}")
    for r in p.get("resources", []):
        where = f"datapackage.json {r.get('name')}"
        d = r.get("dialect", {})
        if d.get("delimiter") != ";" or d.get("header") is not True or r.get("encoding") != "utf-8":
            bad(f"{where}: dialect {d}, encoding {r.get('encoding')}")
        if not r.get("title") or not r.get("description"):
            bad(f"{where}: no title or description")
        if r.get("afgeleid") and r["afgeleid"] not in r["description"]:
            bad(f"{where}: the description leaves out why it is afgeleid")
        fields = r.get("schema", {}).get("fields", [])
        try:
            head, rows = read_csv(os.path.join(out, "data", r["path"]))
        except OSError:
            continue
        csvs[r["path"][:-4]] = (head, rows)
        package[r["path"][:-4]] = r
        if [f.get("name") for f in fields] != head:
            bad(f"{where}: fields {[f.get('name') for f in fields]}, the file has {head}")
            continue
        for f in fields:
            counts["open-data columns described"] += 1
            if f.get("type") not in ("string", "integer", "number", "year", "yearmonth") or not f.get("description"):
                bad(f"{where} {f.get('name')}: type {f.get('type')!r}, description {f.get('description')!r}")
            if f.get("type") == "number" and f.get("decimalChar") != ",":
                bad(f"{where} {f['name']}: a number without decimalChar ','")
            if f.get("type") in ("integer", "number") and not f.get("unit"):
                bad(f"{where} {f['name']}: a number without its unit")
        pattern = {"integer": r"-?\d+", "number": r"-?\d+(,\d+)?", "year": r"\d{4}", "yearmonth": r"\d{4}-\d{2}"}
        for row in rows:
            for f, v in zip(fields, row):
                if v == "":
                    if f.get("constraints", {}).get("required"):
                        bad(f"{where}: {f['name']} is empty in {row}")
                    continue
                want = pattern.get(f["type"]) or f.get("constraints", {}).get("pattern")
                if want and not re.fullmatch(want, v):
                    bad(f"{where}: {f['name']} {v!r} is no {f['type']}")
                enum = f.get("constraints", {}).get("enum")
                if enum and v not in enum:
                    bad(f"{where}: {f['name']} {v!r} not in {enum}")
        key = [head.index(k) for k in r.get("schema", {}).get("primaryKey", [])]
        keys = [tuple(row[i] for i in key) for row in rows]
        if not key or len(set(keys)) != len(keys):
            bad(f"{where}: primary key {r.get('schema', {}).get('primaryKey')} is not unique")
        check_levels(r["path"], head, rows, fields)


def check_levels(name, head, rows, fields):
    """Per period, the groups' counts add up to the organisation's: a sum over one level never
    holds the organisation twice."""
    if len(head) < 3 or head[0] != "niveau" or not any(r[0] != "organisatie" for r in rows):
        return
    per = 2  # niveau; group; period
    cols = [i for i, f in enumerate(fields) if f.get("type") == "integer"]
    org = {r[per]: r for r in rows if r[0] == "organisatie"}
    groups = collections.defaultdict(list)
    for r in rows:
        if r[0] != "organisatie":
            groups[r[per]].append(r)
    for period, rs in groups.items():
        o = org.get(period)
        if not o:
            bad(f"data/{name} {period}: groups without the organisation's row")
            continue
        for i in cols:
            if o[i] == "" or any(r[i] == "" for r in rs):
                continue
            if sum(int(r[i]) for r in rs) != int(o[i]):
                bad(f"data/{name} {period} {head[i]}: the groups add up to {sum(int(r[i]) for r in rs)}, "
                    f"the organisation has {o[i]}")
            counts["level sums checked"] += 1


# --- the workbooks ------------------------------------------------------------------------------

STRUCT = re.compile(r"([A-Za-z_][\w.]*)\[\[#This Row\],\[((?:[^\]']|'.)*)\]\]")


def eval_share(formula, row_by_head):
    """The value of IF(a-b>0,ROUND(c/(a-b),3),"") with this row's cells, as Excel computes it."""
    expr = STRUCT.sub(lambda m: repr(row_by_head.get(re.sub(r"'(.)", r"\1", m.group(2))) or 0), formula[1:])
    m = re.fullmatch(r"IF\((.*)>0,ROUND\((.*),3\),\"\"\)", expr)
    if not m or not all(re.fullmatch(r"[0-9.()+\-*/ ]+", g) for g in m.groups()):
        raise ValueError(f"not a share of counts in this row: {formula}")
    d = eval(m.group(1), {"__builtins__": {}})
    return excel_round(eval(m.group(2), {"__builtins__": {}}), 3) if d > 0 else ""


def title_to_key(kpi_id):
    """The sheet's headers (the fields' titles) to the open data's column names."""
    return {f["title"]: f["name"] for f in package[kpi_id]["schema"]["fields"]}


def check_kpi_table(ws, values, table, kpi_id, monthly=False):
    """A KPI's table against data/<kpi_id>.csv: the same rows (all of them, or this month's),
    the same numbers, every share a formula of its counts. Returns the numbers checked."""
    head, rows = table_rows(ws, table)
    vhead, vrows = table_rows(values, values.tables[table.name])
    chead, crows = csvs[kpi_id]
    keys = title_to_key(kpi_id)
    lead = ["Niveau", "Groep"] if monthly else ["Niveau", "Groep", "Periode", "Begin periode"]
    if head[:len(lead)] != lead:
        bad(f"{ws.title}: the table does not start with {lead}: {head}")
        return 0
    gcol = chead[1] if chead[1] not in ("maand", "kwartaal", "jaar") else None
    pcol = chead.index(next(h for h in chead if h in ("maand", "kwartaal", "jaar")))
    per = chead[pcol]
    by_key = {}
    for r in crows:
        by_key[(r[0], r[1] if gcol else "Totaal", r[pcol])] = r
    checked, seen = 0, set()
    for r, vr in zip(rows, vrows):
        cells = dict(zip(head, r))
        vals = dict(zip(head, [c.value for c in vr]))
        if monthly:
            period = monthly
        else:
            start = cells["Begin periode"].value
            if not isinstance(start, datetime.datetime):
                bad(f"{ws.title} {cells['Begin periode'].coordinate}: period start {start!r} is not a date")
                continue
            period = period_code(start, per)
        key = (cells["Niveau"].value, cells["Groep"].value, period)
        crow = by_key.get(key)
        if crow is None:
            bad(f"{ws.title}: row {key} is not in data/{kpi_id}.csv")
            continue
        seen.add(key)
        for h in head[len(lead):]:
            if h not in keys:
                bad(f"{ws.title}: column {h!r} is described nowhere in datapackage.json")
                continue
            cv = crow[chead.index(keys[h])]
            cell, value = cells[h], vals[h]
            if isinstance(cell.value, str) and cell.value.startswith("="):
                try:
                    got = eval_share(cell.value, vals)
                except ValueError as e:
                    bad(f"{ws.title} {cell.coordinate}: {e}")
                    continue
                want = num(cv) / 100 if cv else ""
                if got != (value if value is not None else "") or (want != "" and abs(got - want) > 1e-9) or \
                        (want == "") != (got == ""):
                    bad(f"{ws.title} {cell.coordinate}: {cell.value} gives {got!r}, cached {value!r}, CSV {cv!r}")
                counts["share formulas equal to the open data"] += 1
                checked += 1
            elif isinstance(cell.value, (int, float)):
                want = num(cv)
                got = cell.value * 100 if cell.number_format.endswith("%") else cell.value
                if cell.number_format.endswith("%") and not 0 <= cell.value <= 1.5:
                    bad(f"{ws.title} {cell.coordinate}: a share stored as {cell.value}")
                if want is None or abs(got - want) > 0.05:
                    bad(f"{ws.title} {cell.coordinate}: {cell.value} ({cell.number_format}), CSV says {cv!r}")
                checked += 1
            elif (cell.value or "") != cv.lstrip("'"):
                bad(f"{ws.title} {cell.coordinate}: {cell.value!r}, CSV says {cv!r}")
        # a share of counts is a formula
        share = [h for h in head if keys.get(h, "").startswith("percentage_") and keys[h] != "percentage_norm"]
        if share and any(keys.get(h) in ("totaal", "open") for h in head) and not (
                isinstance(cells[share[0]].value, str) and cells[share[0]].value.startswith("=")):
            bad(f"{ws.title} {cells[share[0]].coordinate}: the share {cells[share[0]].value!r} is no formula")
    want = {k for k in by_key if not monthly or k[2] == monthly}
    if seen != want:
        bad(f"{ws.title}: {len(seen)} rows, data/{kpi_id}.csv has {len(want)}")
    return checked


def check_kpi_sheet(ws, values, kpi_id):
    """The main table against data/<kpi_id>.csv, its print setup, and the chart."""
    main = main_table(ws)
    if not main:
        bad(f"{ws.title}: no table at column A")
        return 0
    checked = check_kpi_table(ws, values, main, kpi_id)
    head, rows = table_rows(ws, main)
    # the organisation first, newest first: the top 12 rows are what prints
    levels = [r[0].value for r in rows]
    if "organisatie" in levels and levels.index("organisatie") != 0:
        bad(f"{ws.title}: the organisation's rows do not come first")
    # printed: the header, 12 rows and the chart, on one page
    first = table_first_row(main)
    pa = print_area(ws)
    if pa is None:
        bad(f"{ws.title}: no print area")
    else:
        last_row, last_col = pa
        if last_row < first + min(12, len(rows)) or ws.page_setup.fitToHeight not in (None, 1):
            bad(f"{ws.title}: prints rows up to {last_row} on {ws.page_setup.fitToHeight} pages; "
                f"the header is row {first}, 12 rows and the chart should print on one page")
        counts["sheets printed on one page"] += 1
    if not ws._charts:
        bad(f"{ws.title}: no chart")
        return checked
    ch = ws._charts[0]
    a = ch.anchor
    if pa and (a.to.row + (1 if a.to.rowOff else 0) > pa[0] or a.to.col + (1 if a.to.colOff else 0) > pa[1]):
        bad(f"{ws.title}: the chart (to row {a.to.row + 1}, column {a.to.col + 1}) runs past the print area {pa}")
    data = [t for t in ws.tables.values() if t.name == "tabel_grafiek_" + main.name[len("tabel_"):]]
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
    share = bool(drows) and any(r[1].number_format.endswith("%") for r in drows)
    # a share runs from 0 to 100%, unless its axis says where it starts (a narrow band)
    axis_name = "".join(r.t for p in ch.y_axis.title.tx.rich.p for r in (p.r or [])) if ch.y_axis.title else ""
    lo = ch.y_axis.scaling.min
    if share and ch.y_axis.scaling.max != 1:
        bad(f"{ws.title}: a share's axis runs {lo}-{ch.y_axis.scaling.max}")
    if share and lo != 0 and f"de as begint bij {round(lo * 100)}%" not in axis_name:
        bad(f"{ws.title}: a share's axis starts at {lo} without saying so ({axis_name!r})")
    # a KPI per group: a second chart shows the groups
    gcol = csvs[kpi_id][0][1]
    if gcol not in ("maand", "kwartaal", "jaar"):
        groups = {r[1] for r in csvs[kpi_id][1] if r[0] != "organisatie"}
        gdata = [t for t in ws.tables.values() if t.name.endswith("_per_groep")]
        if len(ws._charts) < 2 or not gdata:
            bad(f"{ws.title}: no chart of the groups")
        else:
            ghead, grows = table_rows(ws, gdata[0])
            if not {r[0].value for r in grows} <= groups or len(grows) < 2:
                bad(f"{ws.title}: the chart of the groups shows {[r[0].value for r in grows]}")
            counts["charts of groups"] += 1
    return checked


def check_all_figures(wb, values):
    ws = wb["Alle cijfers"]
    want = ["Code", "KPI", "Niveau", "Groep", "Periode", "Begin periode", "Eind periode", "Waarde", "Eenheid",
            "Teller", "Noemer", "Stand", "Status"]
    if "tabel_alle_cijfers" not in ws.tables:
        bad("Alle cijfers: no table tabel_alle_cijfers")
        return
    head, rows = table_rows(ws, ws.tables["tabel_alle_cijfers"])
    if head != want:
        bad(f"Alle cijfers: columns {head}, README documents {want}")
        return
    seen = collections.Counter()
    for r in rows:
        v = dict(zip(head, [c.value for c in r]))
        kpi = v["Code"]
        if kpi not in csvs:
            bad(f"Alle cijfers {r[0].coordinate}: KPI {kpi!r} has no open data")
            continue
        chead, crows = csvs[kpi]
        per = next(h for h in chead if h in ("maand", "kwartaal", "jaar"))
        if not isinstance(v["Begin periode"], datetime.datetime) or not isinstance(v["Eind periode"], datetime.datetime):
            bad(f"Alle cijfers {r[0].coordinate}: the period's days are no dates")
            continue
        key = (v["Niveau"], v["Groep"], period_code(v["Begin periode"], per))
        match = [c for c in crows if (c[0], c[1] if chead[1] != per else "Totaal", c[chead.index(per)]) == key]
        if len(match) != 1:
            bad(f"Alle cijfers {r[0].coordinate}: {kpi} {key} is not one row of data/{kpi}.csv")
            continue
        seen[kpi] += 1
        c = match[0]
        value_key = package[kpi]["schema"]["fields"]
        vcol = next((i for i, f in enumerate(value_key) if f["name"].startswith(("percentage_", "gemiddelde"))
                     and f["name"] != "percentage_norm"), None)
        if vcol is None:
            vcol = next((i for i, f in enumerate(value_key) if f["name"] in ("aantal", "waarde")), None)
        cv = c[vcol] if vcol is not None else ""
        got = v["Waarde"]
        if (got is None) != (cv == ""):
            bad(f"Alle cijfers {r[7].coordinate}: {got!r}, data/{kpi}.csv says {cv!r}")
        elif got is not None:
            scale = 100 if r[7].number_format.endswith("%") else 1
            if abs(got * scale - num(cv)) > 0.05:
                bad(f"Alle cijfers {r[7].coordinate}: {got!r}, data/{kpi}.csv says {cv!r}")
            counts["figures in Alle cijfers equal to the open data"] += 1
        if v["Noemer"]:
            if excel_round(v["Teller"] / v["Noemer"], 3) != got:
                bad(f"Alle cijfers {r[7].coordinate}: {v['Teller']} / {v['Noemer']} is not {got}")
    for kpi, (chead, crows) in csvs.items():
        if seen[kpi] != len(crows):
            bad(f"Alle cijfers: {seen[kpi]} rows of {kpi}, data/{kpi}.csv has {len(crows)}")
    # no double counting: per KPI and period, the teams' Teller add up to the organisation's
    sums = collections.defaultdict(lambda: [0, None, True])
    for r in rows:
        v = dict(zip(head, [c.value for c in r]))
        k = (v["Code"], v["Begin periode"])
        if v["Niveau"] == "organisatie":
            sums[k][1] = v["Teller"]
        elif v["Teller"] is None:
            sums[k][2] = False
        else:
            sums[k][0] += v["Teller"]
    for k, (s, o, complete) in sums.items():
        if o is not None and complete and s and s != o:
            bad(f"Alle cijfers {k}: the groups' Teller add up to {s}, the organisation has {o}")


def check_quarterly(path):
    wb = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    check_names(wb)
    for ws in wb.worksheets:
        check_sheet_common(ws)
    check_charts_xml(path)
    ov = wb["Overzicht"]
    (t,) = ov.tables.values()
    head, rows = table_rows(ov, t)
    first = table_first_row(t) + 1
    if ov.freeze_panes != f"B{first}":
        bad(f"overview frozen at {ov.freeze_panes}, its table starts at {t.ref}")
    for ws in wb.worksheets[1:]:
        check_home_link(ws, "Overzicht")
    want = ["KPI", "Status", "Waarde", "Eenheid", "Periode", "Verschil met vorige periode", "Doel", "Doeldatum",
            "Afgeleid", "Toelichting", "Begin periode", "Soort", "Actie of teamdoel", "Eigenaar"]
    if head != want and head != want + ["Vorige editie", "Periode vorige editie"]:
        bad(f"overview headers {head}")
        return 0, 0
    col = {h: i for i, h in enumerate(head)}
    ncsv = len(glob.glob(os.path.join(out, "data", "*.csv")))
    if len(rows) != ncsv:
        bad(f"overview has {len(rows)} KPIs, data/ has {ncsv} files")
    # printed on one or two pages, the explanation included
    pa = print_area(ov)
    if pa is None or pa[1] < col["Toelichting"] + 1 or pa[0] < first + len(rows) - 1 or \
            ov.page_setup.fitToHeight not in (1, 2):
        bad(f"overview: print area {ov.print_area}, {ov.page_setup.fitToHeight} pages high")
    check_status_colours(ov, col["Status"], rows)
    check_all_figures(wb, values)
    checked = 0
    files = {os.path.basename(f)[:-4].replace("-", "_"): os.path.basename(f)[:-4]
             for f in glob.glob(os.path.join(out, "data", "*.csv"))}
    for r in rows:
        name, value, unit, start = r[0], r[col["Waarde"]], r[col["Eenheid"]].value, r[col["Begin periode"]].value
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
        change = r[col["Verschil met vorige periode"]]
        if change.value is not None:
            fmt = change.number_format
            if "(beter)" not in fmt or "(slechter)" not in fmt or ("%" in fmt and "-punt" in fmt) != (unit == "procent") or \
                    (unit == "procent" and abs(change.value) > 1):
                bad(f"overview {name.value!r}: change {change.value} as {fmt}, not in the value's unit")
        main = main_table(ws)
        if not main:
            continue
        kpi_id = files.get(main.name[len("tabel_"):])
        if kpi_id is None or kpi_id not in package:
            bad(f"{ws.title}: table {main.name} matches no described data file")
            continue
        # the target with its direction, as the open data describe it
        goal = r[col["Doel"]]
        doel = [d for d in package[kpi_id].get("doelen", [])]
        if goal.value is not None:
            sign = re.match(r'"([≤≥]) "', goal.number_format)
            scale = 100 if "%" in goal.number_format else 1
            match = [d for d in doel if abs(d["waarde"] - goal.value * scale) < 1e-6]
            if not match:
                bad(f"overview {name.value!r}: target {goal.value} is none of {doel}")
            else:
                want_sign = {"ten hoogste": "≤", "minstens": "≥", "precies": None}[match[0]["richting"]]
                got_sign = sign.group(1) if sign else None
                if got_sign != want_sign:
                    bad(f"overview {name.value!r}: target {goal.value} as {goal.number_format}, "
                        f"the open data say {match[0]['richting']}")
                counts["targets with a direction"] += 1
        derived = bool(package[kpi_id].get("afgeleid")) or any(d["afgeleid"] for d in doel) or \
            package[kpi_id].get("nulmeting", {}).get("afgeleid", False)
        if derived != (r[col["Afgeleid"]].value == "afgeleid"):
            bad(f"overview {name.value!r}: Afgeleid is {r[col['Afgeleid']].value!r}")
        checked += check_kpi_sheet(ws, values[ws.title], kpi_id)
    check_status_colours(wb["Mijlpalen"], 6, table_rows(wb["Mijlpalen"], wb["Mijlpalen"].tables["tabel_mijlpalen"])[1])
    # definitions: whatever is assumed says so
    dws = wb["Definities"]
    dhead, drows = table_rows(dws, dws.tables["tabel_definities"])
    for r in drows:
        v = dict(zip(dhead, [c.value for c in r]))
        res = package.get(v["Code"])
        if not res:
            bad(f"Definities: {v['Code']!r} has no open data")
            continue
        if bool(res.get("afgeleid")) != bool(v["Afgeleid"]):
            bad(f"Definities {v['Code']}: Afgeleid {v['Afgeleid']!r}")
        nd = sum(d["afgeleid"] for d in res.get("doelen", []))
        if (v["Doelen"] or "").count("(afgeleid)") != nd or \
                ("(afgeleid)" in (v["Nulmeting"] or "")) != res.get("nulmeting", {}).get("afgeleid", False):
            bad(f"Definities {v['Code']}: targets {v['Doelen']!r}, baseline {v['Nulmeting']!r} do not mark what is "
                f"afgeleid")
        if re.search(r"\b(termijn|openstaand)\b", v["Hoe we meten"] or ""):
            bad(f"Definities {v['Code']}: an internal term in {v['Hoe we meten']!r}")
    if "Id" in dhead:
        bad("Definities: a column 'Id'")
    return len(rows), checked


def check_monthly(path, kpi_id):
    wb = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
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
    ws = wb["Deze maand"]
    if "tabel_deze_maand" not in ws.tables:
        bad(f"{path}: 'Deze maand' has no table tabel_deze_maand")
        return
    check_kpi_table(ws, values["Deze maand"], ws.tables["tabel_deze_maand"], kpi_id, monthly=month)
    head, rows = table_rows(ws, ws.tables["tabel_deze_maand"])
    vcol = next((i for i, h in enumerate(head) if "(%)" in h), None)
    if vcol is None:
        bad(f"{path}: no share column in {head}")
        return
    # the limits are cells named doel_nu (and doel_vorig), holding the targets the open data name
    names = {n: d.attr_text for n, d in wb.defined_names.items()} if hasattr(wb.defined_names, "items") else \
        {d.name: d.attr_text for d in wb.defined_names.definedName}
    doelen = package[kpi_id].get("doelen", [])
    for n in ("doel_nu", "doel_vorig"):
        if n not in names:
            if n == "doel_nu" and doelen:
                bad(f"{path}: no cell named {n}")
            continue
        sheet, cell = re.match(r"'?(.*?)'?!(\$?[A-Z]+\$?\d+)$", names[n]).groups()
        v = wb[sheet][cell.replace("$", "")].value
        if not any(abs(d["waarde"] - v * 100) < 1e-6 for d in doelen):
            bad(f"{path}: {n} holds {v}, the targets are {doelen}")
    for name in ("Deze maand", "Per maand"):
        w = wb[name]
        (t,) = [t for t in w.tables.values() if t.name != "tabel_doelen"]
        h, _ = table_rows(w, t)
        col = openpyxl.utils.get_column_letter(
            openpyxl.utils.column_index_from_string(re.match(r"[A-Z]+", t.ref).group(0)) +
            (vcol if name == "Deze maand" else 2))
        rules = [r for rng in w.conditional_formatting if str(rng.sqref).startswith(col) for r in rng.rules]
        symbols = "".join(r.dxf.numFmt.formatCode for r in rules if r.dxf is not None and r.dxf.numFmt is not None)
        limits = {f for r in rules for f in (r.formula or [])}
        if len(rules) < 2 or not all(s in symbols for s in "✔✖"):
            bad(f"{path} {name}: the share column is not marked against the targets ({len(rules)} rules)")
        if not limits or not limits <= {"doel_nu", "doel_vorig"}:
            bad(f"{path} {name}: the marks' limits are {limits}, not the named target cells")
        counts["monthly sheets marked against named targets"] += 1
    legend = " ".join(str(c.value or "") for row in ws.iter_rows(max_row=12) for c in row)
    if "⚠" in legend and not re.search(r"⚠ haalt alleen het vorige doel, het doel van [^:]+:", legend):
        bad(f"{path}: the ⚠ does not say which target it refers to")


check_datapackage()
nkpi, ncells = 0, 0
quarterly = sorted(glob.glob(os.path.join(out, "mt-rapportage-*.xlsx")))
if len(quarterly) != 1:
    bad(f"{len(quarterly)} quarterly workbooks")
elif package:
    nkpi, ncells = check_quarterly(quarterly[0])
for kpi_id in monthly_ids:
    files = glob.glob(os.path.join(out, kpi_id + "-????-??.xlsx"))
    if kpi_id not in package:
        bad(f"{kpi_id}: not described in data/datapackage.json")
    elif len(files) != 1:
        bad(f"{len(files)} monthly workbooks for {kpi_id}")
    else:
        check_monthly(files[0], kpi_id)
if problems:
    print("\n".join(problems))
else:
    print(f"ok: {nkpi} KPIs, {ncells} numbers equal to the open data; " +
          ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
sys.exit(1 if problems else 0)
