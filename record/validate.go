package record

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"sotay/domain"
	"sotay/vntext"
)

// Problem names what is wrong with a field; the UI and the CLI turn it into
// words from their catalog.
type Problem string

// The problems validation reports.
const (
	ProblemRequired Problem = "required"      // a required field is empty
	ProblemChoice   Problem = "unknown_value" // not one of the allowed values
	ProblemDate     Problem = "bad_date"      // not a date
	ProblemFuture   Problem = "future_date"   // more than FutureDays ahead
	ProblemPast     Problem = "past_date"     // before the year 2000
	ProblemNumber   Problem = "not_a_number"  // not a number
	ProblemNegative Problem = "negative"      // a count or duration below zero
	ProblemRange    Problem = "out_of_range"  // a number too large to be real
	ProblemWomen    Problem = "women_exceed"  // more women than participants
	ProblemTooLong  Problem = "too_long"      // over the field's limit
	ProblemUTF8     Problem = "invalid_utf8"  // bytes that are not UTF-8 text
)

// MaxHours bounds a training's length: a year of days is already absurd.
const MaxHours = 10000

// MaxParticipants bounds the people one training session can have: the
// largest hall-and-video-link sessions reach tens of thousands; more is a
// typing mistake, and a bound keeps every total far from overflowing.
const MaxParticipants = 100000

// FutureDays is how far ahead of the laptop's clock a date may be: a few
// days of slack for wrong clocks and time zones, not planning.
const FutureDays = 3

// FieldError says what is wrong with one field. It is also how HQ's
// refusal of a record names the field and its problem on the wire, and how
// the notebook keeps that refusal with a parked record: one type, so both
// ends word it alike.
type FieldError struct {
	Field   string   `json:"field"`
	Problem Problem  `json:"problem"`
	Value   string   `json:"value,omitempty"`   // the offending value, when short enough to repeat
	Limit   int      `json:"limit,omitempty"`   // the limit, for too_long and out_of_range
	Allowed []string `json:"allowed,omitempty"` // the allowed values, for unknown_value
}

func (e *FieldError) Error() string {
	switch e.Problem {
	case ProblemTooLong:
		return fmt.Sprintf("%s: longer than %d characters", e.Field, e.Limit)
	case ProblemChoice:
		return fmt.Sprintf("%s: unknown value %q (allowed: %s)", e.Field, e.Value, strings.Join(e.Allowed, ", "))
	case ProblemRequired:
		return fmt.Sprintf("%s: required", e.Field)
	}
	if e.Value != "" {
		return fmt.Sprintf("%s: %s (%q)", e.Field, e.Problem, e.Value)
	}
	return fmt.Sprintf("%s: %s", e.Field, e.Problem)
}

// ValidationError holds every problem found in a record, in field order.
type ValidationError struct {
	Fields []*FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Error()
	}
	return "invalid record: " + strings.Join(parts, "; ")
}

// Field returns the problem with the named field, or nil.
func (e *ValidationError) Field(name string) *FieldError {
	for _, f := range e.Fields {
		if f.Field == name {
			return f
		}
	}
	return nil
}

// AsValidation unwraps err to a *ValidationError, turning a lone
// *FieldError into one.
func AsValidation(err error) (*ValidationError, bool) {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve, true
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return &ValidationError{Fields: []*FieldError{fe}}, true
	}
	return nil, false
}

// Normalize makes r's text fit to store and checks it against the rules of
// its kind, as of now (for dates in the future). It cleans in place: NFC,
// control characters other than newline and tab removed, surrounding space
// trimmed, dates rewritten to YYYY-MM-DD.
func (r *Record) Normalize(now time.Time) error {
	fields := fieldsOf(r.Kind)
	if fields == nil {
		return &ValidationError{Fields: []*FieldError{{Field: "kind", Problem: ProblemChoice, Value: string(r.Kind),
			Allowed: []string{string(KindLog), string(KindDifficulty), string(KindTraining)}}}}
	}
	var errs []*FieldError
	add := func(fe *FieldError) { errs = append(errs, fe) }
	for _, f := range fields {
		p := r.text(f.Name)
		if p != nil {
			if !vntext.Valid(*p) {
				add(&FieldError{Field: f.Name, Problem: ProblemUTF8})
				continue
			}
			*p = strings.TrimSpace(vntext.Clean(*p))
			if f.Required && *p == "" {
				add(&FieldError{Field: f.Name, Problem: ProblemRequired})
				continue
			}
		}
		switch f.Type {
		case Text, LongText:
			if n := vntext.Len(*p); n > f.Max {
				add(&FieldError{Field: f.Name, Problem: ProblemTooLong, Limit: f.Max})
			}
		case Choice:
			if *p == "" {
				continue
			}
			if _, ok := domain.Find(f.Choices(), *p); !ok {
				add(&FieldError{Field: f.Name, Problem: ProblemChoice, Value: ShortValue(*p), Allowed: domain.Slugs(f.Choices())})
			}
		case Date:
			d, err := vntext.ParseDate(*p, now)
			switch {
			case err != nil:
				add(&FieldError{Field: f.Name, Problem: ProblemDate, Value: ShortValue(*p)})
			case d.After(time.Date(now.Year(), now.Month(), now.Day()+FutureDays, 0, 0, 0, 0, time.UTC)):
				add(&FieldError{Field: f.Name, Problem: ProblemFuture, Value: d.Format(vntext.DateLayout)})
			case d.Year() < 2000:
				add(&FieldError{Field: f.Name, Problem: ProblemPast, Value: d.Format(vntext.DateLayout)})
			default:
				*p = d.Format(vntext.DateLayout)
			}
		case Integer:
			switch n := r.intField(f.Name); {
			case n < 0:
				add(&FieldError{Field: f.Name, Problem: ProblemNegative, Value: r.Value(f.Name)})
			case n > MaxParticipants:
				add(&FieldError{Field: f.Name, Problem: ProblemRange, Value: r.Value(f.Name), Limit: MaxParticipants})
			}
		case Number:
			switch h := r.HoursOr(0); {
			case h < 0:
				add(&FieldError{Field: f.Name, Problem: ProblemNegative, Value: r.Value(f.Name)})
			case h > MaxHours || h != h: // NaN too
				add(&FieldError{Field: f.Name, Problem: ProblemRange, Value: r.Value(f.Name), Limit: MaxHours})
			}
		}
	}
	if w := r.WomenOr(0); r.Kind == KindTraining && w > r.Participants && w >= 0 && r.Participants >= 0 && w <= MaxParticipants {
		add(&FieldError{Field: "women", Problem: ProblemWomen, Value: r.Value("women")})
	}
	if fe := r.normalizeFollowUps(); fe != nil {
		add(fe)
	}
	if fe := r.normalizeAttachments(); fe != nil {
		add(fe)
	}
	if len(errs) > 0 {
		return &ValidationError{Fields: errs}
	}
	return nil
}

func (r *Record) intField(name string) int {
	if name == "women" {
		return r.WomenOr(0)
	}
	return r.Participants
}

// WomenOr returns the number of women, or unknown if it was not recorded.
func (r *Record) WomenOr(unknown int) int {
	if r.Women == nil {
		return unknown
	}
	return *r.Women
}

// HoursOr returns the session's length in hours, or unknown if it was not
// recorded.
func (r *Record) HoursOr(unknown float64) float64 {
	if r.Hours == nil {
		return unknown
	}
	return *r.Hours
}

// ShortValue keeps a bad value short enough to repeat in a one-line error.
func ShortValue(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
