"""The functions the profiled runs executed, as the linker names them, for bench/startup-functions.txt.

order.py MAP BINARY CALLGRIND_OUT...: MAP is the linker's map of BINARY (`SENDMSG_LINK_MAP`, build.rs), each
CALLGRIND_OUT a `valgrind --tool=callgrind --dump-instr=yes` run of it. Prints one symbol a line: every
function that ran, grouped by the first profile (in the order given) that ran it, sorted within a group.
"""
import bisect
import os
import re
import sys


def text_sections(map_file):
    """(address, size, symbol) of every function section (`.text.SYMBOL`) in the map, by address."""
    line_re = re.compile(r"\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+\S.*:\(\.text\.(\S+)\)$")
    sections = []
    with open(map_file) as lines:
        for line in lines:
            m = line_re.match(line)
            if m:
                name = m.group(3).removeprefix("unlikely.")
                sections.append((int(m.group(1), 16), int(m.group(2), 16), name))
    return sorted(sections)


def executed(profile, binary):
    """The instruction addresses of BINARY that a callgrind profile counted (file addresses, as callgrind
    gives them for a position-independent executable)."""
    address_re = re.compile(r"^(0x[0-9a-f]+) ")
    current = None
    with open(profile) as lines:
        for line in lines:
            if line.startswith("ob="):
                current = os.path.realpath(line[3:].strip()) == binary
            elif current:
                m = address_re.match(line)
                if m:
                    yield int(m.group(1), 16)


def main():
    map_file, binary, profiles = sys.argv[1], os.path.realpath(sys.argv[2]), sys.argv[3:]
    sections = text_sections(map_file)
    starts = [start for start, _, _ in sections]
    order, seen = [], set()
    for profile in profiles:
        new = set()
        for address in executed(profile, binary):
            i = bisect.bisect_right(starts, address) - 1
            if i < 0:
                continue
            start, size, name = sections[i]
            if address < start + max(size, 1) and name not in seen:
                new.add(name)
        # Sorted within a run: the list changes only where the functions that run change.
        order.extend(sorted(new))
        seen |= new
    if not order:
        sys.exit("order.py: no executed function found (was the map written by the same link?)")
    print("\n".join(order))
    print(f"{len(order)} functions of {len(sections)}", file=sys.stderr)


main()
