# meetlat - plain Makefile. `make` installs what is missing (as root), builds ./meetlat
# and generates output/; `make test` runs every test, also under ASan/UBSan.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/meetlat
CC      ?= cc
CFLAGS  ?= -O2 -g
VERSION  = 0.1.0

PKGS      = libcmark yaml-0.1 xlsxwriter nettle minizip expat
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
MEETLAT_CPPFLAGS = -Igenerator -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -DMEETLAT_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)
MEETLAT_CFLAGS   = -std=c11 -pthread -Wall -Wextra -Wshadow -Wformat=2 -Wno-format-nonliteral -MMD -MP
LIBS = $(PKG_LIBS) -lcsv -lhpdf -lm -pthread

# generator/: base/ (no project dependencies), load/ (content and data into the model),
# model/ (the model, the KPI engine, the presentation layer, tables and charts), render/
# (site, PDF, workbook, open data); main.c and build.c on top.
SRC  = $(filter-out generator/main.c,$(wildcard generator/*.c generator/*/*.c))
OBJ  = $(SRC:generator/%.c=build/obj/%.o) build/obj/definities.o
AOBJ = $(SRC:generator/%.c=build/asan/%.o) build/asan/definities.o
TOBJ = $(SRC:generator/%.c=build/tsan/%.o) build/tsan/definities.o
SAN  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TSAN = -fsanitize=thread -fno-omit-frame-pointer
UNIT = $(wildcard tests/unit/test_*.c)

# `make`, `make publiceer` and `make correctie` are the secretary's commands (README, "Elk
# kwartaal"). Each always runs the build: meetlat itself decides what is current and takes under
# a second, so a deleted file or an export copied in with an older date is never missed.
# Input problems end make with meetlat's exit status (1) and meetlat's own messages only, not
# with make's "*** ... Error" banner, which GNU make prints for every recipe that fails. So when
# make is asked for exactly one of these goals, the build runs while this Makefile is read
# (after a make of its own has installed what is missing and compiled meetlat), and a build that
# fails switches this make to question mode (-q): that runs nothing, prints nothing and ends
# with status 1. With -n, -q or -t, or other goals besides, the goals are ordinary recipes.
RUN_GOALS = all publiceer correctie
RUN_ARGS_all =
RUN_ARGS_publiceer = --publiceer
RUN_ARGS_correctie = --publiceer --correctie
RUN_GOAL := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)
MAKE_MODE := $(firstword -$(MAKEFLAGS))
RUN_NOW := $(and $(filter $(RUN_GOAL),$(RUN_GOALS)),$(filter 1,$(words $(RUN_GOAL))),\
	$(if $(findstring n,$(MAKE_MODE))$(findstring q,$(MAKE_MODE))$(findstring t,$(MAKE_MODE)),,yes))

.PHONY: all ready deps deps-test publiceer correctie test unit e2e lifecycle regress regress-update broken-update browser fuzz fuzz-lib bench clean install uninstall data check-data windows windows-test
.DEFAULT_GOAL := all

ifeq ($(RUN_NOW),yes)
MEETLAT_STATUS := $(shell { $(MAKE) --no-print-directory ready && ./meetlat build $(RUN_ARGS_$(RUN_GOAL)); } >&2; echo $$?)
ifeq ($(MEETLAT_STATUS),1)
MAKEFLAGS += -q
else ifneq ($(MEETLAT_STATUS),0)
$(error meetlat kon niet worden gemaakt of gaf uitkomst $(MEETLAT_STATUS); zie de meldingen hierboven)
endif
$(RUN_GOALS):
	@:
else
all: ready
	./meetlat build

# The quarter's edition: build, then keep what was published in edities/ (README, step 5).
publiceer: ready
	./meetlat build --publiceer

# A correction of an edition that was published already: kept beside it (README, step 5).
correctie: ready
	./meetlat build --publiceer --correctie
