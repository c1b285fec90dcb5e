#!/usr/bin/env python3
"""Plain language (B1) in what meetlat writes itself: every sentence it generates has at most
20 words and no semicolon, names its subject (no bare "het": "In 2024 was het 6,9", "Het is iets
slechter"), has no capital after a colon inside it ("Ons doel: Inwoners"; a name such as a team
may start with one), and uses Dutch quotes and dashes (‘ ’ and –, not ' " or " - "). Reads the generated text of a site (a KPI's status and reason, chart
findings, tiles, the glossary) and of the workbook's overview (the reason column), not the
programme's own text from content/ nor the owners' explanations from toelichtingen/.

Usage: sentences.py OUTPUT_DIR...; prints "ok" with counts, or the long sentences; exit 0 or 1."""
import glob
import html
import os
import re
import sys
from html.parser import HTMLParser

MAX_WORDS = 20


class Collect(HTMLParser):
    """Text of the elements meetlat writes from the presentation layer."""

    def __init__(self):
        super().__init__()
        self.stack = []   # (tag, classes, collecting)
        self.parts = []
        self.buf = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        parent_kpi = any("kpi" in c for _, c, _ in self.stack)
        take = (tag == "figcaption" or
                (tag == "p" and parent_kpi and not {"uitleg", "afgeleid", "download", "toelichting"} & set(cls)) or
                (tag == "p" and {"verschil", "doel", "voortgang"} & set(cls)) or
                (tag == "dd" and any("begrippen" in c for _, c, _ in self.stack)))
        if tag in ("br", "img", "meta", "link", "input"):
            return
        self.stack.append((tag, cls, take))
        if take and self.buf is None:
            self.buf = []

    def handle_endtag(self, tag):
        while self.stack:
            t, cls, take = self.stack.pop()
            if take and self.buf is not None and not any(x[2] for x in self.stack):
                self.parts.append(" ".join("".join(self.buf).split()))
                self.buf = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.buf is not None:
            self.buf.append(data)


def sentences(text):
    # a sentence ends at . ? ! followed by a space and a capital, or at the end
    for s in re.split(r"(?<=[.?!])\s+(?=[A-Z0-9ÉÈ'‘(])", text):
        s = s.strip()
        if s:
            yield s


texts = []
for out in sys.argv[1:]:
    for f in sorted(glob.glob(os.path.join(out, "**", "*.html"), recursive=True)):
        c = Collect()
        c.feed(open(f, encoding="utf-8").read())
        texts += [(os.path.relpath(f, out), t) for t in c.parts]
    for f in glob.glob(os.path.join(out, "mt-rapportage-*.xlsx")):
        import openpyxl
        ws = openpyxl.load_workbook(f)["Overzicht"]
        first = int(re.match(r"[A-Z]+(\d+)", ws.tables["tabel_overzicht"].ref).group(1))
        head = [c.value for c in ws[first]]
        col = head.index("Toelichting") + 1
        texts += [(os.path.basename(f), r[col - 1])
                  for r in ws.iter_rows(min_row=first + 1, values_only=True) if r[col - 1]]

# "het" standing for a value it never names
BARE_HET = re.compile(r"\b(is|was|wordt|werd|staat) het (\d|tot nu toe|iets|veel|weer|op koers|op risico|achter)"
                      r"|^Het is (iets|veel|weer)\b|\bhet staat\b")
# a capital after a colon where a small word belongs; names (teams, products) keep theirs
COLON_CAP = re.compile(r": (De|Het|Een|Dat|Dit|Deze|Die|Er|We|Wij|Nu|Ook|Zo|Dus|Daarom|Maar|En|Behaald|Teruggevallen|"
                       r"Te laat|Niet behaald|Op koers|Risico|Achter)\b")
STRAIGHT = re.compile(r"\"|(^|[\s(])'\w|\w[.,]?'(\s|$|[.,;:)])| - ")

long, semi, style, n = [], [], [], 0
for where, t in texts:
    for s in sentences(html.unescape(t)):
        n += 1
        words = len(s.split())
        if words > MAX_WORDS:
            long.append(f"{where}: {words} words: {s}")
        if ";" in s:
            semi.append(f"{where}: semicolon: {s}")
        if BARE_HET.search(s):
            style.append(f"{where}: bare 'het': {s}")
        if COLON_CAP.search(s):
            style.append(f"{where}: capital after a colon: {s}")
        if STRAIGHT.search(s):
            style.append(f"{where}: straight quote or hyphen as a dash: {s}")
bad = sorted(set(long + semi + style))
if bad:
    print("\n".join(bad[:25]))
    print(f"{len(bad)} sentences too long, with a semicolon, a bare 'het', a capital after a colon or a "
          f"straight quote, of {n}")
    sys.exit(1)
print(f"ok: {n} sentences in {len(texts)} texts, none over {MAX_WORDS} words, with a semicolon, a bare 'het', "
      f"a capital after a colon or a straight quote")
