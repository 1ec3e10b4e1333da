package sync

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"sotay/store"
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
	u, err := url.Parse(e.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return Enrollment{}, ErrBadCode
	}
	if e.Officer == "" || strings.ContainsAny(e.Officer, ". \t\n") || len(e.Token) < 16 {
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

// BearerToken is the Authorization value a client sends.
func BearerToken(officer, secret string) string { return "Bearer " + officer + "." + secret }

// Enroll checks an enrollment code and keeps it in the notebook's sync
// state. Enrolling with another HQ or as another officer starts HQ's event
// cursor afresh.
func Enroll(st *store.Store, code string) (Enrollment, error) {
	e, err := ParseCode(code)
	if err != nil {
		return Enrollment{}, err
	}
	err = st.UpdateSyncState(func(s *store.SyncState) {
		if s.HQ != e.URL || s.OfficerID != e.Officer {
			s.Cursor = 0
			s.LastSync, s.LastError = time.Time{}, ""
		}
		s.HQ, s.OfficerID, s.Token, s.Fingerprint = e.URL, e.Officer, e.Token, e.Fingerprint
	})
	if err != nil {
		return Enrollment{}, fmt.Errorf("save enrollment: %w", err)
	}
	return e, nil
}
