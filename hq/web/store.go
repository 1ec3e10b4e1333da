package web

import (
	"context"
	"time"

	"sotay/hq"
	"sotay/report/decree30"
	"sotay/sync/wire"
)

// Store is what the workspace reads from HQ's database. *hq.DB provides it
// (through FromDB); another engine only has to provide the same.
type Store interface {
	Users() ([]hq.User, error)
	User(id string) (hq.User, error)
	UserByEmail(email string) (hq.User, error)
	UserBySetup(token string) (hq.User, error)
	OfferTOTP(id, secret string) error
	Session(tokenHash string) (hq.Session, hq.User, error)
	TouchSession(tokenHash string, seen time.Time) error

	QueryRecords(ctx context.Context, f hq.RecordFilter, cursor string, limit int) (hq.RecordPage, error)
	QueryPages(ctx context.Context, qs []hq.PageQuery) ([]hq.RecordPage, error)
	EachMatching(ctx context.Context, f hq.RecordFilter, fn func(hq.RecordRow) error) error
	Record(id string) (hq.StoredRecord, error)
	RecordWork(id string) (hq.Work, error)
	Revisions(id string) ([]hq.StoredRecord, error)
	RecordEvents(officer, recordID string) ([]wire.Event, error)
	Officers() ([]hq.Officer, error)
	Notices(limit int) ([]hq.NoticeSent, error)
	Refused() (map[string][]hq.Refusal, error)
	AuditPage(f hq.AuditFilter, before uint64, limit int) ([]hq.AuditEntry, uint64, error)
	Served() (url, fingerprint string, err error)
	// The overview's national picture and the working group's report
	// (hq/picture.go, hq/wgreport.go).
	Picture(ctx context.Context, q hq.PictureQuery) (*hq.Picture, error)
	BuildWGReport(ctx context.Context, q hq.PictureQuery, opt hq.WGOptions) (*hq.WGReport, error)

	// Act returns the writes, each audited as done by a.
	Act(a hq.Actor) Actions
}

// Actions are the workspace's writes. Each one writes its audit entry in
// the same transaction as its change.
type Actions interface {
	CompleteSetup(token, passHash string, totp bool, step int64) (hq.User, error)
	SignInFailed(id, reason string, maxFailures int, lockFor time.Duration) (hq.User, error)
	SignedIn(id string, step int64, tokenHash string, s hq.Session, idle, absolute time.Duration) error
	EndSession(tokenHash, action string) error
	AddAudit(action, target, detail string) error

	Respond(recordID, status, text, author string) (wire.Event, error)
	Review(recordID, action, comment, author string) (wire.Event, error)
	SetAssignee(id, user string) error
	AddNote(id, text string) error
	NoticeTo(title, text string, provinces []string) (int, error)
	SaveWGText(p decree30.Period, limited bool, scope []string, t *hq.WGText) error

	EnrollOfficer(name, province string) (hq.Enrolled, error)
	ReissueOfficer(id string) (hq.Enrolled, error)
	Revoke(officer string) error

	AddUser(name, email string, role hq.Role, provinces []string) (hq.User, string, error)
	ResetUser(id string) (hq.User, string, error)
	DisableUser(id string) error
}

// FromDB is the workspace's Store over HQ's bbolt database.
func FromDB(db *hq.DB) Store { return dbStore{db} }

type dbStore struct{ *hq.DB }

func (s dbStore) Act(a hq.Actor) Actions { return s.DB.As(a) }
