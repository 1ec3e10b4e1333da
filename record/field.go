package record

import (
	"slices"
	"sync"

	"sotay/domain"
)

// FieldType says how a field is entered and checked.
type FieldType int

// Field types.
const (
	Text     FieldType = iota // one line
	LongText                  // several lines
	Choice                    // one slug of a fixed list
	Date                      // a calendar date
	Integer                   // a whole number ≥ 0
	Number                    // a decimal number ≥ 0
)

// Field describes one body field of a kind: its name on the wire, in JSON
// and (with _ as -) as a CLI flag, and its rules.
type Field struct {
	Name     string
	Type     FieldType
	Required bool
	Max      int                  // characters, for text
	Choices  func() []domain.Term // for Choice
	HQOwned  bool                 // written only by HQ
}

// Limits of text fields, in characters.
const (
	MaxShort = 300
	MaxLong  = 10000
)

// Fields returns the body fields of kind, in form order.
func Fields(k Kind) []Field { return slices.Clone(fieldsOf(k)) }

// fieldsOf is Fields without the copy, for this package's hot paths; the
// slices are shared and never changed.
func fieldsOf(k Kind) []Field {
	t := fieldTables()
	switch k {
	case KindLog:
		return t[0]
	case KindDifficulty:
		return t[1]
	case KindTraining:
		return t[2]
	}
	return nil
}

var fieldTables = sync.OnceValue(func() [3][]Field {
	return [3][]Field{makeFields(KindLog), makeFields(KindDifficulty), makeFields(KindTraining)}
})

func makeFields(k Kind) []Field {
	date := Field{Name: "date", Type: Date, Required: true}
	commune := Field{Name: "commune", Type: Text, Required: true, Max: MaxShort}
	switch k {
	case KindLog:
		return []Field{date, commune,
			{Name: "activity", Type: Choice, Required: true, Choices: domain.Activities},
			{Name: "content", Type: LongText, Required: true, Max: MaxLong},
			{Name: "results", Type: LongText, Max: MaxLong},
			{Name: "next_steps", Type: LongText, Max: MaxLong},
			{Name: "partners", Type: Text, Max: MaxShort},
		}
	case KindDifficulty:
		return []Field{date, commune,
			{Name: "category", Type: Choice, Required: true, Choices: domain.Categories},
			{Name: "severity", Type: Choice, Required: true, Choices: domain.Severities},
			{Name: "title", Type: Text, Required: true, Max: MaxShort},
			{Name: "description", Type: LongText, Max: MaxLong},
			{Name: "proposal", Type: LongText, Max: MaxLong},
			{Name: "status", Type: Choice, Choices: domain.Statuses, HQOwned: true},
		}
	case KindTraining:
		return []Field{date, commune,
			{Name: "topic", Type: Text, Required: true, Max: MaxShort},
			{Name: "audience", Type: Text, Max: MaxShort},
			{Name: "participants", Type: Integer, Required: true},
			{Name: "women", Type: Integer},
			{Name: "trainers", Type: Text, Max: MaxShort},
			{Name: "hours", Type: Number},
			{Name: "notes", Type: LongText, Max: MaxLong},
		}
	}
	return nil
}

// FieldByName finds a field of kind.
func FieldByName(k Kind, name string) (Field, bool) {
	for _, f := range fieldsOf(k) {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}
