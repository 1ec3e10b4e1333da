// Package auth holds the credentials of HQ's workspace users: argon2id
// password hashes, TOTP second factors (RFC 6238) and the random tokens of
// sessions and setup links. It keeps no state; storing users and sessions
// is HQ's database's business.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's 19 MiB, 2 passes, 1 lane, which costs a
// few tens of milliseconds here and keeps a guessing rig slow.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// Password length bounds, in bytes of UTF-8. The upper bound keeps a huge
// "password" from being a cheap way to burn CPU.
const (
	MinPassword = 12
	MaxPassword = 256
)

// Errors callers tell apart.
var (
	ErrShortPassword = errors.New("password too short")
	ErrLongPassword  = errors.New("password too long")
	errBadHash       = errors.New("not an argon2id hash")
)

// CheckPasswordRules says whether pw may become a password.
func CheckPasswordRules(pw string) error {
	switch {
	case len(pw) < MinPassword:
		return ErrShortPassword
	case len(pw) > MaxPassword:
		return ErrLongPassword
	}
	return nil
}

// HashPassword returns pw's argon2id hash in the PHC string format.
func HashPassword(pw string) (string, error) {
	if err := CheckPasswordRules(pw); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// dummyHash is checked against when a user does not exist, so that an
// unknown email costs what a wrong password does.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$bNe9Yp1w7WbVx2F+mr77Qg$OPaJV1L7r1ksjPpHefbHP7+6kYeShtxJOpx9mgctKCg"

// CheckPassword reports whether pw matches hash, in constant time. An
// empty hash (a user who never set one) is checked against a dummy and
// never matches.
func CheckPassword(hash, pw string) bool {
	if len(pw) > MaxPassword {
		return false
	}
	ok := true
	if hash == "" {
		hash, ok = dummyHash, false
	}
	match, err := checkHash(hash, pw)
	return err == nil && match && ok
}

func checkHash(hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var v int
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m > 256*1024 || t > 10 || p == 0 {
		return false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || len(want) > 64 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// NewTOTP makes a TOTP secret for account (the user's email) under issuer;
// the key gives the otpauth:// URL an authenticator app reads and an
// image of it as a QR code.
func NewTOTP(issuer, account string) (*otp.Key, error) {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account})
	if err != nil {
		return nil, fmt.Errorf("make TOTP secret: %w", err)
	}
	return k, nil
}

// TOTPKey rebuilds the key of a secret, for showing it again during setup.
func TOTPKey(issuer, account, secret string) (*otp.Key, error) {
	return otp.NewKeyFromURL(fmt.Sprintf("otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30",
		escape(issuer), escape(account), secret, escape(issuer)))
}

func escape(s string) string {
	r := strings.NewReplacer("%", "%25", " ", "%20", ":", "%3A", "?", "%3F", "&", "%26", "#", "%23", "/", "%2F")
	return r.Replace(s)
}

// CheckTOTP checks a 6-digit code against secret at now, allowing one
// 30-second step of clock drift either way. It returns the time step the
// code belongs to, so that the caller can refuse a code used before
// (step <= the last step accepted): a code seen over a shoulder is worth
// nothing once used.
func CheckTOTP(secret, code string, now time.Time) (step int64, ok bool) {
	code = strings.TrimSpace(code)
	if len(code) != 6 || secret == "" {
		return 0, false
	}
	for _, skew := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(skew) * 30 * time.Second)
		want, err := totp.GenerateCodeCustom(secret, t, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return t.Unix() / 30, true
		}
	}
	return 0, false
}

// NewToken is a fresh secret for a session or a setup link: 256 random
// bits, base64url.
func NewToken() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// HashToken is what the database keeps of a token: its SHA-256, hex. A
// stolen copy of the database opens no session.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
