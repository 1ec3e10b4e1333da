package hq

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/domain"
	"sotay/record"
)

// The workspace's buckets: the people of the working group, their
// sessions, and what HQ keeps about a record that never goes to the officer.
var (
	bucketUsers     = []byte("users")     // user id → User JSON
	bucketUserEmail = []byte("useremail") // email (lower case) → user id
	bucketSetup     = []byte("setup")     // SHA-256 of a setup token → user id
	bucketSessions  = []byte("sessions")  // SHA-256 of a session token → Session JSON
	bucketWork      = []byte("work")      // record id(16) → Work JSON
	bucketPulled    = []byte("pulled")    // officer → the last event seq a pull sent them (8)
	bucketRefused   = []byte("refused")   // officer 0x00 record id → Refusal JSON
	bucketRevisions = []byte("revisions") // record id(16) rev(8) → the StoredRecord that rev replaced
)

// Actor is who did an action and from which address, for the audit log.
// The zero Actor is the command line on HQ's own machine.
type Actor struct {
	User string `json:"user,omitempty"` // user id
	Name string `json:"name,omitempty"`
	Addr string `json:"addr,omitempty"` // the client's IP address
}

// As returns a view of d whose writes the audit log names as done by a.
func (d *DB) As(a Actor) *DB {
	c := *d
	c.actor = a
	return &c
}

// Role is what a workspace user may do.
type Role string

// The roles, from most to least power.
const (
	RoleAdmin   Role = "admin"   // users, officers, enrollment, revocation, audit; and all a member does
	RoleMember  Role = "member"  // reads everything, answers, sends notices
	RoleLiaison Role = "liaison" // reads and answers only the provinces assigned
	RoleViewer  Role = "viewer"  // reads everything
)

// Roles lists the roles.
func Roles() []Role { return []Role{RoleAdmin, RoleMember, RoleLiaison, RoleViewer} }

// User is one person of the working group.
type User struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Role      Role      `json:"role"`
	Provinces []string  `json:"provinces,omitempty"` // a liaison's provinces
	Created   time.Time `json:"created"`
	Disabled  time.Time `json:"disabled,omitzero"`

	PassHash    string    `json:"pass_hash,omitempty"`    // argon2id, see package auth
	TOTPSecret  string    `json:"totp_secret,omitempty"`  // set once the user proved a code
	TOTPStep    int64     `json:"totp_step,omitempty"`    // the last time step accepted: no code twice
	PendingTOTP string    `json:"pending_totp,omitempty"` // offered during setup, not yet proved
	SetupUntil  time.Time `json:"setup_until,omitzero"`   // the setup link works until then

	Failures    int       `json:"failures,omitempty"` // sign-in failures in a row
	LockedUntil time.Time `json:"locked_until,omitzero"`
	LastSignIn  time.Time `json:"last_sign_in,omitzero"`
}

// Active says whether the user may sign in at all.
func (u User) Active() bool { return u.Disabled.IsZero() && u.PassHash != "" }

// Public is the user without their secrets, for lists and the admin socket.
func (u User) Public() User {
	u.PassHash, u.TOTPSecret, u.PendingTOTP = "", "", ""
	return u
}

// Sees says whether the user may read a province's records.
func (u User) Sees(province string) bool {
	return u.Role != RoleLiaison || slices.Contains(u.Provinces, province)
}

// CanAnswer says whether the user may answer a province's difficulties.
func (u User) CanAnswer(province string) bool {
	switch u.Role {
	case RoleAdmin, RoleMember:
		return true
	case RoleLiaison:
		return slices.Contains(u.Provinces, province)
	}
	return false
}

// Session is one signed-in browser. Only the SHA-256 of its token is kept.
type Session struct {
	User    string    `json:"user"`
	Created time.Time `json:"created"`
	Seen    time.Time `json:"seen"`
	Addr    string    `json:"addr,omitempty"`
}

// Errors of the workspace's accounts.
var (
	ErrBadEmail    = &Error{"bad_email", "not an email address"}
	ErrEmailTaken  = &Error{"email_taken", "a user with this email exists"}
	ErrBadRole     = &Error{"bad_role", "unknown role: admin, member, liaison or viewer"}
	ErrNeedProv    = &Error{"need_province", "a liaison needs at least one province"}
	ErrNoUser      = &Error{"no_user", "no such user"}
	ErrBadSetup    = &Error{"bad_setup", "the setup link is unknown or expired"}
	ErrNoSession   = &Error{"no_session", "no such session"}
	errUserMissing = errors.New("user missing")
)

