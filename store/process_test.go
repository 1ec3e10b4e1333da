package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"sotay/record"
)

// runChild is the test binary started again by a test, as another process
// (TestMain switches here when childEnv is set). Roles:
//
//	write  open the notebook at path and save records until killed (or a
//	       minute passes), printing "ready" once open and each id after its
//	       Create returns
//	hold   open the notebook, print "open", keep it until stdin closes
//	try    try to open the notebook, print "locked <ms>" or "opened"
func runChild(role, path string) error {
	switch role {
	case "write":
		s, err := Open(path, Options{})
		if err != nil {
			return err
		}
		// Move waiting records into the search index every few saves,
		// so that kills land in those bigger transactions too.
		s.freshMax = crashFreshMax
		fmt.Println("ready")
		g := newGen(uint64(os.Getpid()))
		g.communes = g.communes[:20]
		deadline := time.Now().Add(time.Minute)
		for time.Now().Before(deadline) {
			r, err := s.Create(g.record())
			if err != nil {
				return err
			}
			fmt.Println(r.ID)
		}
		return s.Close()
	case "hold":
		s, err := Open(path, Options{})
		if err != nil {
			return err
		}
		fmt.Println("open")
		io.Copy(io.Discard, os.Stdin)
		return s.Close()
	case "try":
		start := time.Now()
		s, err := Open(path, Options{})
		if errors.Is(err, ErrLocked) {
			fmt.Println("locked", time.Since(start).Milliseconds())
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Println("opened")
		return s.Close()
	}
	return fmt.Errorf("unknown role %q", role)
}

// crashFreshMax is the writer's fresh limit in the crash test.
const crashFreshMax = 7

// child starts the test binary as a child in role on path.
func child(t *testing.T, role, path string) (*exec.Cmd, *bufio.Reader, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+role, childEnv+"_PATH="+path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewReader(stdout), stdin
}

func readLine(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("child: %q, %v", line, err)
	}
	return strings.TrimSuffix(line, "\n")
}

// A second process opening the notebook gets ErrLocked after about a
// second, in both directions, and opens it once the first lets go.
func TestLockedByAnotherProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("child processes are driven through Unix signals and pipes")
	}
	path := filepath.Join(t.TempDir(), FileName)

	// This process holds it; another tries.
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cmd, out, _ := child(t, "try", path)
	line := readLine(t, out)
	cmd.Wait()
	var ms int
	if _, err := fmt.Sscanf(line, "locked %d", &ms); err != nil {
		t.Fatalf("second process: %q, want locked", line)
	}
	if ms < 900 || ms > 5000 {
		t.Errorf("second process waited %d ms for the lock, want about a second", ms)
	}
	s.Close()
	cmd, out, _ = child(t, "try", path)
	if line := readLine(t, out); line != "opened" {
		t.Errorf("after the first closed: %q, want opened", line)
	}
	cmd.Wait()

	// Another process holds it; this one tries.
	cmd, out, stdin := child(t, "hold", path)
	if line := readLine(t, out); line != "open" {
		t.Fatalf("holder: %q", line)
	}
	start := time.Now()
	_, err = Open(path, Options{})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("Open while another process holds it: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d < 900*time.Millisecond || d > 5*time.Second {
		t.Errorf("ErrLocked after %v, want about a second", d)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("holder: %v", err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("Open after the holder closed: %v", err)
	}
	s.Close()
}

// TestCrash kills a writing process at random moments (SIGKILL) and checks
// after each kill that the notebook opens, passes bbolt's check and holds
// every record the writer reported saved, each with its outbox entry.
// -store.kills sets how many kills, -store.seed replays the delays.
func TestCrash(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL and re-executing the test binary are Unix-only here")
	}
	seed := *flagSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("seed %d", seed)
		}
	})
	rng := rand.New(rand.NewPCG(seed, 2))
	maxKills := sized("store.kills", *flagKills, 20)
	const killsPerNotebook = 10
	var path string
	var saved []string // ids the writer printed, for the current notebook
	verified, records, kills, duringOpen := 0, 0, 0, 0
	for kills < maxKills {
		if kills%killsPerNotebook == 0 {
			records += len(saved)
			path = filepath.Join(t.TempDir(), FileName)
			saved = nil
		}
		cmd, out, _ := child(t, "write", path)
		lines := make(chan string, 1024)
		go func() {
			defer close(lines)
			for {
				line, err := out.ReadString('\n')
				if err != nil { // a partial last line was never acknowledged
					return
				}
				lines <- strings.TrimSuffix(line, "\n")
			}
		}()
		// Mostly kill while records are being saved; one time in eight,
		// while the writer is still opening (and migrating) the file.
		if rng.IntN(8) != 0 {
			select {
			case line, ok := <-lines:
				if !ok || line != "ready" {
					cmd.Wait()
					t.Fatalf("writer did not start: %q", line)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("writer never ready")
			}
			time.Sleep(time.Duration(rng.IntN(40_000)) * time.Microsecond)
		} else {
			time.Sleep(time.Duration(rng.IntN(15_000)) * time.Microsecond)
			duringOpen++
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		kills++
		for line := range lines {
			if line != "ready" {
				saved = append(saved, line)
			}
		}
		verified += verifyAfterCrash(t, path, saved, kills)
	}
	records += len(saved)
	t.Logf("%d kills (%d while opening) on %d notebooks: %d records saved, %d checks of a saved record after a kill",
		kills, duringOpen, (kills+killsPerNotebook-1)/killsPerNotebook, records, verified)
}

// verifyAfterCrash opens the notebook a writer was killed on and checks it.
// It returns how many saved records it found.
func verifyAfterCrash(t *testing.T, path string, saved []string, kill int) int {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && len(saved) == 0 {
		return 0 // killed before the file was made
	}
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatalf("kill %d: open after the kill: %v", kill, err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("kill %d: bbolt check: %v", kill, err)
	}
	queued := map[string]bool{}
	ob := outboxAll(t, s)
	for _, e := range ob {
		queued[e.ID] = true
	}
	for _, id := range saved {
		r, err := s.Get(id)
		if err != nil {
			t.Fatalf("kill %d: saved record %s: %v", kill, id, err)
		}
		if r.Rev != 1 || r.Deleted {
			t.Fatalf("kill %d: record %s rev %d deleted %v", kill, id, r.Rev, r.Deleted)
		}
		if !queued[id] {
			t.Fatalf("kill %d: saved record %s has no outbox entry", kill, id)
		}
	}
	// The search index survived too: the last records saved are found by
	// their commune, whether they wait in fresh or were moved.
	ctx := context.Background()
	for _, id := range saved[max(0, len(saved)-2*crashFreshMax):] {
		r, _ := s.Get(id)
		found := false
		err := s.Scan(ctx, Query{Search: r.Commune, Kind: r.Kind}, func(x record.Record) error {
			found = found || x.ID == id
			return nil
		})
		if err != nil || !found {
			t.Fatalf("kill %d: saved record %s not found by %q (%v)", kill, id, r.Commune, err)
		}
	}
	// Everything that is there (saved before a kill, printed or not) is
	// whole: counted, queued and pending once.
	c, _ := s.Counts()
	total := c.Kinds[record.KindLog] + c.Kinds[record.KindDifficulty] + c.Kinds[record.KindTraining]
	n, _ := s.Pending()
	if total < len(saved) || n != total || len(ob) != total || len(queued) != total {
		t.Fatalf("kill %d: %d saved, %d counted, %d pending, %d outbox entries for %d records", kill, len(saved), total, n, len(ob), len(queued))
	}
	return len(saved)
}
