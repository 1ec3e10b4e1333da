package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SyncState is what the notebook knows of its link with headquarters. The
// sync package owns its meaning; the store keeps it in the same file so it
// moves in the same transactions as the records.
type SyncState struct {
	HQ          string    `json:"hq,omitempty"`          // HQ's base URL; "" before enrollment
	OfficerID   string    `json:"officer_id,omitempty"`  // as HQ enrolled the officer
	Token       string    `json:"token,omitempty"`       // bearer secret (HQ keeps only its hash)
	Fingerprint string    `json:"fingerprint,omitempty"` // SHA-256 of HQ's certificate, hex; "" = system roots
	PushedAs    string    `json:"pushed_as,omitempty"`   // the officer id HQ took records under; "" before any
	Cursor      uint64    `json:"cursor,omitempty"`      // last HQ event applied
	LastSync    time.Time `json:"last_sync,omitzero"`    // last push+pull that completed
	LastAttempt time.Time `json:"last_attempt,omitzero"` // last try, successful or not
	LastError   string    `json:"last_error,omitempty"`  // why the last try failed; "" after a success
	// ClockSkew is how far this laptop's clock was ahead of HQ's (behind
	// when negative) when HQ last answered, at ClockChecked (the
	// laptop's time); zero ClockChecked: never compared.
	ClockSkew    time.Duration `json:"clock_skew,omitempty"`
	ClockChecked time.Time     `json:"clock_checked,omitzero"`
	News         News          `json:"news,omitzero"` // what pulls brought, not yet told (TakeNews)
	// NewsAnswered are the difficulties News.Answered counts, so that one
	// answered over several pulls counts once.
	NewsAnswered []string `json:"news_answered,omitempty"`
	// HQProtocol is the sync protocol HQ said it speaks (its /v1/health)
	// when last asked; 0: never asked.
	HQProtocol int    `json:"hq_protocol,omitempty"`
	HQVersion  string `json:"hq_version,omitempty"` // HQ's version as it said it then
	// FilesAwaitHQ are records with attached files that an HQ too old for
	// files received (and kept without their list of files): they go
	// again once HQ speaks wire.ProtocolFiles (ResendForFiles).
	FilesAwaitHQ []string `json:"files_await_hq,omitempty"`
}

var syncStateKey = []byte("state")

// SyncState reads the sync state.
func (s *Store) SyncState() (SyncState, error) {
	var st SyncState
	err := s.db.View(func(tx *bolt.Tx) error {
		st, _ = readSyncState(tx)
		return nil
	})
	return st, err
}

// UpdateSyncState changes the sync state in one transaction.
func (s *Store) UpdateSyncState(change func(*SyncState)) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		st, _ := readSyncState(tx)
		change(&st)
		return writeSyncState(tx, st)
	})
}

func readSyncState(tx *bolt.Tx) (SyncState, error) {
	var st SyncState
	v := tx.Bucket(bucketSync).Get(syncStateKey)
	if v == nil {
		return st, nil
	}
	return st, json.Unmarshal(v, &st)
}

func writeSyncState(tx *bolt.Tx, st SyncState) error {
	v, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketSync).Put(syncStateKey, v)
}
