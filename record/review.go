package record

import "time"

// Review states HQ gives any record (as ODK Central's): a record with
// issues goes back to the officer with a comment; the officer's fix (a new
// rev) makes it edited; an approved record is locked in the notebook until
// HQ reopens it.
const (
	ReviewHasIssues = "has_issues"
	ReviewApproved  = "approved"
	ReviewEdited    = "edited"
	ReviewReopened  = "reopened"
)

// Review actions HQ takes: the two states it sets, and reopen, which
// unlocks an approved record (state ReviewReopened).
const ReviewReopen = "reopen"

// ReviewActions lists what HQ may do to a record's review.
func ReviewActions() []string { return []string{ReviewHasIssues, ReviewApproved, ReviewReopen} }

// Review is HQ's latest review of a record. It is HQ's: the notebook keeps
// what HQ sent and never pushes it.
type Review struct {
	State   string    `json:"state"`             // one of the Review* states
	Comment string    `json:"comment,omitempty"` // why, for has_issues; may accompany any state
	Author  string    `json:"author,omitempty"`
	At      time.Time `json:"at"`  // HQ's clock
	Rev     int64     `json:"rev"` // the rev HQ reviewed (edited: the rev that came after)
}

// Locked says the officer may not change the record: HQ approved it.
func (r Review) Locked() bool { return r.State == ReviewApproved }

// NeedsFix says HQ found issues in rev (or an earlier one) and the
// officer has not changed the record since.
func (r Review) NeedsFix(rev int64) bool { return r.State == ReviewHasIssues && rev <= r.Rev }

// ValidReviewState says s is a state a review may be in.
func ValidReviewState(s string) bool {
	switch s {
	case ReviewHasIssues, ReviewApproved, ReviewEdited, ReviewReopened:
		return true
	}
	return false
}