endif

# What those goals need first: the packages, and meetlat compiled.
ready: deps meetlat
	@:

deps:
	@sh tools/deps.sh build

deps-test:
	@sh tools/deps.sh test

meetlat: build/obj/main.o $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

build/obj/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(MEETLAT_CPPFLAGS) $(CPPFLAGS) $(MEETLAT_CFLAGS) $(CFLAGS) -c -o $@ $<

# The sanitizer build is the test build: it also honours MEETLAT_FOUT, which makes named steps
# fail (build.c), so that the tests reach paths a real disk rarely takes.
build/asan/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(MEETLAT_CPPFLAGS) $(CPPFLAGS) $(MEETLAT_CFLAGS) -DMEETLAT_FAULTS -O1 -g $(SAN) -c -o $@ $<

# The definitions page is written once, in docs/definities.md, and compiled in.
build/definities.c: docs/definities.md | build
	{ printf 'const char definities_md[] =\n'; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  printf ';\n'; } > $@

build/obj/definities.o: build/definities.c | build/obj
	$(CC) $(CFLAGS) -c -o $@ $<

build/asan/definities.o: build/definities.c | build/asan
	$(CC) -O1 -g $(SAN) -c -o $@ $<

# The renderers run side by side (build.c): ThreadSanitizer watches them in `make tsan`.
build/tsan/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(MEETLAT_CPPFLAGS) $(CPPFLAGS) $(MEETLAT_CFLAGS) -DMEETLAT_FAULTS -O1 -g $(TSAN) -c -o $@ $<

build/tsan/definities.o: build/definities.c
	@mkdir -p $(@D)
	$(CC) -O1 -g $(TSAN) -c -o $@ $<

build build/obj build/asan build/unit:
	mkdir -p $@

# --- tests ----------------------------------------------------------------------------

build/meetlat-asan: build/asan/main.o $(AOBJ)
	$(CC) $(SAN) -o $@ $^ $(LIBS)

build/meetlat-tsan: build/tsan/main.o $(TOBJ)
	$(CC) $(TSAN) -o $@ $^ $(LIBS)

build/unit/%: tests/unit/%.c $(OBJ) | build/unit
	$(CC) $(MEETLAT_CPPFLAGS) $(CPPFLAGS) $(MEETLAT_CFLAGS) $(CFLAGS) -o $@ $< $(OBJ) $(LIBS) $(UNIT_LIBS) -lcmocka

build/unit/%-asan: tests/unit/%.c $(AOBJ) | build/unit
	$(CC) $(MEETLAT_CPPFLAGS) $(MEETLAT_CFLAGS) -O1 -g $(SAN) -o $@ $< $(AOBJ) $(LIBS) $(UNIT_LIBS) -lcmocka

# base/hyphen.c is compared with libhyphen, whose matching it repeats: linked into that test only
build/unit/test_hyphen build/unit/test_hyphen-asan: UNIT_LIBS = -lhyphen

UNIT_BIN  = $(UNIT:tests/unit/%.c=build/unit/%)
UNIT_ASAN = $(UNIT:tests/unit/%.c=build/unit/%-asan)

build/mkdata: tools/mkdata.c generator/base/date.c generator/base/util.c generator/base/platform.c | build
	$(CC) -std=c11 -pthread -Igenerator -D_GNU_SOURCE -Wall -Wextra -O2 -o $@ $^ -lm

# Workbooks for the tests of the workbook reader (a large export, a zip bomb), made when needed
build/mkxlsx: tools/mkxlsx.c generator/base/date.c generator/base/util.c generator/base/platform.c | build
	$(CC) -std=c11 -pthread -Igenerator -D_GNU_SOURCE -Wall -Wextra -O2 $(shell pkg-config --cflags minizip) -o $@ $^ \
		$(shell pkg-config --libs minizip) -lz

