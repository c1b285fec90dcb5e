#!/usr/bin/env python3
"""One delivery of exports, as the systems would really give them on their export dates.

Copies the data folder SRC to DEST and cuts every export at its own date: a row whose first date
(the arrival: aangemaakt, ontvangen, factuurdatum, ...) lies after the cut is not in the export
yet, and a later date in a row (handled, paid) that lies after the cut is empty: not handled at
export time. kpi.csv keeps the periods that ended by the cut. Each file keeps its encoding, byte
order mark and line ends.

usage: deliver.py SRC DEST CUT [FILE=CUT ...] [--gap FILE:FROM:TO ...] [--add FILE:ROW ...]
  CUT        the export date of every file, YYYY-MM-DD
  FILE=CUT   another export date for one file (an export a month behind)
  --gap      leave out the rows of FILE that arrived from FROM to TO (a gap in the export)
  --add      append a raw row (a stray early-January request; fields separated by ;)
"""
import csv, datetime, io, os, re, shutil, sys

def parse_date(s):
    s = s.strip()
    m = re.match(r'^(\d{4})-(\d{1,2})-(\d{1,2})', s)
    if m:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r'^(\d{1,2})-(\d{1,2})-(\d{4})', s)
    if m:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None

def period_end(p):
    m = re.match(r'^(\d{4})(?:-(K|Q)(\d)|-(\d{2}))?$', p.strip())
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        mo = int(m.group(3)) * 3
    elif m.group(4):
        mo = int(m.group(4))
    else:
        mo = 12
    nxt = datetime.date(y + (mo == 12), mo % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)

def main(argv):
    src, dest, cut = argv[0], argv[1], datetime.date.fromisoformat(argv[2])
    cuts, gaps, adds = {}, {}, {}
    i = 3
    while i < len(argv):
        a = argv[i]
        if a == '--gap':
            f, lo, hi = argv[i + 1].split(':')
            gaps[f] = (datetime.date.fromisoformat(lo), datetime.date.fromisoformat(hi))
            i += 2
        elif a == '--add':
            f, row = argv[i + 1].split(':', 1)
            adds.setdefault(f, []).append(row)
            i += 2
        else:
            f, d = a.split('=')
            cuts[f] = datetime.date.fromisoformat(d)
            i += 1
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest)
    for name in sorted(os.listdir(dest)):
        if not name.endswith('.csv'):
            continue
        path = os.path.join(dest, name)
        raw = open(path, 'rb').read()
        bom = raw.startswith(b'\xef\xbb\xbf')
        try:
            text, enc = raw.decode('utf-8-sig'), 'utf-8'
        except UnicodeDecodeError:
            text, enc = raw.decode('cp1252'), 'cp1252'
        eol = '\r\n' if '\r\n' in text else '\n'
        rows = list(csv.reader(io.StringIO(text), delimiter=';'))
        head, body = rows[0], [r for r in rows[1:] if r]
        c = cuts.get(name, cut)
        out = []
        for r in body:
            if name == 'kpi.csv':
                end = period_end(r[1])
                if end is None or end <= c:
                    out.append(r)
                continue
            dates = [(k, parse_date(v)) for k, v in enumerate(r) if parse_date(v)]
            if not dates:
                out.append(r)
                continue
            first = dates[0][1]
            if first > c:
                continue
            if name in gaps and gaps[name][0] <= first <= gaps[name][1]:
                continue
            for k, d in dates[1:]:
                if d > c:
                    r[k] = ''
            out.append(r)
        for row in adds.get(name, []):
            out.append(row.split(';'))
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=';', lineterminator=eol)
        w.writerow(head)
        w.writerows(out)
        data = buf.getvalue().encode(enc)
        open(path, 'wb').write((b'\xef\xbb\xbf' if bom else b'') + data)

main(sys.argv[1:])
