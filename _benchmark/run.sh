#!/usr/bin/env bash
# End-to-end benchmarks of gloss (issue #8): times `gloss build` against the
# floor (_benchmark/floor: goldmark + goldmark-meta on all cores, one HTML
# file per Markdown file) and, when `hugo` is on PATH, against Hugo with a
# minimal layout, on a corpus from _benchmark/corpus. Each tool runs RUNS
# times into an empty output folder, the tools taking turns (one run of each
# per round), so that a machine whose speed drifts (a shared host) slows all
# alike. The table shows the median and the best wall time, the largest max
# RSS of the runs and the median CPU time (user + sys, and user alone: on a
# virtual machine whose file system is slow, sys time is large and noisy,
# user time much less so); a ratio is the median of the rounds' ratios, with
# the ratio of the best runs after it.
#
# Other work on the machine (tests, browsers) inflates wall times: the
# "others" column is the most CPU time that anything but the timed command
# used during one of its runs (from /proc/stat); distrust rows where it is
# more than a small fraction of the CPU column. --wait-idle SECONDS waits up
# to that long before each run for the CPU to be at least 90% idle.
#
# -o OUTDIR puts the tools' output folders in OUTDIR instead of WORK: with
# -o /dev/shm (a RAM file system) the disk drops out of the comparison.
#
# Usage: _benchmark/run.sh [-a ARTICLES] [-e ENTRIES] [-n RUNS] [-w WORKDIR] [-o OUTDIR]
#                         [--no-hugo] [--wait-idle S] [MODE...]
#
# Modes (default: compare):
#   compare   gloss, the floor and Hugo on ARTICLES articles and ENTRIES entries
#   articles  linearity in articles: gloss on 2×ARTICLES vs ARTICLES (target ≤ 2.1×)
#   entries   linearity in entries: gloss on ENTRIES_HIGH vs ENTRIES_LOW entries,
#             ARTICLES articles (default 2000 vs 200; target ≤ 1.10×)
#   all       the three
#
# Environment: ARTICLES (10000), ENTRIES (1000), RUNS (5), WORK
# (${TMPDIR:-/tmp}/gloss-bench), HUGO=0 to skip Hugo, ENTRIES_LOW (200),
# ENTRIES_HIGH (2000), WAIT_IDLE (0), OUTDIR (WORK). Flags win over the
# environment.
#
# Needs /usr/bin/time (Debian package `time`) and Go; Hugo is optional
# (Debian package `hugo`; `apt-get install --no-install-recommends hugo`
# keeps Debian's older Go off the machine).
#
# Corpora are cached in WORK by size and by a hash of the generator's source,
# so a second run does not write them again. Everything stays in WORK.
set -euo pipefail

ARTICLES=${ARTICLES:-10000}
ENTRIES=${ENTRIES:-1000}
RUNS=${RUNS:-5}
WORK=${WORK:-${TMPDIR:-/tmp}/gloss-bench}
HUGO=${HUGO:-1}
ENTRIES_LOW=${ENTRIES_LOW:-200}
ENTRIES_HIGH=${ENTRIES_HIGH:-2000}
WAIT_IDLE=${WAIT_IDLE:-0}
OUTDIR=${OUTDIR:-}

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

modes=()
while [ $# -gt 0 ]; do
	case $1 in
	-a) ARTICLES=$2; shift 2 ;;
	-e) ENTRIES=$2; shift 2 ;;
	-n) RUNS=$2; shift 2 ;;
	-w) WORK=$2; shift 2 ;;
	-o) OUTDIR=$2; shift 2 ;;
	--no-hugo) HUGO=0; shift ;;
	--wait-idle) WAIT_IDLE=$2; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	compare | articles | entries) modes+=("$1"); shift ;;
	all) modes+=(compare articles entries); shift ;;
	*) echo "run.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
	esac
