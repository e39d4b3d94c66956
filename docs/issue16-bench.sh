#!/bin/sh
# Measures every goal of issue 16 side by side, as docs/performance.md
# reports them ("Issue 16 at a glance"). Public tools only: hyperfine,
# GNU time, git, and the accord binary under test.
#
#   sh docs/issue16-bench.sh ACCORD WORKDIR [GROUP...]
#
# WORKDIR keeps the demo organisations it makes (r1000, r10000, r100000:
# `accord demo DIR --records N --history 20`, about 3 minutes and 500 MB
# for the largest) and their bare copies, so a second run starts at once.
# GROUPs: edit resolve load cold diff clone sync tui fresh (all when
# none is given; tui and fresh need tmux). Each
# group writes WORKDIR/out/GROUP.md (hyperfine's Markdown) and prints it.
set -eu
A=$(realpath "$1")
W=$2
shift 2
GROUPS=${*:-edit resolve load cold diff clone sync tui fresh}
mkdir -p "$W/out"
cd "$W"

for n in 1000 10000 100000; do
	[ -d "r$n" ] || "$A" demo "r$n" --records "$n" --history 20 >/dev/null
done

# an active goal of each organisation, its file and a person who may edit it
goal() { (cd "r$1" && grep -l '^state: active' -r goals | head -1); }
P1=$(goal 1000)
P100=$(goal 100000)
G1=$(basename "$P1" .yaml)
G100=$(basename "$P100" .yaml)
# the goal's owner's e-mail: check-ins are signed by a person
owner() {
	o=$(sed -n 's/^owner: //p' "r$1/$2")
	sed -n '/^emails:/{n;s/^ *- //p;}' "$(find "r$1/people" -name "$o.yaml")"
}
E1="GIT_AUTHOR_EMAIL=$(owner 1000 "$P1")"
E100="GIT_AUTHOR_EMAIL=$(owner 100000 "$P100")"
hf() { name=$1; shift; hyperfine -N --style basic --export-markdown "out/$name.md" "$@"; }
# firstframe DIR starts the TUI in DIR in a 120x40 tmux pane (session ff,
# left open) and sets secs to the seconds until the goal tree is drawn
# (capture-pane every 50 ms) and pid to the TUI's process. Polling every
# 10 ms, as this did until 2026-12-03, took enough of a 2-core machine
# (a tmux and a grep process each time) to slow the TUI's load by 0.3-0.6 s.
firstframe() {
	tmux kill-session -t ff 2>/dev/null || true
	start=$(date +%s.%N)
	tmux new-session -d -s ff -x 120 -y 40 "cd $1 && exec $A"
	pid=$(tmux list-panes -t ff -F '#{pane_pid}')
	j=0
	until tmux capture-pane -t ff -p | grep -q '▾\|├──' || [ $j -ge 1200 ]; do
		sleep 0.05
		j=$((j + 1))
	done
	secs=$(echo "$(date +%s.%N) - $start" | bc)
}

