package store

import (
	"encoding/json"
	"strings"

	bolt "go.etcd.io/bbolt"

	"sotay/domain"
	"sotay/record"
	"sotay/vntext"
)

// Profile is the officer who keeps the notebook.
type Profile struct {
	Name     string `json:"name"`
	Province string `json:"province"`
	Position string `json:"position"`
	DeviceID string `json:"device_id"`
}

// Profile returns the officer's profile, or ErrNoProfile.
func (s *Store) Profile() (Profile, error) {
	var p Profile
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get([]byte("profile"))
		if v == nil {
			return ErrNoProfile
		}
		return json.Unmarshal(v, &p)
	})
	return p, err
}

// SetProfile saves the profile after checking it; a device id is made the
// first time and then kept.
func (s *Store) SetProfile(p Profile) error {
	if err := p.normalize(); err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if old := meta.Get([]byte("profile")); old != nil {
			var prev Profile
			if err := json.Unmarshal(old, &prev); err == nil && prev.DeviceID != "" {
				p.DeviceID = prev.DeviceID
			}
		}
		if p.DeviceID == "" {
			p.DeviceID = record.FormatID(s.ids.Next(s.now()))
		}
		v, err := json.Marshal(p)
		if err != nil {
			return err
		}
		return meta.Put([]byte("profile"), v)
	})
}

// Check cleans the profile as SetProfile would and says what is wrong with
// it, so that a caller can refuse bad input before writing anything else.
func (p *Profile) Check() error { return p.normalize() }

func (p *Profile) normalize() error {
	var errs []*record.FieldError
	for _, f := range []struct {
		name     string
		v        *string
		required bool
	}{{"name", &p.Name, true}, {"province", &p.Province, true}, {"position", &p.Position, false}} {
		if !vntext.Valid(*f.v) {
			errs = append(errs, &record.FieldError{Field: f.name, Problem: record.ProblemUTF8})
			continue
		}
		*f.v = strings.TrimSpace(vntext.Clean(*f.v))
		switch {
		case f.required && *f.v == "":
			errs = append(errs, &record.FieldError{Field: f.name, Problem: record.ProblemRequired})
		case vntext.Len(*f.v) > record.MaxShort:
			errs = append(errs, &record.FieldError{Field: f.name, Problem: record.ProblemTooLong, Limit: record.MaxShort})
		}
	}
	if p.Province != "" {
		if _, ok := domain.ProvinceBySlug(p.Province); !ok {
			errs = append(errs, &record.FieldError{Field: "province", Problem: record.ProblemChoice, Value: record.ShortValue(p.Province), Allowed: domain.ProvinceSlugs()})
		}
	}
	if len(errs) > 0 {
		return &record.ValidationError{Fields: errs}
	}
	return nil
}
