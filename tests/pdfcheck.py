#!/usr/bin/env python3
"""The council report as assistive technology and an archive read it. Checks, with pikepdf:

- the catalog: marked (tagged), a structure tree, Dutch as its language, the title shown,
  XMP metadata claiming PDF/A-2a and PDF/UA-1, an sRGB output intent;
- every text-showing operator on every page lies inside marked content with an MCID that
  the ParentTree ties to a structure element, or inside an artifact;
- every Figure has alternative text that is not its caption again, every Table has header
  cells with a scope and, split across pages, at least 3 rows on each; every link
  annotation has a StructParent, a description and the print flag;
- every font is embedded and has a ToUnicode map.

Usage: pdfcheck.py FILE.pdf [--headings OUT]; prints "ok" or the problems and a count of the
elements, exit status 0 or 1. With --headings, OUT gets the text of every H1-H3 element as the
structure tree gives it (marked content decoded through the fonts' ToUnicode maps), one per
line: poppler's pdfinfo -struct-text does the same but needs about a minute for this report.
Like a screen reader that reads the structure, it adds no space where a line wraps: the
PDF must hold it ("doelen per team", not "doelenper team")."""
import re
import sys
import pikepdf

problems = []


def bad(msg):
    if len(problems) < 30:
        problems.append(msg)


pdf = pikepdf.open(sys.argv[1])
headings_out = sys.argv[sys.argv.index("--headings") + 1] if "--headings" in sys.argv else None
root = pdf.Root
if not (root.get("/MarkInfo") and bool(root.MarkInfo.get("/Marked"))):
    bad("not marked as tagged")
if "/StructTreeRoot" not in root:
    bad("no structure tree")
if str(root.get("/Lang", "")) != "nl-NL":
    bad("language is not nl-NL")
if not (root.get("/ViewerPreferences") and bool(root.ViewerPreferences.get("/DisplayDocTitle"))):
    bad("the title is not shown in the title bar")
meta = root.get("/Metadata")
xmp = meta.read_bytes().decode("utf-8") if meta is not None else ""
for claim in ("<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>",
              "<pdfuaid:part>1</pdfuaid:part>"):
    if claim not in xmp:
        bad("XMP metadata lacks " + claim)
ois = root.get("/OutputIntents")
if not ois or "/DestOutputProfile" not in ois[0] or str(ois[0].S) != "/GTS_PDFA1":
    bad("no PDF/A output intent with an ICC profile")
if "/ID" not in pdf.trailer:
    bad("no document ID")

# the ParentTree: page StructParents key -> array of elements by MCID
tree = root.StructTreeRoot
nums = tree.ParentTree.Nums
parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}

TEXT_OPS = {"Tj", "TJ", "'", '"'}
cmaps = {}


def tounicode(font):
    """code -> text from a font's ToUnicode map (bfchar and bfrange)."""
    if font.objgen in cmaps:
        return cmaps[font.objgen]
    m = {}
    tu = font.get("/ToUnicode")
    data = tu.read_bytes().decode("latin-1") if tu is not None else ""
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            m[int(a, 16)] = bytes.fromhex(b).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for a, b, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for i in range(int(a, 16), int(b, 16) + 1):
                m[i] = chr(int(c, 16) + i - int(a, 16))
    cmaps[font.objgen] = m
    return m


def decode(font, raw):
    m = tounicode(font)
    if str(font.get("/Subtype")) == "/Type0":
        return "".join(m.get(raw[i] << 8 | raw[i + 1], "\ufffd") for i in range(0, len(raw) - 1, 2))
    return "".join(m.get(b, chr(b)) for b in raw)


mc_text = {}  # (page objgen, MCID) -> text
mc_boxes = {}  # (page objgen, MCID) -> [(x0, y0, x1, y1, size, text)] of each text drawn
widths = {}


