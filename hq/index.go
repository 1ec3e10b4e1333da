package hq

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	gosync "sync"

	bolt "go.etcd.io/bbolt"

	"sotay/domain"
	"sotay/record"
)

// recordIndex keeps, in memory, what the workspace's lists filter and sort
// by: one compact row per record. Decoding every record's JSON from bbolt
// for each page would cost seconds at a million records; the rows let a
// page filter a million records in tens of milliseconds and read only the
// records it shows.
//
// It is built by one scan at the first query and kept fresh by the writes:
// every write that changes records marks their ids dirty after it commits,
// and the next query re-reads those ids inside its own read transaction
// (which began after the marks it took, so it sees the writes).
type recordIndex struct {
	mu       gosync.Mutex // held for a whole query: queries are short and few
	built    bool
	rows     []idxRow
	pos      map[[16]byte]int32
	officers []string
	offIdx   map[string]uint32

	dirtyMu gosync.Mutex
	dirty   [][16]byte

	vocab vocab
}

// idxRow is one record as the lists need it.
type idxRow struct {
	id                  [16]byte
	officer             uint32 // index in recordIndex.officers
	date                uint32 // YYYYMMDD
	received            int64  // unix nanoseconds
	arrived             int64  // unix nanoseconds: StoredRecord.ArrivedAt
	firstAnswer         int64  // unix nanoseconds of the first response; 0 none
	lastAnswer          int64  // unix nanoseconds of the latest response; 0 none
	participants, women uint32
	kind                uint8 // index+1 in record.Kinds(); 0 none
	cat, sev, status    uint8 // index+1 in the domain's lists; 0 none or unknown
	answered, deleted   bool
	noWomen             bool   // a training without its number of women: unknown, not 0
	text                string // folded search text
}

// vocab turns slugs into the small numbers rows keep.
type vocab struct {
	kinds, cats, sevs, statuses map[string]uint8
}

func newVocab() vocab {
	idx := func(slugs []string) map[string]uint8 {
		m := make(map[string]uint8, len(slugs))
		for i, s := range slugs {
			m[s] = uint8(i + 1)
		}
		return m
	}
	kinds := make([]string, 0, 3)
	for _, k := range record.Kinds() {
		kinds = append(kinds, string(k))
	}
	return vocab{kinds: idx(kinds), cats: idx(domain.Slugs(domain.Categories())),
		sevs: idx(domain.Slugs(domain.Severities())), statuses: idx(domain.Slugs(domain.Statuses()))}
}

func newRecordIndex() *recordIndex {
	return &recordIndex{pos: map[[16]byte]int32{}, offIdx: map[string]uint32{}, vocab: newVocab()}
}

// touch marks records changed by a committed write.
func (x *recordIndex) touch(ids ...[16]byte) {
	x.dirtyMu.Lock()
	x.dirty = append(x.dirty, ids...)
	x.dirtyMu.Unlock()
}

func (x *recordIndex) takeDirty() [][16]byte {
	x.dirtyMu.Lock()
	defer x.dirtyMu.Unlock()
	d := x.dirty
	x.dirty = nil
	return d
}

func (x *recordIndex) officer(id string) uint32 {
	if i, ok := x.offIdx[id]; ok {
		return i
	}
	i := uint32(len(x.officers))
	x.officers = append(x.officers, id)
	x.offIdx[id] = i
	return i
}

// row makes a record's row.
func (x *recordIndex) row(id [16]byte, sr *StoredRecord) idxRow {
	r := &sr.Record
	date, _ := strconv.Atoi(r.Date[:min(4, len(r.Date))] + r.Date[min(5, len(r.Date)):min(7, len(r.Date))] + r.Date[min(8, len(r.Date)):])
	var first, last int64
	for _, resp := range r.Responses { // answers with text: a status change alone answers nothing
		if resp.Text == "" {
			continue
		}
		if first == 0 {
			first = resp.At.UnixNano()
		}
		last = resp.At.UnixNano()
	}
	return idxRow{id: id, officer: x.officer(sr.Officer), date: uint32(max(date, 0)), received: sr.Received.UnixNano(),
		arrived: sr.ArrivedAt().UnixNano(), firstAnswer: first, lastAnswer: last,
		participants: uint32(max(r.Participants, 0)), women: uint32(max(r.WomenOr(0), 0)), noWomen: r.Women == nil,
		kind: x.vocab.kinds[string(r.Kind)], cat: x.vocab.cats[r.Category], sev: x.vocab.sevs[r.Severity],
		status: x.vocab.statuses[r.Status], answered: record.Answers(r.Responses) > 0 && !r.WaitingForHQ(), deleted: r.Deleted, text: searchText(r)}
}

