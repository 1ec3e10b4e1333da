// Package wire is the sync protocol as both ends speak it: the paths, the
// request and response bodies, the codes of refusals, and the enrollment
// code that tells a notebook where HQ is and who it is to HQ.
//
// Two versions live side by side. Protocol 1 (/v1/push, /v1/pull) is what
// notebooks built before follow-ups, reviews and receipts speak; HQ keeps
// answering it exactly as before (hq/testdata/v1 holds a recorded push and
// pull). Protocol 2 (/v2/push, /v2/pull) carries the same bodies plus: a
// difficulty's follow-ups inside the pushed record (the officer's data),
// receipts in the push answer, review events and status changes alone in
// the pull. A notebook that speaks 2 learns HQ's version from /v1/health
// when a /v2 path is refused, and says in words that HQ must be updated: an
// old HQ would otherwise drop the follow-ups silently (unknown JSON fields
// are ignored), so protocol 2 never travels on a /v1 path. Protocol 3 adds
// files; an HQ of 2 takes the push but drops the records' lists of files,
// so a notebook asks /v1/health before pushing (ProtocolFiles).
// The notebook's client (package sync) and the HQ server (package hq) both
// import it; neither imports the other.
package wire

import (
	"time"

	"sotay/record"
)

// The paths carry the version, so a later protocol can live beside this one.
//
//	POST /v1/push   body: PushRequest as JSON, Content-Encoding: zstd
//	                answer: PushResponse
//	GET  /v1/pull?after=N&limit=M   answer: PullResponse (zstd when asked)
//	GET  /v1/health answer: {"ok":true,"version":"HQ's version"}, no token needed
//
// Every request but health carries "Authorization: Bearer OFFICER.SECRET".
// Every request carries the client's version in HeaderVersion (and in
// User-Agent, "sotay/VERSION (GOOS/GOARCH)"); HQ keeps the last one per
// officer, so the working group sees who runs an old build.
// Every refusal is a 4xx (or 5xx) with an ErrorBody.
const (
	PathPush   = "/v1/push"
	PathPull   = "/v1/pull"
	PathHealth = "/v1/health"

	PathPushV2 = "/v2/push" // protocol 2: PushRequest with follow-ups; PushResponse with receipts
	PathPullV2 = "/v2/pull" // protocol 2: review events, status changes alone
)

// Protocol is the newest version of the protocol this build speaks. 3 adds
// the resumable upload of attached files (files.go).
const Protocol = 3

// ProtocolFiles is the first protocol whose HQ keeps a record's list of
// attached files and takes the files. An HQ of protocol 2 takes /v2/push
// but drops the record's "attachments" (unknown JSON fields are ignored),
// so a notebook asks /v1/health before it counts on HQ for files.
const ProtocolFiles = 3

// Health is the answer of /v1/health. Protocol is absent (0) from an HQ
// that speaks only protocol 1.
type Health struct {
	OK       bool   `json:"ok"`
	Version  string `json:"version"`
	Protocol int    `json:"protocol,omitempty"`
}

// Speaks is the newest protocol the HQ that answered h speaks.
func (h Health) Speaks() int { return max(h.Protocol, 1) }

// HeaderVersion carries the client's version (buildinfo.Version).
const HeaderVersion = "Sotay-Version"

// HeaderTime carries the sender's clock, in TimeLayout: HQ's on every
// answer, the notebook's on every request. The notebook compares HQ's
// with its own at each sync (a laptop's clock a year fast makes "today"
// next year); HQ compares the notebook's with its own to say so when it
// refuses a date in the future. The standard Date header says the same
// to the second and is read when this one is absent.
const HeaderTime = "Sotay-Time"

// TimeLayout is how HeaderTime writes a time: RFC 3339 in UTC, to the
// millisecond.
const TimeLayout = "2006-01-02T15:04:05.000Z07:00"

// ClockTolerance is how far two clocks may differ before the officer is
// told: a few minutes of drift and of a slow network are normal.
const ClockTolerance = 5 * time.Minute