unit: $(UNIT_BIN) $(UNIT_ASAN)
	@set -e; for t in $(UNIT_BIN) $(UNIT_ASAN); do echo "== $$t"; ./$$t; done

e2e: meetlat build/meetlat-asan build/mkdata build/mkxlsx
	@sh tests/e2e/run.sh ./meetlat
	@echo "== end-to-end again under ASan/UBSan"
	@sh tests/e2e/run.sh build/meetlat-asan

test: deps deps-test meetlat
	@sh tests/layers.sh
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory check-data
	@$(MAKE) --no-print-directory e2e
	@$(MAKE) --no-print-directory regress
	@$(MAKE) --no-print-directory lifecycle
	@$(MAKE) --no-print-directory fuzz FUZZ_RUNS=300
	@$(MAKE) --no-print-directory fuzz-lib
	@$(MAKE) --no-print-directory browser
	@if [ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null 2>&1; then \
		sh tools/deps.sh windows || exit 1; \
		st=0; sh tools/windows.sh libs || st=$$?; \
		if [ $$st = 3 ]; then echo "windows: NOT TESTED: Debian's archive cannot serve a library's source (above)"; \
		elif [ $$st != 0 ]; then exit $$st; \
		else $(MAKE) --no-print-directory windows-test; fi; \
	else echo "windows: Wine is not installed; meetlat.exe not tested (sh tools/deps.sh test installs it)"; fi

# A year of use: quarterly deliveries cut from the example data, each export at its own date
# (tests/lifecycle/), built and published in turn.
lifecycle: meetlat
	@sh tests/lifecycle/run.sh ./meetlat

# Expected outputs of a small programme (tests/regress/): pages, open data, the PDF's text and
# the workbook's cells, compared with diff -u. regress-update rewrites them for review.
regress: meetlat
	@sh tests/regress/run.sh ./meetlat

regress-update: meetlat
	@sh tests/regress/run.sh ./meetlat --update

# Rewrite the messages expected from the broken inputs (tests/e2e/broken/*/expected.err).
broken-update: meetlat
	@sh tests/e2e/broken-update.sh ./meetlat

# Damaged exports and front matter against the sanitizer build (make fuzz FUZZ_RUNS=2000).
FUZZ_RUNS ?= 500
FUZZ_SEED ?= 1
fuzz: build/meetlat-asan
	@/usr/bin/python3 tests/fuzz/mutate.py build/meetlat-asan $(FUZZ_SEED) $(FUZZ_RUNS)

# Coverage-guided fuzzing with libFuzzer (clang) of the CSV reader and of the workbook reader,
# each with the data loader and engine, of the content loader, of the edition records and of the
# explanations (toelichtingen/); ASan
# and UBSan on. Every file in tests/fuzz/corpus/ (the
# seeds, and inputs that once crashed) runs first; then each target runs FUZZ_SECONDS.
FUZZ_SECONDS ?= 20
LIBFUZZ = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FOBJ = $(SRC:generator/%.c=build/fuzz/%.o) build/fuzz/definities.o
.SECONDARY: $(FOBJ)

build/fuzz/%.o: generator/%.c
	@mkdir -p $(@D)
	clang $(MEETLAT_CPPFLAGS) -std=c11 -g -O1 -MMD -MP $(LIBFUZZ) -c -o $@ $<

build/fuzz/definities.o: build/definities.c
	@mkdir -p $(@D)
	clang -g -O1 $(LIBFUZZ) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FOBJ)
	clang $(MEETLAT_CPPFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ $< $(FOBJ) $(LIBS)

fuzz-lib: build/fuzz/fuzz_csv build/fuzz/fuzz_frontmatter build/fuzz/fuzz_edition build/fuzz/fuzz_xlsx build/fuzz/fuzz_explain
	@set -e; for t in csv frontmatter edition xlsx explain; do \
		mkdir -p build/fuzz/corpus-$$t; \
		./build/fuzz/fuzz_$$t -runs=0 tests/fuzz/corpus/$$t >/dev/null 2>&1 || \
			{ echo "libFuzzer: an input in tests/fuzz/corpus/$$t crashes fuzz_$$t"; ./build/fuzz/fuzz_$$t -runs=0 tests/fuzz/corpus/$$t; exit 1; }; \
		./build/fuzz/fuzz_$$t -dict=tests/fuzz/meetlat.dict -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=build/fuzz/crash-$$t- build/fuzz/corpus-$$t tests/fuzz/corpus/$$t >build/fuzz/$$t.log 2>&1 || \
			{ tail -40 build/fuzz/$$t.log; echo "libFuzzer: fuzz_$$t found a problem; the input is in build/fuzz/crash-$$t-*"; exit 1; }; \
		echo "libFuzzer: fuzz_$$t ran $(FUZZ_SECONDS) s clean ($$(grep -o 'stat::number_of_executed_units: [0-9]*' build/fuzz/$$t.log | grep -o '[0-9]*$$' || tail -1 build/fuzz/$$t.log))"; \
	done

# The generated site in a real browser: axe-core (WCAG 2.1 A and AA) at 1280 and 375 px,
# reflow at 320 px, accessible charts, no outside requests, printing; and the Nu HTML Checker
# on every page.
browser: meetlat
	@rm -rf build/browser-site build/browser-project && mkdir -p build/browser-project
	@cp -R content data build/browser-project/ && ln -s ../../themes build/browser-project/themes
	@# the shipped programme with a previous edition (30 September), so the pages that show
	@# what changed and the archive are checked too
	@./meetlat build -q -C build/browser-project -o build/browser-project/out --peildatum 2025-09-30 --publiceer >/dev/null
	@./meetlat build -q -C build/browser-project -o build/browser-site
	@cd tests/browser && npm ci --no-audit --no-fund --silent || { \
		echo "browser: 'npm ci' in tests/browser failed: axe-core, playwright-core and vnu-jar come" >&2; \
		echo "  from the npm registry ($$(npm config get registry)) as the lockfile pins them." >&2; \
		echo "  Is the registry reachable from this machine (proxy, certificates)?" >&2; exit 1; }
	@node tests/browser/check.mjs build/browser-site
	@java -jar tests/browser/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html build/browser-site \
		&& echo "html: every page valid (Nu HTML Checker)"

# The shipped example data is generated; this proves data/ is what the script makes.
data: build/mkdata
	./build/mkdata example data

check-data: build/mkdata
	@rm -rf build/data-check && mkdir -p build/data-check
	@./build/mkdata example build/data-check
	@for f in build/data-check/*; do cmp "$$f" "data/$${f##*/}" || { echo "data/ differs from tools/mkdata.c: run 'make data'"; exit 1; }; done
	@echo "data/ matches tools/mkdata.c"

