# m7emu developer targets. `make test` needs only Go (firmware ELFs and goldens are committed).
GO ?= go

.PHONY: test lint firmware firmware-check oracle bench fuzz vet fmt-check random random-check fp fp-check

test:
	$(GO) test ./...

vet:
	$(GO) vet ./...

# staticcheck from the Go module proxy (pinned), on every package.
lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.6.1 ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Rebuild the test firmware in testdata/firmware and testdata/soc (needs arm-none-eabi-gcc).
firmware:
	bash testdata/firmware/build.sh
	bash testdata/soc/build.sh

# Rebuild the firmware into a scratch directory and check it is byte-identical to what is committed.
firmware-check:
	bash testdata/firmware/build.sh --check
	bash testdata/soc/build.sh --check

# Regenerate the QEMU register traces and goldens in testdata/oracle (needs qemu-system-arm).
oracle:
	bash testdata/oracle/oracle.sh

bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./board/

fuzz:
	$(GO) test ./loader -run '^$$' -fuzz FuzzParse -fuzztime 10m

# Regenerate / check the random differential corpus in testdata/random (needs the toolchain and QEMU).
random:
	bash testdata/random/gen.sh

random-check:
	bash testdata/random/gen.sh --check

# Regenerate / check the floating-point corpus in testdata/fp (needs the toolchain and QEMU).
fp:
	bash testdata/fp/gen.sh

fp-check:
	bash testdata/fp/gen.sh --check
