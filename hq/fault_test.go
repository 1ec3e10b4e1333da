package hq

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	toxiproxy "github.com/Shopify/toxiproxy/v2"
	"github.com/rs/zerolog"

	"sotay/record"
	"sotay/store"
	"sotay/sync"
)

// Fault tests: a real `hq serve` process behind toxiproxy (in this
// process), bad links, resets mid-body, stalls, and kills of either end.
// Each ends with a sync that completes and HQ holding every record exactly
// once at the notebook's latest rev, with nothing left in the outbox.

// faultRig is HQ, the proxy in front of it, and one enrolled notebook.
type faultRig struct {
	hqDir, hqAddr string
	hq            *hqProcess
	proxy         *toxiproxy.Proxy
	nbDir         string
	code          string
}

func newFaultRig(t *testing.T) *faultRig {
	return newFaultRigVia(t, func(hqAddr string) string { return hqAddr })
}

// newFaultRigVia is newFaultRig whose proxy reaches HQ at via(HQ's
// address): something between the proxy and HQ, such as a byte counter.
func newFaultRigVia(t *testing.T, via func(hqAddr string) string) *faultRig {
	t.Helper()
	r := &faultRig{hqDir: filepath.Join(t.TempDir(), "hq"), hqAddr: freeAddr(t), nbDir: filepath.Join(t.TempDir(), "nb")}
	r.hq = startServe(t, r.hqDir, r.hqAddr)
	zerolog.SetGlobalLevel(zerolog.Disabled) // the toxics log through zerolog's global logger
	srv := toxiproxy.NewServer(toxiproxy.NewMetricsContainer(nil), zerolog.Nop())
	r.proxy = toxiproxy.NewProxy(srv, "hq", "127.0.0.1:0", via(r.hqAddr))
	if err := r.proxy.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.proxy.Stop)
	adm, closeAdm, err := OpenAdmin(r.hqDir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeAdm()
	en, err := adm.Enroll(context.Background(), "Phạm Văn Cường", "hai-phong", "https://"+r.proxy.Listen)
	if err != nil {
		t.Fatal(err)
	}
	r.code = en.Code
	return r
}

func (r *faultRig) toxic(t *testing.T, js string) {
	t.Helper()
	if _, err := r.proxy.Toxics.AddToxicJson(strings.NewReader(js)); err != nil {
		t.Fatalf("add toxic %s: %v", js, err)
	}
}

func (r *faultRig) clearToxics() { r.proxy.Toxics.ResetToxics(context.Background()) }

// notebook makes the enrolled notebook with n log records (fsync'd like
// the real thing) and returns it open.
func (r *faultRig) notebook(t *testing.T, n int) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(r.nbDir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetProfile(store.Profile{Name: "Phạm Văn Cường", Province: "hai-phong"}); err != nil {
		t.Fatal(err)
	}
	if _, err := sync.Enroll(st, r.code); err != nil {
		t.Fatal(err)
	}
	recs := make([]record.Record, n)
	for i := range recs {
		// A random tail keeps the batches from compressing to nothing, as
		// real, varied text does not.
		var tail [24]byte
		rand.Read(tail[:])
		recs[i] = record.Record{Kind: record.KindLog, Date: "2026-06-01", Commune: "Phường Hồng Bàng",
			Activity: "guidance", Content: fmt.Sprintf("Hướng dẫn nghiệp vụ cho công chức phường, buổi %d: "+
				"sắp xếp bộ máy, bố trí cán bộ, giải quyết chế độ cho người nghỉ việc theo Nghị định 178 (%x)", i, tail)}
	}
	if err := st.Import(context.Background(), recs, nil); err != nil {
		t.Fatal(err)
	}
	return st
}

// syncUntilDone syncs until a sync completes with nothing pending, at most
// tries times and within limit.
func syncUntilDone(t *testing.T, c *sync.Client, st *store.Store, tries int, limit time.Duration) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	var err error
	for i := range tries {
		_, err = c.Sync(ctx, nil)
		if n, _ := st.Pending(); err == nil && n == 0 {
			return i + 1
		}
		if ctx.Err() != nil {
			break
		}
	}
	t.Fatalf("no complete sync after %d tries: %v", tries, err)
	return 0
}