def glyph_widths(font):
    """CID -> advance width (1/1000 em) from a Type0 font's W array."""
    if font.objgen in widths:
        return widths[font.objgen]
    w, dw = {}, 1000
    if str(font.get("/Subtype")) == "/Type0":
        desc = font.DescendantFonts[0]
        dw = int(desc.get("/DW", 1000))
        arr = list(desc.get("/W", []))
        i = 0
        while i < len(arr):
            first = int(arr[i])
            if isinstance(arr[i + 1], pikepdf.Array):
                for k, v in enumerate(arr[i + 1]):
                    w[first + k] = float(v)
                i += 2
            else:
                for c in range(first, int(arr[i + 1]) + 1):
                    w[c] = float(arr[i + 2])
                i += 3
    widths[font.objgen] = (w, dw)
    return widths[font.objgen]


def text_width(font, raw, size):
    w, dw = glyph_widths(font)
    if str(font.get("/Subtype")) == "/Type0":
        return sum(w.get(raw[i] << 8 | raw[i + 1], dw) for i in range(0, len(raw) - 1, 2)) * size / 1000
    return len(raw) * size * 0.5


def mc_add(page, stack, txt, box=None):
    mcid = next((s[1] for s in reversed(stack) if s[0] == "mc"), None)
    if mcid is not None:
        key = (page.obj.objgen, mcid)
        mc_text[key] = mc_text.get(key, "") + txt
        if box:
            mc_boxes.setdefault(key, []).append(box + (txt,))


for pno, page in enumerate(pdf.pages, 1):
    key = page.obj.get("/StructParents")
    arr = parents.get(int(key)) if key is not None else None
    stack = []  # ("mc", mcid) or ("art",) or ("other",)
    fonts_here = page.Resources.get("/Font")
    font = None
    size, tx, ty = 0, 0, 0
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        if o == "Tf" and fonts_here is not None:
            font = fonts_here.get(str(operands[0]))
            size = float(operands[1])
        elif o == "BT":
            tx = ty = 0
        elif o == "Td":
            tx, ty = tx + float(operands[0]), ty + float(operands[1])
        elif o in TEXT_OPS and font is not None:
            parts = operands[-1] if o == "TJ" else [operands[-1]]
            raw = b"".join(bytes(x) for x in parts if isinstance(x, pikepdf.String))
            w = text_width(font, raw, size)
            mc_add(page, stack, "".join(decode(font, bytes(x)) for x in parts if isinstance(x, pikepdf.String)),
                   (tx, ty - 0.2 * size, tx + w, ty + 0.75 * size, size))
        if o in ("BDC", "BMC"):
            tag = str(operands[0])
            if tag == "/Artifact":
                stack.append(("art",))
            elif o == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
                stack.append(("mc", mcid))
                if arr is None or mcid >= len(arr):
                    bad(f"page {pno}: MCID {mcid} has no element in the ParentTree")
            else:
                stack.append(("other",))
        elif o == "EMC":
            if stack:
                stack.pop()
            else:
                bad(f"page {pno}: EMC without BDC")
        elif o in TEXT_OPS:
            if not any(s[0] in ("mc", "art") for s in stack):
                bad(f"page {pno}: text outside tagged content and artifacts")
    if stack:
        bad(f"page {pno}: marked content left open")
    for a in page.get("/Annots", []):
        if a.get("/Subtype") == "/Link":
            if "/StructParent" not in a:
                bad(f"page {pno}: a link without StructParent")
            if not str(a.get("/Contents", "")):
                bad(f"page {pno}: a link without a description")
            if int(a.get("/F", 0)) & 4 == 0:
                bad(f"page {pno}: a link that does not print")

# walk the structure tree
counts = {}