// SetupValidity is how long a setup link works.
const SetupValidity = 72 * time.Hour

// AddUser creates a user who sets a password (and a second factor) through
// the setup link the returned token makes.
func (d *DB) AddUser(name, email string, role Role, provinces []string) (User, string, error) {
	name = cleanText(name)
	email = strings.ToLower(strings.TrimSpace(email))
	switch {
	case name == "":
		return User{}, "", ErrEmpty
	case len([]rune(name)) > record.MaxShort:
		return User{}, "", ErrTooLong
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 {
		return User{}, "", ErrBadEmail
	}
	if !slices.Contains(Roles(), role) {
		return User{}, "", ErrBadRole
	}
	provinces = slices.Clone(provinces)
	slices.Sort(provinces)
	provinces = slices.Compact(provinces)
	for _, p := range provinces {
		if _, ok := domain.ProvinceBySlug(p); !ok {
			return User{}, "", ErrBadProvince
		}
	}
	if role == RoleLiaison && len(provinces) == 0 {
		return User{}, "", ErrNeedProv
	}
	if role != RoleLiaison {
		provinces = nil
	}
	token := newToken()
	now := d.now().UTC()
	u := User{ID: newUserID(), Name: name, Email: email, Role: role, Provinces: provinces, Created: now,
		SetupUntil: now.Add(SetupValidity)}
	err := d.db.Update(func(tx *bolt.Tx) error {
		eb := tx.Bucket(bucketUserEmail)
		if eb.Get([]byte(email)) != nil {
			return ErrEmailTaken
		}
		if err := eb.Put([]byte(email), []byte(u.ID)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketSetup).Put([]byte(hashToken(token)), []byte(u.ID)); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketUsers), []byte(u.ID), u); err != nil {
			return err
		}
		return audit(tx, now, d.actor, "user.add", u.ID, fmt.Sprintf("%s <%s> %s %s", name, email, role, strings.Join(provinces, ",")))
	})
	if err != nil {
		return User{}, "", fmt.Errorf("add user: %w", err)
	}
	return u, token, nil
}

func newUserID() string {
	var b [8]byte
	rand.Read(b[:])
	return "u-" + hex.EncodeToString(b[:])
}

// ResetUser gives a user a new setup link: their password, second factor
// and sessions are gone, and they choose new ones.
func (d *DB) ResetUser(id string) (User, string, error) {
	token := newToken()
	var u User
	err := d.db.Update(func(tx *bolt.Tx) error {
		if err := getJSON(tx.Bucket(bucketUsers), []byte(id), &u); err != nil {
			return userErr(err)
		}
		now := d.now().UTC()
		u.PassHash, u.TOTPSecret, u.PendingTOTP, u.TOTPStep = "", "", "", 0
		u.SetupUntil, u.Failures, u.LockedUntil = now.Add(SetupValidity), 0, time.Time{}
		if err := dropSetups(tx, id); err != nil {
			return err
		}
		if err := tx.Bucket(bucketSetup).Put([]byte(hashToken(token)), []byte(id)); err != nil {
			return err
		}
		if err := dropSessions(tx, id); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketUsers), []byte(id), u); err != nil {
			return err
		}
		return audit(tx, now, d.actor, "user.reset", id, u.Email)
	})
	if err != nil {
		return User{}, "", fmt.Errorf("reset user: %w", err)
	}
	return u, token, nil
}

// DisableUser stops a user at once: their sessions end and they cannot
// sign in again. It cannot be undone except by adding them anew.
func (d *DB) DisableUser(id string) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		var u User
		if err := getJSON(tx.Bucket(bucketUsers), []byte(id), &u); err != nil {
			return userErr(err)
		}
		if !u.Disabled.IsZero() {
			return nil
		}
		now := d.now().UTC()
		u.Disabled = now
		if err := dropSessions(tx, id); err != nil {
			return err
		}
		if err := dropSetups(tx, id); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketUsers), []byte(id), u); err != nil {
			return err
		}
		return audit(tx, now, d.actor, "user.disable", id, u.Email)
	})
}