// prepare builds the index or brings the dirty rows up to date, inside
// the query's read transaction. The caller holds x.mu.
func (x *recordIndex) prepare(ctx context.Context, tx *bolt.Tx, dirty [][16]byte) error {
	rb := tx.Bucket(bucketRecords)
	if !x.built {
		x.rows = x.rows[:0]
		clear(x.pos)
		n := 0
		err := rb.ForEach(func(k, v []byte) error {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var sr StoredRecord
			if err := json.Unmarshal(v, &sr); err != nil {
				return fmt.Errorf("index record: %w", err)
			}
			id := [16]byte(k)
			x.pos[id] = int32(len(x.rows))
			x.rows = append(x.rows, x.row(id, &sr))
			return nil
		})
		if err != nil {
			return err
		}
		x.built = true
		return nil
	}
	for _, id := range dirty {
		v := rb.Get(id[:])
		if v == nil {
			continue
		}
		var sr StoredRecord
		if err := json.Unmarshal(v, &sr); err != nil {
			return fmt.Errorf("index record: %w", err)
		}
		if i, ok := x.pos[id]; ok {
			x.rows[i] = x.row(id, &sr)
		} else {
			x.pos[id] = int32(len(x.rows))
			x.rows = append(x.rows, x.row(id, &sr))
		}
	}
	return nil
}

// WarmIndex builds the workspace's index now, so that the first person to
// open a list after HQ starts does not wait for it. It gives up when ctx
// ends.
func (d *DB) WarmIndex(ctx context.Context) error {
	dirty := d.idx.takeDirty()
	err := d.db.View(func(tx *bolt.Tx) error {
		d.idx.mu.Lock()
		defer d.idx.mu.Unlock()
		return d.idx.prepare(ctx, tx, dirty)
	})
	if err != nil {
		d.idx.touch(dirty...)
	}
	return err
}

// rowFilter is a RecordFilter turned into the rows' numbers.
type rowFilter struct {
	f                *RecordFilter
	kind             uint8
	cat, sev, status uint8
	from, to         uint32
	cutoff           int64
	words            []string
	diffKind         uint8
	x                *recordIndex
	provinceOf       func(officer string) string
	officerOK        []int8 // by officer index: 0 not yet known, 1 passes, -1 does not
}

// never is a vocabulary number no row has: a filter on an unknown slug
// matches nothing.
const never = 255

func (x *recordIndex) filter(f *RecordFilter, provinceOf func(officer string) string) rowFilter {
	slug := func(m map[string]uint8, s string) uint8 {
		if s == "" {
			return 0
		}
		if v, ok := m[s]; ok {
			return v
		}
		return never
	}
	rf := rowFilter{f: f, kind: slug(x.vocab.kinds, string(f.Kind)), cat: slug(x.vocab.cats, f.Category),
		sev: slug(x.vocab.sevs, f.Severity), status: slug(x.vocab.statuses, f.Status), words: queryWords(f.Query)}
	day := func(s string) uint32 {
		if len(s) != 10 {
			return 0
		}
		n, _ := strconv.Atoi(s[:4] + s[5:7] + s[8:])
		return uint32(max(n, 0))
	}
	rf.from, rf.to = day(f.From), day(f.To)
	if f.UnansweredDays > 0 {
		rf.cutoff = unansweredCutoff(f).UnixNano()
	}
	rf.diffKind = x.vocab.kinds[string(record.KindDifficulty)]
	rf.x, rf.provinceOf = x, provinceOf
	return rf
}

// officerPasses says whether an officer's records pass the scope, the
// chosen provinces and the chosen officer; each officer is judged once.
func (rf *rowFilter) officerPasses(o uint32) bool {
	for int(o) >= len(rf.officerOK) {
		rf.officerOK = append(rf.officerOK, 0)
	}
	if v := rf.officerOK[o]; v != 0 {
		return v > 0
	}
	f, id := rf.f, rf.x.officers[o]
	p := rf.provinceOf(id)
	ok := (!f.Limited || slices.Contains(f.Scope, p)) && (len(f.Provinces) == 0 || slices.Contains(f.Provinces, p)) &&
		(f.Officer == "" || id == f.Officer)
	rf.officerOK[o] = -1
	if ok {
		rf.officerOK[o] = 1
	}
	return ok
}