def walk(el, depth=0):
    if depth > 60:
        return
    s = str(el.get("/S", ""))
    counts[s] = counts.get(s, 0) + 1
    if s == "/Figure" and not str(el.get("/Alt", "")).strip():
        bad("a Figure without alternative text")
    if s == "/Table":
        ths = []
        stack = [el]
        while stack:
            e = stack.pop()
            k = e.get("/K")
            kids = k if isinstance(k, pikepdf.Array) else [k] if k is not None else []
            for c in kids:
                if isinstance(c, pikepdf.Dictionary) and "/S" in c:
                    if str(c.S) == "/TH":
                        ths.append(c)
                    stack.append(c)
        if not ths:
            bad("a Table without TH cells")
        for th in ths:
            a = th.get("/A")
            if a is None or "/Scope" not in a:
                bad("a TH without a scope")
                break
    k = el.get("/K")
    kids = k if isinstance(k, pikepdf.Array) else [k] if k is not None else []
    for c in kids:
        if isinstance(c, pikepdf.Dictionary) and "/S" in c:
            walk(c, depth + 1)


walk(tree.K)


def kids_of(el):
    k = el.get("/K")
    return k if isinstance(k, pikepdf.Array) else [k] if k is not None else []


def element_text(el, page=None, depth=0):
    page = el.get("/Pg", page)
    out = ""
    for c in kids_of(el):
        if isinstance(c, int):
            if page is not None:
                out += mc_text.get((page.objgen, c), "")
        elif isinstance(c, pikepdf.Dictionary) and str(c.get("/Type", "")) == "/MCR":
            pg = c.get("/Pg", page)
            if pg is not None:
                out += mc_text.get((pg.objgen, int(c.MCID)), "")
        elif isinstance(c, pikepdf.Dictionary) and "/S" in c and depth < 60:
            out += element_text(c, page, depth + 1)
    return out




def page_of(el, depth=0):
    """The page an element's first content is on."""
    if "/Pg" in el:
        return el.Pg.objgen
    for c in kids_of(el):
        if isinstance(c, pikepdf.Dictionary) and depth < 60:
            if str(c.get("/Type", "")) == "/MCR" and "/Pg" in c:
                return c.Pg.objgen
            if "/S" in c:
                p = page_of(c, depth + 1)
                if p is not None:
                    return p
    return None


def tables_and_figures(el, depth=0):
    """A table split across pages keeps at least 3 rows (or all) on each page; a figure's
    alternative text is not its caption again (a screen reader reads both)."""
    s = str(el.get("/S", ""))
    kids = [c for c in kids_of(el) if isinstance(c, pikepdf.Dictionary) and "/S" in c]
    if s == "/Table":
        rows = [r for b in kids if str(b.S) == "/TBody" for r in kids_of(b)
                if isinstance(r, pikepdf.Dictionary) and str(r.get("/S", "")) == "/TR"]
        per_page = {}
        for r in rows:
            p = page_of(r)
            per_page[p] = per_page.get(p, 0) + 1
        if len(per_page) > 1 and min(per_page.values()) < min(3, len(rows)):
            cap = next((element_text(c) for c in kids if str(c.S) == "/Caption"), "?")
            bad(f"table split with {sorted(per_page.values())} rows a page: {' '.join(cap.split())[:60]}")
    if s == "/Figure":
        caps = [c for c in kids if str(c.S) == "/Caption"]
        if not caps:
            bad("a Figure without its Caption inside it")
        else:
            alt = " ".join(str(el.get("/Alt", "")).split())
            cap = re.sub(r"^Figuur \d+\. ", "", " ".join(element_text(caps[0]).split()))
            # the alternative text stands for the whole figure: its finding must be in it
            if cap and cap not in alt:
                bad(f"a figure's alternative text leaves out its caption: {cap[:60]}")
        figure_labels(el)
    for c in kids:
        if str(c.S) == "/Caption" and s not in ("/Figure", "/Table"):
            bad(f"a Caption outside a Figure or Table (in {s})")
        if depth < 60:
            tables_and_figures(c, depth + 1)


