//go:build linux

package main

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugeHeapBytes is the part of the heap's address space that hugeHeap
// asks the kernel to back with 2 MiB pages: more than the national batch
// (about 410 MB) needs; it is address space, not memory.
const hugeHeapBytes = 1 << 30

// hugeHeap asks Linux to back the first hugeHeapBytes of the Go heap with
// transparent huge pages where the system allows them only on request
// (transparent_hugepage=madvise, Debian's default): the command's
// first touch of its memory costs one page fault per 2 MiB instead of
// one per 4 KiB. It allocates that much address space, marks it
// MADV_HUGEPAGE, drops it and has the runtime collect it and return it
// to the system (nothing was touched, so nothing was resident); the
// runtime then allocates from the same addresses, and the mark stays
// with them. On the 10,000 × 100 harness CSV, dti score --format json
// took 2,703–3,222 page faults instead of 61,936–73,191 and 1.16–1.41 s
// instead of 1.53–1.81 s, at 292–316 MB instead of 260–305 (six
// interleaved pairs; a huge page is resident whole); BenchmarkFirstTouch
// measures the kernel's side. DTI_HUGEPAGES=0 turns it off. Other
// systems and 32-bit ones (too little address space) are left alone, and
// so is a system that accounts address space strictly
// (vm.overcommit_memory=2), where the allocation could be refused and
// the runtime would stop; elsewhere it takes at most half the machine's
// memory in address space, which the kernel's heuristic grants.
func hugeHeap() {
	if strconv.IntSize < 64 || os.Getenv("DTI_HUGEPAGES") == "0" {
		return
	}
	if mode, err := os.ReadFile("/proc/sys/vm/overcommit_memory"); err != nil || strings.TrimSpace(string(mode)) == "2" {
		return
	}
	n := min(hugeHeapBytes, memTotal()/2)
	if n < 64<<20 {
		return
	}
	adviseHuge(make([]byte, n))
	debug.FreeOSMemory() // collects the slice, unreferenced now, and returns its pages
}

// memTotal is the machine's memory in bytes from /proc/meminfo
// ("MemTotal: 24576000 kB"), or 0.
func memTotal() int {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "MemTotal:" && f[2] == "kB" {
			if kb, err := strconv.Atoi(f[1]); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// adviseHuge marks the whole 2 MiB pages inside b MADV_HUGEPAGE. A kernel
// without transparent huge pages refuses, and nothing changes.
func adviseHuge(b []byte) {
	const huge = 2 << 20
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (p + huge - 1) &^ (huge - 1)
	end := (p + uintptr(len(b))) &^ (huge - 1)
	if end <= start {
		return
	}
	_ = unix.Madvise(b[start-p:end-p], unix.MADV_HUGEPAGE)
}
