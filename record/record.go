// Package record is the model both ends of sync share: the kinds of record
// an officer keeps, their fields and the rules they follow, record ids
// (UUIDv7), a difficulty's statuses, and the errors validation reports.
//
// It knows nothing of where records are kept: the notebook (store) and HQ
// (hq) each keep them their own way, and the wire protocol (sync/wire)
// carries them between the two in the JSON form defined here.
package record

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind is the kind of a record.
type Kind string

// The three kinds of record an officer keeps.
const (
	KindLog        Kind = "log"
	KindDifficulty Kind = "difficulty"
	KindTraining   Kind = "training"
)

// Kinds lists every kind, in the order the UI shows them.
func Kinds() []Kind { return []Kind{KindLog, KindDifficulty, KindTraining} }

// ParseKind checks a kind name.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds() {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// Response is one answer HQ gave to a difficulty.
//
// It is one item of HQ's side of a difficulty's thread: an answer with
// text, a status change (Status, set with it), or both. Items that are a
// status change alone (Text "") came with protocol 2; see Answers.
type Response struct {
	At     time.Time `json:"at"`
	Author string    `json:"author"`
	Text   string    `json:"text"`
	Status string    `json:"status,omitempty"`
}

// Record is one entry of the notebook: the envelope (id, kind, rev,
// tombstone, times) and the body fields of its kind. Fields of other kinds
// stay empty. Status and Responses belong to HQ: the laptop never sets them
// except from what HQ sent.
type Record struct {
	ID      string    `json:"id"`
	Kind    Kind      `json:"kind"`
	Rev     int64     `json:"rev"`
	Deleted bool      `json:"deleted"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`

	Date    string `json:"date"` // YYYY-MM-DD
	Commune string `json:"commune"`

	// log
	Activity  string `json:"activity,omitempty"`
	Content   string `json:"content,omitempty"`
	Results   string `json:"results,omitempty"`
	NextSteps string `json:"next_steps,omitempty"`
	Partners  string `json:"partners,omitempty"`

	// difficulty
	Category    string     `json:"category,omitempty"`
	Severity    string     `json:"severity,omitempty"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Proposal    string     `json:"proposal,omitempty"`
	Status      string     `json:"status,omitempty"`
	Responses   []Response `json:"responses,omitempty"`
	FollowUps   []FollowUp `json:"followups,omitempty"` // the officer's, see thread.go

	// training
	Topic        string `json:"topic,omitempty"`
	Audience     string `json:"audience,omitempty"`
	Participants int    `json:"participants,omitempty"`
	Trainers     string `json:"trainers,omitempty"`
	Notes        string `json:"notes,omitempty"`
	// Women and Hours are nil when the officer did not record them: absent
	// from the JSON, shown blank, counted apart in every sum. A pointer to 0
	// is a real zero (an all-male session) and travels as 0. Records written
	// before the two were told apart omitted a 0, so they read as unknown,
	// which is what the reports already took a 0 to mean; an explicit 0 from
	// any client reads as zero.
	Women *int     `json:"women,omitempty"`
	Hours *float64 `json:"hours,omitempty"`

	// every kind: the officer's files (attach.go)
	Attachments []Attachment `json:"attachments,omitempty"`
}

// text returns a pointer to the string field name, or nil.
func (r *Record) text(name string) *string {
	switch name {
	case "date":
		return &r.Date
	case "commune":
		return &r.Commune
	case "activity":
		return &r.Activity
	case "content":
		return &r.Content
	case "results":
		return &r.Results
	case "next_steps":
		return &r.NextSteps
	case "partners":
		return &r.Partners
	case "category":
		return &r.Category
	case "severity":
		return &r.Severity
	case "title":
		return &r.Title
	case "description":
		return &r.Description
	case "proposal":
		return &r.Proposal
	case "status":
		return &r.Status
	case "topic":
		return &r.Topic
	case "audience":
		return &r.Audience
	case "trainers":
		return &r.Trainers
	case "notes":
		return &r.Notes
	}
	return nil
}

// Value returns field name as text, as a form or a CSV cell shows it.
func (r *Record) Value(name string) string {
	switch name {
	case "participants":
		return strconv.Itoa(r.Participants)
	case "women":
		if r.Women == nil {
			return ""
		}
		return strconv.Itoa(*r.Women)
	case "hours":
		if r.Hours == nil {
			return ""
		}
		return strconv.FormatFloat(*r.Hours, 'f', -1, 64)
	}
	if p := r.text(name); p != nil {
		return *p
	}
	return ""
}

// SetValue sets field name from text, as typed in a form or on the command
// line. Numbers are parsed here (a *FieldError if they are not numbers);
// everything else is checked by Validate.
func (r *Record) SetValue(name, v string) error {
	switch name {
	case "participants", "women":
		n := 0
		if v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				return &FieldError{Field: name, Problem: ProblemNumber, Value: v}
			}
		}
		switch {
		case name == "participants":
			r.Participants = n
		case v == "": // an empty field is "not recorded", not 0
			r.Women = nil
		default:
			r.Women = &n
		}
		return nil
	case "hours":
		if v == "" {
			r.Hours = nil
			return nil
		}
		// Vietnamese writes a decimal comma: "1,5" hours.
		h, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err != nil {
			return &FieldError{Field: name, Problem: ProblemNumber, Value: v}
		}
		r.Hours = &h
		return nil
	}
	p := r.text(name)
	if p == nil {
		return fmt.Errorf("unknown field %q", name)
	}
	*p = v
	return nil
}

// SetValues sets several fields of r's kind from text (see SetValue): every
// number that is not one is reported at once, as a *ValidationError in
// field order. A name that is not a field of r's kind is an error.
func (r *Record) SetValues(values map[string]string) error {
	for name := range values {
		if _, ok := FieldByName(r.Kind, name); !ok {
			return fmt.Errorf("%s has no field %q", r.Kind, name)
		}
	}
	var problems []*FieldError
	for _, f := range fieldsOf(r.Kind) {
		v, ok := values[f.Name]
		if !ok {
			continue
		}
		if err := r.SetValue(f.Name, v); err != nil {
			fe, ok := err.(*FieldError)
			if !ok {
				return err
			}
			problems = append(problems, fe)
		}
	}
	if len(problems) > 0 {
		return &ValidationError{Fields: problems}
	}
	return nil
}

// WriteText writes r's free-text fields (Text and LongText, in form order)
// to b, a space after each so that words never run across fields: what
// search indexes.
func (r *Record) WriteText(b *strings.Builder) {
	for _, f := range fieldsOf(r.Kind) {
		if f.Type == Text || f.Type == LongText {
			b.WriteString(*r.text(f.Name))
			b.WriteByte(' ')
		}
	}
}

// Summary is the one line that names a record in lists and messages.
func (r *Record) Summary() string {
	switch r.Kind {
	case KindLog:
		return r.Content
	case KindDifficulty:
		return r.Title
	case KindTraining:
		return r.Topic
	}
	return ""
}

// MarshalJSON writes the flat form of DESIGN.md: the envelope, then the
// fields of the record's kind (all of them, empty or not, but for a number
// not recorded: absent means unknown, 0 is zero), then the HQ-owned
// responses of a difficulty and its follow-ups, when it has any.
func (r Record) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 512)
	b = append(b, `{"id":`...)
	b = strconv.AppendQuote(b, r.ID)
	b = append(b, `,"kind":`...)
	b = strconv.AppendQuote(b, string(r.Kind))
	b = append(b, `,"rev":`...)
	b = strconv.AppendInt(b, r.Rev, 10)
	b = append(b, `,"deleted":`...)
	b = strconv.AppendBool(b, r.Deleted)
	b = append(b, `,"created":"`...)
	b = r.Created.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","updated":"`...)
	b = r.Updated.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	for _, f := range fieldsOf(r.Kind) {
		v := ""
		if f.Type == Integer || f.Type == Number {
			if v = r.Value(f.Name); v == "" {
				continue
			}
		}
		b = append(b, ',', '"')
		b = append(b, f.Name...)
		b = append(b, '"', ':')
		switch f.Type {
		case Integer, Number:
			b = append(b, v...)
		default:
			b = appendJSONString(b, *r.text(f.Name))
		}
	}
	if r.Kind == KindDifficulty {
		b = append(b, `,"responses":`...)
		resp := r.Responses
		if resp == nil {
			resp = []Response{}
		}
		s, err := json.Marshal(resp)
		if err != nil {
			return nil, err
		}
		b = append(b, s...)
		if len(r.FollowUps) > 0 {
			s, err := json.Marshal(r.FollowUps)
			if err != nil {
				return nil, err
			}
			b = append(b, `,"followups":`...)
			b = append(b, s...)
		}
	}
	if len(r.Attachments) > 0 {
		s, err := json.Marshal(r.Attachments)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"attachments":`...)
		b = append(b, s...)
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as a JSON string. Stored text is valid UTF-8
// without control characters but newline and tab, so this is the short
// path of encoding/json (which also escapes <, > and & for HTML; readers
// get the same text either way). Invalid UTF-8 becomes U+FFFD, as there.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\t':
				b = append(b, '\\', 't')
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"
