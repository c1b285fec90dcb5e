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


def mc_add(page, stack, txt):
    mcid = next((s[1] for s in reversed(stack) if s[0] == "mc"), None)
    if mcid is not None:
        key = (page.obj.objgen, mcid)
        mc_text[key] = mc_text.get(key, "") + txt


for pno, page in enumerate(pdf.pages, 1):
    key = page.obj.get("/StructParents")
    arr = parents.get(int(key)) if key is not None else None
    stack = []  # ("mc", mcid) or ("art",) or ("other",)
    fonts_here = page.Resources.get("/Font")
    font = None
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        if o == "Tf" and fonts_here is not None:
            font = fonts_here.get(str(operands[0]))
        elif o in TEXT_OPS and font is not None:
            parts = operands[-1] if o == "TJ" else [operands[-1]]
            mc_add(page, stack, "".join(decode(font, bytes(x)) for x in parts if isinstance(x, pikepdf.String)))
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
    for i, c in enumerate(kids):
        if str(c.S) == "/Figure" and i + 1 < len(kids) and str(kids[i + 1].S) == "/Caption":
            alt = " ".join(str(c.get("/Alt", "")).split())
            cap = re.sub(r"^Figuur \d+\. ", "", " ".join(element_text(kids[i + 1]).split()))
            if alt and (alt in cap or cap in alt):
                bad(f"a figure's alternative text repeats its caption: {alt[:60]}")
        if depth < 60:
            tables_and_figures(c, depth + 1)


tables_and_figures(tree.K)


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
