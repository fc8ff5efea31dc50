# finfacts: make (build), make test, make run, make bench, make install.
# `make test` and `make run` install missing Debian packages first
# (scripts/install-deps.sh), then re-enter make so pkg-config sees them.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKGS := gsl cairo fontconfig libdeflate jansson

CFLAGS_BASE = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
	-D_DEFAULT_SOURCE $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread
# build/ links the libraries in from their .a files (Debian's -dev
# packages ship them), glibc alone shared: a process drawing one chart
# spent some 6 of its 21 ms in the dynamic loader, mapping and relocating
# the 27 shared objects cairo brings (X11 and xcb among them, which a PNG
# never calls); linked in, only the code used comes along.  The sanitizer
# and fuzz builds stay shared.  STATIC_DEPS=0 links build/ shared too;
# so does a machine that lacks one of the .a files (the link says so).
STATIC_DEPS ?= 1
ifeq ($(STATIC_DEPS),1)
LIBS_BUILD = -Wl,-Bstatic $(filter-out -lm -pthread -lpthread,$(shell \
	pkg-config --static --libs $(PKGS) 2>/dev/null)) -lcsv \
	-Wl,-Bdynamic -Wl,--as-needed -lm -lpthread
else
LIBS_BUILD = $(LIBS)
endif
OPT ?= -O2 -g
SAN = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

SRC := $(wildcard src/*.c)
LIB_SRC := $(filter-out src/main.c,$(SRC))
UNIT_SRC := $(wildcard tests/unit/*.c)
HDR := $(wildcard src/*.h)

# Two build flavours share one rule set: build/ and build/asan/.
define flavour
$(1)/obj/%.o: src/%.c $(HDR) | $(1)/obj
	@echo "CC      $$@"
	@$$(CC) $$(CFLAGS_BASE) $(2) -c $$< -o $$@
$(1)/unit/%.o: tests/unit/%.c $(HDR) | $(1)/unit
	@echo "CC      $$@"
	@$$(CC) $$(CFLAGS_BASE) $(2) -Isrc -c $$< -o $$@
$(1)/finfacts: $(patsubst src/%.c,$(1)/obj/%.o,$(SRC))
	@echo "LD      $$@"
	@$$(CC) $(2) -o $$@ $$^ $(3) 2>/dev/null || { \
		echo "LD      $$@: shared (a static library is missing)"; \
		$$(CC) $(2) -o $$@ $$^ $$(LIBS); }
$(1)/unit_tests: $(patsubst src/%.c,$(1)/obj/%.o,$(LIB_SRC)) \
		$(patsubst tests/unit/%.c,$(1)/unit/%.o,$(UNIT_SRC))
	@echo "LD      $$@"
	@$$(CC) $(2) -o $$@ $$^ $(3) -lcriterion 2>/dev/null || { \
		echo "LD      $$@: shared (a static library is missing)"; \
		$$(CC) $(2) -o $$@ $$^ $$(LIBS) -lcriterion; }
$(1)/obj $(1)/unit:
	mkdir -p $$@
endef

$(eval $(call flavour,build,$(OPT),$$(LIBS_BUILD)))
$(eval $(call flavour,build/asan,$(SAN),$$(LIBS)))
# bench/plot/run.sh's helpers; plot_bench is linked as build/finfacts is.
build/bench/plot_bench: bench/plot/plot_bench.c \
		$(patsubst src/%.c,build/obj/%.o,$(LIB_SRC)) | build/bench
	@echo "LD      $@"
	@$(CC) $(CFLAGS_BASE) $(OPT) -Isrc -o $@ $< $(filter %.o,$^) $(LIBS_BUILD) \
		2>/dev/null || $(CC) $(CFLAGS_BASE) $(OPT) -Isrc -o $@ $< $(filter %.o,$^) $(LIBS)
build/bench/proctime: bench/plot/proctime.c | build/bench
	@echo "LD      $@"
	@$(CC) $(CFLAGS_BASE) $(OPT) -o $@ $<
build/bench:
	mkdir -p $@

# Fuzzing (libFuzzer, clang): one harness per input kind in tests/fuzz/,
# seed corpora in tests/fuzz/corpus/NAME/, binaries in build/fuzz/.
FUZZ_CC ?= clang
FUZZ_SAN = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_NAMES := $(basename $(notdir $(wildcard tests/fuzz/*.c)))
FUZZ_BIN := $(patsubst %,build/fuzz/%,$(FUZZ_NAMES))
FUZZ_TIME ?= 60
FUZZ_RUNS ?=
build/fuzz/obj/%.o: src/%.c $(HDR) | build/fuzz/obj
	@echo "CC      $@"
	@$(FUZZ_CC) $(CFLAGS_BASE) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@
build/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_util.h \
		$(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC)) | build/fuzz/obj
	@echo "LD      $@"
	@$(FUZZ_CC) $(CFLAGS_BASE) $(FUZZ_SAN) -fsanitize=fuzzer -Isrc \
		-DFUZZ_LEXICON='"$(CURDIR)/data/lexicon.csv"' -o $@ $< \
		$(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC)) $(LIBS)
build/fuzz/obj:
	mkdir -p $@
.SECONDARY: $(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC))

.PHONY: all deps test test-all run run-all bench install clean unit asan \
	fuzz fuzz-build fuzz-regress valgrind
all: build/finfacts

deps:
	@scripts/install-deps.sh

unit: build/unit_tests
asan: build/asan/finfacts build/asan/unit_tests

test: deps
	@$(MAKE) --no-print-directory test-all

test-all: build/finfacts build/unit_tests build/asan/finfacts build/asan/unit_tests \
		$(FUZZ_BIN)
	@tests/run-all.sh

fuzz-build: $(FUZZ_BIN)

# Each harness for FUZZ_TIME seconds or FUZZ_RUNS executions, whichever
# comes first (one at a time: a fuzzer is a busy
# core), on a scratch copy of its corpus so the committed one stays small.
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_RUNS=$(FUZZ_RUNS) tests/fuzz/run.sh long $(FUZZ_TIME) $(FUZZ_NAMES)

# What `make test` runs: every committed input, then a few seconds beyond.
fuzz-regress: fuzz-build
	@tests/fuzz/run.sh regress 3 $(FUZZ_NAMES)

# The end-to-end tests under valgrind memcheck.
valgrind: deps
	@$(MAKE) --no-print-directory build/finfacts
	@FF="$(CURDIR)/tests/valgrind-ff.sh" FF_REAL="$(CURDIR)/build/finfacts" \
		tests/e2e/run.sh > build/valgrind.log 2>&1; \
	grep -E "^FAIL|^ERROR" build/valgrind.log; \
	p=$$(grep -c "^PASS" build/valgrind.log); f=$$(grep -c "^FAIL" build/valgrind.log); \
	echo "valgrind e2e: $$p passed, $$f failed (log: build/valgrind.log)"; \
	[ "$$f" -eq 0 ]

run: deps
	@$(MAKE) --no-print-directory run-all

run-all: build/finfacts
	@build/finfacts run data -o out --plots plots

bench:
	@scripts/install-deps.sh --peers
	@$(MAKE) --no-print-directory build/finfacts
	@bench/run.sh

install: build/finfacts
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 build/finfacts $(DESTDIR)$(PREFIX)/bin/finfacts
	install -d $(DESTDIR)$(PREFIX)/share/finfacts
	install -m 644 data/lexicon.csv $(DESTDIR)$(PREFIX)/share/finfacts/lexicon.csv

clean:
	rm -rf build out bench/out