// match applies the filter to a row. It is the one definition of what a
// filter chooses: the export's scan turns each record into a row and asks
// it too.
func (rf *rowFilter) match(r *idxRow) bool {
	switch {
	case r.deleted,
		rf.kind != 0 && r.kind != rf.kind,
		rf.cat != 0 && r.cat != rf.cat,
		rf.sev != 0 && r.sev != rf.sev,
		rf.status != 0 && r.status != rf.status,
		rf.from != 0 && r.date < rf.from,
		rf.to != 0 && r.date > rf.to,
		rf.cutoff != 0 && (r.kind != rf.diffKind || r.answered || r.received >= rf.cutoff),
		!rf.officerPasses(r.officer):
		return false
	}
	return len(rf.words) == 0 || matchWords(rf.words, r.text)
}

// cmpRows orders rows as a list shows them: negative when a comes first.
func cmpRows(sort string, a, b *idxRow) int {
	desc := func(x, y uint32) int {
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return 0
	}
	idDesc := func() int { return -bytesCompare(a.id[:], b.id[:]) }
	switch sort {
	case "severity":
		if c := desc(uint32(a.sev), uint32(b.sev)); c != 0 {
			return c
		}
		if c := desc(a.date, b.date); c != 0 {
			return c
		}
		return idDesc()
	case "waiting":
		if a.answered != b.answered {
			if a.answered {
				return 1
			}
			return -1
		}
		if a.received != b.received {
			if a.received < b.received {
				return -1
			}
			return 1
		}
		return bytesCompare(a.id[:], b.id[:])
	}
	if c := desc(a.date, b.date); c != 0 {
		return c
	}
	return idDesc()
}

func bytesCompare(a, b []byte) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// A cursor carries the last row of a page: what cmpRows compares.
const cursorLen = 16 + 4 + 8 + 1 + 1

func encodeCursor(r *idxRow) string {
	b := make([]byte, 0, cursorLen)
	b = append(b, r.id[:]...)
	b = binary.BigEndian.AppendUint32(b, r.date)
	b = binary.BigEndian.AppendUint64(b, uint64(r.received))
	b = append(b, r.sev)
	if r.answered {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (idxRow, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) != cursorLen {
		return idxRow{}, ErrBadCursor
	}
	var r idxRow
	copy(r.id[:], b)
	r.date = binary.BigEndian.Uint32(b[16:])
	r.received = int64(binary.BigEndian.Uint64(b[20:]))
	r.sev, r.answered = b[28], b[29] == 1
	return r, nil
}

// best keeps the n first rows by a list's order seen so far: a max-heap
// on that order, so a row worse than all kept costs one comparison.
type best struct {
	sort string
	n    int
	rows []*idxRow
}

func (h *best) less(i, j int) bool { return cmpRows(h.sort, h.rows[i], h.rows[j]) > 0 } // worst on top

func (h *best) offer(r *idxRow) {
	if len(h.rows) < h.n {
		h.rows = append(h.rows, r)
		for i := len(h.rows) - 1; i > 0; {
			p := (i - 1) / 2
			if !h.less(i, p) {
				break
			}
			h.rows[i], h.rows[p] = h.rows[p], h.rows[i]
			i = p
		}
		return
	}
	if cmpRows(h.sort, r, h.rows[0]) >= 0 {
		return
	}
	h.rows[0] = r
	for i := 0; ; {
		l, rr, m := 2*i+1, 2*i+2, i
		if l < len(h.rows) && h.less(l, m) {
			m = l
		}
		if rr < len(h.rows) && h.less(rr, m) {
			m = rr
		}
		if m == i {
			return
		}
		h.rows[i], h.rows[m] = h.rows[m], h.rows[i]
		i = m
	}
}

func (h *best) sorted() []*idxRow {
	out := slices.Clone(h.rows)
	slices.SortFunc(out, func(a, b *idxRow) int { return cmpRows(h.sort, a, b) })
	return out
}

// recordIDs are the ids of recs that parse.
func recordIDs(recs []record.Record) [][16]byte {
	out := make([][16]byte, 0, len(recs))
	for _, r := range recs {
		if id, err := record.ParseID(r.ID); err == nil {
			out = append(out, id)
		}
	}
	return out
}
