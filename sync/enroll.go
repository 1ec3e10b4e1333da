package sync

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"sotay/store"
	"sotay/vntext"
)

// codePrefix starts every enrollment code; the digit is the code's version.
const codePrefix = "sotay1."

// ErrBadCode: text that is not an enrollment code (mistyped, cut short).
var ErrBadCode = &Error{Kind: FailBadCode, Err: errors.New("not a valid enrollment code")}

// Enrollment is what an enrollment code carries: where HQ is, who the
// officer is to HQ, the officer's secret, and the SHA-256 of HQ's
// certificate to pin ("" to trust the system's roots).
type Enrollment struct {
	URL         string `json:"u"`
	Officer     string `json:"o"`
	Token       string `json:"t"`
	Fingerprint string `json:"f,omitempty"` // hex, lower case
}

// Code is the enrollment as one pasteable string:
// "sotay1." + base64url(JSON).
func (e Enrollment) Code() string {
	b, _ := json.Marshal(e)
	return codePrefix + base64.RawURLEncoding.EncodeToString(b)
}

// ParseCode reads and checks an enrollment code. Surrounding space and
// line breaks from copying are ignored.
func ParseCode(code string) (Enrollment, error) {
	code = strings.Join(strings.Fields(code), "")
	rest, ok := strings.CutPrefix(code, codePrefix)
	if !ok {
		return Enrollment{}, ErrBadCode
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(rest, "="))
	if err != nil {
		return Enrollment{}, ErrBadCode
	}
	var e Enrollment
	if err := json.Unmarshal(raw, &e); err != nil {
		return Enrollment{}, ErrBadCode
	}
	// Only https: over http the token would travel in clear and nothing
	// would be pinned (a plain-HTTP HQ sits behind a TLS proxy, whose https
	// URL its codes carry). The URL is shown to the officer: nothing in it
	// may act on a terminal.
	u, err := url.Parse(e.URL)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil ||
		vntext.ForTerminal(e.URL) != e.URL || strings.ContainsAny(e.URL, " \t\n") {
		return Enrollment{}, ErrBadCode
	}
	if !officerID.MatchString(e.Officer) || !tokenText.MatchString(e.Token) {
		return Enrollment{}, ErrBadCode
	}
	if e.Fingerprint != "" {
		fp, err := hex.DecodeString(e.Fingerprint)
		if err != nil || len(fp) != 32 {
			return Enrollment{}, ErrBadCode
		}
		e.Fingerprint = strings.ToLower(e.Fingerprint)
	}
	e.URL = strings.TrimRight(e.URL, "/")
	return e, nil
}

// officerID is what HQ makes officer ids of (province slug, "-", hex);
// tokenText is base64url, as HQ makes tokens.
var (
	officerID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	tokenText = regexp.MustCompile(`^[A-Za-z0-9_-]{16,256}$`)
)

// BearerToken is the Authorization value a client sends.
func BearerToken(officer, secret string) string { return "Bearer " + officer + "." + secret }

// Enroll checks an enrollment code and keeps it in the notebook's sync
// state. A new code for the same officer (HQ re-issued it) keeps HQ's
// event cursor. A code for another officer starts the cursor afresh, and
// is refused (FailOtherOfficer, naming the old officer id) once records
// went to HQ under the old id: HQ would refuse every later change of them
// as another officer's. HQ re-issues a code for the old id instead
// (`sotay hq enroll --officer OLD-ID`). Parked records HQ refused as
// another officer's are queued again.
func Enroll(st *store.Store, code string) (Enrollment, error) {
	e, err := CheckEnroll(st, code)
	if err != nil {
		return Enrollment{}, err
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
		return Enrollment{}, fmt.Errorf("save enrollment: %w", err)
	}
	// Records HQ refused as another officer's (the notebook was enrolled
	// with the wrong code for a while) may go now: send them again.
	if _, err := st.Requeue(RejectOtherOfficer); err != nil {
		return Enrollment{}, err
	}
	return e, nil
}

// CheckEnroll says what Enroll would say of code, without keeping it: a
// command can check the code before it writes anything else.
func CheckEnroll(st *store.Store, code string) (Enrollment, error) {
	e, err := ParseCode(code)
	if err != nil {
		return Enrollment{}, err
	}
	ss, err := st.SyncState()
	if err != nil {
		return Enrollment{}, fmt.Errorf("read sync state: %w", err)
	}
	if old := pushedAs(ss); old != "" && old != e.Officer {
		return Enrollment{}, &Error{Kind: FailOtherOfficer, Detail: old,
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
