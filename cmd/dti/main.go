package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/safetext"
)

// softMemory is the heap the command aims to stay within, unless the
// environment sets GOMEMLIMIT: the garbage collector works harder near it,
// so that a large or hostile input costs time rather than memory.
const softMemory = 400 << 20

// validateGC is the garbage collector's percentage for dti validate,
// unless the environment sets GOGC: validation keeps almost nothing (each
// submission's values go once checked), so its live heap is a few MB
// while reading the workbooks allocates 2.1 GB (DTI_MEMPROFILE), and the
// default 100 ran 585 collections for the 3,321 harness workbooks
// (115 at 400, GODEBUG=gctrace=1). The 3,321 harness workbooks:
// 6.22–7.30 s and 35–36 MB at 100, 4.81–5.23 s and 62–65 MB at 400 (five
// interleaved runs each); the 10,000 × 100 CSV gains nothing (0.43–0.45
// against 0.45–0.48 s) and takes 87–88 MB instead of 64–72, so this is for
// validate only (score's CSV runs, with a live heap of 124 MB, also gained
// nothing and took 313–321 MB instead of 268–303).
const validateGC = 400

func main() {
	hugeHeap() // before the memory limit: it allocates and returns 1 GiB of address space
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemory)
	}
	if len(os.Args) > 1 && os.Args[1] == "validate" && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(validateGC)
	}
	stop := profile(os.Getenv("DTI_CPUPROFILE"), os.Getenv("DTI_MEMPROFILE"))
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// profile starts a CPU profile into cpu and arranges a heap profile
// into mem when the returned function is called; an empty name skips
// that profile. They are for measuring the whole command (issue #13):
//
//	DTI_CPUPROFILE=cpu.out dti score … && go tool pprof cpu.out
func profile(cpu, mem string) (stop func()) {
	var f *os.File
	if cpu != "" {
		var err error
		if f, err = os.Create(cpu); err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "dti: DTI_CPUPROFILE:", err)
			f = nil
		}
	}
	return func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
		if mem == "" {
			return
		}
		runtime.GC() // the profile is as of the last collection: one now counts the writers' allocations too
		m, err := os.Create(mem)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(m, 0)
			if cerr := m.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "dti: DTI_MEMPROFILE:", err)
		}
	}
}

// errUsage marks a usage error (exit code 2).
var errUsage = errors.New("usage")

// exitCode is returned by a command that has already printed its message.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// app carries the output streams and the language of one run. stdout and
// stderr pass everything printed through safetext.Printable, so that no
// unit name or file name can move the cursor, clear the screen or retitle
// the terminal; tty is the raw stderr, for the progress bar's own
// drawing.
type app struct {
	stdout, stderr io.Writer
	tty            io.Writer
	lang           indicators.Lang
}

// printable is a writer that drops control and bidirectional formatting
// characters (but tabs and line breaks).
type printable struct{ w io.Writer }

func (p printable) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, safetext.Printable(string(b), true)); err != nil {
		return 0, err
	}
	return len(b), nil
}

// flushFirst writes to w after flushing out.
type flushFirst struct {
	out *bufio.Writer
	w   io.Writer
}

func (f flushFirst) Write(b []byte) (int, error) {
	if err := f.out.Flush(); err != nil {
		return 0, err
	}
	return f.w.Write(b)
}

func (a *app) errorf(format string, args ...any) {
	fmt.Fprintf(a.stderr, "dti: "+format+"\n", args...)
}

const usage = `dti – đánh giá chuyển đổi số cấp phường, xã / ward and commune digital transformation

Cách dùng / usage:
  dti score     [-f KHUNG] [-o THƯ_MỤC] [--format json,csv] [--basis appraised|self] [--sample] PATH…
  dti explain   --unit MÃ [-f KHUNG] PATH…
  dti validate  [-f KHUNG] PATH…
  dti audit     [-f KHUNG] [--sample] PATH…
  dti template  [-f KHUNG] -o FILE.xlsx [--unit MÃ --name TÊN --year NĂM]
  dti framework list | show NAME|FILE | export NAME | check FILE…

Thêm --lang en để hiển thị tiếng Anh. "dti LỆNH -h" cho biết các tùy chọn.
`

// commands maps each subcommand to the method that runs it.
var commands = map[string]func(*app, []string) error{
	"score":     (*app).score,
	"explain":   (*app).explain,
	"validate":  (*app).validate,
	"audit":     (*app).audit,
	"template":  (*app).template,
	"framework": (*app).framework,
}

func run(args []string, stdout, stderr io.Writer) int {
	// Standard output is buffered: `dti validate` on the harness's
	// 10,000 × 100 CSV prints 20,183 warnings, which were as many
	// writes and 0.15 s of its 1.98 s CPU profile. What goes to
	// standard error flushes it first, so the two keep their order.
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	a := &app{stdout: printable{out}, stderr: printable{flushFirst{out, stderr}}, tty: stderr, lang: langFromArgs(args)}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		a.errorf(a.lang.Pick("lệnh không xác định %q", "unknown command %q"), args[0])
		fmt.Fprint(stderr, usage)
		return 2
	}
	err := cmd(a, args[1:])
	var ec exitCode
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.As(err, &ec):
		return int(ec)
	}
	a.errorf("%v", err)
	return 1
}

// langFromArgs finds --lang before the flags are parsed, so that flag
// errors are already in the user's language.
func langFromArgs(args []string) indicators.Lang {
	for i, a := range args {
		switch {
		case a == "--lang=en" || a == "-lang=en":
			return indicators.English
		case (a == "--lang" || a == "-lang") && i+1 < len(args) && args[i+1] == "en":
			return indicators.English
		}
	}
	return indicators.Vietnamese
}

// newFlags returns a flag set that prints its usage to stderr and reports
// usage errors as errUsage.
func (a *app) newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {
		fmt.Fprintf(a.stderr, "%s\n\n", synopsis)
		fs.PrintDefaults()
	}
	fs.String("lang", "vi", a.lang.Pick("ngôn ngữ thông báo: vi hoặc en", "message language: vi or en"))
	return fs
}

// parse parses flags interspersed with positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if l := fs.Lookup("lang"); l != nil {
		if _, err := indicators.ParseLang(l.Value.String()); err != nil {
			fmt.Fprintf(fs.Output(), "dti: --lang must be vi or en\n")
			return nil, errUsage
		}
	}
	return pos, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