done
[ ${#modes[@]} -gt 0 ] || modes=(compare)
for n in "$ARTICLES" "$ENTRIES" "$RUNS" "$ENTRIES_LOW" "$ENTRIES_HIGH"; do
	case $n in '' | *[!0-9]* | 0) echo "run.sh: want positive numbers, got '$n'" >&2; exit 2 ;; esac
done
case $WAIT_IDLE in '' | *[!0-9]*) echo "run.sh: --wait-idle wants seconds, got '$WAIT_IDLE'" >&2; exit 2 ;; esac

if [ ! -x /usr/bin/time ]; then
	echo "run.sh: /usr/bin/time is missing; install the Debian package 'time' (apt-get install time)" >&2
	exit 1
fi
if [ "$HUGO" != 0 ] && ! command -v hugo >/dev/null 2>&1; then
	echo "run.sh: hugo is not on PATH; skipping Hugo (apt-get install --no-install-recommends hugo)" >&2
	HUGO=0
fi

cd "$(dirname "$0")/.."
mkdir -p "$WORK/bin"
WORK=$(cd "$WORK" && pwd)
OUTDIR=${OUTDIR:-$WORK}
mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)

echo "== building gloss, the floor and the corpus generator"
# The commit the binaries are built from, noted now: others may commit while
# the benchmarks run.
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && ! git diff --quiet HEAD -- . ':(exclude)_benchmark/run.sh' 2>/dev/null; then
	commit="$commit with uncommitted changes"
