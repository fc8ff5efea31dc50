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
	@$$(CC) $(2) -o $$@ $$^ $$(LIBS)
$(1)/unit_tests: $(patsubst src/%.c,$(1)/obj/%.o,$(LIB_SRC)) \
		$(patsubst tests/unit/%.c,$(1)/unit/%.o,$(UNIT_SRC))
	@echo "LD      $$@"
	@$$(CC) $(2) -o $$@ $$^ $$(LIBS) -lcriterion
$(1)/obj $(1)/unit:
	mkdir -p $$@
endef

$(eval $(call flavour,build,$(OPT)))
$(eval $(call flavour,build/asan,$(SAN)))

.PHONY: all deps test test-all run run-all bench install clean unit asan
all: build/finfacts

deps:
	@scripts/install-deps.sh

unit: build/unit_tests
asan: build/asan/finfacts build/asan/unit_tests

test: deps
	@$(MAKE) --no-print-directory test-all

test-all: build/finfacts build/unit_tests build/asan/finfacts build/asan/unit_tests
	@tests/run-all.sh

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

clean:
	rm -rf build out bench/out
