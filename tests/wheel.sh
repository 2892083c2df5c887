#!/usr/bin/env bash
# Installing claimtrace without compiling, tested as a user does it:
#
# 1. builds the wheel (wheel/pyproject.toml) with maturin and checks it holds
#    the claimtrace binary and nothing else;
# 2. with no Rust toolchain on PATH, installs it into a fresh virtual
#    environment and runs `claimtrace --version` and the README's example
#    check from there;
# 3. runs the Python pre-commit hooks through `pre-commit try-repo` of this
#    repository with no Rust toolchain on PATH and no package index (only
#    the wheel and setuptools at hand), so nothing can be compiled, and
#    checks the hooks' findings and that pip installed the wheel;
# 4. runs the GitHub Action's install steps (action.yml): from a given
#    wheel and from the cache with no Rust toolchain, and on a cache miss,
#    where it builds the wheel.
#
# Run by .ci/run, from any folder: `bash tests/wheel.sh`. maturin and
# pre-commit come from the package index into a virtual environment
# ($CLAIMTRACE_TOOLS_VENV, or target/wheel-test/tools). Exits 0 when every
# check passes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

say() { printf 'tests/wheel.sh: %s\n' "$*" >&2; }
fail() {
  say "FAIL: $*"
  exit 1
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

tools=${CLAIMTRACE_TOOLS_VENV:-$root/target/wheel-test/tools}
.ci/python-venv "$tools" maturin pre-commit
python=$tools/bin/python
version=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)

# PATH without any Rust toolchain: a folder holding cargo, rustc or rustup
# is replaced by links to its other programs, so git, Python and the rest
# stay where they were.
no_rust_path() {
  local kept=() dir program name farm n=0
  IFS=: read -r -a dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do
    [ -n "$dir" ] && [ -d "$dir" ] || continue
    if [ -e "$dir/cargo" ] || [ -e "$dir/rustc" ] || [ -e "$dir/rustup" ]; then
      n=$((n + 1))
      farm=$scratch/no-rust-path/$n
      mkdir -p "$farm"
      for program in "$dir"/*; do
        name=${program##*/}
        case "$name" in
          cargo* | rust* | clippy* | miri* | rls) continue ;;
        esac
        [ -x "$program" ] && [ ! -d "$program" ] && ln -s "$program" "$farm/$name"
      done
      kept+=("$farm")
    else
      kept+=("$dir")
    fi
  done
  local IFS=:
  printf '%s' "${kept[*]}"
}
NO_RUST_PATH=$(no_rust_path)
# Runs a command with no Rust toolchain to be found.
without_rust() {
  env -u CARGO -u RUSTC -u RUSTUP_TOOLCHAIN -u CARGO_HOME -u RUSTUP_HOME \
    PATH="$NO_RUST_PATH" "$@"
}
for program in cargo rustc rustup; do
  if without_rust bash -c "command -v $program" >/dev/null 2>&1; then
    fail "$program is still on the PATH meant to have no Rust toolchain"
  fi
done

