#!/usr/bin/env python3
"""The overview's legend explains exactly the status words the site shows: every status badge
on every page (class "status status-KEY") is in the legend on index.html (the counts and the
list "Ook genoemd"), and the legend names no status that no page shows. The words in sentences
("In het beste geval is de status behaald") count too: each status word the site's text uses
after "de status is", "de status was" or "is de status" must be in the legend (the sources
page, which defines every status, aside).

Usage: legend.py SITE_DIR; prints "ok" or the differences, exit status 0 or 1."""
import html
import os
import re
import sys

site = sys.argv[1]
shown, words_in_text = set(), set()
badge = re.compile(r'<span class="status status-([a-z]+)"[^>]*><span aria-hidden="true">[^<]*</span>(?:&#160;| )([^<]+)</span>')
for root, _, files in os.walk(site):
    for f in files:
        if not f.endswith(".html"):
            continue
        text = open(os.path.join(root, f), encoding="utf-8").read()
        for key, word in badge.findall(text):
            shown.add(html.unescape(word))
        if f == "bronnen.html":
            continue  # the definitions explain every status there is, by design
        plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
        for m in re.finditer(r"(?:de status (?:is|was)|is de status|in het slechtste|de status van) ([a-z ]+?)[.,;]", plain):
            words_in_text.add(m.group(1).strip())
index = open(os.path.join(site, "index.html"), encoding="utf-8").read()
start = index.index('<ul class="tellingen">')
end = index.index('<details class="betekenissen">')
legend = {html.unescape(w) for _, w in badge.findall(index[start:end])}
problems = []
for w in sorted(shown - legend):
    problems.append(f"shown but not in the legend: {w}")
for w in sorted(legend - shown):
    problems.append(f"in the legend but shown nowhere: {w}")
known = legend | shown
for w in sorted(words_in_text):
    if w not in known and not any(w.startswith(k) for k in known) and len(w.split()) <= 3:
        problems.append(f"a sentence names a status the legend does not explain: {w}")
print("\n".join(problems) if problems else f"ok: {len(legend)} statuses in the legend, each shown")
sys.exit(1 if problems else 0)