// Users lists every user, disabled ones included, with their secrets.
func (d *DB) Users() ([]User, error) {
	var out []User
	err := d.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(_, v []byte) error {
			var u User
			if err := json.Unmarshal(v, &u); err != nil {
				return err
			}
			out = append(out, u)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	slices.SortFunc(out, func(a, b User) int { return strings.Compare(a.Email, b.Email) })
	return out, nil
}

// User returns one user.
func (d *DB) User(id string) (User, error) {
	var u User
	err := d.db.View(func(tx *bolt.Tx) error {
		return userErr(getJSON(tx.Bucket(bucketUsers), []byte(id), &u))
	})
	return u, err
}

// UserByEmail finds a user by email, in any case.
func (d *DB) UserByEmail(email string) (User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var u User
	err := d.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bucketUserEmail).Get([]byte(email))
		if id == nil {
			return ErrNoUser
		}
		return userErr(getJSON(tx.Bucket(bucketUsers), id, &u))
	})
	return u, err
}

// UserBySetup finds the user a setup token belongs to while it is valid.
func (d *DB) UserBySetup(token string) (User, error) {
	var u User
	err := d.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bucketSetup).Get([]byte(hashToken(token)))
		if id == nil {
			return ErrBadSetup
		}
		if err := getJSON(tx.Bucket(bucketUsers), id, &u); err != nil {
			return ErrBadSetup
		}
		if !u.Disabled.IsZero() || d.now().After(u.SetupUntil) {
			return ErrBadSetup
		}
		return nil
	})
	return u, err
}

// OfferTOTP keeps the secret the setup page shows until the user proves it.
func (d *DB) OfferTOTP(id, secret string) error {
	return d.updateUser(id, func(u *User) error {
		u.PendingTOTP = secret
		return nil
	})
}

// CompleteSetup sets a user's password hash and, when totp is true, makes
// the offered secret their second factor (the caller checked a code of it
// at step). The setup link stops working.
func (d *DB) CompleteSetup(token, passHash string, totp bool, step int64) (User, error) {
	var u User
	err := d.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSetup)
		id := sb.Get([]byte(hashToken(token)))
		if id == nil {
			return ErrBadSetup
		}
		if err := getJSON(tx.Bucket(bucketUsers), id, &u); err != nil || !u.Disabled.IsZero() || d.now().After(u.SetupUntil) {
			return ErrBadSetup
		}
		u.PassHash, u.SetupUntil = passHash, time.Time{}
		if totp {
			u.TOTPSecret, u.TOTPStep = u.PendingTOTP, step
		}
		u.PendingTOTP = ""
		if err := dropSetups(tx, u.ID); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketUsers), []byte(u.ID), u); err != nil {
			return err
		}
		return audit(tx, d.now(), d.actor, "user.setup", u.ID, fmt.Sprintf("second factor %v", totp))
	})
	return u, err
}

// SignInFailed counts a failed sign-in; after maxFailures in a row the
// user is locked for lockFor. It returns the user as now stored.
func (d *DB) SignInFailed(id, reason string, maxFailures int, lockFor time.Duration) (User, error) {
	var out User
	err := d.db.Update(func(tx *bolt.Tx) error {
		var u User
		if err := getJSON(tx.Bucket(bucketUsers), []byte(id), &u); err != nil {
			return userErr(err)
		}
		now := d.now().UTC()
		u.Failures++
		action := "signin.fail"
		if u.Failures >= maxFailures && now.After(u.LockedUntil) {
			u.LockedUntil, u.Failures = now.Add(lockFor), 0
			action = "signin.locked"
		}
		out = u
		if err := putJSON(tx.Bucket(bucketUsers), []byte(id), u); err != nil {
			return err
		}
		return audit(tx, now, d.actor, action, id, reason)
	})
	return out, err
}

