# Portable build, install and tarball of hopfield (GNU make).
#
#   make                              the portable binary, man page and completions under .build/
#   make install PREFIX=/usr/local    (DESTDIR honoured) installs exactly the five files listed below
#   make uninstall PREFIX=/usr/local  removes exactly those
#   make install-strip                as install, with the binary stripped
#   make dist                         dist/hopfield-VERSION-linux-ARCH.tar.gz, to copy to a server
#
# The binary links the Swift runtime and Foundation statically, so it needs only libc, libstdc++/libgcc
# and ncursesw. It is built in its own scratch directory, so `swift build -c release` (which links the
# runtime dynamically) never replaces it.

SHELL = /bin/sh
SWIFT ?= swift
PREFIX ?= /usr/local
prefix = $(PREFIX)
exec_prefix = $(prefix)
bindir = $(exec_prefix)/bin
datarootdir = $(prefix)/share
mandir = $(datarootdir)/man
man1dir = $(mandir)/man1
bashcompdir = $(datarootdir)/bash-completion/completions
zshcompdir = $(datarootdir)/zsh/site-functions
fishcompdir = $(datarootdir)/fish/vendor_completions.d
INSTALL ?= install
INSTALL_PROGRAM ?= $(INSTALL) -m 755
INSTALL_DATA ?= $(INSTALL) -m 644

VERSION := $(shell sed -n 's/^ *version: "\(.*\)",$$/\1/p' Sources/hopfield/Hopfield.swift)
ARCH := $(shell uname -m)
SCRATCH = .build/portable
BIN = $(SCRATCH)/release/hopfield
GEN = $(SCRATCH)/share
PAGE = $(GEN)/hopfield.1
BASH_COMPLETION = $(GEN)/hopfield.bash
ZSH_COMPLETION = $(GEN)/_hopfield
FISH_COMPLETION = $(GEN)/hopfield.fish
DIST_NAME = hopfield-$(VERSION)
TARBALL = dist/$(DIST_NAME)-linux-$(ARCH).tar.gz
SOURCES := Package.swift $(shell find Sources -type f)

.PHONY: all install install-strip uninstall dist clean
.DELETE_ON_ERROR:

all: $(BIN) $(PAGE) $(BASH_COMPLETION) $(ZSH_COMPLETION) $(FISH_COMPLETION)

$(BIN): $(SOURCES)
	$(SWIFT) build -c release --static-swift-stdlib --product hopfield --scratch-path $(SCRATCH)
	@touch $@

# The page and the completions come from the binary's own command definitions and key tables.
$(PAGE): $(BIN)
	@mkdir -p $(GEN)
	$(BIN) generate-man > $@

$(BASH_COMPLETION): $(BIN)
	@mkdir -p $(GEN)
	$(BIN) --generate-completion-script bash > $@

$(ZSH_COMPLETION): $(BIN)
	@mkdir -p $(GEN)
	$(BIN) --generate-completion-script zsh > $@

$(FISH_COMPLETION): $(BIN)
	@mkdir -p $(GEN)
	$(BIN) --generate-completion-script fish > $@

install: all
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(man1dir) $(DESTDIR)$(bashcompdir) $(DESTDIR)$(zshcompdir) $(DESTDIR)$(fishcompdir)
	$(INSTALL_PROGRAM) $(BIN) $(DESTDIR)$(bindir)/hopfield
	$(INSTALL_DATA) $(PAGE) $(DESTDIR)$(man1dir)/hopfield.1
	$(INSTALL_DATA) $(BASH_COMPLETION) $(DESTDIR)$(bashcompdir)/hopfield
	$(INSTALL_DATA) $(ZSH_COMPLETION) $(DESTDIR)$(zshcompdir)/_hopfield
	$(INSTALL_DATA) $(FISH_COMPLETION) $(DESTDIR)$(fishcompdir)/hopfield.fish

install-strip:
	$(MAKE) INSTALL_PROGRAM='$(INSTALL_PROGRAM) -s' install

uninstall:
	rm -f $(DESTDIR)$(bindir)/hopfield $(DESTDIR)$(man1dir)/hopfield.1 $(DESTDIR)$(bashcompdir)/hopfield \
	      $(DESTDIR)$(zshcompdir)/_hopfield $(DESTDIR)$(fishcompdir)/hopfield.fish

# hopfield-VERSION/{bin,share}/… as installed, plus README.md; the binary stripped.
dist: all
	rm -rf $(SCRATCH)/dist
	$(MAKE) install-strip DESTDIR= PREFIX="$(CURDIR)/$(SCRATCH)/dist/$(DIST_NAME)"
	cp README.md $(SCRATCH)/dist/$(DIST_NAME)/
	@mkdir -p dist
	tar -C $(SCRATCH)/dist -czf $(TARBALL) $(DIST_NAME)
	@echo "wrote $(TARBALL)"

clean:
	rm -rf $(SCRATCH) dist
