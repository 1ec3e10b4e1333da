package store

import (
	"strings"

	"sotay/domain"
	"sotay/record"
	"sotay/vntext"
)

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
