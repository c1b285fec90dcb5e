#!/usr/bin/python3
"""Save a CSV export (';', Dutch dates and numbers) as an Excel workbook the way Excel would:
dates as real dates with a date format, numbers as numbers, the rest as text (also text that
looks like a number, such as a phone number with its leading 0). Used by the end-to-end tests to
make workbooks at test time instead of keeping binary files in git.

usage: csv2xlsx.py IN.csv OUT.xlsx [--sheet NAME] [--title TEXT] [--first-sheet NAME]
  --sheet        the name of the sheet with the data (default Blad1)
  --title        a title row and an empty row above the header, as some systems export
  --first-sheet  an extra sheet before the data sheet
"""
import argparse
import csv
import datetime
import re

import openpyxl

DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})(?: (\d{1,2}):(\d{2}))?$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{1,2}):(\d{2}))?$")
NUMBER = re.compile(r"^-?(0|[1-9]\d{0,14})(,\d+)?$")


def typed(s):
    m = DATE.match(s)
    if m:
        d, mo, y, h, mi = m.groups()
        y, mo, d = int(y), int(mo), int(d)
    else:
        m = ISO.match(s)
        if m:
            y, mo, d, h, mi = m.groups()
            y, mo, d = int(y), int(mo), int(d)
    if m:
        try:
            if h is None:
                return datetime.datetime(y, mo, d), "dd-mm-yyyy"
            return datetime.datetime(y, mo, d, int(h), int(mi)), "dd-mm-yyyy hh:mm"
        except ValueError:
            return s, None  # not a real date: kept as the text it was
    if NUMBER.match(s):
        return (float(s.replace(",", ".")) if "," in s else int(s)), None
    return s, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--sheet", default="Blad1")
    ap.add_argument("--title")
    ap.add_argument("--first-sheet")
    a = ap.parse_args()
    wb = openpyxl.Workbook()
    ws = wb.active
    if a.first_sheet:
        ws.title = a.first_sheet
        ws["A1"] = "Toelichting bij de export"
        ws = wb.create_sheet(a.sheet)
    else:
        ws.title = a.sheet
    r = 0
    if a.title:
        ws.append([a.title])
        ws.append([])
        r = 2
    with open(a.src, encoding="utf-8-sig", newline="") as f:
        for i, rec in enumerate(csv.reader(f, delimiter=";")):
            r += 1
            if i == 0:
                ws.append(rec)
                continue
            row = []
            fmts = []
            for s in rec:
                v, fmt = typed(s)
                row.append(v if s != "" else None)
                fmts.append(fmt)
            ws.append(row)
            for c, fmt in enumerate(fmts, 1):
                if fmt:
                    ws.cell(r, c).number_format = fmt
    wb.save(a.dst)


main()