bench: meetlat build/mkdata build/mkxlsx
	@sh tools/bench.sh $(BENCH_ROWS)

# --- Windows ----------------------------------------------------------------------------
# meetlat.exe for the secretary's Windows PC: cross-compiled with Debian's mingw-w64, every
# library linked statically and built from Debian's own source packages at the versions the
# Linux build uses (tools/windows.sh; cached in build/windows/, so a second run only compiles
# meetlat). Then dist/meetlat-$(VERSION)-windows.zip with the themes, fonts and example project.
WIN_HOST     = x86_64-w64-mingw32
WIN_CC       = $(WIN_HOST)-gcc
WIN_SYSROOT  = build/windows/sysroot
# __USE_MINGW_ANSI_STDIO: C99 printf and strtod as in glibc (the libraries are built with it too)
WIN_CPPFLAGS = -Igenerator -I$(WIN_SYSROOT)/include -DVERSION='"$(VERSION)"' -D__USE_MINGW_ANSI_STDIO=1 \
	-D_POSIX_THREAD_SAFE_FUNCTIONS=200112L -D_WIN32_WINNT=0x0A00 -DYAML_DECLARE_STATIC -DCMARK_STATIC_DEFINE -DXML_STATIC
WIN_CFLAGS   = -O2 $(MEETLAT_CFLAGS)
WIN_LIBS     = -L$(WIN_SYSROOT)/lib -lcmark -lyaml -lxlsxwriter -lminizip -lexpat -lnettle -lcsv -lhpdfs -lz -lm \
	-lpthread