fi
go build -o "$WORK/bin/gloss" .
go build -o "$WORK/bin/floor" ./_benchmark/floor
go build -o "$WORK/bin/corpus" ./_benchmark/corpus
gen_hash=$(cat _benchmark/corpusgen/*.go | sha256sum | cut -c1-10)

# corpus A E: prints the folder of a corpus of A articles and E entries,
# writing it first unless a complete one is cached.
corpus() {
	local dir="$WORK/corpus-$gen_hash-a$1-e$2"
	if [ ! -f "$dir/.complete" ]; then
		rm -rf "$dir"
		"$WORK/bin/corpus" -articles "$1" -entries "$2" -out "$dir" >&2
		touch "$dir/.complete"
	fi
	echo "$dir"
}

# hugo_site CORPUS: prints a Hugo site folder holding a copy of the corpus's
# Markdown and a minimal layout (gloss's own front matter keys, such as
# annotations, are ignored by Hugo).
hugo_site() {
	local site="$1.hugo"
	if [ ! -f "$site/.complete" ]; then
		rm -rf "$site"
		mkdir -p "$site/layouts/_default"
		cp -r "$1/content" "$site/content"
		rm -f "$site/content/site.yaml"
		cat >"$site/config.toml" <<-'EOF'
			baseURL = "https://example.org/bench/"
			title = "gloss benchmark corpus"
			disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
		EOF
		cat >"$site/layouts/_default/single.html" <<-'EOF'
			<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
			<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>
		EOF
		cat >"$site/layouts/_default/list.html" <<-'EOF'
			<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
			<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
		EOF
		touch "$site/.complete"
	fi
	echo "$site"
}

# seconds "h:mm:ss" or "m:ss.ss" → seconds
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"; }

# median, best, most: of the numbers in $1 (separated by spaces)
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { tr ' ' '\n' <<<"$1" | grep . | sort -g | head -1; }
most() { tr ' ' '\n' <<<"$1" | grep . | sort -g | tail -1; }

# cpu_idle: prints how idle (%) the CPUs were over the next second.
cpu_idle() {
	local a b
	a=$(awk '/^cpu / { printf "%d %d", $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
	sleep 1
	b=$(awk '/^cpu / { printf "%d %d", $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
	awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); d = y[2] - x[2]; printf "%d", (d > 0 ? 100 * (y[1] - x[1]) / d : 100) }'
}

# wait_idle: prints the CPU idle % just before a run, after waiting up to
# WAIT_IDLE seconds for it to reach 90%.
wait_idle() {
	local idle deadline=$((SECONDS + WAIT_IDLE))
	idle=$(cpu_idle)
	while [ "$idle" -lt 90 ] && [ "$SECONDS" -lt "$deadline" ]; do
		idle=$(cpu_idle)
	done
	echo "$idle"
}

# busy_ticks: prints the CPU time (clock ticks) all CPUs spent busy so far.
busy_ticks() { awk '/^cpu / { printf "%d", $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
TICKS=$(getconf CLK_TCK)

# A benchmark is a key ("gloss a10000 e1000", "floor a10000 e1000", "hugo
# a10000 e1000"); its runs' numbers are kept as space-separated lists.
declare -A WALLS RSSS CPUS USERS OTHERS

key() { echo "$1 a$2 e$3"; }

# run_once KEY ROUND: one timed run of KEY's tool on KEY's corpus, into an
# emptied output folder; appends its numbers to KEY's lists.
run_once() {
	local key=$1 round=$2 tool articles entries
	read -r tool articles entries <<<"$key"
	articles=${articles#a}
	entries=${entries#e}
	local c out="$OUTDIR/gloss-bench-out-$tool" cmd
	c=$(corpus "$articles" "$entries")
	case $tool in
	gloss) cmd=("$WORK/bin/gloss" build -src "$c" -out "$out") ;;
	floor) cmd=("$WORK/bin/floor" -src "$c" -out "$out") ;;
	hugo) cmd=(hugo --quiet -s "$(hugo_site "$c")" -d "$out") ;;
	esac
	rm -rf "$out"
	sync
	local idle t0 t1 log="$WORK/time.log" errlog="$WORK/stderr.log"
	idle=$(wait_idle)
	t0=$(busy_ticks)
	if ! /usr/bin/time -v -o "$log" "${cmd[@]}" >/dev/null 2>"$errlog"; then
		echo "run.sh: $key failed:" >&2
		cat "$errlog" "$log" >&2
		exit 1
	fi
	t1=$(busy_ticks)
	rm -rf "$out"
	local wall rss user sys cpu other
	wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$log")")
	rss=$(($(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log") / 1024))
	user=$(sed -n 's/.*User time (seconds): //p' "$log")
	sys=$(sed -n 's/.*System time (seconds): //p' "$log")
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	other=$(awk -v a="$t0" -v b="$t1" -v t="$TICKS" -v c="$cpu" 'BEGIN { o = (b - a) / t - c; printf "%.1f", (o > 0 ? o : 0) }')
	WALLS[$key]+=" $wall"
	RSSS[$key]+=" $rss"
	CPUS[$key]+=" $cpu"
	USERS[$key]+=" $user"
	OTHERS[$key]+=" $other"
	printf '   round %d  %-24s %7.2f s  %6d MB  CPU %6.2f s (user %s, sys %s)  others %5.1f s  idle before %d%%\n' \
		"$round" "$key" "$wall" "$rss" "$cpu" "$user" "$sys" "$other" "$idle" >&2
}

# bench KEY...: RUNS rounds, each running every KEY once, in turn.
bench() {
	local k r
	for k in "$@"; do
		WALLS[$k]="" RSSS[$k]="" CPUS[$k]="" USERS[$k]="" OTHERS[$k]=""
		corpus $(read -r _ a e <<<"$k"; echo "${a#a} ${e#e}") >/dev/null
	done
	echo "== $*" >&2
	for r in $(seq "$RUNS"); do
		for k in "$@"; do
			run_once "$k" "$r"
		done
	done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# round_ratio A B: the median over the rounds of A's wall time / B's.
round_ratio() {
	local -a x y
	read -r -a x <<<"${WALLS[$1]}"
	read -r -a y <<<"${WALLS[$2]}"
	local i rs=""
	for i in "${!x[@]}"; do
		rs+=" $(ratio "${x[$i]}" "${y[$i]}")"
	done
	median "$rs"
}

# ratios A B: "X× (best runs: Y×)"
ratios() { echo "$(round_ratio "$1" "$2")× (best runs: $(ratio "$(best "${WALLS[$1]}")" "$(best "${WALLS[$2]}")")×)"; }
at_most() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "met" : "NOT met") }'; }
at_least() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "NOT met") }'; }

header() {
	printf '| %-32s | %10s | %9s | %10s | %10s | %8s | %8s |\n' tool "median wall" "best wall" "max RSS" "CPU (u+s)" "user" "others"
	printf '| %-32s | %10s | %9s | %10s | %10s | %8s | %8s |\n' --- ---: ---: ---: ---: ---: ---:
}
row() {
	printf '| %-32s | %8s s | %7s s | %7s MB | %8s s | %6s s | %6s s |\n' "$1" "$(median "${WALLS[$2]}")" \
		"$(best "${WALLS[$2]}")" "$(most "${RSSS[$2]}")" "$(median "${CPUS[$2]}")" "$(median "${USERS[$2]}")" \
		"$(most "${OTHERS[$2]}")"
}

report=()
note() { report+=("$1"); }

for mode in "${modes[@]}"; do
	case $mode in
	compare)
		g=$(key gloss "$ARTICLES" "$ENTRIES")
		f=$(key floor "$ARTICLES" "$ENTRIES")
		h=$(key hugo "$ARTICLES" "$ENTRIES")
		if [ "$HUGO" != 0 ]; then
			hugo_site "$(corpus "$ARTICLES" "$ENTRIES")" >/dev/null
			bench "$g" "$f" "$h"
		else
			bench "$g" "$f"
		fi
		note ""
		note "### $ARTICLES articles, $ENTRIES entries ($RUNS rounds)"
		note ""
		note "$(header)"
		note "$(row "gloss build" "$g")"
		note "$(row "floor (goldmark + meta)" "$f")"
		[ "$HUGO" != 0 ] && note "$(row "hugo ($(hugo version | awk '{print $2}'))" "$h")"
		note ""
		r=$(round_ratio "$g" "$f")
		note "- gloss / floor wall time: $(ratios "$g" "$f") (target ≤ 1.5×: $(at_most "$r" 1.5))"
		if [ "$HUGO" != 0 ]; then
			r=$(round_ratio "$h" "$g")
			note "- hugo / gloss wall time: $(ratios "$h" "$g") (target ≥ 5×: $(at_least "$r" 5))"
		fi
		note "- gloss max RSS: $(most "${RSSS[$g]}") MB (target ≤ 400 MB: $(at_most "$(most "${RSSS[$g]}")" 400))"
		;;
	articles)
		lo=$(key gloss "$ARTICLES" "$ENTRIES")
		hi=$(key gloss $((2 * ARTICLES)) "$ENTRIES")
		bench "$lo" "$hi"
		note ""
		note "### Linearity in articles ($ENTRIES entries, $RUNS rounds)"
		note ""
		note "$(header)"
		note "$(row "gloss, $ARTICLES articles" "$lo")"
		note "$(row "gloss, $((2 * ARTICLES)) articles" "$hi")"
		note ""
		note "- $((2 * ARTICLES)) / $ARTICLES articles: $(ratios "$hi" "$lo") the time (target ≤ 2.1×: $(at_most "$(round_ratio "$hi" "$lo")" 2.1))"
		;;
	entries)
		lo=$(key gloss "$ARTICLES" "$ENTRIES_LOW")
		hi=$(key gloss "$ARTICLES" "$ENTRIES_HIGH")
		bench "$lo" "$hi"
		note ""
		note "### Linearity in entries ($ARTICLES articles, $RUNS rounds)"
		note ""
		note "$(header)"
		note "$(row "gloss, $ENTRIES_LOW entries" "$lo")"
		note "$(row "gloss, $ENTRIES_HIGH entries" "$hi")"
		note ""
		note "- $ENTRIES_HIGH / $ENTRIES_LOW entries: $(ratios "$hi" "$lo") the time (target ≤ 1.10×: $(at_most "$(round_ratio "$hi" "$lo")" 1.10))"
		;;
	esac
done

out="$WORK/results-$(date +%Y%m%d-%H%M%S).md"
{
	echo "## gloss benchmarks"
	echo
	echo "- $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
	echo "- $(go version), gloss built from commit $commit"
	echo "- outputs written to $OUTDIR ($(df -PT "$OUTDIR" | awk 'NR == 2 { print $2 }'))"
	printf '%s\n' "${report[@]}"
} | tee "$out"
echo
echo "(also written to $out)"
