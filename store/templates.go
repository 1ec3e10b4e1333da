package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"sotay/record"
	"sotay/vntext"
)

// A template is a record's body kept under a name, for the activities an
// officer writes again and again (the Monday briefing, the monthly
// inspection): a new record starts from it. Templates live in the settings
// bucket under templatePrefix, kind and the folded name, so "Họp giao ban"
// and "hop giao ban" are one template; each save or delete is one
// transaction. They never leave the laptop.
const templatePrefix = "template:"

// MaxTemplateName bounds a template's name, in characters.
const MaxTemplateName = 80

// Template is a named record body.
type Template struct {
	Name   string        `json:"name"`
	Record record.Record `json:"record"` // kind and body; no id, rev or HQ's fields
	Saved  time.Time     `json:"saved"`
}

// ErrTemplateName refuses an empty or too long template name.
var ErrTemplateName error = &codedError{"template_name", fmt.Sprintf("a template needs a name of 1 to %d characters", MaxTemplateName)}

// ErrTemplateExists is SaveTemplate's answer when the name is taken and
// replace was not asked.
var ErrTemplateExists error = &codedError{"template_exists", "a template of that name exists"}

func templateKey(kind record.Kind, name string) []byte {
	return []byte(templatePrefix + string(kind) + ":" + vntext.Fold(name))
}

// templateBody is r as a template keeps it: its kind and the body the
// officer writes, without identity, revision, date or anything HQ owns (a
// record made from it is dated the day it is written).
func templateBody(r record.Record) record.Record {
	t := record.Record{Kind: r.Kind}
	for _, f := range record.Fields(r.Kind) {
		if f.HQOwned || f.Type == record.Date {
			continue
		}
		_ = t.SetValue(f.Name, r.Value(f.Name))
	}
	return t
}

// SaveTemplate keeps r's body under name. A name already used for a
// template of r's kind fails with ErrTemplateExists unless replace is set.
func (s *Store) SaveTemplate(name string, r record.Record, replace bool) (Template, error) {
	name = strings.Join(strings.Fields(vntext.Clean(name)), " ")
	if name == "" || vntext.Len(name) > MaxTemplateName {
		return Template{}, ErrTemplateName
	}
	if _, ok := record.ParseKind(string(r.Kind)); !ok {
		return Template{}, fmt.Errorf("save template: kind %q", r.Kind)
	}
	t := Template{Name: name, Record: templateBody(r), Saved: s.now().UTC()}
	b, err := json.Marshal(t)
	if err != nil {
		return Template{}, fmt.Errorf("save template: %w", err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		bk, k := tx.Bucket(bucketSettings), templateKey(r.Kind, name)
		if bk.Get(k) != nil && !replace {
			return ErrTemplateExists
		}
		return bk.Put(k, b)
	})
	return t, err
}

// Templates lists the templates of kind, by name.
func (s *Store) Templates(kind record.Kind) ([]Template, error) {
	var out []Template
	prefix := []byte(templatePrefix + string(kind) + ":")
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSettings).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var t Template
			if err := json.Unmarshal(v, &t); err != nil {
				return fmt.Errorf("template %s: %w", k, err)
			}
			out = append(out, t)
		}
		return nil
	})
	vntext.SortBy(out, func(t Template) string { return t.Name })
	return out, err
}

// DeleteTemplate forgets the template of kind named name; deleting one
// that is not there is no error.
func (s *Store) DeleteTemplate(kind record.Kind, name string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Delete(templateKey(kind, name))
	})
}