WIN_OBJ      = $(SRC:generator/%.c=build/windows/obj/%.o) build/windows/obj/definities.o

windows:
	@sh tools/deps.sh windows
	@sh tools/windows.sh libs
	@$(MAKE) --no-print-directory build/windows/meetlat.exe
	@sh tools/windows.sh zip $(VERSION)

build/windows/obj/%.o: generator/%.c
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CPPFLAGS) $(WIN_CFLAGS) -c -o $@ $<

build/windows/obj/definities.o: build/definities.c
	@mkdir -p $(@D)
	$(WIN_CC) -O2 -c -o $@ $<

# the manifest: UTF-8 as the program's code page (file names in the libraries' fopen), and
# Windows 10 and 11 as the systems it is made for
build/windows/obj/meetlat-res.o: tools/windows/meetlat.rc tools/windows/meetlat.manifest
	@mkdir -p $(@D)
	$(WIN_HOST)-windres -DVERSION_TEXT='\"$(VERSION)\"' -Itools/windows -i $< -o $@

# stripped, and no link time in the header: the same sources give the same meetlat.exe
build/windows/meetlat.exe: build/windows/obj/main.o $(WIN_OBJ) build/windows/obj/meetlat-res.o
	$(WIN_CC) -static -static-libgcc -O2 -s -Wl,--no-insert-timestamp -o $@ $^ $(WIN_LIBS)

# The test build of meetlat.exe, never shipped: like the sanitizer build on Linux it fails named
# steps on request (MEETLAT_FOUT), so the tests reach a failed move halfway through the swap.
# Fault injection lives in base/platform.c, so only that object differs.
build/windows/fobj/base/platform.o: generator/base/platform.c
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CPPFLAGS) -DMEETLAT_FAULTS $(WIN_CFLAGS) -c -o $@ $<

build/windows/meetlat-fout.exe: build/windows/obj/main.o $(filter-out build/windows/obj/base/platform.o,$(WIN_OBJ)) \
		build/windows/fobj/base/platform.o build/windows/obj/meetlat-res.o
	$(WIN_CC) -static -static-libgcc -O2 -s -Wl,--no-insert-timestamp -o $@ $^ $(WIN_LIBS)

# The expected outputs and the broken inputs through meetlat.exe under Wine, the shipped
# programme built by Linux and by meetlat.exe compared byte for byte, and the output rules
# with Windows means, failures included (tests/windows/run.sh).
windows-test: meetlat
	@$(MAKE) --no-print-directory windows
	@$(MAKE) --no-print-directory build/windows/meetlat-fout.exe
	@sh tests/windows/run.sh ./meetlat build/windows/meetlat.exe dist/meetlat-$(VERSION)-windows.zip \
		build/windows/meetlat-fout.exe

# --- install ----------------------------------------------------------------------------

install: meetlat
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes/default
	install -m 755 meetlat $(DESTDIR)$(BINDIR)/meetlat
	install -m 644 themes/default/* $(DESTDIR)$(DATADIR)/themes/default/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/meetlat
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build dist meetlat

-include $(OBJ:.o=.d) $(AOBJ:.o=.d) $(TOBJ:.o=.d) $(FOBJ:.o=.d) $(WIN_OBJ:.o=.d) build/obj/main.d build/asan/main.d build/tsan/main.d build/windows/obj/main.d \
	build/windows/fobj/base/platform.d