// SignedIn opens a session for a user who proved their password (and their
// second factor at step, if they have one): the failures are forgotten, and
// stale sessions of anyone are swept.
func (d *DB) SignedIn(id string, step int64, tokenHash string, s Session, idle, absolute time.Duration) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		var u User
		if err := getJSON(tx.Bucket(bucketUsers), []byte(id), &u); err != nil {
			return userErr(err)
		}
		now := d.now().UTC()
		u.Failures, u.LockedUntil, u.LastSignIn = 0, time.Time{}, now
		if step > 0 {
			u.TOTPStep = step
		}
		if err := putJSON(tx.Bucket(bucketUsers), []byte(id), u); err != nil {
			return err
		}
		sb := tx.Bucket(bucketSessions)
		var stale [][]byte
		err := sb.ForEach(func(k, v []byte) error {
			var old Session
			if json.Unmarshal(v, &old) != nil || now.Sub(old.Seen) > idle || now.Sub(old.Created) > absolute {
				stale = append(stale, bytes.Clone(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range stale {
			if err := sb.Delete(k); err != nil {
				return err
			}
		}
		if err := putJSON(sb, []byte(tokenHash), s); err != nil {
			return err
		}
		return audit(tx, now, d.actor, "signin", id, "")
	})
}

// Session returns a session and its user. The caller judges timeouts.
func (d *DB) Session(tokenHash string) (Session, User, error) {
	var s Session
	var u User
	err := d.db.View(func(tx *bolt.Tx) error {
		if err := getJSON(tx.Bucket(bucketSessions), []byte(tokenHash), &s); err != nil {
			return ErrNoSession
		}
		if err := getJSON(tx.Bucket(bucketUsers), []byte(s.User), &u); err != nil {
			return ErrNoSession
		}
		return nil
	})
	return s, u, err
}

// TouchSession notes that a session was used at seen.
func (d *DB) TouchSession(tokenHash string, seen time.Time) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSessions)
		var s Session
		if err := getJSON(sb, []byte(tokenHash), &s); err != nil {
			return ErrNoSession
		}
		s.Seen = seen.UTC()
		return putJSON(sb, []byte(tokenHash), s)
	})
}

// EndSession removes a session (sign-out, or a timeout found); action is
// what the audit log calls it, "" for none.
func (d *DB) EndSession(tokenHash, action string) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSessions)
		var s Session
		if err := getJSON(sb, []byte(tokenHash), &s); err != nil {
			return nil
		}
		if err := sb.Delete([]byte(tokenHash)); err != nil {
			return err
		}
		if action == "" {
			return nil
		}
		return audit(tx, d.now(), d.actor, action, s.User, "")
	})
}

// Audit writes a workspace action to the audit log.
func (d *DB) AddAudit(action, target, detail string) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		return audit(tx, d.now(), d.actor, action, target, detail)
	})
}

// AuditFilter chooses entries of the audit log. Zero fields choose all.
type AuditFilter struct {
	Action string // an action, or a prefix ending in "." ("signin.")
	Actor  string // user id
	Target string
	From   time.Time
	To     time.Time // exclusive
}

// AuditPage returns up to limit entries matching f, newest first, older
// than seq before (0: from the newest); next is the cursor for the next page
// (0 when none).
func (d *DB) AuditPage(f AuditFilter, before uint64, limit int) (out []AuditEntry, next uint64, err error) {
	err = d.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		var k, v []byte
		if before == 0 {
			k, v = c.Last()
		} else {
			c.Seek(binary.BigEndian.AppendUint64(nil, before))
			k, v = c.Prev()
		}
		for ; k != nil; k, v = c.Prev() {
			var a AuditEntry
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			a.Seq = binary.BigEndian.Uint64(k)
			if !f.From.IsZero() && a.At.Before(f.From) {
				break // older entries are older still
			}
			if !f.matches(a) {
				continue
			}
			if len(out) == limit {
				next = out[len(out)-1].Seq
				break
			}
			out = append(out, a)
		}
		return nil
	})
	return out, next, err
}

func (f AuditFilter) matches(a AuditEntry) bool {
	switch {
	case f.Action != "" && a.Action != f.Action && !(strings.HasSuffix(f.Action, ".") && strings.HasPrefix(a.Action, f.Action)):
		return false
	case f.Actor != "" && a.Actor.User != f.Actor:
		return false
	case f.Target != "" && a.Target != f.Target:
		return false
	case !f.To.IsZero() && !a.At.Before(f.To):
		return false
	}
	return true
}

func (d *DB) updateUser(id string, fn func(*User) error) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		var u User
		if err := getJSON(tx.Bucket(bucketUsers), []byte(id), &u); err != nil {
			return userErr(err)
		}
		if err := fn(&u); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketUsers), []byte(id), u)
	})
}

func dropSessions(tx *bolt.Tx, user string) error {
	return dropWhere(tx.Bucket(bucketSessions), func(v []byte) bool {
		var s Session
		return json.Unmarshal(v, &s) == nil && s.User == user
	})
}

func dropSetups(tx *bolt.Tx, user string) error {
	return dropWhere(tx.Bucket(bucketSetup), func(v []byte) bool { return string(v) == user })
}

func dropWhere(b *bolt.Bucket, drop func(v []byte) bool) error {
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		if drop(v) {
			keys = append(keys, bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func userErr(err error) error {
	if err == errMissing {
		return ErrNoUser
	}
	return err
}