// ParseTime reads a HeaderTime value; anything else (or absurdly long) is
// not a time.
func ParseTime(s string) (time.Time, bool) {
	if len(s) > 64 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

// ContentEncoding is the only encoding of request bodies HQ accepts.
const ContentEncoding = "zstd"

// PushRequest is one batch of a device's outbox.
type PushRequest struct {
	Device  string          `json:"device"`  // the notebook's device id
	Through uint64          `json:"through"` // the last outbox sequence the batch covers
	Records []record.Record `json:"records"` // latest revs; HQ-owned fields ignored
}

// PushResponse settles a batch: every record through Ack was applied (or
// was already held at that rev or newer) except the rejected ones.
//
// Protocol 2 adds receipts, HQ's own word that it holds a record at a rev
// and since when: every record of the batch that was not rejected and is
// not in Held was received at ReceivedAt (the time of the transaction that
// applied the batch); Held names those HQ already held at that rev (a
// batch sent again after a lost answer) with the time HQ first held them.
type PushResponse struct {
	Ack        uint64      `json:"ack"`
	Rejected   []Rejection `json:"rejected,omitempty"`
	ReceivedAt time.Time   `json:"received_at,omitzero"` // protocol 2
	Held       []Receipt   `json:"held,omitempty"`       // protocol 2
}

// Receipt says HQ holds a record at Rev since At.
type Receipt struct {
	ID  string    `json:"id"`
	Rev int64     `json:"rev"`
	At  time.Time `json:"at"`
}

// Rejection is HQ's refusal of one record of a batch. Code says why, for
// the notebook to word in the officer's language; for RejectInvalid,
// Fields says which fields break which rule. Message is HQ's English, for
// logs.
type Rejection struct {
	ID      string               `json:"id"`
	Rev     int64                `json:"rev"`
	Code    string               `json:"code"`             // one of the Reject* codes
	Fields  []*record.FieldError `json:"fields,omitempty"` // RejectInvalid: the field problems
	Message string               `json:"message"`
	// ClockAhead is how many seconds the notebook's clock (its
	// HeaderTime) was ahead of HQ's when HQ refused a date in the future
	// (record.ProblemFuture), when that is more than ClockTolerance: the
	// date is likely the wrong clock's "today". 0 otherwise.
	ClockAhead int64 `json:"clock_ahead,omitempty"`
}

// Codes of a rejected record.
const (
	RejectInvalid      = "invalid"       // fails the record rules (fields, lengths, choices)
	RejectOtherOfficer = "other_officer" // the id belongs to another officer's record
	RejectTooLarge     = "too_large"     // one record over the per-record size
	RejectBadID        = "bad_id"        // the id is not a UUIDv7
	RejectBadRev       = "bad_rev"       // the rev is below 1 or beyond MaxRev
	RejectNotRecord    = "not_record"    // the JSON is not a record
	RejectKindChanged  = "kind_changed"  // the record's kind differs from what HQ holds
)

// MaxRev is the highest rev HQ takes: far beyond any count of edits, far
// below where arithmetic on it could overflow.
const MaxRev = 1 << 40

// PullResponse carries HQ's events after the client's cursor.
type PullResponse struct {
	Events []Event `json:"events"`
	Next   uint64  `json:"next"` // the cursor to ask from next time
	More   bool    `json:"more"` // more events wait after Next
}

// Event kinds.
const (
	EventAnswer = "answer" // a status change and/or a response to a difficulty
	EventNotice = "notice" // a notice to every officer
	EventReview = "review" // protocol 2: HQ's review of any record
)

// Event is one thing HQ did that a notebook should learn of.
type Event struct {
	Seq      uint64           `json:"seq"`
	Kind     string           `json:"kind"`
	At       time.Time        `json:"at"`
	Record   string           `json:"record,omitempty"`   // answer: the difficulty's id
	Status   string           `json:"status,omitempty"`   // answer: the new status, or ""
	Response *record.Response `json:"response,omitempty"` // answer: the text, or nil
	Title    string           `json:"title,omitempty"`    // notice
	Text     string           `json:"text,omitempty"`     // notice
	Review   *record.Review   `json:"review,omitempty"`   // review (protocol 2): the record's new review
}

// V1 is the event as protocol 1 carries it, or false when protocol 1 has no
// such event. A status change alone carries no Response in protocol 1 (a
// notebook of then would add it as an empty answer), and a response's
// Status is not sent (the event's Status has it).
func (e Event) V1() (Event, bool) {
	switch e.Kind {
	case EventAnswer:
		if e.Response != nil {
			if e.Response.Text == "" {
				e.Response = nil
			} else {
				r := *e.Response
				r.Status = ""
				e.Response = &r
			}
		}
		if e.Response == nil && e.Status == "" {
			return Event{}, false
		}
		return e, true
	case EventNotice:
		return e, true
	}
	return Event{}, false
}

// ErrorBody is the body of every refusal.
type ErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Codes of a refused request.
const (
	CodeUnauthorized  = "unauthorized"     // no token, or a token HQ does not know
	CodeRevoked       = "revoked"          // the officer's token was revoked
	CodeBodyTooLarge  = "body_too_large"   // compressed body over the limit
	CodeInflateTooBig = "inflate_too_big"  // decompressed body over the limit
	CodeBadEncoding   = "bad_encoding"     // not zstd, or a corrupt stream
	CodeInvalidUTF8   = "invalid_utf8"     // the JSON is not UTF-8
	CodeBadJSON       = "bad_json"         // not a PushRequest
	CodeTooMany       = "too_many_records" // over the records-per-batch limit
	CodeRateLimited   = "rate_limited"     // over the requests-per-minute limit
	CodeBusy          = "busy"             // 503: too many pushes being decoded at once; retry after Retry-After
	CodeBadRequest    = "bad_request"      // anything else wrong with the request
	CodeNotFound      = "not_found"
	CodeMethod        = "method_not_allowed"
	CodeInternal      = "internal"
)