// checkHQHolds stops HQ and checks it holds exactly the notebook's
// records, tombstones included, each once, at the notebook's rev.
func (r *faultRig) checkHQHolds(t *testing.T, st *store.Store) {
	t.Helper()
	if n, err := st.Pending(); err != nil || n != 0 {
		t.Fatalf("outbox not empty: %d, %v", n, err)
	}
	live := notebookRevs(t, st)
	r.hq.stop()
	withDB(t, r.hqDir, func(db *DB) {
		seen := map[string]int{}
		db.EachRecord(func(row RecordRow) error {
			seen[row.Record.ID]++
			nb, err := st.Get(row.Record.ID)
			switch {
			case err != nil:
				t.Errorf("HQ holds %s, the notebook does not: %v", row.Record.ID, err)
			case nb.Rev != row.Record.Rev || nb.Deleted != row.Record.Deleted:
				t.Errorf("record %s: HQ rev %d deleted %v, notebook rev %d deleted %v", nb.ID,
					row.Record.Rev, row.Record.Deleted, nb.Rev, nb.Deleted)
			}
			return nil
		})
		for id, n := range seen {
			if n != 1 {
				t.Errorf("HQ holds %s %d times", id, n)
			}
		}
		for id := range live {
			if seen[id] == 0 {
				t.Errorf("record %s never reached HQ", id)
			}
		}
		t.Logf("HQ holds %d records (%d live in the notebook), each once at its latest rev", len(seen), len(live))
	})
}

func TestSlowLink(t *testing.T) {
	r := newFaultRig(t)
	st := r.notebook(t, 300)
	defer st.Close()
	// 300 ms each way and 64 kbit/s (8 KB/s) both ways.
	r.toxic(t, `{"name":"lat_down","type":"latency","stream":"downstream","attributes":{"latency":300}}`)
	r.toxic(t, `{"name":"lat_up","type":"latency","stream":"upstream","attributes":{"latency":300}}`)
	r.toxic(t, `{"name":"bw_up","type":"bandwidth","stream":"upstream","attributes":{"rate":8}}`)
	r.toxic(t, `{"name":"bw_down","type":"bandwidth","stream":"downstream","attributes":{"rate":8}}`)
	c := fastClient(t, st, sync.Options{})
	start := time.Now()
	var wire int64
	res, err := c.Sync(context.Background(), func(p sync.Progress) { wire = p.Bytes })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("300 records over 300 ms + 64 kbit/s: %v, result %+v, last phase %d bytes", time.Since(start).Round(time.Millisecond), res, wire)
	if res.Pushed != 300 {
		t.Errorf("pushed %d", res.Pushed)
	}
	r.clearToxics()
	r.checkHQHolds(t, st)
}

