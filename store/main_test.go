package store

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// Flags for longer runs than the default; go test -args -store.ops=100000.
var (
	flagOps   = flag.Int("store.ops", 3000, "operations in the property test")
	flagKills = flag.Int("store.kills", 200, "kills of a writer in the crash test")
	flagSeed  = flag.Uint64("store.seed", 0, "seed of the randomised tests (0: from the clock)")
)

// sized is a slow test's size: the flag's value, or small under -short
// unless the flag was given. CI runs the full size; a quick local run
// (go test -short ./...) still exercises the same paths.
func sized(name string, full, small int) int {
	if !testing.Short() {
		return full
	}
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	if given {
		return full
	}
	return small
}

// childEnv switches the test binary into a child process that the crash and
// lock tests start: its value names the role (see runChild).
const childEnv = "SOTAY_STORE_TEST_CHILD"

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		if err := runChild(role, os.Getenv(childEnv+"_PATH")); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	flag.Parse()
	code := m.Run()
	removeFixtures()
	os.Exit(code)
}
