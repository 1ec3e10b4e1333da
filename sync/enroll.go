package sync

import (
	"fmt"
	"time"

	"sotay/store"
	"sotay/sync/wire"
)

// Enroll checks an enrollment code and keeps it in the notebook's sync
// state. A new code for the same officer (HQ re-issued it) keeps HQ's
// event cursor. A code for another officer starts the cursor afresh, and
// is refused (FailOtherOfficer, naming the old officer id) once records
// went to HQ under the old id: HQ would refuse every later change of them
// as another officer's. HQ re-issues a code for the old id instead
// (`sotay hq enroll --officer OLD-ID`). Parked records HQ refused as
// another officer's are queued again.
func Enroll(st *store.Store, code string) (wire.Enrollment, error) {
	e, err := CheckEnroll(st, code)
	if err != nil {
		return wire.Enrollment{}, err
	}
	err = st.UpdateSyncState(func(s *store.SyncState) {
		if s.HQ != e.URL || s.OfficerID != e.Officer {
			s.Cursor = 0
			s.LastSync = time.Time{}
		}
		s.LastError = ""
		s.HQ, s.OfficerID, s.Token, s.Fingerprint = e.URL, e.Officer, e.Token, e.Fingerprint
	})
	if err != nil {
		return wire.Enrollment{}, fmt.Errorf("save enrollment: %w", err)
	}
	// Records HQ refused as another officer's (the notebook was enrolled
	// with the wrong code for a while) may go now: send them again.
	if _, err := st.Requeue(wire.RejectOtherOfficer); err != nil {
		return wire.Enrollment{}, err
	}
	return e, nil
}

// CheckEnroll says what Enroll would say of code, without keeping it: a
// command can check the code before it writes anything else.
func CheckEnroll(st *store.Store, code string) (wire.Enrollment, error) {
	e, err := wire.ParseCode(code)
	if err != nil {
		return wire.Enrollment{}, &Error{Kind: FailBadCode, Err: err}
	}
	ss, err := st.SyncState()
	if err != nil {
		return wire.Enrollment{}, fmt.Errorf("read sync state: %w", err)
	}
	if old := pushedAs(ss); old != "" && old != e.Officer {
		return wire.Enrollment{}, &Error{Kind: FailOtherOfficer, Detail: old,
			Err: fmt.Errorf("records went to HQ as officer %s; the code is for officer %s", old, e.Officer)}
	}
	return e, nil
}

// pushedAs is the officer id HQ holds the notebook's records under, or ""
// when none went to HQ yet. Notebooks synced before PushedAs was kept count
// as pushed under their officer once a sync completed.
func pushedAs(ss store.SyncState) string {
	if ss.PushedAs != "" {
		return ss.PushedAs
	}
	if ss.OfficerID != "" && !ss.LastSync.IsZero() {
		return ss.OfficerID
	}
	return ""
}
