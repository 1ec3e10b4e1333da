package record

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// Decode reads a record from JSON into r, overwriting all of it. It is what
// json.Unmarshal into a new Record gives, several times faster for the form
// MarshalJSON writes: no reflection, and every text field cut out of one
// copy of data. Lists, lists and pages of a notebook, and reports read
// thousands of records a second this way. Anything not in that form (other
// keys, null, surrogate escapes, invalid UTF-8, malformed JSON) is handed
// to encoding/json whole, so the result, or the error, is always its.
func Decode(data []byte, r *Record) error {
	if decodeFlat(data, r) {
		return nil
	}
	*r = Record{}
	return json.Unmarshal(data, r)
}

// decodeFlat decodes the flat form, reporting false at the first thing it
// does not handle (r is then half-written).
func decodeFlat(data []byte, r *Record) bool {
	*r = Record{}
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' {
		return false
	}
	// One string holds every field's text: one allocation, not one a field.
	d := flatDecoder{s: string(data), i: 1}
	for {
		key, ok := d.str()
		if !ok || !d.byte(':') {
			return false
		}
		switch key {
		case "kind":
			var k string
			k, ok = d.str()
			r.Kind = Kind(k)
		case "id":
			r.ID, ok = d.str()
		case "rev":
			var n int64
			n, ok = d.int()
			r.Rev = n
		case "deleted":
			r.Deleted, ok = d.bool()
		case "created":
			ok = d.time(r.Created.UnmarshalJSON)
		case "updated":
			ok = d.time(r.Updated.UnmarshalJSON)
		case "participants", "women":
			var n int64
			if n, ok = d.int(); ok && int64(int(n)) == n {
				if key == "women" {
					w := int(n)
					r.Women = &w
				} else {
					r.Participants = int(n)
				}
			} else {
				ok = false
			}
		case "hours":
			var h float64
			if h, ok = d.float(); ok {
				r.Hours = &h
			}
		case "responses":
			ok = d.array(&r.Responses)
		case "followups":
			ok = d.array(&r.FollowUps)
		case "attachments":
			ok = d.array(&r.Attachments)
		default:
			p := r.text(key)
			if p == nil {
				return false
			}
			*p, ok = d.str()
		}
		if !ok {
			return false
		}
		if d.byte(',') {
			continue
		}
		return d.byte('}') && d.i == len(d.s)
	}
}

// flatDecoder reads s from i on. Its methods report false for anything
// they do not handle, leaving the rest to encoding/json.
type flatDecoder struct {
	s string
	i int
}

func (d *flatDecoder) byte(c byte) bool {
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// str reads a string: a slice of d.s when it has no escape, else unescaped.
func (d *flatDecoder) str() (string, bool) {
	if !d.byte('"') {
		return "", false
	}
	start := d.i
	for j := start; j < len(d.s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			d.i = j + 1
			v := d.s[start:j]
			return v, utf8.ValidString(v)
		case c == '\\':
			return d.unescape(start)
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}

// unescape reads the rest of a string that has escapes, from start.
func (d *flatDecoder) unescape(start int) (string, bool) {
	b := make([]byte, 0, 2*(len(d.s)-start)/3)
	for j := start; j < len(d.s); {
		c := d.s[j]
		switch {
		case c == '"':
			d.i = j + 1
			return string(b), utf8.Valid(b)
		case c < 0x20:
			return "", false
		case c != '\\':
			b = append(b, c)
			j++
			continue
		}
		if j+1 >= len(d.s) {
			return "", false
		}
		switch e := d.s[j+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			if j+6 > len(d.s) {
				return "", false
			}
			n, err := strconv.ParseUint(d.s[j+2:j+6], 16, 16)
			if err != nil || n >= 0xd800 && n < 0xe000 {
				return "", false // surrogates: encoding/json's rules
			}
			b = utf8.AppendRune(b, rune(n))
			j += 6
			continue
		default:
			return "", false
		}
		j += 2
	}
	return "", false
}

// number reads a JSON number's text: -?digits(.digits)?([eE][+-]?digits)?
func (d *flatDecoder) number() (string, bool) {
	s, i := d.s, d.i
	digits := func() bool {
		n := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if !digits() {
		return "", false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return "", false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return "", false
		}
	}
	v := s[d.i:i]
	d.i = i
	return v, true
}

func (d *flatDecoder) int() (int64, bool) {
	v, ok := d.number()
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

func (d *flatDecoder) float() (float64, bool) {
	v, ok := d.number()
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}

func (d *flatDecoder) bool() (bool, bool) {
	for _, lit := range []string{"true", "false"} {
		if len(d.s)-d.i >= len(lit) && d.s[d.i:d.i+len(lit)] == lit {
			d.i += len(lit)
			return lit == "true", true
		}
	}
	return false, false
}

// time hands a quoted timestamp (no escapes) to time.Time's UnmarshalJSON,
// as encoding/json does.
func (d *flatDecoder) time(unmarshal func([]byte) error) bool {
	start := d.i
	if _, ok := d.str(); !ok {
		return false
	}
	return unmarshal([]byte(d.s[start:d.i])) == nil
}

// array hands a JSON array (responses, follow-ups, attachments: rare, and
// small beside the record) to encoding/json; "[]" is the empty, non-nil list it gives.
func (d *flatDecoder) array(v any) bool {
	start, depth, inStr := d.i, 0, false
	for j := start; j < len(d.s); j++ {
		c := d.s[j]
		switch {
		case inStr && c == '\\':
			j++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				if d.s[start] != '[' {
					return false
				}
				d.i = j + 1
				return json.Unmarshal([]byte(d.s[start:d.i]), v) == nil
			}
		}
	}
	return false
}
