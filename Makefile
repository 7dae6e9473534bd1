# chargectl — see README.md. Every target works from a clean clone.
SWIFT      ?= swift
PREFIX     ?= /usr/local
BIN_DEBUG   = .build/debug/chargectl
BIN_RELEASE = .build/release/chargectl
VENV        = .build-venv
PY          = $(VENV)/bin/python

.PHONY: all build release test unit interop demo demo-https bench install fmt fuzz clean pydeps modbus-bench-c

all: build

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --static-swift-stdlib

# Every test: Swift unit, property, golden and CLI tests, then the interop tests against the Python peers.
# The loopback suites run apart from the CPU-bound property suites, one test at a time: on two cores a parallel
# run starves the in-process peers they talk to (a server that answers a second late looks like a dead meter).
LOOPBACK_SUITES = ChargeIOTests|ChargeCtlCLITests|EndToEndTests|VirtualSiteTests|ChargeHTTPSTests
test: build pydeps unit
	$(MAKE) --no-print-directory interop

unit:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(LOOPBACK_SUITES)'
	$(SWIFT) test --skip-build --no-parallel --filter '$(LOOPBACK_SUITES)'

interop: pydeps
	@if ls Tests/Interop/test_*.py >/dev/null 2>&1; then \
	  CHARGECTL=$(abspath $(BIN_DEBUG)) $(PY) -m pytest -q Tests/Interop; \
	else echo "interop: no interop tests yet"; fi

pydeps: $(VENV)/.installed

$(VENV)/.installed: Tests/Interop/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
	touch $@

# The main job on a built-in default: a virtual site on loopback commissioned end to end by the real commands.
demo: build
	$(BIN_DEBUG) demo

# The same commissioning over each virtual station's local HTTPS API (the read-back stays on OCPP).
demo-https: build
	$(BIN_DEBUG) demo --via https

bench: release pydeps modbus-bench-c
	.build/release/ChargeBench

# The Modbus benchmark's C peers (libmodbus server and client); skipped with a message without libmodbus-dev.
modbus-bench-c:
	@if pkg-config --exists libmodbus 2>/dev/null; then \
	  mkdir -p .build/bench-modbus && \
	  cc -O2 -o .build/bench-modbus/server Benchmarks/modbus/server.c $$(pkg-config --cflags --libs libmodbus) && \
	  cc -O2 -o .build/bench-modbus/client Benchmarks/modbus/client.c $$(pkg-config --cflags --libs libmodbus); \
	else echo "modbus bench: libmodbus-dev is not installed (apt-get install libmodbus-dev pkg-config); it will be skipped"; fi

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/chargectl/presets \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN_RELEASE) $(DESTDIR)$(PREFIX)/bin/chargectl
	if ls Presets/*.yaml >/dev/null 2>&1; then install -m 644 Presets/*.yaml $(DESTDIR)$(PREFIX)/share/chargectl/presets/; fi
	$(BIN_RELEASE) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/chargectl
	$(BIN_RELEASE) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_chargectl
	$(BIN_RELEASE) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/chargectl.fish
	$(SWIFT) package plugin --allow-writing-to-package-directory generate-manual --multi-page=false 2>/dev/null \
	  || $(SWIFT) package generate-manual
	install -m 644 .build/plugins/GenerateManual/outputs/chargectl/chargectl.1 $(DESTDIR)$(PREFIX)/share/man/man1/chargectl.1

# Coverage-guided fuzzing of the decoders and the site/scenario loader, bounded in time (reference/environment.md §5).
# A fuzzer's Fuzz/NAME/seeds (read only) start its corpus; what it learns goes to .build-fuzz/corpus/NAME.
FUZZ_SECONDS ?= 30
FUZZERS = FuzzModbusFrames FuzzDNSMessage FuzzOCPPFrames FuzzSiteLoader
fuzz:
	@for f in $(FUZZERS); do \
	  $(SWIFT) build --product $$f --sanitize fuzzer --scratch-path .build-fuzz || exit 1; \
	  mkdir -p .build-fuzz/corpus/$$f; \
	  .build-fuzz/debug/$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 .build-fuzz/corpus/$$f \
	    $$(test -d Fuzz/$$f/seeds && echo Fuzz/$$f/seeds) || exit 1; \
	done

fmt:
	@if $(SWIFT) format --version >/dev/null 2>&1; then $(SWIFT) format --in-place --recursive Sources Tests Package.swift; \
	else echo "swift-format is not available in this toolchain"; fi

clean:
	rm -rf .build .build-* $(VENV)