def figure_labels(el):
    """Every text of a figure's drawing lies inside the figure's box, at 8 pt or more, and no two
    touch."""
    bbox = el.get("/A", {}).get("/BBox") if isinstance(el.get("/A"), pikepdf.Dictionary) else None
    if bbox is None:
        bad("a Figure without a BBox")
        return
    x0, y0, x1, y1 = (float(v) for v in bbox)
    pg = el.get("/Pg")
    boxes = []
    for c in kids_of(el):
        if isinstance(c, int) and pg is not None:
            boxes += mc_boxes.get((pg.objgen, c), [])
        elif isinstance(c, pikepdf.Dictionary) and str(c.get("/Type", "")) == "/MCR":
            p = c.get("/Pg", pg)
            boxes += mc_boxes.get((p.objgen, int(c.MCID)), [])
    for b in boxes:
        if b[0] < x0 - 0.5 or b[2] > x1 + 0.5 or b[1] < y0 - 0.5 or b[3] > y1 + 0.5:
            bad(f"a chart label outside its figure: {b[5][:40]!r}")
        if b[4] < 7.99:
            bad(f"a chart label smaller than 8 pt: {b[5][:40]!r} ({b[4]} pt)")
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5:
                bad(f"two chart labels overlap: {a[5][:30]!r} and {b[5][:30]!r}")
    counts["/ChartLabel"] = counts.get("/ChartLabel", 0) + len(boxes)


tables_and_figures(tree.K)


# the contents (PDF/UA-1, ISO 32000-1 14.8.4.3): the heading before the TOC, not in it; a TOC
# holds only TOC, TOCI and Caption, a TOCI only Lbl, Reference, P, NonStruct and a nested TOC,
# a Reference a Link; the report's contents has two levels
def toc_check(el, depth, out):
    kids = [c for c in kids_of(el) if isinstance(c, pikepdf.Dictionary) and "/S" in c]
    for c in kids:
        t = str(c.S)
        if t not in ("/TOC", "/TOCI", "/Caption"):
            bad(f"a TOC holds a {t[1:]}")
        if t == "/TOC":
            toc_check(c, depth + 1, out)
        if t == "/TOCI":
            out[0] = max(out[0], depth)
            for k in [k for k in kids_of(c) if isinstance(k, pikepdf.Dictionary) and "/S" in k]:
                kt = str(k.S)
                if kt not in ("/Lbl", "/Reference", "/P", "/NonStruct", "/TOC"):
                    bad(f"a TOCI holds a {kt[1:]}")
                if kt == "/TOC":
                    toc_check(k, depth + 1, out)
                if kt == "/Reference" and not any(str(x.get("/S", "")) == "/Link" for x in kids_of(k)
                                                  if isinstance(x, pikepdf.Dictionary)):
                    bad("a Reference in the contents without its Link")


def find_tocs(el, depth=0, parent=None, index=0):
    s = str(el.get("/S", ""))
    if s == "/TOC":
        out = [0]
        toc_check(el, 1, out)
        counts["/TOC levels"] = out[0]
        sib = [c for c in kids_of(parent) if isinstance(c, pikepdf.Dictionary) and "/S" in c] if parent is not None else []
        before = sib[index - 1] if index > 0 else None
        if before is None or not str(before.S).startswith("/H"):
            bad("no heading right before the contents")
        return
    kids = [c for c in kids_of(el) if isinstance(c, pikepdf.Dictionary) and "/S" in c]
    for i, c in enumerate(kids):
        if depth < 60:
            find_tocs(c, depth + 1, el, i)


find_tocs(tree.K)

# everything once: no two figures with one caption, no two tables with the same cells, no
# heading that says what the heading it stands under says
seen_captions, seen_tables, last_heading = {}, {}, {}
ICONS = set("✔➚⚠▼☑⬇✖●◔○◌⊗")


