package record

import (
	"strings"
	"time"

	"sotay/vntext"
)

// A difficulty is a thread: HQ's items (Responses: answers and status
// changes, in the order HQ made them) and the officer's follow-ups. The two
// lists have one owner each and travel apart (follow-ups in the push, HQ's
// items as pull events), so the order between them cannot come from clocks
// (the laptop's may be wrong): each follow-up says how many of HQ's items
// the officer had when writing it (After). Both ends hold the same two
// lists, so Thread gives the same order on both.

// FollowUp is one thing the officer wrote on a difficulty after sending it:
// a reply to HQ, or (Resolved) the note that it was resolved on site. It is
// the officer's own data: part of the record, saved at rev + 1, pushed.
type FollowUp struct {
	At       time.Time `json:"at"`                 // the laptop's clock: shown, never used to order
	Text     string    `json:"text"`               // the reply, or the resolution note
	After    int       `json:"after"`              // how many of HQ's items (Responses) the officer had
	Resolved bool      `json:"resolved,omitempty"` // the officer marked the difficulty resolved on site
}

// Limits of a thread. The follow-ups' text together stays within what
// keeps the record under HQ's per-record size (256 KiB) with a full body.
const (
	MaxFollowUps    = 200 // follow-ups on one difficulty
	MaxFollowUpText = 60000
	MaxResponses    = 1000
)

// Thread item sources.
const (
	FromOfficer = "officer"
	FromHQ      = "hq"
)

// ThreadItem is one entry of a difficulty's thread.
type ThreadItem struct {
	From     string    `json:"from"` // FromOfficer or FromHQ
	At       time.Time `json:"at"`
	Author   string    `json:"author,omitempty"`   // HQ's: who answered
	Text     string    `json:"text,omitempty"`     // "" for a status change alone
	Status   string    `json:"status,omitempty"`   // HQ's: the status set with it
	Resolved bool      `json:"resolved,omitempty"` // the officer's: resolved on site
}

// Thread is the difficulty's conversation in its one order: each follow-up
// after the HQ items it answers, follow-ups written at the same point in
// the order written.
func (r *Record) Thread() []ThreadItem {
	out := make([]ThreadItem, 0, len(r.Responses)+len(r.FollowUps))
	f := 0
	officer := func(upTo int) {
		for ; f < len(r.FollowUps) && r.FollowUps[f].After <= upTo; f++ {
			fu := r.FollowUps[f]
			out = append(out, ThreadItem{From: FromOfficer, At: fu.At, Text: fu.Text, Resolved: fu.Resolved})
		}
	}
	for i, resp := range r.Responses {
		officer(i)
		out = append(out, ThreadItem{From: FromHQ, At: resp.At, Author: resp.Author, Text: resp.Text, Status: resp.Status})
	}
	officer(int(^uint(0) >> 1))
	return out
}

// WaitingForHQ says the officer spoke last on the difficulty (a follow-up
// that is not a resolution): HQ owes an answer.
func (r *Record) WaitingForHQ() bool {
	n := len(r.FollowUps)
	return n > 0 && !r.FollowUps[n-1].Resolved && r.FollowUps[n-1].After >= len(r.Responses)
}

// ResolvedOnSite is the officer's latest resolution note, if the last
// follow-up is one.
func (r *Record) ResolvedOnSite() (FollowUp, bool) {
	n := len(r.FollowUps)
	if n > 0 && r.FollowUps[n-1].Resolved {
		return r.FollowUps[n-1], true
	}
	return FollowUp{}, false
}

// Answers counts HQ's items that carry text: answers, not status changes
// alone.
func Answers(rs []Response) int {
	n := 0
	for _, r := range rs {
		if r.Text != "" {
			n++
		}
	}
	return n
}

// LastAnswer is HQ's latest item with text, or false.
func LastAnswer(rs []Response) (Response, bool) {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i].Text != "" {
			return rs[i], true
		}
	}
	return Response{}, false
}

// normalizeFollowUps cleans the follow-ups as the body's text is cleaned
// and checks them: only on a difficulty, bounded in count and length, text
// required, and After never going back (a later follow-up cannot have seen
// fewer of HQ's items).
func (r *Record) normalizeFollowUps() *FieldError {
	if len(r.FollowUps) == 0 {
		r.FollowUps = nil
		return nil
	}
	if r.Kind != KindDifficulty {
		return &FieldError{Field: "followups", Problem: ProblemChoice, Value: string(r.Kind), Allowed: []string{string(KindDifficulty)}}
	}
	if len(r.FollowUps) > MaxFollowUps {
		return &FieldError{Field: "followups", Problem: ProblemRange, Limit: MaxFollowUps}
	}
	prev, total := 0, 0
	for i := range r.FollowUps {
		f := &r.FollowUps[i]
		if !vntext.Valid(f.Text) {
			return &FieldError{Field: "followups", Problem: ProblemUTF8}
		}
		f.Text = strings.TrimSpace(vntext.Clean(f.Text))
		f.At = f.At.UTC()
		switch {
		case f.Text == "":
			return &FieldError{Field: "followups", Problem: ProblemRequired}
		case vntext.Len(f.Text) > MaxLong:
			return &FieldError{Field: "followups", Problem: ProblemTooLong, Limit: MaxLong}
		case f.After < prev || f.After > MaxResponses:
			return &FieldError{Field: "followups", Problem: ProblemRange, Limit: MaxResponses}
		}
		if total += vntext.Len(f.Text); total > MaxFollowUpText {
			return &FieldError{Field: "followups", Problem: ProblemTooLong, Limit: MaxFollowUpText}
		}
		prev = f.After
	}
	return nil
}
