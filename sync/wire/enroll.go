package wire

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"strings"

	"sotay/vntext"
)

// codePrefix starts every enrollment code; the digit is the code's version.
const codePrefix = "sotay1."

// ErrBadCode: text that is not an enrollment code (mistyped, cut short).
var ErrBadCode = errors.New("not a valid enrollment code")

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
// line breaks from copying are ignored. Every failure is ErrBadCode.
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
		if err != nil || len(fp) != sha256.Size {
			return Enrollment{}, ErrBadCode
		}
		e.Fingerprint = strings.ToLower(e.Fingerprint)
	}
	e.URL = strings.TrimRight(e.URL, "/")
	return e, nil
}

// officerID is what HQ makes officer ids of (province slug, "-", hex);
// tokenText is base64url, as HQ makes tokens. Compiled once, never changed.
var (
	officerID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	tokenText = regexp.MustCompile(`^[A-Za-z0-9_-]{16,256}$`)
)

// BearerToken is the Authorization value a client sends.
func BearerToken(officer, secret string) string { return "Bearer " + officer + "." + secret }

// Fingerprint is the hex SHA-256 of a DER certificate, as an enrollment
// code carries it and the client pins it.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}