def once(el, depth=0):
    s = str(el.get("/S", ""))
    kids = [c for c in kids_of(el) if isinstance(c, pikepdf.Dictionary) and "/S" in c]
    if s == "/Figure":
        for c in kids:
            if str(c.S) == "/Caption":
                cap = re.sub(r"^Figuur \d+\. ", "", " ".join(element_text(c).split()))
                if cap in seen_captions:
                    bad(f"two figures with one caption: {cap[:60]}")
                seen_captions[cap] = 1
    if s == "/Table":
        cells = []

        def collect(e, d=0):
            for k in kids_of(e):
                if isinstance(k, pikepdf.Dictionary) and "/S" in k and d < 60:
                    if str(k.S) in ("/TD", "/TH"):
                        cells.append(" ".join(element_text(k).split()))
                    elif str(k.S) != "/Caption":
                        collect(k, d + 1)
        collect(el)
        sig = "|".join(cells)
        if sig in seen_tables:
            bad(f"two tables with the same cells: {sig[:60]}")
        seen_tables[sig] = 1
    if s == "/TD":
        txt = element_text(el)
        if any(ch in ICONS for ch in txt):
            bad(f"a status icon read out in a table cell: {txt[:40]!r} (make it an artifact)")
    if re.fullmatch(r"/H[1-6]", s):
        level = int(s[2])
        text = re.sub(r"^[0-9]+(\.[0-9]+)* ", "", " ".join(element_text(el).split()))
        parent = next((last_heading[k] for k in range(level - 1, 0, -1) if k in last_heading), None)
        if parent is not None and parent == text:
            bad(f"a heading repeats the heading it stands under: {text[:60]}")
        last_heading[level] = text
        for k in [k for k in last_heading if k > level]:
            del last_heading[k]
    for c in kids:
        if depth < 60:
            once(c, depth + 1)


once(tree.K)

# page make-up: no page is left under half full, but the one before a chapter starts (and the
# cover and the contents, before the first chapter)
page_no = {pg.obj.objgen: i for i, pg in enumerate(pdf.pages)}
chapter_pages = set()


def find_h1(el, depth=0):
    for c in kids_of(el):
        if isinstance(c, pikepdf.Dictionary) and "/S" in c and depth < 60:
            if str(c.S) == "/H1":
                p = page_of(c)
                if p is not None and p in page_no:
                    chapter_pages.add(page_no[p])
            else:
                find_h1(c, depth + 1)


find_h1(tree.K)
lowest = {}
for (pg, mcid), boxes in mc_boxes.items():
    for b in boxes:
        i = page_no.get(pg)
        if i is not None:
            lowest[i] = min(lowest.get(i, 1e9), b[1])
if chapter_pages:
    first = min(chapter_pages)
    top, bottom = 841.89 - 76, 72
    for i in range(first, len(pdf.pages) - 1):
        if i + 1 in chapter_pages or i not in lowest:
            continue
        fill = (top - lowest[i]) / (top - bottom)
        if fill < 0.5:
            bad(f"page {i + 1} is {fill:.0%} full, and no chapter starts after it")

if headings_out:
    lines = []

    def collect(el, depth=0):
        s = str(el.get("/S", ""))
        if s in ("/H1", "/H2", "/H3"):
            lines.append(s[1:] + "\t" + " ".join(element_text(el).split()))
        for c in kids_of(el):
            if isinstance(c, pikepdf.Dictionary) and "/S" in c and depth < 60:
                collect(c, depth + 1)

    collect(tree.K)
    with open(headings_out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
for need in ("/Document", "/H1", "/H2", "/P", "/Table", "/TR", "/TH", "/TD", "/Figure", "/L", "/LI", "/Link", "/TOC",
             "/TOCI", "/Caption"):
    if not counts.get(need):
        bad("no " + need[1:] + " element")

fonts = {}
for page in pdf.pages:
    fd = page.Resources.get("/Font")
    for name in (fd.keys() if fd is not None else []):
        fonts[fd[name].objgen] = fd[name]
for font in fonts.values():
    desc = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.get("/FontDescriptor")
    if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        bad(f"font {font.get('/BaseFont')} is not embedded")
    if "/ToUnicode" not in font:
        bad(f"font {font.get('/BaseFont')} has no ToUnicode map")

print("ok" if not problems else "\n".join(problems))
print("elements: " + " ".join(f"{k[1:]}={v}" for k, v in sorted(counts.items())))
sys.exit(1 if problems else 0)
