package store

import (
	bolt "go.etcd.io/bbolt"
)

// Setting returns a setting's value, "" when unset.
func (s *Store) Setting(key string) (string, error) {
	var v string
	err := s.db.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketSettings).Get([]byte(key)))
		return nil
	})
	return v, err
}

// SetSetting saves a setting; an empty value removes it.
func (s *Store) SetSetting(key, value string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if value == "" {
			return b.Delete([]byte(key))
		}
		return b.Put([]byte(key), []byte(value))
	})
}

// Draft returns a saved draft (nil when there is none).
func (s *Store) Draft(key string) ([]byte, error) {
	var v []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if d := tx.Bucket(bucketDrafts).Get([]byte(key)); d != nil {
			v = append([]byte(nil), d...)
		}
		return nil
	})
	return v, err
}

// SetDraft saves a draft; nil removes it.
func (s *Store) SetDraft(key string, data []byte) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		if data == nil {
			return b.Delete([]byte(key))
		}
		return b.Put([]byte(key), data)
	})
}

// DraftKeys lists the saved drafts.
func (s *Store) DraftKeys() ([]string, error) {
	var keys []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDrafts).ForEach(func(k, _ []byte) error {
			keys = append(keys, string(k))
			return nil
		})
	})
	return keys, err
}