func TestResetMidBody(t *testing.T) {
	r := newFaultRig(t)
	st := r.notebook(t, 200)
	defer st.Close()
	// Every connection is cut after 6000 bytes from the client: the TLS
	// handshake and a little more. Large batches never fit; the client
	// shrinks its batches and makes progress one connection at a time.
	r.toxic(t, `{"name":"cut","type":"limit_data","stream":"upstream","attributes":{"bytes":6000}}`)
	c := fastClient(t, st, sync.Options{})
	tries := syncUntilDone(t, c, st, 30, 2*time.Minute)
	t.Logf("complete after %d syncs with every connection cut at 6000 bytes", tries)
	// Edits and deletes under the same cuts.
	page, err := st.List(context.Background(), store.Query{Kind: record.KindLog, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range page.Records {
		if i%2 == 0 {
			rec.Results = "Đã xong"
			if _, err := st.Update(rec); err != nil {
				t.Fatal(err)
			}
		} else if _, err := st.Delete(rec.ID); err != nil {
			t.Fatal(err)
		}
	}
	syncUntilDone(t, c, st, 30, 2*time.Minute)
	r.clearToxics()
	r.checkHQHolds(t, st)
}

func TestStalledLink(t *testing.T) {
	r := newFaultRig(t)
	st := r.notebook(t, 50)
	defer st.Close()
	// Data stops flowing and the connection stays open: only timeouts end it.
	r.toxic(t, `{"name":"stall","type":"timeout","stream":"upstream","attributes":{"timeout":0}}`)
	c := fastClient(t, st, sync.Options{RequestTimeout: 700 * time.Millisecond, Attempts: 2})
	_, err := c.Sync(context.Background(), nil)
	var se *sync.Error
	if !errors.As(err, &se) || se.Kind != sync.FailTimeout {
		t.Fatalf("sync over a stalled link: %v", err)
	}
	if ss, _ := st.SyncState(); ss.LastError != sync.FailTimeout {
		t.Errorf("last error = %q", ss.LastError)
	}
	if n, _ := st.Pending(); n != 50 {
		t.Errorf("pending after a stalled sync = %d", n)
	}
	r.clearToxics()
	// A client with the default timeouts: the short one above is for the
	// stall, and a loaded test machine could trip it on a healthy link.
	syncUntilDone(t, fastClient(t, st, sync.Options{}), st, 5, time.Minute)
	r.checkHQHolds(t, st)
}

func TestHQKilledDuringPush(t *testing.T) {
	t0 := time.Now()
	r := newFaultRig(t)
	st := r.notebook(t, 3000)
	defer st.Close()
	t.Logf("rig ready in %v", time.Since(t0))
	// Slow enough that the push is still running when HQ dies.
	r.toxic(t, `{"name":"bw_up","type":"bandwidth","stream":"upstream","attributes":{"rate":64}}`)
	c := fastClient(t, st, sync.Options{MaxRecords: 200})
	done := make(chan error, 1)
	pushed := make(chan struct{})
	go func() {
		first := true
		_, err := c.Sync(context.Background(), func(p sync.Progress) {
			if p.Phase == "push" && p.Batches > 0 && first {
				first = false
				close(pushed)
			}
		})
		done <- err
	}()
	select {
	case <-pushed:
	case <-time.After(30 * time.Second):
		t.Fatal("no batch went through")
	}
	r.hq.kill()
	t.Log("HQ killed with SIGKILL during the push")
	time.Sleep(300 * time.Millisecond)
	r.hq = startServe(t, r.hqDir, r.hqAddr)
	if err := <-done; err != nil {
		t.Logf("the interrupted sync: %v", err)
	}
	t.Logf("restarted at %v", time.Since(t0))
	r.clearToxics()
	syncUntilDone(t, c, st, 5, time.Minute)
	t.Logf("synced at %v", time.Since(t0))
	r.checkHQHolds(t, st)
	t.Logf("checked at %v", time.Since(t0))
}

// TestClientKilledDuringPush kills `sotay sync` with SIGKILL mid-push and
// runs it again.
func TestClientKilledDuringPush(t *testing.T) {
	r := newFaultRig(t)
	st := r.notebook(t, 3000)
	st.Close()
	r.toxic(t, `{"name":"bw_up","type":"bandwidth","stream":"upstream","attributes":{"rate":64}}`)
	for round := range 3 {
		cmd := exec.Command(sotayBin(t), "--data-dir", r.nbDir, "sync")
		cmd.Env = append(os.Environ(), "SOTAY_LANG=en")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(800+400*round) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		t.Logf("sotay sync killed with SIGKILL, round %d", round+1)
	}
	r.clearToxics()
	res := sotay(t, "--data-dir", r.nbDir, "sync", "--json")
	if res.code != 0 {
		t.Fatalf("sync after kills: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	st, err := store.Open(filepath.Join(r.nbDir, store.FileName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatalf("notebook after kills: %v", err)
	}
	r.checkHQHolds(t, st)
}