# 1. The wheel.
say "building the wheel (maturin build --release)"
start=$SECONDS
wheels=$scratch/wheels
(cd wheel && "$tools/bin/maturin" build --release --out "$wheels")
shopt -s nullglob
built=("$wheels"/claimtrace_cli-"$version"-*.whl)
shopt -u nullglob
[ ${#built[@]} -eq 1 ] || fail "expected one claimtrace_cli-$version wheel in $wheels, found: $(ls "$wheels")"
wheel=${built[0]}
say "built ${wheel##*/} in $((SECONDS - start))s"
"$python" - "$wheel" <<'EOF' || fail "the wheel holds more than the binary and its metadata"
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
extra = [n for n in names if ".dist-info/" not in n and not n.endswith(".data/scripts/claimtrace")]
binary = [n for n in names if n.endswith(".data/scripts/claimtrace")]
print("\n".join(names))
sys.exit(1 if extra or len(binary) != 1 else 0)
EOF

# 2. pip install in a fresh virtual environment, no Rust toolchain.
say "installing the wheel into a fresh virtual environment, with no Rust toolchain on PATH"
user=$scratch/user
without_rust python3 -m venv "$user"
without_rust "$user/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
[ -x "$user/bin/claimtrace" ] || fail "pip install put no claimtrace in the environment"
got=$(without_rust "$user/bin/claimtrace" --version)
[ "$got" = "claimtrace $version" ] || fail "claimtrace --version: $got"
say "claimtrace --version: $got"

# The README's example check (Set up), with `claimtrace` for `cargo run
# --release --`, and the output the README shows for it.
setup=$(sed -n '/^## Set up/,/^## [^#]/p' README.md)
command=$(printf '%s\n' "$setup" | grep -m 1 '^cargo run --release -- check ') \
  || fail "no example check in the README's Set up section"
read -r -a arguments <<<"${command#cargo run --release -- }"
expected=$(printf '%s\n' "$setup" | awk '/^```text$/ { inside = 1; next } /^```/ { if (inside) exit } inside')
[ -n "$expected" ] || fail "no output shown for the example check in the README"
status=0
output=$(without_rust env PATH="$user/bin:$NO_RUST_PATH" claimtrace "${arguments[@]}" 2>&1) || status=$?
[ "$status" = 0 ] || fail "claimtrace ${arguments[*]} exited $status: $output"
[ "$output" = "$expected" ] || fail "claimtrace ${arguments[*]} printed:
$output
and the README shows:
$expected"
say "claimtrace ${arguments[*]}: $output"
# The same in a folder holding only the draft and the sources: the rules
# and everything else the binary reads are compiled in.
alone=$scratch/alone
mkdir -p "$alone"
for path in "${arguments[@]}"; do
  path=${path%/}
  if [ -e "$path" ]; then
    mkdir -p "$alone/$(dirname "$path")"
    cp -R "$path" "$alone/$(dirname "$path")/"
  fi
done
status=0
output=$(cd "$alone" && without_rust env PATH="$user/bin:$NO_RUST_PATH" claimtrace "${arguments[@]}" 2>&1) || status=$?
[ "$status" = 0 ] && [ "$output" = "$expected" ] \
  || fail "away from the repository, claimtrace ${arguments[*]} exited $status and printed: $output"

# 3. pre-commit try-repo, Python hooks. pip sees only this folder: the wheel,
# and setuptools for setup.py. No index, no cargo: nothing can be compiled.
links=$scratch/links
mkdir -p "$links"
cp "$wheel" "$links/"
"$python" -m pip download --quiet --disable-pip-version-check --only-binary=:all: --dest "$links" setuptools wheel

publication=$scratch/publication
mkdir -p "$publication/sources" "$publication/drafts"
git_() {
  git -c user.name=Test -c user.email=test@example.org -c commit.gpgsign=false \
    -c init.defaultBranch=main -C "$publication" "$@"
}
cp tests/fixtures/lsp/sources/harbour.txt "$publication/sources/"
printf 'sources = "sources"\ndrafts = "drafts/**/*.md"\nfail-on = "warning"\n' >"$publication/claimtrace.toml"
# A misquote ("triple") on line 3, a faithful figure on line 5.
draft='# Harbour

Okafor said: “We will triple the capacity of the container terminal within six years.”

The expansion will cost €240 million, according to the city council.'
printf '%s\n' "$draft" >"$publication/drafts/story.md"
git_ init --quiet
git_ add .
git_ commit --quiet -m story
# Staged: a new faithful draft, and the story's figure changed.
printf '%s\n' "${draft/triple/double}" >"$publication/drafts/clean.md"
printf '%s\n' "${draft/€240 million/€250 million}" >"$publication/drafts/story.md"
git_ add .

say "pre-commit try-repo with the Python hooks, no Rust toolchain, no package index"
status=0
output=$(cd "$publication" && without_rust env \
  PRE_COMMIT_HOME="$scratch/pre-commit" \
  PIP_NO_INDEX=1 PIP_FIND_LINKS="$links" PIP_DISABLE_PIP_VERSION_CHECK=1 \
  PIP_LOG="$scratch/pip.log" \
  VIRTUALENV_NO_PERIODIC_UPDATE=1 \
  SKIP=claimtrace-rust,claimtrace-changed-rust \
  GIT_CONFIG_NOSYSTEM=1 \
  GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.org \
  GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.org \
  "$tools/bin/pre-commit" try-repo "$root" --verbose --files drafts/story.md drafts/clean.md 2>&1) \
  || status=$?
printf '%s\n' "$output" >&2
# What pre-commit printed for hook $1: the lines after its status line
# (`NAME....Failed`), up to the next hook's.
hook_output() {
  printf '%s\n' "$output" | awk -v name="$1." '
    /\.\.\..*(Passed|Failed|Skipped)$/ { inside = (index($0, name) == 1); next }
    inside'
}
# Findings fail the commit.
[ "$status" = 1 ] || fail "pre-commit try-repo exited $status, not 1"
# `claimtrace` checks the files passed: the misquote and the figure of the
# story, nothing in the clean draft.
passed=$(hook_output claimtrace)
for expect in 'error[misquote]' 'warning[figure-mismatch]' '1 error, 1 warning in 2 documents'; do
  [[ "$passed" == *"$expect"* ]] || fail "the claimtrace hook did not report $expect"
done
# `claimtrace-changed` reports only the staged change: the figure.
changed=$(hook_output "claimtrace (changed lines)")
[[ "$changed" == *'warning[figure-mismatch]'* ]] || fail "claimtrace-changed did not report the figure"
[[ "$changed" != *'error[misquote]'* ]] || fail "claimtrace-changed reported an unchanged line"
[[ "$changed" == *'; 1 finding on unchanged lines left out'* ]] || fail "claimtrace-changed did not say what it left out"
# The Rust hooks were skipped, not installed.
for name in "claimtrace (built from source)" "claimtrace (changed lines, built from source)"; do
  printf '%s\n' "$output" | grep -qE "^${name//[()]/.}\.+Skipped$" || fail "$name was not skipped"
done
# pip installed the hooks from the wheel, and compiled nothing (with no
# cargo and no index it could not have: this says why, if it tried).
grep -qE "Successfully installed .*claimtrace-cli-$version" "$scratch/pip.log" \
  || fail "pip did not install claimtrace-cli $version for the hooks (log: $(tail -n 20 "$scratch/pip.log"))"
grep -qF "${wheel##*/}" "$scratch/pip.log" || fail "pip did not take the wheel built here"
if grep -qiE 'maturin|cargo|rustc|Compiling' "$scratch/pip.log"; then
  fail "the hooks' installation compiled: $(grep -iE 'maturin|cargo|rustc|Compiling' "$scratch/pip.log" | head -n 5)"
fi
say "the Python hooks installed the wheel with pip, compiled nothing, and reported as the Rust hooks do"

# 4. The Action's install steps (action.yml), run by bash as the runner
# runs them. Their scripts are read from action.yml by id.
step_script() {
  "$python" - "$1" <<'EOF'
import sys, yaml
steps = yaml.safe_load(open("action.yml"))["runs"]["steps"]
print(next(s for s in steps if s.get("id") == sys.argv[1])["run"])
EOF
}
step_script find >"$scratch/find.sh"
step_script install >"$scratch/install.sh"
# Runs step $1 in a runner folder $2 with the wheel input $3 and PATH $4.
run_step() {
  local runner=$2
  mkdir -p "$runner"
  : >"$runner/outputs"
  env -u CARGO -u RUSTC PATH="$4" ACTION_PATH="$root" INPUT_WHEEL="$3" \
    RUNNER_TEMP="$runner" GITHUB_OUTPUT="$runner/outputs" GITHUB_PATH="$runner/path" \
    bash -eo pipefail "$scratch/$1.sh"
}
# The binary a run of the install step put on GITHUB_PATH, checked.
installed_binary() {
  local folder
  folder=$(tail -n 1 "$1/path")
  [ -x "$folder/claimtrace" ] || fail "the install step put no claimtrace in $folder"
  got=$(without_rust "$folder/claimtrace" --version)
  [ "$got" = "claimtrace $version" ] || fail "the installed claimtrace --version: $got"
  cmp -s "$folder/claimtrace" "$user/bin/claimtrace" || [ "${2:-}" = rebuilt ] \
    || fail "the installed claimtrace is not the wheel's"
}

say "the Action: finding claimtrace"
runner=$scratch/runner-found
run_step find "$runner" "" "$user/bin:$NO_RUST_PATH" >/dev/null
grep -qx 'installed=true' "$runner/outputs" || fail "the find step did not see claimtrace on PATH"
runner=$scratch/runner-key
run_step find "$runner" "" "$NO_RUST_PATH" >/dev/null
grep -qx 'installed=false' "$runner/outputs" || fail "the find step saw a claimtrace that is not there"
grep -qE '^key=[0-9a-f]{32}$' "$runner/outputs" || fail "the find step gave no cache key: $(cat "$runner/outputs")"

say "the Action: installing the given wheel, no Rust toolchain"
runner=$scratch/runner-given
run_step install "$runner" "$wheel" "$NO_RUST_PATH"
installed_binary "$runner"
! grep -q '^built=' "$runner/outputs" || fail "the install step built with a wheel given"

say "the Action: installing the cached wheel, no Rust toolchain"
runner=$scratch/runner-cached
mkdir -p "$runner/claimtrace-wheels"
cp "$wheel" "$runner/claimtrace-wheels/"
run_step install "$runner" "" "$NO_RUST_PATH"
installed_binary "$runner"
! grep -q '^built=' "$runner/outputs" || fail "the install step built with a wheel in the cache"

say "the Action: no wheel given or cached and no Rust toolchain: a clear error"
runner=$scratch/runner-none
status=0
output=$(run_step install "$runner" "" "$NO_RUST_PATH" 2>&1) || status=$?
[ "$status" = 2 ] || fail "the install step exited $status with nothing to install: $output"
[[ "$output" == *"::error title=claimtrace::no wheel given or cached"* ]] || fail "no annotation: $output"

say "the Action: a cache miss builds the wheel once, for the cache"
runner=$scratch/runner-miss
run_step install "$runner" "" "$PATH"
installed_binary "$runner" rebuilt
grep -qx 'built=true' "$runner/outputs" || fail "the install step did not say it built the wheel"
shopt -s nullglob
cached=("$runner"/claimtrace-wheels/claimtrace_cli-"$version"-*.whl)
shopt -u nullglob
[ ${#cached[@]} -eq 1 ] || fail "the built wheel is not where the cache saves it from"

say "ok: the wheel installs and runs without a Rust toolchain, the Python hooks and the Action install it without compiling"
