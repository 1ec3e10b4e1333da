package ui

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/record"
	"sotay/store"
)

// Benchmarks of the budgets in DESIGN.md, at 100,000 records:
//
//	go test ./ui -run '^$' -bench . -benchtime 20x
//
// The notebook is built with store.Import in a temporary directory.

const benchRecords = 100_000

// benchNotebook writes a notebook of n records over the three years before
// testNow (half logs, a quarter each difficulties and trainings) and
// returns its path, closed.
func benchNotebook(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), store.FileName)
	st, err := store.Open(path, store.Options{Now: fixedNow, NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.SetProfile(store.Profile{Name: "Nguyễn Văn An", Province: "ha-noi"}); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	communes := []string{"Phường Ba Đình", "Phường Hoàn Kiếm", "Xã Sóc Sơn", "Xã Đông Anh", "Phường Hà Đông", "Xã Ba Vì", "Phường Tây Hồ", "Xã Mê Linh", "Xã Thạch Thất", "Phường Long Biên"}
	words := strings.Fields("họp làm việc với ủy ban nhân dân về sắp xếp bộ máy hướng dẫn nghiệp vụ tiếp công dân kiểm tra bàn giao tài sản trụ sở cán bộ nghỉ việc chế độ chính sách kinh phí Hà Nội đào tạo bồi dưỡng thủ tục hành chính chuyển đổi số")
	text := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	sev := []string{"low", "medium", "high", "urgent"}
	cats := []string{"staffing", "severance", "salary", "finance", "facilities", "it", "procedures"}
	recs := make([]record.Record, n)
	for i := range recs {
		date := testNow.AddDate(0, 0, -rng.IntN(3*365)).Format("2006-01-02")
		c := communes[rng.IntN(len(communes))]
		switch i % 4 {
		case 0, 1:
			recs[i] = record.Record{Kind: record.KindLog, Date: date, Commune: c, Activity: "meeting", Content: text(12), Results: text(6)}
		case 2:
			recs[i] = record.Record{Kind: record.KindDifficulty, Date: date, Commune: c, Category: cats[rng.IntN(len(cats))], Severity: sev[rng.IntN(4)], Title: text(6), Description: text(15)}
		case 3:
			recs[i] = record.Record{Kind: record.KindTraining, Date: date, Commune: c, Topic: text(5), Participants: 10 + rng.IntN(90)}
		}
	}
	if err := st.Import(context.Background(), recs, nil); err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// frameWatch wraps the app to see the first full frame: the window size
// known, the overview and the status bar read from the store, and the
// screen drawn.
type frameWatch struct {
	*app
	done chan struct{}
	seen bool
}

func (w *frameWatch) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := w.app.Update(msg)
	if !w.seen && w.ready && w.tabs[tabOverview].(*overview).loaded && w.status.pending > 0 {
		w.render()
		w.seen = true
		close(w.done)
	}
	return w, cmd
}

// BenchmarkFirstFrame100k: from opening the notebook to the first full
// frame, in process (the program's own start; see BenchmarkBinaryStart100k
// for a whole process in a terminal).
func BenchmarkFirstFrame100k(b *testing.B) {
	path := benchNotebook(b, benchRecords)
	b.ResetTimer()
	var total time.Duration
	for range b.N {
		start := time.Now()
		st, err := store.Open(path, store.Options{Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		w := &frameWatch{app: newApp(st, Options{Lang: i18n.VI, Now: fixedNow}, true), done: make(chan struct{})}
		p := tea.NewProgram(w, tea.WithInput(nil), tea.WithOutput(discard{}), tea.WithWindowSize(80, 24), tea.WithoutSignals())
		go func() { _, _ = p.Run() }()
		select {
		case <-w.done:
		case <-time.After(10 * time.Second):
			b.Fatal("no first frame")
		}
		total += time.Since(start)
		b.StopTimer()
		p.Quit()
		p.Wait()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/frame")
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// drive feeds msg to the model and runs the commands it returns the way
// the program does (concurrently), until ready says the screen shows the
// answer and it has been drawn; the time to that point is returned. The
// other commands (a match count, a cursor blink) finish untimed, or are
// left behind after a moment.
func drive(m *app, msg tea.Msg, ready func() bool) time.Duration {
	start := time.Now()
	_, cmd := m.Update(msg)
	results := make(chan tea.Msg, 64)
	pending := 0
	launch := func(c tea.Cmd) {
		if c == nil {
			return
		}
		pending++
		go func() { results <- c() }()
	}
	launch(cmd)
	var took time.Duration
	check := func() {
		if took == 0 && ready() {
			m.render()
			took = time.Since(start)
		}
	}
	check()
	for pending > 0 {
		var r tea.Msg
		if took == 0 {
			r = <-results
		} else {
			select {
			case r = <-results:
			case <-time.After(100 * time.Millisecond):
				return took // a timer (the cursor's blink) is all that is left
			}
		}
		pending--
		if batch, ok := r.(tea.BatchMsg); ok {
			for _, c := range batch {
				launch(c)
			}
			continue
		}
		if r == nil {
			continue
		}
		_, c := m.Update(r)
		launch(c)
		check()
	}
	if took == 0 {
		m.render()
		took = time.Since(start)
	}
	return took
}

func benchApp(b *testing.B) *app {
	path := benchNotebook(b, benchRecords)
	st, err := store.Open(path, store.Options{Now: fixedNow})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	m := newApp(st, Options{Lang: i18n.VI, Now: fixedNow}, true)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	l := m.tabs[tabLog].(*recordList)
	drive(m, keyMsg("2"), never)
	drive(m, tea.BatchMsg{l.reload()}, func() bool { return !l.inflight })
	return m
}

func never() bool { return false }

// BenchmarkFilterKeypress100k: a key typed into the filter until the list
// of matches is drawn. The match count arrives on its own afterwards.
func BenchmarkFilterKeypress100k(b *testing.B) {
	m := benchApp(b)
	l := m.tabs[tabLog].(*recordList)
	drive(m, keyMsg("/"), never)
	// Drawn when the list shows the matches of what the filter says.
	shown := func() bool { return !l.inflight && l.query == strings.TrimSpace(l.filter.Value()) }
	keys := []string{"h", "a", "space", "n", "o", "i", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace"}
	b.ResetTimer()
	var total, worst time.Duration
	for i := range b.N {
		k := keys[i%len(keys)]
		msg := keyMsg(k)
		if k == "space" {
			msg = tea.KeyPressMsg{Code: ' ', Text: " "}
		}
		d := drive(m, msg, shown)
		total += d
		worst = max(worst, d)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/key")
	b.ReportMetric(float64(worst.Microseconds())/1000, "ms-worst")
}

// BenchmarkScrollPage100k: page down, until the next screenful is drawn
// (reading the next page from the store when it runs off this one).
func BenchmarkScrollPage100k(b *testing.B) {
	m := benchApp(b)
	l := m.tabs[tabLog].(*recordList)
	b.ResetTimer()
	var total, worst time.Duration
	for range b.N {
		if l.next == "" && l.cur.sel >= len(l.page)-1 {
			b.StopTimer()
			drive(m, keyMsg("g"), func() bool { return !l.inflight })
			b.StartTimer()
		}
		d := drive(m, keyMsg("pgdown"), func() bool { return !l.inflight })
		total += d
		worst = max(worst, d)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/page")
	b.ReportMetric(float64(worst.Microseconds())/1000, "ms-worst")
}

// BenchmarkBinaryStart100k runs the built binary in tmux on a notebook of
// 100,000 records: from starting the process to the overview on screen,
// and the process's resident memory then and after paging through a list.
func BenchmarkBinaryStart100k(b *testing.B) {
	needTmux(b)
	bin := buildBinary(b)
	path := benchNotebook(b, benchRecords)
	env := []string{"SOTAY_DATA_DIR=" + filepath.Dir(path), "SOTAY_LANG=", "NO_COLOR=1", "TERM=xterm-256color"}
	b.ResetTimer()
	var total time.Duration
	var rss, anon, rssAfter, anonAfter float64
	for range b.N {
		start := time.Now()
		tm := startTerm(b, 80, 24, env, bin)
		tm.waitFor("Trong tuần: ", "100.000 chờ gửi", "Khẩn cấp")
		total += time.Since(start)
		b.StopTimer()
		pid := strings.TrimSpace(tm.tmux("list-panes", "-t", "e2e", "-F", "#{pane_pid}"))
		r, a := procMem(b, pid)
		rss, anon = max(rss, r), max(anon, a)
		tm.keys("2")
		tm.waitFor("50.000 bản ghi")
		for range 30 {
			tm.keys("PageDown")
		}
		tm.keys("/")
		tm.text("ha noi")
		tm.waitFor("kết quả")
		time.Sleep(200 * time.Millisecond)
		r, a = procMem(b, pid)
		rssAfter, anonAfter = max(rssAfter, r), max(anonAfter, a)
		tm.keys("Escape")
		time.Sleep(100 * time.Millisecond)
		tm.keys("q")
		_ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run()
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/start")
	b.ReportMetric(rss, "MB-RSS-start")
	b.ReportMetric(anon, "MB-anon-start")
	b.ReportMetric(rssAfter, "MB-RSS-used")
	b.ReportMetric(anonAfter, "MB-anon-used")
}

// procMem reads a process's resident memory from /proc, in MB: VmRSS
// (everything resident, including the notebook's pages that bbolt maps from
// the file) and RssAnon (the process's own memory: heap, stacks).
func procMem(b *testing.B, pid string) (rss, anon float64) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc")
	}
	data, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "VmRSS:":
			rss = float64(kb) / 1024
		case "RssAnon:":
			anon = float64(kb) / 1024
		}
	}
	return rss, anon
}
