# selfeval — one entry point for building, testing and running the product.
#   make demo   build everything and serve the page on 127.0.0.1
#   make test   build everything and run every test
# Both install what they need (Debian packages, npm packages from the lockfile).

SHELL := /bin/bash
.DEFAULT_GOAL := build

PORT ?= 8080
HOST ?= 127.0.0.1
JOBS ?= $(shell nproc)
export NODE_PATH := /usr/share/nodejs

APT_PACKAGES := g++ clang cmake ninja-build pkg-config nlohmann-json3-dev libfmt-dev doctest-dev \
                emscripten chromium fonts-noto-cjk libsodium-dev libssl-dev \
                dpkg-dev autoconf automake libtool openssl zlib1g-dev libexpat1-dev libfreexl-dev \
                locales libreoffice-calc-nogui poppler-utils clang-format
STAMP := build/.stamps

.PHONY: build demo test deps native wasm wasm-libs web test-native test-node test-fuzz fuzz clean bless bench

deps: $(STAMP)/apt $(STAMP)/npm

# Installs the Debian packages that are missing (nothing when all are present).
$(STAMP)/apt: Makefile
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if ! command -v node >/dev/null; then missing="$$missing nodejs"; fi; \
	if ! command -v npm >/dev/null; then missing="$$missing npm"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq $$missing; \
	fi
	@mkdir -p $(STAMP) && touch $@

# npm packages exactly as the lockfile pins them.
$(STAMP)/npm: package.json package-lock.json $(STAMP)/apt
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMP) && touch $@

native: $(STAMP)/apt
	tools/freexl_source.sh
	tools/openssl_source.sh
	cmake --preset native >/dev/null
	cmake --build --preset native -j $(JOBS)

# The C libraries the wasm links, from Debian's source packages (each script skips what is built).
wasm-libs: $(STAMP)/apt
	tools/build_libsodium_wasm.sh
	tools/build_wasm_libs.sh

wasm: wasm-libs
	tools/freexl_source.sh
	tools/openssl_source.sh
	cmake --preset wasm >/dev/null
	cmake --build --preset wasm -j $(JOBS)

web: wasm $(STAMP)/npm
	node tools/build_web.mjs

build: native web

test-native: native
	tools/check_format.sh
	node tools/check_core_purity.mjs
	ctest --preset native

# The wasm-in-node tests and the browser tests that bound no time run two files at a time (they
# share no file); the browser tests that bound how long the page takes (E2E_TIMED) one at a time,
# alone on the machine. A new browser test file that measures time belongs in E2E_TIMED.
E2E_TIMED := tests/e2e/review_workbench.test.mjs tests/e2e/large_forms.test.mjs tests/e2e/durability.test.mjs
test-node: build
	node --test --test-concurrency=2 tests/node/
	node --test --test-concurrency=2 $(filter-out $(E2E_TIMED),$(sort $(wildcard tests/e2e/*.test.mjs)))
	node --test $(E2E_TIMED)

# The wasm libraries build beside the native build and its tests: their configure scripts run
# one check at a time, and the machine's second core would otherwise wait.
test: deps
	$(MAKE) -j2 test-native wasm-libs
	$(MAKE) test-node
	$(MAKE) test-fuzz

# libFuzzer targets under ASan + UBSan (clang): `make fuzz` runs each for FUZZ_SECONDS;
# `make test` runs each for 5 s (every seed replayed first, then a short search). Crashes fail the run (build/fuzz/logs, build/fuzz/crashes).
# FUZZ_PRESET: native-asan (-O1, for real campaigns) or fuzz-smoke (-O0, builds in half the time).
FUZZ_SECONDS ?= 300
FUZZ_PRESET ?= native-asan
FUZZ_TARGETS := target_expr template_loader answers_loader answers_roundtrip canonical_json submission_verify \
                key_registry workbook indicator_list csv number_format
fuzz: native
	tools/freexl_source.sh
	tools/openssl_source.sh
	cmake --preset $(FUZZ_PRESET) >/dev/null
	cmake --build --preset $(FUZZ_PRESET) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	node tools/fuzz_corpus.mjs
	FUZZ_BUILD_DIR=build/$(FUZZ_PRESET) tools/run_fuzzers.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

test-fuzz:
	$(MAKE) fuzz FUZZ_SECONDS=5 FUZZ_PRESET=fuzz-smoke

# Every benchmark of bench/README.md: results to bench/results/latest.json and the README's
# summary table (not part of make test). `make bench BENCH=browser` runs one part only.
bench: deps build
	node bench/run.mjs $(BENCH)

demo: deps build
	node tools/serve.mjs --port $(PORT) --host $(HOST)

clean:
	rm -rf build dist

# Rewrites tests/golden/*/expected.json from the current engine; review the diff.
bless: native
	tools/bless_goldens.sh