for g in $GROUPS; do
	case $g in
	edit)
		# One-record commands at 1k and 100k, and git's own (a commit at both
		# sizes: git's own cost of its 10 MB index at 100k).
		hf edit -w 2 -r 10 \
			"sh -c 'cd r1000 && $A show $G1'" "sh -c 'cd r100000 && $A show $G100'" \
			"sh -c 'cd r1000 && $A set $G1 title=t\$\$'" "sh -c 'cd r100000 && $A set $G100 title=t\$\$'" \
			"sh -c 'cd r1000 && $E1 $A checkin $G1 --health on_track --summary s\$\$'" \
			"sh -c 'cd r100000 && $E100 $A checkin $G100 --health on_track --summary s\$\$'" \
			"sh -c 'cd r1000 && $A new decision title=d\$\$'" "sh -c 'cd r100000 && $A new decision title=d\$\$'" \
			"sh -c 'cd r1000 && echo \"# \$\$\" >>$P1 && git add $P1 && git commit -qm x'" \
			"sh -c 'cd r100000 && echo \"# \$\$\" >>$P100 && git add $P100 && git commit -qm x'" \
			"sh -c 'cd r1000 && $A log $G1'" "sh -c 'cd r100000 && $A log $G100'" \
			"sh -c 'cd r100000 && git log --oneline -- $P100'" \
			"sh -c 'cd r1000 && $A blame $G1'" "sh -c 'cd r100000 && $A blame $G100'" \
			"sh -c 'cd r100000 && git blame $P100'" \
			"$A version" "git --version"
		;;
	resolve)
		# A merge session of one conflict, made once per size: two clones
		# of a bare copy retitle the same goal. Before each run the clone
		# goes back to its own commit, a sync makes the session again and
		# the disk is flushed (a resolve's fsyncs otherwise wait for what
		# that sync wrote; a copy of the clone per run made the figures
		# wander with the disk writing its 100,000 files).
		for n in 1000 100000; do
			id=$G1
			[ "$n" = 1000 ] || id=$G100
			if [ ! -d "res$n-a" ]; then
				git clone -q --bare "r$n" "res$n.git"
				"$A" clone "file://$W/res$n.git" "res$n-a" >/dev/null
				cp -a "res$n-a" "res$n-b"
				(cd "res$n-b" && "$A" set "$id" title=theirs >/dev/null && "$A" sync >/dev/null)
				(cd "res$n-a" && "$A" set "$id" title=ours >/dev/null && "$A" sync >/dev/null || true)
			fi
		done
		[ -d rs1 ] || cp -a res1000-a rs1
		[ -d rs100 ] || cp -a res100000-a rs100
		O1=$(git -C res1000-a rev-parse HEAD)
		O100=$(git -C res100000-a rev-parse HEAD)
		# accord sync exits 2 when it leaves conflicts (sync, the flush,
		# ends the prepare with 0); the resolve fails should it leave none.
		hf resolve -w 1 -r 10 --prepare "sh -c 'git -C rs1 reset -q --hard $O1; $A -C rs1 sync >/dev/null 2>&1; sync'" \
			--prepare "sh -c 'git -C rs100 reset -q --hard $O100; $A -C rs100 sync >/dev/null 2>&1; sync'" \
			"sh -c 'cd rs1 && $A resolve $G1 title --ours'" "sh -c 'cd rs100 && $A resolve $G100 title --ours'"
		;;
	load)
		# Warm loads against reading every record file (the glob quoted:
		# unquoted, the shell expands it to accord.yaml and find reads
		# nothing), stat'ing every file, and git status.
		for n in 10000 100000; do
			hf "load$n" -w 1 -r 5 \
				"sh -c 'cd r$n && $A list teams'" \
				"sh -c 'cd r$n && $A list goals --json'" \
				"sh -c 'cd r$n && find goals decisions updates raci handoffs people teams pulses retros answers -name \"*.yaml\" | xargs cat'" \
				"sh -c 'cd r$n && find goals decisions updates raci handoffs people teams pulses retros answers -size -2M | wc -l'" \
				"git -C r$n status --porcelain"
		done
		;;
	cold)
		# The first load after a clone: no snapshot. The disk is flushed
		# first: a run otherwise waits for the previous one's writes.
		hf cold -r 5 --prepare 'sh -c "rm -f r100000/.git/accord/load-cache; sync"' "sh -c 'cd r100000 && $A list teams'"
		rm -f r100000/.git/accord/load-cache
		sync
		/usr/bin/time -f 'cold load 100k: %e s wall, %U s user, %S s system, %M KB peak' "$A" -C r100000 list teams >/dev/null
		;;
	diff)
		for n in 10000 100000; do
			hf "diff$n" -w 1 -r 7 "$A -C r$n diff HEAD~15..HEAD~5" "git -C r$n diff --stat HEAD~15..HEAD~5"
		done
		;;
	clone)
		# git daemon on loopback serves bare copies.
		for n in 10000 100000; do
			[ -d "srv/r$n.git" ] || git clone -q --bare "r$n" "srv/r$n.git"
		done
		git daemon --reuseaddr --base-path="$W/srv" --export-all --listen=127.0.0.1 --port=9418 "$W/srv" &
		daemon=$!
		trap 'kill $daemon' EXIT
		sleep 1
		hf clone10000 -r 3 --prepare 'rm -rf cl' \
			"$A clone git://127.0.0.1:9418/r10000.git cl" "git clone -q git://127.0.0.1:9418/r10000.git cl"
		hf clone100000 -r 2 --prepare 'rm -rf cl' \
			"$A clone git://127.0.0.1:9418/r100000.git cl" "git clone -q git://127.0.0.1:9418/r100000.git cl"
		rm -rf cl
		;;
	sync)
		# Nothing to do on either side: an accord clone and a git clone
		# of one bare remote.
		for n in 10000 100000; do
			[ -d "sync$n.git" ] || git clone -q --bare "r$n" "sync$n.git"
			[ -d "a$n" ] || "$A" clone "file://$W/sync$n.git" "a$n" >/dev/null
			[ -d "g$n" ] || git clone -q "file://$W/sync$n.git" "g$n"
			hf "sync$n" -w 2 -r 7 "$A -C a$n sync" \
				"sh -c 'git -C g$n fetch -q && git -C g$n push -q'" \
				"sh -c 'git -C g$n status --porcelain >/dev/null && git -C g$n fetch -q && git -C g$n push -q'"
		done
		;;
	tui)
		# Seconds from starting the TUI in a 120x40 tmux pane until the
		# goal tree is drawn (firstframe), five times each.
		for n in 10000 100000; do
			for i in 1 2 3 4 5; do
				firstframe "r$n"
				echo "first frame r$n: $secs s"
				tmux kill-session -t ff
			done
		done | tee out/tui.md
		;;
	fresh)
		# The TUI's first open of a fresh clone of the 100k organisation
		# (no load cache, no neighbour or history index): seconds until
		# the goal tree is drawn, then the process's peak memory once the
		# history index it builds in the background is written.
		for i in 1 2 3; do
			rm -rf fresh && git clone -q --no-local r100000 fresh
			firstframe fresh
			echo "first frame, fresh clone of r100000: $secs s"
			j=0
			until [ -e fresh/.git/accord/history-index ] || [ $j -ge 600 ]; do
				sleep 0.1
				j=$((j + 1))
			done
			echo "history index written after $(echo "$(date +%s.%N) - $start" | bc) s; $(grep VmHWM /proc/$pid/status)"
			tmux kill-session -t ff
		done | tee out/fresh.md
		rm -rf fresh
		;;
	*)
		echo "unknown group $g" >&2
		exit 2
		;;
	esac
	cat "out/$g"*.md
done
