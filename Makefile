# The two commands a new user needs: `make run` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
# ccache keyed on paths relative to the checkout, so a fresh clone reuses the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
export CCACHE_MAXSIZE ?= 5G

RELEASE_DIR := build/release
ASAN_DIR := build/asan

.PHONY: all deps web build build-asan run test unit-test api-test e2e-test fuzz-test lint-rules bench format lint clean

all: build

deps:
	@scripts/install-deps.sh

web: deps
	npm --prefix web run build

$(RELEASE_DIR)/build.ninja:
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DGONGDAN_TESTS=OFF -DGONGDAN_BENCHMARKS=ON

# The optimised binary: build/gongdan.
build: deps web $(RELEASE_DIR)/build.ninja
	cmake --build $(RELEASE_DIR) -j$(JOBS) --target gongdan
	cp $(RELEASE_DIR)/gongdan build/gongdan

$(ASAN_DIR)/build.ninja:
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGONGDAN_SANITIZE=ON

# One sanitizer build (ASan + UBSan) serves every test.
build-asan: deps $(ASAN_DIR)/build.ninja
	cmake --build $(ASAN_DIR) -j$(JOBS)

run: build
	build/gongdan demo --data-dir data
	@echo "Gongdan is starting on http://127.0.0.1:8080 (Ctrl-C stops it)"
	build/gongdan serve --listen 127.0.0.1:8080 --data-dir data

test: deps web build-asan
	$(MAKE) lint-rules unit-test api-test e2e-test fuzz-test

unit-test:
	cd $(ASAN_DIR) && ctest --output-on-failure -j$(JOBS)
	npm --prefix web test

api-test:
	GONGDAN_BIN=$(CURDIR)/$(ASAN_DIR)/gongdan scripts/api-tests.sh

e2e-test:
	GONGDAN_BIN=$(CURDIR)/$(ASAN_DIR)/gongdan npm --prefix tests run e2e

fuzz-test:
	scripts/fuzz-smoke.sh

lint-rules:
	scripts/lint-rules.sh

bench: build
	cmake --build $(RELEASE_DIR) -j$(JOBS)
	bench/run.sh

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

lint:
	git ls-files 'src/*.cpp' | grep -v _test.cpp | xargs clang-tidy -p $(ASAN_DIR) --quiet

clean:
	rm -rf build web/dist
